package main

// kg bench: the ingest measures (the pipeline of kg ingest on the archive,
// the baseline's archive around it, and POST /ingest of the server).

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/factgraph/kg/cmd/kg/internal/synth"
	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph/ingest"
)

// benchDocument is article i of the synthetic archive as the pipeline's
// document, with the header kg ingest would read from kg gen's files.
func benchDocument(i int, a synth.Article) ingest.Document {
	publishedAt, _ := extract.ParseDate(a.Date)
	return ingest.Document{
		Origin: "article " + strconv.Itoa(i+1),
		Header: extract.Header{
			URL: a.URL, Title: a.Title, Publisher: a.Publisher,
			Date: a.Date, Kind: a.Kind, PublishedAt: publishedAt,
		},
		Text: a.Text,
	}
}

// measureIngest measures generating and extracting the first articles
// alone, on one goroutine; then writes the archive to a temporary
// directory as kg gen does and measures the whole ingest of that directory
// as kg ingest reads it, with a fresh extractor (composing articles is the
// benchmark's work, not the ingest's: measured with the ingest it took
// ~0.2 ms of 2.5 ms of CPU per article); then the size of the database on
// disk after closing it. The CPU profile (--cpuprofile) covers the ingest
// alone, and the baseline's ingest (see measureBaselineIngest) comes just
// before it.
func (b *benchRun) measureIngest(ctx context.Context) error {
	o := b.opts
	n := min(o.Docs, benchExtractMaxDocs)
	m, err := b.extractAlone(ctx, n, "start", true)
	if err != nil {
		return err
	}
	b.addExtractionRows(m)

	archive, err := os.MkdirTemp("", "kg-bench-articles-")
	if err != nil {
		return fmt.Errorf("create archive directory: %w", err)
	}
	defer os.RemoveAll(archive)
	b.progress("writing %d articles to %s (kg gen --format txt)", o.Docs, archive)
	t := time.Now()
	written, err := writeTxt(ctx, genOptions{docs: o.Docs, seed: o.Seed, out: archive, format: "txt"})
	if err != nil {
		return fmt.Errorf("write archive: %w", err)
	}
	b.add("archive_write_s", time.Since(t).Seconds(), "s")
	b.add("archive_mb", float64(written)/1e6, "MB")

	if b.bracketsIngest() {
		warmup, err := b.measureBaselineIngest(ctx, "before (a warm-up, not counted)")
		if err != nil {
			return err
		}
		b.add("baseline_"+settledCPURow+"_warmup", warmup.Seconds()*1e3, "ms")
		if b.baselineBefore, err = b.measureBaselineIngest(ctx, "before"); err != nil {
			return err
		}
	}
	// The ingest starts with a fresh extractor, as kg ingest does.
	ex, err := extract.New()
	if err != nil {
		return err
	}
	stopProfile, err := startCPUProfile(o.CPUProfile, "ingest")
	if err != nil {
		return err
	}
	im, err := b.ingestArchive(ctx, ex, archive, b.dir)
	stopProfile()
	if err != nil {
		return err
	}
	return b.reportIngest(im)
}

// reportIngest adds the rows of this run's ingest, and the size of the
// database it wrote.
func (b *benchRun) reportIngest(m ingestMeasure) error {
	for i, err := range m.errs {
		if i == 5 {
			b.progress("... %d more ingest errors", len(m.errs)-i)
			break
		}
		b.progress("ingest: %v", err)
	}
	cpu, sys := m.after.cpu-m.before.cpu, m.after.sys-m.before.sys
	b.add("articles", float64(m.articles), "articles")
	b.add("input_mb", float64(m.textBytes)/1e6, "MB")
	b.add("ingest_s", m.elapsed.Seconds(), "s")
	b.add("ingest_articles_per_s", float64(m.articles)/m.elapsed.Seconds(), "articles/s").target(">=", 1000)
	b.add("ingest_mb_per_s", float64(m.textBytes)/1e6/m.elapsed.Seconds(), "MB/s")
	b.add("ingest_cpu_ms_per_article", cpu.Seconds()*1e3/float64(m.articles), "ms")
	b.ingestCPU, b.ingested = m.closed.cpu-m.before.cpu, m.articles
	b.add("ingest_sys_cpu_ms_per_article", sys.Seconds()*1e3/float64(m.articles), "ms")
	if other, ok := otherLoad(m.machineBefore, m.machineAfter, cpu, m.elapsed); ok {
		b.add("ingest_other_load_pct", other, "%")
	}
	b.add("ingest_errors", float64(len(m.errs)), "documents").target("<=", 0)
	b.add("ingest_stored", float64(m.summary.Documents-m.summary.Duplicates), "documents")
	b.add("db_close_s", m.closing.Seconds(), "s")
	b.add("db_close_cpu_s", (m.closed.cpu - m.after.cpu).Seconds(), "s")

	size, err := dirSize(b.dir)
	if err != nil {
		return fmt.Errorf("database size: %w", err)
	}
	b.add("db_mb", float64(size)/1e6, "MB")
	b.add("db_bytes_per_input_byte", float64(size)/float64(m.textBytes), "ratio").target("<=", 4)
	return nil
}

