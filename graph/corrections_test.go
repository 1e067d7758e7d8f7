package graph

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
)

// correctionFixture is a store with docA and docB, and the IDs the tests
// correct.
type correctionFixture struct {
	s                                           *Store
	dir                                         string
	docA, docB                                  uuid.UUID
	nusra, fsa, abuOmar, sohr, saa, kafr, idlib uuid.UUID
}

func newCorrectionFixture(t *testing.T) *correctionFixture {
	t.Helper()
	s, dir := openStore(t)
	f := &correctionFixture{s: s, dir: dir}
	f.docA = mustIngest(t, s, docA(t)).DocumentID
	f.docB = mustIngest(t, s, docB(t)).DocumentID
	f.load(t)
	return f
}

func (f *correctionFixture) load(t *testing.T) {
	t.Helper()
	f.nusra = entityByKey(t, f.s, "gaz:nusra").ID
	f.fsa = entityByKey(t, f.s, "gaz:fsa").ID
	f.abuOmar = entityByKey(t, f.s, "PERSON:abuomar").ID
	f.sohr = entityByKey(t, f.s, "gaz:sohr").ID
	f.saa = entityByKey(t, f.s, "gaz:saa").ID
	f.kafr = entityByKey(t, f.s, "PLACE:kafrnabl").ID
	f.idlib = entityByKey(t, f.s, "gaz:idlib").ID
}

func (f *correctionFixture) correct(t *testing.T, c Correction) AuditEntry {
	t.Helper()
	if c.Who == "" {
		c.Who = "tester"
	}
	if c.Reason == "" {
		c.Reason = "the text says otherwise"
	}
	e, err := f.s.Correct(context.Background(), c)
	if err != nil {
		t.Fatalf("%s: %v", c.Op, err)
	}
	return e
}

