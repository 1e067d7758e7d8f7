package graph

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// How search matches a query word to the words of the claim word index
// (cw/: lowercased, whole words, see words.go). The index keeps words as
// written, so inflections are found at query time: a query word finds
// every indexed word it is a prefix of ("kill": killed, killing,
// killings, killer), and also every word that its stem is a prefix of
// ("killings" → "kill": killed); a found word whose Snowball English stem
// is the query word's stem is an inflection and counts fully, any other
// ("killer") at prefixWeight. A few irregular forms common in the news
// ("fought", "fled", "shot") are looked up from their verb and the other
// way round. Stemming at query time keeps the index as it was (one list
// per word, which ClaimFilter.Text also reads) and costs ingest nothing.
// Entity names are cut by extract.FoldWords instead (the transliteration
// folding names get), and match exactly or by prefix.

// nameStopwords are left out of the name words of a query: in too many
// names to say anything. ("is" is not one: IS is a name.)
var nameStopwords = map[string]bool{
	"of": true, "in": true, "on": true, "to": true, "at": true, "by": true,
	"the": true, "and": true, "for": true, "s": true,
}

// irregularForms maps a few irregular inflections to their base form.
var irregularForms = map[string]string{
	"fought": "fight", "fled": "flee", "shot": "shoot", "struck": "strike", "took": "take",
	"taken": "take", "held": "hold", "told": "tell", "spoke": "speak", "spoken": "speak",
	"led": "lead", "won": "win", "lost": "lose", "began": "begin", "begun": "begin",
	"sent": "send", "brought": "bring", "caught": "catch", "seen": "see", "saw": "see",
	"ran": "run", "hid": "hide", "hidden": "hide", "stole": "steal", "stolen": "steal",
	"bled": "bleed", "beaten": "beat", "froze": "freeze", "frozen": "freeze",
	"overran": "overrun", "withdrew": "withdraw", "withdrawn": "withdraw", "shook": "shake",
	"blew": "blow", "blown": "blow", "children": "child", "women": "woman",
}

// irregularOf lists the irregular forms of each base form's stem.
var irregularOf = func() map[string][]string {
	m := map[string][]string{}
	for form, base := range irregularForms {
		st := stemWord(base)
		m[st] = append(m[st], form)
	}
	return m
}()

// stemWord is the stem of a lowered word: the Snowball English stem of a
// word of ASCII letters (through irregularForms), the word itself
// otherwise (numbers, other scripts).
func stemWord(w string) string {
	if base, ok := irregularForms[w]; ok {
		w = base
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return w
		}
	}
	return english.Stem(w, true)
}

// forEachWordAt calls fn with each indexed word of text (as forEachWord
// gives them for the lowered text) and its start and end in code points.
func forEachWordAt(text string, fn func(word string, start, end int)) {
	pos, start, startByte := 0, -1, 0
	flush := func(endByte, end int) {
		if start >= 0 && end-start >= minWordRunes {
			w := lowerText(text[startByte:endByte])
			if len(w) > maxWordBytes {
				cut := maxWordBytes
				for cut > 0 && !utf8.RuneStart(w[cut]) {
					cut--
				}
				w = w[:cut]
			}
			if !stopwords[w] {
				fn(w, start, end)
			}
		}
		start = -1
	}
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			if start < 0 {
				start, startByte = pos, i
			}
		} else {
			flush(i, pos)
		}
		pos++
	}
	flush(len(text), pos)
}

// claimQueryWords gives the words of a query as the claim index has
// them, with the prefixes to look up for each (see above).
func claimQueryWords(query string) []queryWord {
	var words []queryWord
	forEachWord(lowerText(query), func(w string) {
		if len(words) == maxSearchWords || slices_containsWord(words, w) {
			return
		}
		st := stemWord(w)
		qw := queryWord{word: w, stem: st, prefixes: []string{w}}
		if st != w && !strings.HasPrefix(w, st) {
			qw.prefixes = append(qw.prefixes, st) // irregular: fought → fight
		} else if st != w {
			qw.prefixes[0] = st // killings → kill
		}
		if strings.HasSuffix(st, "i") { // armies → armi: army
			qw.prefixes = append(qw.prefixes, st[:len(st)-1]+"y")
		}
		qw.exact = irregularOf[st]
		words = append(words, qw)
	})
	return words
}

func slices_containsWord(words []queryWord, w string) bool {
	for _, q := range words {
		if q.word == w {
			return true
		}
	}
	return false
}
