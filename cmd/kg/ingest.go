package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph/ingest"
)

// runIngest implements "kg ingest": extract articles and store them.
func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("ingest", "[--db DIR] PATH...", `Extracts entities, claims and relations from articles and stores them.
Each PATH is a .txt article (an optional header of "key: value" lines ended
by a line ---, then the text), a .jsonl file (one {"text": ..., "url": ...}
object per line), a directory (searched for *.txt and *.jsonl), or - for
standard input (JSONL when it starts with '{', else one article).
A document already stored (same URL, or same text) is not stored again.
Errors name FILE:LINE; every good document is stored, and the exit code is
1 if any input failed. Go's garbage collector runs at GOGC=200 (fewer
collections of a large, steady heap, for more memory) unless GOGC is set.`, stderr)
	db := dbFlag(fs)
	workers := fs.Int("workers", 0, "extraction goroutines (default GOMAXPROCS)")
	batch := fs.Int("batch", ingest.DefaultBatchSize, "documents per write to the database (each document stays atomic)")
	paths, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("no PATH to ingest")
	}

	ex, err := extract.New()
	if err != nil {
		return err
	}
	store, _, err := openDB(*db)
	if err != nil {
		return err
	}
	summary, errs := ingest.Paths(ctx, store, ex, paths, ingest.Options{
		Stdin:     os.Stdin,
		BatchSize: *batch,
		Workers:   *workers,
		GCPercent: ingest.GCPercentFor(os.Getenv),
	})
	for _, err := range errs {
		fmt.Fprintf(stderr, "kg: ingest %v\n", err)
	}
	for _, err := range summary.Incomplete {
		fmt.Fprintf(stderr, "kg: ingest: warning: %v\n", err)
	}
	fmt.Fprintln(stdout, summary)
	if err := store.Close(); err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	if ctx.Err() != nil {
		return errors.New("interrupted; the documents counted above are stored")
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s failed (see above); every other document is stored", ingest.Count(len(errs), "input"))
	}
	return nil
}
