package extract

import (
	"testing"
	"unicode/utf8"
)

// FuzzExtract: whatever the text, extraction returns (no panic) and every
// span it records slices back to its text. The seeds run with go test;
// go test ./extract -fuzz FuzzExtract explores further.
func FuzzExtract(f *testing.F) {
	for _, seed := range []string{
		"",
		"“Unclosed quote, he said",
		"Q: Are there battles between ISIS and the regime?\nNo, never.",
		"ISIS-held Raqqa, the capital of Raqqa province, said the Syrian Observatory (SOHR).",
		"A: “Quoted ‘nested’ text,” said Ahmed Hassan, a member of the Free Syrian Army (FSA).",
		"[…] ... !!! ??? ’s ’s -led -held (",
		"Deir e\u0301-Zor 😀 الرقة Raqqa، 2014",
	} {
		f.Add(seed, "Test Wire", "Title")
	}
	x, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text, publisher, title string) {
		if !utf8.ValidString(text) || !utf8.ValidString(publisher) || !utf8.ValidString(title) {
			t.Skip() // the pipeline refuses invalid UTF-8 before extraction
		}
		a := Article{Text: text, Publisher: publisher, Title: title}
		checkInvariants(t, "fuzz", a, x.Extract(a))
	})
}
