package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
)

// The ingest pipeline, shared by every subcommand that stores articles:
//
//	reader (one goroutine, input order)
//	  → extraction workers (GOMAXPROCS goroutines sharing one Extractor)
//	  → writer (the caller's goroutine: store.IngestBatch, input order)
//
// Documents reach the store in the order they were read, so the same
// inputs always give the same database. Every document is stored
// atomically; one that fails is reported and the others are stored.

// document is one article read from an input, before extraction.
type document struct {
	// Origin says where it came from, for errors: "FILE", "FILE:LINE" for
	// a line of JSONL, "-" for standard input.
	Origin string
	Header extract.Header
	Text   string
}

// ingestOptions tune the pipeline. The zero value gives the defaults.
type ingestOptions struct {
	// Stdin is read for the path "-".
	Stdin io.Reader
	// BatchSize is the number of documents per store.IngestBatch call
	// (default defaultBatchSize).
	BatchSize int
	// Workers is the number of extraction goroutines (default GOMAXPROCS).
	Workers int
	// GCPercent, when positive, is the garbage collector's target
	// percentage (debug.SetGCPercent) while the pipeline runs; the
	// previous one is restored when it returns. 0 leaves it alone. The
	// setting is the process's: two pipelines that overlap must not both
	// set it (the one that ends last would restore the other's). kg
	// ingest and the benchmark run one at a time; a server's ingest
	// mutations do not use the pipeline.
	GCPercent int
}

// ingestGCPercent is the garbage collector's target percentage while kg
// ingest runs (and the benchmark's ingests), unless GOGC is set. An
// ingest's live heap is large and steady (the caches of entities and word
// folds, Badger's memtables) and it allocates fast: a 100k-article ingest
// at the default 100 ran 54 collections, 15.6 s of its ~190 s of CPU; at
// 200, 25 collections and 6.6 s, for a peak RSS of 3.5 GB against 2.3 GB,
// and as many page faults (GODEBUG=gctrace=1 and /usr/bin/time kg ingest).
const ingestGCPercent = 200

// gcPercentFor gives GCPercent for an ingest: ingestGCPercent, or 0 (the
// runtime's own) when the environment sets GOGC, so a user's choice wins.
func gcPercentFor(getenv func(string) string) int {
	if getenv("GOGC") != "" {
		return 0
	}
	return ingestGCPercent
}

// defaultBatchSize keeps a batch well within Badger's transaction limits
// for news-sized articles; IngestBatch splits it further when needed.
const defaultBatchSize = 256

// maxDocumentBytes bounds one document's text: 4 MiB, a thousand times a
// news article. A larger input is refused with an error naming it, and
// never read whole: hostile or mistaken input (a database dump, a log)
// must not take the process's memory.
const maxDocumentBytes = 4 << 20

// maxArticleFile bounds a .txt input: its text and a header.
const maxArticleFile = maxDocumentBytes + 64<<10

// maxJSONLine bounds one line of a JSONL input (JSON escaping can double
// a text).
const maxJSONLine = 2 * maxDocumentBytes

