package extract

import (
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
