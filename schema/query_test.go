package schema

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
)

func TestDocumentQuery(t *testing.T) {
	f := newFixture(t, Config{})
	srv := f.server(t, HandlerConfig{})
	id := f.docs[0]
	data := mustData(t, post(t, srv, `query($id: ID!) {
	  document(id: $id) {
	    id url title publisher publishedAt ingestedAt contentHash length text
	    metadata { key value }
	    entities { name type placeKind }
	    claims(first: 10) { totalCount nodes { kind text } }
	  }
	}`, map[string]any{"id": id.String()}))
	doc := at(t, data, "document")
	text := f.texts[id]
	sum := sha256.Sum256([]byte(text))
	for _, c := range []struct{ field, want string }{
		{"id", id.String()},
		{"url", "https://news.example/idlib-1"},
		{"title", "Nusra takes Kafr Nabl"},
		{"publisher", "Example News"},
		{"publishedAt", "2014-06-11"},
		{"contentHash", hex.EncodeToString(sum[:])},
		{"text", text},
	} {
		if got := atString(t, doc, c.field); got != c.want {
			t.Errorf("document.%s = %q, want %q", c.field, got, c.want)
		}
	}
	if _, err := time.Parse(time.RFC3339, atString(t, doc, "ingestedAt")); err != nil {
		t.Errorf("ingestedAt: %v", err)
	}
	if got, want := atInt(t, doc, "length"), len([]rune(text)); got != want {
		t.Errorf("length = %d, want %d", got, want)
	}
	meta := atList(t, doc, "metadata")
	if got := names(t, meta, "key"); !slices.Equal(got, []string{"byline", "kind"}) {
		t.Errorf("metadata keys = %v, want [byline kind] (sorted)", got)
	}
	ents := names(t, atList(t, doc, "entities"), "name")
	slices.Sort(ents)
	wantEnts := []string{"Abu Mohammed al-Golani", "Free Syrian Army", "Idlib", "Jabhat al-Nusra", "Kafr Nabl", "Syrian Observatory"}
	if !slices.Equal(ents, wantEnts) {
		t.Errorf("entities = %v, want %v", ents, wantEnts)
	}
	if got := atInt(t, doc, "claims", "totalCount"); got != 4 {
		t.Errorf("claims.totalCount = %d, want 4", got)
	}
	kinds := names(t, atList(t, doc, "claims", "nodes"), "kind")
	if want := []string{"INDIRECT", "DIRECT_QUOTE", "ACCORDING_TO", "NARRATIVE"}; !slices.Equal(kinds, want) {
		t.Errorf("claim kinds = %v, want %v (text order)", kinds, want)
	}

	// A document without header fields serves them as null.
	bare := at(t, mustData(t, post(t, srv, `query($id: ID!) { document(id: $id) { url title publisher publishedAt metadata { key } entities { name } } }`,
		map[string]any{"id": f.docs[len(f.docs)-1].String()})), "document")
	for _, field := range []string{"url", "title", "publisher", "publishedAt"} {
		if v := at(t, bare, field); v != nil {
			t.Errorf("bare document.%s = %v, want null", field, v)
		}
	}
	if n := len(atList(t, bare, "metadata")) + len(atList(t, bare, "entities")); n != 0 {
		t.Errorf("bare document has %d metadata entries and entities, want none", n)
	}
}

