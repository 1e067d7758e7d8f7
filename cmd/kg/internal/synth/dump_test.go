package synth

import (
	"context"
	"fmt"
	"os"
	"testing"
)

func TestDump(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	Generate(context.Background(), 12, 1, func(i int, a Article) error {
		fmt.Printf("=== %d %s %d bytes\n%s\n", i, a.Style, len(a.Text), a.AppendTxt(nil))
		return nil
	})
}

func TestDumpWorld(t *testing.T) {
	if os.Getenv("DUMPW") == "" {
		t.Skip()
	}
	w := newWorld(1)
	cd := &w.countries[0]
	for k := 0; k < 40; k++ {
		fmt.Printf("%s | %s | %s\n", string(appendName(nil, w.ents[cd.towns.ids[k*50]].first[0], 0, artAl)),
			w.ents[cd.groups.ids[k*20]].first, w.ents[cd.people.ids[k*100]].first)
	}
	fmt.Println(len(w.ents))
}
