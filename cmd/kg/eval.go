package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/extract/gold"
	"github.com/factgraph/kg/graph"
	"github.com/factgraph/kg/graph/ingest"
	"github.com/google/uuid"
)

// runEval implements "kg eval": the whole pipeline on gold-annotated
// articles, scored.
func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval", "--gold DIR [--details] [--reliability] [--calibrate FILE] [--min-entities F] [--max-claim-ece F] [--max-relation-ece F] [--min-claims F] [--min-relations F] [--max-wrong-speaker F]\n       kg eval --brat DIR [--details]", `Measures extraction against gold annotations. Every NAME.txt in DIR that has a
NAME.gold.json beside it is ingested into a throw-away database by the same
pipeline as "kg ingest", read back from the graph, and scored as
ANNOTATION.md describes: entities by folded name and type; claims by
speaker and content-word overlap (found: 60% of the gold content; right:
50% of the system's content lies in gold claims of that speaker);
relations by subject, predicate, object, polarity and speaker (FIGHTS and
ALLIED_WITH in either direction). It prints precision/recall/F1 per
article and in total (counts added up), and quote-attribution measures.
With --min-* it exits 1 when a total F1 falls below the floor.

With --reliability it also prints how well the confidences are
calibrated: claims and relations binned by confidence, with the share of
each bin the gold judges right, and the expected calibration error.
With --calibrate FILE it writes each rule's measured precision as the
calibration table extract reads (extract/data/calibration.tsv).

With --brat, DIR holds BRAT attribution annotations instead (PolNeAR's
shape): every NAME.txt with its NAME.ann, or, when there is none, the
first in name order of NAME_X.ann (one file per annotator). The whole
text is the article (no header) and offsets count its code points. The
articles go through the same pipeline and are scored span-style: content
recall (a claim holds 60% of a gold content's words), source accuracy,
attribution precision/recall/F1 and the recall of "said" attributions,
in total, and per article with --details (see go doc ./extract/gold
AttributionScore).`, stderr)
	goldDir := fs.String("gold", "", "directory of NAME.txt articles with NAME.gold.json annotations")
	bratDir := fs.String("brat", "", "directory of NAME.txt articles with BRAT attribution annotations NAME.ann")
	details := fs.Bool("details", false, "list what each article missed and got wrong")
	reliability := fs.Bool("reliability", false, "print the reliability table of the confidences")
	calibrateOut := fs.String("calibrate", "", "write the rules' measured precision to this calibration table")
	minEntities := fs.Float64("min-entities", 0, "fail when entity F1 is below this")
	minClaims := fs.Float64("min-claims", 0, "fail when claim F1 is below this")
	minRelations := fs.Float64("min-relations", 0, "fail when relation F1 is below this")
	maxClaimECE := fs.Float64("max-claim-ece", 1, "fail when the claims' expected calibration error is above this")
	maxRelationECE := fs.Float64("max-relation-ece", 1, "fail when the relations' expected calibration error is above this")
	maxWrongSpeaker := fs.Float64("max-wrong-speaker", 1, "fail when the share of named-speaker claims with the wrong speaker is above this")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if *goldDir == "" && *bratDir == "" && len(rest) == 1 {
		*goldDir = rest[0]
	} else if len(rest) > 0 {
		return usagef("unexpected arguments %q", rest)
	}
	if *bratDir != "" {
		if *goldDir != "" {
			return usagef("--gold and --brat are two kinds of gold: give one")
		}
		var floors []string
		fs.Visit(func(f *flag.Flag) {
			if strings.HasPrefix(f.Name, "min-") || strings.HasPrefix(f.Name, "max-") {
				floors = append(floors, "--"+f.Name)
			}
		})
		if *reliability || *calibrateOut != "" {
			floors = append(floors, "--reliability and --calibrate")
		}
		if len(floors) > 0 {
			return usagef("%s apply to --gold, not --brat", strings.Join(floors, ", "))
		}
		scores, err := evaluateBRATDir(ctx, *bratDir)
		if err != nil {
			return err
		}
		gold.WriteAttributionReport(stdout, scores, *details)
		return nil
	}
	if *goldDir == "" {
		return usagef("--gold DIR (or --brat DIR) is required")
	}
	scores, err := evaluateDir(ctx, *goldDir)
	if err != nil {
		return err
	}
	gold.WriteReport(stdout, scores, *details)
	if *reliability {
		gold.WriteReliability(stdout, gold.Judgements(scores))
	}
	if *calibrateOut != "" {
		if err := writeCalibration(*calibrateOut, *goldDir, scores); err != nil {
			return err
		}
	}
	t := gold.Sum(scores)
	var low []string
	for _, f := range []struct {
		name  string
		f1    float64
		floor float64
	}{
		{"entities", t.Entities.F1(), *minEntities},
		{"claims", t.Claims.F1(), *minClaims},
		{"relations", t.Relations.F1(), *minRelations},
	} {
		if f.f1 < f.floor {
			low = append(low, fmt.Sprintf("%s F1 %.3f < %.3f", f.name, f.f1, f.floor))
		}
	}
	js := gold.Judgements(scores)
	if e := gold.ECE(gold.Reliability(js, gold.ClaimItem)); e > *maxClaimECE {
		low = append(low, fmt.Sprintf("claims' calibration error %.3f > %.3f", e, *maxClaimECE))
	}
	if e := gold.ECE(gold.Reliability(js, gold.RelationItem)); e > *maxRelationECE {
		low = append(low, fmt.Sprintf("relations' calibration error %.3f > %.3f", e, *maxRelationECE))
	}
	if r := t.WrongSpeakerRate(); r > *maxWrongSpeaker {
		low = append(low, fmt.Sprintf("wrong-speaker rate %.3f > %.3f", r, *maxWrongSpeaker))
	}
	if len(low) > 0 {
		return errors.New("below the floor: " + strings.Join(low, "; "))
	}
	return nil
}

// evaluateDir ingests the gold articles of dir into a temporary database
// and scores what the graph holds for each.
func evaluateDir(ctx context.Context, dir string) ([]gold.Score, error) {
	golds, err := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(golds)
	type pair struct {
		txt    string
		header extract.Header
		body   string
		ann    gold.Annotation
	}
	var pairs []pair
	var paths []string
	for _, gf := range golds {
		txt := strings.TrimSuffix(gf, ".gold.json") + ".txt"
		raw, err := os.ReadFile(txt)
		if err != nil {
			return nil, fmt.Errorf("eval: %w", err)
		}
		h, body, err := extract.ParseArticle(string(raw))
		if err != nil {
			return nil, fmt.Errorf("eval %s: %w", txt, err)
		}
		ann, err := gold.Load(gf)
		if err != nil {
			return nil, err
		}
		ann.File = filepath.Base(txt)
		pairs = append(pairs, pair{txt, h, body, ann})
		paths = append(paths, txt)
	}
	if len(pairs) == 0 {
		return nil, fmt.Errorf("eval: no NAME.txt with NAME.gold.json in %s", dir)
	}
	store, byKey, done, err := throwawayGraph(ctx, func(store *graph.Store, ex *extract.Extractor) []error {
		_, errs := ingest.Paths(ctx, store, ex, paths, ingest.Options{})
		return errs
	})
	if err != nil {
		return nil, err
	}
	defer done()
	var scores []gold.Score
	for _, p := range pairs {
		id, ok := byKey[strings.TrimSpace(p.header.URL)]
		if !ok || p.header.URL == "" {
			id, ok = byKey[textHash(p.body)]
		}
		if !ok {
			return nil, fmt.Errorf("eval %s: not found in the graph after ingest", p.txt)
		}
		sys, err := systemFromGraph(ctx, store, id)
		if err != nil {
			return nil, fmt.Errorf("eval %s: %w", p.txt, err)
		}
		scores = append(scores, gold.Evaluate(p.ann, sys))
	}
	return scores, nil
}

// evaluateBRATDir ingests the BRAT-annotated articles of dir into a
// temporary database and scores each one's claims against its
// attributions.
func evaluateBRATDir(ctx context.Context, dir string) ([]gold.AttributionScore, error) {
	txts, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	sort.Strings(txts)
	var docs []gold.BratDoc
	var inputs []ingest.Document
	for _, txt := range txts {
		ann, err := bratAnnotations(txt)
		if err != nil {
			return nil, err
		}
		doc, err := gold.LoadBRAT(txt, ann)
		if err != nil {
			return nil, fmt.Errorf("eval: %w", err)
		}
		doc.File = filepath.Base(txt)
		docs = append(docs, doc)
		inputs = append(inputs, ingest.Document{Origin: txt, Text: doc.Text})
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("eval: no NAME.txt with NAME.ann in %s", dir)
	}
	store, byKey, done, err := throwawayGraph(ctx, func(store *graph.Store, ex *extract.Extractor) []error {
		_, errs := ingest.Documents(ctx, store, ex, inputs, ingest.Options{})
		return errs
	})
	if err != nil {
		return nil, err
	}
	defer done()
	var scores []gold.AttributionScore
	for i, doc := range docs {
		id, ok := byKey[textHash(doc.Text)]
		if !ok {
			return nil, fmt.Errorf("eval %s: not found in the graph after ingest", inputs[i].Origin)
		}
		sys, err := systemFromGraph(ctx, store, id)
		if err != nil {
			return nil, fmt.Errorf("eval %s: %w", inputs[i].Origin, err)
		}
		scores = append(scores, gold.EvaluateAttributions(doc, sys))
	}
	return scores, nil
}

// bratAnnotations finds the annotations of the article txt: NAME.ann
// beside it, else the first in name order of NAME_X.ann (X without "_"),
// as PolNeAR names one file per annotator.
func bratAnnotations(txt string) (string, error) {
	stem := strings.TrimSuffix(txt, ".txt")
	if _, err := os.Stat(stem + ".ann"); err == nil {
		return stem + ".ann", nil
	}
	cands, err := filepath.Glob(globEscape(stem) + "_*.ann")
	if err != nil {
		return "", err
	}
	sort.Strings(cands)
	for _, c := range cands {
		if x := strings.TrimSuffix(strings.TrimPrefix(c, stem+"_"), ".ann"); x != "" && !strings.Contains(x, "_") {
			return c, nil
		}
	}
	return "", fmt.Errorf("eval: no annotations for %s (want %s.ann or %s_X.ann)", txt, filepath.Base(stem), filepath.Base(stem))
}

// globEscape quotes the pattern characters of a path for filepath.Glob.
func globEscape(path string) string {
	var b strings.Builder
	for _, r := range path {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func textHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// documentsByKey maps every stored document's URL and content hash to its id.
// throwawayGraph ingests, with ingestInto, into a database in a
// temporary directory, and returns it with its documents by key
// (documentsByKey); done closes and removes it.
func throwawayGraph(ctx context.Context, ingestInto func(*graph.Store, *extract.Extractor) []error) (*graph.Store, map[string]uuid.UUID, func(), error) {
	tmp, err := os.MkdirTemp("", "kg-eval-")
	if err != nil {
		return nil, nil, nil, err
	}
	store, err := openStore(tmp)
	if err != nil {
		os.RemoveAll(tmp)
		return nil, nil, nil, err
	}
	done := func() {
		store.Close()
		os.RemoveAll(tmp)
	}
	ex, err := extract.New()
	if err != nil {
		done()
		return nil, nil, nil, err
	}
	if errs := ingestInto(store, ex); len(errs) > 0 {
		done()
		return nil, nil, nil, fmt.Errorf("eval: ingest: %w", errors.Join(errs...))
	}
	byKey, err := documentsByKey(ctx, store)
	if err != nil {
		done()
		return nil, nil, nil, err
	}
	return store, byKey, done, nil
}

func documentsByKey(ctx context.Context, store *graph.Store) (map[string]uuid.UUID, error) {
	out := map[string]uuid.UUID{}
	after := ""
	for {
		page, err := store.Documents(ctx, graph.PageArgs{First: 1000, After: after})
		if err != nil {
			return nil, err
		}
		for _, d := range page.Items {
			if d.URL != "" {
				out[d.URL] = d.ID
			}
			out[d.ContentHash] = d.ID
		}
		if !page.HasNext || len(page.Cursors) == 0 {
			return out, nil
		}
		after = page.Cursors[len(page.Cursors)-1]
	}
}

// systemFromGraph reads back what the graph holds for one document: its
// entities with the names this document uses for them, its claims, and
// the relations its claims assert.
func systemFromGraph(ctx context.Context, store *graph.Store, docID uuid.UUID) (gold.System, error) {
	doc, err := store.Document(ctx, docID)
	if err != nil {
		return gold.System{}, err
	}
	sys := gold.System{Publisher: doc.Publisher}
	ents, err := store.DocumentEntities(ctx, docID)
	if err != nil {
		return sys, err
	}
	publisherID := ""
	for _, e := range ents {
		names := []string{e.Name}
		mentioned := false
		after := ""
		for {
			page, err := store.Mentions(ctx, e.ID, graph.PageArgs{First: 1000, After: after})
			if err != nil {
				return sys, err
			}
			for _, m := range page.Items {
				if m.DocumentID == docID {
					names = append(names, m.Text)
					mentioned = true
				}
			}
			if !page.HasNext || len(page.Cursors) == 0 {
				break
			}
			after = page.Cursors[len(page.Cursors)-1]
		}
		if doc.Publisher != "" && e.Name == doc.Publisher || strings.HasPrefix(e.Key, "gaz:") && extract.Fold(e.Name) == extract.Fold(doc.Publisher) {
			publisherID = e.ID.String()
		}
		sys.Entities = append(sys.Entities, gold.SysEntity{ID: e.ID.String(), Names: names, Type: string(e.Type), Mentioned: mentioned, Generic: gold.IsGenericKey(e.Key)})
	}
	var claims []graph.Claim
	after := ""
	for {
		page, err := store.Claims(ctx, graph.ClaimFilter{Document: docID}, graph.PageArgs{First: 1000, After: after})
		if err != nil {
			return sys, err
		}
		claims = append(claims, page.Items...)
		if !page.HasNext || len(page.Cursors) == 0 {
			break
		}
		after = page.Cursors[len(page.Cursors)-1]
	}
	// the publisher is who speaks the document's narrative
	for _, c := range claims {
		if c.Kind == extract.Narrative && c.SpeakerID != uuid.Nil {
			publisherID = c.SpeakerID.String()
			break
		}
	}
	sys.PublisherID = publisherID
	{
		for _, c := range claims {
			speaker := ""
			if c.SpeakerID != uuid.Nil {
				speaker = c.SpeakerID.String()
			}
			sys.Claims = append(sys.Claims, gold.SysClaim{Kind: string(c.Kind), SpeakerID: speaker, SpeakerText: c.SpeakerText, Text: c.Text, Rule: c.Rule, Confidence: c.Confidence})
			for _, r := range c.Relations {
				asserter := speaker
				if asserter == "" {
					asserter = publisherID // an unnamed source's relation is the publisher's
				}
				sys.Relations = append(sys.Relations, gold.SysRelation{SubjectID: r.SubjectID.String(), Predicate: string(r.Predicate), ObjectID: r.ObjectID.String(), Polarity: r.Polarity, SpeakerID: asserter, Rule: r.Rule, Confidence: r.Confidence})
			}
		}
	}
	return sys, nil
}

// writeCalibration writes the calibration table measured on the articles
// of dir to path, through a temporary file so a failed write leaves the
// old table.
func writeCalibration(path, dir string, scores []gold.Score) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".calibration-*")
	if err != nil {
		return fmt.Errorf("eval --calibrate: %w", err)
	}
	defer os.Remove(tmp.Name())
	n := len(scores)
	if err := gold.WriteCalibration(tmp, gold.Calibrate(gold.Judgements(scores)), fmt.Sprintf("the %d gold articles of %s", n, lastTwo(dir))); err != nil {
		tmp.Close()
		return fmt.Errorf("eval --calibrate %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("eval --calibrate %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("eval --calibrate: %w", err)
	}
	return nil
}

// lastTwo is the last two elements of a directory's path
// ("testdata/articles"), which name it the same from any working
// directory.
func lastTwo(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return filepath.Base(dir)
	}
	return filepath.ToSlash(filepath.Join(filepath.Base(filepath.Dir(dir)), filepath.Base(dir)))
}
