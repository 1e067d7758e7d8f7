// Package ingest is the one way articles enter the graph: reading them
// (.txt articles with a header, JSONL lines, directories, standard input,
// a request body), extracting them on several workers, and storing them
// through one writer that batches documents into Badger transactions, with
// an outcome per document (new, already present, or failed with an error
// naming FILE or FILE:LINE). kg ingest, demo, eval and bench use it, and so
// does the server (the ingestDocument mutation and POST /ingest), so every
// way in extracts and stores the same.
//
// Where it lives: the layering is cmd → schema → graph → extract, with no
// arrow back up. The server (package schema) must use this package, so it
// cannot live under cmd/kg; it needs extract and graph, so it sits below
// schema and beside graph, as graph/ingest. Package graph does not import
// it.
//
// The pipeline:
//
//	reader (one goroutine, input order)
//	  → extraction workers (Options.Workers goroutines sharing one Extractor)
//	  → writer (the caller's goroutine: store.IngestBatch, input order)
//
// Documents reach the store in the order they were read, so the same
// inputs always give the same database. Every document is stored
// atomically; one that fails is reported and the others are stored.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
)

// Document is one article read from an input, before extraction.
type Document struct {
	// Origin says where it came from, for errors: "FILE", "FILE:LINE" for
	// a line of JSONL, "-" for standard input.
	Origin string
	// Line is the 1-based line of a JSONL input; 0 for a whole article.
	Line int
	// Size is how many bytes of the input the document took (the file, or
	// the line and its newline), for progress.
	Size   int64
	Header extract.Header
	Text   string
}

// Options tune the pipeline. The zero value gives the defaults.
type Options struct {
	// Stdin is read for the path "-".
	Stdin io.Reader
	// BatchSize is the number of documents per store.IngestBatch call
	// (default DefaultBatchSize).
	BatchSize int
	// Workers is the number of extraction goroutines (default GOMAXPROCS).
	Workers int
	// GCPercent, when positive, is the garbage collector's target
	// percentage (debug.SetGCPercent) while the pipeline runs; the
	// previous one is restored when it returns. 0 leaves it alone. The
	// setting is the process's: two pipelines that overlap must not both
	// set it (the one that ends last would restore the other's). kg
	// ingest and the benchmark run one at a time; a server leaves it
	// alone.
	GCPercent int
	// MaxDelay, when positive, bounds how long a document read waits for
	// its batch to fill: a partial batch is written once its first
	// document has waited that long. A server streaming a request body
	// sets it, so that a client that sends a few documents and waits gets
	// its answers; a bulk ingest leaves it 0 (full batches make the
	// fewest, largest posting blocks).
	MaxDelay time.Duration
	// ExtractTimeout, when positive, bounds each document's extraction: a
	// document still extracting after it is stopped and fails with
	// ErrStopped (the others go on). POST /ingest sets the server's
	// --timeout, so one pathological document cannot hold a stream.
	ExtractTimeout time.Duration
	// OnResult, when set, receives every document's outcome, and every
	// input's error, in input order, from the writer's goroutine (it
	// should be quick: the writer waits for it).
	OnResult func(Result)
}

// Result is what became of one document (or of an input that gave none).
type Result struct {
	Origin string
	Line   int   // the document's Line
	Size   int64 // the document's Size
	// Outcome is what the store did; meaningful when Err is nil.
	Outcome graph.IngestOutcome
	// Err is why the document was not stored: an *InputError naming its
	// origin.
	Err error
	// Incomplete, when set, says the document was stored although a stage
	// of its extraction failed (extract.Result.Failures).
	Incomplete error
}

// Created reports whether the document was stored now (not already present
// and not failed).
func (r Result) Created() bool { return r.Err == nil && !r.Outcome.Duplicate }

// DocumentID is the stored document's ID: the new one, or the one already
// present; uuid.Nil on failure.
func (r Result) DocumentID() uuid.UUID {
	if r.Err != nil {
		return uuid.Nil
	}
	return r.Outcome.DocumentID
}

// GCPercent is the garbage collector's target percentage while kg ingest
// runs (and the benchmark's ingests), unless GOGC is set. An ingest's live
// heap is large and steady (the caches of entities and word folds,
// Badger's memtables) and it allocates fast: a 100k-article ingest at the
// default 100 ran 54 collections, 15.6 s of its ~190 s of CPU; at 200, 25
// collections and 6.6 s, for a peak RSS of 3.5 GB against 2.3 GB, and as
// many page faults (GODEBUG=gctrace=1 and /usr/bin/time kg ingest).
const GCPercent = 200

