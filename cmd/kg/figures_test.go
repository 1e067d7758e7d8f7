package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// figureReportNode is a FigureReport as TestE2EFigureGroup asks for it.
type figureReportNode struct {
	Value      float64
	Text       string
	Qualifier  *string
	Start, End int
	PlaceRule  string
	Speaker    *struct{ Name string }
	Document   struct{ URL, Text string }
	Claim      struct{ Text string }
	Repeats    []struct {
		Value    float64
		Document struct{ URL string }
	}
}

// TestE2EFigureGroup: over HTTP against the real binary, the project's
// articles plus a syndicated copy of the Khan Younis one. The Gaza Health
// Ministry's "at least 24,620" killed and the IDF's "more than 9,000" come
// back as one group of two sources disagreeing, each bound with its
// speaker, document and a span that slices back to the number; the copy's
// figures are repeats, counted once; the period leaves the group out when
// it ends before the article.
func TestE2EFigureGroup(t *testing.T) {
	root := moduleRoot(t)
	dir := t.TempDir()
	raw, err := os.ReadFile(filepath.Join(root, "testdata", "articles", "025-khan-younis-figures-diverge.txt"))
	if err != nil {
		t.Fatal(err)
	}
	header, body, _ := strings.Cut(string(raw), "\n---\n")
	header = strings.Replace(header, "url: https://levantreliefmonitor.example.org/", "url: https://syndicated.example.net/", 1)
	header = strings.Replace(header, "publisher: Levant Relief Monitor", "publisher: Syndicated Daily", 1)
	writeFiles(t, dir, map[string]string{"copy/025-copy.txt": header + "\n---\n" + body})
	db := t.TempDir()
	mustKG(t, "", "ingest", "--db", db, filepath.Join(root, "testdata", "articles"), filepath.Join(dir, "copy"))
	srv := startServer(t, db)
	defer srv.stop(t)

	gaza := srv.entity(t, "Gaza Strip", "PLACE")
	const query = `query($p: ID, $until: Time) { figureGroups(kind: KILLED, place: $p, until: $until) { totalCount nodes {
	  place { name } reportCount sources firstSeen lastSeen
	  low { ...R } high { ...R } best { value } } } }
	fragment R on FigureReport { value text qualifier start end placeRule speaker { name } document { url text } claim { text }
	  repeats { value document { url } } }`
	var got struct {
		FigureGroups struct {
			TotalCount int
			Nodes      []struct {
				Place                struct{ Name string }
				ReportCount, Sources int
				FirstSeen, LastSeen  string
				Low, High            figureReportNode
				Best                 struct{ Value float64 }
			}
		}
	}
	srv.query(t, query, map[string]any{"p": gaza.ID}, &got)
	if got.FigureGroups.TotalCount != 1 || len(got.FigureGroups.Nodes) != 1 {
		t.Fatalf("KILLED at Gaza Strip: %d groups, want 1", got.FigureGroups.TotalCount)
	}
	g := got.FigureGroups.Nodes[0]
	if g.Place.Name != "Gaza Strip" || g.ReportCount != 2 || g.Sources != 2 || g.FirstSeen != "2024-01-19" || g.LastSeen != "2024-01-19" {
		t.Errorf("group: %s, %d reports from %d sources, seen %s to %s; want Gaza Strip, 2 reports from 2 sources, on 2024-01-19",
			g.Place.Name, g.ReportCount, g.Sources, g.FirstSeen, g.LastSeen)
	}
	for _, c := range []struct {
		name    string
		r       figureReportNode
		value   float64
		text    string
		speaker string
	}{
		{"low", g.Low, 9000, "more than 9,000", "Israel Defense Forces"},
		{"high", g.High, 24620, "At least 24,620", "Ministry of Health in Gaza"},
	} {
		r := c.r
		if r.Value != c.value || r.Text != c.text || r.Speaker == nil || r.Speaker.Name != c.speaker {
			t.Errorf("%s: %v %q by %+v, want %v %q by %s", c.name, r.Value, r.Text, r.Speaker, c.value, c.text, c.speaker)
		}
		if runes := []rune(r.Document.Text); r.End > len(runes) || string(runes[r.Start:r.End]) != r.Text {
			t.Errorf("%s: span %d:%d does not slice %q from its document", c.name, r.Start, r.End, r.Text)
		}
		if !strings.Contains(r.Claim.Text, strings.TrimPrefix(strings.TrimPrefix(r.Text, "At least "), "more than ")) {
			t.Errorf("%s: claim %q does not hold %q", c.name, r.Claim.Text, r.Text)
		}
		if !strings.HasPrefix(r.Document.URL, "https://levantreliefmonitor.example.org/") {
			t.Errorf("%s: from %s, want the first stored, Levant Relief Monitor's", c.name, r.Document.URL)
		}
		if len(r.Repeats) != 1 || r.Repeats[0].Value != c.value || !strings.HasPrefix(r.Repeats[0].Document.URL, "https://syndicated.example.net/") {
			t.Errorf("%s: repeats %+v, want the syndicated copy's once", c.name, r.Repeats)
		}
	}
	if g.Best.Value != 9000 {
		t.Errorf("best estimate %v, want 9000 (the lower of two: the conservative one)", g.Best.Value)
	}

	// A period that ends before the article: no group.
	srv.query(t, query, map[string]any{"p": gaza.ID, "until": "2024-01-18"}, &got)
	if got.FigureGroups.TotalCount != 0 {
		t.Errorf("until 2024-01-18: %d groups, want none", got.FigureGroups.TotalCount)
	}
	// Every place's groups hold Gaza Strip's.
	var all struct {
		FigureGroups struct {
			Nodes []struct{ Place struct{ Name string } }
		}
	}
	srv.query(t, `{ figureGroups(kind: KILLED, first: 1000) { nodes { place { name } } } }`, nil, &all)
	found := false
	for _, n := range all.FigureGroups.Nodes {
		found = found || n.Place.Name == "Gaza Strip"
	}
	if !found || len(all.FigureGroups.Nodes) < 10 {
		t.Errorf("every place's KILLED groups: %d, Gaza Strip's among them: %v", len(all.FigureGroups.Nodes), found)
	}
}
