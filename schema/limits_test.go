package schema

import (
	"fmt"
	"strings"
	"testing"

	"github.com/graphql-go/graphql/language/parser"

	"github.com/factgraph/kg/graph"
)

func TestMeasure(t *testing.T) {
	s := newFixture(t, Config{}).schema
	for _, tc := range []struct {
		name   string
		query  string
		vars   map[string]any
		depth  int
		cost   int64
		reason string
	}{
		{"one field", `{ stats { documents } }`, nil, 2, 2, "stats 1 + documents 1"},
		{"default page size", `{ documents { nodes { id } } }`, nil, 3, 1 + 20*2, "documents 1 + 20 × (nodes 1 + id 1)"},
		{"explicit first", `{ documents(first: 3) { totalCount nodes { id title } } }`, nil, 3, 1 + 3*(1+1+2), "documents 1 + 3 × (totalCount 1 + nodes 1 + id 1 + title 1)"},
		{"first from a variable", `query($n: Int) { documents(first: $n) { nodes { id } } }`, map[string]any{"n": float64(7)}, 3, 1 + 7*2, "JSON numbers are float64"},
		{"first from a variable's default", `query($n: Int = 9) { documents(first: $n) { nodes { id } } }`, nil, 3, 1 + 9*2, ""},
		{"a variable overrides its default", `query($n: Int = 9) { documents(first: $n) { nodes { id } } }`, map[string]any{"n": 4}, 3, 1 + 4*2, ""},
		{"first out of range is clamped", `{ documents(first: 100000) { nodes { id } } }`, nil, 3, 1 + 1000*2, "the resolver reports the bad argument"},
		{"nested connections multiply", `{ documents(first: 10) { nodes { claims(first: 10) { nodes { id } } } } }`, nil, 5, 1 + 10*(1+1+10*2), ""},
		{"lists count ListFactor", `{ documents(first: 2) { nodes { entities { name } } } }`, nil, 4, 1 + 2*(1+1+5*1), "entities is a list without paging"},
		{"aliases count each", `{ a: stats { documents } b: stats { claims } }`, nil, 2, 4, ""},
		{"fragments", `query { ...Q } fragment Q on Query { documents(first: 2) { nodes { ...D } } } fragment D on Document { id title }`, nil, 3, 1 + 2*(1+2), ""},
		{"inline fragments", `{ documents(first: 2) { nodes { ... on Document { id } ... { title } } } }`, nil, 3, 1 + 2*(1+2), ""},
		{"meta fields", `{ __typename __schema { types { name } } }`, nil, 3, 1 + 1 + 1 + 5, "__typename 1 + __schema 1 + types 1 + 5 × name 1"},
		{"search costs its bounded reads", `{ search(q: "killed", first: 3) { nodes { score } } }`, nil, 3, 1 + graph.MaxSearchReads + 3*2, "search 1 + its reads + 3 × (nodes 1 + score 1)"},
		{"a walk costs the entities it may expand", `{ neighbors(id: "x", hops: 2, first: 3) { neighbors { entity { name } } } }`, nil, 4, 1 + 1001 + 3*(1+1+1), "neighbors 1 + 1 + WalkFanout + 3 × (neighbors 1 + entity 1 + name 1): the list is the page"},
		{"one hop expands the centre", `{ neighbors(id: "x", first: 3) { hasMore } }`, nil, 2, 1 + 1 + 3*1, ""},
		{"a path search", `{ paths(from: "a", to: "b", first: 2) { paths { steps { group { sources } } } } }`, nil, 5, 1 + 2000 + 2*(1+1+5*(1+1)), "paths 1 + WalkExpand + 2 × (paths 1 + steps 1 + 5 × (group 1 + sources 1))"},
		{"unknown fields cost 1", `{ nosuch { deeper } }`, nil, 2, 2, "validation reports them"},
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
			m := newMeasure(s, doc, op, tc.vars)
			if d := m.depth(op.SelectionSet); d != tc.depth {
				t.Errorf("depth %d, want %d", d, tc.depth)
			}
			if c := m.cost(op.SelectionSet, rootType(&s.gql, op.Operation)); c != tc.cost {
				t.Errorf("cost %d, want %d (%s)", c, tc.cost, tc.reason)
			}
		})
	}
}