// ingestMeasure is what ingestArchive measured.
type ingestMeasure struct {
	articles         int
	textBytes        int64
	elapsed, closing time.Duration
	// before and after the ingest, and once its database is closed
	// (Badger flushes its memtable then: a 10k ingest's whole flush).
	before, after, closed       usage
	machineBefore, machineAfter float64
	summary                     ingest.Summary
	errs                        []error
}

// ingestArchive ingests the kg gen archive in archive into a new database
// in dbDir through the pipeline of kg ingest, and closes the database.
func (b *benchRun) ingestArchive(ctx context.Context, ex *extract.Extractor, archive, dbDir string) (ingestMeasure, error) {
	var m ingestMeasure
	store, err := openStore(dbDir)
	if err != nil {
		return m, err
	}
	opts := ingest.Options{Workers: b.opts.Workers, BatchSize: b.opts.Batch, GCPercent: ingest.GCPercentFor(os.Getenv)}.WithDefaults()
	b.progress("ingesting %s (%d extraction workers, batches of %d)", archive, opts.Workers, opts.BatchSize)
	runtime.GC()
	m.before, m.machineBefore = readUsage(), readMachineBusy()
	t := time.Now()
	m.summary, m.errs = ingest.Run(ctx, store, ex, opts, func(ctx context.Context, emit ingest.Emit) {
		ingest.ReadDir(ctx, archive, func(doc ingest.Document, err error) bool {
			if err == nil {
				m.articles++
				m.textBytes += int64(len(doc.Text))
			}
			return emit(doc, err)
		})
	})
	// The reader's writes to articles and textBytes happen before
	// runPipeline returns: it returns once the reader closed its output.
	m.elapsed = time.Since(t)
	m.after, m.machineAfter = readUsage(), readMachineBusy()
	t = time.Now()
	closeErr := store.Close()
	m.closing, m.closed = time.Since(t), readUsage()
	if ctx.Err() != nil {
		return m, context.Cause(ctx)
	}
	if closeErr != nil {
		return m, fmt.Errorf("close database: %w", closeErr)
	}
	if m.articles == 0 {
		return m, fmt.Errorf("ingest %s: no articles", archive)
	}
	return m, nil
}

// bracketsIngest reports whether the run ingests the baseline's archive
// again around its own ingest: with --baseline-db and a --baseline that
// says which archive (--docs, --seed) it measured.
func (b *benchRun) bracketsIngest() bool {
	base := b.baseline
	return b.opts.BaselineDB != "" && !b.opts.QueriesOnly && base != nil &&
		!base.Parameters.QueriesOnly && base.has("articles") && base.Parameters.Docs > 0
}

