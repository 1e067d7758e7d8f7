package extract

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokenKind classifies a token.
type tokenKind uint8

const (
	wordToken   tokenKind = iota // letters, possibly with inner hyphens/apostrophes
	numberToken                  // digits, possibly with , and . inside (130,000)
	punctToken                   // one punctuation rune
)

// token is one word, number or punctuation rune of the text, with its
// code-point span.
type token struct {
	Span
	text  string
	kind  tokenKind
	upper bool // starts with an upper-case letter
	// trigger and lex are the relation trigger classes (triggerClasses) and
	// the lexicons (wordLexicons) of lower, set by foldTokens from the
	// fold cache: one lookup per token instead of one per rule.
	trigger uint8
	lex     wordLexicons
	// lower is text in lower case, set with lex by foldTokens (or by
	// lowerTokens for a doc of newDoc): a cached word's lower case is
	// shared, not made again for every token.
	lower string
}

// doc is a document prepared for extraction: its runes, tokens and
// sentences. Offsets everywhere are rune offsets into runes.
type doc struct {
	text      string
	runes     []rune
	byteOff   []int32 // byteOff[i] is the byte offset of runes[i]; one past the end too
	tokens    []token
	sentences []sentence
	// buffers hold runes, byteOff and tokens, to be reused once the
	// document's extraction is done.
	buffers *docBuffers
	// ctx, when not nil, stops extraction once done (see checkStop);
	// steps counts the calls of checkStop.
	ctx   context.Context
	steps int
}

// stopEvery is how many steps (sentences, tokens) pass between two looks
// at the context: often enough that a deadline stops a 4 MiB text within
// milliseconds, rarely enough to cost nothing.
const stopEvery = 1024

// errStopped is what checkStop panics with once the document's context is
// done: the rules' loops are deep, and a panic unwinds them to the stage's
// guard (extract.go) without threading a return through every rule.
type errStopped struct{ err error }

// checkStop ends the current stage of extraction when the document's
// context is done, looking every stopEvery calls (every call when now).
func (d *doc) checkStop(now bool) {
	if d.ctx == nil {
		return
	}
	if d.steps++; !now && d.steps%stopEvery != 0 {
		return
	}
	if err := d.ctx.Err(); err != nil {
		panic(errStopped{context.Cause(d.ctx)})
	}
}

// sentence is a Sentence with the range of its tokens.
type sentence struct {
	Sentence
	tokStart, tokEnd int  // tokens[tokStart:tokEnd]
	boilerplate      bool // page furniture (see isBoilerplate)
	line             int  // index of the text line the sentence is on
	lineFirst        bool
}

func (d *doc) slice(s Span) string { return d.text[d.byteOff[s.Start]:d.byteOff[s.End]] }

