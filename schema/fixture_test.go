package schema

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
)

// article builds one hand-made document and its extract.Result, locating
// every span by the words it covers, so the test data cannot disagree
// with its text.
type article struct {
	t    testing.TB
	meta graph.DocumentMeta
	text string
	res  extract.Result
	ents map[string]int // entity name → index
}

func newArticle(t testing.TB, meta graph.DocumentMeta, text string) *article {
	a := &article{t: t, meta: meta, text: text, ents: map[string]int{}, res: extract.Result{Publisher: extract.NoEntity}}
	// Sentences: split after ". " (good enough for hand-made text).
	start := 0
	runes := []rune(text)
	for i := 0; i < len(runes); i++ {
		if i == len(runes)-1 || (runes[i] == '.' && runes[i+1] == ' ') {
			end := i + 1
			a.res.Sentences = append(a.res.Sentences, extract.Sentence{Span: extract.Span{Start: start, End: end}, Text: string(runes[start:end])})
			start = end + 1
		}
	}
	return a
}

// span locates the nth (from 0) occurrence of sub, in code points.
func (a *article) span(sub string, nth int) extract.Span {
	a.t.Helper()
	from := 0
	for k := 0; ; k++ {
		i := strings.Index(a.text[from:], sub)
		if i < 0 {
			a.t.Fatalf("fixture: %q occurs fewer than %d times in %q", sub, nth+1, a.meta.Title)
		}
		if k == nth {
			start := utf8.RuneCountInString(a.text[:from+i])
			return extract.Span{Start: start, End: start + utf8.RuneCountInString(sub)}
		}
		from += i + len(sub)
	}
}

// entity adds an entity with a mention at each of the given surface
// forms (first occurrence of each).
func (a *article) entity(key, name string, typ extract.EntityType, kind extract.PlaceKind, forms ...string) int {
	e := extract.Entity{Key: key, Name: name, Type: typ, PlaceKind: kind, Rule: "fixture", Confidence: 0.9}
	for _, f := range forms {
		if f != name {
			e.Aliases = append(e.Aliases, f)
		}
		e.Mentions = append(e.Mentions, extract.Mention{Span: a.span(f, 0), Text: f, Rule: "fixture"})
	}
	a.res.Entities = append(a.res.Entities, e)
	a.ents[name] = len(a.res.Entities) - 1
	return len(a.res.Entities) - 1
}

func (a *article) sentenceOf(s extract.Span) int {
	for i, sen := range a.res.Sentences {
		if sen.Start <= s.Start && s.End <= sen.End {
			return i
		}
	}
	a.t.Fatalf("fixture: span %v in no sentence", s)
	return 0
}

// claim adds a claim whose content is the text content; speaker is an
// entity name or "" for an unnamed source.
func (a *article) claim(kind extract.ClaimKind, content, cue, speaker, speakerText string, about ...string) int {
	sp := a.span(content, 0)
	c := extract.Claim{Kind: kind, Span: sp, Text: content, Cue: cue, Speaker: extract.NoEntity,
		SpeakerText: speakerText, Sentence: a.sentenceOf(sp), Rule: "fixture-" + strings.ToLower(string(kind)), Confidence: 0.75}
	if cue != "" {
		c.CueSpan = a.span(cue, 0)
	}
	if speakerText != "" {
		c.SpeakerSpan = a.span(speakerText, 0)
	}
	if speaker != "" {
		c.Speaker = a.index(speaker)
	}
	for _, name := range about {
		c.About = append(c.About, a.index(name))
	}
	a.res.Claims = append(a.res.Claims, c)
	return len(a.res.Claims) - 1
}

func (a *article) relation(subject string, p extract.Predicate, object string, polarity bool, claim int, evidence string) {
	a.res.Relations = append(a.res.Relations, extract.Relation{Subject: a.index(subject), Predicate: p, Object: a.index(object),
		Polarity: polarity, Claim: claim, Span: a.span(evidence, 0), Rule: "fixture-relation", Confidence: 0.6})
}

