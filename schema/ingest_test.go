package schema

import (
	"strings"
	"testing"

	"github.com/factgraph/kg/graph"
)

// An invented article.
const ingestText = "The Free Syrian Army said on Tuesday that it had retaken the village of Tal Rifaat from the Islamic State.\n\n" +
	"“We will hold Tal Rifaat,” commander Abu Omar told Example News. " +
	"Jabhat al-Nusra fighters are fighting the Islamic State near Aleppo, according to the Syrian Observatory for Human Rights. " +
	"Ḥalab 🛰 residents said the clashes had stopped."

const ingestMutation = `mutation($in: DocumentInput!) {
  ingestDocument(input: $in) {
    id url title publisher publishedAt text length
    claims(first: 1000) { totalCount nodes { text start end sentence kind } }
    entities { name mentions(first: 1000) { nodes { text start end document { id } } } }
  }
}`

// TestIngestDocument runs the mutation end to end with the real
// extractor. What extraction finds is not this package's concern; every
// span it stored must give back its text.
func TestIngestDocument(t *testing.T) {
	f := newFixture(t, Config{})
	srv := f.server(t, HandlerConfig{})
	input := map[string]any{
		"text": ingestText, "url": "https://news.example/tal-rifaat", "title": "FSA retakes Tal Rifaat",
		"publisher": "Example News", "publishedAt": "June 11, 2014",
	}
	d := mustData(t, post(t, srv, ingestMutation, map[string]any{"in": input}))
	doc := at(t, d, "ingestDocument")
	id := atString(t, doc, "id")
	for field, want := range map[string]string{
		"url": "https://news.example/tal-rifaat", "title": "FSA retakes Tal Rifaat", "publisher": "Example News",
		"publishedAt": "2014-06-11", "text": ingestText,
	} {
		if got := atString(t, doc, field); got != want {
			t.Errorf("%s = %q, want %q", field, got, want)
		}
	}
	text := []rune(ingestText)
	if atInt(t, doc, "length") != len(text) {
		t.Errorf("length %d, want %d", atInt(t, doc, "length"), len(text))
	}
	claims := atList(t, doc, "claims", "nodes")
	if atInt(t, doc, "claims", "totalCount") != len(claims) {
		t.Errorf("claims.totalCount %d, %d nodes", atInt(t, doc, "claims", "totalCount"), len(claims))
	}
	for _, c := range claims {
		start, end := atInt(t, c, "start"), atInt(t, c, "end")
		if start < 0 || end > len(text) || start > end {
			t.Errorf("claim span [%d,%d) outside the text", start, end)
			continue
		}
		if got := string(text[start:end]); got != atString(t, c, "text") {
			t.Errorf("claim %q, but the text has %q at [%d,%d)", atString(t, c, "text"), got, start, end)
		}
		if !strings.Contains(atString(t, c, "sentence"), atString(t, c, "text")) {
			t.Errorf("claim %q not in its sentence %q", atString(t, c, "text"), atString(t, c, "sentence"))
		}
	}
	mentions := 0
	for _, e := range atList(t, doc, "entities") {
		for _, m := range atList(t, e, "mentions", "nodes") {
			if atString(t, m, "document", "id") != id {
				continue
			}
			mentions++
			start, end := atInt(t, m, "start"), atInt(t, m, "end")
			if start < 0 || end > len(text) || start > end || string(text[start:end]) != atString(t, m, "text") {
				t.Errorf("mention %q at [%d,%d) does not match the text", atString(t, m, "text"), start, end)
			}
		}
	}
	t.Logf("extraction found %d claims, %d entities, %d mentions", len(claims), len(atList(t, doc, "entities")), mentions)

	// The same document again is not stored twice.
	again := mustData(t, post(t, srv, `mutation($in: DocumentInput!) { ingestDocument(input: $in) { id } }`, map[string]any{"in": input}))
	if atString(t, again, "ingestDocument", "id") != id {
		t.Errorf("re-ingesting gave %v, want the stored %s", atString(t, again, "ingestDocument", "id"), id)
	}
	n := mustData(t, post(t, srv, `{ documents { totalCount } }`, nil))
	if atInt(t, n, "documents", "totalCount") != len(f.docs)+1 {
		t.Errorf("%d documents, want %d", atInt(t, n, "documents", "totalCount"), len(f.docs)+1)
	}
}

// TestIngestDisabled: without an extractor, or on a read-only store, the
// mutation is an error and nothing is stored.
func TestIngestDisabled(t *testing.T) {
	f := newFixture(t, Config{})
	noExtractor, err := New(f.store, nil, Config{})
	if err != nil {
		t.Fatal(err)
	}
	res := noExtractor.Execute(t.Context(), Request{Query: `mutation { ingestDocument(input: {text: "Some text."}) { id } }`})
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "no extractor") {
		t.Errorf("without an extractor: %v", res.Errors)
	}

	dir := t.TempDir()
	rw, err := graph.Open(dir, graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rw.Close()
	ro, err := graph.Open(dir, graph.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	s, err := New(ro, f.schema.extractor, Config{})
	if err != nil {
		t.Fatal(err)
	}
	res = s.Execute(t.Context(), Request{Query: `mutation { ingestDocument(input: {text: "Some text."}) { id } }`})
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "read-only") {
		t.Errorf("read-only store: %v", res.Errors)
	}
}