// isApostrophe reports whether r is an apostrophe-like mark.
func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʿ' || r == 'ʾ' }

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf { // the same answer, without the tables
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// tokenize splits runes into tokens. A word keeps inner hyphens and
// apostrophes ("a-Nusra", "Hay'at"), but a possessive 's is its own token.
func tokenize(text string, runes []rune, byteOff []int32, toks []token) []token {
	if cap(toks) < len(runes)/4+8 {
		toks = make([]token, 0, len(runes)/4+8)
	}
	toks = toks[:0]
	n := len(runes)
	for i := 0; i < n; {
		r := runes[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case unicode.IsDigit(r):
			j := i + 1
			for j < n {
				if unicode.IsDigit(runes[j]) {
					j++
				} else if (runes[j] == ',' || runes[j] == '.') && j+1 < n && unicode.IsDigit(runes[j+1]) {
					j += 2
				} else {
					break
				}
			}
			// 24-hour, 2nd, 1980s: letters glued to digits stay in the token.
			for j < n && unicode.IsLetter(runes[j]) {
				j++
			}
			toks = append(toks, newToken(text, runes, byteOff, i, j, numberToken))
			i = j
		case isWordRune(r):
			j := i + 1
			for j < n {
				c := runes[j]
				if isWordRune(c) {
					j++
					continue
				}
				// "U.S.", "U.N.": an initialism keeps its last period (it
				// never ends a sentence, see abbreviations), so "U.S.-led"
				// and "U.S. Central Command" read as one name
				if c == '.' && isInitialism(runes[i:j]) {
					j++
					if j+1 < n && isHyphen(runes[j]) && isWordRune(runes[j+1]) {
						j += 2
					}
					continue
				}
				if (isHyphen(c) || isApostrophe(c) || c == '.' && j+1 < n && unicode.IsUpper(runes[j+1]) && j-i == 1) && j+1 < n && isWordRune(runes[j+1]) {
					// possessive: Syria's, forces’
					if isApostrophe(c) && (runes[j+1] == 's' || runes[j+1] == 'S') && (j+2 >= n || !isWordRune(runes[j+2])) {
						break
					}
					j += 2
					continue
				}
				break
			}
			// "Nusra-led", "ISIS-held": the suffix is its own token, so the
			// name before it is matched alone and the suffix triggers a
			// relation.
			if k := relationSuffix(runes[i:j]); k > 0 {
				toks = append(toks, newToken(text, runes, byteOff, i, j-k, wordToken), newToken(text, runes, byteOff, j-k, j, wordToken))
				i = j
				continue
			}
			toks = append(toks, newToken(text, runes, byteOff, i, j, wordToken))
			i = j
		default:
			// possessive 's as one token
			if isApostrophe(r) && i+1 < n && (runes[i+1] == 's' || runes[i+1] == 'S') && (i+2 >= n || !isWordRune(runes[i+2])) && i > 0 && isWordRune(runes[i-1]) {
				toks = append(toks, newToken(text, runes, byteOff, i, i+2, punctToken))
				i += 2
				continue
			}
			toks = append(toks, newToken(text, runes, byteOff, i, i+1, punctToken))
			i++
		}
	}
	return toks
}

// isInitialism reports whether w is capital letters joined by periods
// ("U.S", "U.N"), as read before its final period.
func isInitialism(w []rune) bool {
	if len(w) < 3 || len(w)%2 == 0 {
		return false
	}
	for k, r := range w {
		if k%2 == 0 && !unicode.IsUpper(r) || k%2 == 1 && r != '.' {
			return false
		}
	}
	return true
}

func newToken(doc string, runes []rune, byteOff []int32, start, end int, kind tokenKind) token {
	text := doc[byteOff[start]:byteOff[end]]
	return token{
		Span:  Span{start, end},
		text:  text,
		kind:  kind,
		upper: unicode.IsUpper(runes[start]) || articleThenUpper(runes[start:end]),
	}
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "gen": true, "col": true, "lt": true,
	"maj": true, "capt": true, "sgt": true, "st": true, "jr": true, "sr": true, "prof": true,
	"rev": true, "vs": true, "etc": true, "no": true, "jan": true, "feb": true, "mar": true,
	"apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true,
	"nov": true, "dec": true, "u.s": true, "u.n": true, "u.k": true, "a.m": true, "p.m": true,
	"brig": true, "cpl": true, "pvt": true, "adm": true, "gov": true, "sen": true, "rep": true,
	"inc": true, "co": true, "corp": true, "ltd": true, "mt": true, "ft": true, "approx": true,
}

func isOpenQuote(r rune) bool  { return r == '“' || r == '"' || r == '‘' || r == '«' }
func isCloseQuote(r rune) bool { return r == '”' || r == '"' || r == '’' || r == '»' || r == '\'' }

// splitSentences splits the text into lines (each line is a paragraph in
// the wire formats this project reads) and each line into sentences.
func splitSentences(runes []rune, toks []token, out []sentence) []sentence {
	ti := 0
	line := 0
	para := 0
	blank := false
	for ls := 0; ls <= len(runes); {
		le := ls
		for le < len(runes) && runes[le] != '\n' {
			le++
		}
		start, end := trimSpan(runes, ls, le)
		if start < end {
			if blank && len(out) > 0 {
				para++
			}
			blank = false
			first := true
			for _, sp := range splitLine(runes, start, end) {
				s := sentence{Sentence: Sentence{Span: sp, Paragraph: para}, line: line, lineFirst: first}
				first = false
				for ti < len(toks) && toks[ti].Start < sp.Start {
					ti++
				}
				s.tokStart = ti
				for ti < len(toks) && toks[ti].End <= sp.End {
					ti++
				}
				s.tokEnd = ti
				out = append(out, s)
			}
			line++
		} else {
			blank = true
		}
		ls = le + 1
	}
	// each non-empty line is its own paragraph unless lines run on without
	// blank lines; keep Paragraph as counted by blank lines.
	return out
}

func trimSpan(runes []rune, s, e int) (int, int) {
	for s < e && unicode.IsSpace(runes[s]) {
		s++
	}
	for e > s && unicode.IsSpace(runes[e-1]) {
		e--
	}
	return s, e
}

// splitLine splits one line [start,end) into sentence spans.
func splitLine(runes []rune, start, end int) []Span {
	var out []Span
	s := start
	for i := start; i < end; i++ {
		r := runes[i]
		if r != '.' && r != '!' && r != '?' && r != '…' {
			continue
		}
		j := i + 1
		for j < end && (runes[j] == '.' || runes[j] == '!' || runes[j] == '?') {
			j++
		}
		for j < end && (isCloseQuote(runes[j]) || runes[j] == ')' || runes[j] == ']') {
			j++
		}
		if j >= end {
			break
		}
		if !unicode.IsSpace(runes[j]) {
			continue
		}
		k := j
		for k < end && unicode.IsSpace(runes[k]) {
			k++
		}
		if k >= end {
			break
		}
		next := runes[k]
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || isOpenQuote(next) || next == '[') {
			continue
		}
		// "... (Tuesday) morning": an ellipsis inside a sentence
		if r == '.' && i >= 2 && runes[i-1] == '.' && runes[i-2] == '.' || r == '…' {
			if !isOpenQuote(next) && !unicode.IsUpper(next) {
				continue
			}
		}
		if r == '.' && isAbbreviation(runes, start, i) && !(unicode.IsUpper(next) && endsWithWord(runes, start, i, "no")) {
			continue // "No. 5", but "No. Al-Rastan is run by its council."
		}
		a, b := trimSpan(runes, s, j)
		if a < b {
			out = append(out, Span{a, b})
		}
		s = k
		i = k - 1
	}
	a, b := trimSpan(runes, s, end)
	if a < b {
		out = append(out, Span{a, b})
	}
	return out
}

