package extract

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var dumpFile = flag.String("dump", "", "article to dump")

func TestDump(t *testing.T) {
	if *dumpFile == "" {
		t.Skip()
	}
	raw, _ := os.ReadFile(*dumpFile)
	h, body, err := ParseArticle(string(raw))
	if err != nil {
		t.Fatal(err)
	}
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	r := x.Extract(Article{Text: body, Title: h.Title, Publisher: h.Publisher, Kind: h.Kind})
	for _, e := range r.Entities {
		var ms []string
		for _, m := range e.Mentions {
			ms = append(ms, m.Text)
		}
		fmt.Printf("E %-12s %-8s %-40s %s | %s\n", e.Type, e.PlaceKind, e.Name, e.Rule, strings.Join(ms, "; "))
	}
	for _, c := range r.Claims {
		spk := c.SpeakerText
		if c.Speaker >= 0 {
			spk = "=" + r.Entities[c.Speaker].Name
		}
		if c.Kind == Narrative {
			fmt.Printf("N %s\n", c.Text)
			continue
		}
		fmt.Printf("C %-16s %-30s [%s] %s  (%s)\n", c.Kind, spk, c.Cue, c.Text, c.Rule)
	}
	for _, rel := range r.Relations {
		fmt.Printf("R %s %s %s %v by %s (%s)\n", r.Entities[rel.Subject].Name, rel.Predicate, r.Entities[rel.Object].Name, rel.Polarity, r.Claims[rel.Claim].SpeakerText, rel.Rule)
	}
}
