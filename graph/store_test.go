package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
)

func TestDeduplication(t *testing.T) {
	withURL := func(in IngestInput, url string) IngestInput { in.Meta.URL = url; return in }
	withText := func(in IngestInput, text string) IngestInput {
		in.Text = text
		in.Result = extract.Result{Publisher: extract.NoEntity}
		return in
	}
	tests := []struct {
		name    string
		second  func(first IngestInput) IngestInput
		wantDup bool
	}{
		{"same URL", func(f IngestInput) IngestInput { return f }, true},
		{"same URL with spaces, other text", func(f IngestInput) IngestInput {
			return withText(withURL(f, "  "+f.Meta.URL+"\n"), "Another text.")
		}, true},
		{"other URL, same text", func(f IngestInput) IngestInput { return withURL(f, "https://example.org/copy") }, false},
		{"no URL, same text as a document with a URL", func(f IngestInput) IngestInput { return withURL(f, "") }, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openStore(t)
			first := docA(t)
			out1 := mustIngest(t, s, first)
			before, _ := s.Stats(context.Background())
			out2 := mustIngest(t, s, tc.second(first))
			after, _ := s.Stats(context.Background())
			if out2.Duplicate != tc.wantDup {
				t.Fatalf("Duplicate = %v, want %v", out2.Duplicate, tc.wantDup)
			}
			if tc.wantDup {
				if out2 != (IngestOutcome{DocumentID: out1.DocumentID, Duplicate: true}) {
					t.Errorf("outcome %+v, want the first document's ID and nothing else", out2)
				}
				if after != before {
					t.Errorf("stats changed on a duplicate: %+v -> %+v", before, after)
				}
			} else if after.Documents != before.Documents+1 || out2.DocumentID == out1.DocumentID {
				t.Errorf("not stored: %+v, stats %+v -> %+v", out2, before, after)
			}
		})
	}

	t.Run("no URL, same text twice, in one batch", func(t *testing.T) {
		s, _ := openStore(t)
		in := docB(t)
		in.Meta.URL = ""
		outs, errs := s.IngestBatch(context.Background(), []IngestInput{in, in})
		if errs[0] != nil || errs[1] != nil {
			t.Fatal(errs)
		}
		if outs[0].Duplicate || !outs[1].Duplicate || outs[1].DocumentID != outs[0].DocumentID {
			t.Errorf("outcomes %+v", outs)
		}
		if n, _ := s.CountDocuments(context.Background()); n != 1 {
			t.Errorf("%d documents, want 1", n)
		}
	})
}

func TestEntityResolutionAcrossDocuments(t *testing.T) {
	s, _ := openStore(t)
	ctx := context.Background()
	outA := mustIngest(t, s, docA(t))
	nusraA := entityByKey(t, s, "gaz:nusra")
	outB := mustIngest(t, s, docB(t))
	if outA.NewEntities != 8 || outB.NewEntities != 0 || outB.Entities != 5 {
		t.Errorf("new entities: A %d of %d, B %d of %d", outA.NewEntities, outA.Entities, outB.NewEntities, outB.Entities)
	}
	nusraB := entityByKey(t, s, "gaz:nusra")
	if nusraB.ID != nusraA.ID || nusraB.Name != "Jabhat a-Nusra" {
		t.Errorf("after document B: %+v, before %+v", nusraB, nusraA)
	}
	wantAliases := []string{"Jabhat al-Nusra", "Nusra", "Nusra Front", "al-Nusra Front"}
	if !reflect.DeepEqual(nusraB.Aliases, wantAliases) {
		t.Errorf("aliases %q, want %q", nusraB.Aliases, wantAliases)
	}
	if n, _ := s.CountEntities(ctx, EntityFilter{}); n != 8 {
		t.Errorf("%d entities, want 8", n)
	}
	// Document B mentions and speakers resolve to document A's entities.
	claims, err := s.Claims(ctx, ClaimFilter{Document: outB.DocumentID}, PageArgs{})
	if err != nil {
		t.Fatal(err)
	}
	abu := entityByKey(t, s, "PERSON:abuomar")
	if claims.Items[0].SpeakerID != abu.ID || !slices.Contains(claims.Items[0].About, nusraA.ID) {
		t.Errorf("claim of B: speaker %s about %v; want %s about %s", claims.Items[0].SpeakerID, claims.Items[0].About, abu.ID, nusraA.ID)
	}
	// A third document that brings no new name rewrites nothing: its
	// entities are as they were.
	c := docB(t)
	c.Meta.URL = "https://example.org/c"
	mustIngest(t, s, c)
	if again := entityByKey(t, s, "gaz:nusra"); !reflect.DeepEqual(again, nusraB) {
		t.Errorf("entity changed by a document without new names: %+v", again)
	}
}

