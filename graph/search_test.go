package graph_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
	"github.com/factgraph/kg/graph/ingest"
)

// articleStore ingests the project's articles (testdata/articles) into a
// new store.
func articleStore(t *testing.T) *graph.Store {
	t.Helper()
	s, err := graph.Open(t.TempDir(), graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ex, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	if _, errs := ingest.Paths(context.Background(), s, ex, []string{"../testdata/articles"}, ingest.Options{}); len(errs) > 0 {
		t.Fatal(errs)
	}
	return s
}

type judgedQuery struct {
	Q        string `json:"q"`
	Entities []struct {
		Name string             `json:"name"`
		Type extract.EntityType `json:"type"`
	} `json:"entities"`
	Claims []string `json:"claims"`
}

// relevant gives the index of the judged item hit is, or -1.
func (j *judgedQuery) relevant(h *graph.SearchHit) int {
	if h.Kind == graph.SearchEntity {
		for i, e := range j.Entities {
			if h.Entity.Name == e.Name && (e.Type == "" || e.Type == h.Entity.Type) {
				return i
			}
		}
		return -1
	}
	for i, c := range j.Claims {
		if strings.Contains(h.Claim.Text, c) {
			return len(j.Entities) + i
		}
	}
	return -1
}

// minMRR and minNDCG are floors a little under what search reaches on
// the judged queries (MRR 0.923, nDCG@10 0.901 when they were set): a
// change to ranking that loses relevance fails here.
const (
	minMRR  = 0.88
	minNDCG = 0.85
)

// TestSearchRelevance measures the ranking on the judged queries of
// testdata/search_judged.json over the project's articles: the mean
// reciprocal rank of the first relevant hit in the top 10, and nDCG@10
// (binary relevance; each judged item counts once).
func TestSearchRelevance(t *testing.T) {
	raw, err := os.ReadFile("testdata/search_judged.json")
	if err != nil {
		t.Fatal(err)
	}
	var judged struct{ Queries []judgedQuery }
	if err := json.Unmarshal(raw, &judged); err != nil {
		t.Fatal(err)
	}
	if len(judged.Queries) < 20 {
		t.Fatalf("%d judged queries, want 20 or more", len(judged.Queries))
	}
	s := articleStore(t)
	var mrr, ndcg float64
	for _, j := range judged.Queries {
		page, err := s.Search(context.Background(), graph.SearchFilter{Query: j.Q}, graph.PageArgs{First: 10})
		if err != nil {
			t.Fatalf("search %q: %v", j.Q, err)
		}
		used := map[int]bool{}
		rr, dcg := 0.0, 0.0
		for rank, h := range page.Items {
			i := j.relevant(&h)
			if i < 0 || used[i] {
				continue
			}
			used[i] = true
			if rr == 0 {
				rr = 1 / float64(rank+1)
			}
			dcg += 1 / math.Log2(float64(rank+2))
		}
		ideal := 0.0
		for rank := range min(10, len(j.Entities)+len(j.Claims)) {
			ideal += 1 / math.Log2(float64(rank+2))
		}
		t.Logf("%-30q RR %.2f nDCG@10 %.2f", j.Q, rr, dcg/ideal)
		mrr += rr
		ndcg += dcg / ideal
	}
	mrr /= float64(len(judged.Queries))
	ndcg /= float64(len(judged.Queries))
	t.Logf("%d queries: MRR %.3f, nDCG@10 %.3f", len(judged.Queries), mrr, ndcg)
	if mrr < minMRR || ndcg < minNDCG {
		t.Errorf("MRR %.3f, nDCG@10 %.3f; want at least %.2f and %.2f", mrr, ndcg, minMRR, minNDCG)
	}
}

func search(t *testing.T, s *graph.Store, f graph.SearchFilter, first int, after string) graph.SearchPage {
	t.Helper()
	p, err := s.Search(context.Background(), f, graph.PageArgs{First: first, After: after})
	if err != nil {
		t.Fatalf("search %+v: %v", f, err)
	}
	return p
}

func describeHits(hits []graph.SearchHit) string {
	var b strings.Builder
	for _, h := range hits {
		if h.Kind == graph.SearchEntity {
			fmt.Fprintf(&b, "\n  %.3f entity %s (%q)", h.Score, h.Entity.Name, h.Name)
		} else {
			fmt.Fprintf(&b, "\n  %.3f claim %q", h.Score, h.Claim.Text)
		}
	}
	return b.String()
}

// TestSearch checks what a search answers over the project's articles:
// inflections and prefixes, folded names, spans, filters, paging, the
// corrections, and a query with nothing to search.
func TestSearch(t *testing.T) {
	s := articleStore(t)
	ctx := context.Background()

	t.Run("inflections", func(t *testing.T) {
		p := search(t, s, graph.SearchFilter{Query: "kill", Kinds: []graph.SearchKind{graph.SearchClaim}}, 200, "")
		words := map[string]bool{}
		for _, h := range p.Items {
			for _, sp := range h.Spans {
				words[strings.ToLower(string([]rune(h.Text)[sp.Start:sp.End]))] = true
			}
		}
		for _, w := range []string{"killed", "killing", "killings"} {
			if !words[w] {
				t.Errorf("search kill: no span %q in %v", w, words)
			}
		}
		p = search(t, s, graph.SearchFilter{Query: "fight", Kinds: []graph.SearchKind{graph.SearchClaim}}, 200, "")
		found := false
		for _, h := range p.Items {
			found = found || strings.Contains(h.Claim.Text, "ISIS has never fought the regime here")
		}
		if !found {
			t.Errorf("search fight: no claim with \"fought\":%s", describeHits(p.Items))
		}
	})

	t.Run("names folded", func(t *testing.T) {
		for _, q := range []string{"JABHAT AL NUSRA", "Jabhat an-Nusra", "nusra"} {
			p := search(t, s, graph.SearchFilter{Query: q}, 3, "")
			if len(p.Items) == 0 || p.Items[0].Kind != graph.SearchEntity || p.Items[0].Entity.Name != "Jabhat al-Nusra" {
				t.Errorf("search %q: want Jabhat al-Nusra first:%s", q, describeHits(p.Items))
				continue
			}
			h := p.Items[0]
			for _, sp := range h.Spans {
				if got := string([]rune(h.Name)[sp.Start:sp.End]); !strings.Contains(strings.ToLower(got), "nusra") && !strings.EqualFold(got, "jabhat") {
					t.Errorf("search %q: span %v of %q is %q", q, sp, h.Name, got)
				}
			}
		}
	})

	t.Run("spans and snippet", func(t *testing.T) {
		p := search(t, s, graph.SearchFilter{Query: "Vovchansk surrounded", Kinds: []graph.SearchKind{graph.SearchClaim}}, 5, "")
		if len(p.Items) == 0 {
			t.Fatal("no hit")
		}
		h := p.Items[0]
		runes := []rune(h.Claim.Text)
		var got []string
		for _, sp := range h.Spans {
			got = append(got, string(runes[sp.Start:sp.End]))
		}
		if !slices.Equal(got, []string{"Vovchansk", "surrounded"}) {
			t.Errorf("spans of %q: %q", h.Claim.Text, got)
		}
		if !strings.Contains(h.Claim.Text, h.Snippet) || string(runes[h.SnippetStart:h.SnippetStart+len([]rune(h.Snippet))]) != h.Snippet {
			t.Errorf("snippet %q at %d is not the text's", h.Snippet, h.SnippetStart)
		}
	})

	t.Run("types", func(t *testing.T) {
		p := search(t, s, graph.SearchFilter{Query: "Hodeidah", EntityTypes: []extract.EntityType{extract.Place}}, 50, "")
		if len(p.Items) == 0 {
			t.Fatal("no hit")
		}
		for _, h := range p.Items {
			if h.Kind != graph.SearchEntity || h.Entity.Type != extract.Place {
				t.Errorf("types [PLACE]: hit %+v", h)
			}
		}
		p = search(t, s, graph.SearchFilter{Query: "Hodeidah", Kinds: []graph.SearchKind{graph.SearchClaim}}, 50, "")
		for _, h := range p.Items {
			if h.Kind != graph.SearchClaim {
				t.Errorf("kinds [CLAIM]: hit %+v", h)
			}
		}
	})

	t.Run("since until", func(t *testing.T) {
		all := search(t, s, graph.SearchFilter{Query: "killed"}, 500, "")
		f := graph.SearchFilter{Query: "killed", Since: "2024-01-01", Until: "2024-06-30"}
		p := search(t, s, f, 500, "")
		if len(p.Items) == 0 || len(p.Items) >= len(all.Items) {
			t.Fatalf("since/until: %d hits of %d", len(p.Items), len(all.Items))
		}
		for _, h := range p.Items {
			if h.Kind != graph.SearchClaim || h.Claim.PublishedAt < "2024-01-01" || h.Claim.PublishedAt[:10] > "2024-06-30" {
				t.Errorf("since/until: hit %s published %q", h.Kind, h.Claim.PublishedAt)
			}
		}
		if _, err := s.Search(ctx, graph.SearchFilter{Query: "killed", Since: "last week"}, graph.PageArgs{}); err == nil {
			t.Error("since \"last week\": no error")
		}
	})

	t.Run("paging", func(t *testing.T) {
		whole := search(t, s, graph.SearchFilter{Query: "army"}, 60, "")
		var paged []graph.SearchHit
		after := ""
		for range 20 {
			p := search(t, s, graph.SearchFilter{Query: "army"}, 7, after)
			paged = append(paged, p.Items...)
			if !p.HasNext || len(paged) >= 60 {
				break
			}
			after = p.Cursors[len(p.Cursors)-1]
		}
		paged = paged[:min(60, len(paged))]
		if len(paged) != len(whole.Items) {
			t.Fatalf("paged %d hits, one page %d", len(paged), len(whole.Items))
		}
		for i := range paged {
			if paged[i].Kind != whole.Items[i].Kind || paged[i].Score != whole.Items[i].Score ||
				paged[i].Claim.ID != whole.Items[i].Claim.ID || paged[i].Entity.ID != whole.Items[i].Entity.ID {
				t.Fatalf("hit %d paged differs from one page", i)
			}
			if i > 0 && paged[i].Score > paged[i-1].Score {
				t.Fatalf("hit %d scores %v above hit %d (%v)", i, paged[i].Score, i-1, paged[i-1].Score)
			}
		}
		if _, err := s.Search(ctx, graph.SearchFilter{Query: "army"}, graph.PageArgs{After: "nope"}); !errors.Is(err, graph.ErrInvalidCursor) {
			t.Errorf("bad cursor: %v, want ErrInvalidCursor", err)
		}
	})

	t.Run("too broad", func(t *testing.T) {
		for _, q := range []string{"", "the of", "  "} {
			if _, err := s.Search(ctx, graph.SearchFilter{Query: q}, graph.PageArgs{}); !errors.Is(err, graph.ErrQueryTooBroad) {
				t.Errorf("search %q: %v, want ErrQueryTooBroad", q, err)
			}
		}
	})

	t.Run("corrections", func(t *testing.T) {
		top := func(q string) graph.SearchHit {
			t.Helper()
			p := search(t, s, graph.SearchFilter{Query: q}, 1, "")
			if len(p.Items) == 0 {
				t.Fatalf("search %q: no hit", q)
			}
			return p.Items[0]
		}
		nusra, fsa := top("Jabhat al-Nusra"), top("Free Syrian Army")
		if nusra.Kind != graph.SearchEntity || fsa.Kind != graph.SearchEntity || nusra.Entity.ID == fsa.Entity.ID {
			t.Fatalf("want two entities: %+v, %+v", nusra.Entity, fsa.Entity)
		}
		if _, err := s.Correct(ctx, graph.Correction{Op: graph.OpMergeEntities, Who: "test", Reason: "test",
			Entity: nusra.Entity.ID, Other: fsa.Entity.ID}); err != nil {
			t.Fatal(err)
		}
		if h := top("Free Syrian Army"); h.Entity.ID != nusra.Entity.ID || h.Name != "Free Syrian Army" {
			t.Errorf("after merge, search FSA gives %s (%q), want the kept entity %s", h.Entity.ID, h.Name, nusra.Entity.ID)
		}
		p := search(t, s, graph.SearchFilter{Query: "Syrian Army Nusra", Kinds: []graph.SearchKind{graph.SearchEntity}}, 50, "")
		seen := map[string]bool{}
		for _, h := range p.Items {
			if seen[h.Entity.ID.String()] {
				t.Errorf("entity %s twice", h.Entity.ID)
			}
			seen[h.Entity.ID.String()] = true
		}
		if _, err := s.Correct(ctx, graph.Correction{Op: graph.OpAddAlias, Who: "test", Reason: "test",
			Entity: nusra.Entity.ID, Alias: "Xarqawi Vanguard"}); err != nil {
			t.Fatal(err)
		}
		if h := top("xarqawi vanguard"); h.Entity.ID != nusra.Entity.ID || h.Name != "Xarqawi Vanguard" {
			t.Errorf("after an alias was added, search gives %s (%q), want %s by the alias", h.Entity.ID, h.Name, nusra.Entity.ID)
		}
		c := top("Vovchansk is not surrounded")
		if c.Kind != graph.SearchClaim {
			t.Fatalf("want a claim first: %+v", c)
		}
		if _, err := s.Correct(ctx, graph.Correction{Op: graph.OpRetractClaim, Who: "test", Reason: "test", Claim: c.Claim.ID}); err != nil {
			t.Fatal(err)
		}
		p = search(t, s, graph.SearchFilter{Query: "Vovchansk surrounded"}, 100, "")
		for _, h := range p.Items {
			if h.Kind == graph.SearchClaim && h.Claim.ID == c.Claim.ID {
				t.Errorf("retracted claim %s still found", c.Claim.ID)
			}
		}
	})
}
