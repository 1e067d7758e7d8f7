package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
)

// walkRel is one relation of a walk fixture: names of entities (the
// name is the key), a predicate, whether it is asserted.
type walkRel struct {
	s string
	p extract.Predicate
	o string
	// deny: the claim denies the relation.
	deny bool
}

// walkDoc is a document in which speaker (a person, "" for an unnamed
// source) says each relation in a sentence of its own: "Alpha FIGHTS
// Bravo, Sam Speaker said."
func walkDoc(t testing.TB, url, date, speaker string, rels ...walkRel) IngestInput {
	t.Helper()
	var text strings.Builder
	text.WriteString("Walk fixture " + url + "\n\n")
	var sentences []string
	for _, r := range rels {
		verb := string(r.p)
		if r.deny {
			verb = "NOT " + verb
		}
		who := speaker
		if who == "" {
			who = "a witness"
		}
		s := fmt.Sprintf("%s %s %s, %s said.", r.s, verb, r.o, who)
		sentences = append(sentences, s)
		text.WriteString(s + " ")
	}
	b := newDoc(t, url, text.String())
	b.in.Meta.PublishedAt = date
	added := map[string]bool{}
	addEntity := func(name string, typ extract.EntityType) {
		if !added[name] {
			added[name] = true
			b.entity(name, name, typ, nil, name)
		}
	}
	if speaker != "" {
		addEntity(speaker, extract.Person)
	}
	for _, r := range rels {
		addEntity(r.s, extract.ArmedGroup)
		addEntity(r.o, extract.ArmedGroup)
	}
	for i, r := range rels {
		s := b.sentence(sentences[i])
		content := sentences[i][:strings.Index(sentences[i], ",")]
		speakerText := speaker
		if speaker == "" {
			speakerText = "a witness"
		}
		c := b.claim(extract.Indirect, content, "said", speaker, speakerText, s, r.s, r.o)
		b.relation(r.s, r.p, r.o, !r.deny, c, content)
	}
	return b.in
}

// walkFixture is a small graph:
//
//	Alpha –ALLIED_WITH– Bravo –FIGHTS– Charlie –CONTROLS→ Delta ←MEMBER_OF– Echo
//	Alpha –CONTROLS→ Golf –CONTROLS→ Charlie   (a second shortest path Alpha … Charlie)
//	Kilo –FIGHTS– Foxtrot                        (Kilo is Bravo under another name: merged)
//	Xray –FIGHTS– Alpha                          (in a claim that gets retracted)
//	Alpha –NOT ALLIED_WITH– Lima                 (only denied: no edge)
//
// Alpha ALLIED_WITH Bravo has two sources (two speakers); the rest one.
type walkFixture struct {
	s   *Store
	ids map[string]uuid.UUID
}

func newWalkFixture(t *testing.T) *walkFixture {
	t.Helper()
	s, _ := openStore(t)
	mustIngest(t, s, walkDoc(t, "https://example.org/w1", "2024-01-10", "Sam Speaker",
		walkRel{s: "Alpha", p: extract.AlliedWith, o: "Bravo"},
		walkRel{s: "Bravo", p: extract.Fights, o: "Charlie"}))
	mustIngest(t, s, walkDoc(t, "https://example.org/w2", "2024-02-10", "Pat Speaker",
		walkRel{s: "Charlie", p: extract.Controls, o: "Delta"},
		walkRel{s: "Bravo", p: extract.AlliedWith, o: "Alpha"}))
	mustIngest(t, s, walkDoc(t, "https://example.org/w3", "2024-03-10", "",
		walkRel{s: "Echo", p: extract.MemberOf, o: "Delta"},
		walkRel{s: "Xray", p: extract.Fights, o: "Alpha"},
		walkRel{s: "Alpha", p: extract.AlliedWith, o: "Lima", deny: true}))
	mustIngest(t, s, walkDoc(t, "https://example.org/w4", "2024-04-10", "Sam Speaker",
		walkRel{s: "Alpha", p: extract.Controls, o: "Golf"},
		walkRel{s: "Golf", p: extract.Controls, o: "Charlie"},
		walkRel{s: "Kilo", p: extract.Fights, o: "Foxtrot"}))
	f := &walkFixture{s: s, ids: map[string]uuid.UUID{}}
	for _, n := range []string{"Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Kilo", "Xray", "Lima"} {
		f.ids[n] = entityByKey(t, s, n).ID
	}
	return f
}

func (f *walkFixture) name(id uuid.UUID) string {
	for n, v := range f.ids {
		if v == id {
			return n
		}
	}
	return id.String()
}