func TestNewEntityOnceInOneBatch(t *testing.T) {
	for _, budget := range []struct {
		name  string
		count int64
	}{{"one transaction", 0}, {"a transaction per document", 88}} { // docB writes 82 entries: 88 holds one, not two
		t.Run(budget.name, func(t *testing.T) {
			s, _ := openStore(t)
			if budget.count > 0 {
				s.maxTxnCount = budget.count
			}
			var ins []IngestInput
			for i := range 3 {
				in := docB(t)
				in.Meta.URL = fmt.Sprintf("https://example.org/b%d", i)
				in.Result.Entities[0].Aliases = []string{fmt.Sprintf("Nusra-%d", i)}
				ins = append(ins, in)
			}
			outs, errs := s.IngestBatch(context.Background(), ins)
			for i, err := range errs {
				if err != nil {
					t.Fatalf("document %d: %v", i, err)
				}
			}
			if outs[0].NewEntities != 5 || outs[1].NewEntities != 0 || outs[2].NewEntities != 0 {
				t.Errorf("new entities %d, %d, %d; want 5, 0, 0", outs[0].NewEntities, outs[1].NewEntities, outs[2].NewEntities)
			}
			if n, _ := s.CountEntities(context.Background(), EntityFilter{}); n != 5 {
				t.Errorf("%d entities, want 5", n)
			}
			page, err := s.Entities(context.Background(), EntityFilter{Name: "Nusra-2"}, PageArgs{})
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"Nusra-0", "Nusra-1", "Nusra-2", "al-Nusra Front"}
			if len(page.Items) != 1 || !reflect.DeepEqual(page.Items[0].Aliases, want) {
				t.Errorf("entities named Nusra-2: %+v, want one with aliases %q", page.Items, want)
			}
		})
	}
}