// TestMeasureFragmentBlowUp: fragments F0..F60 where each spreads the
// next twice stand for 2^60 fields; the measure visits each fragment
// once, so it answers at once, and rejects the query.
func TestMeasureFragmentBlowUp(t *testing.T) {
	f := newFixture(t, Config{})
	const n = 60
	var b strings.Builder
	b.WriteString("query { ...F0 }\n")
	for i := range n {
		fmt.Fprintf(&b, "fragment F%d on Query { ...F%d ... on Query { ...F%d } }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on Query { stats { documents } }\n", n)
	res := f.schema.Execute(t.Context(), Request{Query: b.String()})
	if len(res.Errors) == 0 || !strings.Contains(res.Errors[0].Message, "query complexity") {
		t.Fatalf("errors %v, want a complexity error", res.Errors)
	}
}

// TestHostileDocuments: documents that would make validation or parsing
// take the server down, or take minutes, are refused first.
func TestHostileDocuments(t *testing.T) {
	f := newFixture(t, Config{})
	exponential := func(used bool) string {
		var b strings.Builder
		if used {
			b.WriteString("query { ...F0 }\n")
		} else {
			b.WriteString("query { stats { documents } }\n")
		}
		for i := range 40 {
			fmt.Fprintf(&b, "fragment F%d on Query { ...F%d ... on Query { ...F%d } }\n", i, i+1, i+1)
		}
		b.WriteString("fragment F40 on Query { stats { documents } }\n")
		return b.String()
	}
	manyFragments := func(n int) string {
		var b strings.Builder
		b.WriteString("{")
		for i := range n {
			fmt.Fprintf(&b, " ...F%d", i)
		}
		b.WriteString(" }")
		for i := range n {
			fmt.Fprintf(&b, " fragment F%d on Query { stats { documents } }", i)
		}
		return b.String()
	}
	for _, tc := range []struct {
		name, query, want string
	}{
		// graphql-go's validation recurses without end on these: a fatal
		// stack overflow that would end the process.
		{"fragment cycle", `query { ...A } fragment A on Query { stats { documents } ...B } fragment B on Query { ...A }`, `fragment "A" spreads itself (via B, A)`},
		{"unused fragment cycle", `query { stats { documents } } fragment A on Query { ... on Query { ...A } }`, `fragment "A" spreads itself (via A)`},
		{"exponential fragments", exponential(true), "query complexity"},
		{"unused exponential fragments", exponential(false), `fragment "F0" complexity`},
		{"many fields of one name", "{" + strings.Repeat(" __typename", 20000) + " }", "query has 20000 selections (fields, fragments and directives), more than the limit of 1000"},
		{"many distinct fragments", manyFragments(600), "more than the limit of 1000"},
		{"deep brackets", strings.Repeat("{ documents { nodes ", 50000) + strings.Repeat("} }", 50000), "query bracket nesting 100000 exceeds the limit of 40"},
		{"deep unused fragment", "{ stats { documents } } fragment D on Query { " + strings.Repeat("claims { nodes { document { ", 4) + "id" + strings.Repeat(" } } }", 4) + " }", `fragment "D" depth 13 exceeds the limit of 12`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := f.schema.Execute(t.Context(), Request{Query: tc.query})
			if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, tc.want) {
				t.Errorf("errors %v, want one saying %q", res.Errors, tc.want)
			}
		})
	}
}

func TestBracketNesting(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{
		{`{ a }`, 1},
		{`{ a(x: [{y: 1}]) { b } }`, 4},
		{`{ a(s: "{{{{") }`, 2},
		{`{ a(s: "\"{{{{") }`, 2},
		{"{ a(s: \"\"\"{{{{ \\\"\"\" {{ \"\"\") }", 2},
		{"{ a # {{{{\n b }", 1},
		{`{ a(s: "unterminated {{{`, 2},
	} {
		if got := bracketNesting(tc.text); got != tc.want {
			t.Errorf("bracketNesting(%q) = %d, want %d", tc.text, got, tc.want)
		}
	}
}