// pathString writes a path as "Alpha>Bravo>Charlie".
func (f *walkFixture) pathString(p Path) string {
	if len(p.Steps) == 0 {
		return ""
	}
	parts := []string{f.name(p.Steps[0].From)}
	for _, s := range p.Steps {
		parts = append(parts, f.name(s.To))
	}
	return strings.Join(parts, ">")
}

func (f *walkFixture) paths(t *testing.T, from, to string, maxHops int, w WalkFilter, first int) (Paths, []string) {
	t.Helper()
	res, err := f.s.Paths(context.Background(), f.ids[from], f.ids[to], maxHops, w, first)
	if err != nil {
		t.Fatalf("paths %s→%s: %v", from, to, err)
	}
	var out []string
	for _, p := range res.Paths {
		out = append(out, f.pathString(p))
	}
	return res, out
}

func (f *walkFixture) neighbors(t *testing.T, of string, hops int, w WalkFilter) (Neighborhood, []string) {
	t.Helper()
	res, err := f.s.Neighbors(context.Background(), f.ids[of], hops, w, 100)
	if err != nil {
		t.Fatalf("neighbours of %s: %v", of, err)
	}
	var out []string
	for _, n := range res.Neighbors {
		out = append(out, fmt.Sprintf("%s@%d", f.name(n.EntityID), n.Distance))
	}
	slices.Sort(out) // the order is by ID; names read better sorted
	return res, out
}

func TestPathsShortestAndSteps(t *testing.T) {
	f := newWalkFixture(t)
	res, got := f.paths(t, "Alpha", "Delta", 4, WalkFilter{}, 10)
	want := []string{"Alpha>Bravo>Charlie>Delta", "Alpha>Golf>Charlie>Delta"}
	slices.Sort(got)
	if !res.Found || res.Length != 3 || !slices.Equal(got, want) || res.HasNext || res.Truncated {
		t.Fatalf("paths Alpha→Delta = %+v %q; want length 3, %q", res, got, want)
	}
	// Every step is a group with its direction: Alpha ALLIED_WITH Bravo
	// (two claims, two ways: one group), then FIGHTS, then CONTROLS forward.
	for _, p := range res.Paths {
		last := p.Steps[2]
		if last.Predicate != extract.Controls || !last.Forward() || last.SubjectID != f.ids["Charlie"] {
			t.Errorf("last step %+v: want Charlie CONTROLS Delta, forward", last)
		}
		if f.pathString(p) == want[0] {
			rels, err := f.s.GroupRelations(context.Background(), p.Steps[0].SubjectID, p.Steps[0].Predicate, p.Steps[0].ObjectID, 0)
			if err != nil || len(rels) != 2 {
				t.Errorf("claims of the first step: %+v, %v; want the two claims of Alpha ALLIED_WITH Bravo", rels, err)
			}
		}
	}
	// Against the relations: Delta → Echo goes against MEMBER_OF.
	res, got = f.paths(t, "Delta", "Echo", 1, WalkFilter{}, 10)
	if len(got) != 1 || res.Paths[0].Steps[0].Forward() {
		t.Errorf("Delta→Echo = %q %+v; want one step against MEMBER_OF", got, res.Paths)
	}
	// first bounds the paths and says there are more.
	res, got = f.paths(t, "Alpha", "Delta", 4, WalkFilter{}, 1)
	if len(got) != 1 || !res.HasNext {
		t.Errorf("first: 1 gave %q, hasNext %v", got, res.HasNext)
	}
	// Predicates restrict the steps: without FIGHTS only through Golf.
	_, got = f.paths(t, "Alpha", "Delta", 4, WalkFilter{Predicates: []extract.Predicate{extract.Controls, extract.AlliedWith}}, 10)
	if !slices.Equal(got, []string{"Alpha>Golf>Charlie>Delta"}) {
		t.Errorf("paths without FIGHTS = %q", got)
	}
	// From an entity to itself: one path of no step.
	res, _ = f.paths(t, "Alpha", "Alpha", 1, WalkFilter{}, 10)
	if !res.Found || res.Length != 0 || len(res.Paths) != 1 {
		t.Errorf("Alpha→Alpha = %+v", res)
	}
}

