package schema

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/graphql-go/graphql"
)

func TestHTTPRequests(t *testing.T) {
	f := newFixture(t, Config{})
	srv := f.server(t, HandlerConfig{MaxBodyBytes: 4096})
	do := func(method, path, contentType, body string) (*http.Response, []byte) {
		t.Helper()
		req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, raw
	}
	stats := url.Values{"query": {"{ stats { documents } }"}}.Encode()
	mutation := url.Values{"query": {`mutation { ingestDocument(input: {text: "x"}) { id } }`}}.Encode()
	for _, tc := range []struct {
		name, method, path, contentType, body string
		status                                int
		want                                  string // in the body
	}{
		{"POST JSON", "POST", "/graphql", "application/json", `{"query":"{ stats { documents } }"}`, 200, `{"data":{"stats":{"documents":6}}}`},
		{"POST JSON with charset", "POST", "/graphql", "application/json; charset=utf-8", `{"query":"query Q($f: Int) { documents(first: $f) { nodes { id } } }","variables":{"f":1},"operationName":"Q"}`, 200, `"nodes":[{"id":"`},
		{"POST without Content-Type", "POST", "/graphql", "", `{"query":"{ stats { claims } }"}`, 415, `missing Content-Type`},
		{"POST as a form", "POST", "/graphql", "application/x-www-form-urlencoded", `query=%7B+stats+%7B+claims+%7D+%7D`, 415, `unsupported Content-Type`},
		{"POST application/graphql", "POST", "/graphql", "application/graphql", `{ stats { relations } }`, 200, `{"data":{"stats":{"relations":5}}}`},
		{"GET query", "GET", "/graphql?" + stats, "", "", 200, `{"data":{"stats":{"documents":6}}}`},
		{"GET with variables", "GET", "/graphql?" + url.Values{"query": {"query($n: String) { entities(name: $n) { totalCount } }"}, "variables": {`{"n":"Idlib"}`}}.Encode(), "", "", 200, `"totalCount":1`},
		{"GET mutation", "GET", "/graphql?" + mutation, "", "", 405, `{"errors":[{"message":"mutations are accepted only in POST requests"}]}`},
		{"GET malformed variables", "GET", "/graphql?" + stats + "&variables=%7B", "", "", 400, `malformed variables`},
		{"GET without query", "GET", "/graphql", "", "", 400, `{"errors":[{"message":"missing \"query\""}]}`},
		{"body too large", "POST", "/graphql", "application/json", `{"query":"{ stats { documents } }", "variables": {"pad": "` + strings.Repeat("x", 5000) + `"}}`, 413, `request body larger than 4096 bytes`},
		{"malformed JSON", "POST", "/graphql", "application/json", `{"query": "{ stats { documents } }"`, 400, `{"errors":[{"message":"malformed JSON body: `},
		{"JSON not an object", "POST", "/graphql", "application/json", `["{ stats { documents } }"]`, 400, `malformed JSON body`},
		{"two JSON values", "POST", "/graphql", "application/json", `{"query":"{ stats { documents } }"} {}`, 400, `more than one JSON value`},
		{"empty query", "POST", "/graphql", "application/json", `{"query":"  "}`, 400, `missing \"query\"`},
		{"unsupported Content-Type", "POST", "/graphql", "text/plain", `{ stats { documents } }`, 415, `unsupported Content-Type \"text/plain\"`},
		{"PUT", "PUT", "/graphql", "application/json", `{"query":"{ stats { documents } }"}`, 405, `method PUT not allowed`},
		{"syntax error", "POST", "/graphql", "application/json", `{"query":"{ stats { "}`, 200, `Syntax Error`},
		{"validation error", "POST", "/graphql", "application/json", `{"query":"{ nosuch }"}`, 200, `Cannot query field \"nosuch\" on type \"Query\"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := do(tc.method, tc.path, tc.contentType, tc.body)
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d; body %s", resp.StatusCode, tc.status, body)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			if !bytes.Contains(body, []byte(tc.want)) {
				t.Errorf("body %s, want it to contain %s", body, tc.want)
			}
			var v map[string]json.RawMessage
			if err := json.Unmarshal(body, &v); err != nil {
				t.Errorf("body is not a JSON object: %v", err)
			}
			if _, ok := v["errors"]; resp.StatusCode != 200 && !ok {
				t.Errorf("status %d without errors", resp.StatusCode)
			}
			if _, ok := v["data"]; resp.StatusCode != 200 && ok {
				t.Errorf("status %d with data", resp.StatusCode)
			}
			if h := resp.Header.Get("Access-Control-Allow-Origin"); h != "" {
				t.Errorf("CORS header %q with no origin allowed", h)
			}
		})
	}
	resp, _ := do("GET", "/graphql?"+mutation, "", "")
	if resp.Header.Get("Allow") != "POST" {
		t.Errorf("mutation over GET: Allow %q, want POST", resp.Header.Get("Allow"))
	}
	// Errors before execution leave "data" out; errors during execution
	// keep it.
	if r := post(t, srv, `{ nosuch }`, nil); r.HasKey["data"] || len(r.Errors) != 1 {
		t.Errorf("validation error: data key %v, errors %v", r.HasKey["data"], r.Errors)
	}
	if r := post(t, srv, `{ document(id: "bad") { id } }`, nil); !r.HasKey["data"] || len(r.Errors) != 1 {
		t.Errorf("resolver error: data key %v, errors %v", r.HasKey["data"], r.Errors)
	}
}

func TestHealthzAndPage(t *testing.T) {
	f := newFixture(t, Config{})
	srv := f.server(t, HandlerConfig{})
	get := func(path string) (*http.Response, string) {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, string(body)
	}
	if resp, body := get("/healthz"); resp.StatusCode != 200 || body != "ok" {
		t.Errorf("/healthz: %d %q", resp.StatusCode, body)
	}
	if resp, _ := get("/nosuch"); resp.StatusCode != 404 {
		t.Errorf("/nosuch: %d, want 404", resp.StatusCode)
	}
	resp, page := get("/")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("/: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("Content-Security-Policy %q: want nothing loaded from elsewhere and no framing", csp)
	}
	if xfo := resp.Header.Get("X-Frame-Options"); xfo != "DENY" {
		t.Errorf("X-Frame-Options %q, want DENY", xfo)
	}
	for _, want := range []string{`<textarea id="query"`, `<textarea id="variables"`, `<button id="run"`, `fetch("graphql"`, `id="docs"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page has no %s", want)
		}
	}
	// No external assets: no absolute URLs at all, nor protocol-relative
	// ones in src/href/url(), nor @import.
	for _, bad := range []*regexp.Regexp{
		regexp.MustCompile(`(?i)https?:`),
		regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?//`),
		regexp.MustCompile(`(?i)url\(\s*["']?//`),
		regexp.MustCompile(`(?i)@import|@font-face`),
	} {
		if m := bad.FindString(page); m != "" {
			t.Errorf("the page refers to something external: %q", m)
		}
	}
}

// TestPageExamples runs every example query of the page, and its schema
// docs query, against the fixture: they must all succeed.
func TestPageExamples(t *testing.T) {
	f := newFixture(t, Config{})
	srv := f.server(t, HandlerConfig{})
	examplesJSON := between(t, queryPage, `<script type="application/json" id="example-data">`, `</script>`)
	var examples []struct {
		Name      string         `json:"name"`
		Query     string         `json:"query"`
		Variables map[string]any `json:"variables"`
	}
	if err := json.Unmarshal([]byte(examplesJSON), &examples); err != nil {
		t.Fatal(err)
	}
	if len(examples) < 3 {
		t.Fatalf("%d examples", len(examples))
	}
	for _, ex := range examples {
		t.Run(ex.Name, func(t *testing.T) {
			d := mustData(t, post(t, srv, ex.Query, ex.Variables))
			if raw, _ := json.Marshal(d); strings.Count(string(raw), ":") < 3 {
				t.Errorf("example finds nothing in the fixture: %s", raw)
			}
		})
	}
	docs := between(t, queryPage, `<script type="application/graphql" id="docs-query">`, `</script>`)
	d := mustData(t, post(t, srv, docs, nil))
	if n := len(atList(t, d, "__schema", "types")); n < 20 {
		t.Errorf("docs query gives %d types", n)
	}
}

func between(t *testing.T, s, start, end string) string {
	t.Helper()
	i := strings.Index(s, start)
	if i < 0 {
		t.Fatalf("no %s", start)
	}
	s = s[i+len(start):]
	j := strings.Index(s, end)
	if j < 0 {
		t.Fatalf("no %s after %s", end, start)
	}
	return s[:j]
}

func TestPanicsRecovered(t *testing.T) {
	var logged bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logged, nil))
	f := newFixture(t, Config{Logger: logger})

	// In a resolver: an error on the field.
	resolve := newBuilder(f.schema).guard("Claim.text", func(graphql.ResolveParams) (any, error) { panic("boom") })
	v, err := resolve(graphql.ResolveParams{Context: context.Background()})
	if v != nil || err == nil || err.Error() != "internal error resolving Claim.text" {
		t.Errorf("guarded resolver: %v, %v", v, err)
	}
	if !strings.Contains(logged.String(), "boom") {
		t.Errorf("the panic was not logged: %q", logged.String())
	}

	// In the handler: 500, and the server keeps serving.
	h := &handler{schema: f.schema, cfg: HandlerConfig{Logger: logger}}
	srv := httptest.NewServer(h.recoverPanics(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/panic" {
			panic("handler boom")
		}
		io.WriteString(w, "fine")
	})))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/panic")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 500 || !strings.Contains(string(body), `"internal server error"`) {
		t.Errorf("panicking handler: %d %s", resp.StatusCode, body)
	}
	resp, err = http.Get(srv.URL + "/after")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("after a panic: %d", resp.StatusCode)
	}
}

