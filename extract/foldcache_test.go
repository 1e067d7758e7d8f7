package extract

import (
	"fmt"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"
	"unsafe"
)

func TestFoldCache(t *testing.T) {
	c := newFoldCache(1000)
	for i := range 2000 {
		w := fmt.Sprint("w", i)
		c.put(w, &foldedWord{parts: []string{w}})
	}
	hits := 0
	for i := range 2000 {
		w := fmt.Sprint("w", i)
		if p, ok := c.get(w); ok {
			hits++
			if len(p.parts) != 1 || p.parts[0] != w {
				t.Fatalf("get(%q) = %q", w, p.parts)
			}
		}
	}
	if hits != 1000 {
		t.Errorf("%d words cached, want the limit 1000", hits)
	}
	if _, ok := c.get("never put"); ok {
		t.Error("a word never put is cached")
	}
}

// TestFoldCacheConcurrent is meant for go test -race: readers and writers
// share one cache, as extraction workers do.
func TestFoldCacheConcurrent(t *testing.T) {
	c := newFoldCache(50_000)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 5000 {
				w := fmt.Sprint("w", (i*7+g)%3000)
				if p, ok := c.get(w); ok {
					if p.parts[0] != w {
						t.Errorf("get(%q) = %q", w, p.parts)
						return
					}
					continue
				}
				c.put(w, &foldedWord{parts: []string{w}})
			}
		}()
	}
	wg.Wait()
	for i := range 3000 {
		if _, ok := c.get(fmt.Sprint("w", i)); !ok {
			t.Fatalf("w%d lost", i)
		}
	}
}

// TestExtractKeepsNoText checks that what an Extractor keeps across
// documents (the fold caches) holds copies, not slices of the documents:
// a text extracted and dropped is collected.
func TestExtractKeepsNoText(t *testing.T) {
	raw, err := os.ReadFile("../testdata/articles/001-marea-activist-interview.txt")
	if err != nil {
		t.Fatal(err)
	}
	_, body, err := ParseArticle(string(raw))
	if err != nil {
		t.Fatal(err)
	}
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	collected := make(chan struct{})
	func() {
		buf := make([]byte, len(body))
		copy(buf, body)
		runtime.SetFinalizer(&buf[0], func(*byte) { close(collected) })
		r := x.Extract(Article{Text: unsafe.String(&buf[0], len(buf)), Publisher: "Test Wire"})
		if len(r.Entities) == 0 {
			t.Fatal("no entities extracted")
		}
	}()
	for range 10 {
		runtime.GC()
		select {
		case <-collected:
			runtime.KeepAlive(x)
			return
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Error("the document's text is still reachable after its extraction (from the Extractor's caches?)")
	runtime.KeepAlive(x)
}