func TestDocumentsPagination(t *testing.T) {
	f := newFixture(t, Config{})
	srv := f.server(t, HandlerConfig{})
	var got []string
	after := any(nil)
	pages := 0
	for {
		data := mustData(t, post(t, srv, `query($after: String) {
		  documents(first: 4, after: $after) {
		    totalCount
		    nodes { id }
		    edges { cursor node { id } }
		    pageInfo { hasNextPage endCursor }
		  }
		}`, map[string]any{"after": after}))
		conn := at(t, data, "documents")
		pages++
		if n := atInt(t, conn, "totalCount"); n != len(f.docs) {
			t.Errorf("totalCount = %d, want %d", n, len(f.docs))
		}
		nodes := names(t, atList(t, conn, "nodes"), "id")
		edges := atList(t, conn, "edges")
		if len(edges) != len(nodes) {
			t.Fatalf("%d edges for %d nodes", len(edges), len(nodes))
		}
		for i, e := range edges {
			if atString(t, e, "node", "id") != nodes[i] {
				t.Errorf("edge %d node %v, want %s", i, at(t, e, "node", "id"), nodes[i])
			}
		}
		got = append(got, nodes...)
		if !at(t, conn, "pageInfo", "hasNextPage").(bool) {
			break
		}
		end := atString(t, conn, "pageInfo", "endCursor")
		if last := atString(t, edges[len(edges)-1], "cursor"); end != last {
			t.Errorf("endCursor %q, want the last edge's cursor %q", end, last)
		}
		after = end
		if pages > len(f.docs) {
			t.Fatal("pagination does not end")
		}
	}
	if pages != 2 {
		t.Errorf("%d pages of 4 for %d documents, want 2", pages, len(f.docs))
	}
	var want []string
	for _, id := range f.docs {
		want = append(want, id.String())
	}
	if !slices.Equal(got, want) {
		t.Errorf("documents across pages = %v, want ingestion order %v", got, want)
	}
}

func TestEntityQueries(t *testing.T) {
	f := newFixture(t, Config{})
	srv := f.server(t, HandlerConfig{})

	// Folded names find entities whatever the spelling.
	for _, name := range []string{"Jabhat al-Nusra", "JABHAT AL NUSRA", "Jabhat a-Nusra"} {
		data := mustData(t, post(t, srv, `query($name: String) { entities(name: $name) { totalCount nodes { name } } }`, map[string]any{"name": name}))
		if got := names(t, atList(t, data, "entities", "nodes"), "name"); !slices.Equal(got, []string{"Jabhat al-Nusra"}) {
			t.Errorf("entities(name: %q) = %v, want [Jabhat al-Nusra]", name, got)
		}
	}
	data := mustData(t, post(t, srv, `{ places: entities(type: PLACE, first: 100) { totalCount nodes { name type placeKind } } }`, nil))
	places := atList(t, data, "places", "nodes")
	if n := atInt(t, data, "places", "totalCount"); n != 4 || len(places) != 4 {
		t.Errorf("PLACE entities: totalCount %d, %d nodes, want 4", n, len(places))
	}
	for _, p := range places {
		if atString(t, p, "type") != "PLACE" || at(t, p, "placeKind") == nil {
			t.Errorf("place %v: want type PLACE with a placeKind", p)
		}
	}

	data = mustData(t, post(t, srv, `{ entities(name: "Jabhat al-Nusra") { nodes { id } } }`, nil))
	nusra := atString(t, data, "entities", "nodes", 0, "id")
	data = mustData(t, post(t, srv, `query($id: ID!) {
	  entity(id: $id) {
	    id key name type placeKind aliases
	    mentions(first: 10) { totalCount nodes { text start end rule entity { name } document { id } } }
	    claimsBy { totalCount }
	    claimsAbout(first: 10) { totalCount nodes { text } }
	    relations { subject { name } predicate object { name } polarity }
	    fights: relations(predicate: FIGHTS) { subject { name } }
	    allied: relations(predicate: ALLIED_WITH) { polarity claim { speakerText } }
	  }
	}`, map[string]any{"id": nusra}))
	e := at(t, data, "entity")
	if atString(t, e, "key") != "gaz:nusra" || atString(t, e, "type") != "ARMED_GROUP" || at(t, e, "placeKind") != nil {
		t.Errorf("entity = %v", e)
	}
	if aliases := atList(t, e, "aliases"); !slices.Contains(aliases, any("Jabhat a-Nusra")) {
		t.Errorf("aliases = %v, want Jabhat a-Nusra among them", aliases)
	}
	mentions := atList(t, e, "mentions", "nodes")
	if n := atInt(t, e, "mentions", "totalCount"); n != 2 || len(mentions) != 2 {
		t.Fatalf("mentions: totalCount %d, %d nodes, want 2", n, len(mentions))
	}
	for _, m := range mentions {
		doc, err := uuid.Parse(atString(t, m, "document", "id"))
		if err != nil {
			t.Fatal(err)
		}
		text := []rune(f.texts[doc])
		if got := string(text[atInt(t, m, "start"):atInt(t, m, "end")]); got != atString(t, m, "text") {
			t.Errorf("mention text %q, but the document has %q there", atString(t, m, "text"), got)
		}
		if atString(t, m, "entity", "name") != "Jabhat al-Nusra" || atString(t, m, "rule") != "fixture" {
			t.Errorf("mention %v", m)
		}
	}
	if n := atInt(t, e, "claimsBy", "totalCount"); n != 0 {
		t.Errorf("claimsBy.totalCount = %d, want 0", n)
	}
	if n := atInt(t, e, "claimsAbout", "totalCount"); n != 4 {
		t.Errorf("claimsAbout.totalCount = %d, want 4", n)
	}
	if n := len(atList(t, e, "relations")); n != 4 {
		t.Errorf("%d relations, want 4", n)
	}
	fighters := []string{}
	for _, r := range atList(t, e, "fights") {
		fighters = append(fighters, atString(t, r, "subject", "name"))
	}
	slices.Sort(fighters)
	if !slices.Equal(fighters, []string{"Free Syrian Army", "Islamic State"}) {
		t.Errorf("FIGHTS subjects = %v", fighters)
	}
	allied := atList(t, e, "allied")
	if len(allied) != 1 || at(t, allied[0], "polarity") != false || atString(t, allied[0], "claim", "speakerText") != "a spokesman" {
		t.Errorf("ALLIED_WITH = %v, want one denied relation said by a spokesman", allied)
	}

	// The speaker side.
	data = mustData(t, post(t, srv, `{ entities(name: "Syrian Observatory") { nodes { claimsBy { totalCount nodes { text speaker { name } } } } } }`, nil))
	by := atList(t, data, "entities", "nodes", 0, "claimsBy", "nodes")
	if len(by) != 1 || atString(t, by[0], "speaker", "name") != "Syrian Observatory" {
		t.Errorf("claimsBy = %v", by)
	}
}

