package schema

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/graphql-go/graphql/language/parser"
)

// standardQueries are the introspection queries of graphql-js 16
// (testdata/introspection: getIntrospectionQuery() as it is, with every
// option, and as GraphiQL sends it), by file name.
func standardQueries(t *testing.T) map[string]string {
	t.Helper()
	paths, err := filepath.Glob("testdata/introspection/*.graphql")
	if err != nil || len(paths) < 3 {
		t.Fatalf("introspection queries: %v %v", paths, err)
	}
	out := map[string]string{}
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = string(raw)
	}
	return out
}

// TestStandardIntrospection: the standard introspection queries run
// under the default limits, and list the types, fields, arguments and
// enum values in declaration order, the same bytes every time (the
// fixture server also compares the handler with the graphql-go one).
func TestStandardIntrospection(t *testing.T) {
	f := newFixture(t, Config{})
	srv := f.server(t, HandlerConfig{})
	other := newFixture(t, Config{}).server(t, HandlerConfig{}) // a second schema, built from other maps
	for name, q := range standardQueries(t) {
		t.Run(name, func(t *testing.T) {
			r := post(t, srv, q, nil)
			d := mustData(t, r)
			types := names(t, atList(t, d, "__schema", "types"), "name")
			want := ordered(f.schema.order.types, mapKeys(f.schema.gql.TypeMap()))
			if !slices.Equal(types, want) {
				t.Errorf("types %v\nwant %v", types, want)
			}
			if types[0] != "Query" || types[1] != "Mutation" {
				t.Errorf("types begin %v, want Query, Mutation (as schema.graphql)", types[:2])
			}
			for _, typ := range atList(t, d, "__schema", "types") {
				tn := atString(t, typ, "name")
				if strings.HasPrefix(tn, "__") || atString(t, typ, "kind") != "OBJECT" {
					continue
				}
				fields := atList(t, typ, "fields")
				if got, want := names(t, fields, "name"), f.schema.order.fields[tn]; !slices.Equal(got, want) {
					t.Errorf("%s fields %v, want %v", tn, got, want)
				}
				for _, fd := range fields {
					key := tn + "." + atString(t, fd, "name")
					if got, want := names(t, atList(t, fd, "args"), "name"), f.schema.order.args[key]; len(got) > 0 && !slices.Equal(got, want) {
						t.Errorf("%s args %v, want %v", key, got, want)
					}
				}
			}
			var again [2]string
			for i, s := range []string{srv.URL, other.URL} {
				again[i] = postRaw(t, s, q)
			}
			if first := postRaw(t, srv.URL, q); first != again[0] || first != again[1] {
				t.Errorf("introspection answered differently on a second request or a second schema")
			}
		})
	}
}

// TestIntrospectionFields: the fields that graphql-js 16 asks for with
// its options answer as graphql-js would for this schema.
func TestIntrospectionFields(t *testing.T) {
	f := newFixture(t, Config{})
	srv := f.server(t, HandlerConfig{})
	d := mustData(t, post(t, srv, `{
	  __schema { description directives(includeDeprecated: true) { name isRepeatable isDeprecated deprecationReason args(includeDeprecated: true) { name isDeprecated deprecationReason } } }
	  time: __type(name: "Time") { specifiedByURL isOneOf }
	  input: __type(name: "DocumentInput") { isOneOf inputFields(includeDeprecated: true) { name isDeprecated deprecationReason } }
	  enum: __type(name: "ClaimKind") { enumValues(includeDeprecated: true) { name } }
	  query: __type(name: "Query") { fields(includeDeprecated: false) { name args(includeDeprecated: false) { name } } }
	}`, nil))
	if at(t, d, "__schema", "description") != nil {
		t.Errorf("schema description %v", at(t, d, "__schema", "description"))
	}
	dirs := atList(t, d, "__schema", "directives")
	if got := names(t, dirs, "name"); !slices.Equal(got, []string{"include", "skip", "deprecated"}) {
		t.Errorf("directives %v", got)
	}
	for _, dir := range dirs {
		if at(t, dir, "isRepeatable") != false || at(t, dir, "isDeprecated") != false || at(t, dir, "deprecationReason") != nil {
			t.Errorf("directive %v", dir)
		}
		for _, a := range atList(t, dir, "args") {
			if at(t, a, "isDeprecated") != false || at(t, a, "deprecationReason") != nil {
				t.Errorf("directive argument %v", a)
			}
		}
	}
	if at(t, d, "time", "specifiedByURL") != nil || at(t, d, "time", "isOneOf") != nil {
		t.Errorf("Time: %v", at(t, d, "time"))
	}
	if at(t, d, "input", "isOneOf") != false {
		t.Errorf("DocumentInput isOneOf %v", at(t, d, "input", "isOneOf"))
	}
	if got, want := names(t, atList(t, d, "input", "inputFields"), "name"), f.schema.order.fields["DocumentInput"]; !slices.Equal(got, want) {
		t.Errorf("DocumentInput fields %v, want %v", got, want)
	}
	if got, want := names(t, atList(t, d, "enum", "enumValues"), "name"), f.schema.order.fields["ClaimKind"]; !slices.Equal(got, want) {
		t.Errorf("ClaimKind values %v, want %v", got, want)
	}
	for _, fd := range atList(t, d, "query", "fields") {
		if atString(t, fd, "name") == "claims" {
			if got := names(t, atList(t, fd, "args"), "name"); !slices.Equal(got, []string{"speaker", "about", "document", "text", "kinds", "excludeNarrative", "since", "until", "publisher",
				"speakerName", "predicate", "minConfidence", "orderBy", "includeRetracted", "first", "after"}) {
				t.Errorf("Query.claims args %v", got)
			}
		}
	}
}

