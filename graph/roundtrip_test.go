package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// snapshot is everything a store answers, with IDs replaced by stable
// labels so that it can be compared with a golden file.
type snapshot struct {
	Stats     Stats
	Documents []snapDocument
	Entities  []snapEntity
	Claims    []snapClaim
}

type snapDocument struct {
	ID, URL, Title, Publisher, PublishedAt, ContentHash string
	Metadata                                            map[string]string
	Length                                              int
	Text                                                string
	Entities                                            []string
}

type snapEntity struct {
	ID, Key, Name, Type, PlaceKind string
	Aliases                        []string
	Mentions                       []string
	Relations                      []string
}

type snapClaim struct {
	ID, Document, Kind, Text, Cue, Speaker, SpeakerText, Sentence, PublishedAt, Rule string
	Ordinal                                                                          int
	Span, CueSpan, SpeakerSpan, SentenceSpan                                         [2]int
	About                                                                            []string
	Confidence                                                                       float64
	Relations                                                                        []string
}

// takeSnapshot reads the whole store through the public API.
func takeSnapshot(t *testing.T, s *Store) snapshot {
	t.Helper()
	ctx := context.Background()
	labels := map[uuid.UUID]string{uuid.Nil: "-"}
	var snap snapshot
	var err error
	if snap.Stats, err = s.Stats(ctx); err != nil {
		t.Fatal(err)
	}
	docs, err := s.Documents(ctx, PageArgs{First: MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	ents, err := s.Entities(ctx, EntityFilter{}, PageArgs{First: MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs.Items {
		labels[d.ID] = "doc " + d.URL
	}
	for _, e := range ents.Items {
		labels[e.ID] = "entity " + e.Key
	}
	claims, err := s.Claims(ctx, ClaimFilter{}, PageArgs{First: MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range claims.Items {
		labels[c.ID] = fmt.Sprintf("claim %d of %s", c.Ordinal, labels[c.DocumentID])
	}
	label := func(id uuid.UUID) string {
		if l, ok := labels[id]; ok {
			return l
		}
		return "unknown " + id.String()
	}
	relation := func(r Relation) string {
		return fmt.Sprintf("%s %s %s polarity=%v [%d,%d) %s %v; %s in %s", label(r.SubjectID), r.Predicate, label(r.ObjectID),
			r.Polarity, r.Start, r.End, r.Rule, r.Confidence, label(r.ClaimID), label(r.DocumentID))
	}
	for _, d := range docs.Items {
		text, err := s.DocumentText(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		de, err := s.DocumentEntities(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		sd := snapDocument{ID: label(d.ID), URL: d.URL, Title: d.Title, Publisher: d.Publisher, PublishedAt: d.PublishedAt,
			ContentHash: d.ContentHash, Metadata: d.Metadata, Length: d.Length, Text: text}
		for _, e := range de {
			sd.Entities = append(sd.Entities, label(e.ID))
		}
		snap.Documents = append(snap.Documents, sd)
	}
	for _, e := range ents.Items {
		se := snapEntity{ID: label(e.ID), Key: e.Key, Name: e.Name, Type: string(e.Type), PlaceKind: string(e.PlaceKind), Aliases: e.Aliases}
		ms, err := s.Mentions(ctx, e.ID, PageArgs{First: MaxPageSize})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms.Items {
			se.Mentions = append(se.Mentions, fmt.Sprintf("%q [%d,%d) %s in %s", m.Text, m.Start, m.End, m.Rule, label(m.DocumentID)))
		}
		rels, err := s.Relations(ctx, e.ID, "", 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rels {
			se.Relations = append(se.Relations, relation(r))
		}
		snap.Entities = append(snap.Entities, se)
	}
	for _, c := range claims.Items {
		sc := snapClaim{ID: label(c.ID), Document: label(c.DocumentID), Kind: string(c.Kind), Text: c.Text, Cue: c.Cue,
			Speaker: label(c.SpeakerID), SpeakerText: c.SpeakerText, Sentence: c.Sentence, PublishedAt: c.PublishedAt,
			Rule: c.Rule, Ordinal: c.Ordinal, Confidence: c.Confidence,
			Span: [2]int{c.Start, c.End}, CueSpan: [2]int{c.CueStart, c.CueEnd},
			SpeakerSpan: [2]int{c.SpeakerStart, c.SpeakerEnd}, SentenceSpan: [2]int{c.SentenceStart, c.SentenceEnd}}
		for _, a := range c.About {
			sc.About = append(sc.About, label(a))
		}
		for _, r := range c.Relations {
			sc.Relations = append(sc.Relations, relation(r))
		}
		snap.Claims = append(snap.Claims, sc)
	}
	return snap
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./graph -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the store's answers; got:\n%s", path, got)
	}
}

// TestRoundTrip stores two hand-built documents and reads everything back
// through the API, against testdata/roundtrip.golden.json.
func TestRoundTrip(t *testing.T) {
	s, _ := openStore(t)
	a, b := docA(t), docB(t)
	outA := mustIngest(t, s, a)
	outB := mustIngest(t, s, b)
	wantA := IngestOutcome{DocumentID: outA.DocumentID, Entities: 8, NewEntities: 8, Claims: 4, Relations: 5, Mentions: 12}
	wantB := IngestOutcome{DocumentID: outB.DocumentID, Entities: 5, NewEntities: 0, Claims: 2, Relations: 1, Mentions: 6}
	if outA != wantA || outB != wantB {
		t.Errorf("outcomes:\n got %+v\n     %+v\nwant %+v\n     %+v", outA, outB, wantA, wantB)
	}
	snap := takeSnapshot(t, s)
	got, err := json.MarshalIndent(snap, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "roundtrip.golden.json", append(got, '\n'))

	// What the golden file shows, checked independently of it.
	runes := []rune(a.Text)
	for i, c := range snap.Claims[:len(a.Result.Claims)] {
		in := a.Result.Claims[i]
		if c.Text != in.Text || c.Text != string(runes[c.Span[0]:c.Span[1]]) {
			t.Errorf("claim %d text %q, input %q, text at span %q", i, c.Text, in.Text, string(runes[c.Span[0]:c.Span[1]]))
		}
		if want := a.Result.Sentences[in.Sentence].Text; c.Sentence != want {
			t.Errorf("claim %d sentence %q, want %q", i, c.Sentence, want)
		}
		if c.PublishedAt != a.Meta.PublishedAt {
			t.Errorf("claim %d publishedAt %q, want the document's %q", i, c.PublishedAt, a.Meta.PublishedAt)
		}
	}
	if c := snap.Claims[0]; c.Speaker != "-" || c.SpeakerText != "activists" {
		t.Errorf("unnamed source: speaker %q %q", c.Speaker, c.SpeakerText)
	}
	if c := snap.Claims[3]; c.Speaker != "entity ORGANIZATION:examplenews" || c.SpeakerText != "Example News" || len(c.Relations) != 2 {
		t.Errorf("narrative claim: speaker %q %q, %d relations", c.Speaker, c.SpeakerText, len(c.Relations))
	}
	if c := snap.Claims[2]; len(c.About) != 1 {
		t.Errorf("claim about the same entity twice: about %v", c.About)
	}
	doc, err := s.Document(context.Background(), outA.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	if doc.IngestedAt.IsZero() || doc.Length != len(runes) {
		t.Errorf("document: ingested %v, length %d (want %d)", doc.IngestedAt, doc.Length, len(runes))
	}
	c, err := s.Claim(context.Background(), uuid.Must(uuid.Parse(mustClaimID(t, s, outA.DocumentID, 1))))
	if err != nil {
		t.Fatal(err)
	}
	if c.Ordinal != 1 || c.Kind != extract.DirectQuote || c.Text != "We control the whole town," {
		t.Errorf("Claim: %+v", c)
	}
}

func mustClaimID(t *testing.T, s *Store, doc uuid.UUID, ordinal int) string {
	t.Helper()
	page, err := s.Claims(context.Background(), ClaimFilter{Document: doc}, PageArgs{})
	if err != nil {
		t.Fatal(err)
	}
	return page.Items[ordinal].ID.String()
}
