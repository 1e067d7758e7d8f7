package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
	"github.com/factgraph/kg/graph/ingest"
)

// runIngest implements "kg ingest": extract articles and store them.
func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("ingest", "[--db DIR | --server URL] PATH...", `Extracts entities, claims and relations from articles and stores them.
Each PATH is a .txt article (an optional header of "key: value" lines ended
by a line ---, then the text), a .jsonl file (one {"text": ..., "url": ...}
object per line), a directory (searched for *.txt and *.jsonl), or - for
standard input (JSONL when it starts with '{', else one article).
A document already stored (same URL, or same text) is not stored again.
Errors name FILE:LINE; every good document is stored, and the exit code is
1 if any input failed. With --server URL the documents are sent, as they
are read, to a running kg serve (POST /ingest), which stores them as kg
ingest would while it serves; without it the database must not be held by
a server; the server asks for a credential, the token of kg token add
NAME, given in $KG_TOKEN. Progress (count, rate, time left) goes to standard error when it
is a terminal. Go's garbage collector runs at GOGC=200 (fewer collections
of a large, steady heap, for more memory) unless GOGC is set.`, stderr)
	db := dbFlag(fs)
	server := fs.String("server", "", "send the documents to the kg serve at `URL` (http://127.0.0.1:8080) instead of opening a database")
	workers := fs.Int("workers", 0, "extraction goroutines (default GOMAXPROCS)")
	batch := fs.Int("batch", ingest.DefaultBatchSize, "documents per write to the database (each document stays atomic)")
	syncWrites := fs.Bool("sync", false, "sync every write to disk before counting it stored (Badger's SyncWrites): stored documents survive a power loss, not only a crash of kg")
	paths, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("no PATH to ingest")
	}
	prog := newProgress(ctx, stderr, paths)
	defer prog.stop()
	if *server != "" {
		if *db != "" {
			return usagef("--db and --server exclude each other: the server has its database")
		}
		if *syncWrites {
			return usagef("--sync and --server exclude each other: start the server with kg serve --sync")
		}
		return ingestToServer(ctx, *server, os.Getenv(tokenEnvVar), paths, os.Stdin, stdout, stderr, prog)
	}

	ex, err := extract.New()
	if err != nil {
		return err
	}
	store, _, err := openDB(*db, *syncWrites)
	if err != nil {
		return err
	}
	summary, errs := ingest.Paths(ctx, store, ex, paths, ingest.Options{
		Stdin:     os.Stdin,
		BatchSize: *batch,
		Workers:   *workers,
		GCPercent: ingest.GCPercentFor(os.Getenv),
		OnResult:  prog.add,
	})
	prog.stop()
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
	if len(errs) > 0 && errors.Is(errs[len(errs)-1], graph.ErrDiskFull) {
		return errors.New("stopped: the disk is nearly full (see above); the documents counted above are stored, the others were not read")
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s failed (see above); every other document is stored", ingest.Count(len(errs), "input"))
	}
	return nil
}

// progress shows an ingest's progress on a terminal: documents, rate, and
// the time left (from the bytes read of the inputs' total size). It does
// nothing when stderr is not a terminal.
type progress struct {
	out            io.Writer
	total          int64 // bytes of the inputs; 0 when unknown (stdin)
	start          time.Time
	docs, bytes    atomic.Int64
	done           chan struct{}
	stopped        atomic.Bool
	finished       chan struct{}
	lastLineLength int
}

// newProgress starts showing progress on stderr if it is a terminal.
func newProgress(ctx context.Context, stderr io.Writer, paths []string) *progress {
	p := &progress{done: make(chan struct{}), finished: make(chan struct{})}
	if !isTerminal(stderr) {
		close(p.finished)
		p.stopped.Store(true)
		return p
	}
	p.out, p.start = stderr, time.Now()
	go func() {
		defer close(p.finished)
		p.total = ingest.InputBytes(ctx, paths)
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-p.done:
				fmt.Fprintf(p.out, "\r%*s\r", p.lastLineLength, "")
				return
			case <-tick.C:
				line := progressLine(p.docs.Load(), p.bytes.Load(), p.total, time.Since(p.start))
				fmt.Fprintf(p.out, "\r%-*s", p.lastLineLength, line)
				p.lastLineLength = len(line)
			}
		}
	}()
	return p
}

// add counts one document's result (ingest.Options.OnResult).
func (p *progress) add(r ingest.Result) {
	p.docs.Add(1)
	p.bytes.Add(r.Size)
}

// stop clears the progress line; it may be called more than once.
func (p *progress) stop() {
	if p.stopped.CompareAndSwap(false, true) {
		close(p.done)
	}
	<-p.finished
}

// progressLine is what progress shows: "12,345 documents, 1,210/s, 43%,
// about 1m20s left" (no percentage or time left when the total is not
// known).
func progressLine(docs, done, total int64, elapsed time.Duration) string {
	line := fmt.Sprintf("kg: %s documents", thousands(docs))
	if s := elapsed.Seconds(); s > 0 {
		line += fmt.Sprintf(", %s/s", thousands(int64(float64(docs)/s)))
	}
	if total > 0 && done > 0 && done <= total {
		left := time.Duration(float64(elapsed) * float64(total-done) / float64(done))
		line += fmt.Sprintf(", %d%%, about %s left", done*100/total, left.Round(time.Second))
	}
	return line
}

// thousands writes n with thousands separators: 12,345.
func thousands(n int64) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