func TestEntitiesFilter(t *testing.T) {
	s, _ := openStore(t)
	ctx := context.Background()
	mustIngest(t, s, docA(t))
	tests := []struct {
		filter EntityFilter
		want   []string // keys
	}{
		{EntityFilter{Name: "Jabhat al-Nusra"}, []string{"gaz:nusra"}},
		{EntityFilter{Name: "JABHAT AL NUSRA"}, []string{"gaz:nusra"}},
		{EntityFilter{Name: "nusra front"}, []string{"gaz:nusra"}},
		{EntityFilter{Name: "Nusra", Type: extract.ArmedGroup}, []string{"gaz:nusra"}},
		{EntityFilter{Name: "Nusra", Type: extract.Person}, nil},
		{EntityFilter{Name: "free syrian army"}, []string{"gaz:fsa"}},
		{EntityFilter{Name: "Idlib Province"}, []string{"gaz:idlib"}},
		{EntityFilter{Name: "Idli"}, nil},
		{EntityFilter{Name: "---"}, nil},
		{EntityFilter{Type: extract.ArmedGroup}, []string{"gaz:nusra", "gaz:saa", "gaz:fsa"}},
		{EntityFilter{Type: extract.Place}, []string{"PLACE:kafrnabl", "gaz:idlib"}},
		{EntityFilter{}, []string{"gaz:nusra", "PLACE:kafrnabl", "PERSON:abuomar", "gaz:saa", "gaz:sohr", "gaz:idlib", "gaz:fsa", "ORGANIZATION:examplenews"}},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%+v", tc.filter), func(t *testing.T) {
			page, err := s.Entities(ctx, tc.filter, PageArgs{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range page.Items {
				got = append(got, e.Key)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			n, err := s.CountEntities(ctx, tc.filter)
			if err != nil || n != len(tc.want) {
				t.Errorf("count %d (%v), want %d", n, err, len(tc.want))
			}
		})
	}
}

// TestPagination walks every paged list in pages of 2 over 5 items, the
// items written one transaction each (a posting block each) or all in one
// (one block).
func TestPagination(t *testing.T) {
	for _, oneBatch := range []bool{false, true} {
		t.Run(fmt.Sprintf("one batch %v", oneBatch), func(t *testing.T) {
			s, _ := openStore(t)
			ctx := context.Background()
			var ins []IngestInput
			for i := range 5 {
				b := newDoc(t, fmt.Sprintf("https://example.org/p%d", i), fmt.Sprintf("Report %d: Idlib is calm, Idlib officials said.", i))
				b.entity("gaz:idlib", "Idlib", extract.Place, nil, "Idlib#0")
				b.entity("PLACE:calm", "Calm", extract.Place, nil, "calm")
				b.claim(extract.Indirect, "Idlib is calm", "said", "", "Idlib officials", extract.NoEntity, "gaz:idlib")
				ins = append(ins, b.in)
			}
			docIDs := ingestAll(t, s, ins, oneBatch)
			idlib := entityByKey(t, s, "gaz:idlib")
			lists := []struct {
				name  string
				fetch func(PageArgs) ([]string, []string, bool, error) // item labels, cursors, hasNext
				want  []string
			}{
				{"Documents", func(a PageArgs) ([]string, []string, bool, error) {
					p, err := s.Documents(ctx, a)
					return labels(p.Items, func(d Document) string { return d.URL }), p.Cursors, p.HasNext, err
				}, []string{"https://example.org/p0", "https://example.org/p1", "https://example.org/p2", "https://example.org/p3", "https://example.org/p4"}},
				{"Claims about Idlib", func(a PageArgs) ([]string, []string, bool, error) {
					p, err := s.Claims(ctx, ClaimFilter{About: idlib.ID}, a)
					return labels(p.Items, func(c Claim) string { return c.DocumentID.String() }), p.Cursors, p.HasNext, err
				}, labels(docIDs, uuid.UUID.String)},
				{"Claims with text", func(a PageArgs) ([]string, []string, bool, error) {
					p, err := s.Claims(ctx, ClaimFilter{Text: "IDLIB IS"}, a)
					return labels(p.Items, func(c Claim) string { return c.DocumentID.String() }), p.Cursors, p.HasNext, err
				}, labels(docIDs, uuid.UUID.String)},
				{"Mentions of Idlib", func(a PageArgs) ([]string, []string, bool, error) {
					p, err := s.Mentions(ctx, idlib.ID, a)
					return labels(p.Items, func(m Mention) string { return m.DocumentID.String() }), p.Cursors, p.HasNext, err
				}, labels(docIDs, uuid.UUID.String)},
			}
			// Entities: five of them, named alike, in a store of their own.
			s2, _ := openStore(t)
			ins = nil
			for i := range 5 {
				b := newDoc(t, fmt.Sprintf("https://example.org/e%d", i), "Abu Ali spoke.")
				b.entity(fmt.Sprintf("PERSON:abuali%d", i), "Abu Ali", extract.Person, nil, "Abu Ali")
				ins = append(ins, b.in)
			}
			ingestAll(t, s2, ins, oneBatch)
			counts := []struct {
				name string
				f    func() (int, error)
			}{
				{"mentions", func() (int, error) { return s.CountMentions(ctx, idlib.ID) }},
				{"claims about", func() (int, error) { return s.CountClaims(ctx, ClaimFilter{About: idlib.ID}) }},
				{"claims with a word", func() (int, error) { return s.CountClaims(ctx, ClaimFilter{Text: "calm"}) }},
				{"people", func() (int, error) { return s2.CountEntities(ctx, EntityFilter{Type: extract.Person}) }},
			}
			for _, c := range counts {
				if n, err := c.f(); err != nil || n != 5 {
					t.Errorf("count of %s: %d (%v), want 5", c.name, n, err)
				}
			}
			lists = append(lists, struct {
				name  string
				fetch func(PageArgs) ([]string, []string, bool, error)
				want  []string
			}{"Entities named Abu Ali", func(a PageArgs) ([]string, []string, bool, error) {
				p, err := s2.Entities(ctx, EntityFilter{Name: "abu ali", Type: extract.Person}, a)
				return labels(p.Items, func(e Entity) string { return e.Key }), p.Cursors, p.HasNext, err
			}, []string{"PERSON:abuali0", "PERSON:abuali1", "PERSON:abuali2", "PERSON:abuali3", "PERSON:abuali4"}})

			for _, l := range lists {
				t.Run(l.name, func(t *testing.T) {
					var got []string
					var hasNexts []bool
					after := ""
					for range 10 {
						items, cursors, hasNext, err := l.fetch(PageArgs{First: 2, After: after})
						if err != nil {
							t.Fatal(err)
						}
						if len(cursors) != len(items) {
							t.Fatalf("%d cursors for %d items", len(cursors), len(items))
						}
						// The same cursor gives the same page again.
						again, _, _, err := l.fetch(PageArgs{First: 2, After: after})
						if err != nil || !reflect.DeepEqual(again, items) {
							t.Errorf("page after %q changed: %q then %q", after, items, again)
						}
						got = append(got, items...)
						hasNexts = append(hasNexts, hasNext)
						if !hasNext {
							break
						}
						after = cursors[len(cursors)-1]
					}
					if !reflect.DeepEqual(got, l.want) {
						t.Errorf("items %q, want %q", got, l.want)
					}
					if want := []bool{true, true, false}; !reflect.DeepEqual(hasNexts, want) {
						t.Errorf("hasNext %v, want %v", hasNexts, want)
					}
					// A page that ends exactly at the end says so.
					items, _, hasNext, err := l.fetch(PageArgs{First: 5})
					if err != nil || len(items) != 5 || hasNext {
						t.Errorf("First 5: %d items, hasNext %v, %v", len(items), hasNext, err)
					}
				})
			}

			t.Run("bad cursor", func(t *testing.T) {
				for _, c := range []string{"!!", "AAAA", encodeCursor(make([]byte, 20))} {
					if _, err := s.Documents(ctx, PageArgs{After: c}); !errors.Is(err, ErrInvalidCursor) {
						t.Errorf("cursor %q: %v, want ErrInvalidCursor", c, err)
					}
				}
			})
		})
	}
}

// ingestAll stores ins, one by one or as one batch, and returns their IDs.
func ingestAll(t *testing.T, s *Store, ins []IngestInput, oneBatch bool) []uuid.UUID {
	t.Helper()
	var ids []uuid.UUID
	if !oneBatch {
		for _, in := range ins {
			ids = append(ids, mustIngest(t, s, in).DocumentID)
		}
		return ids
	}
	outs, errs := s.IngestBatch(context.Background(), ins)
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	for _, o := range outs {
		ids = append(ids, o.DocumentID)
	}
	return ids
}

func labels[T any](items []T, f func(T) string) []string {
	var out []string
	for _, it := range items {
		out = append(out, f(it))
	}
	return out
}

func TestClaimsFilter(t *testing.T) {
	s, _ := openStore(t)
	ctx := context.Background()
	a := mustIngest(t, s, docA(t))
	b := mustIngest(t, s, docB(t))
	id := func(key string) uuid.UUID { return entityByKey(t, s, key).ID }
	tests := []struct {
		name   string
		filter ClaimFilter
		want   []string // claim texts
	}{
		{"none", ClaimFilter{}, []string{
			"Rebels of Jabhat a-Nusra seized the town of Kafr Nabl on Monday", "We control the whole town,",
			"The Syrian army shelled the town afterwards",
			"The regime fights Nusra in Idlib province, and Nusra is not allied with the Free Army.",
			"Fighters of Jabhat al-Nusra and the al-Nusra Front’s allies clashed with the Syrian army near Idlib",
			"counted 12 dead in the clashes"}},
		{"document", ClaimFilter{Document: b.DocumentID}, []string{
			"Fighters of Jabhat al-Nusra and the al-Nusra Front’s allies clashed with the Syrian army near Idlib",
			"counted 12 dead in the clashes"}},
		{"speaker", ClaimFilter{Speaker: id("PERSON:abuomar")}, []string{
			"We control the whole town,",
			"Fighters of Jabhat al-Nusra and the al-Nusra Front’s allies clashed with the Syrian army near Idlib"}},
		{"publisher as speaker", ClaimFilter{Speaker: id("ORGANIZATION:examplenews")}, []string{
			"The regime fights Nusra in Idlib province, and Nusra is not allied with the Free Army."}},
		{"about", ClaimFilter{About: id("gaz:saa")}, []string{
			"The Syrian army shelled the town afterwards",
			"The regime fights Nusra in Idlib province, and Nusra is not allied with the Free Army.",
			"Fighters of Jabhat al-Nusra and the al-Nusra Front’s allies clashed with the Syrian army near Idlib"}},
		{"text, one word", ClaimFilter{Text: "TOWN"}, []string{
			"Rebels of Jabhat a-Nusra seized the town of Kafr Nabl on Monday", "We control the whole town,",
			"The Syrian army shelled the town afterwards"}},
		{"text, phrase", ClaimFilter{Text: "syrian army"}, []string{
			"The Syrian army shelled the town afterwards",
			"Fighters of Jabhat al-Nusra and the al-Nusra Front’s allies clashed with the Syrian army near Idlib"}},
		{"text, words present but not as the phrase", ClaimFilter{Text: "army syrian"}, nil},
		{"text with punctuation and non-ASCII", ClaimFilter{Text: "front’s allies"}, []string{
			"Fighters of Jabhat al-Nusra and the al-Nusra Front’s allies clashed with the Syrian army near Idlib"}},
		{"text, stopword and short word kept in the substring", ClaimFilter{Text: "the whole town,"}, []string{"We control the whole town,"}},
		{"text, number", ClaimFilter{Text: "12 dead"}, []string{"counted 12 dead in the clashes"}},
		{"text, a word's prefix only", ClaimFilter{Text: "clas"}, nil},
		{"text, no match", ClaimFilter{Text: "ceasefire"}, nil},
		{"speaker and about", ClaimFilter{Speaker: id("PERSON:abuomar"), About: id("gaz:nusra")}, []string{
			"Fighters of Jabhat al-Nusra and the al-Nusra Front’s allies clashed with the Syrian army near Idlib"}},
		{"speaker and document", ClaimFilter{Speaker: id("PERSON:abuomar"), Document: a.DocumentID}, []string{"We control the whole town,"}},
		{"about and text", ClaimFilter{About: id("gaz:saa"), Text: "nusra"}, []string{
			"The regime fights Nusra in Idlib province, and Nusra is not allied with the Free Army.",
			"Fighters of Jabhat al-Nusra and the al-Nusra Front’s allies clashed with the Syrian army near Idlib"}},
		{"all four", ClaimFilter{Speaker: id("gaz:sohr"), About: id("gaz:saa"), Document: a.DocumentID, Text: "shelled the"}, []string{
			"The Syrian army shelled the town afterwards"}},
		{"all four, one wrong", ClaimFilter{Speaker: id("gaz:sohr"), About: id("gaz:saa"), Document: b.DocumentID, Text: "shelled the"}, nil},
		{"unknown speaker", ClaimFilter{Speaker: uuid.New()}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page, err := s.Claims(ctx, tc.filter, PageArgs{})
			if err != nil {
				t.Fatal(err)
			}
			if got := claimTexts(page.Items); !reflect.DeepEqual(got, tc.want) && len(got)+len(tc.want) > 0 {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
			n, err := s.CountClaims(ctx, tc.filter)
			if err != nil || n != len(tc.want) {
				t.Errorf("count %d (%v), want %d", n, err, len(tc.want))
			}
		})
	}
	for _, text := range []string{"the", "of it", "a b"} {
		if _, err := s.Claims(ctx, ClaimFilter{Text: text}, PageArgs{}); !errors.Is(err, ErrQueryTooBroad) {
			t.Errorf("text %q: %v, want ErrQueryTooBroad", text, err)
		}
	}
}

func TestRelations(t *testing.T) {
	s, _ := openStore(t)
	ctx := context.Background()
	mustIngest(t, s, docA(t))
	mustIngest(t, s, docB(t))
	names := make(map[uuid.UUID]string)
	for _, k := range []string{"gaz:nusra", "gaz:saa", "gaz:fsa", "gaz:idlib", "PLACE:kafrnabl", "PERSON:abuomar"} {
		names[entityByKey(t, s, k).ID] = k
	}
	id := func(key string) uuid.UUID { return entityByKey(t, s, key).ID }
	tests := []struct {
		entity string
		p      extract.Predicate
		want   []string
	}{
		// predicate, then the other entity, then the claim
		{"gaz:nusra", "", []string{
			"gaz:nusra ALLIED_WITH gaz:fsa false", "gaz:nusra CONTROLS PLACE:kafrnabl true",
			"gaz:nusra CONTROLS PLACE:kafrnabl true", "gaz:saa FIGHTS gaz:nusra true", "gaz:nusra FIGHTS gaz:saa true"}},
		{"gaz:nusra", extract.Fights, []string{"gaz:saa FIGHTS gaz:nusra true", "gaz:nusra FIGHTS gaz:saa true"}},
		{"gaz:nusra", extract.Controls, []string{"gaz:nusra CONTROLS PLACE:kafrnabl true", "gaz:nusra CONTROLS PLACE:kafrnabl true"}},
		{"PLACE:kafrnabl", "", []string{
			"gaz:nusra CONTROLS PLACE:kafrnabl true", "gaz:nusra CONTROLS PLACE:kafrnabl true", "PLACE:kafrnabl LOCATED_IN gaz:idlib true"}},
		{"gaz:idlib", extract.LocatedIn, []string{"PLACE:kafrnabl LOCATED_IN gaz:idlib true"}},
		{"gaz:idlib", extract.Fights, nil},
		{"PERSON:abuomar", "", nil},
	}
	t.Run("limit takes the first in order", func(t *testing.T) {
		rels, err := s.Relations(ctx, id("gaz:nusra"), "", 2)
		if err != nil || len(rels) != 2 || rels[0].Predicate != extract.AlliedWith || rels[1].Predicate != extract.Controls {
			t.Errorf("Relations(limit 2) = %+v, %v; want the ALLIED_WITH and the first CONTROLS", rels, err)
		}
	})
	for _, tc := range tests {
		t.Run(tc.entity+" "+string(tc.p), func(t *testing.T) {
			rels, err := s.Relations(ctx, id(tc.entity), tc.p, 0)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range rels {
				got = append(got, fmt.Sprintf("%s %s %s %v", names[r.SubjectID], r.Predicate, names[r.ObjectID], r.Polarity))
				c, err := s.Claim(ctx, r.ClaimID)
				if err != nil || c.DocumentID != r.DocumentID || !slices.ContainsFunc(c.Relations, func(cr Relation) bool { return cr == r }) {
					t.Errorf("relation %+v is not in its claim %+v (%v)", r, c.Relations, err)
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
	t.Run("relation to itself listed once", func(t *testing.T) {
		b := newDoc(t, "https://example.org/self", "The Free Army split from the Free Army.")
		b.entity("gaz:fsa", "Free Army", extract.ArmedGroup, nil, "Free Army#0", "Free Army#1")
		c := b.claim(extract.Narrative, "The Free Army split from the Free Army.", "", "", "", extract.NoEntity)
		b.relation("gaz:fsa", extract.SplinterOf, "gaz:fsa", true, c, "split")
		mustIngest(t, s, b.in)
		rels, err := s.Relations(ctx, id("gaz:fsa"), extract.SplinterOf, 0)
		if err != nil || len(rels) != 1 {
			t.Errorf("%d relations (%v), want 1", len(rels), err)
		}
	})
}

func TestInvalidResultRejected(t *testing.T) {
	tests := []struct {
		field  string
		mutate func(in *IngestInput)
	}{
		{"claims[3].speaker: index 9 out of range", func(in *IngestInput) { in.Result.Claims[3].Speaker = 9 }},
		{"claims[0].speaker: index -2 out of range", func(in *IngestInput) { in.Result.Claims[0].Speaker = -2 }},
		{"claims[1].about[0]: index -1 out of range", func(in *IngestInput) { in.Result.Claims[1].About[0] = extract.NoEntity }},
		{"claims[2].sentence: index 7 out of range", func(in *IngestInput) { in.Result.Claims[2].Sentence = 7 }},
		{"claims[0]: span [17,900) outside the text", func(in *IngestInput) { in.Result.Claims[0].End = 900 }},
		{"claims[0].cueSpan: span [92,91)", func(in *IngestInput) { in.Result.Claims[0].CueSpan.End = 91 }},
		{"claims[1].speakerSpan: span [-1,135)", func(in *IngestInput) { in.Result.Claims[1].SpeakerSpan.Start = -1 }},
		{"relations[2].subject: index 8 out of range", func(in *IngestInput) { in.Result.Relations[2].Subject = 8 }},
		{"relations[0].object: index -1 out of range", func(in *IngestInput) { in.Result.Relations[0].Object = -1 }},
		{"relations[4].claim: index 4 out of range (4 claims)", func(in *IngestInput) { in.Result.Relations[4].Claim = 4 }},
		{`relations[1].predicate: "" is not a predicate`, func(in *IngestInput) { in.Result.Relations[1].Predicate = "" }},
		{"relations[3]: span [310,341) outside", func(in *IngestInput) { in.Result.Relations[3].End = 341 }},
		{"publisher: index 8 out of range", func(in *IngestInput) { in.Result.Publisher = 8 }},
		{"entities[1].mentions[1]: span", func(in *IngestInput) { in.Result.Entities[1].Mentions[1].Start = 1000 }},
		{"entities[2].key: empty", func(in *IngestInput) { in.Result.Entities[2].Key = "" }},
		{"sentences[0]: span", func(in *IngestInput) { in.Result.Sentences[0].End = 341 }},
		{"text: not valid UTF-8", func(in *IngestInput) { in.Text = in.Text[:len(in.Text)-1] + "\xff" }},
	}
	for _, tc := range tests {
		t.Run(tc.field, func(t *testing.T) {
			s, _ := openStore(t)
			in := docA(t)
			tc.mutate(&in)
			_, err := s.Ingest(context.Background(), in)
			if !errors.Is(err, ErrInvalidInput) || !strings.Contains(err.Error(), tc.field) {
				t.Fatalf("error %v, want ErrInvalidInput naming %q", err, tc.field)
			}
			if !strings.Contains(err.Error(), "https://example.org/a") {
				t.Errorf("error %v does not name the document", err)
			}
			assertEmpty(t, s)
		})
	}
}

// assertEmpty checks that nothing but the layout version was written.
func assertEmpty(t *testing.T, s *Store) {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil || st != (Stats{}) {
		t.Errorf("stats %+v (%v), want none", st, err)
	}
	n, err := countAllKeys(s)
	if err != nil || n != 1 {
		t.Errorf("%d keys (%v), want only %s", n, err, keyFormat)
	}
}

func TestDocumentTooLarge(t *testing.T) {
	s, _ := openStore(t)
	ctx := context.Background()
	// Texts are stored compressed: random letters, which do not compress.
	rng := rand.New(rand.NewPCG(1, 2))
	noise := make([]byte, s.maxTxnSize+1)
	for i := range noise {
		noise[i] = 'a' + byte(rng.IntN(26))
		if i%8 == 7 {
			noise[i] = ' '
		}
	}
	big := newDoc(t, "https://example.org/big", string(noise))
	ins := []IngestInput{docA(t), big.in, docB(t)}
	outs, errs := s.IngestBatch(ctx, ins)
	if errs[0] != nil || errs[2] != nil {
		t.Fatalf("errors of the small documents: %v, %v", errs[0], errs[2])
	}
	if !errors.Is(errs[1], ErrDocumentTooLarge) || !strings.Contains(errs[1].Error(), "https://example.org/big") ||
		!strings.Contains(errs[1].Error(), "entries") {
		t.Errorf("big document: %v, want ErrDocumentTooLarge naming it and its size", errs[1])
	}
	if outs[1].DocumentID != uuid.Nil {
		t.Errorf("big document outcome %+v", outs[1])
	}
	for _, i := range []int{0, 2} {
		if _, err := s.Document(ctx, outs[i].DocumentID); err != nil {
			t.Errorf("document %d: %v", i, err)
		}
	}
	if st, _ := s.Stats(ctx); st.Documents != 2 || st.Claims != 6 {
		t.Errorf("stats %+v", st)
	}

	t.Run("by entry count, and batches split into several transactions", func(t *testing.T) {
		s, _ := openStore(t)
		s.maxTxnCount = 400
		var ins []IngestInput
		for i := range 6 {
			in := docA(t)
			in.Meta.URL = fmt.Sprintf("https://example.org/a%d", i)
			if i == 3 { // 120 more entities: ~4 keys each (e/, ek/, en/, m/)
				for k := range 120 {
					e := in.Result.Entities[2] // Abu Omar
					e.Key = fmt.Sprintf("PERSON:abuomar%d", k)
					in.Result.Entities = append(in.Result.Entities, e)
				}
			}
			ins = append(ins, in)
		}
		_, errs := s.IngestBatch(context.Background(), ins)
		for i, err := range errs {
			if (i == 3) != errors.Is(err, ErrDocumentTooLarge) {
				t.Errorf("document %d: %v", i, err)
			}
		}
		if st, _ := s.Stats(context.Background()); st.Documents != 5 || st.Entities != 8 {
			t.Errorf("stats %+v, want 5 documents and 8 entities", st)
		}
	})
}

func TestReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	outA := mustIngest(t, s, docA(t))
	mustIngest(t, s, docB(t))
	before := takeSnapshot(t, s)
	s = reopen(t, s, dir, Options{})
	if after := takeSnapshot(t, s); !reflect.DeepEqual(after, before) {
		t.Errorf("after reopening:\n%+v\nbefore:\n%+v", after, before)
	}
	// Resolution and deduplication use what is on disk.
	if out := mustIngest(t, s, docA(t)); !out.Duplicate || out.DocumentID != outA.DocumentID {
		t.Errorf("re-ingest after reopen: %+v", out)
	}
	c := docB(t)
	c.Meta.URL = "https://example.org/c"
	outC := mustIngest(t, s, c)
	if outC.NewEntities != 0 {
		t.Errorf("entities created again after reopen: %+v", outC)
	}
	docs, err := s.Documents(ctx, PageArgs{})
	if err != nil || len(docs.Items) != 3 || docs.Items[2].ID != outC.DocumentID {
		t.Errorf("the new document is not last: %+v (%v)", docs.Items, err)
	}
	ro := reopen(t, s, dir, Options{ReadOnly: true})
	defer ro.Close()
	if n, err := ro.CountDocuments(ctx); err != nil || n != 3 {
		t.Errorf("read-only: %d documents (%v)", n, err)
	}
	if _, err := ro.Ingest(ctx, docB(t)); !errors.Is(err, ErrReadOnly) {
		t.Errorf("ingest into a read-only store: %v", err)
	}
}

func TestOtherFormatRefused(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set([]byte(keyFormat), []byte("1")) }); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for _, ro := range []bool{false, true} {
		if s, err := Open(dir, Options{ReadOnly: ro}); err == nil || !strings.Contains(err.Error(), "store format") {
			t.Errorf("read-only %v: opened a store of format 1: %v", ro, err)
			if err == nil {
				s.Close()
			}
		}
	}
}

func TestLookupByID(t *testing.T) {
	s, _ := openStore(t)
	ctx := context.Background()
	out := mustIngest(t, s, docA(t))
	nusra := entityByKey(t, s, "gaz:nusra")
	if e, err := s.Entity(ctx, nusra.ID); err != nil || !reflect.DeepEqual(e, nusra) {
		t.Errorf("Entity: %+v (%v), want %+v", e, err, nusra)
	}
	if d, err := s.Document(ctx, out.DocumentID); err != nil || d.URL != "https://example.org/a" || d.ID != out.DocumentID {
		t.Errorf("Document: %+v (%v)", d, err)
	}
	unknown := uuid.Must(uuid.NewV7())
	lookups := []struct {
		name string
		f    func() error
	}{
		{"Document", func() error { _, err := s.Document(ctx, unknown); return err }},
		{"DocumentText", func() error { _, err := s.DocumentText(ctx, unknown); return err }},
		{"DocumentEntities", func() error { _, err := s.DocumentEntities(ctx, unknown); return err }},
		{"Entity", func() error { _, err := s.Entity(ctx, unknown); return err }},
		{"Claim", func() error { _, err := s.Claim(ctx, unknown); return err }},
	}
	for _, l := range lookups {
		if err := l.f(); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), unknown.String()) {
			t.Errorf("%s of an unknown ID: %v, want ErrNotFound naming the ID", l.name, err)
		}
	}
	// Lists of an unknown entity are empty, not errors.
	if p, err := s.Mentions(ctx, unknown, PageArgs{}); err != nil || len(p.Items) != 0 || p.HasNext {
		t.Errorf("Mentions of an unknown entity: %+v (%v)", p, err)
	}
	if r, err := s.Relations(ctx, unknown, "", 0); err != nil || len(r) != 0 {
		t.Errorf("Relations of an unknown entity: %+v (%v)", r, err)
	}
}

func TestTalliesMerged(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.tallyMergeAt = 3
	ctx := context.Background()
	for i := range 7 {
		in := docB(t)
		in.Meta.URL = fmt.Sprintf("https://example.org/t%d", i)
		mustIngest(t, s, in)
		want := Stats{Documents: i + 1, Entities: 5, Claims: 2 * (i + 1), Relations: i + 1, Mentions: 6 * (i + 1)}
		if st, err := s.Stats(ctx); err != nil || st != want {
			t.Fatalf("after %d documents: %+v (%v), want %+v", i+1, st, err, want)
		}
		if s.tallies >= 3 {
			t.Fatalf("after %d documents: %d tallies", i+1, s.tallies)
		}
	}
	n, err := countPrefixKeys(s, pTally)
	if err != nil || n != s.tallies {
		t.Errorf("%d tally keys (%v), the store counts %d", n, err, s.tallies)
	}
	s = reopen(t, s, dir, Options{})
	defer s.Close()
	if s.tallies != n {
		t.Errorf("reopened: %d tallies, want %d", s.tallies, n)
	}
}

func TestIDsIncreaseWhenTheClockGoesBack(t *testing.T) {
	var g idSource
	first, err := g.next()
	if err != nil {
		t.Fatal(err)
	}
	g.last[0] = 0xfe // a stored ID from far in the future
	future := g.last
	next, err := g.next()
	if err != nil {
		t.Fatal(err)
	}
	if string(next[:]) <= string(future[:]) || next.Version() != 7 || next.Variant() != uuid.RFC4122 {
		t.Errorf("after %s (first %s): %s", future, first, next)
	}
}

func TestFollowingIDs(t *testing.T) {
	doc := uuid.MustParse("01890a5d-ac96-7fff-8f1e-5c3b2a190b7e")
	for _, tc := range []struct{ last, want string }{
		{"01890a5d-ac96-7abc-8f1e-5c3b2a190b7e", "01890a5d-ac96-7abd-8f1e-5c3b2a190b7e"},
		// the sequence carries into the milliseconds
		{"01890a5d-ac96-7fff-8f1e-5c3b2a190b7e", "01890a5d-ac97-7000-8f1e-5c3b2a190b7e"},
		// the tail is the document's, whatever the newest ID's
		{"01890a5d-ac98-7001-b000-000000000001", "01890a5d-ac98-7002-8f1e-5c3b2a190b7e"},
	} {
		g := idSource{last: uuid.MustParse(tc.last)}
		got := g.following(doc)
		if got.String() != tc.want || g.last != got || got.Version() != 7 || got.Variant() != uuid.RFC4122 {
			t.Errorf("following(%s) after %s = %s (last %s), want %s", doc, tc.last, got, g.last, tc.want)
		}
	}
}

func TestContextCanceled(t *testing.T) {
	s, _ := openStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, errs := s.IngestBatch(ctx, []IngestInput{docA(t), docB(t)})
	for i, err := range errs {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("document %d: %v", i, err)
		}
	}
	assertEmpty(t, s)
	if _, err := s.Claims(ctx, ClaimFilter{}, PageArgs{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Claims: %v", err)
	}
}

// TestConcurrentReadersDuringWrites runs readers while batches are
// written; run it with -race. Each reader checks what must hold between
// any two commits: a listed document has all of its claims.
func TestConcurrentReadersDuringWrites(t *testing.T) {
	s, _ := openStore(t)
	s.maxTxnCount = 200 // several commits per batch
	ctx := context.Background()
	const batches, perBatch = 5, 8
	var wg sync.WaitGroup
	done := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(done)
		for b := range batches {
			var ins []IngestInput
			for i := range perBatch {
				in := docA(t)
				in.Meta.URL = fmt.Sprintf("https://example.org/%d/%d", b, i)
				ins = append(ins, in)
			}
			if _, errs := s.IngestBatch(ctx, ins); errors.Join(errs...) != nil {
				t.Error(errors.Join(errs...))
				return
			}
		}
	}()
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				docs, err := s.Documents(ctx, PageArgs{First: MaxPageSize})
				if err != nil {
					t.Error(err)
					return
				}
				for _, d := range docs.Items {
					n, err := s.CountClaims(ctx, ClaimFilter{Document: d.ID})
					if err != nil || n != 4 {
						t.Errorf("document %s: %d claims (%v)", d.ID, n, err)
						return
					}
				}
				if _, err := s.Claims(ctx, ClaimFilter{Text: "nusra"}, PageArgs{First: 7}); err != nil {
					t.Error(err)
					return
				}
				if _, err := s.Stats(ctx); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if st, _ := s.Stats(ctx); st.Documents != batches*perBatch || st.Entities != 8 {
		t.Errorf("stats %+v", st)
	}
}

