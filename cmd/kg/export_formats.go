package main

import (
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
)

// exportSink receives the records of an export in order and writes them in
// one format; close ends the output (GraphML's closing tags, CSV flushes).
type exportSink interface {
	document(exportDocument) error
	entity(exportEntity) error
	claim(exportClaim) error
	relation(exportRelation) error
	close() error
}

// exportCacheSize bounds the caches of entity names and document URLs an
// export keeps, so that its memory does not grow with the graph.
const exportCacheSize = 1 << 17

// boundedCache is a map that is emptied when it reaches its size: the
// claims of one document come together, so recent entries are the ones
// asked for again.
type boundedCache[V any] struct {
	m   map[uuid.UUID]V
	max int
}

func newBoundedCache[V any](max int) *boundedCache[V] {
	return &boundedCache[V]{m: map[uuid.UUID]V{}, max: max}
}

func (c *boundedCache[V]) get(id uuid.UUID) (V, bool) {
	v, ok := c.m[id]
	return v, ok
}

func (c *boundedCache[V]) put(id uuid.UUID, v V) {
	if len(c.m) >= c.max {
		clear(c.m)
	}
	c.m[id] = v
}

// jsonlSink writes one JSON object per line.
type jsonlSink struct{ enc *json.Encoder }

func (s *jsonlSink) document(r exportDocument) error { return s.enc.Encode(r) }
func (s *jsonlSink) entity(r exportEntity) error     { return s.enc.Encode(r) }
func (s *jsonlSink) claim(r exportClaim) error       { return s.enc.Encode(r) }
func (s *jsonlSink) relation(r exportRelation) error { return s.enc.Encode(r) }
func (s *jsonlSink) close() error                    { return nil }

// countingSink counts the records for the progress line.
type countingSink struct {
	exportSink
	p *exportProgress
}

func (s countingSink) document(r exportDocument) error {
	s.p.n.Add(1)
	return s.exportSink.document(r)
}
func (s countingSink) entity(r exportEntity) error { s.p.n.Add(1); return s.exportSink.entity(r) }
func (s countingSink) claim(r exportClaim) error   { s.p.n.Add(1); return s.exportSink.claim(r) }
func (s countingSink) relation(r exportRelation) error {
	s.p.n.Add(1)
	return s.exportSink.relation(r)
}

// exportProgress shows "kg: 12,345 records, 3,210/s" on stderr once a
// second when it is a terminal, and nothing otherwise.
type exportProgress struct {
	n        atomic.Int64
	done     chan struct{}
	finished chan struct{}
}

func newExportProgress(stderr io.Writer) *exportProgress {
	p := &exportProgress{done: make(chan struct{}), finished: make(chan struct{})}
	if !isTerminal(stderr) {
		close(p.finished)
		return p
	}
	start := time.Now()
	go func() {
		defer close(p.finished)
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		width := 0
		for {
			select {
			case <-p.done:
				if width > 0 {
					fmt.Fprintf(stderr, "\r%*s\r", width, "")
				}
				return
			case <-tick.C:
				line := exportProgressLine(p.n.Load(), time.Since(start))
				fmt.Fprintf(stderr, "\r%-*s", width, line)
				width = len(line)
			}
		}
	}()
	return p
}

func exportProgressLine(n int64, elapsed time.Duration) string {
	line := fmt.Sprintf("kg: exported %s records", thousands(n))
	if s := elapsed.Seconds(); s > 0 {
		line += fmt.Sprintf(", %s/s", thousands(int64(float64(n)/s)))
	}
	return line
}

func (p *exportProgress) stop() {
	close(p.done)
	<-p.finished
}

// CSV: one file per record type.
var csvHeaders = map[string][]string{
	"document": {"id", "url", "title", "publisher", "publishedAt", "ingestedAt", "contentHash", "metadata", "text"},
	"entity":   {"id", "key", "name", "entityType", "placeKind", "aliases"},
	"claim": {"id", "kind", "text", "cue", "speakerId", "speaker", "speakerText", "about", "documentId", "documentUrl",
		"publishedAt", "start", "end", "sentence", "rule", "confidence", "figures"},
	"relation": {"subjectId", "subject", "predicate", "objectId", "object", "polarity", "assertedBy", "claimId",
		"documentId", "start", "end", "rule", "confidence"},
}

// csvFiles names the file of each record type under --out.
var csvFiles = map[string]string{"document": "documents.csv", "entity": "entities.csv", "claim": "claims.csv", "relation": "relations.csv"}

type csvSink struct {
	writers  map[string]*csv.Writer
	files    []*os.File
	withText bool
}

// newCSVSink writes the one type chosen by what to w, or, with dir, one
// file per chosen type into dir.
func newCSVSink(w io.Writer, dir, what string, withText bool) (*csvSink, error) {
	s := &csvSink{writers: map[string]*csv.Writer{}, withText: withText}
	types := []string{"document", "entity", "claim", "relation"}
	if what != "all" {
		types = []string{map[string]string{"documents": "document", "entities": "entity", "claims": "claim", "relations": "relation"}[what]}
	}
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	}
	for _, typ := range types {
		out := w
		if dir != "" {
			f, err := os.Create(filepath.Join(dir, csvFiles[typ]))
			if err != nil {
				s.close()
				return nil, err
			}
			s.files = append(s.files, f)
			out = f
		}
		cw := csv.NewWriter(out)
		header := csvHeaders[typ]
		if typ == "document" && !withText {
			header = header[:len(header)-1]
		}
		if err := cw.Write(header); err != nil {
			return nil, err
		}
		s.writers[typ] = cw
	}
	return s, nil
}

