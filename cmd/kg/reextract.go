package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
	"github.com/factgraph/kg/graph/ingest"
)

// runReextract implements "kg reextract": extract every stored text again
// with this program's extractor, keeping the corrections.
func runReextract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("reextract", "[--db DIR] [--workers N]", `Runs this program's extractor over every stored document text again (after
an upgrade of the extractor) and replaces what was extracted, keeping the
texts, their headers, the audit log and the credentials. The corrections
apply to the new extraction: each finds what it corrects by its document
and span or its entity's key and name; one that no longer finds it is
listed at the end and in kg audit as UNAPPLIED, never dropped.

The new extraction is built beside the old one (DIR/rebuild), which keeps
answering until it is complete; an interrupted run resumes where it
stopped. Old document and entity IDs keep resolving to the new ones.
The database must not be open elsewhere (stop kg serve).`, stderr)
	db := dbFlag(fs)
	workers := fs.Int("workers", 0, "extraction goroutines (default GOMAXPROCS)")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("unexpected argument %q", rest[0])
	}
	dir, err := resolveDBDir(*db, runtime.GOOS, os.Getenv)
	if err != nil {
		return err
	}
	if _, err := os.Stat(dir); err != nil {
		return fmt.Errorf("no database at %s: %w", dir, err)
	}
	ex, err := extract.New()
	if err != nil {
		return err
	}
	return rebuildStore(ctx, dir, ex, *workers, "reextract", stdout, stderr)
}

// runMigrate implements "kg migrate": upgrade a database of the previous
// layout version in place.
func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("migrate", "[--db DIR] [--workers N]", `Upgrades a database of the previous layout version in place: the texts,
their headers, the audit log and the credentials are kept, everything else
is made again by extracting the texts (as kg reextract does). Every command
that opens a database does this by itself, with a message; kg migrate does
it alone. A database of the current version is left as it is.`, stderr)
	db := dbFlag(fs)
	workers := fs.Int("workers", 0, "extraction goroutines (default GOMAXPROCS)")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("unexpected argument %q", rest[0])
	}
	dir, err := resolveDBDir(*db, runtime.GOOS, os.Getenv)
	if err != nil {
		return err
	}
	store, err := graph.Open(dir, graph.IngestOptions())
	if err == nil {
		fmt.Fprintf(stdout, "kg: %s is of the current layout version: nothing to migrate\n", dir)
		return store.Close()
	}
	if !errors.Is(err, graph.ErrOlderLayout) {
		return fmt.Errorf("open database %s: %w", dir, err)
	}
	ex, err := extract.New()
	if err != nil {
		return err
	}
	return rebuildStore(ctx, dir, ex, *workers, "migrate", stdout, stderr)
}

// rebuildStore rebuilds the store in dir with ex (graph.Rebuild), showing
// progress on stderr, and lists the corrections that no longer apply.
func rebuildStore(ctx context.Context, dir string, ex *extract.Extractor, workers int, verb string, stdout, stderr io.Writer) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if graph.RebuildPending(dir) {
		fmt.Fprintf(stderr, "kg %s: resuming the rebuild an earlier run left in %s\n", verb, dir)
	}
	start := time.Now()
	lastShown := time.Time{}
	report, err := graph.Rebuild(ctx, dir, graph.RebuildOptions{
		Workers: workers,
		Extract: func(d graph.Document, text string) extract.Result {
			r := ex.Extract(extract.Article{Text: text, Title: d.Title, Publisher: d.Publisher, Kind: d.Metadata["kind"]})
			return extractorVariant(r, text)
		},
		Progress: func(done, total int) {
			if time.Since(lastShown) >= time.Second || done == total {
				lastShown = time.Now()
				fmt.Fprintf(stderr, "kg %s: %d of %d documents extracted again\n", verb, done, total)
			}
		},
	})
	for _, f := range report.Failed {
		fmt.Fprintf(stderr, "kg %s: %v\n", verb, f)
	}
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted with %d documents extracted again; queries answer from the old extraction until it is complete: run kg %s again to resume", report.Documents, verb)
		}
		return err
	}
	fmt.Fprintf(stdout, "kg %s: %d documents extracted again (%d by an earlier run) in %s; the new extraction is in place\n",
		verb, report.Documents, report.Resumed, time.Since(start).Round(time.Millisecond))
	store, err := openStore(dir)
	if err != nil {
		return err
	}
	defer store.Close()
	var unapplied []byte
	n, err := describeUnapplied(ctx, store, writerFunc(func(p []byte) (int, error) { unapplied = append(unapplied, p...); return len(p), nil }))
	if err != nil {
		return err
	}
	if n > 0 {
		fmt.Fprintf(stdout, "kg %s: %s no longer apply (what they correct is no longer extracted); kg audit lists them as UNAPPLIED:\n%s", verb, ingest.Count(n, "correction"), unapplied)
	} else {
		fmt.Fprintf(stdout, "kg %s: every correction applies to the new extraction\n", verb)
	}
	return store.Close()
}

// writerFunc is an io.Writer of a function.
type writerFunc func(p []byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
