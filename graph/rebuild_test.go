package graph

import (
	"context"
	"slices"
	"testing"

	"github.com/factgraph/kg/extract"
)

// shrinkClaims is a changed extractor: every claim one code point
// shorter at its end, so that no claim keeps its span or its text.
func shrinkClaims(r extract.Result, text string) extract.Result {
	runes := []rune(text)
	claims := slices.Clone(r.Claims)
	for i := range claims {
		if c := &claims[i]; c.End-c.Start > 1 {
			c.End--
			c.Text = string(runes[c.Start:c.End])
		}
	}
	r.Claims = claims
	return r
}

func TestRebuildKeepsCorrections(t *testing.T) {
	f := newCorrectionFixture(t)
	ctx := context.Background()
	quote := findClaim(t, f.s, ClaimFilter{Document: f.docA}, "We control the whole town,")
	f.correct(t, Correction{Op: OpSetClaimSpeaker, Claim: quote.ID, Speaker: f.sohr})
	f.correct(t, Correction{Op: OpMergeEntities, Entity: f.nusra, Other: f.fsa})
	seized := findClaim(t, f.s, ClaimFilter{Document: f.docA}, "Rebels of Jabhat a-Nusra seized the town of Kafr Nabl on Monday")
	f.correct(t, Correction{Op: OpRetractClaim, Claim: seized.ID})
	token, err := f.s.AddToken(ctx, "ana")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.Close(); err != nil {
		t.Fatal(err)
	}
	inputs := map[string]IngestInput{}
	for _, in := range []IngestInput{docA(t), docB(t)} {
		inputs[in.Meta.URL] = in
	}
	report, err := Rebuild(ctx, f.dir, RebuildOptions{Workers: 2, Extract: func(d Document, text string) extract.Result {
		return shrinkClaims(inputs[d.URL].Result, text)
	}})
	if err != nil || report.Documents != 2 {
		t.Fatalf("rebuild: %+v, %v", report, err)
	}
	s, err := Open(f.dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Old IDs still resolve.
	nusra, err := s.Entity(ctx, f.fsa)
	if err != nil || nusra.Key != "gaz:nusra" {
		t.Fatalf("entity(old merged ID) = %+v, %v", nusra, err)
	}
	if d, err := s.Document(ctx, f.docA); err != nil || d.URL != "https://example.org/a" {
		t.Errorf("document(old ID) = %+v, %v", d, err)
	}
	sohr, _ := s.Entity(ctx, f.sohr)
	got, _ := claimsOf(t, s, ClaimFilter{Speaker: sohr.ID})
	if !slices.Contains(got, "We control the whole town") {
		t.Errorf("the quote, its span changed, is not SOHR's after the rebuild: %q", got)
	}
	docClaims, _ := claimsOf(t, s, ClaimFilter{Document: f.docA})
	if len(docClaims) != 3 {
		t.Errorf("document A after the rebuild: %q (the retraction lost?)", docClaims)
	}
	log, _ := s.AuditLog(ctx, AuditFilter{}, PageArgs{})
	for _, e := range log.Items {
		if e.Unapplied != "" {
			t.Errorf("unapplied after the rebuild: %+v", e)
		}
	}
	if name, ok, err := s.CheckToken(ctx, token); !ok || name != "ana" || err != nil {
		t.Errorf("the credential after the rebuild: %q %v %v", name, ok, err)
	}
	if RebuildPending(f.dir) {
		t.Error("the rebuild's directories are left")
	}
}

// TestRebuildResumes interrupts a rebuild after its first document: the
// old store still answers, as it was, and the next run resumes.
func TestRebuildResumes(t *testing.T) {
	f := newCorrectionFixture(t)
	if err := f.s.Close(); err != nil {
		t.Fatal(err)
	}
	inputs := map[string]IngestInput{}
	for _, in := range []IngestInput{docA(t), docB(t)} {
		inputs[in.Meta.URL] = in
	}
	extractFn := func(d Document, text string) extract.Result { return shrinkClaims(inputs[d.URL].Result, text) }
	ctx, cancel := context.WithCancel(context.Background())
	_, err := Rebuild(ctx, f.dir, RebuildOptions{Batch: 1, Extract: extractFn, Progress: func(done, total int) { cancel() }})
	if err == nil || !RebuildPending(f.dir) {
		t.Fatalf("interrupted rebuild: %v, pending %v", err, RebuildPending(f.dir))
	}
	s, err := Open(f.dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := claimsOf(t, s, ClaimFilter{Document: f.docA}); !slices.Contains(got, "We control the whole town,") {
		t.Errorf("the old extraction does not answer during the rebuild: %q", got)
	}
	s.Close()
	report, err := Rebuild(context.Background(), f.dir, RebuildOptions{Batch: 1, Extract: extractFn})
	if err != nil || report.Resumed != 1 || report.Documents != 2 {
		t.Fatalf("resumed rebuild: %+v, %v", report, err)
	}
	s, err = Open(f.dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got, _ := claimsOf(t, s, ClaimFilter{Document: f.docA}); !slices.Contains(got, "We control the whole town") {
		t.Errorf("after the resumed rebuild: %q", got)
	}
	if st, _ := s.Stats(context.Background()); st.Documents != 2 {
		t.Errorf("after the resumed rebuild: %+v", st)
	}
}