func TestPathsBoundAndNone(t *testing.T) {
	f := newWalkFixture(t)
	// Alpha … Echo is four steps: three are not enough.
	res, got := f.paths(t, "Alpha", "Echo", 3, WalkFilter{}, 10)
	if res.Found || len(got) != 0 {
		t.Errorf("Alpha→Echo within 3 = %+v", res)
	}
	res, got = f.paths(t, "Alpha", "Echo", 4, WalkFilter{}, 10)
	if !res.Found || res.Length != 4 || len(got) != 2 {
		t.Errorf("Alpha→Echo within 4 = %+v %q", res, got)
	}
	// Foxtrot's component (Kilo) is apart from Alpha's: no path at all.
	res, _ = f.paths(t, "Alpha", "Foxtrot", 4, WalkFilter{}, 10)
	if res.Found || res.Truncated {
		t.Errorf("Alpha→Foxtrot = %+v; want none", res)
	}
	// A denied relation is no edge.
	res, _ = f.paths(t, "Alpha", "Lima", 4, WalkFilter{}, 10)
	if res.Found {
		t.Errorf("Alpha→Lima (denied only) = %+v; want none", res)
	}
	for _, bad := range []int{0, MaxPathHops + 1} {
		if _, err := f.s.Paths(context.Background(), f.ids["Alpha"], f.ids["Echo"], bad, WalkFilter{}, 10); err == nil {
			t.Errorf("maxHops %d: no error", bad)
		}
	}
}

func TestWalksApplyCorrections(t *testing.T) {
	f := newWalkFixture(t)
	ctx := context.Background()
	fix := &correctionFixture{s: f.s}
	// Before: Xray fights Alpha.
	if res, _ := f.paths(t, "Xray", "Bravo", 4, WalkFilter{}, 10); !res.Found || res.Length != 2 {
		t.Fatalf("Xray→Bravo before the retraction = %+v", res)
	}
	c := findClaim(t, f.s, ClaimFilter{About: f.ids["Xray"]}, "Xray FIGHTS Alpha")
	fix.correct(t, Correction{Op: OpRetractClaim, Claim: c.ID})
	if res, _ := f.paths(t, "Xray", "Bravo", 4, WalkFilter{}, 10); res.Found {
		t.Errorf("Xray→Bravo after the retraction = %+v; want none", res)
	}
	if _, got := f.neighbors(t, "Alpha", 1, WalkFilter{}); slices.Contains(got, "Xray@1") {
		t.Errorf("neighbours of Alpha after the retraction: %q", got)
	}
	// Kilo merged into Bravo: one node, so Foxtrot is two steps from Alpha.
	fix.correct(t, Correction{Op: OpMergeEntities, Entity: f.ids["Bravo"], Other: f.ids["Kilo"]})
	res, got := f.paths(t, "Alpha", "Foxtrot", 4, WalkFilter{}, 10)
	if !slices.Equal(got, []string{"Alpha>Bravo>Foxtrot"}) {
		t.Errorf("Alpha→Foxtrot after the merge = %+v %q", res, got)
	}
	// Through the merged ID too.
	res, got = f.paths(t, "Foxtrot", "Kilo", 4, WalkFilter{}, 10)
	if res.ToID != f.ids["Bravo"] || !slices.Equal(got, []string{"Foxtrot>Bravo"}) {
		t.Errorf("Foxtrot→Kilo after the merge = %+v %q", res, got)
	}
	// A relation a person added is an edge, with its claim.
	c = findClaim(t, f.s, ClaimFilter{About: f.ids["Echo"]}, "Echo MEMBER_OF Delta")
	fix.correct(t, Correction{Op: OpAddRelation, Claim: c.ID, Other: f.ids["Echo"], Predicate: extract.AlliedWith, Object: f.ids["Alpha"], Polarity: true})
	res, got = f.paths(t, "Alpha", "Echo", 4, WalkFilter{}, 10)
	if !slices.Equal(got, []string{"Alpha>Echo"}) {
		t.Fatalf("Alpha→Echo after addRelation = %+v %q", res, got)
	}
	st := res.Paths[0].Steps[0]
	rels, err := f.s.GroupRelations(ctx, st.SubjectID, st.Predicate, st.ObjectID, 0)
	if err != nil || len(rels) != 1 || !rels[0].Added || rels[0].ClaimID != c.ID {
		t.Errorf("claims of the added step: %+v, %v", rels, err)
	}
}