// GCPercentFor gives Options.GCPercent for a bulk ingest: GCPercent, or 0
// (the runtime's own) when the environment sets GOGC, so a user's choice
// wins.
func GCPercentFor(getenv func(string) string) int {
	if getenv("GOGC") != "" {
		return 0
	}
	return GCPercent
}

// DefaultBatchSize keeps a batch well within Badger's transaction limits
// for news-sized articles; IngestBatch splits it further when needed.
const DefaultBatchSize = 256

// MaxDocumentBytes bounds one document's text: 4 MiB, a thousand times a
// news article. A larger input is refused with an error naming it, and
// never read whole: hostile or mistaken input (a database dump, a log)
// must not take the process's memory.
const MaxDocumentBytes = 4 << 20

// MaxArticleBytes bounds a .txt input: its text and a header.
const MaxArticleBytes = MaxDocumentBytes + 64<<10

// MaxJSONLine bounds one line of a JSONL input (JSON escaping can double
// a text).
const MaxJSONLine = 2 * MaxDocumentBytes

// WithDefaults fills in the defaults of the fields left zero.
func (o Options) WithDefaults() Options {
	if o.BatchSize <= 0 {
		o.BatchSize = DefaultBatchSize
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Stdin == nil {
		o.Stdin = strings.NewReader("")
	}
	return o
}

// Summary adds up what an ingest stored.
type Summary struct {
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
func (s Summary) String() string {
	return fmt.Sprintf("stored %s (%d already present), %s (%d new), %s, %s in %s",
		Count(s.Documents, "document"), s.Duplicates, Count(s.Entities, "entity"), s.NewEntities,
		Count(s.Claims, "claim"), Count(s.Relations, "relation"), RoundDuration(s.Elapsed))
}

// Count says "1 claim", "2 claims", "1 entity", "2 entities".
func Count(n int, noun string) string {
	switch {
	case n == 1:
		return "1 " + noun
	case strings.HasSuffix(noun, "y"):
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	default:
		return fmt.Sprintf("%d %ss", n, noun)
	}
}

// Add counts one stored document's outcome.
func (s *Summary) Add(o graph.IngestOutcome) {
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

// RoundDuration keeps durations readable: 1.2s, 35ms.
func RoundDuration(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(100 * time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(time.Millisecond)
	default:
		return d.Round(time.Microsecond)
	}
}

// InputError is a failure of one input, located: "FILE:LINE: message".
type InputError struct {
	Origin string
	Err    error
}

func (e *InputError) Error() string { return SafeOrigin(e.Origin) + ": " + e.Err.Error() }

// SafeOrigin is an origin as errors print it: as it is, or quoted in Go's
// syntax ("a\nb.txt") when it holds a control character or is not valid
// UTF-8, so that a file named with a newline or a terminal escape cannot
// forge lines of the output or drive the terminal.
func SafeOrigin(origin string) string {
	if utf8.ValidString(origin) && !strings.ContainsFunc(origin, unicode.IsControl) {
		return origin
	}
	return strconv.Quote(origin)
}
func (e *InputError) Unwrap() error { return e.Err }

// NewInputError locates err at origin, moving the line of a parse error
// into the origin ("a.txt:3: header line without ':'").
func NewInputError(origin string, err error) error {
	var perr *extract.ParseError
	if errors.As(err, &perr) && perr.Line > 0 {
		located := *perr
		located.Line = 0
		return &InputError{Origin: fmt.Sprintf("%s:%d", origin, perr.Line), Err: &located}
	}
	return &InputError{Origin: origin, Err: err}
}

// Paths reads every path (a .txt article, a .jsonl file, a directory
// walked for both, or "-" for opts.Stdin), extracts and stores the
// documents. It gives what was stored and the errors, one per failed input
// (*InputError), in input order, then one more if ctx ended the ingest.
func Paths(ctx context.Context, store *graph.Store, ex *extract.Extractor, paths []string, opts Options) (Summary, []error) {
	opts = opts.WithDefaults()
	return Run(ctx, store, ex, opts, func(ctx context.Context, emit Emit) {
		ReadPaths(ctx, paths, opts.Stdin, emit)
	})
}

// Documents extracts and stores documents already in memory.
func Documents(ctx context.Context, store *graph.Store, ex *extract.Extractor, docs []Document, opts Options) (Summary, []error) {
	return Run(ctx, store, ex, opts, func(ctx context.Context, emit Emit) {
		for _, doc := range docs {
			if !emit(doc, nil) {
				return
			}
		}
	})
}

// One extracts and stores one document, as the pipeline does, on the
// calling goroutine: the ingestDocument mutation. err is an *InputError
// naming doc.Origin.
func One(ctx context.Context, store *graph.Store, ex *extract.Extractor, doc Document) (Result, error) {
	var res Result
	_, errs := Run(ctx, store, ex, Options{Workers: 1, BatchSize: 1, OnResult: func(r Result) { res = r }},
		func(ctx context.Context, emit Emit) { emit(doc, nil) })
	if res.Err != nil {
		return res, res.Err
	}
	if len(errs) > 0 { // interrupted before the document was stored
		return res, errs[len(errs)-1]
	}
	return res, nil
}

// Emit hands the pipeline one document, or the error of an input that
// gave none (doc then says where: its Origin and Line). It reports false
// when the pipeline stopped (ctx cancelled): the reader should stop too.
type Emit func(doc Document, err error) bool

// extracted is a document ready for the store, or why it is not.
type extracted struct {
	doc   Document // without its text
	input graph.IngestInput
	err   error
}

// Run runs read in its own goroutine, extraction on opts.Workers
// goroutines, and stores in the calling goroutine, in read order. It
// gives what was stored and the errors, one per failed input
// (*InputError), in input order, then one more if ctx ended the ingest.
func Run(ctx context.Context, store *graph.Store, ex *extract.Extractor, opts Options, read func(context.Context, Emit)) (Summary, []error) {
	opts = opts.WithDefaults()
	if opts.GCPercent > 0 {
		defer debug.SetGCPercent(debug.SetGCPercent(opts.GCPercent))
	}
	// A full disk stops the whole ingest (every later write would fail
	// alike): cancel(err) ends it as an interrupt does.
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	start := time.Now()
	type job struct {
		doc    Document
		result chan<- extracted
	}
	jobs := make(chan job)
	// inOrder carries each document's result channel in read order; its
	// capacity bounds the documents in flight.
	inOrder := make(chan chan extracted, 2*opts.BatchSize)

	for range opts.Workers {
		go func() {
			for j := range jobs {
				j.result <- extractDocument(ctx, ex, j.doc, opts.ExtractTimeout)
			}
		}()
	}
	go func() {
		defer close(inOrder)
		defer close(jobs)
		read(ctx, func(doc Document, err error) bool {
			result := make(chan extracted, 1)
			if err != nil {
				doc.Text = ""
				result <- extracted{doc: doc, err: err}
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
		summary Summary
		errs    []error
		// pending are the results of the batch in input order: stored
		// documents (index into batch) and failed inputs.
		pending []pendingResult
		batch   []graph.IngestInput
	)
	report := func(r Result) {
		if r.Err != nil {
			errs = append(errs, r.Err)
		} else {
			summary.Add(r.Outcome)
			if r.Incomplete != nil {
				summary.Incomplete = append(summary.Incomplete, r.Incomplete)
			}
		}
		if opts.OnResult != nil {
			opts.OnResult(r)
		}
	}
	flush := func() {
		if ctx.Err() != nil {
			return
		}
		var outcomes []graph.IngestOutcome
		var batchErrs []error
		if len(batch) > 0 {
			outcomes, batchErrs = store.IngestBatch(ctx, batch)
			for _, err := range batchErrs {
				if errors.Is(err, graph.ErrDiskFull) {
					// nothing of the batch was written; its documents
					// are not reported one by one
					cancel(err)
					batch, pending = batch[:0], pending[:0]
					return
				}
			}
		}
		for _, p := range pending {
			r := p.Result
			if p.index >= 0 {
				if err := batchErrs[p.index]; err != nil {
					if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
						continue // reported once, below
					}
					r.Err, r.Incomplete = NewInputError(r.Origin, fmt.Errorf("store: %w", err)), nil
				} else {
					r.Outcome = outcomes[p.index]
				}
			}
			report(r)
		}
		batch, pending = batch[:0], pending[:0]
	}
	var deadline <-chan time.Time
	var timer *time.Timer
	if opts.MaxDelay > 0 {
		timer = time.NewTimer(opts.MaxDelay)
		timer.Stop()
		defer timer.Stop()
	}
loop:
	for {
		var result chan extracted
		var ok bool
		select {
		case result, ok = <-inOrder:
			if !ok {
				break loop
			}
		case <-deadline:
			flush()
			deadline = nil
			continue
		case <-ctx.Done():
			// Stop now, even if the reader is blocked in a read (a FIFO
			// with no writer, a terminal): it is left to return when its
			// read does, or with the process. What is pending is not
			// stored (flush writes nothing once ctx is done).
			break loop
		}
		r := <-result // always filled: a job sent is a job done
		if ctx.Err() != nil {
			continue // drain, so that the reader and workers finish
		}
		p := pendingResult{Result: Result{Origin: r.doc.Origin, Line: r.doc.Line, Size: r.doc.Size}, index: -1}
		if r.err != nil {
			p.Err = NewInputError(r.doc.Origin, r.err)
		} else {
			if f := r.input.Result.Failures; len(f) > 0 {
				p.Incomplete = NewInputError(r.doc.Origin, fmt.Errorf("stored, but extraction is incomplete: %s", strings.Join(f, "; ")))
			}
			p.index = len(batch)
			batch = append(batch, r.input)
		}
		if len(pending) == 0 && timer != nil {
			timer.Reset(opts.MaxDelay)
			deadline = timer.C
		}
		pending = append(pending, p)
		if len(batch) >= opts.BatchSize {
			flush()
			deadline = nil
		}
	}
	flush()
	if err := ctx.Err(); err != nil {
		cause := context.Cause(ctx)
		verb := "interrupted"
		if errors.Is(cause, graph.ErrDiskFull) {
			verb = "stopped"
		}
		errs = append(errs, fmt.Errorf("%s after %s: %w", verb, Count(summary.Documents, "document"), cause))
	}
	summary.Elapsed = time.Since(start)
	return summary, errs
}

// pendingResult is a result waiting for its batch to be written; index is
// the document's place in the batch, -1 for a failed input.
type pendingResult struct {
	Result
	index int
}

// extractDocument runs extraction on one document. A panic in the
// extractor fails this document only.
func extractDocument(ctx context.Context, ex *extract.Extractor, doc Document, timeout time.Duration) (out extracted) {
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, timeout, fmt.Errorf("extraction took longer than %s", timeout))
		defer cancel()
	}
	input, err := ExtractContext(ctx, ex, doc)
	doc.Text = ""
	return extracted{doc: doc, input: input, err: err}
}

// Extract runs extraction on one document and gives what the store takes.
// A panic in the extractor is an error.
func Extract(ex *extract.Extractor, doc Document) (graph.IngestInput, error) {
	return ExtractContext(context.Background(), ex, doc)
}

// ExtractContext is Extract until ctx is done: a document whose
// extraction ctx stopped is an error (ErrStopped, with ctx's cause), never
// stored incomplete.
func ExtractContext(ctx context.Context, ex *extract.Extractor, doc Document) (in graph.IngestInput, err error) {
	defer func() {
		if p := recover(); p != nil {
			in, err = graph.IngestInput{}, fmt.Errorf("extract: panic: %v", p)
		}
	}()
	result := ex.ExtractContext(ctx, extract.Article{
		Text:      doc.Text,
		Title:     doc.Header.Title,
		Publisher: doc.Header.Publisher,
		Kind:      doc.Header.Kind,
	})
	if ctx.Err() != nil {
		return graph.IngestInput{}, fmt.Errorf("%w: %w", ErrStopped, context.Cause(ctx))
	}
	return graph.IngestInput{Meta: Meta(doc.Header), Text: doc.Text, Result: result}, nil
}

// ErrStopped is the error of a document whose extraction was stopped (a
// request's deadline, an interrupt): it is not stored.
var ErrStopped = errors.New("extraction stopped before the end, nothing stored")

// Meta is what the store keeps of a header. The date and kind as written
// are kept in Metadata ("date", "kind"), so nothing of the header is lost
// when the date is partial ("August 2023") or not understood.
func Meta(h extract.Header) graph.DocumentMeta {
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