// endsWithWord reports whether the word before runes[dot] is w, in any
// case.
func endsWithWord(runes []rune, lineStart, dot int, w string) bool {
	n := len([]rune(w))
	if dot-n < lineStart || dot-n > lineStart && unicode.IsLetter(runes[dot-n-1]) {
		return false
	}
	return strings.EqualFold(string(runes[dot-n:dot]), w)
}

// isAbbreviation reports whether the period at runes[dot] ends an
// abbreviation or an initial rather than a sentence.
func isAbbreviation(runes []rune, lineStart, dot int) bool {
	w := dot
	for w > lineStart && (unicode.IsLetter(runes[w-1]) || runes[w-1] == '.') {
		w--
	}
	word := strings.ToLower(string(runes[w:dot]))
	if word == "" {
		return false
	}
	if abbreviations[word] {
		return true
	}
	// A single capital letter is an initial (George W. Bush).
	if dot-w == 1 && unicode.IsUpper(runes[w]) {
		return true
	}
	return false
}

// newDoc prepares text for the rules that read tokens without the
// Extractor's caches (Figures): its tokens have their lower case.
func newDoc(text string) *doc {
	d := newDocIn(text, &docBuffers{})
	lowerTokens(d.tokens)
	return d
}

// lowerTokens sets each token's lower case. Extraction leaves it to
// foldTokens, which takes it from the fold cache.
func lowerTokens(toks []token) {
	for i := range toks {
		toks[i].lower = strings.ToLower(toks[i].text)
	}
}

// docBuffers are the per-document slices that extraction reuses from one
// document to the next (Extractor.buffers): the code points, their byte
// offsets, the tokens and their folded parts, the sentences, the entity
// candidates and the token→entity map, the relation rules' entity items,
// and scratch marks (see reuse). Nothing in a Result refers
// to them; strings in a Result are slices of the document's text.
type docBuffers struct {
	runes       []rune
	byteOff     []int32
	tokens      []token
	parts       [][]string
	alt         [][]string
	root1       []*trieNode
	rootGeneric []*trieNode
	sentences   []sentence
	cands       []candidate
	tokEnt      []int
	covered     []bool
	quoteMask   []bool
	items       []item
	itemEnds    []int
	sentItems   [][]item
	local       localGazetteer
}