func (o ingestOptions) withDefaults() ingestOptions {
	if o.BatchSize <= 0 {
		o.BatchSize = defaultBatchSize
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Stdin == nil {
		o.Stdin = strings.NewReader("")
	}
	return o
}

// ingestSummary adds up what an ingest stored.
type ingestSummary struct {
	// Documents counts the documents ingested, Duplicates among them
	// were already present (and nothing was written for them).
	Documents, Duplicates int
	// Entities, Claims, Relations, Mentions add up the documents'
	// outcomes; NewEntities counts the entities the graph did not have.
	Entities, NewEntities, Claims, Relations, Mentions int
	Elapsed                                            time.Duration
	// Incomplete lists the documents stored although a stage of their
	// extraction failed (extract.Result.Failures), each naming its input.
	Incomplete []error
}

// String is the line ingest prints: "stored 22 documents (3 already
// present), 180 entities (95 new), 412 claims, 60 relations in 1.2s".
func (s ingestSummary) String() string {
	return fmt.Sprintf("stored %s (%d already present), %s (%d new), %s, %s in %s",
		count(s.Documents, "document"), s.Duplicates, count(s.Entities, "entity"), s.NewEntities,
		count(s.Claims, "claim"), count(s.Relations, "relation"), roundDuration(s.Elapsed))
}

// count says "1 claim", "2 claims", "1 entity", "2 entities".
func count(n int, noun string) string {
	switch {
	case n == 1:
		return "1 " + noun
	case strings.HasSuffix(noun, "y"):
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	default:
		return fmt.Sprintf("%d %ss", n, noun)
	}
}

func (s *ingestSummary) add(o graph.IngestOutcome) {
	s.Documents++
	if o.Duplicate {
		s.Duplicates++
	}
	s.Entities += o.Entities
	s.NewEntities += o.NewEntities
	s.Claims += o.Claims
	s.Relations += o.Relations
	s.Mentions += o.Mentions
}

// roundDuration keeps durations readable: 1.2s, 35ms.
func roundDuration(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(100 * time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(time.Millisecond)
	default:
		return d.Round(time.Microsecond)
	}
}

// inputError is a failure of one input, located: "FILE:LINE: message".
type inputError struct {
	Origin string
	Err    error
}

func (e *inputError) Error() string { return e.Origin + ": " + e.Err.Error() }
func (e *inputError) Unwrap() error { return e.Err }

// newInputError locates err at origin, moving the line of a parse error
// into the origin ("a.txt:3: header line without ':'").
func newInputError(origin string, err error) error {
	var perr *extract.ParseError
	if errors.As(err, &perr) && perr.Line > 0 {
		located := *perr
		located.Line = 0
		return &inputError{Origin: fmt.Sprintf("%s:%d", origin, perr.Line), Err: &located}
	}
	return &inputError{Origin: origin, Err: err}
}

// ingestPaths reads every path (a .txt article, a .jsonl file, a directory
// walked for both, or "-" for opts.Stdin), extracts and stores the
// documents. It gives what was stored and the errors, one per failed input
// (*inputError), in input order, then one more if ctx ended the ingest.
func ingestPaths(ctx context.Context, store *graph.Store, ex *extract.Extractor, paths []string, opts ingestOptions) (ingestSummary, []error) {
	opts = opts.withDefaults()
	return runPipeline(ctx, store, ex, opts, func(ctx context.Context, emit emitFunc) {
		readPaths(ctx, paths, opts.Stdin, emit)
	})
}

// ingestDocuments extracts and stores documents already in memory.
func ingestDocuments(ctx context.Context, store *graph.Store, ex *extract.Extractor, docs []document, opts ingestOptions) (ingestSummary, []error) {
	opts = opts.withDefaults()
	return runPipeline(ctx, store, ex, opts, func(ctx context.Context, emit emitFunc) {
		for _, doc := range docs {
			if !emit(doc, nil) {
				return
			}
		}
	})
}

// emitFunc hands the pipeline one document, or the error of an input that
// gave none. It reports false when the pipeline stopped (ctx cancelled):
// the reader should stop too.
type emitFunc func(doc document, err error) bool

// extracted is a document ready for the store, or why it is not.
type extracted struct {
	origin string
	input  graph.IngestInput
	err    error
}

// runPipeline runs read in its own goroutine, extraction on opts.Workers
// goroutines, and stores in the calling goroutine, in read order.
func runPipeline(ctx context.Context, store *graph.Store, ex *extract.Extractor, opts ingestOptions, read func(context.Context, emitFunc)) (ingestSummary, []error) {
	if opts.GCPercent > 0 {
		defer debug.SetGCPercent(debug.SetGCPercent(opts.GCPercent))
	}
	start := time.Now()
	type job struct {
		doc    document
		result chan<- extracted
	}
	jobs := make(chan job)
	// inOrder carries each document's result channel in read order; its
	// capacity bounds the documents in flight.
	inOrder := make(chan chan extracted, 2*opts.BatchSize)

	for range opts.Workers {
		go func() {
			for j := range jobs {
				j.result <- extractDocument(ex, j.doc)
			}
		}()
	}
	go func() {
		defer close(inOrder)
		defer close(jobs)
		read(ctx, func(doc document, err error) bool {
			result := make(chan extracted, 1)
			if err != nil {
				result <- extracted{origin: doc.Origin, err: err}
			} else {
				select {
				case jobs <- job{doc, result}:
				case <-ctx.Done():
					return false
				}
			}
			select {
			case inOrder <- result:
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()

	var (
		summary ingestSummary
		errs    []error
		batch   []graph.IngestInput
		origins []string
	)
	flush := func() {
		if len(batch) == 0 || ctx.Err() != nil {
			return
		}
		outcomes, batchErrs := store.IngestBatch(ctx, batch)
		for i := range batch {
			if i < len(batchErrs) && batchErrs[i] != nil {
				if ctx.Err() != nil && errors.Is(batchErrs[i], ctx.Err()) {
					continue // reported once, below
				}
				errs = append(errs, newInputError(origins[i], fmt.Errorf("store: %w", batchErrs[i])))
				continue
			}
			summary.add(outcomes[i])
		}
		batch, origins = batch[:0], origins[:0]
	}
	for result := range inOrder {
		r := <-result // always filled: a job sent is a job done
		if ctx.Err() != nil {
			continue // drain, so that the reader and workers finish
		}
		if r.err != nil {
			errs = append(errs, newInputError(r.origin, r.err))
			continue
		}
		if f := r.input.Result.Failures; len(f) > 0 {
			summary.Incomplete = append(summary.Incomplete, newInputError(r.origin, fmt.Errorf("stored, but extraction is incomplete: %s", strings.Join(f, "; "))))
		}
		batch = append(batch, r.input)
		origins = append(origins, r.origin)
		if len(batch) >= opts.BatchSize {
			flush()
		}
	}
	flush()
	if err := ctx.Err(); err != nil {
		errs = append(errs, fmt.Errorf("interrupted after %s: %w", count(summary.Documents, "document"), context.Cause(ctx)))
	}
	summary.Elapsed = time.Since(start)
	return summary, errs
}

// extractDocument runs extraction on one document. A panic in the
// extractor fails this document only.
func extractDocument(ex *extract.Extractor, doc document) (out extracted) {
	out.origin = doc.Origin
	defer func() {
		if p := recover(); p != nil {
			out = extracted{origin: doc.Origin, err: fmt.Errorf("extract: panic: %v", p)}
		}
	}()
	result := ex.Extract(extract.Article{
		Text:      doc.Text,
		Title:     doc.Header.Title,
		Publisher: doc.Header.Publisher,
		Kind:      doc.Header.Kind,
	})
	out.input = graph.IngestInput{Meta: documentMeta(doc.Header), Text: doc.Text, Result: result}
	return out
}

// documentMeta is what the store keeps of a header. The date and kind as
// written are kept in Metadata ("date", "kind"), so nothing of the header
// is lost when the date is partial ("August 2023") or not understood.
func documentMeta(h extract.Header) graph.DocumentMeta {
	meta := graph.DocumentMeta{
		URL:         h.URL,
		Title:       h.Title,
		Publisher:   h.Publisher,
		PublishedAt: h.PublishedAt,
		Metadata:    maps.Clone(h.Metadata),
	}
	for key, value := range map[string]string{"date": h.Date, "kind": h.Kind} {
		if value == "" {
			continue
		}
		if meta.Metadata == nil {
			meta.Metadata = make(map[string]string)
		}
		meta.Metadata[key] = value
	}
	return meta
}

// readPaths reads every path in order, emitting its documents.
func readPaths(ctx context.Context, paths []string, stdin io.Reader, emit emitFunc) {
	for _, path := range paths {
		if ctx.Err() != nil {
			return
		}
		if path == "-" {
			if !readStream("-", stdin, emit) {
				return
			}
			continue
		}
		info, err := os.Stat(path)
		if err != nil {
			if !emit(document{Origin: path}, fileError(err)) {
				return
			}
			continue
		}
		if !info.IsDir() {
			if !readFile(path, emit) {
				return
			}
			continue
		}
		if !readDir(ctx, path, emit) {
			return
		}
	}
}

// readDir reads every *.txt and *.jsonl file under dir, in lexical order,
// skipping hidden files and directories (.git, ...). Other files, such as
// the gold annotations *.gold.json, are ignored.
func readDir(ctx context.Context, dir string, emit emitFunc) bool {
	keepGoing := true
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			keepGoing = emit(document{Origin: path}, fileError(err))
		} else if path != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
		} else if d.Type().IsRegular() && inputFormat(path) != "" {
			keepGoing = readFile(path, emit)
		}
		if !keepGoing || ctx.Err() != nil {
			return filepath.SkipAll
		}
		return nil
	})
	if err != nil { // not reached: the callback reports errors itself
		keepGoing = emit(document{Origin: dir}, err)
	}
	return keepGoing
}

// inputFormat tells an input's format from its name: "txt", "jsonl", or ""
// when the name does not say.
func inputFormat(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt":
		return "txt"
	case ".jsonl":
		return "jsonl"
	}
	return ""
}

