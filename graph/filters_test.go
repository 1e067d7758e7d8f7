package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/factgraph/kg/extract"
)

// docC is published before docA and docB but ingested after them, by
// another publisher; docD has no date.
func docC(t testing.TB) IngestInput {
	b := newDoc(t, "https://example.org/c", "Old news\n\nAbu Omar said the Free Army fights the Syrian army. A monitor said 3 died.")
	b.in.Meta.Publisher, b.in.Meta.PublishedAt = "  Other   WIRE ", "2013-01-05"
	s1 := b.sentence("Abu Omar said the Free Army fights the Syrian army.")
	s2 := b.sentence("A monitor said 3 died.")
	b.entity("PERSON:abuomar", "Abu Omar", extract.Person, nil, "Abu Omar")
	b.entity("gaz:fsa", "Free Army", extract.ArmedGroup, nil, "Free Army")
	b.entity("gaz:saa", "Syrian army", extract.ArmedGroup, nil, "Syrian army")
	c0 := b.claim(extract.Indirect, "the Free Army fights the Syrian army", "said", "PERSON:abuomar", "Abu Omar", s1, "gaz:fsa", "gaz:saa")
	c1 := b.claim(extract.Indirect, "3 died", "said", "", "A monitor", s2)
	b.in.Result.Claims[c1].Confidence = 0.95
	b.relation("gaz:fsa", extract.Fights, "gaz:saa", true, c0, "fights")
	return b.in
}

func docD(t testing.TB) IngestInput {
	b := newDoc(t, "https://example.org/d", "Undated\n\nAbu Omar said nothing changed.")
	b.in.Meta.PublishedAt = ""
	s1 := b.sentence("Abu Omar said nothing changed.")
	b.entity("PERSON:abuomar", "Abu Omar", extract.Person, nil, "Abu Omar")
	b.claim(extract.Indirect, "nothing changed", "said", "PERSON:abuomar", "Abu Omar", s1)
	return b.in
}

func newFilterFixture(t *testing.T) *correctionFixture {
	t.Helper()
	f := newCorrectionFixture(t)
	mustIngest(t, f.s, docC(t))
	mustIngest(t, f.s, docD(t))
	return f
}

func TestClaimFilters(t *testing.T) {
	f := newFilterFixture(t)
	a := []string{"Rebels of Jabhat a-Nusra seized the town of Kafr Nabl on Monday", "We control the whole town,",
		"The Syrian army shelled the town afterwards", "The regime fights Nusra in Idlib province, and Nusra is not allied with the Free Army."}
	b := []string{"Fighters of Jabhat al-Nusra and the al-Nusra Front’s allies clashed with the Syrian army near Idlib", "counted 12 dead in the clashes"}
	c := []string{"the Free Army fights the Syrian army", "3 died"}
	d := []string{"nothing changed"}
	cat := func(ls ...[]string) []string { return slices.Concat(ls...) }
	for _, tc := range []struct {
		name string
		f    ClaimFilter
		want []string
	}{
		{"kinds", ClaimFilter{Kinds: []extract.ClaimKind{extract.DirectQuote, extract.Statement}}, []string{a[1], b[1]}},
		{"exclude narrative", ClaimFilter{ExcludeNarrative: true}, cat(a[:3], b, c, d)},
		{"narrative only, excluded", ClaimFilter{Kinds: []extract.ClaimKind{extract.Narrative}, ExcludeNarrative: true}, nil},
		{"since", ClaimFilter{Since: "2014-06-12"}, b},
		{"until", ClaimFilter{Until: "2014-06-11"}, cat(a, c)},
		{"since and until", ClaimFilter{Since: "2014-06-11", Until: "2014-06-30"}, a},
		{"publisher", ClaimFilter{Publisher: "other wire"}, c},
		{"publisher unknown", ClaimFilter{Publisher: "nobody"}, nil},
		{"speaker name", ClaimFilter{SpeakerName: "ABU OMAR"}, []string{a[1], b[0], c[0], d[0]}},
		{"speaker name and until", ClaimFilter{SpeakerName: "Abu Omar", Until: "2014-12-31"}, []string{a[1], b[0], c[0]}},
		{"speaker name unknown", ClaimFilter{SpeakerName: "Nobody Known"}, nil},
		{"predicate", ClaimFilter{Predicate: extract.Fights}, []string{a[3], b[0], c[0]}},
		{"predicate and publisher", ClaimFilter{Predicate: extract.Fights, Publisher: "Example News"}, []string{a[3], b[0]}},
		{"min confidence", ClaimFilter{MinConfidence: 0.9}, []string{c[1]}},
		{"min confidence at a tenth", ClaimFilter{MinConfidence: 0.7}, cat(a, b, c, d)},
		{"min confidence and kind", ClaimFilter{MinConfidence: 0.8, Kinds: []extract.ClaimKind{extract.Indirect}}, []string{c[1]}},
		{"involving", ClaimFilter{Involving: f.fsa}, []string{a[3], c[0]}},
		{"with existing filters", ClaimFilter{About: f.saa, ExcludeNarrative: true, Since: "2014-01-01"}, []string{a[2], b[0]}},
		{"newest", ClaimFilter{Order: OrderNewest}, cat(b, a, c, d)},
		{"oldest", ClaimFilter{Order: OrderOldest}, cat(d, c, a, b)},
		{"oldest since", ClaimFilter{Order: OrderOldest, Since: "2013-01-01"}, cat(c, a, b)},
		{"newest speaker", ClaimFilter{Order: OrderNewest, Speaker: f.abuOmar}, []string{b[0], a[1], c[0], d[0]}},
		{"newest text until", ClaimFilter{Order: OrderNewest, Text: "Syrian army", Until: "2014-06-30"}, []string{a[2], c[0]}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := claimsOf(t, f.s, tc.f)
			if !slices.Equal(got, tc.want) {
				t.Errorf("claims %+v:\n got %q\nwant %q", tc.f, got, tc.want)
			}
		})
	}
}