// TestClaimBlocks: a document's claims share its ID's last 8 bytes and
// are read from its block; the list of all claims pages in ID order across
// blocks; a reopened store mints IDs above its largest claim.
func TestClaimBlocks(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		in := docA(t)
		if i%2 == 1 {
			in = docB(t)
		}
		in.Meta.URL = fmt.Sprintf("https://example.org/%d", i)
		mustIngest(t, s, in)
	}
	all, err := s.Claims(ctx, ClaimFilter{}, PageArgs{First: MaxPageSize})
	if err != nil || len(all.Items) != 12 {
		t.Fatalf("all claims: %d (%v), want 12", len(all.Items), err)
	}
	for i, c := range all.Items {
		if [8]byte(c.ID[8:]) != [8]byte(c.DocumentID[8:]) || bytes.Compare(c.ID[:], c.DocumentID[:]) <= 0 {
			t.Errorf("claim %s of document %s: want the document's tail and a larger ID", c.ID, c.DocumentID)
		}
		if i > 0 && bytes.Compare(c.ID[:], all.Items[i-1].ID[:]) <= 0 {
			t.Errorf("claim %d out of ID order", i)
		}
		got, err := s.Claim(ctx, c.ID)
		if err != nil || !reflect.DeepEqual(got, c) {
			t.Errorf("Claim(%s) = %+v (%v), want %+v", c.ID, got, err, c)
		}
	}
	for first := 1; first <= 5; first++ {
		var ids []uuid.UUID
		after := ""
		for {
			page, err := s.Claims(ctx, ClaimFilter{}, PageArgs{First: first, After: after})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range page.Items {
				ids = append(ids, c.ID)
			}
			if !page.HasNext {
				break
			}
			after = page.Cursors[len(page.Cursors)-1]
		}
		var want []uuid.UUID
		for _, c := range all.Items {
			want = append(want, c.ID)
		}
		if !reflect.DeepEqual(ids, want) {
			t.Errorf("pages of %d: %d claims, want %d in the same order", first, len(ids), len(want))
		}
	}
	// A claim ID with a stored document's tail but no such claim (a
	// document's claims have consecutive IDs: change the time).
	missing := all.Items[0].ID
	missing[0] ^= 0x80
	if _, err := s.Claim(ctx, missing); !errors.Is(err, ErrNotFound) {
		t.Errorf("Claim(missing) = %v, want ErrNotFound", err)
	}
	last := all.Items[len(all.Items)-1].ID
	s = reopen(t, s, dir, Options{})
	defer s.Close()
	if bytes.Compare(s.ids.last[:], last[:]) < 0 {
		t.Errorf("reopened: ID source at %s, below the last claim %s", s.ids.last, last)
	}
}