func TestClaimQueries(t *testing.T) {
	f := newFixture(t, Config{})
	srv := f.server(t, HandlerConfig{})
	data := mustData(t, post(t, srv, `{ claims(first: 100) {
	  totalCount
	  nodes {
	    id kind text cue speaker { name } speakerText about { name }
	    relations { subject { name } predicate object { name } polarity start end rule confidence
	                claim { id } document { id } }
	    document { id text publishedAt } sentence start end publishedAt rule confidence ordinal
	  }
	} }`, nil))
	nodes := atList(t, data, "claims", "nodes")
	if n := atInt(t, data, "claims", "totalCount"); n != 7 || len(nodes) != 7 {
		t.Fatalf("claims: totalCount %d, %d nodes, want 7", n, len(nodes))
	}
	for _, c := range nodes {
		text := []rune(atString(t, c, "document", "text"))
		start, end := atInt(t, c, "start"), atInt(t, c, "end")
		if got := string(text[start:end]); got != atString(t, c, "text") {
			t.Errorf("claim text %q, but its document has %q at [%d,%d)", atString(t, c, "text"), got, start, end)
		}
		if sentence := atString(t, c, "sentence"); !strings.Contains(sentence, atString(t, c, "text")) {
			t.Errorf("sentence %q does not hold claim %q", sentence, atString(t, c, "text"))
		}
		if at(t, c, "publishedAt") != at(t, c, "document", "publishedAt") {
			t.Errorf("claim publishedAt %v, document's %v", at(t, c, "publishedAt"), at(t, c, "document", "publishedAt"))
		}
		for _, r := range atList(t, c, "relations") {
			if atString(t, r, "claim", "id") != atString(t, c, "id") || atString(t, r, "document", "id") != atString(t, c, "document", "id") {
				t.Errorf("relation %v does not point back to claim %v", r, atString(t, c, "id"))
			}
			rs, re := atInt(t, r, "start"), atInt(t, r, "end")
			if rs < 0 || re > len(text) || rs >= re {
				t.Errorf("relation span [%d,%d) outside the text", rs, re)
			}
		}
	}
	// The claim with the non-BMP character before it, in the second document.
	c := nodes[4]
	if atString(t, c, "text") != "Jabhat a-Nusra is not allied with the Islamic State" || at(t, c, "speaker") != nil ||
		atString(t, c, "speakerText") != "a spokesman" || atString(t, c, "cue") != "told" || atString(t, c, "publishedAt") != "2014-06-12T08:30:00Z" ||
		atInt(t, c, "ordinal") != 0 || atString(t, c, "rule") != "fixture-indirect" || at(t, c, "confidence") != 0.75 {
		t.Errorf("claim 4 = %v", c)
	}
	narrative := nodes[3]
	if at(t, narrative, "cue") != nil || at(t, narrative, "speakerText") != nil || len(atList(t, narrative, "about")) != 0 {
		t.Errorf("narrative claim = %v, want null cue and speakerText, no about", narrative)
	}

	// claim(id) gives the same claim.
	id := atString(t, c, "id")
	one := mustData(t, post(t, srv, `query($id: ID!) { claim(id: $id) { id text } }`, map[string]any{"id": id}))
	if atString(t, one, "claim", "text") != atString(t, c, "text") {
		t.Errorf("claim(id) = %v", one)
	}

	// Filters.
	ids := map[string]string{}
	for _, name := range []string{"Islamic State", "Syrian Observatory"} {
		d := mustData(t, post(t, srv, `query($n: String) { entities(name: $n) { nodes { id } } }`, map[string]any{"n": name}))
		ids[name] = atString(t, d, "entities", "nodes", 0, "id")
	}
	for _, tc := range []struct {
		name string
		args map[string]any
		want []string
	}{
		{"speaker", map[string]any{"speaker": ids["Syrian Observatory"]}, []string{"The Free Syrian Army fights Jabhat al-Nusra near Idlib"}},
		{"about", map[string]any{"about": ids["Islamic State"]}, []string{
			"Jabhat a-Nusra is not allied with the Islamic State", "The Islamic State fights Jabhat a-Nusra in Deir ez-Zor", "Islamic State controls Raqqa"}},
		{"document", map[string]any{"document": f.docs[0].String()}, []string{
			"Jabhat al-Nusra fighters seized the town of Kafr Nabl on Monday", "We will not leave Idlib",
			"The Free Syrian Army fights Jabhat al-Nusra near Idlib", "The ceasefire collapsed within hours."}},
		{"text", map[string]any{"text": "FIGHTS"}, []string{
			"The Free Syrian Army fights Jabhat al-Nusra near Idlib", "The Islamic State fights Jabhat a-Nusra in Deir ez-Zor"}},
		{"text and about", map[string]any{"text": "fights", "about": ids["Islamic State"]}, []string{
			"The Islamic State fights Jabhat a-Nusra in Deir ez-Zor"}},
		{"unknown speaker", map[string]any{"speaker": uuid.NewString()}, nil},
		{"nil speaker", map[string]any{"speaker": uuid.Nil.String()}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := mustData(t, post(t, srv, `query($speaker: ID, $about: ID, $document: ID, $text: String) {
			  claims(speaker: $speaker, about: $about, document: $document, text: $text) { totalCount nodes { text } }
			}`, tc.args))
			got := names(t, atList(t, d, "claims", "nodes"), "text")
			if !slices.Equal(got, tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
				t.Errorf("claims = %q, want %q", got, tc.want)
			}
			if n := atInt(t, d, "claims", "totalCount"); n != len(tc.want) {
				t.Errorf("totalCount = %d, want %d", n, len(tc.want))
			}
		})
	}
}

