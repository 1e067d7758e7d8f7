package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// TestE2EWalks: the real binary ingests three small articles of
// testdata/walk, each from another publisher, and serves them; over
// HTTP a three-step path crosses all three, every step a relation group
// with the claims behind it — claim text (its span in its document's
// text), speaker, document — and the neighbourhood filters by sources
// and dates:
//
//	Tarsa ←CONTROLS– Harmal Brigade –FIGHTS– Sadir Front –ALLIED_WITH– Qarun Brigades –CONTROLS→ Mirwa
func TestE2EWalks(t *testing.T) {
	db := t.TempDir()
	mustKG(t, "", "ingest", "--db", db, filepath.Join(moduleRoot(t), "cmd", "kg", "testdata", "walk"))
	srv := startServer(t, db)
	defer srv.stop(t)
	tarsa := srv.entity(t, "Tarsa", "PLACE")
	harmal := srv.entity(t, "Harmal Brigade", "ARMED_GROUP")
	qarun := srv.entity(t, "Qarun Brigades", "ARMED_GROUP")
	if t.Failed() {
		t.FailNow()
	}

	type claimNode struct {
		Text, SpeakerText string
		Start, End        int
		Speaker           *struct{ Name string }
		Document          struct{ URL, Text string }
	}
	var data struct {
		Paths struct {
			Length    *int
			HasMore   bool
			Truncated bool
			Paths     []struct {
				Steps []struct {
					From, To struct{ Name string }
					Forward  bool
					Group    struct {
						Predicate, Status string
						Sources           int
						Relations         []struct {
							Polarity bool
							Claim    claimNode
						}
					}
				}
			}
		}
	}
	srv.query(t, `query($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxHops: 4) { length hasMore truncated
	  paths { steps { from { name } to { name } forward
	    group { predicate status sources relations { polarity claim { text speakerText start end speaker { name } document { url text } } } } } }
	} }`, map[string]any{"a": tarsa.ID, "b": qarun.ID}, &data)
	p := data.Paths
	if p.Length == nil || *p.Length != 3 || len(p.Paths) != 1 || p.HasMore || p.Truncated {
		t.Fatalf("paths Tarsa → Qarun Brigades: %+v; want one path of 3 steps", p)
	}
	var walked []string
	urls := map[string]bool{}
	for i, s := range p.Paths[0].Steps {
		walked = append(walked, s.From.Name+" "+s.Group.Predicate+" "+s.To.Name)
		if len(s.Group.Relations) == 0 {
			t.Errorf("step %d (%s) has no claim", i, walked[i])
		}
		for _, r := range s.Group.Relations {
			c := r.Claim
			text := []rune(c.Document.Text)
			if c.Start < 0 || c.End > len(text) || c.Start >= c.End || string(text[c.Start:c.End]) != c.Text {
				t.Errorf("step %d: claim %q is not its document's text at [%d:%d]", i, c.Text, c.Start, c.End)
			}
			if c.SpeakerText == "" || c.Document.URL == "" {
				t.Errorf("step %d: claim %q has no source or no document: %+v", i, c.Text, c)
			}
			urls[c.Document.URL] = true
		}
	}
	if got, want := strings.Join(walked, " | "), "Tarsa CONTROLS Harmal Brigade | Harmal Brigade FIGHTS Sadir Front | Sadir Front ALLIED_WITH Qarun Brigades"; got != want {
		t.Errorf("steps:\n%s\nwant\n%s", got, want)
	}
	if st := p.Paths[0].Steps; st[0].Forward {
		t.Errorf("Tarsa is controlled: the first step goes against CONTROLS")
	}
	if len(urls) != 3 {
		t.Errorf("the path's claims come from %d documents, want the 3 articles: %v", len(urls), urls)
	}
	// Who says Harmal Brigade fights the Sadir Front: a commander by name.
	var qadri bool
	for _, r := range p.Paths[0].Steps[1].Group.Relations {
		qadri = qadri || r.Claim.Speaker != nil && r.Claim.Speaker.Name == "Omar Qadri"
	}
	if !qadri {
		t.Errorf("Omar Qadri is not among the sources of the fight: %+v", p.Paths[0].Steps[1].Group)
	}

	neighbors := func(args string) map[string]int {
		t.Helper()
		var data struct {
			Neighbors struct {
				Truncated bool
				Neighbors []struct {
					Entity   struct{ Name string }
					Distance int
					Via      []struct{ Predicate string }
				}
			}
		}
		srv.query(t, `query($id: ID!) { neighbors(id: $id, `+args+`) { truncated neighbors { entity { name } distance via { predicate } } } }`,
			map[string]any{"id": harmal.ID}, &data)
		out := map[string]int{}
		for _, n := range data.Neighbors.Neighbors {
			out[n.Entity.Name] = n.Distance
			if len(n.Via) == 0 {
				t.Errorf("neighbour %s (%s) reached through no group", n.Entity.Name, args)
			}
		}
		return out
	}
	// Mirwa's only source is one analyst: two sources leave it out.
	if got := neighbors("hops: 3"); got["Mirwa"] != 3 || got["Tarsa"] != 1 || got["Qarun Brigades"] != 2 {
		t.Errorf("3 hops of Harmal Brigade: %v", got)
	}
	if got := neighbors("hops: 3, minSources: 2"); got["Mirwa"] != 0 || got["Qarun Brigades"] != 2 {
		t.Errorf("3 hops of Harmal Brigade, 2 sources or more: %v", got)
	}
	// The fight was first reported in May.
	if got := neighbors("until: \"2023-04-30\""); len(got) != 1 || got["Tarsa"] != 1 {
		t.Errorf("Harmal Brigade until April: %v", got)
	}
}

