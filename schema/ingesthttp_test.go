package schema

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestIngestHTTPStream: POST /ingest answers each document while the
// request body is still open (a client may send one, read its answer,
// then send the next), in order, with errors per line and the totals last.
func TestIngestHTTPStream(t *testing.T) {
	f := newFixture(t, Config{})
	srv := httptest.NewServer(NewHandler(f.schema, HandlerConfig{}))
	defer srv.Close()
	pr, pw := io.Pipe()
	req, err := http.NewRequest("POST", srv.URL+"/ingest", pr)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-ndjson")
	type answer struct {
		resp *http.Response
		err  error
	}
	answered := make(chan answer, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		answered <- answer{resp, err}
	}()
	io.WriteString(pw, `{"url":"https://stream.example/1","text":"The Syrian Observatory said Idlib was shelled."}`+"\n")
	var a answer
	select {
	case a = <-answered:
	case <-time.After(10 * time.Second):
		t.Fatal("no answer while the body is open")
	}
	if a.err != nil {
		t.Fatal(a.err)
	}
	defer a.resp.Body.Close()
	lines := bufio.NewScanner(a.resp.Body)
	next := func() map[string]any {
		t.Helper()
		done := make(chan bool, 1)
		go func() { done <- lines.Scan() }()
		select {
		case ok := <-done:
			if !ok {
				t.Fatalf("answer ended: %v", lines.Err())
			}
		case <-time.After(10 * time.Second):
			t.Fatal("no answer line while the body is open")
		}
		var m map[string]any
		if err := json.Unmarshal(lines.Bytes(), &m); err != nil {
			t.Fatalf("answer line %q: %v", lines.Bytes(), err)
		}
		return m
	}
	if got := next(); got["line"] != 1.0 || got["status"] != "created" || got["id"] == "" {
		t.Errorf("first answer %v", got)
	}
	// The first document is answered before the second is sent.
	io.WriteString(pw, "\n"+`{"title":"no text"}`+"\n"+`{"url":"https://stream.example/1","text":"Again."}`+"\n")
	pw.Close()
	if got := next(); got["line"] != 3.0 || got["status"] != "error" || !strings.Contains(got["error"].(string), `field "text"`) {
		t.Errorf("second answer %v", got)
	}
	if got := next(); got["line"] != 4.0 || got["status"] != "duplicate" {
		t.Errorf("third answer %v", got)
	}
	if got := next(); got["done"] != true || got["created"] != 1.0 || got["duplicates"] != 1.0 || got["errors"] != 1.0 {
		t.Errorf("last line %v", got)
	}
}
