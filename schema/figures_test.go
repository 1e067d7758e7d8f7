package schema

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
)

// figureDocument stores a document dated date whose n sentences ("N
// people were killed in Testville.") each give a figure placed at Testville, and
// gives its entity ID.
func figureDocument(t *testing.T, f *fixture, url, date string, n int) uuid.UUID {
	t.Helper()
	var b strings.Builder
	res := extract.Result{Publisher: extract.NoEntity}
	res.Entities = append(res.Entities, extract.Entity{Key: "PLACE:testville", Name: "Testville", Type: extract.Place, PlaceKind: extract.Province, Rule: "fixture", Confidence: 1})
	for i := range n {
		start := b.Len()
		num := fmt.Sprint(i + 1)
		fmt.Fprintf(&b, "%s people were killed in Testville.", num)
		span := extract.Span{Start: start, End: b.Len()}
		place := extract.Span{Start: b.Len() - len("Testville."), End: b.Len() - 1}
		res.Entities[0].Mentions = append(res.Entities[0].Mentions, extract.Mention{Span: place, Text: "Testville", Rule: "fixture"})
		res.Sentences = append(res.Sentences, extract.Sentence{Span: span, Text: b.String()[start:]})
		res.Claims = append(res.Claims, extract.Claim{Kind: extract.Narrative, Span: span, Text: b.String()[start:],
			Speaker: extract.NoEntity, Sentence: i, About: []int{0}, Rule: "fixture-narrative", Confidence: 0.5})
		res.Figures = append(res.Figures, extract.ClaimFigure{Figure: extract.Figure{Span: extract.Span{Start: start, End: start + len(num)},
			Text: num, Value: int64(i + 1), Kind: extract.Killed}, Claim: i, Place: 0, PlaceRule: "figure-sentence"})
		b.WriteByte(' ')
	}
	if _, err := f.store.Ingest(t.Context(), graph.IngestInput{
		Meta: graph.DocumentMeta{URL: url, Title: "Figures", Publisher: "Fixture Wire", PublishedAt: date}, Text: b.String(), Result: res}); err != nil {
		t.Fatal(err)
	}
	page, err := f.store.Entities(t.Context(), graph.EntityFilter{Name: "Testville"}, graph.PageArgs{First: 1})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("Testville: %v", err)
	}
	return page.Items[0].ID
}

// TestFigureGroupsQuery: a group's bounds and estimate, each traced to
// its claim and document, through the API.
func TestFigureGroupsQuery(t *testing.T) {
	f := newFixture(t, Config{})
	place := figureDocument(t, f, "https://example.org/figures", "2024-03-01", 4)
	res := f.schema.Execute(t.Context(), Request{Query: `query($p: ID) { figureGroups(kind: KILLED, place: $p) { totalCount nodes {
		kind place { name } reportCount sources firstSeen lastSeen
		low { value text start end claim { text } document { url } }
		best { value } high { value placeRule publishedAt speaker { name } }
		reports(first: 2) { value repeats { value } } } } }`, Variables: map[string]any{"p": place.String()}})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	got := canonicalJSON(t, res.Data)
	want := `{"figureGroups":{"totalCount":1,"nodes":[{"kind":"KILLED","place":{"name":"Testville"},"reportCount":4,"sources":1,"firstSeen":"2024-03-01","lastSeen":"2024-03-01",` +
		`"low":{"value":1,"text":"1","start":0,"end":1,"claim":{"text":"1 people were killed in Testville."},"document":{"url":"https://example.org/figures"}},` +
		`"best":{"value":2},"high":{"value":4,"placeRule":"figure-sentence","publishedAt":"2024-03-01","speaker":null},` +
		`"reports":[{"value":1,"repeats":[]},{"value":2,"repeats":[]}]}]}}`
	if want = canonicalJSON(t, json.RawMessage(want)); got != want {
		t.Errorf("figure group:\n got %s\nwant %s", got, want)
	}
	for _, q := range []struct{ query, arg string }{
		{`{ figureGroups(kind: KILLED, place: "nope") { totalCount } }`, "place"},
		{`{ figureGroups(kind: KILLED, first: 0) { totalCount } }`, "first"},
		{`{ figureGroups(kind: KILLED, after: "!!") { totalCount } }`, "after"},
	} {
		errs := execErrors(t, f, q.query, nil)
		if len(errs) != 1 || errs[0]["extensions"].(map[string]any)["argument"] != q.arg {
			t.Errorf("%s: errors %v, want one naming %q", q.query, errs, q.arg)
		}
	}
}

// TestFigureGroupsCost: a figure group costs the figures it reads,
// counted from the keys before it runs; a period that holds fewer fits.
func TestFigureGroupsCost(t *testing.T) {
	f := newFixture(t, Config{})
	place := figureDocument(t, f, "https://example.org/many", "2024-03-01", 1200)
	figureDocument(t, f, "https://example.org/few", "2024-04-01", 3)
	s, err := New(f.store, nil, Config{MaxComplexity: 1000})
	if err != nil {
		t.Fatal(err)
	}
	f.schema = s
	q := `query($p: ID, $since: Time) { figureGroups(kind: KILLED, place: $p, since: $since) { nodes { reportCount } } }`
	for _, vars := range []map[string]any{{"p": place.String()}, {}} {
		errs := execErrors(t, f, q, vars)
		e := complexityError(t, errs)
		if e == nil {
			t.Fatalf("%v: a group of 1203 figures was accepted under a limit of 1000: %v", vars, errs)
		}
		if msg := e["message"].(string); !strings.Contains(msg, "its groups hold up to 1203 figures: name a place or a shorter period") {
			t.Errorf("refusal %q does not say how many figures and what to do", msg)
		}
	}
	// The same query, April only: costed per request, not remembered.
	if errs := execErrors(t, f, q, map[string]any{"p": place.String(), "since": "2024-04-01"}); len(errs) > 0 {
		t.Errorf("April's 3 figures: %v", errs)
	}
}

// canonicalJSON is v as JSON with object keys sorted, so that answers can
// be compared whatever their order.
func canonicalJSON(t *testing.T, v any) string {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var generic any
	if err := json.Unmarshal(raw, &generic); err != nil {
		t.Fatal(err)
	}
	raw, err = json.Marshal(generic)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}