func jsonCell(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func (s *csvSink) write(typ string, row []string) error {
	if w := s.writers[typ]; w != nil {
		return w.Write(row)
	}
	return nil
}

func (s *csvSink) document(r exportDocument) error {
	meta := ""
	if len(r.Metadata) > 0 {
		meta = jsonCell(r.Metadata)
	}
	row := []string{r.ID, r.URL, r.Title, r.Publisher, r.PublishedAt, r.IngestedAt, r.ContentHash, meta}
	if s.withText {
		row = append(row, r.Text)
	}
	return s.write("document", row)
}

func (s *csvSink) entity(r exportEntity) error {
	return s.write("entity", []string{r.ID, r.Key, r.Name, r.EntityType, r.PlaceKind, jsonCell(r.Aliases)})
}

func (s *csvSink) claim(r exportClaim) error {
	figures := "[]"
	if len(r.Figures) > 0 {
		figures = jsonCell(r.Figures)
	}
	return s.write("claim", []string{r.ID, r.Kind, r.Text, r.Cue, r.SpeakerID, r.Speaker, r.SpeakerText, jsonCell(r.About),
		r.DocumentID, r.DocumentURL, r.PublishedAt, strconv.Itoa(r.Start), strconv.Itoa(r.End), r.Sentence, r.Rule,
		strconv.FormatFloat(r.Confidence, 'g', -1, 64), figures})
}

func (s *csvSink) relation(r exportRelation) error {
	return s.write("relation", []string{r.SubjectID, r.Subject, r.Predicate, r.ObjectID, r.Object, strconv.FormatBool(r.Polarity),
		r.AssertedBy, r.ClaimID, r.DocumentID, strconv.Itoa(r.Start), strconv.Itoa(r.End), r.Rule,
		strconv.FormatFloat(r.Confidence, 'g', -1, 64)})
}

func (s *csvSink) close() error {
	var first error
	for _, typ := range []string{"document", "entity", "claim", "relation"} {
		if w := s.writers[typ]; w != nil {
			w.Flush()
			if err := w.Error(); err != nil && first == nil {
				first = err
			}
		}
	}
	for _, f := range s.files {
		if err := f.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// GraphML: entities as nodes, relations as edges. The keys are declared
// first; nodes and edges then stream. Edge ids (claim id and the
// relation's place in it) keep parallel edges apart.
type graphMLSink struct {
	w       io.Writer
	started bool
}

const graphMLHeader = `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="name" for="node" attr.name="name" attr.type="string"/>
  <key id="type" for="node" attr.name="type" attr.type="string"/>
  <key id="placeKind" for="node" attr.name="placeKind" attr.type="string"/>
  <key id="label" for="node" attr.name="label" attr.type="string"/>
  <key id="predicate" for="edge" attr.name="predicate" attr.type="string"/>
  <key id="polarity" for="edge" attr.name="polarity" attr.type="boolean"/>
  <key id="claim" for="edge" attr.name="claim" attr.type="string"/>
  <key id="speaker" for="edge" attr.name="speaker" attr.type="string"/>
  <key id="document" for="edge" attr.name="document" attr.type="string"/>
  <key id="documentUrl" for="edge" attr.name="documentUrl" attr.type="string"/>
  <key id="confidence" for="edge" attr.name="confidence" attr.type="double"/>
  <graph id="kg" edgedefault="directed">
`

func newGraphMLSink(w io.Writer) *graphMLSink { return &graphMLSink{w: w} }

func (s *graphMLSink) start() error {
	if s.started {
		return nil
	}
	s.started = true
	_, err := io.WriteString(s.w, graphMLHeader)
	return err
}

func xmlText(v string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(v))
	return b.String()
}

func graphMLData(b *strings.Builder, key, value string) {
	if value == "" {
		return
	}
	fmt.Fprintf(b, `      <data key="%s">%s</data>`+"\n", key, xmlText(value))
}

func (s *graphMLSink) document(exportDocument) error { return s.start() }
func (s *graphMLSink) claim(exportClaim) error       { return s.start() }

func (s *graphMLSink) entity(r exportEntity) error {
	if err := s.start(); err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "    <node id=\"%s\">\n", xmlText(r.ID))
	graphMLData(&b, "name", r.Name)
	graphMLData(&b, "label", r.Name)
	graphMLData(&b, "type", r.EntityType)
	graphMLData(&b, "placeKind", r.PlaceKind)
	b.WriteString("    </node>\n")
	_, err := io.WriteString(s.w, b.String())
	return err
}

func (s *graphMLSink) relation(r exportRelation) error {
	if err := s.start(); err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "    <edge id=\"%s-%d\" source=\"%s\" target=\"%s\">\n", r.ClaimID, r.index, r.SubjectID, r.ObjectID)
	graphMLData(&b, "predicate", r.Predicate)
	graphMLData(&b, "polarity", strconv.FormatBool(r.Polarity))
	graphMLData(&b, "claim", r.ClaimID)
	graphMLData(&b, "speaker", r.AssertedBy)
	graphMLData(&b, "document", r.DocumentID)
	graphMLData(&b, "documentUrl", r.documentURL)
	graphMLData(&b, "confidence", strconv.FormatFloat(r.Confidence, 'g', -1, 64))
	b.WriteString("    </edge>\n")
	_, err := io.WriteString(s.w, b.String())
	return err
}

func (s *graphMLSink) close() error {
	if err := s.start(); err != nil {
		return err
	}
	_, err := io.WriteString(s.w, "  </graph>\n</graphml>\n")
	return err
}
