package extract

import (
	"strings"
	"testing"
	"unicode"
)

// TestIsWordRuneASCII checks isWordRune's ASCII shortcut against the
// Unicode tables it stands in for.
func TestIsWordRuneASCII(t *testing.T) {
	for r := rune(0); r < 0x80; r++ {
		want := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if got := isWordRune(r); got != want {
			t.Errorf("isWordRune(%q) = %v, want %v", r, got, want)
		}
	}
}

// TestRelationSuffix checks relationSuffix, which compares runes in lower
// case one by one, against its definition on the lower-cased word.
func TestRelationSuffix(t *testing.T) {
	definition := func(w string) int {
		lw := strings.ToLower(w)
		for _, suf := range relationSuffixes {
			if strings.HasSuffix(lw, suf) && len(lw) > len(suf)+1 {
				return len(suf)
			}
		}
		return 0
	}
	for _, tc := range []struct {
		word string
		want int
	}{
		{"ISIS-held", 5},
		{"ISIS-HELD", 5},
		{"Nusra-led", 4},
		{"US-backed", 7},
		{"X-led", 0}, // a one-letter stem
		{"É-led", 4}, // é is two bytes in lower case
		{"İ-led", 0}, // İ lowers to i, one byte
		{"-led", 0},  // no stem
		{"led", 0},   // no hyphen
		{"ISIS-helD", 5},
		{"Sham-ʟed", 0},         // small capital L is not l
		{"Sham-lin\u212Aed", 7}, // the Kelvin sign lowers to k
		{"Ab-Run", 4},
		{"Raqqa-based", 6},
	} {
		if got := relationSuffix([]rune(tc.word)); got != tc.want {
			t.Errorf("relationSuffix(%q) = %d, want %d", tc.word, got, tc.want)
		}
		if def := definition(tc.word); def != tc.want {
			t.Errorf("definition(%q) = %d, the table says %d", tc.word, def, tc.want)
		}
	}
}