// TestRequestContext: the request's context reaches the resolvers.
func TestRequestContext(t *testing.T) {
	f := newFixture(t, Config{})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	res := f.schema.Execute(ctx, Request{Query: `{ documents { nodes { id text } } }`})
	if len(res.Errors) == 0 || !strings.Contains(res.Errors[0].Message, "context canceled") {
		t.Errorf("canceled request: %v", res.Errors)
	}
}

// TestConcurrentRequests runs queries in parallel (for the race detector).
func TestConcurrentRequests(t *testing.T) {
	f := newFixture(t, Config{})
	srv := f.server(t, HandlerConfig{})
	queries := []string{
		`{ entities(name: "Jabhat al-Nusra") { nodes { name type claimsAbout { totalCount nodes { kind text speaker { name type } about { name placeKind } } } relations { predicate subject { name } } } } }`,
		`{ documents { totalCount nodes { title publishedAt entities { type } claims { nodes { kind } } } } }`,
		`{ claims(text: "fights") { nodes { kind relations { predicate polarity claim { kind } } } } }`,
		`{ __schema { types { name kind enumValues { name } } } }`,
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for i := range 8 {
		wg.Go(func() {
			for j := range 10 {
				q := queries[(i+j)%len(queries)]
				body, _ := json.Marshal(Request{Query: q})
				resp, err := http.Post(srv.URL+"/graphql", "application/json", bytes.NewReader(body))
				if err != nil {
					errs <- err.Error()
					return
				}
				raw, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 || bytes.Contains(raw, []byte(`"errors"`)) {
					errs <- string(raw)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