func TestNeighbors(t *testing.T) {
	f := newWalkFixture(t)
	res, got := f.neighbors(t, "Alpha", 1, WalkFilter{})
	if want := []string{"Bravo@1", "Golf@1", "Xray@1"}; !slices.Equal(got, want) || res.Truncated || res.HasNext {
		t.Errorf("1 hop of Alpha = %q; want %q", got, want)
	}
	_, got = f.neighbors(t, "Alpha", 2, WalkFilter{})
	if want := []string{"Bravo@1", "Charlie@2", "Golf@1", "Xray@1"}; !slices.Equal(got, want) {
		t.Errorf("2 hops of Alpha = %q; want %q", got, want)
	}
	// Nearest first, then ID order.
	for i := 1; i < len(res.Neighbors); i++ {
		a, b := res.Neighbors[i-1], res.Neighbors[i]
		if a.Distance > b.Distance || (a.Distance == b.Distance && a.EntityID.String() > b.EntityID.String()) {
			t.Errorf("order: %+v before %+v", a, b)
		}
	}
	// Charlie is reached through Bravo and through Golf.
	res, _ = f.neighbors(t, "Alpha", 2, WalkFilter{})
	for _, n := range res.Neighbors {
		if n.EntityID == f.ids["Charlie"] && len(n.Via) != 2 {
			t.Errorf("Charlie via %+v; want two groups", n.Via)
		}
	}
	_, got = f.neighbors(t, "Alpha", 3, WalkFilter{})
	if want := []string{"Bravo@1", "Charlie@2", "Delta@3", "Golf@1", "Xray@1"}; !slices.Equal(got, want) {
		t.Errorf("3 hops of Alpha = %q; want %q", got, want)
	}
	// minSources: only Alpha ALLIED_WITH Bravo has two sources.
	_, got = f.neighbors(t, "Alpha", 2, WalkFilter{MinSources: 2})
	if want := []string{"Bravo@1"}; !slices.Equal(got, want) {
		t.Errorf("2 hops of Alpha, minSources 2 = %q; want %q", got, want)
	}
	// Dates: groups reported in March 2024 or later (Xray's, Golf's).
	_, got = f.neighbors(t, "Alpha", 1, WalkFilter{Since: "2024-03-01"})
	if want := []string{"Golf@1", "Xray@1"}; !slices.Equal(got, want) {
		t.Errorf("Alpha since March = %q; want %q", got, want)
	}
	// Alpha–Bravo was reported in January and February: it meets a
	// period in between.
	_, got = f.neighbors(t, "Alpha", 1, WalkFilter{Since: "2024-01-15", Until: "2024-01-20"})
	if want := []string{"Bravo@1"}; !slices.Equal(got, want) {
		t.Errorf("Alpha in mid-January = %q; want %q", got, want)
	}
	_, got = f.neighbors(t, "Alpha", 1, WalkFilter{Predicates: []extract.Predicate{extract.Fights}})
	if want := []string{"Xray@1"}; !slices.Equal(got, want) {
		t.Errorf("Alpha FIGHTS = %q; want %q", got, want)
	}
	page, err := f.s.Neighbors(context.Background(), f.ids["Alpha"], 3, WalkFilter{}, 2)
	if err != nil || len(page.Neighbors) != 2 || !page.HasNext {
		t.Errorf("first: 2 = %+v, %v", page, err)
	}
	for _, bad := range []int{0, MaxNeighborHops + 1} {
		if _, err := f.s.Neighbors(context.Background(), f.ids["Alpha"], bad, WalkFilter{}, 10); err == nil {
			t.Errorf("hops %d: no error", bad)
		}
	}
}