// TestClaimDateOrderPages pages through each order one claim at a time.
func TestClaimDateOrderPages(t *testing.T) {
	f := newFilterFixture(t)
	ctx := context.Background()
	for _, order := range []ClaimOrder{OrderDocument, OrderNewest, OrderOldest} {
		all, _ := claimsOf(t, f.s, ClaimFilter{Order: order, ExcludeNarrative: true})
		var paged []string
		after := ""
		for {
			p, err := f.s.Claims(ctx, ClaimFilter{Order: order, ExcludeNarrative: true}, PageArgs{First: 1, After: after})
			if err != nil {
				t.Fatal(err)
			}
			paged = append(paged, claimTexts(p.Items)...)
			if !p.HasNext {
				break
			}
			after = p.Cursors[len(p.Cursors)-1]
		}
		if !slices.Equal(paged, all) || len(all) != 8 {
			t.Errorf("order %d: paged %q, listed %q", order, paged, all)
		}
	}
	if _, err := f.s.Claims(ctx, ClaimFilter{Order: OrderNewest}, PageArgs{After: "AAAA"}); !errors.Is(err, ErrInvalidCursor) {
		t.Errorf("a document-order cursor in date order: %v", err)
	}
}

func TestClaimFiltersCorrected(t *testing.T) {
	f := newFilterFixture(t)
	quote := findClaim(t, f.s, ClaimFilter{Document: f.docA}, "We control the whole town,")
	narrative := findClaim(t, f.s, ClaimFilter{Document: f.docA}, "The regime fights Nusra in Idlib province, and Nusra is not allied with the Free Army.")
	f.correct(t, Correction{Op: OpSetClaimKind, Claim: quote.ID, Kind: extract.Statement})
	f.correct(t, Correction{Op: OpSetClaimKind, Claim: narrative.ID, Kind: extract.Statement})
	f.correct(t, Correction{Op: OpSetClaimSpeaker, Claim: narrative.ID, Speaker: f.abuOmar})
	f.correct(t, Correction{Op: OpAddRelation, Claim: quote.ID, Other: f.nusra, Predicate: extract.Fights, Object: f.saa, Polarity: true})
	died := findClaim(t, f.s, ClaimFilter{Publisher: "other wire"}, "3 died")
	f.correct(t, Correction{Op: OpRetractClaim, Claim: died.ID})
	for _, tc := range []struct {
		name string
		f    ClaimFilter
		want []string
	}{
		{"kind set", ClaimFilter{Kinds: []extract.ClaimKind{extract.Statement}}, []string{quote.Text, narrative.Text, "counted 12 dead in the clashes"}},
		{"kind set away", ClaimFilter{Kinds: []extract.ClaimKind{extract.DirectQuote}}, nil},
		{"no narrative left", ClaimFilter{Kinds: []extract.ClaimKind{extract.Narrative}}, nil},
		{"speaker name gained", ClaimFilter{SpeakerName: "abu omar", Until: "2014-06-11", Order: OrderOldest}, []string{"the Free Army fights the Syrian army", quote.Text, narrative.Text}},
		{"relation added", ClaimFilter{Predicate: extract.Fights, Since: "2014-06-01", Until: "2014-06-30"}, []string{quote.Text, narrative.Text}},
		{"relation added, counted from keys", ClaimFilter{Predicate: extract.Fights}, []string{quote.Text, narrative.Text,
			"Fighters of Jabhat al-Nusra and the al-Nusra Front’s allies clashed with the Syrian army near Idlib", "the Free Army fights the Syrian army"}},
		{"speaker, kinds but narrative, until", ClaimFilter{ExcludeNarrative: true, Until: "2014-06-11", Speaker: f.abuOmar}, []string{quote.Text, narrative.Text, "the Free Army fights the Syrian army"}},
		{"dates with a retraction, counted from keys", ClaimFilter{Until: "2013-12-31"}, []string{"the Free Army fights the Syrian army"}},
		{"retracted", ClaimFilter{Publisher: "Other Wire", Order: OrderNewest}, []string{"the Free Army fights the Syrian army"}},
		{"retracted included", ClaimFilter{Publisher: "Other Wire", IncludeRetracted: true}, []string{"the Free Army fights the Syrian army", "3 died"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := claimsOf(t, f.s, tc.f)
			if !slices.Equal(got, tc.want) {
				t.Errorf("claims %+v:\n got %q\nwant %q", tc.f, got, tc.want)
			}
		})
	}
	// A merge: the kept entity's claims by name are its members'.
	f.correct(t, Correction{Op: OpMergeEntities, Entity: f.sohr, Other: f.abuOmar})
	got, _ := claimsOf(t, f.s, ClaimFilter{SpeakerName: "Syrian Observatory for Human Rights", Order: OrderNewest})
	want := []string{"Fighters of Jabhat al-Nusra and the al-Nusra Front’s allies clashed with the Syrian army near Idlib", "counted 12 dead in the clashes",
		quote.Text, "The Syrian army shelled the town afterwards", narrative.Text, "the Free Army fights the Syrian army", "nothing changed"}
	if !slices.Equal(got, want) {
		t.Errorf("merged speaker by name, newest:\n got %q\nwant %q", got, want)
	}
}

