package graph

import (
	"strings"
	"testing"
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
