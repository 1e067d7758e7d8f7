package extract

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	for _, tc := range []struct {
		name  string
		words []string
	}{
		{"Jabhat al-Nusra", []string{"jabhat", "nusra"}},
		{"Jabhat a-Nusra", []string{"jabhat", "nusra"}},
		{"JABHAT AL NUSRA", []string{"jabhat", "nusra"}},
		{"Deir ez-Zor", []string{"deir", "zor"}},
		{"Deir e-Zor", []string{"deir", "zor"}},
		{"Deir al-Zour", []string{"deir", "zur"}},
		{"Deir Ezzor", []string{"deir", "ezor"}}, // "ezor" is too short to lose its e
		{"Ezzorah", []string{"ezora"}},           // a fused article only after the first part
		{"Deir Ezzorah", []string{"deir", "zora"}},
		{"Al Qaeda", []string{"kaeda"}},
		{"al-", nil}, // nothing after the hyphen: a standalone al
		{"Hay'at Tahrir al-Sham", []string{"hayat", "tahrir", "sham"}},
		{"Dara’a", []string{"dara"}},
		{"Raqqa", []string{"raka"}},
		{"Hamah", []string{"hama"}},
		{"Forces armées maliennes", []string{"forces", "armis", "malines"}},
		{"Deir e\u0301-Zor", []string{"deir", "zor"}},
		{"Abu Mohammed al-Golani", []string{"abu", "mohamed", "golani"}},
		{"", nil},
		{"--- ’ ,", nil},
		{"U.S.-led", []string{"u", "s", "led"}},
		{"Ⅻ 2014", []string{"2014"}},
		{"ＩＳＩＳ", []string{"isis"}},
		{"Ｊａｂｈａｔ ａｌ－Ｎｕｓｒａ", []string{"jabhat", "nusra"}},
	} {
		got := foldWords(tc.name)
		if !slices.Equal(got, tc.words) {
			t.Errorf("foldWords(%q) = %q, want %q", tc.name, got, tc.words)
		}
		if want := strings.Join(tc.words, ""); Fold(tc.name) != want {
			t.Errorf("Fold(%q) = %q, want %q", tc.name, Fold(tc.name), want)
		}
	}
}

// FuzzFoldWords: foldWords, which folds into one buffer, returns what the
// plain definition (foldWordsReference, a string per part) returns.
func FuzzFoldWords(f *testing.F) {
	for _, seed := range []string{
		"Jabhat al-Nusra", "Deir ez-Zor", "al-al-al", "EL", "a-", "-al", "Éé–ʿAbd ash-Shām",
		"Hay'at Tahrir al-Sham", "qqq ckck oooo ieie dhdh Hamah ah", "Ezzor ezzor Ezra",
		"ﬁ ǅ İstanbul ß", strings.Repeat("Raqqa-", 40),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, name string) {
		got, want := foldWords(name), foldWordsReference(name)
		if !slices.Equal(got, want) {
			t.Fatalf("foldWords(%q) = %q, want %q", name, got, want)
		}
		if Fold(name) != strings.Join(want, "") {
			t.Fatalf("Fold(%q) = %q, want %q", name, Fold(name), strings.Join(want, ""))
		}
	})
}

// foldWordsReference is foldWords as first written, a string per part:
// the definition the buffer version must match.
func foldWordsReference(name string) []string {
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
		if fullwidthFirst <= r && r <= fullwidthLast {
			r -= fullwidthFirst - '!' // the fullwidth forms fold as ASCII
		}
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == '\'' || r == '’' || r == '‘' || r == 'ʿ' || r == 'ʾ' || r == '`' || r == '´':
		case r == '-' || r == '‐' || r == '‑' || r == '–':
			flushPart()
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			flushWord()
		}
	}
	flushWord()
	var out []string
	for _, w := range words {
		for i, part := range w {
			if i < len(w)-1 && arabicArticles[part] {
				continue
			}
			if len(w) == 1 && (part == "al" || part == "el") {
				continue
			}
			out = append(out, foldSpellingReference(part))
		}
	}
	for i := 1; i < len(out); i++ {
		if w := out[i]; len(w) > 4 && w[0] == 'e' && strings.IndexByte("zsdtrn", w[1]) >= 0 && strings.IndexByte("aeiou", w[2]) >= 0 {
			out[i] = w[1:]
		}
	}
	return out
}

func foldSpellingReference(w string) string {
	if len(w) <= 2 {
		return w
	}
	out := make([]byte, 0, len(w))
	emit := func(c byte) {
		if n := len(out); n > 0 && out[n-1] == c {
			return
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

// TestFullwidthNames finds the gazetteer's groups written in fullwidth
// letters, as some scraped pages have them.
func TestFullwidthNames(t *testing.T) {
	x := newTestExtractor(t)
	res := x.Extract(Article{Text: "ＩＳＩＳ said the town fell. Ｊａｂｈａｔ ａｌ－Ｎｕｓｒａ denied it."})
	var keys []string
	for _, e := range res.Entities {
		keys = append(keys, e.Key)
	}
	for _, want := range []string{"gaz:islamic-state", "gaz:jabhat-al-nusra"} {
		if !slices.Contains(keys, want) {
			t.Errorf("entities %q lack %s", keys, want)
		}
	}
}
