package extract

import (
	"strings"
	"unicode"

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

// Fold reduces a name to the form used to compare names: lower case, no
// accents or apostrophes, the Arabic article dropped where it is joined by
// a hyphen ("a-Nusra", "al-Nusra") or stands alone ("Al Nusra"), common
// transliteration variants unified (ou/oo → u, ee → i, doubled letters
// single, a final h after a vowel dropped), and no spaces or punctuation.
// "Jabhat al-Nusra", "Jabhat a-Nusra" and "JABHAT AL NUSRA" fold alike, as
// do "Deir ez-Zor", "Deir e-Zor", "Deir al-Zour" and "Deir Ezzor".
func Fold(name string) string {
	words := foldWords(name)
	return strings.Join(words, "")
}

// foldWords folds each word of name (see Fold) and drops articles.
func foldWords(name string) []string {
	var words []string
	for _, w := range splitNameWords(name) {
		for i, part := range w {
			if i < len(w)-1 && arabicArticles[part] {
				continue // "al-Nusra": the article before a hyphen
			}
			if len(w) == 1 && arabicArticles[part] && (part == "al" || part == "el") {
				continue // "Al Qaeda": a standalone al/el
			}
			words = append(words, foldSpelling(part))
		}
	}
	// "Deir Ezzor": an assimilated article fused with the next word.
	for i := 1; i < len(words); i++ {
		words[i] = dropFusedArticle(words[i])
	}
	return words
}

// splitNameWords lowercases, strips accents and apostrophes and splits a
// name into words, each word split further at its hyphens.
func splitNameWords(name string) [][]string {
	var words [][]string
	var parts []string
	var b strings.Builder
	flushPart := func() {
		if b.Len() > 0 {
			parts = append(parts, b.String())
			b.Reset()
		}
	}
	flushWord := func() {
		flushPart()
		if len(parts) > 0 {
			words = append(words, parts)
			parts = nil
		}
	}
	if !isASCII(name) {
		name = norm.NFD.String(name)
	}
	for _, r := range name {
		switch {
		case unicode.Is(unicode.Mn, r):
			// combining accent: dropped
		case r == '\'' || r == '’' || r == '‘' || r == 'ʿ' || r == 'ʾ' || r == '`' || r == '´':
			// apostrophes and ayn/hamza marks: dropped (Dara'a = Daraa)
		case r == '-' || r == '‐' || r == '‑' || r == '–':
			flushPart()
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			flushWord()
		}
	}
	flushWord()
	return words
}

// foldSpelling unifies common transliteration variants within one
// lower-case word, in one pass: ou/oo → u, ee/ie → i, q/ck → k, dh → d,
// doubled letters single (Raqqa = Raqa), and a final h after a vowel
// dropped (Hamah = Hama).
func foldSpelling(w string) string {
	if len(w) <= 2 {
		return w
	}
	out := make([]byte, 0, len(w))
	emit := func(c byte) {
		if n := len(out); n > 0 && out[n-1] == c {
			return // doubled letter
		}
		out = append(out, c)
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
	if n := len(out); n > 3 && out[n-1] == 'h' && strings.IndexByte("aeiou", out[n-2]) >= 0 {
		out = out[:n-1]
	}
	return string(out)
}

// dropFusedArticle turns "ezor" (from "Ezzor", doubled letter already
// single) back into "zor" only where the word starts with the article
// vowel e- fused to a sun letter; "a"/"al" fusions are too ambiguous.
func dropFusedArticle(w string) string {
	if len(w) > 4 && w[0] == 'e' && strings.IndexByte("zsdtrn", w[1]) >= 0 && strings.IndexByte("aeiou", w[2]) >= 0 {
		return w[1:]
	}
	return w
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
