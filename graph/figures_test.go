package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
)

// figureDocs are articles whose figures disagree on the dead of Idlib:
// a monitor's 40 (repeated by a syndicated copy and by the monitor in a
// later article), a rescue service's 55, activists' 70, an undated 90,
// and 30 in Sarmada (a place a test merges into Idlib).
var figureDocs = []struct{ url, publisher, date, text string }{
	{"https://a.example/1", "Wire A", "2024-03-01", "The Syrian Observatory for Human Rights said that at least 40 people were killed in Idlib."},
	{"https://b.example/2", "Wire B", "2024-03-02", "Syria Civil Defence said that 55 people were killed in Idlib."},
	{"https://c.example/copy", "Wire C", "2024-03-02", "The Syrian Observatory for Human Rights said that at least 40 people were killed in Idlib."},
	{"https://a.example/3", "Wire A", "2024-03-05", "The Syrian Observatory for Human Rights said on Tuesday that 40 people were killed in Idlib last week."},
	{"https://d.example/4", "Wire D", "2024-04-10", "Activists said that 70 people were killed in Idlib."},
	{"https://e.example/5", "Wire E", "", "Local sources said that 90 people were killed in Idlib."},
	{"https://f.example/6", "Wire F", "2024-03-03", "Activists said that 30 people were killed in Sarmada."},
}

func figureStore(t *testing.T) (*Store, map[string]uuid.UUID) {
	t.Helper()
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	s, _ := openStore(t)
	docs := map[string]uuid.UUID{}
	for _, d := range figureDocs {
		in := IngestInput{Meta: DocumentMeta{URL: d.url, Title: "T", Publisher: d.publisher, PublishedAt: d.date}, Text: d.text,
			Result: x.Extract(extract.Article{Text: d.text, Publisher: d.publisher})}
		docs[d.url] = mustIngest(t, s, in).DocumentID
	}
	return s, docs
}

// describeGroup renders a group: "low/best/high sources | value@date(speaker)+repeats ...".
func describeGroup(t *testing.T, s *Store, g FigureGroup) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "%d/%d/%d %d |", g.Reports[g.Low].Value, g.Reports[g.Best].Value, g.Reports[g.High].Value, g.Sources)
	for _, r := range g.Reports {
		who := "~"
		if r.SpeakerID != uuid.Nil {
			e, err := s.Entity(context.Background(), r.SpeakerID)
			if err != nil {
				t.Fatal(err)
			}
			who = e.Name
		}
		fmt.Fprintf(&b, " %d@%s(%s)+%d", r.Value, r.PublishedAt, who, len(r.Repeats))
	}
	return b.String()
}

