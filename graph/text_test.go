package graph

import (
	"strings"
	"testing"

	"github.com/google/uuid"
)

// TestDocTextSlice: every span of texts with multi-byte and non-BMP code
// points slices as Python's text[start:end] does, across checkpoints.
func TestDocTextSlice(t *testing.T) {
	texts := []string{
		"",
		"plain ASCII text",
		"Deir e\u0301-Zor “quoted” — ünïcödé",
		strings.Repeat("ab😀c“d”é", 40),
	}
	for _, s := range texts {
		runes := []rune(s)
		dt := newDocText(s)
		for start := 0; start <= len(runes); start++ {
			for end := start; end <= len(runes); end++ {
				if got, want := dt.slice(start, end), string(runes[start:end]); got != want {
					t.Fatalf("%q[%d:%d] = %q, want %q", s, start, end, got, want)
				}
			}
		}
		if got := dt.slice(0, len(runes)+1); got != "" {
			t.Errorf("a span past the end gave %q, want \"\"", got)
		}
	}
}

// TestTextCacheBounded: the shared text cache gives back what was put,
// never holds more than its bound, and keeps a huge document out.
func TestTextCacheBounded(t *testing.T) {
	c := &textCache{}
	ids := make([]uuid.UUID, 64)
	for i := range ids {
		ids[i] = uuid.New()
		dt := newDocText(strings.Repeat("é", 200_000)) // 400 KB of text, marks beside
		c.put(ids[i], dt)
		if got, ok := c.get(ids[i]); !ok || got != dt {
			t.Fatalf("document %d: not cached right after put", i)
		}
		if c.bytes > c.maxBytes {
			t.Fatalf("after %d documents the cache holds %d bytes, bound %d", i+1, c.bytes, c.maxBytes)
		}
	}
	huge := uuid.New()
	c.put(huge, newDocText(strings.Repeat("x", c.maxBytes/2)))
	if _, ok := c.get(huge); ok {
		t.Error("a document of half the cache's bound was cached")
	}
}