// TestIntrospectionLimits: introspection has its own bounds (limits.go),
// and data queries keep theirs.
func TestIntrospectionLimits(t *testing.T) {
	f := newFixture(t, Config{})
	queries := standardQueries(t)
	full := queries["all-options.graphql"]

	// The standard query measures a small part of the bound, and the
	// count is an upper bound of what it answers.
	doc, err := parser.Parse(parser.ParseParams{Source: full})
	if err != nil {
		t.Fatal(err)
	}
	op, err := selectOperation(doc, "")
	if err != nil {
		t.Fatal(err)
	}
	m := newMeasure(f.schema, doc, op, nil)
	if !m.introspectionOnly(op) {
		t.Fatal("the standard query is not taken for introspection")
	}
	if d := m.depth(op.SelectionSet); d != 15 || d <= DefaultMaxDepth || d > DefaultMaxIntrospectionDepth {
		t.Errorf("the standard query's depth is %d", d)
	}
	n := m.introspectionSize(op.SelectionSet, DefaultMaxIntrospectionFields)
	res := f.schema.Execute(t.Context(), Request{Query: full})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	answered := countMembers(res.Data)
	t.Logf("the full standard introspection query counts %d, answers %d fields", n, answered)
	if n < answered || n > DefaultMaxIntrospectionFields/4 {
		t.Errorf("the standard query counts %d, answers %d fields: want a count at least the answer and under a quarter of %d", n, answered, DefaultMaxIntrospectionFields)
	}

	// Aliases multiply: refused, quickly.
	var aliases strings.Builder
	for i := range 10 {
		fmt.Fprintf(&aliases, " t%d: types { ...FullType }", i)
	}
	hostile := strings.Replace(full, "types {", strings.TrimPrefix(aliases.String(), " ")+" types {", 1)
	start := time.Now()
	hr := f.schema.Execute(t.Context(), Request{Query: hostile})
	if len(hr.Errors) != 1 || !strings.Contains(hr.Errors[0].Message, "introspection query answers more than 40000 fields") ||
		hr.Errors[0].Extensions["code"] != "QUERY_TOO_COMPLEX" {
		t.Errorf("hostile introspection: %v", hr.Errors)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("refusing took %v", d)
	}

	for _, tc := range []struct {
		name, query, want string
		cfg               Config
	}{
		{"too deep", "{ __schema { types { " + strings.Repeat("ofType { ", 18) + "name" + strings.Repeat(" }", 18) + " } } }",
			"introspection query depth 21 exceeds the limit of 20", Config{}},
		{"smaller bound", full, "introspection query answers more than 1000 fields", Config{MaxIntrospectionFields: 1000}},
		{"data and introspection mixed: the data limits", "{ stats { documents } __schema { types { fields { args { type { " +
			strings.Repeat("ofType { ", 8) + "name" + strings.Repeat(" }", 8) + " } } } } } }", "query depth 14 exceeds the limit of 12", Config{}},
		{"an unused fragment on a data type: MaxDepth", "{ __typename } fragment D on Query { " + strings.Repeat("claims { nodes { document { ", 4) + "id" + strings.Repeat(" } } }", 4) + " }",
			`fragment "D" depth 13 exceeds the limit of 12`, Config{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := f
			if tc.cfg != (Config{}) {
				g = newFixture(t, tc.cfg)
			}
			res := g.schema.Execute(t.Context(), Request{Query: tc.query})
			if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, tc.want) {
				t.Errorf("errors %v, want %q", res.Errors, tc.want)
			}
		})
	}

	// The count depends on __type's argument: a cached document is
	// measured again for each request's variables.
	small := newFixture(t, Config{MaxIntrospectionFields: 50})
	q := `query($n: String!) { __type(name: $n) { fields { name description args { name description type { name kind } } } } }`
	for _, c := range []struct {
		name    string
		refused bool
	}{{"Stats", false}, {"Query", true}, {"Stats", false}} {
		res := small.schema.Execute(t.Context(), Request{Query: q, Variables: map[string]any{"n": c.name}})
		if refused := len(res.Errors) > 0; refused != c.refused {
			t.Errorf("__type(name: %q): errors %v, want refused %v", c.name, res.Errors, c.refused)
		}
	}
}

// postRaw POSTs a query as application/graphql and gives the body.
func postRaw(t *testing.T, base, query string) string {
	t.Helper()
	resp, err := http.Post(base+"/graphql", "application/graphql", strings.NewReader(query))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(body)
}

// countMembers counts the members of every object in a decoded value.
func countMembers(v any) int {
	n := 0
	switch v := v.(type) {
	case map[string]any:
		for _, x := range v {
			n += 1 + countMembers(x)
		}
	case []any:
		for _, x := range v {
			n += countMembers(x)
		}
	}
	return n
}
