package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
)

// runExport implements "kg export": the graph as JSON lines, for pandas
// (pd.read_json(path, lines=True)) and for bulk pulls that GraphQL would
// serialise slowly.
func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("export", "[--db DIR] [--what documents|entities|claims|relations|all] [--text]", `Writes the graph as JSON lines to standard output, one object per line with a
"type" field: "document", "entity", "claim" or "relation". Claims carry
their speaker's name and their document's URL and date beside the IDs;
relations carry the claim and document that assert them, and who asserts
them. Documents leave out their text unless --text is given. The order is
ingest order, so two exports of the same database are identical.`, stderr)
	db := dbFlag(fs)
	what := fs.String("what", "all", "what to write: documents, entities, claims, relations or all")
	withText := fs.Bool("text", false, "include each document's text")
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
	store, _, err := openExistingDB(*db, false)
	if err != nil {
		return err
	}
	defer store.Close()
	w := bufio.NewWriterSize(stdout, 1<<16)
	if err := exportGraph(ctx, store, w, *what, *withText); err != nil {
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
	}
)

// exportGraph writes the chosen records as JSON lines.
func exportGraph(ctx context.Context, store *graph.Store, w io.Writer, what string, withText bool) error {
	enc := json.NewEncoder(w)
	names := map[uuid.UUID]string{}
	name := func(id uuid.UUID) (string, error) {
		if id == uuid.Nil {
			return "", nil
		}
		if n, ok := names[id]; ok {
			return n, nil
		}
		e, err := store.Entity(ctx, id)
		if err != nil {
			return "", fmt.Errorf("entity %s: %w", id, err)
		}
		names[id] = e.Name
		return e.Name, nil
	}
	all := what == "all"
	docs := map[uuid.UUID]graph.Document{}
	if all || what == "documents" || what == "claims" {
		err := eachPage(func(after string) ([]graph.Document, []string, bool, error) {
			p, err := store.Documents(ctx, graph.PageArgs{First: graph.MaxPageSize, After: after})
			return p.Items, p.Cursors, p.HasNext, err
		}, func(d graph.Document) error {
			if what == "claims" {
				docs[d.ID] = d
				return nil
			}
			rec := exportDocument{Type: "document", ID: d.ID.String(), URL: d.URL, Title: d.Title, Publisher: d.Publisher,
				PublishedAt: d.PublishedAt, IngestedAt: d.IngestedAt.UTC().Format("2006-01-02T15:04:05Z"), ContentHash: d.ContentHash, Metadata: d.Metadata}
			if withText {
				text, err := store.DocumentText(ctx, d.ID)
				if err != nil {
					return err
				}
				rec.Text = text
			}
			docs[d.ID] = d
			return enc.Encode(rec)
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
			names[e.ID] = e.Name
			return enc.Encode(exportEntity{Type: "entity", ID: e.ID.String(), Key: e.Key, Name: e.Name, EntityType: string(e.Type), PlaceKind: string(e.PlaceKind), Aliases: append([]string{}, e.Aliases...)})
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
		if all || what == "claims" {
			rec := exportClaim{Type: "claim", ID: c.ID.String(), Kind: string(c.Kind), Text: c.Text, Cue: c.Cue, Speaker: speaker,
				SpeakerText: c.SpeakerText, About: []string{}, DocumentID: c.DocumentID.String(), DocumentURL: docs[c.DocumentID].URL,
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
			if err := enc.Encode(rec); err != nil {
				return err
			}
		}
		if !(all || what == "relations") {
			return nil
		}
		for _, r := range c.Relations {
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
				DocumentID: c.DocumentID.String(), Start: r.Start, End: r.End, Rule: r.Rule, Confidence: r.Confidence}
			if err := enc.Encode(rec); err != nil {
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