func TestClaimFilterErrors(t *testing.T) {
	f := newFilterFixture(t)
	ctx := context.Background()
	for _, tc := range []struct {
		f   ClaimFilter
		arg string
	}{
		{ClaimFilter{Since: "yesterday"}, "since"},
		{ClaimFilter{Until: "2014-13-01"}, "until"},
		{ClaimFilter{Publisher: "  "}, "publisher"},
		{ClaimFilter{SpeakerName: "--"}, "speakerName"},
	} {
		_, err := f.s.Claims(ctx, tc.f, PageArgs{})
		var fe *FilterError
		if !errors.As(err, &fe) || fe.Arg != tc.arg {
			t.Errorf("claims %+v: %v; want an error naming %s", tc.f, err, tc.arg)
		}
	}
}

func TestFilterDocuments(t *testing.T) {
	f := newFilterFixture(t)
	ctx := context.Background()
	urls := func(df DocumentFilter) []string {
		t.Helper()
		var out []string
		after := ""
		for {
			p, err := f.s.FilterDocuments(ctx, df, PageArgs{First: 1, After: after})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range p.Items {
				out = append(out, d.URL)
			}
			if !p.HasNext {
				break
			}
			after = p.Cursors[0]
		}
		n, err := f.s.CountFilteredDocuments(ctx, df)
		if err != nil || n != len(out) {
			t.Errorf("documents %+v: count %d (%v), listed %d", df, n, err, len(out))
		}
		return out
	}
	for _, tc := range []struct {
		f    DocumentFilter
		want []string
	}{
		{DocumentFilter{}, []string{"https://example.org/a", "https://example.org/b", "https://example.org/c", "https://example.org/d"}},
		{DocumentFilter{Since: "2013-01-01"}, []string{"https://example.org/c", "https://example.org/a", "https://example.org/b"}},
		{DocumentFilter{Until: "2014-06-11"}, []string{"https://example.org/c", "https://example.org/a"}},
		{DocumentFilter{Publisher: "example NEWS"}, []string{"https://example.org/d", "https://example.org/a", "https://example.org/b"}},
		{DocumentFilter{Publisher: "example news", Since: "2014-06-12"}, []string{"https://example.org/b"}},
		{DocumentFilter{URL: " https://example.org/b "}, []string{"https://example.org/b"}},
		{DocumentFilter{URL: "https://example.org/b", Publisher: "Other Wire"}, nil},
		{DocumentFilter{URL: "https://example.org/zzz"}, nil},
	} {
		if got := urls(tc.f); !slices.Equal(got, tc.want) {
			t.Errorf("documents %+v: %q, want %q", tc.f, got, tc.want)
		}
	}
}

