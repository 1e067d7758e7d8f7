package graph

import "unicode/utf8"

// docText is a document text that can be sliced by code point spans.
type docText struct {
	s     string
	n     int     // length in code points
	ascii bool    // one byte per code point: spans are byte offsets
	offs  []int32 // byte offset of each code point and of the end (not ascii)
}

func newDocText(s string) *docText {
	t := &docText{s: s, n: utf8.RuneCountInString(s)}
	if t.n == len(s) {
		t.ascii = true
		return t
	}
	t.offs = make([]int32, 0, t.n+1)
	for i := range s {
		t.offs = append(t.offs, int32(i))
	}
	t.offs = append(t.offs, int32(len(s)))
	return t
}

// valid reports whether [start, end) is a span of the text.
func (t *docText) valid(start, end int) bool { return 0 <= start && start <= end && end <= t.n }

// slice returns the text of a span; a span outside the text gives "".
func (t *docText) slice(start, end int) string {
	if !t.valid(start, end) {
		return ""
	}
	if t.ascii {
		return t.s[start:end]
	}
	return t.s[t.offs[start]:t.offs[end]]
}