func claimsOf(t *testing.T, s *Store, f ClaimFilter) ([]string, int) {
	t.Helper()
	ctx := context.Background()
	page, err := s.Claims(ctx, f, PageArgs{First: MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.CountClaims(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(page.Items) {
		t.Errorf("claims %+v: count %d, listed %d: %q", f, n, len(page.Items), claimTexts(page.Items))
	}
	return claimTexts(page.Items), n
}

func findClaim(t *testing.T, s *Store, f ClaimFilter, text string) Claim {
	t.Helper()
	page, err := s.Claims(context.Background(), f, PageArgs{First: MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range page.Items {
		if c.Text == text {
			return c
		}
	}
	t.Fatalf("no claim %q among %q", text, claimTexts(page.Items))
	return Claim{}
}

func TestSetClaimSpeakerAndUndo(t *testing.T) {
	f := newCorrectionFixture(t)
	ctx := context.Background()
	quote := findClaim(t, f.s, ClaimFilter{Document: f.docA}, "We control the whole town,")
	if _, err := f.s.Correct(ctx, Correction{Op: OpSetClaimSpeaker, Who: "ana", Claim: quote.ID, Speaker: f.sohr}); err == nil {
		t.Fatal("a correction without a reason was accepted")
	} else if ce := (*CorrectionError)(nil); !errors.As(err, &ce) || ce.Field != "reason" {
		t.Errorf("no reason: %v; want an error naming the field reason", err)
	}
	before, _ := claimsOf(t, f.s, ClaimFilter{Speaker: f.abuOmar})
	entry := f.correct(t, Correction{Op: OpSetClaimSpeaker, Claim: quote.ID, Speaker: f.sohr})
	check := func(s *Store, moved bool) {
		t.Helper()
		abu, _ := claimsOf(t, s, ClaimFilter{Speaker: f.abuOmar})
		sohr, _ := claimsOf(t, s, ClaimFilter{Speaker: f.sohr})
		if got := slices.Contains(sohr, quote.Text); got != moved {
			t.Errorf("moved=%v: SOHR's claims %q", moved, sohr)
		}
		if got := slices.Contains(abu, quote.Text); got == moved {
			t.Errorf("moved=%v: Abu Omar's claims %q", moved, abu)
		}
		c, err := s.Claim(ctx, quote.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]uuid.UUID{true: f.sohr, false: f.abuOmar}[moved]; c.SpeakerID != want || c.SpeakerText != "Abu Omar" {
			t.Errorf("claim speaker %s (%q), want %s keeping its speakerText", c.SpeakerID, c.SpeakerText, want)
		}
	}
	check(f.s, true)
	f.s = reopen(t, f.s, f.dir, Options{})
	check(f.s, true)
	log, err := f.s.AuditLog(ctx, AuditFilter{Claim: quote.ID}, PageArgs{})
	if err != nil || len(log.Items) != 1 || log.Items[0].ID != entry.ID || log.Items[0].Who != "tester" || log.Items[0].Before == "null" {
		t.Fatalf("audit log of the claim: %+v, %v", log.Items, err)
	}
	if _, err := f.s.Undo(ctx, entry.ID, "bob", "it was right"); err != nil {
		t.Fatal(err)
	}
	check(f.s, false)
	after, _ := claimsOf(t, f.s, ClaimFilter{Speaker: f.abuOmar})
	if !slices.Equal(before, after) {
		t.Errorf("after undo: %q, before the correction %q", after, before)
	}
	if _, err := f.s.Undo(ctx, entry.ID, "bob", "again"); err == nil {
		t.Error("undoing an undone entry was accepted")
	}
	// The source made unnamed.
	f.correct(t, Correction{Op: OpSetClaimSpeaker, Claim: quote.ID})
	if c, _ := f.s.Claim(ctx, quote.ID); c.SpeakerID != uuid.Nil || c.SpeakerText != "Abu Omar" {
		t.Errorf("unnamed: %+v", c)
	}
}

func TestMergeEntities(t *testing.T) {
	f := newCorrectionFixture(t)
	ctx := context.Background()
	st0, _ := f.s.Stats(ctx)
	aboutNusra, _ := claimsOf(t, f.s, ClaimFilter{About: f.nusra})
	aboutFSA, _ := claimsOf(t, f.s, ClaimFilter{About: f.fsa})
	f.correct(t, Correction{Op: OpMergeEntities, Entity: f.nusra, Other: f.fsa})
	check := func(s *Store) {
		t.Helper()
		e, err := s.Entity(ctx, f.fsa)
		if err != nil || e.ID != f.nusra || !slices.Contains(e.Aliases, "Free Syrian Army") {
			t.Errorf("entity(merged) = %+v, %v; want Nusra with the merged names", e, err)
		}
		page, err := s.Entities(ctx, EntityFilter{Name: "FSA"}, PageArgs{})
		if err != nil || len(page.Items) != 1 || page.Items[0].ID != f.nusra {
			t.Errorf("entities(name: FSA) = %+v, %v", page.Items, err)
		}
		n, _ := s.CountEntities(ctx, EntityFilter{Name: "FSA"})
		if n != 1 {
			t.Errorf("count of entities named FSA = %d", n)
		}
		all, _ := claimsOf(t, s, ClaimFilter{About: f.nusra})
		want := len(aboutNusra)
		for _, c := range aboutFSA {
			if !slices.Contains(aboutNusra, c) {
				want++
			}
		}
		if len(all) != want {
			t.Errorf("claims about the merged entity: %q; want %d", all, want)
		}
		st, _ := s.Stats(ctx)
		if st.Entities != st0.Entities-1 {
			t.Errorf("stats: %d entities, before %d", st.Entities, st0.Entities)
		}
		rels, err := s.Relations(ctx, f.fsa, extract.AlliedWith, 0)
		if err != nil || len(rels) != 1 || rels[0].SubjectID != f.nusra || rels[0].ObjectID != f.nusra {
			t.Errorf("relations through the merged ID: %+v, %v", rels, err)
		}
		ms, err := s.Mentions(ctx, f.nusra, PageArgs{First: 100})
		n, _ = s.CountMentions(ctx, f.nusra)
		if err != nil || len(ms.Items) != n || n != 6+1 {
			t.Errorf("mentions: %d listed, %d counted, want 7: %v", len(ms.Items), n, err)
		}
	}
	check(f.s)
	f.s = reopen(t, f.s, f.dir, Options{})
	check(f.s)
	// Ingesting the articles again changes nothing.
	mustIngest(t, f.s, docA(t))
	check(f.s)
}

func TestRetractClaim(t *testing.T) {
	f := newCorrectionFixture(t)
	ctx := context.Background()
	st0, _ := f.s.Stats(ctx)
	seized := findClaim(t, f.s, ClaimFilter{Document: f.docA}, "Rebels of Jabhat a-Nusra seized the town of Kafr Nabl on Monday")
	f.correct(t, Correction{Op: OpRetractClaim, Claim: seized.ID})
	docClaims, _ := claimsOf(t, f.s, ClaimFilter{Document: f.docA})
	if slices.Contains(docClaims, seized.Text) || len(docClaims) != 3 {
		t.Errorf("document's claims after the retraction: %q", docClaims)
	}
	withRetracted, _ := claimsOf(t, f.s, ClaimFilter{Document: f.docA, IncludeRetracted: true})
	if len(withRetracted) != 4 {
		t.Errorf("with retracted: %q", withRetracted)
	}
	words, _ := claimsOf(t, f.s, ClaimFilter{Text: "seized"})
	if len(words) != 0 {
		t.Errorf("text search finds the retracted claim: %q", words)
	}
	rels, _ := f.s.Relations(ctx, f.nusra, extract.Controls, 0)
	if len(rels) != 1 {
		t.Errorf("CONTROLS relations of Nusra after the retraction: %+v", rels)
	}
	st, _ := f.s.Stats(ctx)
	if st.Claims != st0.Claims-1 || st.Relations != st0.Relations-1 {
		t.Errorf("stats %+v, before %+v", st, st0)
	}
	if _, err := f.s.Correct(ctx, Correction{Op: OpRetractClaim, Who: "x", Reason: "y", Claim: seized.ID}); err == nil {
		t.Error("retracting twice was accepted")
	}
	f.correct(t, Correction{Op: OpRestoreClaim, Claim: seized.ID})
	if back, _ := claimsOf(t, f.s, ClaimFilter{Document: f.docA}); len(back) != 4 {
		t.Errorf("after restoring: %q", back)
	}
}

func TestSplitEntity(t *testing.T) {
	f := newCorrectionFixture(t)
	ctx := context.Background()
	e := f.correct(t, Correction{Op: OpSplitEntity, Entity: f.abuOmar, Documents: []uuid.UUID{f.docB}, Name: "Abu Omar al-Idlibi"})
	newID := e.Entities[len(e.Entities)-1]
	if newID == f.abuOmar {
		t.Fatalf("split entry entities %v", e.Entities)
	}
	check := func(s *Store) {
		t.Helper()
		a, _ := claimsOf(t, s, ClaimFilter{Speaker: f.abuOmar})
		b, _ := claimsOf(t, s, ClaimFilter{Speaker: newID})
		if len(a) != 1 || len(b) != 1 || a[0] != "We control the whole town," {
			t.Errorf("after the split: %q and %q", a, b)
		}
		page, err := s.Entities(ctx, EntityFilter{Name: "Abu Omar al-Idlibi"}, PageArgs{})
		if err != nil || len(page.Items) != 1 || page.Items[0].ID != newID || page.Items[0].Type != extract.Person {
			t.Errorf("the new entity by name: %+v, %v", page.Items, err)
		}
		ents, _ := s.DocumentEntities(ctx, f.docB)
		if !slices.ContainsFunc(ents, func(e Entity) bool { return e.ID == newID }) || slices.ContainsFunc(ents, func(e Entity) bool { return e.ID == f.abuOmar }) {
			t.Errorf("entities of document B: %+v", ents)
		}
		n, _ := s.CountMentions(ctx, newID)
		m, _ := s.CountMentions(ctx, f.abuOmar)
		if n != 1 || m != 1 {
			t.Errorf("mentions: %d of the new entity, %d of the old", n, m)
		}
	}
	check(f.s)
	f.s = reopen(t, f.s, f.dir, Options{})
	check(f.s)
}

func TestRenameResolvesNewArticles(t *testing.T) {
	f := newCorrectionFixture(t)
	ctx := context.Background()
	f.correct(t, Correction{Op: OpRenameEntity, Entity: f.abuOmar, Name: "Abu Omar al-Shami"})
	f.correct(t, Correction{Op: OpAddAlias, Entity: f.abuOmar, Alias: "Omar Shami"})
	// A new article names him by the new name and by the alias.
	b := newDoc(t, "https://example.org/c", "Abu Omar al-Shami said the road was open. Omar Shami left.")
	s1 := b.sentence("Abu Omar al-Shami said the road was open.")
	b.entity("PERSON:abuomarshami", "Abu Omar al-Shami", extract.Person, nil, "Abu Omar al-Shami")
	b.entity("PERSON:omarshami", "Omar Shami", extract.Person, nil, "Omar Shami")
	b.claim(extract.Indirect, "the road was open", "said", "PERSON:abuomarshami", "Abu Omar al-Shami", s1)
	out := mustIngest(t, f.s, b.in)
	if out.NewEntities != 0 {
		t.Errorf("the new article made %d new entities; want them resolved to the renamed one", out.NewEntities)
	}
	got, _ := claimsOf(t, f.s, ClaimFilter{Speaker: f.abuOmar})
	if !slices.Contains(got, "the road was open") {
		t.Errorf("the renamed entity's claims: %q", got)
	}
	e, _ := f.s.Entity(ctx, f.abuOmar)
	if e.Name != "Abu Omar al-Shami" || !slices.Contains(e.Aliases, "Abu Omar") {
		t.Errorf("renamed entity %+v", e)
	}
}

func TestRelationCorrections(t *testing.T) {
	f := newCorrectionFixture(t)
	ctx := context.Background()
	narrative := findClaim(t, f.s, ClaimFilter{Document: f.docA}, "The regime fights Nusra in Idlib province, and Nusra is not allied with the Free Army.")
	f.correct(t, Correction{Op: OpRetractRelation, Claim: narrative.ID, Other: f.saa, Predicate: extract.Fights, Object: f.nusra})
	f.correct(t, Correction{Op: OpAddRelation, Claim: narrative.ID, Other: f.nusra, Predicate: extract.Controls, Object: f.idlib, Polarity: true})
	rels, _ := f.s.Relations(ctx, f.nusra, "", 0)
	var fights, controls int
	for _, r := range rels {
		if r.Predicate == extract.Fights {
			fights++
		}
		if r.Predicate == extract.Controls && r.ObjectID == f.idlib && r.Added {
			controls++
		}
	}
	if fights != 1 || controls != 1 {
		t.Errorf("relations of Nusra: %d FIGHTS (want 1, docB's), %d added CONTROLS Idlib", fights, controls)
	}
	c, _ := f.s.Claim(ctx, narrative.ID)
	if len(c.Relations) != 2 {
		t.Errorf("the claim's relations: %+v", c.Relations)
	}
}

// TestUndoSplitUnappliesWhatUsesItsEntity: a correction that names the
// entity a split made no longer applies once the split is undone, and
// says so.
func TestUndoSplitUnappliesWhatUsesItsEntity(t *testing.T) {
	f := newCorrectionFixture(t)
	ctx := context.Background()
	split := f.correct(t, Correction{Op: OpSplitEntity, Entity: f.abuOmar, Documents: []uuid.UUID{f.docB}, Name: "Abu Omar al-Idlibi"})
	newID := split.Entities[len(split.Entities)-1]
	quote := findClaim(t, f.s, ClaimFilter{Document: f.docA}, "We control the whole town,")
	given := f.correct(t, Correction{Op: OpSetClaimSpeaker, Claim: quote.ID, Speaker: newID})
	if _, err := f.s.Undo(ctx, split.ID, "tester", "one person after all"); err != nil {
		t.Fatal(err)
	}
	e, err := f.s.AuditEntryByID(ctx, given.ID)
	if err != nil || e.Unapplied == "" {
		t.Errorf("the correction naming the undone split's entity: %+v, %v; want it unapplied", e, err)
	}
	if c, _ := f.s.Claim(ctx, quote.ID); c.SpeakerID != f.abuOmar {
		t.Errorf("the claim's speaker %s, want Abu Omar again", c.SpeakerID)
	}
}
