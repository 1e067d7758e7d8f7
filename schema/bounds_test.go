package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
)

// bigText is the length of bigDocument's text, as the amplified
// query had it (600 KB).
const bigText = 600_000

// bigDocument stores a document of bigText ASCII characters whose first
// claims sentences ("Claim number N was made.") are claims, and gives its
// ID.
func bigDocument(t testing.TB, f *fixture, claims int) uuid.UUID {
	t.Helper()
	var b strings.Builder
	res := extract.Result{Publisher: extract.NoEntity}
	for i := 0; b.Len() < bigText-64; i++ {
		start := b.Len()
		fmt.Fprintf(&b, "Claim number %d was made.", i)
		span := extract.Span{Start: start, End: b.Len()}
		res.Sentences = append(res.Sentences, extract.Sentence{Span: span, Text: b.String()[start:]})
		if i < claims {
			res.Claims = append(res.Claims, extract.Claim{Kind: extract.Narrative, Span: span, Text: b.String()[start:],
				Speaker: extract.NoEntity, Sentence: i, Rule: "fixture-narrative", Confidence: 0.5})
		}
		b.WriteByte(' ')
	}
	text := b.String() + strings.Repeat(".", bigText-b.Len())
	out, err := f.store.Ingest(t.Context(), graph.IngestInput{
		Meta: graph.DocumentMeta{URL: "https://example.org/big", Title: "Big"}, Text: text, Result: res})
	if err != nil {
		t.Fatal(err)
	}
	return out.DocumentID
}

// amplified is the query of issue 17 that reached 5.4 GB: four aliases
// of a page of 1000 claims of one document, each with the document's
// text.
func amplified(first int) string {
	var b strings.Builder
	b.WriteString("query($d: ID!) {")
	for _, alias := range []string{"a", "b", "c", "d"} {
		fmt.Fprintf(&b, " %s: claims(document: $d, first: %d) { nodes { document { text } } }", alias, first)
	}
	b.WriteString(" }")
	return b.String()
}

func complexityError(t *testing.T, errs []map[string]any) map[string]any {
	t.Helper()
	for _, e := range errs {
		if ext, _ := e["extensions"].(map[string]any); ext["code"] == "QUERY_TOO_COMPLEX" {
			return e
		}
	}
	return nil
}

