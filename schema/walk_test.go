package schema

import (
	"encoding/json"
	"strings"
	"testing"
)

// entityID finds the ID of the fixture entity named name.
func entityID(t *testing.T, f *fixture, name string) string {
	t.Helper()
	srv := f.server(t, HandlerConfig{})
	data := mustData(t, post(t, srv, `query($n: String!) { entities(name: $n) { nodes { id } } }`, map[string]any{"n": name}))
	nodes := atList(t, data, "entities", "nodes")
	if len(nodes) != 1 {
		t.Fatalf("entities named %q: %v", name, nodes)
	}
	return atString(t, nodes[0], "id")
}

// TestWalkQueries: Query.paths and Query.neighbors over the fixture's
// groups: Kafr Nabl ←CONTROLS– Nusra –FIGHTS– Islamic State –CONTROLS→
// Raqqa, Nusra NOT ALLIED_WITH Islamic State.
func TestWalkQueries(t *testing.T) {
	f := newFixture(t, Config{})
	srv := f.server(t, HandlerConfig{})
	kafr, raqqa, nusra := entityID(t, f, "Kafr Nabl"), entityID(t, f, "Raqqa"), entityID(t, f, "Jabhat al-Nusra")

	data := mustData(t, post(t, srv, `query($a: ID!, $b: ID!) { paths(from: $a, to: $b) {
	  from { name } to { name } length hasMore truncated
	  paths { length steps { from { name } to { name } forward
	    group { predicate status sources relations { claim { text speakerText document { url } } start end } } } }
	} }`, map[string]any{"a": kafr, "b": raqqa}))
	var got struct {
		Paths struct {
			From, To  struct{ Name string }
			Length    int
			HasMore   bool
			Truncated bool
			Paths     []struct {
				Length int
				Steps  []struct {
					From, To struct{ Name string }
					Forward  bool
					Group    struct {
						Predicate, Status string
						Sources           int
						Relations         []struct {
							Claim struct {
								Text, SpeakerText string
								Document          struct{ URL string }
							}
							Start, End int
						}
					}
				}
			}
		}
	}
	raw, _ := json.Marshal(data)
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	p := got.Paths
	if p.From.Name != "Kafr Nabl" || p.To.Name != "Raqqa" || p.Length != 3 || len(p.Paths) != 1 || p.HasMore || p.Truncated {
		t.Fatalf("paths Kafr Nabl → Raqqa: %s", raw)
	}
	var walked []string
	for i, s := range p.Paths[0].Steps {
		walked = append(walked, s.From.Name+" "+s.Group.Predicate+" "+s.To.Name)
		if len(s.Group.Relations) != 1 || s.Group.Relations[0].Claim.Text == "" || s.Group.Relations[0].Claim.Document.URL == "" ||
			s.Group.Relations[0].End <= s.Group.Relations[0].Start {
			t.Errorf("step %d has no sourced claim: %+v", i, s.Group)
		}
	}
	if want := "Kafr Nabl CONTROLS Jabhat al-Nusra|Jabhat al-Nusra FIGHTS Islamic State|Islamic State CONTROLS Raqqa"; strings.Join(walked, "|") != want {
		t.Errorf("steps %q, want %q", walked, want)
	}
	if st := p.Paths[0].Steps; st[0].Forward || !st[2].Forward {
		t.Errorf("directions: Kafr Nabl is CONTROLLED (backward), Raqqa controlled (forward): %+v", st)
	}
	if c := p.Paths[0].Steps[2].Group.Relations[0].Claim; c.Text != "Islamic State controls Raqqa" || c.SpeakerText != "Raqqa Is Being Slaughtered Silently" {
		t.Errorf("claim of the last step: %+v", c)
	}

	// Two hops are not enough; the answer says there is no path.
	data = mustData(t, post(t, srv, `query($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxHops: 2) { length paths { length } } }`,
		map[string]any{"a": kafr, "b": raqqa}))
	if at(t, data, "paths", "length") != nil || len(atList(t, data, "paths", "paths")) != 0 {
		t.Errorf("paths within 2 hops: %v", data)
	}

	// Nusra's neighbours: the denied alliance is no step, the fight is.
	data = mustData(t, post(t, srv, `query($id: ID!) { neighbors(id: $id) { center { name } hasMore truncated
	  neighbors { entity { name } distance via { predicate status subject { name } object { name } } } } }`, map[string]any{"id": nusra}))
	var names []string
	for _, n := range atList(t, data, "neighbors", "neighbors") {
		names = append(names, atString(t, n, "entity", "name"))
		if atInt(t, n, "distance") != 1 || len(atList(t, n, "via")) != 1 {
			t.Errorf("neighbour %v", n)
		}
	}
	if strings.Join(names, "|") != "Kafr Nabl|Free Syrian Army|Islamic State" {
		t.Errorf("neighbours of Nusra: %q", names)
	}
	data = mustData(t, post(t, srv, `query($id: ID!) { neighbors(id: $id, hops: 2, predicates: [FIGHTS]) { neighbors { entity { name } distance } } }`,
		map[string]any{"id": raqqa}))
	if n := atList(t, data, "neighbors", "neighbors"); len(n) != 0 {
		t.Errorf("Raqqa has no FIGHTS group: %v", n)
	}
	data = mustData(t, post(t, srv, `query($id: ID!) { neighbors(id: $id, hops: 3) { neighbors { entity { name } distance } } }`,
		map[string]any{"id": raqqa}))
	dist := map[string]int{}
	for _, n := range atList(t, data, "neighbors", "neighbors") {
		dist[atString(t, n, "entity", "name")] = atInt(t, n, "distance")
	}
	if dist["Islamic State"] != 1 || dist["Jabhat al-Nusra"] != 2 || dist["Kafr Nabl"] != 3 || dist["Free Syrian Army"] != 3 {
		t.Errorf("3 hops of Raqqa: %v", dist)
	}
	// Dates: the fight was reported on 2014-06-12 only.
	data = mustData(t, post(t, srv, `query($id: ID!) { a: neighbors(id: $id, since: "2014-06-12") { neighbors { entity { name } } }
	  b: neighbors(id: $id, until: "2014-06-11") { neighbors { entity { name } } } }`, map[string]any{"id": raqqa}))
	if len(atList(t, data, "a", "neighbors")) != 1 || len(atList(t, data, "b", "neighbors")) != 0 {
		t.Errorf("dated neighbours of Raqqa: %v", data)
	}

	// An unknown entity is null; bad arguments are named.
	data = mustData(t, post(t, srv, `{ neighbors(id: "00000000-0000-7000-8000-000000000000") { hasMore } }`, nil))
	if at(t, data, "neighbors") != nil {
		t.Errorf("neighbours of nobody: %v", data)
	}
	for q, arg := range map[string]string{
		`query($id: ID!) { neighbors(id: $id, hops: 4) { hasMore } }`:             "hops",
		`query($id: ID!) { neighbors(id: $id, since: "last week") { hasMore } }`:  "since",
		`query($id: ID!) { neighbors(id: $id, first: 0) { hasMore } }`:            "first",
		`query($id: ID!) { paths(from: $id, to: $id, maxHops: 5) { length } }`:    "maxHops",
		`query($id: ID!) { neighbors(id: $id, minSources: 0) { hasMore } }`:       "minSources",
		`query($id: ID!) { paths(from: $id, to: "not-an-id") { length } }`:        "to",
		`query($id: ID!) { paths(from: $id, to: $id, first: 100000) { length } }`: "first",
	} {
		r := post(t, srv, q, map[string]any{"id": nusra})
		if len(r.Errors) == 0 || r.Errors[0].Extensions["argument"] != arg {
			t.Errorf("%s: errors %+v; want one naming %q", q, r.Errors, arg)
		}
	}
}
