package schema

import (
	"slices"
	"strings"
	"testing"

	"github.com/graphql-go/graphql/language/parser"
)

func TestClaimFilterArguments(t *testing.T) {
	f := newFixture(t, Config{})
	srv := f.server(t, HandlerConfig{})
	texts := func(query string, vars map[string]any) ([]string, int) {
		t.Helper()
		data := mustData(t, post(t, srv, query, vars))
		return names(t, atList(t, data, "claims", "nodes"), "text"), atInt(t, data, "claims", "totalCount")
	}
	nusraFSA := "The Free Syrian Army fights Jabhat al-Nusra near Idlib"
	isFights := "The Islamic State fights Jabhat a-Nusra in Deir ez-Zor"
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
		want        []string
	}{
		{"kinds", `{ claims(kinds: [DIRECT_QUOTE, ACCORDING_TO]) { totalCount nodes { text } } }`, nil,
			[]string{"We will not leave Idlib", nusraFSA, "Islamic State controls Raqqa"}},
		{"kinds from a variable", `query($k: [ClaimKind!]) { claims(kinds: $k) { totalCount nodes { text } } }`, map[string]any{"k": []any{"NARRATIVE"}},
			[]string{"The ceasefire collapsed within hours."}},
		{"excludeNarrative and since", `{ claims(excludeNarrative: true, until: "2014-06-11") { totalCount nodes { text } } }`, nil,
			[]string{"Jabhat al-Nusra fighters seized the town of Kafr Nabl on Monday", "We will not leave Idlib", nusraFSA}},
		{"since, newest", `{ claims(since: "2014-06-12", orderBy: NEWEST, first: 2) { totalCount nodes { text } } }`, nil,
			[]string{"Jabhat a-Nusra is not allied with the Islamic State", isFights}},
		{"oldest", `{ claims(predicate: FIGHTS, orderBy: OLDEST) { totalCount nodes { text } } }`, nil, []string{nusraFSA, isFights}},
		{"newest", `{ claims(predicate: FIGHTS, orderBy: NEWEST) { totalCount nodes { text } } }`, nil, []string{isFights, nusraFSA}},
		{"publisher and speakerName", `{ claims(publisher: "example news", speakerName: "GOLANI, Abu Mohammed al-") { totalCount nodes { text } } }`, nil, nil},
		{"speakerName", `{ claims(speakerName: "abu mohammed al golani") { totalCount nodes { text } } }`, nil, []string{"We will not leave Idlib"}},
		{"minConfidence with text", `{ claims(minConfidence: 0.5, text: "Islamic State") { totalCount nodes { text } } }`, nil,
			[]string{"Jabhat a-Nusra is not allied with the Islamic State", isFights, "Islamic State controls Raqqa"}},
		{"minConfidence above all", `{ claims(minConfidence: 0.99) { totalCount nodes { text } } }`, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, n := texts(tc.query, tc.vars)
			if !slices.Equal(got, tc.want) || (n != len(tc.want) && !strings.Contains(tc.query, "first: 2")) {
				t.Errorf("got %q (totalCount %d), want %q", got, n, tc.want)
			}
		})
	}
	// Arguments at fault are named.
	for _, tc := range []struct{ query, arg string }{
		{`{ claims(since: "last week") { nodes { id } } }`, "since"},
		{`{ claims(until: "2014-02-30") { nodes { id } } }`, "until"},
		{`{ claims(publisher: " ") { nodes { id } } }`, "publisher"},
		{`{ claims(speakerName: "") { nodes { id } } }`, "speakerName"},
		{`{ claims(minConfidence: 1.5) { nodes { id } } }`, "minConfidence"},
		{`{ claims(kinds: []) { nodes { id } } }`, "kinds"},
		{`{ claims(orderBy: NEWEST, after: "AAAA") { nodes { id } } }`, "after"},
		{`{ documents(since: "soon") { nodes { id } } }`, "since"},
		{`{ documents(url: "") { nodes { id } } }`, "url"},
		{`{ timeline(entity: "00000000-0000-0000-0000-000000000001", until: "x") { since } }`, "until"},
	} {
		r := post(t, srv, tc.query, nil)
		if len(r.Errors) == 0 || !strings.Contains(r.errorText(), `"`+tc.arg+`"`) {
			t.Errorf("%s: errors %s, want one naming %q", tc.query, r.errorText(), tc.arg)
		}
	}
}

