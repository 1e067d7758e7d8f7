package graph

import (
	"context"
	"strings"
	"testing"
	"sort"
)

func TestZZCountEntries(t *testing.T) {
	s, _ := openStore(t)
	g := newSynth(1)
	ins := make([]IngestInput, 2000)
	for i := range ins { ins[i] = g.doc() }
	s.IngestBatch(context.Background(), ins[:1000])
	w := &batchWriter{s: s, entities: map[string]*entityState{}}
	w.txn = s.db.NewTransaction(true)
	counts := map[string]int{}
	bytes := map[string]int{}
	n := 0
	for _, in := range ins[1000:] {
		p, err := w.plan(&in)
		if err != nil { t.Fatal(err) }
		for _, e := range p.entries {
			pre := string(e.k[:strings.IndexByte(string(e.k), '/')+1])
			counts[pre]++
			bytes[pre] += len(e.k) + len(e.v)
		}
		n++
	}
	var keys []string
	for k := range counts { keys = append(keys, k) }
	sort.Strings(keys)
	tot := 0
	for _, k := range keys { t.Logf("%-4s %6.1f keys/doc %7.1f B/doc", k, float64(counts[k])/float64(n), float64(bytes[k])/float64(n)); tot += counts[k] }
	t.Logf("total %.1f keys/doc", float64(tot)/float64(n))
}
