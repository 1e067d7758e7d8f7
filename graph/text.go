package graph

import "unicode/utf8"

// docText is a document text that can be sliced by code point spans.
//
// For texts that are not ASCII it keeps the byte offset of every 32nd code
// point only: a read slices a few spans of many documents (a page of
// claims), so building a full table per document cost more than walking
// at most 31 code points from the nearest checkpoint.
type docText struct {
	s     string
	n     int     // length in code points
	ascii bool    // one byte per code point: spans are byte offsets
	marks []int32 // marks[k] is the byte offset of code point k*checkpoint
}

// checkpoint is the distance in code points between two marks.
const checkpoint = 32

func newDocText(s string) *docText {
	t := &docText{s: s, n: utf8.RuneCountInString(s)}
	if t.n == len(s) {
		t.ascii = true
		return t
	}
	t.marks = make([]int32, 0, t.n/checkpoint+1)
	cp := 0
	for i := range s {
		if cp%checkpoint == 0 {
			t.marks = append(t.marks, int32(i))
		}
		cp++
	}
	return t
}

// valid reports whether [start, end) is a span of the text.
func (t *docText) valid(start, end int) bool { return 0 <= start && start <= end && end <= t.n }

// offset returns the byte offset of code point cp (0 <= cp <= n).
func (t *docText) offset(cp int) int {
	if cp >= t.n {
		return len(t.s)
	}
	b := int(t.marks[cp/checkpoint])
	for k := cp % checkpoint; k > 0; k-- {
		_, size := utf8.DecodeRuneInString(t.s[b:])
		b += size
	}
	return b
}

// slice returns the text of a span; a span outside the text gives "".
func (t *docText) slice(start, end int) string {
	if !t.valid(start, end) {
		return ""
	}
	if t.ascii {
		return t.s[start:end]
	}
	return t.s[t.offset(start):t.offset(end)]
}