func (a *article) index(name string) int {
	a.t.Helper()
	i, ok := a.ents[name]
	if !ok {
		a.t.Fatalf("fixture: no entity %q", name)
	}
	return i
}

func (a *article) input() graph.IngestInput {
	return graph.IngestInput{Meta: a.meta, Text: a.text, Result: a.res}
}

// fixture is what the test store holds.
type fixture struct {
	store    *graph.Store
	schema   *Schema
	docs     []uuid.UUID // in ingestion order
	texts    map[uuid.UUID]string
	articles []*article
}

// The fixture articles are invented; the names are real ones so the
// examples of the query page find something.
func fixtureArticles(t testing.TB) []*article {
	var out []*article

	a := newArticle(t, graph.DocumentMeta{
		URL: "https://news.example/idlib-1", Title: "Nusra takes Kafr Nabl", Publisher: "Example News",
		PublishedAt: "2014-06-11", Metadata: map[string]string{"kind": "report", "byline": "Staff"},
	}, "Jabhat al-Nusra fighters seized the town of Kafr Nabl on Monday, local activists said. "+
		"“We will not leave Idlib,” Abu Mohammed al-Golani said. "+
		"The Free Syrian Army fights Jabhat al-Nusra near Idlib, according to the Syrian Observatory. "+
		"The ceasefire collapsed within hours.")
	a.entity("gaz:nusra", "Jabhat al-Nusra", extract.ArmedGroup, "", "Jabhat al-Nusra")
	a.entity("gaz:kafr-nabl", "Kafr Nabl", extract.Place, extract.Town, "Kafr Nabl")
	a.entity("gaz:golani", "Abu Mohammed al-Golani", extract.Person, "", "Abu Mohammed al-Golani")
	a.entity("gaz:idlib", "Idlib", extract.Place, extract.Province, "Idlib")
	a.entity("gaz:fsa", "Free Syrian Army", extract.ArmedGroup, "", "Free Syrian Army")
	a.entity("gaz:sohr", "Syrian Observatory", extract.Organization, "", "Syrian Observatory")
	c0 := a.claim(extract.Indirect, "Jabhat al-Nusra fighters seized the town of Kafr Nabl on Monday", "said", "", "local activists", "Jabhat al-Nusra", "Kafr Nabl")
	a.claim(extract.DirectQuote, "We will not leave Idlib", "said", "Abu Mohammed al-Golani", "Abu Mohammed al-Golani", "Idlib")
	c2 := a.claim(extract.AccordingTo, "The Free Syrian Army fights Jabhat al-Nusra near Idlib", "according to", "Syrian Observatory", "Syrian Observatory", "Free Syrian Army", "Jabhat al-Nusra", "Idlib")
	a.claim(extract.Narrative, "The ceasefire collapsed within hours.", "", "", "")
	a.relation("Jabhat al-Nusra", extract.Controls, "Kafr Nabl", true, c0, "seized")
	a.relation("Free Syrian Army", extract.Fights, "Jabhat al-Nusra", true, c2, "fights")
	out = append(out, a)

	// Non-ASCII text before the claims, including a character outside the
	// Basic Multilingual Plane, so code point and UTF-16 offsets differ.
	b := newArticle(t, graph.DocumentMeta{
		URL: "https://news.example/hama-2", Title: "Ḥamāh 🛰 report", Publisher: "Example News",
		PublishedAt: "2014-06-12T08:30:00Z",
	}, "Ḥamāh — 🛰 Satellite images show damage. "+
		"Jabhat a-Nusra is not allied with the Islamic State, a spokesman told reporters. "+
		"The Islamic State fights Jabhat a-Nusra in Deir ez-Zor, residents said. "+
		"Islamic State controls Raqqa, according to Raqqa Is Being Slaughtered Silently.")
	b.entity("gaz:nusra", "Jabhat al-Nusra", extract.ArmedGroup, "", "Jabhat a-Nusra")
	b.entity("gaz:is", "Islamic State", extract.ArmedGroup, "", "Islamic State")
	b.entity("gaz:deir", "Deir ez-Zor", extract.Place, extract.Province, "Deir ez-Zor")
	b.entity("gaz:raqqa", "Raqqa", extract.Place, extract.City, "Raqqa")
	b.entity("ORGANIZATION:rbss", "Raqqa Is Being Slaughtered Silently", extract.Organization, "", "Raqqa Is Being Slaughtered Silently")
	d0 := b.claim(extract.Indirect, "Jabhat a-Nusra is not allied with the Islamic State", "told", "", "a spokesman", "Jabhat al-Nusra", "Islamic State")
	d1 := b.claim(extract.Indirect, "The Islamic State fights Jabhat a-Nusra in Deir ez-Zor", "said", "", "residents", "Islamic State", "Jabhat al-Nusra", "Deir ez-Zor")
	d2 := b.claim(extract.AccordingTo, "Islamic State controls Raqqa", "according to", "Raqqa Is Being Slaughtered Silently", "Raqqa Is Being Slaughtered Silently", "Islamic State", "Raqqa")
	b.relation("Jabhat al-Nusra", extract.AlliedWith, "Islamic State", false, d0, "allied")
	b.relation("Islamic State", extract.Fights, "Jabhat al-Nusra", true, d1, "fights")
	b.relation("Islamic State", extract.Controls, "Raqqa", true, d2, "controls")
	out = append(out, b)

	// Documents without extraction results, for paging; one without any
	// header.
	for i := range 4 {
		meta := graph.DocumentMeta{URL: fmt.Sprintf("https://news.example/brief-%d", i), Title: fmt.Sprintf("Brief %d", i)}
		if i == 3 {
			meta = graph.DocumentMeta{}
		}
		out = append(out, newArticle(t, meta, fmt.Sprintf("Nothing happened in brief number %d.", i)))
	}
	return out
}

