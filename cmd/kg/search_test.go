package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestE2ESearch asks the real server, over the project's articles ingested
// by kg ingest, for searches whose best answers are known: an entity
// named by the query comes first, then the claims that have more of the
// query's words, an inflection is found, and since narrows the claims.
func TestE2ESearch(t *testing.T) {
	root := moduleRoot(t)
	db := t.TempDir()
	mustKG(t, "", "ingest", "--db", db, filepath.Join(root, "testdata", "articles"))
	srv := startServer(t, db)
	defer srv.stop(t)

	type hit struct {
		Kind   string
		Score  float64
		Name   *string
		Entity *struct{ Name string }
		Claim  *struct {
			Text     string
			Document struct{ Title string }
		}
		Spans []struct {
			Start, End int
			Text       string
		}
	}
	search := func(q string, args string) []hit {
		t.Helper()
		var out struct {
			Search struct{ Nodes []hit }
		}
		srv.query(t, `query($q: String!) { search(q: $q`+args+`) { nodes {
			kind score name entity { name } claim { text document { title } } spans { start end text } } } }`,
			map[string]any{"q": q}, &out)
		for i := 1; i < len(out.Search.Nodes); i++ {
			if out.Search.Nodes[i].Score > out.Search.Nodes[i-1].Score {
				t.Errorf("search %q: hit %d scores above hit %d", q, i, i-1)
			}
		}
		return out.Search.Nodes
	}

	// A transliteration of the name finds the group first, then the
	// claims with both words before those with one.
	hits := search("Jabhat an-Nusra", ", first: 4")
	if len(hits) < 4 || hits[0].Kind != "ENTITY" || hits[0].Entity.Name != "Jabhat al-Nusra" {
		t.Fatalf("search Jabhat an-Nusra: want the entity first, got %+v", hits)
	}
	if hits[1].Kind != "CLAIM" || !strings.Contains(hits[1].Claim.Text, "Jabhat al-Nusra") {
		t.Errorf("second hit %+v, want a claim naming Jabhat al-Nusra in full", hits[1])
	}
	if !strings.Contains(hits[3].Claim.Text, "Nusra") || strings.Contains(hits[3].Claim.Text, "Jabhat") {
		t.Errorf("fourth hit %+v, want a claim naming Nusra alone", hits[3])
	}
	for _, sp := range hits[1].Spans {
		if got := string([]rune(hits[1].Claim.Text)[sp.Start:sp.End]); got != sp.Text || (got != "Jabhat" && got != "Nusra") {
			t.Errorf("span %+v of %q is %q", sp, hits[1].Claim.Text, got)
		}
	}

	// Words of a claim, inflected: the toll in Hama comes first.
	hits = search("kill civilian Hama", ", types: [CLAIM], first: 3")
	if len(hits) == 0 || !strings.Contains(hits[0].Claim.Document.Title, "northern Hama") {
		t.Fatalf("search kill civilian Hama: %+v", hits)
	}
	var words []string
	for _, sp := range hits[0].Spans {
		words = append(words, sp.Text)
	}
	if got := strings.Join(words, " "); !strings.Contains(got, "civilians") || !strings.Contains(got, "killed") {
		t.Errorf("spans %q: want killed and civilians", got)
	}

	// An irregular form.
	found := false
	for _, h := range search("fight regime", ", types: [CLAIM], first: 10") {
		found = found || strings.Contains(h.Claim.Text, "ISIS has never fought the regime here")
	}
	if !found {
		t.Error("search fight regime: the claim with \"fought\" is not in the first 10")
	}

	// since: claims only, from that day on.
	for _, h := range search("killed", `, since: "2024-06-01", first: 50`) {
		if h.Kind != "CLAIM" {
			t.Errorf("since: a %s hit", h.Kind)
		}
	}
}