func TestDocumentFilterArguments(t *testing.T) {
	f := newFixture(t, Config{})
	srv := f.server(t, HandlerConfig{})
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{`{ documents(publisher: "EXAMPLE  news") { totalCount nodes { title } } }`, []string{"Nusra takes Kafr Nabl", "Ḥamāh 🛰 report"}},
		{`{ documents(since: "2014-06-12") { totalCount nodes { title } } }`, []string{"Ḥamāh 🛰 report"}},
		{`{ documents(url: "https://news.example/brief-2") { totalCount nodes { title } } }`, []string{"Brief 2"}},
		{`{ documents(url: "https://news.example/brief-2", since: "2014-01-01") { totalCount nodes { title } } }`, nil},
	} {
		data := mustData(t, post(t, srv, tc.query, nil))
		got := names(t, atList(t, data, "documents", "nodes"), "title")
		if !slices.Equal(got, tc.want) || atInt(t, data, "documents", "totalCount") != len(tc.want) {
			t.Errorf("%s: %q (totalCount %d), want %q", tc.query, got, atInt(t, data, "documents", "totalCount"), tc.want)
		}
	}
}

func TestTimelineQuery(t *testing.T) {
	f := newFixture(t, Config{})
	srv := f.server(t, HandlerConfig{})
	data := mustData(t, post(t, srv, `{ entities(name: "Jabhat al-Nusra") { nodes { id } } }`, nil))
	id := atString(t, atList(t, data, "entities", "nodes")[0], "id")
	data = mustData(t, post(t, srv, `query($e: ID!) { timeline(entity: $e, bucket: DAY) {
	  entity { name } since until
	  buckets { start end claimsBy claimsAbout relations }
	  items(first: 10, orderBy: NEWEST) { totalCount nodes { text publishedAt } }
	} }`, map[string]any{"e": id}))
	tl := at(t, data, "timeline")
	if atString(t, tl, "entity", "name") != "Jabhat al-Nusra" || atString(t, tl, "until") != "2014-06-12" || atString(t, tl, "since") != "2013-05-09" {
		t.Errorf("timeline %v", tl)
	}
	buckets := atList(t, tl, "buckets")
	if len(buckets) != 2 || atString(t, buckets[0], "start") != "2014-06-11" || atInt(t, buckets[0], "claimsAbout") != 2 ||
		atInt(t, buckets[0], "relations") != 2 || atInt(t, buckets[1], "claimsAbout") != 2 || atInt(t, buckets[1], "relations") != 2 ||
		atInt(t, buckets[0], "claimsBy") != 0 {
		t.Errorf("buckets %v", buckets)
	}
	items := names(t, atList(t, tl, "items", "nodes"), "text")
	want := []string{"Jabhat a-Nusra is not allied with the Islamic State", "The Islamic State fights Jabhat a-Nusra in Deir ez-Zor",
		"Jabhat al-Nusra fighters seized the town of Kafr Nabl on Monday", "The Free Syrian Army fights Jabhat al-Nusra near Idlib"}
	if !slices.Equal(items, want) || atInt(t, tl, "items", "totalCount") != 4 {
		t.Errorf("items %q, want %q", items, want)
	}
	if r := post(t, srv, `{ timeline(entity: "00000000-0000-0000-0000-000000000001") { since } }`, nil); len(r.Errors) > 0 || at(t, mustData(t, r), "timeline") != nil {
		t.Errorf("timeline of no entity: %v", r)
	}
}

// TestFilterCosts: the filters' reads beyond the page are in the
// estimate (limits.go), counted from the fixture's two days with claims.
func TestFilterCosts(t *testing.T) {
	s := newFixture(t, Config{}).schema
	for _, tc := range []struct {
		name  string
		query string
		cost  int64
	}{
		{"plain filters cost nothing more", `{ claims(kinds: [INDIRECT], publisher: "x", predicate: FIGHTS) { nodes { id } } }`, 1 + 20*2},
		{"a date order visits each day", `{ claims(orderBy: NEWEST) { nodes { id } } }`, 1 + 2 + 20*2},
		{"a range visits its days", `{ claims(since: "2014-06-12") { nodes { id } } }`, 1 + 1 + 20*2},
		{"speakerName unions entities", `{ claims(speakerName: "x") { nodes { id } } }`, 1 + 64 + 20*2},
		{"timeline: three lists a day, buckets at their bound", `{ timeline(entity: "00000000-0000-0000-0000-000000000001") { buckets { start } } }`, 1 + 1 + 3*2 + 1 + 400*1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := parser.Parse(parser.ParseParams{Source: tc.query})
			if err != nil {
				t.Fatal(err)
			}
			op, err := selectOperation(doc, "")
			if err != nil {
				t.Fatal(err)
			}
			m := newMeasure(s, doc, op, nil)
			if c := m.cost(op.SelectionSet, rootType(&s.gql, op.Operation)); c != tc.cost {
				t.Errorf("cost %d, want %d", c, tc.cost)
			}
		})
	}
}
