package schema

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestResponseOrder: members come in the order of the query (the
// specification's CollectFields), from both executors, with errors
// before data.
func TestResponseOrder(t *testing.T) {
	f := newFixture(t, Config{})
	direct, legacy := NewHandler(f.schema, HandlerConfig{}), newHandler(f.schema, HandlerConfig{}, false)
	for _, tc := range []struct {
		name  string
		query string
		vars  map[string]any
		want  string
	}{
		{"fields", `{ stats { relations documents claims } }`, nil,
			`{"data":{"stats":{"relations":5,"documents":6,"claims":7}}}`},
		{"aliases, fragments, inline fragments, merged keys",
			`query { b: stats { claims } ...F a: stats { documents __typename } ... on Query { b: stats { relations } } }
			fragment F on Query { z: stats { documents } b: stats { documents } }`, nil,
			`{"data":{"b":{"claims":7,"documents":6,"relations":5},"z":{"documents":6},"a":{"documents":6,"__typename":"Stats"}}}`},
		{"a fragment spread twice counts where it first stands",
			`{ stats { ...S claims ...S } } fragment S on Stats { relations documents }`, nil,
			`{"data":{"stats":{"relations":5,"documents":6,"claims":7}}}`},
		{"@skip and @include",
			`query($yes: Boolean!, $no: Boolean = false) { stats { relations @include(if: $yes) documents @skip(if: $yes)
			claims @include(if: $no) ...S @skip(if: $no) ... on Stats @include(if: false) { mentions } } }
			fragment S on Stats { entities documents }`, map[string]any{"yes": true},
			`{"data":{"stats":{"relations":5,"entities":10,"documents":6}}}`},
		{"errors before data",
			`{ bad: document(id: "nope") { id } stats { documents } }`, nil,
			`{"errors":[{"message":"argument \"id\": malformed ID \"nope\": want a UUID","locations":[{"line":1,"column":3}],"path":["bad"],"extensions":{"argument":"id","code":"BAD_USER_INPUT"}}],"data":{"bad":null,"stats":{"documents":6}}}`},
		{"introspection", `{ __type(name: "Stats") { name fields { name } kind } }`, nil,
			`{"data":{"__type":{"name":"Stats","fields":[{"name":"documents"},{"name":"entities"},{"name":"claims"},{"name":"relations"},{"name":"mentions"}],"kind":"OBJECT"}}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body, err := json.Marshal(Request{Query: tc.query, Variables: tc.vars})
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range []http.Handler{direct, legacy} {
				rec := httptest.NewRecorder()
				r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
				r.Header.Set("Content-Type", "application/json")
				h.ServeHTTP(rec, r)
				if got := strings.TrimSuffix(rec.Body.String(), "\n"); got != tc.want {
					t.Errorf("got  %s\nwant %s", got, tc.want)
				}
			}
		})
	}
	// A mutation's answer, graphql-go's alone, comes in query order too.
	srv := f.server(t, HandlerConfig{})
	resp, err := http.Post(srv.URL+"/graphql", "application/graphql",
		strings.NewReader(`mutation { ingestDocument(input: {text: "Residents said the market reopened.", title: "Market"}) { title length claims { totalCount } } }`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	if want := `{"data":{"ingestDocument":{"title":"Market","length":35,"claims":{"totalCount":`; !strings.HasPrefix(b.String(), want) {
		t.Errorf("mutation answered %s, want it to start %s", b.String(), want)
	}
}

// TestAppendResultFallbacks: members the walk of the query does not
// account for come after the others, sorted, and values without a plan
// are written as encoding/json writes them.
func TestAppendResultFallbacks(t *testing.T) {
	f := newFixture(t, Config{})
	res := f.schema.Execute(context.Background(), Request{Query: `{ stats { documents } }`})
	data := res.Data.(map[string]any)
	data["zz"] = map[string]any{"b": 1.5, "a": []any{"x", nil, true}}
	data["aa"] = "<&>"
	doc := f.schema.valid.get(`{ stats { documents } }`).doc
	op, err := selectOperation(doc, "")
	if err != nil {
		t.Fatal(err)
	}
	got, err := appendResult(nil, f.schema.GraphQL(), doc, op, nil, res, 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"data":{"stats":{"documents":6},"aa":"<&>","zz":{"a":["x",null,true],"b":1.5}}}` + "\n"; string(got) != want {
		t.Errorf("got  %swant %s", got, want)
	}
}