func newFixture(t testing.TB, cfg Config) *fixture {
	t.Helper()
	store, err := graph.Open(t.TempDir(), graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	f := &fixture{store: store, texts: map[uuid.UUID]string{}, articles: fixtureArticles(t)}
	for _, a := range f.articles {
		out, err := store.Ingest(context.Background(), a.input())
		if err != nil {
			t.Fatalf("ingest %q: %v", a.meta.Title, err)
		}
		f.docs = append(f.docs, out.DocumentID)
		f.texts[out.DocumentID] = a.text
	}
	ex, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	if f.schema, err = New(store, ex, cfg); err != nil {
		t.Fatal(err)
	}
	return f
}

// server serves the fixture over HTTP. Every query is answered twice,
// by the handler as it is and by one that leaves all execution to
// graphql-go, and the two answers must be byte for byte the same, both
// in the order of the query (the direct executor's contract; and
// introspection, which graphql-go answers both times, must list
// everything in the same order every time); mutations are answered once.
func (f *fixture) server(t testing.TB, cfg HandlerConfig) *httptest.Server {
	direct, legacy := NewHandler(f.schema, cfg), newHandler(f.schema, cfg, false)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("read request body: %v", err)
		}
		// Mutations and ingests must run once.
		if bytes.Contains(body, []byte("mutation")) || strings.Contains(r.URL.RawQuery, "mutation") || r.URL.Path == "/ingest" {
			r.Body = io.NopCloser(bytes.NewReader(body))
			direct.ServeHTTP(w, r)
			return
		}
		serve := func(h http.Handler) *httptest.ResponseRecorder {
			rec := httptest.NewRecorder()
			r2 := r.Clone(r.Context())
			r2.Body = io.NopCloser(bytes.NewReader(body))
			h.ServeHTTP(rec, r2)
			return rec
		}
		same := func(a, b *httptest.ResponseRecorder) bool {
			return a.Code == b.Code && bytes.Equal(a.Body.Bytes(), b.Body.Bytes()) && maps.EqualFunc(a.Header(), b.Header(), slices.Equal)
		}
		got, want := serve(direct), serve(legacy)
		if !same(got, want) {
			t.Errorf("%s %s %.300s: the direct executor answered\n%d %v %s\ngraphql-go answered\n%d %v %s",
				r.Method, r.URL, body, got.Code, got.Header(), got.Body, want.Code, want.Header(), want.Body)
		}
		for k, v := range got.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(got.Code)
		w.Write(got.Body.Bytes())
	}))
	t.Cleanup(srv.Close)
	return srv
}

