package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
)

// runExport implements "kg export": the graph as JSON lines (the default),
// CSV, GraphML or N-Quads, for pandas, networkx and Gephi, RDF tools and
// Dgraph, and for bulk pulls that GraphQL would serialise slowly.
func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("export", "[--db DIR] [--what documents|entities|claims|relations|all] [--text] [--format jsonl|csv|graphml|nquads] [--out DIR] [--dgraph] [--schema FILE]", `Writes the graph to standard output, in ingest order, so two exports of the
same database are identical. Documents leave out their text unless --text is
given. Progress (records, rate) goes to standard error when it is a terminal.

--format jsonl (the default): one object per line with a "type" field:
"document", "entity", "claim" or "relation". Claims carry their speaker's
name and their document's URL and date beside the IDs; relations carry the
claim and document that assert them, and who asserts them.

--format csv: one CSV file per record type, with a header row. One type
(--what claims) goes to standard output; --what all needs --out DIR and
writes documents.csv, entities.csv, claims.csv and relations.csv there.
Lists (aliases, about, figures) are JSON in their cell.

--format graphml: entities as nodes (id, name, type, placeKind), relations
as directed edges (predicate, polarity, claim, speaker, document URL), one
edge per asserting claim, so parallel edges are kept; networkx and Gephi
read it. Needs --what all.

--format nquads: RDF N-Quads for Dgraph's live and bulk loaders and RDF
tools: blank nodes _:UUID, typed literals, and each document's node as the
graph label of the quads its claims and relations come from. A node's type
is <kg:type> "Claim"; with --dgraph it is <dgraph.type> "Claim", as Dgraph's
types need (not an absolute IRI, so strict RDF parsers refuse it). --schema
FILE also writes the Dgraph schema of these predicates (as in
examples/dgraph/schema.dgraph).`, stderr)
	db := dbFlag(fs)
	what := fs.String("what", "all", "what to write: documents, entities, claims, relations or all")
	withText := fs.Bool("text", false, "include each document's text")
	format := fs.String("format", "jsonl", "jsonl, csv, graphml or nquads")
	out := fs.String("out", "", "with --format csv: a directory to write one CSV per record type into")
	schemaFile := fs.String("schema", "", "with --format nquads: also write the Dgraph schema to FILE")
	forDgraph := fs.Bool("dgraph", false, "with --format nquads: type nodes with <dgraph.type>, for Dgraph's loaders")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("unexpected arguments %q", rest)
	}
	switch *what {
	case "documents", "entities", "claims", "relations", "all":
	default:
		return usagef("--what must be documents, entities, claims, relations or all, not %q", *what)
	}
	switch *format {
	case "jsonl", "nquads":
	case "csv":
		if *what == "all" && *out == "" {
			return usagef("--format csv writes one file per record type: give --out DIR with --what all, or one --what (documents, entities, claims or relations) for standard output")
		}
	case "graphml":
		if *what != "all" {
			return usagef("--format graphml writes entities as nodes and relations as edges: --what must be all, not %q", *what)
		}
	default:
		return usagef("--format must be jsonl, csv, graphml or nquads, not %q", *format)
	}
	if *out != "" && *format != "csv" {
		return usagef("--out is for --format csv (the other formats go to standard output)")
	}
	if (*schemaFile != "" || *forDgraph) && *format != "nquads" {
		return usagef("--schema and --dgraph are for --format nquads")
	}
	store, _, err := openExistingDB(*db, false, false)
	if err != nil {
		return err
	}
	defer store.Close()
	if *schemaFile != "" {
		if err := os.WriteFile(*schemaFile, []byte(dgraphSchema), 0o644); err != nil {
			return err
		}
	}
	w := bufio.NewWriterSize(stdout, 1<<16)
	var sink exportSink
	switch *format {
	case "jsonl":
		sink = &jsonlSink{enc: json.NewEncoder(w)}
	case "csv":
		cs, err := newCSVSink(w, *out, *what, *withText)
		if err != nil {
			return err
		}
		sink = cs
	case "graphml":
		sink = newGraphMLSink(w)
	case "nquads":
		sink = &nquadsSink{w: w, typePredicate: "<kg:type>"}
		if *forDgraph {
			sink = &nquadsSink{w: w, typePredicate: "<dgraph.type>"}
		}
	}
	prog := newExportProgress(stderr)
	err = exportGraph(ctx, store, countingSink{sink, prog}, *what, *withText)
	prog.stop()
	if err == nil {
		err = sink.close()
	}
	if err != nil {
		return err
	}
	return w.Flush()
}