// readFile reads one file: a .txt article, a .jsonl file, or, named
// otherwise, whatever its content says (as for standard input).
func readFile(path string, emit emitFunc) bool {
	f, err := os.Open(path)
	if err != nil {
		return emit(document{Origin: path}, fileError(err))
	}
	defer f.Close()
	switch inputFormat(path) {
	case "txt":
		var size int64
		if info, err := f.Stat(); err == nil {
			size = info.Size()
		}
		return readArticle(path, f, size, emit)
	case "jsonl":
		return readJSONL(path, f, emit)
	default:
		return readStream(path, f, emit)
	}
}

// readStream reads r as JSONL when its first non-space byte is '{', else as
// one .txt article.
func readStream(name string, r io.Reader, emit emitFunc) bool {
	br := bufio.NewReader(r)
	var head []byte // up to the first non-space byte
	for len(head) == 0 || isSpace(head[len(head)-1]) {
		b, err := br.ReadByte()
		if err == io.EOF {
			break
		}
		if err != nil {
			return emit(document{Origin: name}, fileError(err))
		}
		head = append(head, b)
	}
	whole := io.MultiReader(bytes.NewReader(head), br)
	if len(head) > 0 && head[len(head)-1] == '{' {
		return readJSONL(name, whole, emit)
	}
	return readArticle(name, whole, 0, emit)
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// fileError drops the path and operation from a file system error: the
// input's origin already names the file.
func fileError(err error) error {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return pathErr.Err
	}
	return err
}

