package extract

import (
	"os"
	"path/filepath"
	"testing"
)

// TestClaimFiguresMatchFigures: the figures extraction stores for a claim
// are exactly those Figures reads from the claim's text (which the API's
// Claim.figures serves), shifted to the document, on every project
// article; and the places are PLACE entities whose mention the text has.
func TestClaimFiguresMatchFigures(t *testing.T) {
	x := newTestExtractor(t)
	files, err := filepath.Glob(filepath.Join("..", "testdata", "articles", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no articles: %v", err)
	}
	placed, total := 0, 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		h, text, err := ParseArticle(string(raw))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		r := x.Extract(Article{Text: text, Title: h.Title, Publisher: h.Publisher, Kind: h.Kind})
		var want []Figure
		var wantClaim []int
		for ci, c := range r.Claims {
			for _, fg := range Figures(c.Text) {
				fg.Start += c.Start
				fg.End += c.Start
				want = append(want, fg)
				wantClaim = append(wantClaim, ci)
			}
		}
		if len(want) != len(r.Figures) {
			t.Errorf("%s: %d claim figures, Figures of the claim texts gives %d", f, len(r.Figures), len(want))
			continue
		}
		for i, got := range r.Figures {
			if got.Figure != want[i] || got.Claim != wantClaim[i] {
				t.Errorf("%s: figure %d is %+v of claim %d, want %+v of claim %d", f, i, got.Figure, got.Claim, want[i], wantClaim[i])
			}
			total++
			if got.Place == NoEntity {
				if got.PlaceRule != "" {
					t.Errorf("%s: figure %q has no place but rule %q", f, got.Text, got.PlaceRule)
				}
				continue
			}
			placed++
			if e := r.Entities[got.Place]; e.Type != Place || len(e.Mentions) == 0 || got.PlaceRule == "" {
				t.Errorf("%s: figure %q placed at %s %q (%d mentions) by %q", f, got.Text, e.Type, e.Name, len(e.Mentions), got.PlaceRule)
			}
		}
	}
	t.Logf("%d of %d figures placed", placed, total)
}