func TestClaimsPagination(t *testing.T) {
	f := newFixture(t, Config{})
	srv := f.server(t, HandlerConfig{})
	var got []string
	var after any
	for page := 0; ; page++ {
		d := mustData(t, post(t, srv, `query($doc: ID, $after: String) {
		  claims(document: $doc, first: 3, after: $after) { nodes { text } pageInfo { hasNextPage endCursor } }
		}`, map[string]any{"doc": f.docs[0].String(), "after": after}))
		got = append(got, names(t, atList(t, d, "claims", "nodes"), "text")...)
		if !at(t, d, "claims", "pageInfo", "hasNextPage").(bool) {
			if page != 1 {
				t.Errorf("%d pages of 3 for 4 claims, want 2", page+1)
			}
			break
		}
		after = atString(t, d, "claims", "pageInfo", "endCursor")
		if page > 4 {
			t.Fatal("pagination does not end")
		}
	}
	if len(got) != 4 || got[0] != "Jabhat al-Nusra fighters seized the town of Kafr Nabl on Monday" || got[3] != "The ceasefire collapsed within hours." {
		t.Errorf("claims across pages = %q", got)
	}
	// An empty page has no end cursor.
	d := mustData(t, post(t, srv, `{ claims(text: "nothingsuchword") { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`, nil))
	if at(t, d, "claims", "pageInfo", "endCursor") != nil || at(t, d, "claims", "pageInfo", "hasNextPage") != false {
		t.Errorf("empty page = %v", d)
	}
}