// Export records: flat, with the names a notebook wants beside the IDs.
type (
	exportDocument struct {
		Type        string            `json:"type"`
		ID          string            `json:"id"`
		URL         string            `json:"url,omitempty"`
		Title       string            `json:"title,omitempty"`
		Publisher   string            `json:"publisher,omitempty"`
		PublishedAt string            `json:"publishedAt,omitempty"`
		IngestedAt  string            `json:"ingestedAt"`
		ContentHash string            `json:"contentHash"`
		Metadata    map[string]string `json:"metadata,omitempty"`
		Text        string            `json:"text,omitempty"`
	}
	exportEntity struct {
		Type       string   `json:"type"`
		ID         string   `json:"id"`
		Key        string   `json:"key"`
		Name       string   `json:"name"`
		EntityType string   `json:"entityType"`
		PlaceKind  string   `json:"placeKind,omitempty"`
		Aliases    []string `json:"aliases"`
	}
	exportClaim struct {
		Type        string   `json:"type"`
		ID          string   `json:"id"`
		Kind        string   `json:"kind"`
		Text        string   `json:"text"`
		Cue         string   `json:"cue,omitempty"`
		SpeakerID   string   `json:"speakerId,omitempty"`
		Speaker     string   `json:"speaker,omitempty"`
		SpeakerText string   `json:"speakerText,omitempty"`
		About       []string `json:"about"`
		DocumentID  string   `json:"documentId"`
		DocumentURL string   `json:"documentUrl,omitempty"`
		PublishedAt string   `json:"publishedAt,omitempty"`
		Start       int      `json:"start"`
		End         int      `json:"end"`
		Sentence    string   `json:"sentence"`
		Rule        string   `json:"rule"`
		Confidence  float64  `json:"confidence"`
		// Figures are the counts of people the claim gives, with offsets
		// in the document's text.
		Figures []extract.Figure `json:"figures,omitempty"`
	}
	exportRelation struct {
		Type       string  `json:"type"`
		SubjectID  string  `json:"subjectId"`
		Subject    string  `json:"subject"`
		Predicate  string  `json:"predicate"`
		ObjectID   string  `json:"objectId"`
		Object     string  `json:"object"`
		Polarity   bool    `json:"polarity"`
		AssertedBy string  `json:"assertedBy,omitempty"`
		ClaimID    string  `json:"claimId"`
		DocumentID string  `json:"documentId"`
		Start      int     `json:"start"`
		End        int     `json:"end"`
		Rule       string  `json:"rule"`
		Confidence float64 `json:"confidence"`
		// index is the relation's place among its claim's relations and
		// documentURL its document's URL, for the formats that need them.
		index       int
		documentURL string
	}
)

