package schema

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/graphql-go/graphql"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
	"github.com/factgraph/kg/graph/ingest"
)

// ingestPayload is what Mutation.ingestDocument answers.
type ingestPayload struct {
	created  bool
	document any // *graph.Document
}

// headerFields are the DocumentInput fields a header line of a .txt
// article also fills; metadata may not use their names.
var headerFields = []string{"url", "title", "publisher", "date", "kind"}

// ingestResolver is the resolver of Mutation.ingest and, with
// documentOnly, of Mutation.ingestDocument: the input becomes an
// ingest.Document as kg ingest would read it (raw: parsed as a .txt
// article; input: the fields as a JSONL line gives them), and goes through
// the same extraction and store (ingest.One).
func (s *Schema) ingestResolver(p graphql.ResolveParams, documentOnly bool) (any, error) {
	in, hasInput := p.Args["input"].(map[string]any)
	raw, hasRaw := p.Args["raw"].(string)
	var doc ingest.Document
	var err error
	switch {
	case hasInput && hasRaw:
		return nil, &argError{"raw", "cannot be given with input: give one"}
	case hasRaw:
		doc, err = s.rawInput(raw)
	case hasInput:
		doc, err = s.documentInput(in)
	default:
		return nil, &argError{"input", "missing: give input (the text and its fields) or raw (a whole article)"}
	}
	if err != nil {
		return nil, err
	}
	if s.extractor == nil {
		return nil, errors.New("ingestion is disabled: this server has no extractor")
	}
	res, err := ingest.One(p.Context, s.store, s.extractor, doc)
	if err != nil {
		return nil, ingestError(err)
	}
	d, err := s.documentByID(p.Context, res.Outcome.DocumentID)
	if err != nil || documentOnly {
		return d, err
	}
	return &ingestPayload{created: res.Created(), document: d}, nil
}

// ingestError says why the store refused a document, in the words of the
// API (the pipeline's errors name their input, here "input").
func ingestError(err error) error {
	switch {
	case errors.Is(err, graph.ErrReadOnly):
		return errors.New("ingestion is disabled: the store is read-only")
	case errors.Is(err, graph.ErrDocumentTooLarge):
		return fmt.Errorf("the document is too large to store in one transaction; split it into smaller documents (%v)", errors.Unwrap(err))
	}
	return fmt.Errorf("ingest document: %w", err)
}

// rawInput reads a whole .txt article, as kg ingest reads a file.
func (s *Schema) rawInput(raw string) (ingest.Document, error) {
	if limit := s.cfg.MaxTextBytes + ingest.MaxArticleBytes - ingest.MaxDocumentBytes; len(raw) > limit {
		return ingest.Document{}, &argError{"raw", fmt.Sprintf("is %d bytes long, more than the limit of %d for the text and its header", len(raw), limit)}
	}
	doc, err := ingest.ParseArticle("raw", raw)
	if err != nil {
		return doc, &argError{"raw", err.Error()}
	}
	if len(doc.Text) > s.cfg.MaxTextBytes {
		return doc, &argError{"raw", fmt.Sprintf("has a text of %d bytes, more than the limit of %d", len(doc.Text), s.cfg.MaxTextBytes)}
	}
	return doc, nil
}

// documentInput reads a DocumentInput: the text with the header fields
// and metadata.
func (s *Schema) documentInput(in map[string]any) (ingest.Document, error) {
	str := func(name string) (string, bool) { v, ok := in[name].(string); return v, ok }
	text, _ := str("text")
	switch {
	case strings.TrimSpace(text) == "":
		return ingest.Document{}, &argError{"input.text", "must not be empty (give text, or raw: a whole article with its header)"}
	case len(text) > s.cfg.MaxTextBytes:
		return ingest.Document{}, &argError{"input.text", fmt.Sprintf("is %d bytes long, more than the limit of %d", len(text), s.cfg.MaxTextBytes)}
	case !utf8.ValidString(text):
		return ingest.Document{}, &argError{"input.text", "is not valid UTF-8"}
	}
	// NUL is refused and other control characters become spaces, as
	// for a file (extract.CleanText).
	var cleanErr error
	clean := func(name, v string) string {
		c, err := extract.CleanText(v)
		if err != nil && cleanErr == nil {
			var perr *extract.ParseError
			errors.As(err, &perr)
			cleanErr = &argError{name, "holds a " + perr.Msg}
		}
		return c
	}
	text = clean("input.text", text)
	field := func(name string) string { v, _ := str(name); return strings.TrimSpace(clean("input."+name, v)) }
	h := extract.Header{URL: field("url"), Title: field("title"), Publisher: field("publisher"), Date: field("publishedAt"), Kind: field("kind")}
	if cleanErr != nil {
		return ingest.Document{}, cleanErr
	}
	published, ok := extract.ParseDate(h.Date)
	if !ok {
		return ingest.Document{}, &argError{"input.publishedAt", fmt.Sprintf("cannot read %q as a date (want e.g. 2014-06-11, June 11, 2014 or RFC 3339)", h.Date)}
	}
	h.PublishedAt = published
	entries, _ := in["metadata"].([]any)
	for i, e := range entries {
		m, _ := e.(map[string]any)
		name := fmt.Sprintf("input.metadata[%d]", i)
		key, _ := m["key"].(string)
		value, _ := m["value"].(string)
		key, value = clean(name+".key", key), clean(name+".value", value)
		switch {
		case cleanErr != nil:
			return ingest.Document{}, cleanErr
		case strings.TrimSpace(key) == "":
			return ingest.Document{}, &argError{name, "key must not be empty"}
		case strings.EqualFold(key, "text") || slicesContainsFold(headerFields, key):
			return ingest.Document{}, &argError{name, fmt.Sprintf("key %q is a field of DocumentInput: give it there", key)}
		}
		if _, dup := h.Metadata[key]; dup {
			return ingest.Document{}, &argError{name, fmt.Sprintf("key %q repeated", key)}
		}
		if h.Metadata == nil {
			h.Metadata = make(map[string]string, len(entries))
		}
		h.Metadata[key] = value
	}
	return ingest.Document{Origin: "input", Header: h, Text: text}, nil
}

func slicesContainsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}
