package schema

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// TestConcurrencyCap: with the cap reached, one more request gets 503
// with Retry-After at once, /healthz still answers, and a slot freed is
// served again.
func TestConcurrencyCap(t *testing.T) {
	const limit = 3
	release := make(chan struct{})
	var started sync.WaitGroup
	started.Add(limit)
	inner := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			started.Done()
			<-release
		}
		io.WriteString(w, "ok")
	})
	srv := httptest.NewServer(limitConcurrency(limit, inner))
	defer srv.Close()
	var done sync.WaitGroup
	for range limit {
		done.Go(func() {
			resp, err := http.Get(srv.URL + "/slow")
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Errorf("a request within the cap: %d", resp.StatusCode)
			}
		})
	}
	started.Wait()

	resp, err := http.Get(srv.URL + "/graphql?query={stats{documents}}")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") != "1" ||
		!strings.Contains(string(body), "server busy: 3 requests in flight") || !strings.Contains(string(body), "--max-concurrent") {
		t.Errorf("over the cap: %d Retry-After %q %s", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	resp, err = http.Get(srv.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("/healthz over the cap: %d", resp.StatusCode)
	}

	close(release)
	done.Wait()
	resp, err = http.Get(srv.URL + "/graphql")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("after the slots were freed: %d", resp.StatusCode)
	}
}

// TestConcurrencyCapConfigured: the handler applies the cap it is given.
func TestConcurrencyCapConfigured(t *testing.T) {
	f := newFixture(t, Config{})
	h := NewHandler(f.schema, HandlerConfig{MaxConcurrent: -1})
	if status, body := serveOnce(h, Request{Query: `{ stats { documents } }`}); status != 200 {
		t.Errorf("no cap: %d %s", status, body)
	}
	if DefaultMaxConcurrent() < 4 {
		t.Errorf("default cap %d", DefaultMaxConcurrent())
	}
}
