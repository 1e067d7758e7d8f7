package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestE2EContestedRelation: in 000-deir-ezor-plea.txt the article's own
// voice puts ISIS and the regime on one battlefield while the interviewee
// answers "No, never" to "are there battles between ISIS and the regime?".
// Over HTTP, that relation comes back CONTESTED, with both sources.
func TestE2EContestedRelation(t *testing.T) {
	srv := serveDeirEzor(t)
	defer srv.stop(t)
	var got struct {
		Entities struct {
			Nodes []struct {
				RelationGroups []struct {
					Subject, Object     struct{ Name string }
					Status              string
					Supporting, Denying int
					Relations           []struct {
						Polarity bool
						Claim    struct{ Speaker struct{ Name string } }
					}
				}
			}
		}
	}
	srv.query(t, `{ entities(name: "ISIS", type: ARMED_GROUP) { nodes { relationGroups(predicate: FIGHTS) {
	  subject { name } object { name } status supporting denying relations { polarity claim { speaker { name } } } } } } }`, nil, &got)
	if len(got.Entities.Nodes) == 0 {
		t.Fatal("no ISIS entity")
	}
	for _, g := range got.Entities.Nodes[0].RelationGroups {
		other := g.Object.Name
		if strings.Contains(other, "Islamic State") {
			other = g.Subject.Name
		}
		if !strings.Contains(strings.ToLower(other), "regime") {
			continue
		}
		if g.Status != "CONTESTED" || g.Supporting == 0 || g.Denying == 0 {
			t.Fatalf("ISIS FIGHTS %s: %s with %d asserting and %d denying; want CONTESTED", other, g.Status, g.Supporting, g.Denying)
		}
		speakers := map[bool]string{}
		for _, r := range g.Relations {
			speakers[r.Polarity] = r.Claim.Speaker.Name
		}
		if speakers[false] != "Khalid Niklawi" {
			t.Errorf("the denial is by %q, want Khalid Niklawi", speakers[false])
		}
		return
	}
	t.Fatalf("no FIGHTS group between ISIS and the regime: %+v", got.Entities.Nodes[0].RelationGroups)
}

// TestE2EFigures: the Observatory's claims in 000-deir-ezor-plea.txt give
// more than 130,000 displaced and 634 killed, as figures whose spans slice
// back from the document's text.
func TestE2EFigures(t *testing.T) {
	srv := serveDeirEzor(t)
	defer srv.stop(t)
	var got struct {
		Entities struct {
			Nodes []struct {
				ClaimsBy struct {
					Nodes []struct {
						Document struct{ Text string }
						Figures  []struct {
							Kind, Text string
							Qualifier  *string
							Value      float64
							Start, End int
						}
					}
				}
			}
		}
	}
	srv.query(t, `{ entities(name: "Syrian Observatory for Human Rights") { nodes { claimsBy(first: 10) { nodes {
	  document { text } figures { kind value qualifier text start end } } } } } }`, nil, &got)
	if len(got.Entities.Nodes) == 0 {
		t.Fatal("no Syrian Observatory for Human Rights")
	}
	seen := map[string]string{}
	for _, c := range got.Entities.Nodes[0].ClaimsBy.Nodes {
		text := []rune(c.Document.Text)
		for _, f := range c.Figures {
			if f.Start < 0 || f.End > len(text) || string(text[f.Start:f.End]) != f.Text {
				t.Errorf("figure %+v does not slice back from the document", f)
			}
			q := ""
			if f.Qualifier != nil {
				q = *f.Qualifier
			}
			seen[fmt.Sprintf("%s %.0f", f.Kind, f.Value)] = q
		}
	}
	if q, ok := seen["DISPLACED 130000"]; !ok || q != "more than" {
		t.Errorf("figures %v; want DISPLACED 130000 qualified \"more than\"", seen)
	}
	if _, ok := seen["KILLED 634"]; !ok {
		t.Errorf("figures %v; want KILLED 634", seen)
	}
}

// serveDeirEzor ingests ../shared/corpus/000-deir-ezor-plea.txt into a
// fresh database and serves it; the test is skipped without the corpus.
func serveDeirEzor(t *testing.T) *server {
	t.Helper()
	article := filepath.Join(moduleRoot(t), "..", "shared", "corpus", "000-deir-ezor-plea.txt")
	if _, err := os.Stat(article); err != nil {
		t.Skipf("the shared corpus is not beside the repository (%v)", err)
	}
	db := t.TempDir()
	mustKG(t, "", "ingest", "--db", db, article)
	return startServer(t, db)
}