func oneGroup(t *testing.T, s *Store, f FigureFilter) (FigureGroup, bool) {
	t.Helper()
	p, err := s.FigureGroups(context.Background(), f, PageArgs{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Items) > 1 {
		t.Fatalf("%d groups for one place", len(p.Items))
	}
	if len(p.Items) == 0 {
		return FigureGroup{}, false
	}
	return p.Items[0], true
}

// TestFigureGroups: the figures of one kind and place, each report once
// (a syndicated copy and the same source's repeat are repeats), the
// lowest, the highest and the lower median, within the dates asked.
func TestFigureGroups(t *testing.T) {
	s, docs := figureStore(t)
	idlib := entityByKey(t, s, "gaz:sy-idlib").ID
	g, ok := oneGroup(t, s, FigureFilter{Kind: extract.Killed, Place: idlib})
	if !ok {
		t.Fatal("no KILLED group for Idlib")
	}
	want := "40/55/90 4 | 40@2024-03-01(Syrian Observatory for Human Rights)+2 55@2024-03-02(Syria Civil Defence)+0 70@2024-04-10(~)+0 90@(~)+0"
	if got := describeGroup(t, s, g); got != want {
		t.Errorf("Idlib, any date:\n got %s\nwant %s", got, want)
	}
	if g.FirstSeen != "2024-03-01" || g.LastSeen != "2024-04-10" {
		t.Errorf("seen %s to %s, want 2024-03-01 to 2024-04-10", g.FirstSeen, g.LastSeen)
	}
	low := g.Reports[g.Low]
	if low.DocumentID != docs["https://a.example/1"] || low.Text != "at least 40" || low.Qualifier != "at least" || low.ClaimID == uuid.Nil {
		t.Errorf("lowest figure %+v: want the first document's \"at least 40\" with its claim", low)
	}
	if c, err := s.Claim(context.Background(), low.ClaimID); err != nil || !strings.Contains(c.Text, "at least 40") || c.DocumentID != low.DocumentID {
		t.Errorf("lowest figure's claim %+v (%v) does not hold it", c, err)
	}
	copies := []uuid.UUID{low.Repeats[0].DocumentID, low.Repeats[1].DocumentID}
	if copies[0] != docs["https://c.example/copy"] || copies[1] != docs["https://a.example/3"] {
		t.Errorf("repeats of 40 from %v, want the copy then the monitor's later article", copies)
	}

	// March: the two first sources; two reports, so the best is the lower.
	g, _ = oneGroup(t, s, FigureFilter{Kind: extract.Killed, Place: idlib, Since: "2024-03-01", Until: "2024-03-31T23:00:00Z"})
	if got, want := describeGroup(t, s, g), "40/40/55 2 | 40@2024-03-01(Syrian Observatory for Human Rights)+2 55@2024-03-02(Syria Civil Defence)+0"; got != want {
		t.Errorf("Idlib in March:\n got %s\nwant %s", got, want)
	}
	// since alone leaves out the undated
	g, _ = oneGroup(t, s, FigureFilter{Kind: extract.Killed, Place: idlib, Since: "2024-04-01"})
	if got, want := describeGroup(t, s, g), "70/70/70 1 | 70@2024-04-10(~)+0"; got != want {
		t.Errorf("Idlib since April: got %s, want %s", got, want)
	}
	if _, ok := oneGroup(t, s, FigureFilter{Kind: extract.Killed, Place: idlib, Since: "2024-04-01", MinSources: 2}); ok {
		t.Error("a group of one source with minSources 2")
	}
	if _, ok := oneGroup(t, s, FigureFilter{Kind: extract.Wounded, Place: idlib}); ok {
		t.Error("a WOUNDED group for Idlib, which no text gives")
	}

	// Every place: Idlib and Sarmada, one page at a time.
	var places []string
	after := ""
	for range 5 {
		p, err := s.FigureGroups(context.Background(), FigureFilter{Kind: extract.Killed}, PageArgs{First: 1, After: after})
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range p.Items {
			e, _ := s.Entity(context.Background(), g.PlaceID)
			places = append(places, e.Name)
		}
		if !p.HasNext {
			break
		}
		after = p.Cursors[len(p.Cursors)-1]
	}
	if got := strings.Join(places, ", "); got != "Idlib, Sarmada" {
		t.Errorf("every place's KILLED groups: %s, want Idlib, Sarmada", got)
	}
	p, err := s.FigureGroups(context.Background(), FigureFilter{Kind: extract.Killed, MinSources: 2}, PageArgs{})
	if err != nil || len(p.Items) != 1 || p.Items[0].PlaceID != idlib {
		t.Errorf("KILLED groups of two sources or more: %d (%v), want Idlib's alone", len(p.Items), err)
	}

	for _, f := range []FigureFilter{{Kind: ""}, {Kind: extract.Killed, Since: "last week"}} {
		if _, err := s.FigureGroups(context.Background(), f, PageArgs{}); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%+v: err %v, want ErrInvalidInput", f, err)
		}
	}
}