func TestTimeline(t *testing.T) {
	f := newFilterFixture(t)
	ctx := context.Background()
	tl, err := f.s.Timeline(ctx, f.saa, "", "", BucketMonth)
	if err != nil {
		t.Fatal(err)
	}
	want := []TimelineBucket{
		{Start: "2013-01-01", End: "2013-01-31", ClaimsAbout: 1, Relations: 1},
		{Start: "2014-06-01", End: "2014-06-30", ClaimsAbout: 2, Relations: 1},
		{Start: "2014-07-01", End: "2014-07-31", ClaimsAbout: 1, Relations: 1},
	}
	if !slices.Equal(tl.Buckets, want) || tl.Until != "2014-07-01" {
		t.Errorf("timeline of the Syrian army by month: %+v, want %+v", tl, want)
	}
	tl, err = f.s.Timeline(ctx, f.abuOmar, "2014-01-01", "2014-12-31", BucketWeek)
	if err != nil {
		t.Fatal(err)
	}
	want = []TimelineBucket{
		{Start: "2014-06-09", End: "2014-06-15", ClaimsBy: 1},
		{Start: "2014-06-30", End: "2014-07-06", ClaimsBy: 1},
	}
	if !slices.Equal(tl.Buckets, want) {
		t.Errorf("timeline of Abu Omar by week: %+v, want %+v", tl.Buckets, want)
	}
	// Corrected: the narrative claim given to Abu Omar, a claim retracted,
	// then Abu Omar merged into SOHR.
	narrative := findClaim(t, f.s, ClaimFilter{Document: f.docA}, "The regime fights Nusra in Idlib province, and Nusra is not allied with the Free Army.")
	f.correct(t, Correction{Op: OpSetClaimSpeaker, Claim: narrative.ID, Speaker: f.abuOmar})
	quote := findClaim(t, f.s, ClaimFilter{Document: f.docA}, "We control the whole town,")
	f.correct(t, Correction{Op: OpRetractClaim, Claim: quote.ID})
	f.correct(t, Correction{Op: OpMergeEntities, Entity: f.sohr, Other: f.abuOmar})
	tl, err = f.s.Timeline(ctx, f.sohr, "2014-06-11", "2014-07-01", BucketDay)
	if err != nil {
		t.Fatal(err)
	}
	want = []TimelineBucket{
		{Start: "2014-06-11", End: "2014-06-11", ClaimsBy: 2},
		{Start: "2014-07-01", End: "2014-07-01", ClaimsBy: 2},
	}
	if !slices.Equal(tl.Buckets, want) {
		t.Errorf("timeline of SOHR with Abu Omar merged in, by day: %+v, want %+v", tl.Buckets, want)
	}
	if _, err := f.s.Timeline(ctx, f.sohr, "2000-01-01", "2014-07-01", BucketDay); err == nil {
		t.Error("a timeline of more than 400 days was accepted")
	}
}

// TestDocumentOrderDayBound: in document order a date range joins one
// list per day, at most MaxDocumentOrderDays; the date orders and counts
// walk the days without that bound.
func TestDocumentOrderDayBound(t *testing.T) {
	s, _ := openStore(t)
	ctx := context.Background()
	start := dayTime(20200101)
	n := MaxDocumentOrderDays + 1
	for i := range n {
		b := newDoc(t, fmt.Sprintf("https://example.org/day-%d", i), fmt.Sprintf("Day %d\n\nA spokesman said nothing happened on day %d.", i, i))
		b.in.Meta.PublishedAt = start.AddDate(0, 0, i).Format(time.DateOnly)
		s1 := b.sentence(fmt.Sprintf("A spokesman said nothing happened on day %d.", i))
		b.claim(extract.Indirect, fmt.Sprintf("nothing happened on day %d", i), "said", "", "A spokesman", s1)
		mustIngest(t, s, b.in)
	}
	f := ClaimFilter{Since: "2020-01-01", Kinds: []extract.ClaimKind{extract.Indirect}}
	var fe *FilterError
	if _, err := s.Claims(ctx, f, PageArgs{}); !errors.As(err, &fe) || fe.Arg != "since" {
		t.Errorf("document order over %d days: %v; want an error naming since", n, err)
	}
	if c, err := s.CountClaims(ctx, f); err != nil || c != n {
		t.Errorf("count over %d days: %d, %v", n, c, err)
	}
	f.Order = OrderNewest
	p, err := s.Claims(ctx, f, PageArgs{First: 2})
	if err != nil || len(p.Items) != 2 || p.Items[0].Text != fmt.Sprintf("nothing happened on day %d", n-1) {
		t.Errorf("newest over %d days: %q, %v", n, claimTexts(p.Items), err)
	}
	f.Until = "2020-01-10"
	f.Order = OrderDocument
	if c, _ := claimsOf(t, s, f); len(c) != 10 {
		t.Errorf("document order over 10 days: %q", c)
	}
}
