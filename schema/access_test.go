package schema

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
)

// accessCase is one request of TestAccess and what it must get.
type accessCase struct {
	name        string
	cfg         HandlerConfig
	path        string // default /graphql
	method      string
	contentType string
	body        string
	header      map[string]string // Host goes to the request's Host
	status      int
	want        string // in the body
	cors        string // the Access-Control-Allow-Origin answered
}

const accessMutation = `{"query":"mutation { ingestDocument(input: {text: \"An access test: the Syrian Observatory said Idlib was shelled.\", url: \"https://access.example/%s\"}) { id } }"}`

// ingestJSONLine is one JSON line for POST /ingest, its URL ending in name.
func ingestJSONLine(name string) string {
	return `{"url":"https://access.example/` + name + `","text":"An access test: the Syrian Observatory said Idlib was shelled."}` + "\n"
}

// TestAccess: pages of other origins can neither write nor read (unless
// their origin is listed, and then only read), requests a page can send
// without a preflight never run, and a rebound Host is refused.
func TestAccess(t *testing.T) {
	f := newFixture(t, Config{})
	query := `{"query":"{ stats { documents } }"}`
	mutation := func(name string) string { return strings.Replace(accessMutation, "%s", name, 1) }
	loopback := HandlerConfig{AllowedHosts: LoopbackHosts()}
	notebooks := HandlerConfig{AllowOrigins: []string{"https://notebooks.example"}}
	for _, c := range []accessCase{
		{name: "query, no browser", method: "POST", contentType: "application/json", body: query, status: 200, want: `"documents":`},
		{name: "query from another origin: no CORS", method: "POST", contentType: "application/json", body: query,
			header: map[string]string{"Origin": "https://evil.example"}, status: 200, cors: ""},
		{name: "query from a listed origin", cfg: notebooks, method: "POST", contentType: "application/json", body: query,
			header: map[string]string{"Origin": "https://notebooks.example"}, status: 200, cors: "https://notebooks.example"},
		{name: "query from an unlisted origin", cfg: notebooks, method: "POST", contentType: "application/json", body: query,
			header: map[string]string{"Origin": "https://evil.example"}, status: 200, cors: ""},
		{name: "preflight from a listed origin", cfg: notebooks, method: "OPTIONS",
			header: map[string]string{"Origin": "https://notebooks.example", "Access-Control-Request-Method": "POST"}, status: 204, cors: "https://notebooks.example"},
		{name: "preflight from another origin", cfg: notebooks, method: "OPTIONS",
			header: map[string]string{"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}, status: 403, want: "may not query"},
		{name: "mutation without Content-Type (no-cors fetch)", method: "POST", body: mutation("no-ct"), status: 415, want: "missing Content-Type"},
		{name: "mutation as text/plain", method: "POST", contentType: "text/plain;charset=UTF-8", body: mutation("plain"), status: 415, want: "unsupported Content-Type"},
		{name: "mutation from another origin", method: "POST", contentType: "application/json", body: mutation("origin"),
			header: map[string]string{"Origin": "https://evil.example"}, status: 403, want: "another origin"},
		{name: "mutation from a listed origin", cfg: notebooks, method: "POST", contentType: "application/json", body: mutation("listed"),
			header: map[string]string{"Origin": "https://notebooks.example"}, status: 403, want: "another origin", cors: "https://notebooks.example"},
		{name: "mutation cross-site by Sec-Fetch-Site", method: "POST", contentType: "application/json", body: mutation("fetch-site"),
			header: map[string]string{"Sec-Fetch-Site": "cross-site"}, status: 403, want: "another origin"},
		{name: "mutation from an opaque origin", method: "POST", contentType: "application/json", body: mutation("null"),
			header: map[string]string{"Origin": "null"}, status: 403, want: "another origin"},
		{name: "mutation to a read-only server", cfg: HandlerConfig{ReadOnly: true}, method: "POST", contentType: "application/json", body: mutation("ro"),
			status: 403, want: "read-only"},
		{name: "rebound Host", cfg: loopback, method: "POST", contentType: "application/json", body: query,
			header: map[string]string{"Host": "attacker.example"}, status: 403, want: "is not served here"},
		{name: "localhost Host", cfg: loopback, method: "POST", contentType: "application/json", body: query,
			header: map[string]string{"Host": "localhost:8080"}, status: 200, want: `"documents":`},
		{name: "ingest as JSON lines", path: "/ingest", method: "POST", contentType: "application/x-ndjson", body: ingestJSONLine("ndjson"), status: 200, want: `"status":"created"`},
		{name: "ingest an article", path: "/ingest", method: "POST", contentType: "application/vnd.kg.article", body: "url: https://access.example/article\n---\nThe Syrian Observatory said Idlib was shelled.", status: 200, want: `"status":"created"`},
		{name: "ingest without Content-Type (no-cors fetch)", path: "/ingest", method: "POST", body: ingestJSONLine("no-ct"), status: 415, want: "unsupported Content-Type"},
		{name: "ingest as text/plain", path: "/ingest", method: "POST", contentType: "text/plain", body: ingestJSONLine("plain"), status: 415, want: "unsupported Content-Type"},
		{name: "ingest as a form", path: "/ingest", method: "POST", contentType: "application/x-www-form-urlencoded", body: ingestJSONLine("form"), status: 415, want: "unsupported Content-Type"},
		{name: "ingest as JSON", path: "/ingest", method: "POST", contentType: "application/json", body: ingestJSONLine("json"), status: 415, want: "unsupported Content-Type"},
		{name: "ingest from another origin", path: "/ingest", method: "POST", contentType: "application/x-ndjson", body: ingestJSONLine("origin"),
			header: map[string]string{"Origin": "https://evil.example"}, status: 403, want: "another origin"},
		{name: "ingest from a listed origin", cfg: notebooks, path: "/ingest", method: "POST", contentType: "application/x-ndjson", body: ingestJSONLine("listed"),
			header: map[string]string{"Origin": "https://notebooks.example"}, status: 403, want: "another origin", cors: "https://notebooks.example"},
		{name: "ingest cross-site by Sec-Fetch-Site", path: "/ingest", method: "POST", contentType: "application/jsonl", body: ingestJSONLine("fetch-site"),
			header: map[string]string{"Sec-Fetch-Site": "cross-site"}, status: 403, want: "another origin"},
		{name: "ingest to a read-only server", cfg: HandlerConfig{ReadOnly: true}, path: "/ingest", method: "POST", contentType: "application/x-ndjson", body: ingestJSONLine("ro"),
			status: 403, want: "read-only"},
		{name: "ingest over GET", path: "/ingest", method: "GET", status: 405, want: "not allowed"},
		{name: "IPv6 loopback Host", cfg: loopback, method: "POST", contentType: "application/json", body: query,
			header: map[string]string{"Host": "[::1]:8080"}, status: 200, want: `"documents":`},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := f.documents(t)
			srv := f.server(t, c.cfg)
			path := c.path
			if path == "" {
				path = "/graphql"
			}
			req, err := http.NewRequest(c.method, srv.URL+path, strings.NewReader(c.body))
			if err != nil {
				t.Fatal(err)
			}
			if c.contentType != "" {
				req.Header.Set("Content-Type", c.contentType)
			}
			for k, v := range c.header {
				if k == "Host" {
					req.Host = v
				} else {
					req.Header.Set(k, v)
				}
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != c.status || !bytes.Contains(body, []byte(c.want)) {
				t.Errorf("got %d %s, want %d with %q", resp.StatusCode, body, c.status, c.want)
			}
			if got := resp.Header.Get("Access-Control-Allow-Origin"); got != c.cors {
				t.Errorf("Access-Control-Allow-Origin %q, want %q", got, c.cors)
			}
			if (strings.Contains(c.body, "mutation") || c.path == "/ingest") && c.status != 200 {
				if after := f.documents(t); after != before {
					t.Errorf("a refused write stored a document: %d documents, were %d", after, before)
				}
			}
		})
	}
}

// TestAccessLog: a line per request with its method, path and status,
// and nothing of its body or headers.
func TestAccessLog(t *testing.T) {
	f := newFixture(t, Config{})
	var log bytes.Buffer
	srv := f.server(t, HandlerConfig{AccessLog: slog.New(slog.NewTextHandler(&log, nil))})
	req, _ := http.NewRequest("POST", srv.URL+"/graphql", strings.NewReader(`{"query":"{ stats { documents } }","variables":{"secret":"s3cr3t"}}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer t0k3n")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	line := log.String()
	for _, want := range []string{"method=POST", "path=/graphql", "status=200", "duration="} {
		if !strings.Contains(line, want) {
			t.Errorf("log %q lacks %q", line, want)
		}
	}
	for _, never := range []string{"s3cr3t", "t0k3n", "stats"} {
		if strings.Contains(line, never) {
			t.Errorf("log %q holds %q", line, never)
		}
	}
}

// documents counts the fixture's stored documents.
func (f *fixture) documents(t *testing.T) int {
	t.Helper()
	st, err := f.store.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return st.Documents
}
