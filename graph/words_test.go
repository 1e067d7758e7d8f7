package graph

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
)

// TestPostWords: the words a claim is posted under are indexWords of its
// lowered text, each once, whether the text takes the ASCII path or not.
func TestPostWords(t *testing.T) {
	texts := []string{
		"", "The rebels said THAT the Army ATTACKED the town, the town!",
		"a1 b22 c333 d4444 x-ray x_ray 2014-06-11 130,000 people",
		strings.Repeat("long", 20) + " " + strings.Repeat("Long", 20) + "er",
		"Ḥamāh 🛰 Satellite images show damage near Ḥamāh.", "İstanbul and ISTANBUL",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "aAbBcZz09 .,-'\"\t\n"
	for range 200 {
		b := make([]byte, rng.IntN(80))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		texts = append(texts, string(b))
	}
	for _, text := range texts {
		w := &batchWriter{lists: listKeys{m: map[string]*listKey{}}}
		p := &docPlan{}
		w.lists.doc++
		w.postWords(p, text, uuid.UUID{1}, 7)
		var got []string
		for _, ps := range p.postings {
			k := strings.TrimPrefix(ps.list.key, pClaimWord)
			word := strings.TrimSuffix(k, "\x00")
			got = append(got, word)
			// What search ranks by: the word's count, the text's length
			// in words, the day.
			tf := 0
			forEachWord(lowerText(text), func(w string) {
				if w == word {
					tf++
				}
			})
			if want := searchPayload(tf, countWords(lowerText(text)), 7); ps.extra != want {
				t.Errorf("%q: %q posted with %#x, want %#x", text, word, ps.extra, want)
			}
		}
		if want := indexWords(lowerText(text)); !slices.Equal(got, want) {
			t.Errorf("%q: posted under %q, want %q", text, got, want)
		}
	}
}
