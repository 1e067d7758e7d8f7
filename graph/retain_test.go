package graph

import (
	"context"
	"os"
	"runtime"
	"testing"
	"time"
	"unsafe"

	"github.com/factgraph/kg/extract"
)

// TestIngestKeepsNoText checks that what a Store keeps across batches
// (the ingest's entity cache) holds copies of names, not slices of the
// documents they were extracted from: a text ingested and dropped is
// collected while the store stays open.
func TestIngestKeepsNoText(t *testing.T) {
	raw, err := os.ReadFile("../testdata/articles/001-marea-activist-interview.txt")
	if err != nil {
		t.Fatal(err)
	}
	header, body, err := extract.ParseArticle(string(raw))
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	s, _ := openStore(t)
	collected := make(chan struct{})
	func() {
		buf := make([]byte, len(body))
		copy(buf, body)
		runtime.SetFinalizer(&buf[0], func(*byte) { close(collected) })
		text := unsafe.String(&buf[0], len(buf))
		in := IngestInput{Meta: DocumentMeta{URL: "https://example.org/kept", Title: header.Title, Publisher: "Test Wire"}, Text: text,
			Result: x.Extract(extract.Article{Text: text, Publisher: "Test Wire"})}
		if _, err := s.Ingest(context.Background(), in); err != nil {
			t.Fatal(err)
		}
	}()
	for range 10 {
		runtime.GC()
		select {
		case <-collected:
			runtime.KeepAlive(s)
			return
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Error("the document's text is still reachable after its ingest (from the store's entity cache?)")
	runtime.KeepAlive(s)
}