// release drops the references the buffers hold into the last document,
// so a pooled buffer does not keep its text alive.
func (b *docBuffers) release() {
	clear(b.tokens[:cap(b.tokens)])
	clear(b.parts[:cap(b.parts)])
	clear(b.root1[:cap(b.root1)])
	clear(b.rootGeneric[:cap(b.rootGeneric)])
	clear(b.alt[:cap(b.alt)])
	clear(b.sentences[:cap(b.sentences)])
	clear(b.sentItems[:cap(b.sentItems)])
	b.local.release()
}

// newDocIn prepares text for extraction in the buffers b.
func newDocIn(text string, b *docBuffers) *doc {
	if cap(b.runes) < len(text) {
		b.runes = make([]rune, 0, len(text))
		b.byteOff = make([]int32, 0, len(text)+1)
	}
	runes, byteOff := b.runes[:0], b.byteOff[:0]
	for i, r := range text {
		runes = append(runes, r)
		byteOff = append(byteOff, int32(i))
	}
	byteOff = append(byteOff, int32(len(text)))
	toks := tokenize(text, runes, byteOff, b.tokens)
	b.runes, b.byteOff, b.tokens = runes, byteOff, toks
	b.sentences = splitSentences(runes, toks, b.sentences[:0])
	d := &doc{buffers: b, text: text, runes: runes, byteOff: byteOff, tokens: toks, sentences: b.sentences}
	for i := range d.sentences {
		d.sentences[i].Text = d.slice(d.sentences[i].Span)
		d.sentences[i].boilerplate = isBoilerplate(d.sentences[i].Text)
	}
	return d
}

// relationSuffixes follow a name with a hyphen and say how the name
// relates to what comes next: "Nusra-led groups", "ISIS-held towns".
var relationSuffixes = []string{"-led", "-held", "-controlled", "-backed", "-allied", "-affiliated",
	"-aligned", "-linked", "-run", "-dominated", "-supported", "-sponsored", "-besieged", "-based"}

// relationSuffix returns the length in runes of a relation suffix ending
// the word w, or 0. The stem must be at least two bytes long in lower
// case. Runes are compared in lower case one by one, as strings.ToLower
// would fold them, without making the lower-case word.
func relationSuffix(w []rune) int {
	hyphen := false
	for _, r := range w {
		if r == '-' {
			hyphen = true
			break
		}
	}
	if !hyphen {
		return 0
	}
	for _, suf := range relationSuffixes {
		if len(suf) >= len(w) || !lowerHasSuffix(w, suf) {
			continue
		}
		stemBytes := 0
		for _, r := range w[:len(w)-len(suf)] {
			if stemBytes += utf8.RuneLen(unicode.ToLower(r)); stemBytes >= 2 {
				return len(suf)
			}
		}
	}
	return 0
}

// lowerHasSuffix reports whether the runes of w end, in lower case, with
// the ASCII suffix suf. (unicode.ToLower maps a rune to one rune, so the
// last len(suf) runes of w, lowered, are the last len(suf) bytes of
// strings.ToLower(w) exactly when each lowers to an ASCII byte of suf; the
// Kelvin sign lowers to k, the dotted capital I to i.)
func lowerHasSuffix(w []rune, suf string) bool {
	tail := w[len(w)-len(suf):]
	for k, r := range tail {
		if unicode.ToLower(r) != rune(suf[k]) {
			return false
		}
	}
	return true
}

// articleThenUpper reports whether w is an Arabic article, a hyphen and a
// capital: "al-Qaeda", "a-Nusra".
func articleThenUpper(w []rune) bool {
	for i, r := range w {
		if isHyphen(r) {
			return i > 0 && i+1 < len(w) && arabicArticles[strings.ToLower(string(w[:i]))] && unicode.IsUpper(w[i+1])
		}
	}
	return false
}

// countWords counts the space-separated words of s without allocating.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

// reuse gives *buf resized to n zero values, in its room when it has
// enough: the docBuffers' way to hand out a slice for a document.
func reuse[T any](buf *[]T, n int) []T {
	if cap(*buf) < n {
		*buf = make([]T, n)
	} else {
		*buf = (*buf)[:n]
		clear(*buf)
	}
	return *buf
}
