package graph

import (
	"context"
	"slices"
	"testing"

	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
)

// Made-up news: a resident denies the fighting of docA and docB, and a
// Free Army commander denies fighting the army.
const (
	textDeny = `Calm in Idlib

There was no fighting between Nusra and the Syrian army this week, a resident said.`
	textFSA = `Free Army denies clashes

The Free Army did not fight the Syrian army, said a local official.`
)

func docDeny(t testing.TB, url, published string) IngestInput {
	b := newDoc(t, url, textDeny)
	b.in.Meta.PublishedAt = published
	s1 := b.sentence("There was no fighting between Nusra and the Syrian army this week, a resident said.")
	b.entity("gaz:nusra", "Jabhat a-Nusra", extract.ArmedGroup, nil, "Nusra")
	b.entity("gaz:saa", "Syrian army", extract.ArmedGroup, nil, "Syrian army")
	c := b.claim(extract.Indirect, "There was no fighting between Nusra and the Syrian army this week", "said", "", "a resident", s1, "gaz:nusra", "gaz:saa")
	b.relation("gaz:nusra", extract.Fights, "gaz:saa", false, c, "no fighting")
	return b.in
}

func docFSA(t testing.TB) IngestInput {
	b := newDoc(t, "https://example.org/fsa", textFSA)
	b.in.Meta.PublishedAt = "2014-08-02"
	s1 := b.sentence("The Free Army did not fight the Syrian army, said a local official.")
	b.entity("gaz:fsa", "Free Army", extract.ArmedGroup, nil, "Free Army")
	b.entity("gaz:saa", "Syrian army", extract.ArmedGroup, nil, "Syrian army")
	c := b.claim(extract.Indirect, "The Free Army did not fight the Syrian army", "said", "", "a local official", s1, "gaz:fsa", "gaz:saa")
	b.relation("gaz:fsa", extract.Fights, "gaz:saa", false, c, "did not fight")
	return b.in
}

// groupWith finds the group of entity e with predicate p and other end
// other, by listing all of e's groups a page of one at a time.
func groupWith(t *testing.T, s *Store, e uuid.UUID, p extract.Predicate, other uuid.UUID) (RelationGroup, bool) {
	t.Helper()
	var found []RelationGroup
	args := PageArgs{First: 1}
	for range 100 {
		page, err := s.EntityGroups(context.Background(), e, GroupFilter{}, args)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range page.Items {
			if g.Predicate == p && (g.SubjectID == e && g.ObjectID == other || g.ObjectID == e && g.SubjectID == other) {
				found = append(found, g)
			}
		}
		if !page.HasNext {
			break
		}
		args.After = page.Cursors[len(page.Cursors)-1]
	}
	if len(found) > 1 {
		t.Fatalf("%d groups (%s, %s, %s): %+v", len(found), e, p, other, found)
	}
	if len(found) == 0 {
		return RelationGroup{}, false
	}
	return found[0], true
}

func contested(t *testing.T, s *Store, f ContestedFilter) []RelationGroup {
	t.Helper()
	page, err := s.Contested(context.Background(), f, PageArgs{First: 100})
	if err != nil {
		t.Fatal(err)
	}
	return page.Items
}