func TestStatsAndUnknownIDs(t *testing.T) {
	f := newFixture(t, Config{})
	srv := f.server(t, HandlerConfig{})
	r := post(t, srv, `query($id: ID!) {
	  stats { documents entities claims relations mentions }
	  document(id: $id) { id }
	  entity(id: $id) { id }
	  claim(id: $id) { id }
	}`, map[string]any{"id": uuid.NewString()})
	d := mustData(t, r)
	for _, field := range []string{"document", "entity", "claim"} {
		if v := at(t, d, field); v != nil {
			t.Errorf("%s(unknown id) = %v, want null", field, v)
		}
	}
	want := map[string]int{"documents": 6, "entities": 10, "claims": 7, "relations": 5, "mentions": 11}
	for k, n := range want {
		if got := atInt(t, d, "stats", k); got != n {
			t.Errorf("stats.%s = %d, want %d", k, got, n)
		}
	}
}

// TestCachedDocuments: a query run again (from the cache of validated
// documents) gives the same answer, concurrently too, and a query that
// fails validation fails every time.
func TestCachedDocuments(t *testing.T) {
	s := newFixture(t, Config{}).schema
	const q = `{ entities(first: 3) { totalCount nodes { name type } } }`
	first := s.Execute(context.Background(), Request{Query: q})
	if len(first.Errors) > 0 {
		t.Fatalf("errors: %v", first.Errors)
	}
	want, _ := json.Marshal(first.Data)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := s.Execute(context.Background(), Request{Query: q})
			got, _ := json.Marshal(r.Data)
			if len(r.Errors) > 0 || string(got) != string(want) {
				t.Errorf("cached run: %s, errors %v; want %s", got, r.Errors, want)
			}
		}()
	}
	wg.Wait()
	bad := `{ entities { nodes { noSuchField } } }`
	for i := 0; i < 2; i++ {
		if r := s.Execute(context.Background(), Request{Query: bad}); len(r.Errors) == 0 {
			t.Fatalf("run %d of an invalid query gave no error", i+1)
		}
	}
}

// TestRelationGroups: an entity's relations grouped across sources, with
// how the sources agree.
func TestRelationGroups(t *testing.T) {
	f := newFixture(t, Config{})
	srv := f.server(t, HandlerConfig{})
	data := mustData(t, post(t, srv, `{ entities(name: "Jabhat al-Nusra") { nodes {
	  relationGroups { subject { name } predicate object { name } status supporting denying sources relations { polarity } }
	} } }`, nil))
	var got struct {
		Entities struct {
			Nodes []struct {
				RelationGroups []struct {
					Subject, Object     struct{ Name string }
					Predicate, Status   string
					Supporting, Denying int
					Sources             int
					Relations           []struct{ Polarity bool }
				}
			}
		}
	}
	raw, _ := json.Marshal(data)
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Entities.Nodes) != 1 {
		t.Fatalf("entities: %+v", got)
	}
	status := map[string]string{}
	for _, g := range got.Entities.Nodes[0].RelationGroups {
		status[g.Subject.Name+" "+g.Predicate+" "+g.Object.Name] = g.Status
		if g.Supporting+g.Denying != len(g.Relations) || g.Sources < 1 {
			t.Errorf("group %+v: counts do not add up", g)
		}
	}
	for triple, want := range map[string]string{
		"Jabhat al-Nusra CONTROLS Kafr Nabl":        "SINGLE_SOURCE",
		"Jabhat al-Nusra ALLIED_WITH Islamic State": "DENIED",
	} {
		if status[triple] != want {
			t.Errorf("%s: status %q, want %q (groups %v)", triple, status[triple], want, status)
		}
	}
}

