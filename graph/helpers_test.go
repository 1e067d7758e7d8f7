package graph

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dgraph-io/badger/v4"

	"github.com/factgraph/kg/extract"
)

// docBuilder builds an IngestInput whose spans are found by searching the
// text, so the fixtures stay readable.
type docBuilder struct {
	t    testing.TB
	in   IngestInput
	keys map[string]int
}

func newDoc(t testing.TB, url, text string) *docBuilder {
	t.Helper()
	return &docBuilder{
		t:    t,
		in:   IngestInput{Meta: DocumentMeta{URL: url, Title: "T " + url, Publisher: "Example News", PublishedAt: "2014-06-11"}, Text: text, Result: extract.Result{Publisher: extract.NoEntity}},
		keys: make(map[string]int),
	}
}

// span returns the code point span of the nth (from 0) occurrence of sub.
func (b *docBuilder) span(sub string, nth int) extract.Span {
	b.t.Helper()
	from := 0
	for {
		i := strings.Index(b.in.Text[from:], sub)
		if i < 0 {
			b.t.Fatalf("%q: occurrence %d of %q not found", b.in.Meta.URL, nth, sub)
		}
		if nth == 0 {
			start := utf8.RuneCountInString(b.in.Text[:from+i])
			return extract.Span{Start: start, End: start + utf8.RuneCountInString(sub)}
		}
		nth--
		from += i + len(sub)
	}
}

// sentence adds the sentence holding sub and returns its index.
func (b *docBuilder) sentence(sub string) int {
	b.t.Helper()
	b.in.Result.Sentences = append(b.in.Result.Sentences, extract.Sentence{Span: b.span(sub, 0), Text: sub})
	return len(b.in.Result.Sentences) - 1
}

// entity adds an entity with a mention at each (first) occurrence of the
// given mention texts; "text#n" picks occurrence n.
func (b *docBuilder) entity(key, name string, typ extract.EntityType, aliases []string, mentions ...string) int {
	b.t.Helper()
	e := extract.Entity{Key: key, Name: name, Type: typ, Aliases: aliases, Rule: "test", Confidence: 0.9}
	if typ == extract.Place {
		e.PlaceKind = extract.Town
	}
	for _, m := range mentions {
		nth := 0
		if i := strings.LastIndex(m, "#"); i >= 0 {
			nth = int(m[i+1] - '0')
			m = m[:i]
		}
		e.Mentions = append(e.Mentions, extract.Mention{Span: b.span(m, nth), Text: m, Rule: "gazetteer"})
	}
	b.in.Result.Entities = append(b.in.Result.Entities, e)
	b.keys[key] = len(b.in.Result.Entities) - 1
	return b.keys[key]
}

func (b *docBuilder) idx(key string) int {
	b.t.Helper()
	if key == "" {
		return extract.NoEntity
	}
	i, ok := b.keys[key]
	if !ok {
		b.t.Fatalf("no entity %q", key)
	}
	return i
}

// claim adds a claim; speaker "" is an unnamed source.
func (b *docBuilder) claim(kind extract.ClaimKind, content, cue, speaker, speakerText string, sentence int, about ...string) int {
	b.t.Helper()
	c := extract.Claim{Kind: kind, Span: b.span(content, 0), Text: content, Cue: cue, Speaker: b.idx(speaker),
		SpeakerText: speakerText, Sentence: sentence, Rule: "rule-" + string(kind), Confidence: 0.75}
	if cue != "" && strings.Contains(b.in.Text, cue) {
		c.CueSpan = b.span(cue, 0)
	}
	if speakerText != "" && strings.Contains(b.in.Text, speakerText) {
		c.SpeakerSpan = b.span(speakerText, 0)
	}
	for _, a := range about {
		c.About = append(c.About, b.idx(a))
	}
	b.in.Result.Claims = append(b.in.Result.Claims, c)
	return len(b.in.Result.Claims) - 1
}

func (b *docBuilder) relation(subject string, p extract.Predicate, object string, polarity bool, claim int, evidence string) {
	b.t.Helper()
	b.in.Result.Relations = append(b.in.Result.Relations, extract.Relation{
		Subject: b.idx(subject), Predicate: p, Object: b.idx(object), Polarity: polarity,
		Claim: claim, Span: b.span(evidence, 0), Rule: "rel", Confidence: 0.5,
	})
}

// The fixtures: made-up news, not corpus text.
const (
	textA = `Kafr Nabl falls

Rebels of Jabhat a-Nusra seized the town of Kafr Nabl on Monday, activists said. “We control the whole town,” Abu Omar, a Nusra commander, told reporters. The Syrian army shelled the town afterwards, according to the Syrian Observatory. The regime fights Nusra in Idlib province, and Nusra is not allied with the Free Army.`

	textB = `Clashes near Idlib

Fighters of Jabhat al-Nusra and the al-Nusra Front’s allies clashed with the Syrian army near Idlib, said Abu Omar. The Syrian Observatory counted 12 dead in the clashes.`
)