// TestWalkHubTruncation: a hub's groups past the fan-out bound are left
// out, and the answer says so.
func TestWalkHubTruncation(t *testing.T) {
	s, _ := openStore(t)
	var rels []walkRel
	for i := range 6 {
		rels = append(rels, walkRel{s: "Hub", p: extract.Controls, o: fmt.Sprintf("Spoke%d", i)})
	}
	rels = append(rels, walkRel{s: "Spoke5", p: extract.Controls, o: "Rim"})
	mustIngest(t, s, walkDoc(t, "https://example.org/hub", "2024-01-01", "Sam Speaker", rels...))
	hub, rim := entityByKey(t, s, "Hub").ID, entityByKey(t, s, "Rim").ID
	ctx := context.Background()
	err := s.view(ctx, func(txn *badger.Txn) error {
		src := s.newGroupEdges(txn, s.overlay())
		defer src.close()
		small := walkBounds{fanout: 3, expand: WalkExpand}
		var n Neighborhood
		n.CenterID = hub
		if err := neighbors(ctx, src, small, 1, &WalkFilter{}, 100, &n); err != nil {
			return err
		}
		if len(n.Neighbors) != 3 || !n.Truncated {
			t.Errorf("hub with fan-out 3: %d neighbours, truncated %v", len(n.Neighbors), n.Truncated)
		}
		full := Neighborhood{CenterID: hub}
		if err := neighbors(ctx, src, defaultBounds, 1, &WalkFilter{}, 100, &full); err != nil {
			return err
		}
		if len(full.Neighbors) != 6 || full.Truncated {
			t.Errorf("hub with the default fan-out: %d neighbours, truncated %v", len(full.Neighbors), full.Truncated)
		}
		// Expanding one entity only: Rim (two steps) is not reached.
		p := Paths{FromID: hub, ToID: rim}
		if err := paths(ctx, src, walkBounds{fanout: WalkFanout, expand: 1}, 4, &WalkFilter{}, 10, &p); err != nil {
			return err
		}
		if p.Found || !p.Truncated {
			t.Errorf("paths expanding one entity: %+v; want none, truncated", p)
		}
		p = Paths{FromID: hub, ToID: rim}
		if err := paths(ctx, src, defaultBounds, 4, &WalkFilter{}, 10, &p); err != nil {
			return err
		}
		if !p.Found || p.Length != 2 || p.Truncated {
			t.Errorf("paths hub→rim: %+v", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestWalkReadsAKeyPerGroup: the claims of a group past the first that
// asserts it are skipped, not read.
func TestWalkReadsAKeyPerGroup(t *testing.T) {
	s, _ := openStore(t)
	for i := range 20 {
		mustIngest(t, s, walkDoc(t, fmt.Sprintf("https://example.org/r%d", i), "2024-01-01", "Sam Speaker",
			walkRel{s: "Alpha", p: extract.Fights, o: "Bravo"}))
	}
	alpha := entityByKey(t, s, "Alpha").ID
	ctx := context.Background()
	err := s.view(ctx, func(txn *badger.Txn) error {
		src := s.newGroupEdges(txn, s.overlay())
		defer src.close()
		n := 0
		if _, err := src.edges(ctx, alpha, &WalkFilter{}, 100, func(RelationGroup, int) bool { n++; return true }); err != nil {
			return err
		}
		if n != 1 || src.reads > 3 {
			t.Errorf("one group of 20 claims: %d edges, %d keys read; want 1 edge, at most 3 keys (two steps, then a seek)", n, src.reads)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestNeighborsStopAtTheLastDistance: past a hub one step away, a
// two-hop page reads about a page's worth of the hub's groups, and gives
// the same first entities as a walk that reads them all.
func TestNeighborsStopAtTheLastDistance(t *testing.T) {
	s, _ := openStore(t)
	var rels []walkRel
	for i := range 60 {
		rels = append(rels, walkRel{s: "Hub", p: extract.Controls, o: fmt.Sprintf("Spoke%02d", i)})
	}
	mustIngest(t, s, walkDoc(t, "https://example.org/hub", "2024-01-01", "Sam Speaker", rels...))
	mustIngest(t, s, walkDoc(t, "https://example.org/edge", "2024-01-02", "Sam Speaker",
		walkRel{s: "RelationGroup", p: extract.AlliedWith, o: "Hub"}))
	edge := entityByKey(t, s, "RelationGroup").ID
	ctx := context.Background()
	walk := func(first int) (Neighborhood, int) {
		var n Neighborhood
		n.CenterID = edge
		reads := 0
		err := s.view(ctx, func(txn *badger.Txn) error {
			src := s.newGroupEdges(txn, s.overlay())
			defer src.close()
			err := neighbors(ctx, src, defaultBounds, 2, &WalkFilter{}, first, &n)
			reads = src.reads
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return n, reads
	}
	all, readAll := walk(100)
	page, readPage := walk(5)
	if len(all.Neighbors) != 61 || all.HasNext {
		t.Fatalf("all: %d neighbours, hasNext %v; want 61", len(all.Neighbors), all.HasNext)
	}
	if len(page.Neighbors) != 5 || !page.HasNext {
		t.Fatalf("page of 5: %d neighbours, hasNext %v", len(page.Neighbors), page.HasNext)
	}
	for i, n := range page.Neighbors {
		if n.EntityID != all.Neighbors[i].EntityID || len(n.Via) != len(all.Neighbors[i].Via) {
			t.Errorf("neighbour %d: %+v; the full walk has %+v", i, n, all.Neighbors[i])
		}
	}
	if readPage > 12 || readAll < 60 {
		t.Errorf("keys read: %d for a page of 5, %d for all; want at most 12 and at least 60", readPage, readAll)
	}
}
