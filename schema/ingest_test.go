package schema

import (
	"reflect"
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
  ingest(input: $in) {
    created
    document {
    id url title publisher publishedAt text length
    claims(first: 1000) { totalCount nodes { text start end sentence kind } }
    entities { name mentions(first: 1000) { nodes { text start end document { id } } } }
    }
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
	if created, _ := at(t, d, "ingest", "created").(bool); !created {
		t.Error("created is false for a new document")
	}
	doc := at(t, d, "ingest", "document")
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

	// The same document again is not stored twice; ingestDocument, which
	// answers the document alone, says so by its ID.
	old := mustData(t, post(t, srv, `mutation($in: DocumentInput!) { ingestDocument(input: $in) { id } }`, map[string]any{"in": input}))
	if atString(t, old, "ingestDocument", "id") != id {
		t.Errorf("ingestDocument of the stored document gave %v, want %s", atString(t, old, "ingestDocument", "id"), id)
	}
	again := mustData(t, post(t, srv, `mutation($in: DocumentInput!) { ingest(input: $in) { created document { id } } }`, map[string]any{"in": input}))
	if atString(t, again, "ingest", "document", "id") != id {
		t.Errorf("re-ingesting gave %v, want the stored %s", atString(t, again, "ingest", "document", "id"), id)
	}
	if created, _ := at(t, again, "ingest", "created").(bool); created {
		t.Error("created is true for a document already stored")
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

// An interview: the kind makes the interviewee's answers claims.
const interviewRaw = "url: https://news.example/interview\ntitle: \"We will hold the line\"\npublisher: Example News\ndate: June 11, 2014\nkind: interview\nsource-id: EX-1\n---\n" +
	"Example News spoke to Abu Omar, a commander of the Free Syrian Army in Aleppo.\n\n" +
	"Q: Is the Islamic State attacking Tal Rifaat?\n\n" +
	"A: Yes. They shelled the village for three days and killed 12 civilians.\n\n" +
	"Q: Will you withdraw?\n\n" +
	"A: No, never. We will hold Tal Rifaat.\n"

const ingestKindQuery = `mutation($in: DocumentInput, $raw: String) {
  ingest(input: $in, raw: $raw) {
    created
    document { url title publishedAt metadata { key value } claims(first: 100) { nodes { kind text speaker { name } } } }
  }
}`

// TestIngestDocumentKindAndRaw: the fields of a .txt header (kind,
// metadata) given one by one, and the same article given raw, are stored
// and extracted alike; the second is the first again (created false).
func TestIngestDocumentKindAndRaw(t *testing.T) {
	f := newFixture(t, Config{})
	srv := f.server(t, HandlerConfig{})
	_, text, _ := strings.Cut(interviewRaw, "---\n")
	fields := map[string]any{
		"text": text, "url": "https://news.example/interview", "title": `"We will hold the line"`, "publisher": "Example News",
		"publishedAt": "June 11, 2014", "kind": "interview",
		"metadata": []any{map[string]any{"key": "source-id", "value": "EX-1"}},
	}
	first, _ := at(t, mustData(t, post(t, srv, ingestKindQuery, map[string]any{"in": fields})), "ingest").(map[string]any)
	var answers int
	for _, c := range atList(t, first, "document", "claims", "nodes") {
		if atString(t, c, "kind") == "INTERVIEW_ANSWER" {
			answers++
		}
	}
	if answers == 0 {
		t.Errorf("no interview answers among the claims: %v", atList(t, first, "document", "claims", "nodes"))
	}
	raw, _ := at(t, mustData(t, post(t, srv, ingestKindQuery, map[string]any{"raw": interviewRaw})), "ingest").(map[string]any)
	if created, _ := raw["created"].(bool); created {
		t.Error("the same article given raw was stored again")
	}
	if !reflect.DeepEqual(first["document"], raw["document"]) {
		t.Errorf("fields gave\n%v\nraw gave\n%v", first["document"], raw["document"])
	}
	wantMeta := []any{
		map[string]any{"key": "date", "value": "June 11, 2014"},
		map[string]any{"key": "kind", "value": "interview"},
		map[string]any{"key": "source-id", "value": "EX-1"},
	}
	if got := at(t, first, "document", "metadata"); !reflect.DeepEqual(got, wantMeta) {
		t.Errorf("metadata %v, want %v", got, wantMeta)
	}
}

// TestIngestDocumentInputErrors: raw with fields, metadata naming a field,
// a repeated key, a malformed header.
func TestIngestDocumentInputErrors(t *testing.T) {
	f := newFixture(t, Config{})
	for _, tc := range []struct {
		name string
		vars map[string]any
		arg  string
		msg  string
	}{
		{"raw and input", map[string]any{"raw": "Some text.", "in": map[string]any{"text": "Other text."}}, "raw", "cannot be given with input"},
		{"neither", map[string]any{}, "input", "missing"},
		{"raw header", map[string]any{"raw": "url: x\nno colon\n---\nBody."}, "raw", "line 2: header line without ':'"},
		{"raw without text", map[string]any{"raw": "title: T\n---\n"}, "raw", "no text"},
		{"metadata field", map[string]any{"in": map[string]any{"text": "Some text.", "metadata": []any{map[string]any{"key": "URL", "value": "u"}}}}, "input.metadata[0]", "is a field of DocumentInput"},
		{"metadata repeated", map[string]any{"in": map[string]any{"text": "Some text.", "metadata": []any{map[string]any{"key": "a", "value": "1"}, map[string]any{"key": "a", "value": "2"}}}}, "input.metadata[1]", "repeated"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := f.schema.Execute(t.Context(), Request{Query: `mutation($in: DocumentInput, $raw: String) { ingest(input: $in, raw: $raw) { created } }`, Variables: tc.vars})
			if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, tc.arg) || !strings.Contains(res.Errors[0].Message, tc.msg) {
				t.Errorf("errors %v; want one about %s: %s", res.Errors, tc.arg, tc.msg)
			}
		})
	}
}