func execErrors(t *testing.T, f *fixture, query string, vars map[string]any) []map[string]any {
	t.Helper()
	res := f.schema.Execute(t.Context(), Request{Query: query, Variables: vars})
	raw, err := json.Marshal(res.Errors)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestTextCostsItsLength: a document's text costs by its length, so the
// amplified query is refused before it runs, with a first that fits.
func TestTextCostsItsLength(t *testing.T) {
	f := newFixture(t, Config{})
	big := bigDocument(t, f, 1200)
	small := f.docs[0]
	vars := map[string]any{"d": big.String()}

	start := time.Now()
	errs := execErrors(t, f, amplified(1000), vars)
	e := complexityError(t, errs)
	if e == nil {
		t.Fatalf("the amplified query was not refused: %v", errs)
	}
	msg := e["message"].(string)
	for _, want := range []string{"the costliest field is a: claims at line 1, column 18", "first: 1000 items", "texts up to 600000 characters", "kg export"} {
		if !strings.Contains(msg, want) {
			t.Errorf("refusal %q does not say %q", msg, want)
		}
	}
	t.Logf("refused in %v: %s", time.Since(start), msg)
	fit, _ := e["extensions"].(map[string]any)["suggestedFirst"].(float64)
	if fit < 1 || fit > 50 {
		t.Fatalf("suggested first %v, want a page of a few dozen", fit)
	}
	if errs := execErrors(t, f, amplified(int(fit)), vars); complexityError(t, errs) != nil {
		t.Errorf("with the suggested first: %v", errs)
	}

	// The text of a document the query names costs its own length; an
	// unnamed document's, the longest in the store.
	pinned := `query($d: ID!) { claims(document: $d, first: 1000) { nodes { document { text } } } }`
	if errs := execErrors(t, f, pinned, map[string]any{"d": small.String()}); len(errs) > 0 {
		t.Errorf("a page of a short document's text: %v", errs)
	}
	if errs := execErrors(t, f, `{ claims(first: 1000) { nodes { document { text } } } }`, nil); complexityError(t, errs) == nil {
		t.Errorf("a page of any documents' texts, one of them 600 KB, was accepted: %v", errs)
	}
	if errs := execErrors(t, f, `query($d: ID!) { document(id: $d) { text } }`, vars); len(errs) > 0 {
		t.Errorf("one long text: %v", errs)
	}
}

// TestWordSearchCost: a search that must check the text of every claim
// holding a word costs those claims, counted from the keys.
func TestWordSearchCost(t *testing.T) {
	f := newFixture(t, Config{})
	bigDocument(t, f, 1200)
	s, err := New(f.store, nil, Config{MaxComplexity: 1000})
	if err != nil {
		t.Fatal(err)
	}
	f.schema = s
	errs := execErrors(t, f, `{ claims(text: "number.*", first: 1) { totalCount } }`, nil)
	e := complexityError(t, errs)
	if e == nil {
		t.Fatalf("a search reading 1200 claims was accepted under a limit of 1000: %v", errs)
	}
	msg := e["message"].(string)
	for _, want := range []string{`searching "number.*" reads up to 1200 claim records`, `the 1200 claims holding the word "number"`, `search whole words (text: "number")`, "kg export"} {
		if !strings.Contains(msg, want) {
			t.Errorf("refusal %q does not say %q", msg, want)
		}
	}
	// The whole word is counted from the keys.
	if errs := execErrors(t, f, `{ claims(text: "number", first: 1) { totalCount } }`, nil); len(errs) > 0 {
		t.Errorf("one whole word: %v", errs)
	}
	// A variable's text is costed per request, not remembered.
	q := `query($t: String) { claims(text: $t, first: 1) { totalCount } }`
	if errs := execErrors(t, f, q, map[string]any{"t": "number"}); len(errs) > 0 {
		t.Errorf("variable, whole word: %v", errs)
	}
	if errs := execErrors(t, f, q, map[string]any{"t": "number.*"}); complexityError(t, errs) == nil {
		t.Errorf("variable, not a word: %v", errs)
	}
}

// TestDirectiveFlood: directives count as selections, so the 65,000
// `@skip(if: false)` that fit in a 1 MiB body are refused before
// validation.
func TestDirectiveFlood(t *testing.T) {
	f := newFixture(t, Config{})
	q := "{ stats { documents" + strings.Repeat(" @skip(if:false)", 65_000) + " } }"
	if len(q) > DefaultMaxBodyBytes {
		t.Fatalf("the query is %d bytes, more than a body may be", len(q))
	}
	start := time.Now()
	errs := execErrors(t, f, q, nil)
	if len(errs) != 1 || !strings.Contains(errs[0]["message"].(string), "query has 65002 selections (fields, fragments and directives), more than the limit of 1000") {
		t.Fatalf("errors %v", errs)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("refusing took %v", d)
	}
	// A few directives are fine, and cost 1 each.
	if errs := execErrors(t, f, `{ stats { documents @skip(if: false) claims @include(if: true) } }`, nil); len(errs) > 0 {
		t.Errorf("two directives: %v", errs)
	}
}

// TestResponseCap: an answer larger than MaxResponseBytes is one error,
// from the direct executor and from graphql-go (a directive sends the
// query there) alike, and the server builds about the cap, not the whole.
func TestResponseCap(t *testing.T) {
	f := newFixture(t, Config{})
	big := bigDocument(t, f, 50)
	s, err := New(f.store, nil, Config{MaxResponseBytes: 1 << 20, MaxComplexity: 10_000_000})
	if err != nil {
		t.Fatal(err)
	}
	f.schema = s
	srv := f.server(t, HandlerConfig{})
	vars := map[string]any{"d": big.String()}
	for _, q := range []string{
		`query($d: ID!) { claims(document: $d, first: 10) { nodes { document { text } } } }`,
		`query($d: ID!) { claims(document: $d, first: 10) { nodes { document { text @include(if: true) } } } }`,
	} {
		status, body := postBody(t, srv.URL, Request{Query: q, Variables: vars})
		if status != 200 || len(body) > 1000 || !strings.Contains(body, `"code":"RESPONSE_TOO_LARGE"`) || strings.Contains(body, `"data"`) {
			t.Errorf("%s: %d %.500s", q, status, body)
		}
		if !strings.Contains(body, "larger than 1 MiB") || !strings.Contains(body, "kg export") {
			t.Errorf("the error does not say what to do: %s", body)
		}
	}
	// One text under the cap is answered.
	status, body := postBody(t, srv.URL, Request{Query: `query($d: ID!) { document(id: $d) { length } }`, Variables: vars})
	if status != 200 || strings.Contains(body, "errors") {
		t.Errorf("a small answer: %d %.300s", status, body)
	}
}

// TestDeadline: a query slower than the handler's timeout stops there,
// with one error, instead of running to its end: run with a deadline of
// 1 s it still meets it, with one of 50 ms it stops soon after.
func TestDeadline(t *testing.T) {
	f := newFixture(t, Config{})
	bigDocument(t, f, 5_000)
	s, err := New(f.store, nil, Config{MaxComplexity: 100_000_000, MaxSelections: 100_000})
	if err != nil {
		t.Fatal(err)
	}
	// 200 searches that each read every claim holding "number".
	var b strings.Builder
	b.WriteString("{")
	for i := range 200 {
		fmt.Fprintf(&b, ` s%d: claims(text: "number %d.*", first: 1) { totalCount }`, i, i)
	}
	b.WriteString(" }")
	slow := b.String()
	for _, tc := range []struct {
		query   string
		timeout time.Duration
	}{
		{slow, time.Second},
		{slow, 50 * time.Millisecond},
		{strings.Replace(slow, "totalCount", "totalCount @include(if: true)", 1), 50 * time.Millisecond}, // graphql-go's
	} {
		h := NewHandler(s, HandlerConfig{Timeout: tc.timeout})
		start := time.Now()
		status, body := serveOnce(h, Request{Query: tc.query})
		took := time.Since(start)
		t.Logf("deadline %v: stopped after %v", tc.timeout, took)
		if status != 200 || !strings.Contains(body, `"code":"TIMEOUT"`) || strings.Contains(body, `"data"`) {
			t.Errorf("deadline %v: %d %.500s", tc.timeout, status, body)
		}
		if took > tc.timeout+500*time.Millisecond {
			t.Errorf("deadline %v: stopped after %v", tc.timeout, took)
		}
	}
}

// postBody POSTs req as JSON and gives the status and body.
func postBody(t testing.TB, base string, req Request) (int, string) {
	t.Helper()
	body, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(raw)
}

// serveOnce serves req as a JSON POST with h, in process.
func serveOnce(h http.Handler, req Request) (int, string) {
	body, _ := json.Marshal(req)
	r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return rec.Code, rec.Body.String()
}
