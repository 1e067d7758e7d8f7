package schema

import (
	"fmt"
	"strings"
	"testing"
)

// TestSearchQuery asks Query.search over HTTP: an entity the query names
// comes before the claims that name it, spans give the matching words,
// types and since/until filter, and the arguments at fault are named.
func TestSearchQuery(t *testing.T) {
	f := newFixture(t, Config{})
	srv := f.server(t, HandlerConfig{})
	d := mustData(t, post(t, srv, `{ search(q: "jabhat a-nusra fighters", first: 5) {
		totalCount truncated
		pageInfo { hasNextPage endCursor }
		nodes { kind score name snippet snippetStart spans { start end text } entity { name type } claim { text } }
	} }`, nil))
	nodes := atList(t, d, "search", "nodes")
	if len(nodes) < 3 {
		t.Fatalf("%d hits: %v", len(nodes), nodes)
	}
	if at(t, nodes[0], "kind") != "ENTITY" || at(t, nodes[0], "entity", "name") != "Jabhat al-Nusra" {
		t.Errorf("first hit %v, want the entity Jabhat al-Nusra", nodes[0])
	}
	if at(t, nodes[1], "kind") != "CLAIM" || at(t, nodes[1], "claim", "text") != "Jabhat al-Nusra fighters seized the town of Kafr Nabl on Monday" {
		t.Errorf("second hit %v, want the claim with all three words", nodes[1])
	}
	var spans []string
	for _, sp := range atList(t, nodes[1], "spans") {
		spans = append(spans, at(t, sp, "text").(string))
	}
	if got := strings.Join(spans, "|"); got != "Jabhat|Nusra|fighters" {
		t.Errorf("spans %q", got)
	}
	prev := 1e9
	for _, n := range nodes {
		s := at(t, n, "score").(float64)
		if s > prev {
			t.Errorf("scores not in order: %v", nodes)
		}
		prev = s
	}
	if at(t, d, "search", "truncated") != false {
		t.Error("truncated on a small store")
	}

	// Types: places only; claims only.
	d = mustData(t, post(t, srv, `{ search(q: "Idlib", types: [PLACE]) { nodes { kind entity { type } } } }`, nil))
	for _, n := range atList(t, d, "search", "nodes") {
		if at(t, n, "kind") != "ENTITY" || at(t, n, "entity", "type") != "PLACE" {
			t.Errorf("types [PLACE] gave %v", n)
		}
	}
	d = mustData(t, post(t, srv, `{ search(q: "Idlib", types: [CLAIM]) { totalCount nodes { kind } } }`, nil))
	if n := atList(t, d, "search", "nodes"); len(n) != 2 || atInt(t, d, "search", "totalCount") != 2 {
		t.Errorf("types [CLAIM]: %v", d)
	}
	// since/until: the second article only (2014-06-12), and no entity.
	d = mustData(t, post(t, srv, `{ search(q: "Islamic State", since: "2014-06-12", until: "2014-06-12T23:00:00Z") { nodes { kind claim { publishedAt } } } }`, nil))
	hits := atList(t, d, "search", "nodes")
	if len(hits) != 3 {
		t.Errorf("since/until: %d hits, want the 3 claims of 2014-06-12: %v", len(hits), hits)
	}
	for _, n := range hits {
		if at(t, n, "kind") != "CLAIM" || !strings.HasPrefix(at(t, n, "claim", "publishedAt").(string), "2014-06-12") {
			t.Errorf("since/until gave %v", n)
		}
	}

	for _, tc := range []struct{ query, want string }{
		{`{ search(q: "the of") { nodes { kind } } }`, `argument "q"`},
		{`{ search(q: "Idlib", first: 0) { nodes { kind } } }`, `argument "first"`},
		{`{ search(q: "Idlib", after: "xyz") { nodes { kind } } }`, `argument "after"`},
		{fmt.Sprintf(`{ search(q: %q) { nodes { kind } } }`, strings.Repeat("idlib ", 200)), `argument "q"`},
	} {
		r := post(t, srv, tc.query, nil)
		if !strings.Contains(r.errorText(), tc.want) {
			t.Errorf("%.60s: errors %q, want one naming %s", tc.query, r.errorText(), tc.want)
		}
	}
	d = mustData(t, post(t, srv, `{ search(q: "Idlib", types: []) { totalCount nodes { kind } } }`, nil))
	if atInt(t, d, "search", "totalCount") != 0 {
		t.Errorf("types: [] gave hits: %v", d)
	}
}

// TestSearchCost: a search costs its bounded reads, so a query of many
// searches is refused before it runs.
func TestSearchCost(t *testing.T) {
	f := newFixture(t, Config{})
	var b strings.Builder
	b.WriteString("{")
	for i := range 30 {
		fmt.Fprintf(&b, " s%d: search(q: \"idlib\", first: 1) { nodes { score } }", i)
	}
	b.WriteString(" }")
	if e := complexityError(t, execErrors(t, f, b.String(), nil)); e == nil {
		t.Error("30 searches were accepted")
	}
	if errs := execErrors(t, f, `{ search(q: "idlib", first: 100) { nodes { score claim { text } } } }`, nil); len(errs) > 0 {
		t.Errorf("one search: %v", errs)
	}
}
