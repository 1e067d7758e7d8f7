package schema

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"
)

// TestArgumentErrors: bad arguments are GraphQL errors (status 200) that
// name the argument, in the message and in extensions.argument.
func TestArgumentErrors(t *testing.T) {
	f := newFixture(t, Config{MaxTextBytes: 200})
	srv := f.server(t, HandlerConfig{})
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
		arg, msg    string
	}{
		{"malformed document id", `{ document(id: "nope") { id } }`, nil, "id", "malformed ID"},
		{"malformed entity id", `{ entity(id: "123") { id } }`, nil, "id", "malformed ID"},
		{"malformed claim id", `query($id: ID!) { claim(id: $id) { id } }`, map[string]any{"id": "zz"}, "id", "malformed ID"},
		{"malformed speaker", `{ claims(speaker: "x") { totalCount } }`, nil, "speaker", "malformed ID"},
		{"malformed about", `{ claims(about: "x") { totalCount } }`, nil, "about", "malformed ID"},
		{"malformed document filter", `{ claims(document: "x") { totalCount } }`, nil, "document", "malformed ID"},
		{"malformed cursor", `{ documents(after: "!!!") { totalCount } }`, nil, "after", "malformed cursor"},
		{"cursor of another length", `{ entities(after: "AAAA") { totalCount } }`, nil, "after", "malformed cursor"},
		{"first zero", `{ documents(first: 0) { totalCount } }`, nil, "first", "between 1 and 1000, got 0"},
		{"first negative", `{ claims(first: -1) { totalCount } }`, nil, "first", "between 1 and 1000, got -1"},
		{"first too large", `query($n: Int) { entities(first: $n) { totalCount } }`, map[string]any{"n": 1001}, "first", "between 1 and 1000, got 1001"},
		{"nested first too large", `{ entities(first: 1) { nodes { claimsAbout(first: 5000) { totalCount } } } }`, nil, "first", "got 5000"},
		{"text without a searchable word", `{ claims(text: "a") { totalCount } }`, nil, "text", "no word that can be searched"},
		{"empty text", `mutation { ingestDocument(input: {text: "  "}) { id } }`, nil, "input.text", "must not be empty"},
		{"text too large", `mutation($t: String!) { ingestDocument(input: {text: $t}) { id } }`, map[string]any{"t": strings.Repeat("word ", 41)}, "input.text", "more than the limit of 200"},
		{"unreadable publishedAt", `mutation { ingestDocument(input: {text: "Some text.", publishedAt: "the day after"}) { id } }`, nil, "input.publishedAt", "cannot read"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := post(t, srv, tc.query, tc.vars)
			if r.Status != http.StatusOK {
				t.Errorf("status %d, want 200", r.Status)
			}
			if len(r.Errors) != 1 {
				t.Fatalf("errors %v, want one", r.Errors)
			}
			e := r.Errors[0]
			if !strings.Contains(e.Message, `argument "`+tc.arg+`"`) || !strings.Contains(e.Message, tc.msg) {
				t.Errorf("error %q, want it to name argument %q and say %q", e.Message, tc.arg, tc.msg)
			}
			if e.Extensions["argument"] != tc.arg || e.Extensions["code"] != "BAD_USER_INPUT" {
				t.Errorf("extensions %v", e.Extensions)
			}
			if len(e.Path) == 0 {
				t.Errorf("error has no path")
			}
		})
	}
	// Nothing was ingested by the failed mutations.
	d := mustData(t, post(t, srv, `{ documents { totalCount } }`, nil))
	if n := atInt(t, d, "documents", "totalCount"); n != len(f.docs) {
		t.Errorf("%d documents after failed ingests, want %d", n, len(f.docs))
	}
}

// TestErrorsKeepOtherFields: an error in one field leaves the others.
func TestErrorsKeepOtherFields(t *testing.T) {
	f := newFixture(t, Config{})
	srv := f.server(t, HandlerConfig{})
	r := post(t, srv, `query($id: ID!) { bad: document(id: "nope") { id } good: document(id: $id) { id } }`, map[string]any{"id": f.docs[0].String()})
	if len(r.Errors) != 1 || !r.HasKey["data"] {
		t.Fatalf("errors %v, data key %v", r.Errors, r.HasKey["data"])
	}
	if at(t, r.Data, "bad") != nil || atString(t, r.Data, "good", "id") != f.docs[0].String() {
		t.Errorf("data = %v", r.Data)
	}
}

func TestLimitErrors(t *testing.T) {
	f := newFixture(t, Config{})
	srv := f.server(t, HandlerConfig{})
	deep := `{ claims(first: 1) { nodes { document { claims(first: 1) { nodes { document { claims(first: 1) { nodes {
	  document { claims(first: 1) { nodes { document { id } } } } } } } } } } } } }`
	broad := `{ documents(first: 1000) { nodes { claims(first: 1000) { nodes { id } } } } }`
	for _, tc := range []struct {
		name, query, code, msg string
	}{
		{"depth", deep, "QUERY_TOO_DEEP", "query depth 13 exceeds the limit of 12"},
		{"complexity", broad, "QUERY_TOO_COMPLEX", "query complexity 2002001 exceeds the limit of 100000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := post(t, srv, tc.query, nil)
			if r.Status != http.StatusOK || len(r.Errors) != 1 {
				t.Fatalf("status %d, errors %v", r.Status, r.Errors)
			}
			if !strings.Contains(r.Errors[0].Message, tc.msg) || r.Errors[0].Extensions["code"] != tc.code {
				t.Errorf("error %q %v, want %q", r.Errors[0].Message, r.Errors[0].Extensions, tc.msg)
			}
			if r.HasKey["data"] {
				t.Errorf("a query refused before execution has a data key")
			}
		})
	}
	// Limits are configurable: the same queries pass with higher ones.
	g := newFixture(t, Config{MaxDepth: 13, MaxComplexity: 3_000_000})
	lenient := g.server(t, HandlerConfig{})
	for _, q := range []string{deep, broad} {
		mustData(t, post(t, lenient, q, nil))
	}
}

func TestUnknownOperation(t *testing.T) {
	f := newFixture(t, Config{})
	res := f.schema.Execute(t.Context(), Request{Query: `query A { stats { documents } } query B { stats { claims } }`})
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "operationName") {
		t.Errorf("two operations without a name: %v", res.Errors)
	}
	res = f.schema.Execute(t.Context(), Request{Query: `query A { stats { documents } }`, OperationName: "C"})
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, `"C"`) {
		t.Errorf("unknown operation name: %v", res.Errors)
	}
	res = f.schema.Execute(t.Context(), Request{Query: `query A { stats { documents } } query B { stats { claims } }`, OperationName: "B"})
	if len(res.Errors) != 0 || res.Data.(map[string]any)["stats"].(map[string]any)["claims"] != 7 {
		t.Errorf("operation B: %v %v", res.Data, res.Errors)
	}
	res = f.schema.Execute(t.Context(), Request{Query: `{ nosuchfield }`})
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "nosuchfield") {
		t.Errorf("validation error: %v", res.Errors)
	}
	res = f.schema.Execute(t.Context(), Request{Query: `{ stats { `})
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "Syntax Error") {
		t.Errorf("syntax error: %v", res.Errors)
	}
	res = f.schema.Execute(t.Context(), Request{Query: `query($id: ID!) { entity(id: $id) { id } }`, Variables: map[string]any{"id": uuid.NewString()}})
	if len(res.Errors) != 0 || res.Data.(map[string]any)["entity"] != nil {
		t.Errorf("unknown id: %v %v", res.Data, res.Errors)
	}
}