// TestEntityCacheGenerations ingests with a cache of one entity, so that
// every batch starts a new generation: the entities of earlier batches are
// found in the older one (or read again), keep their IDs and gather the
// names of every document; and an alias slice that the caller changes
// after a batch is read afresh, not taken for the one applied before.
func TestEntityCacheGenerations(t *testing.T) {
	s, _ := openStore(t)
	s.cachedEntities = 1
	ctx := context.Background()
	aliases := []string{"Nusra-0"}
	var ids []uuid.UUID
	for i := range 4 {
		in := docB(t)
		in.Meta.URL = fmt.Sprintf("https://example.org/gen%d", i)
		if i == 3 {
			aliases[0] = "Nusra-3" // the caller reuses its slice
		}
		in.Result.Entities[0].Aliases = aliases
		out, err := s.Ingest(ctx, in)
		if err != nil {
			t.Fatalf("document %d: %v", i, err)
		}
		if i > 0 && out.NewEntities != 0 {
			t.Errorf("document %d: %d new entities, want 0", i, out.NewEntities)
		}
		key := in.Result.Entities[0].Key
		ids = append(ids, entityByKey(t, s, key).ID)
		// Named again, the entity moved from the older generation (where
		// the batch before left it) to the current one.
		if _, older := s.olderEntities[key]; i > 0 && (older || s.entities[key] == nil) {
			t.Errorf("document %d: entity in the older generation %v, in the current %v", i, older, s.entities[key] != nil)
		}
	}
	for i, id := range ids {
		if id != ids[0] {
			t.Errorf("document %d resolved the entity to %s, want %s", i, id, ids[0])
		}
	}
	if n, _ := s.CountEntities(ctx, EntityFilter{}); n != 5 {
		t.Errorf("%d entities, want 5", n)
	}
	e := entityByKey(t, s, docB(t).Result.Entities[0].Key)
	want := []string{"Nusra-0", "Nusra-3", "al-Nusra Front"}
	if !reflect.DeepEqual(e.Aliases, want) {
		t.Errorf("aliases %q, want %q", e.Aliases, want)
	}
}
