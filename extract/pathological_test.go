package extract

import (
	"strings"
	"testing"
	"time"
)

// pathologicalTexts are shapes that once made a rule scan the text (or
// the sentence, or every claim) once per token or per relation, so that
// time grew with the square of the length: an endless capitalised run,
// one giant quote, nested brackets and quotes, an apposition chain in one
// sentence, a long interview.
var pathologicalTexts = map[string]func(n int) string{
	"repeated name": func(n int) string { return strings.Repeat("ISIS ", n/5) },
	"one giant quote": func(n int) string {
		return "He said: “" + strings.Repeat("the town fell to the rebels and ", n/32) + "”"
	},
	"nested parentheses": func(n int) string { return strings.Repeat("(", n/2) + strings.Repeat(")", n/2) },
	"nested quotes":      func(n int) string { return strings.Repeat("“‘\"", n/3) },
	"apposition chain":   func(n int) string { return strings.Repeat("Ahmed Hassan, a member of the Free Syrian Army, ", n/48) },
	"one long sentence":  func(n int) string { return strings.Repeat("the Free Syrian Army and ISIS fought in Raqqa and ", n/50) },
	"a name said, again": func(n int) string { return strings.Repeat("Ahmed Hassan said ", n/18) },
	"a long interview": func(n int) string {
		return strings.Repeat("Q: Who holds Raqqa?\nA: ISIS holds Raqqa, said Ahmed Hassan.\n", n/60)
	},
	"editorial brackets":   func(n int) string { return strings.Repeat("[ISIS] [Raqqa] ", n/15) },
	"many short sentences": func(n int) string { return strings.Repeat("The Free Syrian Army said ISIS attacked Raqqa. ", n/48) },
}

// TestPathologicalTextsExtractInTime extracts 1 MiB of each shape. Each
// takes under 1.5 s on the 2-core machine (4 MiB: under 6 s); the limit is
// far above that, so that only a return of quadratic work fails it (an
// endless capitalised run of 2 MiB once took 7.5 minutes).
func TestPathologicalTextsExtractInTime(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts 10 MiB of text")
	}
	x := newTestExtractor(t)
	const size, limit = 1 << 20, 30 * time.Second
	for name, make := range pathologicalTexts {
		t.Run(name, func(t *testing.T) {
			text := make(size)
			start := time.Now()
			res := x.Extract(Article{Text: text, Publisher: "Test Wire"})
			if d := time.Since(start); d > limit {
				t.Errorf("%d bytes took %v, more than %v", len(text), d, limit)
			}
			if len(res.Failures) > 0 {
				t.Errorf("failed stages: %q", res.Failures)
			}
		})
	}
}
