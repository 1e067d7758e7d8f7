package graph

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// minWordRunes and maxWordBytes bound the words of the claim text index:
// shorter words are not indexed, longer ones are cut (on a rune boundary),
// the same way for claims and for queries.
const (
	minWordRunes = 3
	maxWordBytes = 48
)

// stopwords are too common to be worth a posting list.
var stopwords = map[string]bool{
	"the": true, "and": true, "for": true, "that": true, "with": true, "from": true,
	"this": true, "have": true, "has": true, "had": true, "was": true, "were": true,
	"are": true, "but": true, "not": true, "his": true, "her": true, "its": true,
	"they": true, "their": true, "them": true, "who": true, "which": true, "will": true,
	"been": true, "also": true, "into": true, "than": true, "would": true, "there": true,
	"said": true, "says": true, "about": true, "after": true, "over": true, "more": true,
	"she": true, "him": true, "our": true, "you": true, "your": true, "all": true,
	"what": true, "when": true, "where": true, "can": true, "one": true, "out": true,
}

// lowerText is the case folding shared by the index and the substring
// test.
func lowerText(s string) string { return strings.ToLower(s) }

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// asciiWordByte is isWordRune for ASCII.
func asciiWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// indexWords returns the distinct indexed words of an already lowered
// text, in order of first occurrence.
func indexWords(lowered string) []string { return appendIndexWords(nil, lowered) }

// appendIndexWords appends the distinct indexed words of lowered to
// words (which must not hold any yet).
func appendIndexWords(words []string, lowered string) []string {
	var seen map[string]bool // for long texts; short ones are searched
	forEachWord(lowered, func(w string) {
		switch {
		case seen != nil:
			if seen[w] {
				return
			}
			seen[w] = true
		case slices.Contains(words, w):
			return
		case len(words) == 32:
			seen = make(map[string]bool, 64)
			for _, v := range words {
				seen[v] = true
			}
			seen[w] = true
		}
		words = append(words, w)
	})
	return words
}

// forEachWord calls fn with each indexable word of s.
func forEachWord(s string, fn func(string)) {
	start, runes := -1, 0
	flush := func(end int) {
		if start >= 0 && runes >= minWordRunes {
			w := s[start:end]
			if len(w) > maxWordBytes {
				cut := maxWordBytes
				for cut > 0 && !utf8.RuneStart(w[cut]) {
					cut--
				}
				w = w[:cut]
			}
			if !stopwords[w] {
				fn(w)
			}
		}
		start, runes = -1, 0
	}
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			runes++
			continue
		}
		flush(i)
	}
	flush(len(s))
}

// countWords counts the runs of letters, digits and marks of s, of any
// length: a claim's length for search's ranking.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := isWordRune(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}