func docA(t testing.TB) IngestInput {
	b := newDoc(t, "https://example.org/a", textA)
	b.in.Meta.Metadata = map[string]string{"kind": "report", "lang": "en"}
	s1 := b.sentence("Rebels of Jabhat a-Nusra seized the town of Kafr Nabl on Monday, activists said.")
	s2 := b.sentence("“We control the whole town,” Abu Omar, a Nusra commander, told reporters.")
	s3 := b.sentence("The Syrian army shelled the town afterwards, according to the Syrian Observatory.")
	s4 := b.sentence("The regime fights Nusra in Idlib province, and Nusra is not allied with the Free Army.")
	b.entity("gaz:nusra", "Jabhat a-Nusra", extract.ArmedGroup, []string{"Nusra Front"}, "Jabhat a-Nusra", "Nusra#1", "Nusra#2", "Nusra#3")
	b.entity("PLACE:kafrnabl", "Kafr Nabl", extract.Place, nil, "Kafr Nabl#0", "Kafr Nabl#1")
	b.entity("PERSON:abuomar", "Abu Omar", extract.Person, nil, "Abu Omar")
	b.entity("gaz:saa", "Syrian army", extract.ArmedGroup, []string{"Syrian Arab Army"}, "Syrian army", "regime")
	b.entity("gaz:sohr", "Syrian Observatory for Human Rights", extract.Organization, nil, "Syrian Observatory")
	b.entity("gaz:idlib", "Idlib", extract.Place, nil, "Idlib province")
	b.entity("gaz:fsa", "Free Army", extract.ArmedGroup, []string{"Free Syrian Army", "FSA"}, "Free Army")
	b.entity("ORGANIZATION:examplenews", "Example News", extract.Organization, nil)
	b.in.Result.Publisher = b.idx("ORGANIZATION:examplenews")
	c0 := b.claim(extract.Indirect, "Rebels of Jabhat a-Nusra seized the town of Kafr Nabl on Monday", "said", "", "activists", s1, "gaz:nusra", "PLACE:kafrnabl")
	c1 := b.claim(extract.DirectQuote, "We control the whole town,", "told", "PERSON:abuomar", "Abu Omar", s2, "PLACE:kafrnabl")
	c2 := b.claim(extract.AccordingTo, "The Syrian army shelled the town afterwards", "according to", "gaz:sohr", "Syrian Observatory", s3, "gaz:saa", "gaz:saa")
	c3 := b.claim(extract.Narrative, "The regime fights Nusra in Idlib province, and Nusra is not allied with the Free Army.", "", "ORGANIZATION:examplenews", "Example News", s4, "gaz:saa", "gaz:nusra", "gaz:idlib", "gaz:fsa")
	b.relation("gaz:nusra", extract.Controls, "PLACE:kafrnabl", true, c0, "seized")
	b.relation("gaz:nusra", extract.Controls, "PLACE:kafrnabl", true, c1, "control")
	b.relation("gaz:saa", extract.Fights, "gaz:nusra", true, c3, "fights")
	b.relation("gaz:nusra", extract.AlliedWith, "gaz:fsa", false, c3, "not allied")
	b.relation("PLACE:kafrnabl", extract.LocatedIn, "gaz:idlib", true, c2, "town")
	return b.in
}

func docB(t testing.TB) IngestInput {
	b := newDoc(t, "https://example.org/b", textB)
	b.in.Meta.PublishedAt = "2014-07-01T10:00:00Z"
	s1 := b.sentence("Fighters of Jabhat al-Nusra and the al-Nusra Front’s allies clashed with the Syrian army near Idlib, said Abu Omar.")
	s2 := b.sentence("The Syrian Observatory counted 12 dead in the clashes.")
	b.entity("gaz:nusra", "Jabhat al-Nusra", extract.ArmedGroup, nil, "Jabhat al-Nusra", "al-Nusra Front")
	b.entity("gaz:saa", "Syrian army", extract.ArmedGroup, nil, "Syrian army")
	b.entity("gaz:idlib", "Idlib", extract.Place, nil, "Idlib#1")
	b.entity("PERSON:abuomar", "Abu Omar", extract.Person, nil, "Abu Omar")
	b.entity("gaz:sohr", "Syrian Observatory for Human Rights", extract.Organization, []string{"SOHR"}, "Syrian Observatory")
	c0 := b.claim(extract.Indirect, "Fighters of Jabhat al-Nusra and the al-Nusra Front’s allies clashed with the Syrian army near Idlib", "said", "PERSON:abuomar", "Abu Omar", s1, "gaz:nusra", "gaz:saa")
	b.claim(extract.Statement, "counted 12 dead in the clashes", "counted", "gaz:sohr", "Syrian Observatory", s2)
	b.relation("gaz:nusra", extract.Fights, "gaz:saa", true, c0, "clashed")
	return b.in
}

func openStore(t testing.TB) (*Store, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dir
}

// reopen closes s and opens its directory dir again with opts.
func reopen(t testing.TB, s *Store, dir string, opts Options) *Store {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustIngest(t testing.TB, s *Store, in IngestInput) IngestOutcome {
	t.Helper()
	out, err := s.Ingest(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// entityByKey finds the stored entity of a Key.
func entityByKey(t testing.TB, s *Store, key string) Entity {
	t.Helper()
	for after := ""; ; {
		page, err := s.Entities(context.Background(), EntityFilter{}, PageArgs{First: MaxPageSize, After: after})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page.Items {
			if e.Key == key {
				return e
			}
		}
		if !page.HasNext {
			t.Fatalf("no entity with key %q", key)
		}
		after = page.Cursors[len(page.Cursors)-1]
	}
}

func claimTexts(cs []Claim) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Text
	}
	return out
}

// countAllKeys counts every key of the database.
func countAllKeys(s *Store) (int, error) {
	n := 0
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			n++
		}
		return nil
	})
	return n, err
}

// countPrefixKeys counts the keys under prefix.
func countPrefixKeys(s *Store, prefix string) (int, error) {
	n := 0
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefix)})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			n++
		}
		return nil
	})
	return n, err
}
