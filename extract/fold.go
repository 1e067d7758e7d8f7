package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// arabicArticles are the transliterations of the Arabic definite article
// (and its assimilated forms) that may prefix a word: al-Nusra, a-Nusra,
// an-Nusra, el-Fasher, ez-Zor, ash-Sham.
var arabicArticles = map[string]bool{
	"al": true, "a": true, "el": true, "il": true, "ul": true, "e": true,
	"ad": true, "ar": true, "as": true, "ash": true, "at": true, "az": true,
	"an": true, "ath": true, "adh": true, "dh": true, "ed": true, "er": true,
	"es": true, "esh": true, "et": true, "ez": true, "en": true, "ech": true,
}

// The fullwidth forms of ASCII's printable characters (U+FF01 to U+FF5E,
// from East Asian typesetting and some scrapers) fold as those characters:
// Unicode's canonical decomposition (NFD) leaves them alone.
const fullwidthFirst, fullwidthLast = '\uFF01', '\uFF5E'

// Fold reduces a name to the form used to compare names: lower case, no
// accents, apostrophes or fullwidth forms, the Arabic article dropped where it is joined by
// a hyphen ("a-Nusra", "al-Nusra") or stands alone ("Al Nusra"), common
// transliteration variants unified (ou/oo → u, ee → i, doubled letters
// single, a final h after a vowel dropped), and no spaces or punctuation.
// "Jabhat al-Nusra", "Jabhat a-Nusra" and "JABHAT AL NUSRA" fold alike, as
// do "Deir ez-Zor", "Deir e-Zor" and "Deir al-Zor". Vowels are kept, so
// "Deir al-Zour" folds to "deirzur": the gazetteer lists such spellings as
// aliases. A fused article is dropped only from parts of five letters and
// more after the first (dropFusedArticle): "Deir Ezzorah" folds like "Deir
// ez-Zorah", but "Deir Ezzor" to "deirezor", matched through its alias.
func Fold(name string) string {
	var room foldRoom
	p := room.parts()
	p.fold(name)
	return string(p.buf)
}

// FoldWords folds each word of name as Fold does and returns the parts
// that Fold joins, articles dropped: "Jabhat al-Nusra" gives "jabhat",
// "nusra". Search indexes names by these parts, so that one word of a
// name finds it.
func FoldWords(name string) []string { return foldWords(name) }

// foldWords folds each word of name (see Fold) and drops articles: the
// parts Fold joins. The parts share one string.
func foldWords(name string) []string {
	var room foldRoom
	p := room.parts()
	p.fold(name)
	return p.strings()
}

// foldedParts is a name folded into parts (see Fold), kept in one buffer:
// folding is done once per distinct name and word, but those are many,
// and a string per part was a fifth of extraction's allocations.
type foldedParts struct {
	buf  []byte
	ends []int // part i is buf[ends[i-1]:ends[i]] (from 0 for the first)
	// raw is the current word's parts, lower-cased, before spelling is
	// folded; rawEnds marks where each ends.
	raw     []byte
	rawEnds []int
}

// foldRoom is room for a foldedParts of a typical name on the stack.
type foldRoom struct {
	buf, raw      [64]byte
	ends, rawEnds [8]int
}

func (r *foldRoom) parts() foldedParts {
	return foldedParts{buf: r.buf[:0], ends: r.ends[:0], raw: r.raw[:0], rawEnds: r.rawEnds[:0]}
}

// strings returns the parts as strings sharing one allocation, or nil
// when there are none.
func (p *foldedParts) strings() []string {
	if len(p.ends) == 0 {
		return nil
	}
	all := string(p.buf)
	out := make([]string, len(p.ends))
	start := 0
	for i, end := range p.ends {
		out[i] = all[start:end]
		start = end
	}
	return out
}

