package schema

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/graphql-go/graphql/language/parser"
	"github.com/graphql-go/graphql/language/source"
)

// FuzzHandler: whatever a client sends (a body of any type, a query
// string, variables), the handler answers with a known status and a JSON
// body, and never panics (a panic would be a 500).
func FuzzHandler(f *testing.F) {
	fx := newFixture(f, Config{})
	h := NewHandler(fx.schema, HandlerConfig{AllowedHosts: LoopbackHosts()})
	f.Add(true, "application/json", []byte(`{"query": "{ stats { documents } }"}`), "")
	f.Add(true, "application/json", []byte(`{"query": "query($n: Int) { documents(first: $n) { nodes { id text } } }", "variables": {"n": 1.5}}`), "")
	f.Add(true, "application/json", []byte(`{"query": "query($t: String) { claims(text: $t) { totalCount } }", "variables": {"t": ["x"]}}`), "")
	f.Add(true, "application/graphql", []byte(`{ claims(text: "killed.*", first: 1) { totalCount } }`), "")
	f.Add(true, "text/plain", []byte(`{"query": "mutation { x }"}`), "")
	f.Add(false, "", []byte(nil), "query=%7B+entities%28name%3A+%22ISIS%22%29+%7B+nodes+%7B+id+%7D+%7D+%7D&variables=%7B%7D")
	f.Add(false, "", []byte(nil), "query={documents(after:\"@@\"){nodes{id}}}")
	f.Fuzz(func(t *testing.T, isPost bool, contentType string, body []byte, rawQuery string) {
		method := http.MethodGet
		if isPost {
			method = http.MethodPost
		}
		r := httptest.NewRequest(method, "/graphql", bytes.NewReader(body))
		r.URL.RawQuery = rawQuery
		if _, err := url.ParseQuery(rawQuery); err != nil {
			r.URL.RawQuery = url.Values{"query": {rawQuery}}.Encode()
		}
		if contentType != "" {
			r.Header.Set("Content-Type", contentType)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		switch rec.Code {
		case 200, 400, 403, 405, 413, 415:
		default:
			t.Fatalf("%s %q %q %q: status %d %s", method, contentType, body, rawQuery, rec.Code, rec.Body)
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%s %q %q %q: not JSON: %s", method, contentType, body, rawQuery, rec.Body)
		}
	})
}

// FuzzLimits: random query text through the limit checker, as run does
// before validation: it returns (no panic, no endless recursion) on any
// document the parser accepts.
func FuzzLimits(f *testing.F) {
	fx := newFixture(f, Config{})
	for _, q := range []string{
		`{ stats { documents } }`,
		`query($d: ID!) { a: claims(document: $d, first: 1000) { nodes { document { text } } } }`,
		`{ claims(text: "killed.*", first: 1) { totalCount } }`,
		`query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }`,
		`{ documents { nodes { ... on Document { text @skip(if: false) } } } }`,
		`{ __schema { types { fields { type { ofType { name } } } } } }`,
	} {
		f.Add(q)
	}
	vars := map[string]any{"d": fx.docs[0].String(), "n": 5}
	f.Fuzz(func(t *testing.T, query string) {
		if errs := fx.schema.checkText(query); len(errs) > 0 {
			return
		}
		doc, err := parser.Parse(parser.ParseParams{Source: source.NewSource(&source.Source{Body: []byte(query)})})
		if err != nil {
			return
		}
		op, err := selectOperation(doc, "")
		if err != nil {
			return
		}
		fx.schema.checkLimits(t.Context(), doc, op, vars)
	})
}
