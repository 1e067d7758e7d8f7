package schema

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestDirectExecutor runs queries the direct executor answers, and some
// it leaves to graphql-go, and compares every answer with graphql-go's
// written in query order, byte for byte; and checks the order of each
// against the query.
func TestDirectExecutor(t *testing.T) {
	f := newFixture(t, Config{})
	ctx := context.Background()
	var nusra, doc string
	{
		res := f.schema.Execute(ctx, Request{Query: `{ entities(name: "Jabhat al-Nusra") { nodes { id } } }`})
		nusra = res.Data.(map[string]any)["entities"].(map[string]any)["nodes"].([]any)[0].(map[string]any)["id"].(string)
		doc = f.docs[1].String()
	}
	claimFields := `id kind text cue speakerText start end publishedAt ordinal sentence rule confidence
		speaker { id name type placeKind aliases }
		document { id title url publishedAt ingestedAt publisher contentHash length metadata { key value } }
		about { name } relations { predicate polarity subject { name } object { name } start end rule confidence }
		figures { kind value qualifier text start end }`
	cases := []struct {
		name   string
		query  string
		vars   map[string]any
		op     string
		direct bool
	}{
		{"entity by name", `query E($name: String!) { entities(name: $name, first: 1) { nodes { id name type placeKind aliases
			claimsAbout(first: 20) { pageInfo { hasNextPage endCursor } nodes { ` + claimFields + ` } } } } }`,
			map[string]any{"name": "jabhat al nusra"}, "", true},
		{"document", `query($id: ID!) { document(id: $id) { id url title publisher publishedAt text length
			entities { name } claims(first: 2) { totalCount edges { cursor node { text } } pageInfo { hasNextPage endCursor } } } }`,
			map[string]any{"id": doc}, "", true},
		{"claims by text", `{ claims(text: "fights", first: 5) { totalCount nodes { text speaker { name } } } }`, nil, "", true},
		{"aliases, fragments, __typename", `query Q($id: ID!, $n: Int = 2) {
			a: entity(id: $id) { ...E __typename }
			b: entity(id: $id) { name ... on Entity { key } relations(first: $n) { predicate } }
			stats { documents claims __typename }
		}
		fragment E on Entity { id name claimsAbout(first: $n) { nodes { ...C } } }
		fragment C on Claim { text kind document { title } }`, map[string]any{"id": nusra}, "Q", true},
		{"merged fields", `{ documents(first: 3) { nodes { title } nodes { id claims { nodes { text } } } pageInfo { endCursor } } }`, nil, "", true},
		{"relation groups", `query($id: ID!) { entity(id: $id) { relationGroups(predicate: FIGHTS) { subject { name } object { name } status supporting denying sources
			relations { polarity claim { speaker { name } text document { url publishedAt } } } } } }`, map[string]any{"id": nusra}, "", true},
		{"mentions", `query($id: ID!) { entity(id: $id) { mentions(first: 10) { totalCount nodes { text start end rule entity { name } document { id } } } } }`,
			map[string]any{"id": nusra}, "", true},
		{"enum variable", `query($t: EntityType) { entities(type: $t, first: 100) { totalCount nodes { name type } } }`, map[string]any{"t": "PLACE"}, "", true},
		{"missing entity", `{ entity(id: "00000000-0000-0000-0000-000000000001") { name } }`, nil, "", true},
		{"Int from a JSON number", `query($n: Int) { documents(first: $n) { nodes { title } } }`, map[string]any{"n": 2.0}, "", true},

		// Left to graphql-go.
		{"resolver error", `{ claims(text: "the") { nodes { text } } }`, nil, "", false},
		{"missing variable", `query($id: ID!) { entity(id: $id) { name } }`, nil, "", false},
		{"directive", `query($s: Boolean!) { stats { documents @skip(if: $s) claims } }`, map[string]any{"s": true}, "", false},
		{"introspection", `{ __type(name: "Claim") { name } }`, nil, "", false},
	}
	legacy := newHandler(f.schema, HandlerConfig{}, false)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := Request{Query: c.query, Variables: c.vars, OperationName: c.op}
			buf := []byte("prefix")
			out := f.schema.run(ctx, req, "", true, &buf)
			if out.direct != c.direct {
				t.Fatalf("answered by the direct executor: %v, want %v (body: %s)", out.direct, c.direct, out.body)
			}
			if out.body == nil {
				t.Fatalf("no body: %v", out.result)
			}
			if !bytes.HasPrefix(buf, []byte("prefix")) || !bytes.Equal(buf[len("prefix"):], out.body) {
				t.Errorf("the body is not appended to the buffer: %q", buf)
			}
			body, err := json.Marshal(req)
			if err != nil {
				t.Fatal(err)
			}
			rec := httptest.NewRecorder()
			r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
			r.Header.Set("Content-Type", "application/json")
			legacy.ServeHTTP(rec, r)
			if !bytes.Equal(out.body, rec.Body.Bytes()) {
				t.Errorf("direct executor:\n%s\ngraphql-go:\n%s", out.body, rec.Body.Bytes())
			}
			if !json.Valid(out.body) || (c.direct && bytes.Contains(out.body, []byte(`"errors"`))) {
				t.Errorf("answer %s", out.body)
			}
		})
	}
}

// TestAppendJSON compares the string and number encodings with
// encoding/json's.
func TestAppendJSON(t *testing.T) {
	var enc bytes.Buffer
	e := json.NewEncoder(&enc)
	e.SetEscapeHTML(false)
	for _, s := range []string{"", "plain", `quote " and \ backslash`, "<b>&amp;</b>", "tab\tnew\nline\rcr\bbs\fff",
		"\x00\x01\x1f\x7f", "invalid \xff\xfe utf-8 \xc3", "line\u2028para\u2029sep", "Ḥamāh 🛰 “quoted”"} {
		enc.Reset()
		if err := e.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got, want := string(appendString(nil, s)), strings.TrimSuffix(enc.String(), "\n"); got != want {
			t.Errorf("appendString(%q) = %s, want %s", s, got, want)
		}
	}
	for _, f := range []float64{0, 1, -1, 0.75, 1e-7, 123456789, 1e21, 1e20, -3.5e-9, math.MaxFloat64, math.SmallestNonzeroFloat64} {
		want, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendFloat(nil, f); string(got) != string(want) {
			t.Errorf("appendFloat(%v) = %s, want %s", f, got, want)
		}
	}
}

// TestLimitsOfCachedDocuments: the limits of a cached document are
// remembered only when the variables cannot change them.
func TestLimitsOfCachedDocuments(t *testing.T) {
	f := newFixture(t, Config{MaxComplexity: 50})
	ctx := context.Background()
	q := `query($n: Int) { documents(first: $n) { nodes { title claims(first: 10) { nodes { text } } } } }`
	for _, c := range []struct {
		n       int
		refused bool
	}{{1, false}, {5, true}, {1, false}} {
		res := f.schema.Execute(ctx, Request{Query: q, Variables: map[string]any{"n": c.n}})
		if refused := len(res.Errors) > 0; refused != c.refused {
			t.Errorf("first: %d: errors %v, want refused %v", c.n, res.Errors, c.refused)
		}
	}
	literal := `{ documents(first: 5) { nodes { title claims(first: 10) { nodes { text } } } } }`
	for range 2 {
		if res := f.schema.Execute(ctx, Request{Query: literal}); len(res.Errors) != 1 ||
			res.Errors[0].Extensions["code"] != "QUERY_TOO_COMPLEX" {
			t.Errorf("errors %v, want QUERY_TOO_COMPLEX", res.Errors)
		}
	}
}