// exportGraph walks the chosen records in ingest order and gives each to
// sink. It streams: only small caches of entity names and document URLs are
// kept, never the graph.
func exportGraph(ctx context.Context, store *graph.Store, sink exportSink, what string, withText bool) error {
	names := newBoundedCache[string](exportCacheSize)
	name := func(id uuid.UUID) (string, error) {
		if id == uuid.Nil {
			return "", nil
		}
		if n, ok := names.get(id); ok {
			return n, nil
		}
		e, err := store.Entity(ctx, id)
		if err != nil {
			return "", fmt.Errorf("entity %s: %w", id, err)
		}
		names.put(id, e.Name)
		return e.Name, nil
	}
	urls := newBoundedCache[string](exportCacheSize)
	docURL := func(id uuid.UUID) (string, error) {
		if u, ok := urls.get(id); ok {
			return u, nil
		}
		d, err := store.Document(ctx, id)
		if err != nil {
			return "", err
		}
		urls.put(id, d.URL)
		return d.URL, nil
	}
	all := what == "all"
	if all || what == "documents" {
		err := eachPage(func(after string) ([]graph.Document, []string, bool, error) {
			p, err := store.Documents(ctx, graph.PageArgs{First: graph.MaxPageSize, After: after})
			return p.Items, p.Cursors, p.HasNext, err
		}, func(d graph.Document) error {
			rec := exportDocument{Type: "document", ID: d.ID.String(), URL: d.URL, Title: d.Title, Publisher: d.Publisher,
				PublishedAt: d.PublishedAt, IngestedAt: d.IngestedAt.UTC().Format("2006-01-02T15:04:05Z"), ContentHash: d.ContentHash, Metadata: d.Metadata}
			if withText {
				text, err := store.DocumentText(ctx, d.ID)
				if err != nil {
					return err
				}
				rec.Text = text
			}
			urls.put(d.ID, d.URL)
			return sink.document(rec)
		})
		if err != nil {
			return fmt.Errorf("export documents: %w", err)
		}
	}
	if all || what == "entities" {
		err := eachPage(func(after string) ([]graph.Entity, []string, bool, error) {
			p, err := store.Entities(ctx, graph.EntityFilter{}, graph.PageArgs{First: graph.MaxPageSize, After: after})
			return p.Items, p.Cursors, p.HasNext, err
		}, func(e graph.Entity) error {
			names.put(e.ID, e.Name)
			return sink.entity(exportEntity{Type: "entity", ID: e.ID.String(), Key: e.Key, Name: e.Name, EntityType: string(e.Type), PlaceKind: string(e.PlaceKind), Aliases: append([]string{}, e.Aliases...)})
		})
		if err != nil {
			return fmt.Errorf("export entities: %w", err)
		}
	}
	if !(all || what == "claims" || what == "relations") {
		return nil
	}
	err := eachPage(func(after string) ([]graph.Claim, []string, bool, error) {
		p, err := store.Claims(ctx, graph.ClaimFilter{}, graph.PageArgs{First: graph.MaxPageSize, After: after})
		return p.Items, p.Cursors, p.HasNext, err
	}, func(c graph.Claim) error {
		speaker, err := name(c.SpeakerID)
		if err != nil {
			return err
		}
		url, err := docURL(c.DocumentID)
		if err != nil {
			return err
		}
		if all || what == "claims" {
			rec := exportClaim{Type: "claim", ID: c.ID.String(), Kind: string(c.Kind), Text: c.Text, Cue: c.Cue, Speaker: speaker,
				SpeakerText: c.SpeakerText, About: []string{}, DocumentID: c.DocumentID.String(), DocumentURL: url,
				PublishedAt: c.PublishedAt, Start: c.Start, End: c.End, Sentence: c.Sentence, Rule: c.Rule, Confidence: c.Confidence}
			if c.SpeakerID != uuid.Nil {
				rec.SpeakerID = c.SpeakerID.String()
			}
			for _, a := range c.About {
				rec.About = append(rec.About, a.String())
			}
			for _, f := range extract.Figures(c.Text) {
				f.Start += c.Start
				f.End += c.Start
				rec.Figures = append(rec.Figures, f)
			}
			if err := sink.claim(rec); err != nil {
				return err
			}
		}
		if !(all || what == "relations") {
			return nil
		}
		for i, r := range c.Relations {
			subj, err := name(r.SubjectID)
			if err != nil {
				return err
			}
			obj, err := name(r.ObjectID)
			if err != nil {
				return err
			}
			rec := exportRelation{Type: "relation", SubjectID: r.SubjectID.String(), Subject: subj, Predicate: string(r.Predicate),
				ObjectID: r.ObjectID.String(), Object: obj, Polarity: r.Polarity, AssertedBy: speaker, ClaimID: c.ID.String(),
				DocumentID: c.DocumentID.String(), Start: r.Start, End: r.End, Rule: r.Rule, Confidence: r.Confidence,
				index: i, documentURL: url}
			if err := sink.relation(rec); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("export claims: %w", err)
	}
	return nil
}

// eachPage walks every page that next gives, calling fn on each item.
func eachPage[T any](next func(after string) (items []T, cursors []string, more bool, err error), fn func(T) error) error {
	after := ""
	for {
		items, cursors, more, err := next(after)
		if err != nil {
			return err
		}
		for _, it := range items {
			if err := fn(it); err != nil {
				return err
			}
		}
		if !more || len(cursors) == 0 {
			return nil
		}
		after = cursors[len(cursors)-1]
	}
}