// readArticle reads one .txt article. sizeHint is the file's size if
// known (0 if not): with room for it, the article is read in one call
// rather than io.ReadAll's doubling reads (seven for a 4 KB article).
func readArticle(name string, r io.Reader, sizeHint int64, emit emitFunc) bool {
	var buf bytes.Buffer
	buf.Grow(int(min(max(sizeHint, 0), maxArticleFile)) + bytes.MinRead)
	_, err := buf.ReadFrom(io.LimitReader(r, maxArticleFile+1))
	raw := buf.Bytes()
	if err != nil {
		return emit(document{Origin: name}, fileError(err))
	}
	if len(raw) > maxArticleFile {
		return emit(document{Origin: name}, fmt.Errorf("larger than %d MiB: not an article", maxDocumentBytes>>20))
	}
	header, body, err := extract.ParseArticle(string(raw))
	if err == nil && strings.TrimSpace(body) == "" {
		err = errors.New("no text (an article is an optional header, a line ---, then the text)")
	}
	if err == nil && len(body) > maxDocumentBytes {
		err = fmt.Errorf("text larger than %d MiB: not an article", maxDocumentBytes>>20)
	}
	return emit(document{Origin: name, Header: header, Text: body}, err)
}

// readJSONL reads one article per line; blank lines are skipped.
func readJSONL(name string, r io.Reader, emit emitFunc) bool {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxJSONLine)
	line := 0
	for sc.Scan() {
		line++
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		origin := fmt.Sprintf("%s:%d", name, line)
		header, text, err := extract.ParseJSONLine(sc.Bytes())
		if err == nil && len(text) > maxDocumentBytes {
			err = fmt.Errorf("text larger than %d MiB: not an article", maxDocumentBytes>>20)
		}
		if !emit(document{Origin: origin, Header: header, Text: text}, err) {
			return false
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("line longer than %d MiB", maxJSONLine>>20)
		}
		return emit(document{Origin: fmt.Sprintf("%s:%d", name, line+1)}, fileError(err))
	}
	return true
}