// TestFigureGroupsCorrected: merged places make one group, a retracted
// claim's figure leaves it, and a corrected speaker shows.
func TestFigureGroupsCorrected(t *testing.T) {
	s, _ := figureStore(t)
	fx := &correctionFixture{s: s}
	idlib := entityByKey(t, s, "gaz:sy-idlib").ID
	sarmada := entityByKey(t, s, "gaz:sy-sarmada").ID
	sohr := entityByKey(t, s, "gaz:sohr").ID
	fx.correct(t, Correction{Op: OpMergeEntities, Entity: idlib, Other: sarmada})

	g, _ := oneGroup(t, s, FigureFilter{Kind: extract.Killed, Place: sarmada}) // through the merged ID
	if got, want := describeGroup(t, s, g), "30/55/90 5 | 30@2024-03-03(~)+0 40@2024-03-01(Syrian Observatory for Human Rights)+2 55@2024-03-02(Syria Civil Defence)+0 70@2024-04-10(~)+0 90@(~)+0"; got != want {
		t.Errorf("Idlib with Sarmada merged in:\n got %s\nwant %s", got, want)
	}
	if g.PlaceID != idlib {
		t.Errorf("group place %s, want the kept entity %s", g.PlaceID, idlib)
	}
	p, err := s.FigureGroups(context.Background(), FigureFilter{Kind: extract.Killed}, PageArgs{})
	if err != nil || len(p.Items) != 1 || p.Items[0].PlaceID != idlib {
		t.Fatalf("every place after the merge: %d groups (%v), want Idlib's alone", len(p.Items), err)
	}

	var scd, activists uuid.UUID
	for _, r := range g.Reports {
		switch r.Value {
		case 55:
			scd = r.ClaimID
		case 70:
			activists = r.ClaimID
		}
	}
	fx.correct(t, Correction{Op: OpRetractClaim, Claim: scd})
	fx.correct(t, Correction{Op: OpSetClaimSpeaker, Claim: activists, Speaker: sohr}) // one source fewer
	g, _ = oneGroup(t, s, FigureFilter{Kind: extract.Killed, Place: idlib})
	if got, want := describeGroup(t, s, g), "30/40/90 3 | 30@2024-03-03(~)+0 40@2024-03-01(Syrian Observatory for Human Rights)+2 70@2024-04-10(Syrian Observatory for Human Rights)+0 90@(~)+0"; got != want {
		t.Errorf("after retracting 55 and giving 70 to the monitor:\n got %s\nwant %s", got, want)
	}
}

// TestGroupFiguresCountsOnce: the rules that make two figures one report
// (same number, and same named source or same text), and the lower
// median as the best estimate.
func TestGroupFiguresCountsOnce(t *testing.T) {
	a, b := uuid.New(), uuid.New()
	fig := func(value int64, speaker uuid.UUID, text byte, date string) Figure {
		f := Figure{Kind: extract.Killed, Value: value, SpeakerID: speaker, PublishedAt: date, ClaimID: uuid.New()}
		f.hash[0] = text
		return f
	}
	tests := []struct {
		name      string
		figs      []Figure
		reports   []int64
		best      int64
		sources   int
		first     string
		repeatsOf map[int64]int
	}{
		{"a headline restating its body, two speakers", []Figure{fig(40, a, 1, "2024-01-01"), fig(40, b, 1, "2024-01-01")}, []int64{40}, 40, 1, "2024-01-01", map[int64]int{40: 1}},
		{"one source in two texts", []Figure{fig(40, a, 1, "2024-01-01"), fig(40, a, 2, "2024-01-03")}, []int64{40}, 40, 1, "2024-01-01", map[int64]int{40: 1}},
		{"two unnamed sources agreeing", []Figure{fig(40, uuid.Nil, 1, ""), fig(40, uuid.Nil, 2, "2024-01-02")}, []int64{40, 40}, 40, 2, "2024-01-02", nil},
		{"a rising toll", []Figure{fig(40, a, 1, "2024-01-01"), fig(55, a, 2, "2024-01-05"), fig(90, b, 3, "2024-01-06")}, []int64{40, 55, 90}, 55, 2, "2024-01-01", nil},
		{"two reports: the lower", []Figure{fig(9000, a, 1, "2024-01-01"), fig(24620, b, 1+1, "2024-01-01")}, []int64{9000, 24620}, 9000, 2, "2024-01-01", nil},
	}
	for _, tt := range tests {
		g := groupFigures(extract.Killed, uuid.New(), tt.figs)
		var got []int64
		for _, r := range g.Reports {
			got = append(got, r.Value)
			if n := tt.repeatsOf[r.Value]; len(r.Repeats) != n {
				t.Errorf("%s: %d repeats of %d, want %d", tt.name, len(r.Repeats), r.Value, n)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.reports) || g.Reports[g.Best].Value != tt.best || g.Sources != tt.sources || g.FirstSeen != tt.first {
			t.Errorf("%s: reports %v best %d sources %d first seen %q; want %v, %d, %d, %q", tt.name, got, g.Reports[g.Best].Value, g.Sources, g.FirstSeen, tt.reports, tt.best, tt.sources, tt.first)
		}
	}
}