// TestContested: a relation the fixture denies becomes contested when
// another article asserts it; contested lists it with its claims from
// both, pages, and names a bad argument. relationGroups pages by cursor.
func TestContested(t *testing.T) {
	f := newFixture(t, Config{})
	a := newArticle(t, graph.DocumentMeta{URL: "https://news.example/alliance", Title: "An alliance", PublishedAt: "2014-07-02"},
		"Jabhat al-Nusra is allied with the Islamic State, Abu Mohammed al-Golani said.")
	a.entity("gaz:nusra", "Jabhat al-Nusra", extract.ArmedGroup, "", "Jabhat al-Nusra")
	a.entity("gaz:is", "Islamic State", extract.ArmedGroup, "", "Islamic State")
	a.entity("gaz:golani", "Abu Mohammed al-Golani", extract.Person, "", "Abu Mohammed al-Golani")
	c := a.claim(extract.Indirect, "Jabhat al-Nusra is allied with the Islamic State", "said", "Abu Mohammed al-Golani", "Abu Mohammed al-Golani", "Jabhat al-Nusra", "Islamic State")
	a.relation("Jabhat al-Nusra", extract.AlliedWith, "Islamic State", true, c, "allied")
	if _, err := f.store.Ingest(context.Background(), a.input()); err != nil {
		t.Fatal(err)
	}
	srv := f.server(t, HandlerConfig{})
	data := mustData(t, post(t, srv, `{ contested(first: 5) { totalCount pageInfo { hasNextPage }
	  nodes { subject { name } predicate object { name } status supporting denying sources firstSeen lastSeen relations { polarity document { url } } } } }`, nil))
	nodes := atList(t, data, "contested", "nodes")
	if len(nodes) != 1 || atInt(t, data, "contested", "totalCount") != 1 {
		t.Fatalf("contested: %v", data)
	}
	g := nodes[0]
	if atString(t, g, "predicate") != "ALLIED_WITH" || atString(t, g, "status") != "CONTESTED" || atInt(t, g, "sources") != 2 ||
		atInt(t, g, "supporting") != 1 || atInt(t, g, "denying") != 1 ||
		atString(t, g, "firstSeen") != "2014-06-12" || atString(t, g, "lastSeen") != "2014-07-02" {
		t.Errorf("the contested group: %v", g)
	}
	urls := map[string]bool{}
	for _, r := range atList(t, g, "relations") {
		urls[atString(t, r, "document", "url")] = true
	}
	if !urls["https://news.example/hama-2"] || !urls["https://news.example/alliance"] {
		t.Errorf("the group's claims come from %v", urls)
	}
	for q, want := range map[string]int{
		`{ contested(predicate: FIGHTS) { totalCount } }`:      0,
		`{ contested(since: "2014-07-03") { totalCount } }`:    0,
		`{ contested(until: "2014-06-12") { totalCount } }`:    1,
		`{ contested(since: "June 1, 2014") { totalCount } }`:  1,
		`{ contested(predicate: ALLIED_WITH) { totalCount } }`: 1,
	} {
		if got := atInt(t, mustData(t, post(t, srv, q, nil)), "contested", "totalCount"); got != want {
			t.Errorf("%s: %d, want %d", q, got, want)
		}
	}
	r := post(t, srv, `{ contested(since: "soon") { totalCount } }`, nil)
	if !strings.Contains(r.errorText(), `argument "since"`) {
		t.Errorf("a bad since: %s", r.errorText())
	}
	// relationGroups, one page at a time, give what one page gives.
	q := `query($after: String) { entities(name: "Jabhat al-Nusra") { nodes { relationGroups(first: 1, after: $after) { predicate object { name } subject { name } cursor } } } }`
	all := atList(t, mustData(t, post(t, srv, `{ entities(name: "Jabhat al-Nusra") { nodes { relationGroups { predicate object { name } subject { name } cursor } } } }`, nil)), "entities", "nodes", 0, "relationGroups")
	var paged []any
	var after any
	for range 10 {
		page := atList(t, mustData(t, post(t, srv, q, map[string]any{"after": after})), "entities", "nodes", 0, "relationGroups")
		if len(page) == 0 {
			break
		}
		paged = append(paged, page...)
		after = atString(t, page[0], "cursor")
	}
	if len(all) < 3 || fmt.Sprint(paged) != fmt.Sprint(all) {
		t.Errorf("paged %v\nall %v", paged, all)
	}
}