// fold folds name into p, replacing what p held. Each word is
// lower-cased with its accents and apostrophes stripped and split at its
// hyphens into raw parts; then an Arabic article before a hyphen
// ("al-Nusra") and a standalone al/el ("Al Qaeda") are dropped, the
// spelling of each other part is folded (foldSpelling), and every part but
// the first loses an article fused to it (dropFusedArticle).
func (p *foldedParts) fold(name string) {
	p.buf, p.ends = p.buf[:0], p.ends[:0]
	p.raw, p.rawEnds = p.raw[:0], p.rawEnds[:0]
	if !isASCII(name) {
		name = norm.NFD.String(name)
	}
	for _, r := range name {
		if fullwidthFirst <= r && r <= fullwidthLast {
			r -= fullwidthFirst - '!' // ＩＳＩＳ folds as ISIS
		}
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
			p.raw = append(p.raw, byte(r))
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
			p.raw = append(p.raw, byte(r)+'a'-'A')
		case unicode.Is(unicode.Mn, r):
			// combining accent: dropped
		case r == '\'' || r == '’' || r == '‘' || r == 'ʿ' || r == 'ʾ' || r == '`' || r == '´':
			// apostrophes and ayn/hamza marks: dropped (Dara'a = Daraa)
		case r == '-' || r == '‐' || r == '‑' || r == '–':
			p.endRawPart()
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			p.raw = utf8.AppendRune(p.raw, unicode.ToLower(r))
		default:
			p.endWord()
		}
	}
	p.endWord()
}

// endRawPart ends the current raw part, if it has any letters.
func (p *foldedParts) endRawPart() {
	start := 0
	if n := len(p.rawEnds); n > 0 {
		start = p.rawEnds[n-1]
	}
	if len(p.raw) > start {
		p.rawEnds = append(p.rawEnds, len(p.raw))
	}
}

// endWord folds the current word's raw parts into parts.
func (p *foldedParts) endWord() {
	p.endRawPart()
	n := len(p.rawEnds)
	start := 0
	for i, end := range p.rawEnds {
		part := p.raw[start:end]
		start = end
		if i < n-1 && arabicArticles[string(part)] {
			continue // "al-Nusra": the article before a hyphen
		}
		if n == 1 && (string(part) == "al" || string(part) == "el") {
			continue // "Al Qaeda": a standalone al/el
		}
		at := len(p.buf)
		p.buf = appendFoldedSpelling(p.buf, part)
		if len(p.ends) > 0 && fusedArticle(p.buf[at:]) {
			p.buf = append(p.buf[:at], p.buf[at+1:]...)
		}
		p.ends = append(p.ends, len(p.buf))
	}
	p.raw, p.rawEnds = p.raw[:0], p.rawEnds[:0]
}

// foldSpelling unifies common transliteration variants within one
// lower-case word, in one pass: ou/oo → u, ee/ie → i, q/ck → k, dh → d,
// doubled letters single (Raqqa = Raqa), and a final h after a vowel
// dropped (Hamah = Hama).
func foldSpelling(w string) string {
	if len(w) <= 2 {
		return w
	}
	var room [64]byte
	return string(appendFoldedSpelling(room[:0], []byte(w)))
}

// appendFoldedSpelling appends foldSpelling of w to dst.
func appendFoldedSpelling(dst []byte, w []byte) []byte {
	if len(w) <= 2 {
		return append(dst, w...)
	}
	at := len(dst)
	emit := func(c byte) {
		if n := len(dst); n > at && dst[n-1] == c {
			return // doubled letter
		}
		dst = append(dst, c)
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		var next byte
		if i+1 < len(w) {
			next = w[i+1]
		}
		switch {
		case c == 'o' && (next == 'u' || next == 'o'):
			emit('u')
			i++
		case c == 'e' && next == 'e', c == 'i' && next == 'e':
			emit('i')
			i++
		case c == 'c' && next == 'k':
			emit('k')
			i++
		case c == 'd' && next == 'h':
			emit('d')
			i++
		case c == 'q':
			emit('k')
		default:
			emit(c)
		}
	}
	if n := len(dst); n-at > 3 && dst[n-1] == 'h' && strings.IndexByte("aeiou", dst[n-2]) >= 0 {
		dst = dst[:n-1]
	}
	return dst
}

// dropFusedArticle turns "ezora" (from "Ezzorah", doubled letter already
// single) back into "zora" only where the word starts with the article
// vowel e- fused to a sun letter and has five letters or more ("ezor",
// from "Ezzor", keeps its e); "a"/"al" fusions are too ambiguous.
func dropFusedArticle(w string) string {
	if fusedArticle([]byte(w)) {
		return w[1:]
	}
	return w
}

// fusedArticle reports whether dropFusedArticle drops w's first letter.
func fusedArticle(w []byte) bool {
	return len(w) > 4 && w[0] == 'e' && strings.IndexByte("zsdtrn", w[1]) >= 0 && strings.IndexByte("aeiou", w[2]) >= 0
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
