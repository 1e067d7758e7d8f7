package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// The fuzz targets of the input parsers: whatever the bytes, parsing
// returns (no panic, no hang) and what it returns holds together. Their
// seeds are in testdata/fuzz/<target>; .ci/fuzz runs each for a bounded
// time, and a failing input saved there is a test case from then on.

// FuzzParseArticle: a .txt article's header and body. The body is the
// input's tail, byte for byte once control characters are spaces
// (CleanText), and every field is valid UTF-8.
func FuzzParseArticle(f *testing.F) {
	f.Add("url: https://example.org/a\ntitle: A\ndate: June 11, 2014\n---\nBody text.")
	f.Add("\ufeffurl: x\r\n---\r\nCRLF body\r\n")
	f.Add("no header at all")
	f.Fuzz(func(t *testing.T, raw string) {
		h, body, err := ParseArticle(raw)
		if err != nil {
			return
		}
		clean, cerr := CleanText(raw)
		if cerr != nil {
			t.Fatalf("ParseArticle accepted what CleanText refuses: %v", cerr)
		}
		if !strings.HasSuffix(clean, body) {
			t.Fatalf("body %q is not the tail of the input", body)
		}
		for _, s := range []string{h.URL, h.Title, h.Publisher, h.Date, h.Kind, body} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in %q", s)
			}
		}
	})
}

// FuzzParseDate: a date is either refused or normalised to a value that
// parses to itself (the stored value is read again on export and ingest).
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"June 11, 2014", "11 June 2014", "2014-06-11", "2014-06-11T08:00:00Z",
		"Wed, 11 Jun 2014 08:00:00 GMT", "11/06/2014", "13/06/2014", "August 2023", "February 30, 2014", "unknown"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := ParseDate(s)
		if !ok || got == "" {
			return
		}
		again, ok := ParseDate(got)
		if !ok || again != got {
			t.Fatalf("ParseDate(%q) = %q, which parses to %q, %v", s, got, again, ok)
		}
	})
}

// FuzzParseJSONLine: a JSONL line gives a non-blank text or an error.
func FuzzParseJSONLine(f *testing.F) {
	f.Add([]byte(`{"text": "Body.", "url": "https://example.org/a", "date": "2014-06-11", "lang": "en"}`))
	f.Add([]byte(`{"text": 5}`))
	f.Add([]byte(`[[[[[[[[[[[[[[[[[[[[`))
	f.Fuzz(func(t *testing.T, line []byte) {
		_, text, err := ParseJSONLine(line)
		if err == nil && strings.TrimSpace(text) == "" {
			t.Fatalf("%q: a blank text without an error", line)
		}
	})
}