// TestE2EReadmeWalks runs the README's walk examples (fenced "graphql
// walk": their variables are entity IDs, named by "# $variable: entity
// name" lines) on the project's articles, and checks each answer against
// the JSON block that follows it ({"data": ...}, as the other examples show it).
func TestE2EReadmeWalks(t *testing.T) {
	root := moduleRoot(t)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```graphql walk\n(.*?)```\n\\s*```json\n(.*?)```").FindAllStringSubmatch(string(readme), -1)
	if len(blocks) < 2 {
		t.Fatalf("found %d walk examples with their answers in the README, want 2 (neighbors, paths)", len(blocks))
	}
	db := t.TempDir()
	mustKG(t, "", "ingest", "--db", db, filepath.Join(root, "testdata", "articles"))
	srv := startServer(t, db)
	defer srv.stop(t)
	for i, b := range blocks {
		vars := map[string]any{}
		for _, m := range regexp.MustCompile(`(?m)^# \$(\w+): (.+)$`).FindAllStringSubmatch(b[1], -1) {
			var found struct {
				Entities struct{ Nodes []struct{ ID, Name string } }
			}
			srv.query(t, `query($n: String) { entities(name: $n, first: 1) { nodes { id name } } }`, map[string]any{"n": m[2]}, &found)
			if len(found.Entities.Nodes) == 0 {
				t.Fatalf("README walk example %d: no entity named %q", i+1, m[2])
			}
			vars[m[1]] = found.Entities.Nodes[0].ID
		}
		var got any
		var want struct{ Data any }
		srv.query(t, b[1], vars, &got)
		if err := json.Unmarshal([]byte(b[2]), &want); err != nil {
			t.Fatalf("README walk example %d: its answer is not JSON: %v", i+1, err)
		}
		if !reflect.DeepEqual(got, want.Data) {
			raw, _ := json.MarshalIndent(got, "", "  ")
			t.Errorf("README walk example %d:\n%s\nanswers\n%s\nnot what the README shows", i+1, b[1], raw)
		}
	}
}