// checkStoredAsComputed compares every group of the entities as stored
// with the groups computed from their relations.
func checkStoredAsComputed(t *testing.T, s *Store, ids ...uuid.UUID) {
	t.Helper()
	for _, id := range ids {
		page, err := s.EntityGroups(context.Background(), id, GroupFilter{}, PageArgs{First: 1000})
		if err != nil {
			t.Fatal(err)
		}
		computed, err := s.correctedGroups(context.Background(), id, GroupFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(computed) != len(page.Items) {
			t.Errorf("entity %s: %d groups stored, %d computed", id, len(page.Items), len(computed))
		}
		for _, c := range computed {
			if !slices.Contains(page.Items, c) {
				t.Errorf("entity %s: computed group %+v not stored as such: %+v", id, c, page.Items)
			}
		}
	}
}

func TestGroupsAcrossDocuments(t *testing.T) {
	f := newCorrectionFixture(t)
	ctx := context.Background()
	// docA: the regime fights Nusra (Example News); docB: Nusra clashed
	// with the army (Abu Omar): one group either way round.
	g, ok := groupWith(t, f.s, f.saa, extract.Fights, f.nusra)
	want := RelationGroup{Predicate: extract.Fights, Supporting: 2, Sources: 2, SupportSources: 2, FirstSeen: "2014-06-11", LastSeen: "2014-07-01"}
	want.SubjectID, want.ObjectID = canonical(f.saa, extract.Fights, f.nusra)
	if !ok || g != want || g.Status() != extract.Corroborated {
		t.Errorf("FIGHTS group of the army: %+v (%v)\nwant %+v", g, ok, want)
	}
	if g2, _ := groupWith(t, f.s, f.nusra, extract.Fights, f.saa); g2 != g {
		t.Errorf("the same group seen from Nusra: %+v", g2)
	}
	if got := contested(t, f.s, ContestedFilter{}); len(got) != 0 {
		t.Errorf("contested before any denial: %+v", got)
	}
	mustIngest(t, f.s, docDeny(t, "https://example.org/deny", "2014-09-01"))
	g, _ = groupWith(t, f.s, f.saa, extract.Fights, f.nusra)
	if g.Supporting != 2 || g.Denying != 1 || g.Sources != 3 || g.Status() != extract.Contested || g.LastSeen != "2014-09-01" {
		t.Errorf("after the denial: %+v", g)
	}
	got := contested(t, f.s, ContestedFilter{})
	if len(got) != 1 || got[0] != g {
		t.Errorf("contested: %+v, want %+v", got, g)
	}
	for _, tc := range []struct {
		f    ContestedFilter
		want int
	}{
		{ContestedFilter{Predicate: extract.Fights}, 1},
		{ContestedFilter{Predicate: extract.AlliedWith}, 0},
		{ContestedFilter{Since: "2014-09-01"}, 1},
		{ContestedFilter{Since: "2014-09-02"}, 0},
		{ContestedFilter{Until: "2014-06-11"}, 1},
		{ContestedFilter{Until: "2014-06-10T23:00:00Z"}, 0},
	} {
		if got := contested(t, f.s, tc.f); len(got) != tc.want {
			t.Errorf("contested(%+v): %d groups, want %d", tc.f, len(got), tc.want)
		}
	}
	rels, err := f.s.GroupRelations(ctx, g.SubjectID, g.Predicate, g.ObjectID, 0)
	if err != nil || len(rels) != 3 {
		t.Fatalf("the group's relations: %+v, %v", rels, err)
	}
	docs := map[uuid.UUID]bool{}
	for _, r := range rels {
		docs[r.DocumentID] = true
	}
	if len(docs) != 3 || !docs[f.docA] || !docs[f.docB] {
		t.Errorf("the group's relations come from %v", docs)
	}
	checkStoredAsComputed(t, f.s, f.saa, f.nusra, f.kafr, f.fsa, f.idlib)
	// The records survive a reopen, and filters by predicate.
	f.s = reopen(t, f.s, f.dir, Options{})
	page, err := f.s.EntityGroups(ctx, f.nusra, GroupFilter{Predicates: []extract.Predicate{extract.Controls, extract.Fights}}, PageArgs{First: 10})
	if err != nil || len(page.Items) != 2 || page.Items[0].Predicate != extract.Controls || page.Items[1] != g {
		t.Errorf("Nusra's CONTROLS and FIGHTS groups: %+v, %v", page.Items, err)
	}
}

func TestGroupsCountSyndicatedCopiesOnce(t *testing.T) {
	f := newCorrectionFixture(t)
	mustIngest(t, f.s, docDeny(t, "https://example.org/deny", "2014-09-01"))
	before, _ := groupWith(t, f.s, f.saa, extract.Fights, f.nusra)
	// The same text under another URL, published later: a copy.
	out := mustIngest(t, f.s, docDeny(t, "https://mirror.example.net/deny", "2014-09-03"))
	if out.Duplicate {
		t.Fatal("a copy under another URL is a duplicate")
	}
	after, _ := groupWith(t, f.s, f.saa, extract.Fights, f.nusra)
	want := before
	want.LastSeen = "2014-09-03"
	if after != want {
		t.Errorf("after a copy: %+v\nwant %+v", after, want)
	}
	// A copy of docA: the activists of the same text are one source.
	a := docA(t)
	a.Meta.URL = "https://mirror.example.net/a"
	ctrl0, _ := groupWith(t, f.s, f.nusra, extract.Controls, f.kafr)
	mustIngest(t, f.s, a)
	ctrl, _ := groupWith(t, f.s, f.nusra, extract.Controls, f.kafr)
	if ctrl != ctrl0 || ctrl.Status() != extract.Corroborated {
		t.Errorf("CONTROLS after a copy of its document: %+v, before %+v", ctrl, ctrl0)
	}
	checkStoredAsComputed(t, f.s, f.saa, f.nusra, f.kafr)
}

func TestGroupsOfMergedEntitiesAreUnioned(t *testing.T) {
	f := newCorrectionFixture(t)
	mustIngest(t, f.s, docFSA(t))
	fsaFight, ok := groupWith(t, f.s, f.saa, extract.Fights, f.fsa)
	if !ok || fsaFight.Status() != extract.Denied {
		t.Fatalf("the army's fight with the Free Army: %+v", fsaFight)
	}
	if got := contested(t, f.s, ContestedFilter{}); len(got) != 0 {
		t.Fatalf("contested before the merge: %+v", got)
	}
	f.correct(t, Correction{Op: OpMergeEntities, Entity: f.nusra, Other: f.fsa})
	g, ok := groupWith(t, f.s, f.saa, extract.Fights, f.nusra)
	if !ok || g.Supporting != 2 || g.Denying != 1 || g.Sources != 3 || g.Status() != extract.Contested || g.LastSeen != "2014-08-02" {
		t.Errorf("after the merge, the army's FIGHTS group with Nusra: %+v", g)
	}
	if _, ok := groupWith(t, f.s, f.saa, extract.Fights, f.fsa); ok {
		t.Error("a group with the merged ID is still listed")
	}
	if page, err := f.s.EntityGroups(context.Background(), f.fsa, GroupFilter{Predicates: []extract.Predicate{extract.Fights}}, PageArgs{First: 10}); err != nil || len(page.Items) != 1 || page.Items[0] != g {
		t.Errorf("through the merged ID: %+v, %v", page.Items, err)
	}
	if got := contested(t, f.s, ContestedFilter{}); len(got) != 1 || got[0] != g {
		t.Errorf("contested after the merge: %+v", got)
	}
	rels, err := f.s.GroupRelations(context.Background(), g.SubjectID, g.Predicate, g.ObjectID, 0)
	if err != nil || len(rels) != 3 {
		t.Errorf("the merged group's relations: %+v, %v", rels, err)
	}
}

func TestGroupsRetraction(t *testing.T) {
	f := newCorrectionFixture(t)
	mustIngest(t, f.s, docDeny(t, "https://example.org/deny", "2014-09-01"))
	denial := findClaim(t, f.s, ClaimFilter{Text: "fighting"}, "There was no fighting between Nusra and the Syrian army this week")
	f.correct(t, Correction{Op: OpRetractClaim, Claim: denial.ID})
	g, _ := groupWith(t, f.s, f.saa, extract.Fights, f.nusra)
	if g.Denying != 0 || g.Sources != 2 || g.Status() != extract.Corroborated || g.LastSeen != "2014-07-01" {
		t.Errorf("after retracting the denial: %+v", g)
	}
	if got := contested(t, f.s, ContestedFilter{}); len(got) != 0 {
		t.Errorf("contested after the retraction: %+v", got)
	}
	// Other groups, untouched, are still read as stored.
	ctrl, _ := groupWith(t, f.s, f.kafr, extract.Controls, f.nusra)
	if ctrl.Supporting != 2 {
		t.Errorf("CONTROLS: %+v", ctrl)
	}
	f.correct(t, Correction{Op: OpRestoreClaim, Claim: denial.ID})
	if got := contested(t, f.s, ContestedFilter{}); len(got) != 1 {
		t.Errorf("contested after restoring: %+v", got)
	}
}

// TestContestedOrderAndPages: most sources first, pages joined.
func TestContestedOrderAndPages(t *testing.T) {
	f := newCorrectionFixture(t)
	mustIngest(t, f.s, docDeny(t, "https://example.org/deny", "2014-09-01"))
	mustIngest(t, f.s, docFSA(t))
	// A second source asserting the Free Army fights the army.
	b := newDoc(t, "https://example.org/fsa2", "The Free Army fought the Syrian army, Abu Omar said.")
	b.entity("gaz:fsa", "Free Army", extract.ArmedGroup, nil, "Free Army")
	b.entity("gaz:saa", "Syrian army", extract.ArmedGroup, nil, "Syrian army")
	b.entity("PERSON:abuomar", "Abu Omar", extract.Person, nil, "Abu Omar")
	c := b.claim(extract.Indirect, "The Free Army fought the Syrian army", "said", "PERSON:abuomar", "Abu Omar", extract.NoEntity, "gaz:fsa")
	b.relation("gaz:saa", extract.Fights, "gaz:fsa", true, c, "fought")
	mustIngest(t, f.s, b.in)
	all := contested(t, f.s, ContestedFilter{})
	if len(all) != 2 || all[0].Sources != 3 || all[1].Sources != 2 {
		t.Fatalf("contested: %+v", all)
	}
	p1, err := f.s.Contested(context.Background(), ContestedFilter{}, PageArgs{First: 1})
	if err != nil || !p1.HasNext {
		t.Fatal(p1, err)
	}
	p2, err := f.s.Contested(context.Background(), ContestedFilter{}, PageArgs{First: 1, After: p1.Cursors[0]})
	if err != nil || p2.HasNext || len(p2.Items) != 1 || p2.Items[0] != all[1] {
		t.Errorf("second page: %+v, %v", p2, err)
	}
	if _, err := f.s.Contested(context.Background(), ContestedFilter{}, PageArgs{First: 1, After: "AAAA"}); err == nil {
		t.Error("a malformed cursor was accepted")
	}
	checkStoredAsComputed(t, f.s, f.saa, f.nusra, f.fsa)
}
