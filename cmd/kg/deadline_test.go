package main

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// TestE2EExtractionStopsAtTheDeadline: on a server with a short --timeout,
// a document whose extraction takes longer (4 MiB of one sentence, about
// two seconds on a quiet machine, more on a busy one) is refused with an
// error naming the deadline, through the ingest mutation and POST /ingest
// alike, and not stored; a stream goes on with its next documents; the
// server keeps serving. Nothing here measures time: the long document
// takes some twenty times the deadline to extract, a short one a
// hundredth of it.
func TestE2EExtractionStopsAtTheDeadline(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts megabytes")
	}
	db := filepath.Join(t.TempDir(), "db")
	good := filepath.Join(t.TempDir(), "good.txt")
	writeFiles(t, filepath.Dir(good), map[string]string{"good.txt": "title: Good\n---\nThe council said the bridge was repaired.\n"})
	mustKG(t, "", "ingest", "--db", db, good)
	token := strings.TrimSpace(mustKG(t, "", "token", "add", "--db", db, "deadline").stdout)
	srv := startServer(t, db, "--timeout", "100ms")
	srv.token = token
	long := oneLongSentence + oneLongSentence[:2<<20-100] + " at the deadline" // within the 4 MiB a text may have

	status, body := srv.post(t, `{"query":"mutation($in: DocumentInput!) { ingest(input: $in) { created } }","variables":{"in":{"text":`+quoteJSON(long)+`}}}`)
	if !strings.Contains(body, "the request was stopped at its deadline (kg serve --timeout): a document it was still extracting or storing is not stored") || strings.Contains(body, `"created"`) {
		t.Errorf("the mutation past its deadline: %d %.500s", status, body)
	}

	lines, done := postIngest(t, srv, mediaArticleType, long)
	if len(lines) != 1 || lines[0].Status != "error" || !strings.Contains(lines[0].Error, "extraction stopped before the end, nothing stored: extraction took longer than 100ms") {
		t.Errorf("POST /ingest of the article: %+v %+v", lines, done)
	}

	stream := `{"text":"The army said the road was open.","url":"https://example.org/before"}` + "\n" +
		`{"text":` + quoteJSON(long) + `}` + "\n" +
		`{"text":"Residents said the market reopened.","url":"https://example.org/after"}` + "\n"
	lines, done = postIngest(t, srv, mediaJSONLines, stream)
	if len(lines) != 3 || lines[0].Status != "created" || lines[1].Status != "error" || lines[2].Status != "created" ||
		!strings.Contains(lines[1].Error, "extraction took longer than 100ms") {
		t.Errorf("POST /ingest of a stream: %+v %+v; want created, the deadline's error, created", lines, done)
	}

	// The server still serves, and holds the four documents acknowledged.
	if r := srv.get(t, "/healthz", nil); r.status != http.StatusOK {
		t.Errorf("GET /healthz after the deadlines: %d %s", r.status, r.body)
	}
	var stats struct{ Stats struct{ Documents int } }
	srv.query(t, `{ stats { documents } }`, nil, &stats)
	if stats.Stats.Documents != 3 {
		t.Errorf("the server holds %d documents, want 3 (none of the long one)", stats.Stats.Documents)
	}
	srv.stop(t)
	checkStoredTexts(t, db, 3)
}