// gqlResponse is a decoded GraphQL response.
type gqlResponse struct {
	Status int
	Data   any
	HasKey map[string]bool // which top-level keys the body had
	Errors []struct {
		Message    string         `json:"message"`
		Path       []any          `json:"path"`
		Extensions map[string]any `json:"extensions"`
	}
}

func (r gqlResponse) errorText() string {
	var msgs []string
	for _, e := range r.Errors {
		msgs = append(msgs, e.Message)
	}
	return strings.Join(msgs, "; ")
}

// post sends one GraphQL request as JSON.
func post(t testing.TB, srv *httptest.Server, query string, vars map[string]any) gqlResponse {
	t.Helper()
	body, err := json.Marshal(Request{Query: query, Variables: vars})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(srv.URL+"/graphql", "application/json", strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	return decodeResponse(t, resp)
}

// get sends one GraphQL request as GET.
func get(t testing.TB, srv *httptest.Server, query string, vars string) gqlResponse {
	t.Helper()
	q := url.Values{"query": {query}}
	if vars != "" {
		q.Set("variables", vars)
	}
	resp, err := http.Get(srv.URL + "/graphql?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	return decodeResponse(t, resp)
}

func decodeResponse(t testing.TB, resp *http.Response) gqlResponse {
	t.Helper()
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("Content-Type %q, body %s", ct, raw)
	}
	r := gqlResponse{Status: resp.StatusCode, HasKey: map[string]bool{}}
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("decode %s: %v", raw, err)
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(raw, &keys); err != nil {
		t.Fatal(err)
	}
	for k := range keys {
		r.HasKey[k] = true
	}
	return r
}

// mustData fails the test unless r succeeded.
func mustData(t testing.TB, r gqlResponse) any {
	t.Helper()
	if r.Status != http.StatusOK || len(r.Errors) > 0 {
		t.Fatalf("status %d, errors: %s", r.Status, r.errorText())
	}
	return r.Data
}

// at walks a decoded JSON value: at(v, "entities", "nodes", 0, "name").
func at(t testing.TB, v any, path ...any) any {
	t.Helper()
	for i, p := range path {
		switch key := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("at %v: %v is not an object", path[:i+1], v)
			}
			if v, ok = m[key]; !ok {
				t.Fatalf("at %v: no key %q in %v", path[:i+1], key, m)
			}
		case int:
			l, ok := v.([]any)
			if !ok || key >= len(l) {
				t.Fatalf("at %v: %v is not a list longer than %d", path[:i+1], v, key)
			}
			v = l[key]
		}
	}
	return v
}

func atString(t testing.TB, v any, path ...any) string {
	t.Helper()
	s, ok := at(t, v, path...).(string)
	if !ok {
		t.Fatalf("at %v: %v is not a string", path, at(t, v, path...))
	}
	return s
}

func atInt(t testing.TB, v any, path ...any) int {
	t.Helper()
	n, ok := at(t, v, path...).(float64)
	if !ok {
		t.Fatalf("at %v: %v is not a number", path, at(t, v, path...))
	}
	return int(n)
}

func atList(t testing.TB, v any, path ...any) []any {
	t.Helper()
	l, ok := at(t, v, path...).([]any)
	if !ok {
		t.Fatalf("at %v: %v is not a list", path, at(t, v, path...))
	}
	return l
}

// names collects the field key of every item of a list.
func names(t testing.TB, items []any, key string) []string {
	t.Helper()
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = atString(t, it, key)
	}
	return out
}