// measureBaselineIngest ingests the baseline's archive (its --docs and
// --seed; this run's workers and batch) into a temporary database with a
// fresh extractor, lets the database settle opened again, and gives the
// CPU per article of the three (ingest, close, settle). The run does it
// just before its own ingest and after its own settle (when names the
// moment), and once more before those, as a warm-up: the first ingest of a
// process pays for growing its heap (page faults on first touch, costly on
// the VM of the README's figures), which neither this run's ingest nor the
// last one pays; its cost is reported (the _warmup row) and not counted.
// The cost ratio of two scales measured minutes apart on a machine whose
// speed drifts is the drift as much as the scaling, while the mean of two
// measures on either side of this run's shares its machine.
func (b *benchRun) measureBaselineIngest(ctx context.Context, when string) (time.Duration, error) {
	p := b.baseline.Parameters
	b.progress("ingesting the baseline's %d articles (seed %d) %s this run's ingest", p.Docs, p.Seed, when)
	tmp, err := os.MkdirTemp("", "kg-bench-baseline-")
	if err != nil {
		return 0, fmt.Errorf("baseline ingest: %w", err)
	}
	defer os.RemoveAll(tmp)
	archive, dbDir := filepath.Join(tmp, "articles"), filepath.Join(tmp, "db")
	if _, err := writeTxt(ctx, genOptions{docs: p.Docs, seed: p.Seed, out: archive, format: "txt"}); err != nil {
		return 0, fmt.Errorf("baseline ingest: write archive: %w", err)
	}
	ex, err := extract.New()
	if err != nil {
		return 0, err
	}
	m, err := b.ingestArchive(ctx, ex, archive, dbDir)
	if err != nil {
		return 0, fmt.Errorf("baseline ingest: %w", err)
	}
	if len(m.errs) > 0 {
		return 0, fmt.Errorf("baseline ingest: %d errors, the first: %w", len(m.errs), m.errs[0])
	}
	settleCPU := readUsage().cpu
	store, err := openServingStore(dbDir)
	if err != nil {
		return 0, fmt.Errorf("baseline ingest: %w", err)
	}
	settle(ctx)
	settleCPU = readUsage().cpu - settleCPU
	if err := store.Close(); err != nil {
		return 0, fmt.Errorf("baseline ingest: close database: %w", err)
	}
	return (m.closed.cpu - m.before.cpu + settleCPU) / time.Duration(m.articles), nil
}

// dirSize adds up the sizes of the files under dir.
func dirSize(dir string) (int64, error) {
	var size int64
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			size += info.Size()
		}
		return nil
	})
	return size, err
}

// benchServerIngestDocs bounds the articles sent through the server.
const benchServerIngestDocs = 5000

// measureServerIngest measures kg ingest --server end to end: new articles
// (another seed) written as kg gen writes them, read and sent as JSON lines
// by kg ingest's client to POST /ingest of the real server on a fresh
// database (as this run's ingest row, and opened as kg serve opens a
// database that takes writes; this run's database is left as it is, for
// --keep and --baseline-db), which stores them through the same pipeline,
// answering a line per document. Client and server share the machine, as
// they would on a laptop.
func (b *benchRun) measureServerIngest(ctx context.Context) error {
	n := min(b.opts.Docs, benchServerIngestDocs)
	archive, err := os.MkdirTemp("", "kg-bench-server-articles-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(archive)
	seed := b.opts.Seed + 1_000_003
	if _, err := writeTxt(ctx, genOptions{docs: n, seed: seed, out: archive, format: "txt"}); err != nil {
		return fmt.Errorf("write archive: %w", err)
	}
	ex, err := extract.New()
	if err != nil {
		return err
	}
	dbDir := filepath.Join(archive, ".db") // hidden: the reader skips it
	store, err := openStoreWith(dbDir, servingOptions(true))
	if err != nil {
		return err
	}
	token, err := store.AddToken(ctx, "kg-bench") // POST /ingest is a write
	if err != nil {
		store.Close()
		return err
	}
	endpoint, stopServing, err := b.startServer(ctx, store, ex)
	if err != nil {
		store.Close()
		return err
	}
	b.progress("sending %d new articles (seed %d) to %s with kg ingest --server", n, seed, strings.TrimSuffix(endpoint, "graphql")+"ingest")
	var out, errOut bytes.Buffer
	t := time.Now()
	err = ingestToServer(ctx, strings.TrimSuffix(endpoint, "graphql"), token, []string{archive}, strings.NewReader(""), &out, &errOut, newProgress(ctx, io.Discard, nil))
	elapsed := time.Since(t)
	stopErr := stopServing()
	closeErr := store.Close()
	if err != nil {
		return fmt.Errorf("ingest through the server: %w\n%s", err, errOut.String())
	}
	if err := errors.Join(stopErr, closeErr); err != nil {
		return err
	}
	b.progress("%s", strings.TrimSpace(out.String()))
	b.add("server_ingest_articles", float64(n), "articles")
	b.add("server_ingest_articles_per_s", float64(n)/elapsed.Seconds(), "articles/s").target(">=", 500)
	return nil
}
