package main

// kg bench: measure ingest and query speed on a synthetic archive, through
// the pipeline of kg ingest and the HTTP server of kg serve, and print one
// table that the README can quote. This file holds the command (its flags
// and the order of the run); the measures are beside it: bench_ingest.go
// (ingest, through the pipeline and through the server), bench_extract.go
// (extraction alone), bench_queries.go (the queries and their sampled
// arguments), bench_drive.go (serving and driving them over HTTP),
// bench_process.go (what the kernel says of the process) and
// bench_report.go (the table, its targets and the baseline's ratios).

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sync"
	"time"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph/ingest"
)

const benchDescription = `Writes N synthetic articles to a temporary directory (the archive kg gen
writes) and ingests that directory into a fresh database through the
pipeline of kg ingest (extraction alone is measured on one core, at the
start and again at the end of the run: the faster sample is its row),
serves that database like kg serve on a loopback port, and drives it with
concurrent GraphQL clients over HTTP, one query after the other:

  entity    an entity by name, with its first 20 claims about it
  speaker   the first 20 claims of a speaker
  about     the first 20 claims about an entity
  document  a document, with its text and its first 20 claims
  text      the first 20 claims containing a word or two
  search    the first 20 hits of a ranked search (search): a name, or
            words of a claim
  figures   the KILLED figure group of a place (figureGroups): its
            bounds and best estimate with their sources, and its first
            20 reports with their claims
  merged    the first 20 claims of a speaker, and their count, through
            the ID of a speaker merged into it (mergeEntities; the ten
            pairs of the most popular speakers, merged for this query and
            undone after it; merge_max_ms is the slowest merge)
  contested the first page (20) of the contested relation groups of a
            predicate, most sources first (of FIGHTS, maybe empty, when no
            group is contested)
  filtered_claims
            the first 20 claims of a mix of the filters: a speaker's
            name newest first; a publisher in a month without narrative;
            quotes and statements in a week newest first; a predicate
            since a season, oldest first, above a confidence
  neighbors2
            the first 20 entities within two hops of an actor (neighbors)
  paths3    the first 5 shortest paths of at most three hops between two
            actors (paths), every step with its relation group

The arguments are sampled from what was stored: popular and rare entities,
documents, words, fixed by the seed. The queries start once Badger's
compactions after the ingest are done (at most 2 minutes later), on the
database opened again (as a server started on it); each
query first runs unmeasured for --warmup (the p99 of those first requests
on a just-opened store is reported as warmup_p99), then for --duration or
--requests, whichever ends first. --queries-only skips generating and
ingesting and measures the queries on a database kept with --keep, in a
fresh process (so its memory is a server's, not an ingest's).

Prints two header lines ("kg bench: key=value ...", "machine: key=value
...") and one table, a row per measure: metric, value, unit, and for the
project's targets the target and ok or MISS. --json prints the same as JSON.
--baseline adds the ratios the targets set between two scales (CPU per
article with the flushes and compactions that follow the ingest, p50 of
the lookups) against an earlier --json output.
--baseline-db DIR measures the lookups again, after the table's own
measures, on the database an earlier run kept (--keep) and on this one,
in short rounds alternating between the two, and gives the lookups' p50
ratios from those rounds (the target moves there). With --baseline too,
it also ingests the baseline's archive (its --docs and --seed) into a
temporary database before this run's ingest and again after this run's
settle, and gives this run's CPU per article (with the flushes and
compactions after the ingest) against the mean of those two (the 1.3x
target moves there).
Two runs made minutes apart differ by what the machine did in between.`

// benchOptions are the parsed flags of kg bench.
type benchOptions struct {
	Docs     int           `json:"docs"`
	Seed     uint64        `json:"seed"`
	Clients  int           `json:"clients"`
	Duration time.Duration `json:"-"`
	Warmup   time.Duration `json:"-"`
	Requests int           `json:"requests"` // per query, at most
	Workers  int           `json:"workers"`
	Batch    int           `json:"batch"`
	// Samples is the number of distinct argument sets per query.
	Samples int `json:"samples"`

	DB   string `json:"-"`
	Keep bool   `json:"-"`
	// QueriesOnly measures the queries on the existing database --db
	// (kept by an earlier --keep): no generating, no ingest.
	QueriesOnly bool   `json:"queries_only,omitempty"`
	JSON        bool   `json:"-"`
	CPUProfile  string `json:"-"`
	MemProfile  string `json:"-"`
	Baseline    string `json:"-"`
	// BaselineDB is the baseline run's kept database: the lookups are
	// measured again on it, in rounds alternating with this run's.
	BaselineDB string `json:"-"`
}

// Defaults of kg bench.
const (
	benchDefaultDocs     = 10000
	benchDefaultClients  = 8
	benchDefaultDuration = 3 * time.Second
	benchDefaultWarmup   = time.Second
	benchDefaultRequests = 20000
	benchDefaultSamples  = 2048
	// benchSampledDocuments is how many stored documents the query
	// arguments are drawn from (with their claims and entities).
	benchSampledDocuments = 1000
	// benchExtractMaxDocs and benchExtractMaxTime bound the measure of
	// generating and extracting alone, on one goroutine; its MB/s is the
	// median of rounds of benchExtractRound articles.
	benchExtractMaxDocs = 4000
	benchExtractMaxTime = 6 * time.Second
	benchExtractRound   = 500
	// benchValidate is how many requests of each query are checked in
	// full (JSON decoded, non-empty answer) before the timed run.
	benchValidate = 20
)

func parseBenchFlags(args []string, stderr io.Writer) (benchOptions, error) {
	o := benchOptions{}
	fs := newFlagSet("bench", "[--docs N] [--seed S] [--clients N] [--duration D] [--db DIR] [--keep] [--json]", benchDescription, stderr)
	fs.IntVar(&o.Docs, "docs", benchDefaultDocs, "number of synthetic articles to ingest")
	fs.Uint64Var(&o.Seed, "seed", 1, "random seed of the articles and of the query arguments")
	fs.IntVar(&o.Clients, "clients", benchDefaultClients, "concurrent HTTP clients")
	fs.DurationVar(&o.Duration, "duration", benchDefaultDuration, "how long each query runs, at most")
	fs.DurationVar(&o.Warmup, "warmup", benchDefaultWarmup, "how long each query runs unmeasured first (its p99 is reported as warmup_p99); 0: none")
	fs.IntVar(&o.Requests, "requests", benchDefaultRequests, "how many requests each query makes, at most")
	fs.IntVar(&o.Workers, "workers", 0, "extraction goroutines (default GOMAXPROCS)")
	fs.IntVar(&o.Batch, "batch", ingest.DefaultBatchSize, "documents per store.IngestBatch call")
	fs.IntVar(&o.Samples, "samples", benchDefaultSamples, "distinct arguments per query")
	fs.StringVar(&o.DB, "db", "", "database `DIR`, empty or missing, removed afterwards unless --keep (default a temporary directory)")
	fs.BoolVar(&o.Keep, "keep", false, "keep the database afterwards (its directory is printed)")
	fs.BoolVar(&o.QueriesOnly, "queries-only", false, "measure only the queries, on the existing database --db (a fresh process over a kept database)")
	fs.BoolVar(&o.JSON, "json", false, "print the results as JSON")
	fs.StringVar(&o.CPUProfile, "cpuprofile", "", "write CPU profiles to `FILE`.ingest (the ingest) and FILE.query (the queries)")
	fs.StringVar(&o.MemProfile, "memprofile", "", "write a heap profile to `FILE` after the queries")
	fs.StringVar(&o.Baseline, "baseline", "", "an earlier run's --json output `FILE`, to compare with")
	fs.StringVar(&o.BaselineDB, "baseline-db", "", "the database `DIR` an earlier run kept: its lookups are measured again, alternating with this run's, for the p50 ratios; with --baseline, its archive is ingested again before and after this run's ingest, for the cost ratio")
	positional, err := parseArgs(fs, args)
	if err != nil {
		return o, err
	}
	switch {
	case len(positional) > 0:
		return o, usagef("unexpected argument %q", positional[0])
	case o.Docs <= 0:
		return o, usagef("--docs must be a positive number of articles, got %d", o.Docs)
	case o.Clients <= 0:
		return o, usagef("--clients must be positive, got %d", o.Clients)
	case o.Duration <= 0:
		return o, usagef("--duration must be positive, got %s", o.Duration)
	case o.Warmup < 0:
		return o, usagef("--warmup must not be negative, got %s", o.Warmup)
	case o.QueriesOnly && o.DB == "":
		return o, usagef("--queries-only needs --db DIR, a database kept by kg bench --keep")
	case o.Requests <= 0:
		return o, usagef("--requests must be positive, got %d", o.Requests)
	case o.Batch <= 0:
		return o, usagef("--batch must be positive, got %d", o.Batch)
	case o.Workers < 0:
		return o, usagef("--workers must not be negative, got %d", o.Workers)
	case o.Samples <= 0:
		return o, usagef("--samples must be positive, got %d", o.Samples)
	case o.BaselineDB != "" && o.DB != "" && filepath.Clean(o.BaselineDB) == filepath.Clean(o.DB):
		return o, usagef("--baseline-db %s is this run's --db too", o.BaselineDB)
	case o.QueriesOnly && !isDatabase(o.DB):
		return o, usagef("--queries-only --db %s: not a database (keep one with kg bench --keep)", o.DB)
	case o.BaselineDB != "" && !isDatabase(o.BaselineDB):
		return o, usagef("--baseline-db %s: not a database (keep one with kg bench --keep)", o.BaselineDB)
	}
	if o.Workers == 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	return o, nil
}

// isDatabase reports whether dir holds a database (Badger's MANIFEST), so
// that a mistyped directory is refused rather than created empty.
func isDatabase(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "MANIFEST"))
	return err == nil
}

// runBench implements "kg bench".
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseBenchFlags(args, stderr)
	if err != nil {
		return err
	}
	var baseline *benchReport
	if o.Baseline != "" {
		if baseline, err = readBenchReport(o.Baseline); err != nil {
			return err
		}
	}
	dir, removeDir := o.DB, func() {}
	if !o.QueriesOnly {
		if dir, removeDir, err = benchDir(o.DB); err != nil {
			return err
		}
	}
	defer func() {
		if o.Keep || o.QueriesOnly {
			fmt.Fprintf(stderr, "kg bench: kept the database in %s\n", dir)
		} else {
			removeDir()
		}
	}()
	b := &benchRun{opts: o, dir: dir, stderr: stderr, mem: startMemSampler(20 * time.Millisecond), baseline: baseline}
	defer b.mem.stop()
	report, err := b.run(ctx)
	if err != nil {
		return err
	}
	if baseline != nil {
		report.compare(baseline)
	}
	if o.JSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(report)
	}
	_, err = io.WriteString(stdout, report.table())
	return err
}

// benchDir gives the database directory: flagValue if it is empty or
// missing (never a database with data in it), else a new temporary one.
// remove deletes it.
func benchDir(flagValue string) (dir string, remove func(), err error) {
	if flagValue == "" {
		dir, err = os.MkdirTemp("", "kg-bench-")
		if err != nil {
			return "", nil, fmt.Errorf("create database directory: %w", err)
		}
		return dir, func() { os.RemoveAll(dir) }, nil
	}
	entries, err := os.ReadDir(flagValue)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return "", nil, fmt.Errorf("database directory: %w", err)
	case len(entries) > 0:
		return "", nil, usagef("--db %s is not empty: kg bench needs a fresh database", flagValue)
	}
	if err := os.MkdirAll(flagValue, 0o755); err != nil {
		return "", nil, fmt.Errorf("create database directory: %w", err)
	}
	return flagValue, func() { os.RemoveAll(flagValue) }, nil
}

// benchRun is one run of kg bench.
type benchRun struct {
	opts   benchOptions
	dir    string
	stderr io.Writer
	mem    *memSampler
	report benchReport
	// ingestCPU and ingested are the CPU time of the ingest and of closing
	// its database, and the articles, for the cost per article with the
	// flushes and compactions that follow the ingest.
	ingestCPU time.Duration
	ingested  int
	// baseline is the --baseline report; with --baseline-db, its archive
	// is ingested again before and after this run's ingest (see
	// measureBaselineIngest), and baselineBefore is the CPU per article
	// of the ingest before.
	baseline       *benchReport
	baselineBefore time.Duration
	// extractStart is the sample of extraction alone at the start of the
	// run (none with --queries-only; see measureExtractionAgain).
	extractStart extractionMeasure
}

func (b *benchRun) progress(format string, args ...any) {
	fmt.Fprintf(b.stderr, "kg bench: "+format+"\n", args...)
}

func (b *benchRun) add(name string, value float64, unit string) *benchMetric {
	b.report.Metrics = append(b.report.Metrics, benchMetric{Name: name, Value: value, Unit: unit})
	return &b.report.Metrics[len(b.report.Metrics)-1]
}

// run measures everything and gives the report.
func (b *benchRun) run(ctx context.Context) (*benchReport, error) {
	start := time.Now()
	o := b.opts
	b.report.Machine = currentMachine()
	b.report.Parameters = benchParameters{benchOptions: o, DurationText: o.Duration.String()}

	if !o.QueriesOnly {
		if err := b.measureIngest(ctx); err != nil {
			return nil, err
		}
	}

	// The server gets an extractor of its own, as kg serve starts with a
	// fresh one: the ingest's has cached the folds of every word it read
	// (hundreds of MiB at 100k articles), which a server does not hold.
	ex, err := extract.New()
	if err != nil {
		return nil, err
	}
	// Opening the database starts Badger's compactions of what the ingest
	// left: their CPU is counted from here.
	settleCPU := readUsage().cpu
	store, err := openServingStore(b.dir)
	if err != nil {
		return nil, err
	}
	defer func() {
		if store != nil {
			store.Close()
		}
	}()
	b.progress("waiting for the database to settle (compactions), at most %s", benchSettleMax)
	waited := settle(ctx)
	if waited >= benchSettleMax {
		b.progress("the database had not settled after %s: compactions may still run", benchSettleMax)
	}
	b.add("settle_s", waited.Seconds(), "s")
	// Mostly Badger's compactions of what the ingest wrote: deferred
	// work of the ingest, which its own rows do not count.
	settleCPU = readUsage().cpu - settleCPU
	b.add("settle_cpu_s", settleCPU.Seconds(), "s")
	var settled float64
	if b.ingested > 0 {
		settled = (b.ingestCPU + settleCPU).Seconds() * 1e3 / float64(b.ingested)
		b.add(settledCPURow, settled, "ms")
	}
	stats, err := store.Stats(ctx)
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	b.add("graph_documents", float64(stats.Documents), "documents")
	b.add("graph_entities", float64(stats.Entities), "entities")
	b.add("graph_claims", float64(stats.Claims), "claims")
	b.add("graph_relations", float64(stats.Relations), "relations")
	b.add("graph_mentions", float64(stats.Mentions), "mentions")

	b.progress("sampling query arguments")
	queries, err := sampleBenchQueries(ctx, store, o.Seed, o.Samples)
	if err != nil {
		return nil, err
	}

	// The queries run on the settled database opened again, as a server
	// started on it: Badger memory-maps the tables its compactions write,
	// which would otherwise count in the server's resident memory as
	// pages no query read.
	err = store.Close()
	store = nil // closed once, not again when run returns
	if err != nil {
		return nil, fmt.Errorf("close database: %w", err)
	}
	if b.ingested > 0 && b.bracketsIngest() {
		// With this run's database closed: nothing of it runs meanwhile.
		cost, err := b.measureBaselineIngest(ctx, "after")
		if err != nil {
			return nil, err
		}
		before, after := b.baselineBefore.Seconds()*1e3, cost.Seconds()*1e3
		b.add("baseline_"+settledCPURow+"_before", before, "ms")
		b.add("baseline_"+settledCPURow+"_after", after, "ms")
		b.add(settledCPURow+"_vs_baseline_interleaved", settled/((before+after)/2), "ratio").target("<=", 1.3)
	}
	if store, err = openServingStore(b.dir); err != nil {
		return nil, err
	}
	runtime.GC()
	debug.FreeOSMemory()
	overall := readUsage() // its peak RSS is lost when resetPeakRSS succeeds
	b.mem.resetPeaks()
	serveRSSExact := resetPeakRSS()
	if err := b.measureQueries(ctx, store, ex, queries); err != nil {
		return nil, err
	}

	serving := readUsage()
	servePeakRSS := serving.maxRSS // whole run: the fallback where the peak cannot be reset
	if serveRSSExact {
		if hwm, ok := procStatusBytes("VmHWM:"); ok {
			servePeakRSS = hwm
		}
	}
	mib := func(n uint64) float64 { return float64(n) / (1 << 20) }
	b.add("peak_rss_mib", mib(max(overall.maxRSS, servePeakRSS)), "MiB")
	if b.mem.anonKnown.Load() {
		b.add("peak_rss_anon_mib", mib(b.mem.anon.Load()), "MiB")
	}
	b.add("peak_heap_inuse_mib", mib(b.mem.heap.Load()), "MiB")
	b.add("serve_peak_rss_mib", mib(servePeakRSS), "MiB").target("<=", 1024)
	if b.mem.anonKnown.Load() {
		b.add("serve_peak_rss_anon_mib", mib(b.mem.anonSinceReset.Load()), "MiB")
	}
	b.add("serve_peak_heap_inuse_mib", mib(b.mem.heapSinceReset.Load()), "MiB")

	if o.MemProfile != "" {
		if err := writeHeapProfile(o.MemProfile); err != nil {
			return nil, err
		}
	}
	if o.BaselineDB != "" {
		if err := b.measureInterleaved(ctx, store, ex, queries); err != nil {
			return nil, err
		}
	}
	// Extraction alone is measured again with the database closed, as at
	// the start: no Badger goroutines, the server's memory released.
	err = store.Close()
	store = nil
	if err != nil {
		return nil, fmt.Errorf("close database: %w", err)
	}
	if !o.QueriesOnly {
		if err := b.measureServerIngest(ctx); err != nil {
			return nil, err
		}
	}
	if err := b.measureExtractionAgain(ctx); err != nil {
		return nil, err
	}
	b.add("total_s", time.Since(start).Seconds(), "s").target("<=", 600)
	return &b.report, nil
}

// Settling: after a large ingest Badger compacts its levels for a while
// once the database is open; the queries are measured after that, as a
// server that has been up for a while would answer them.
const (
	benchSettleMax    = 2 * time.Minute
	benchSettleWindow = 500 * time.Millisecond
	// benchSettleIdle is the CPU time per window under which the
	// process counts as idle: 5% of one CPU.
	benchSettleIdle = benchSettleWindow / 20
)

// settle waits until the process has been idle for two windows in a row,
// or benchSettleMax, and gives how long it waited.
func settle(ctx context.Context) time.Duration {
	start := time.Now()
	last := readUsage().cpu
	tick := time.NewTicker(benchSettleWindow)
	defer tick.Stop()
	for quiet := 0; quiet < 2 && time.Since(start) < benchSettleMax; {
		select {
		case <-ctx.Done():
			return time.Since(start)
		case <-tick.C:
		}
		cpu := readUsage().cpu
		if cpu-last < benchSettleIdle {
			quiet++
		} else {
			quiet = 0
		}
		last = cpu
	}
	return time.Since(start)
}

// startCPUProfile writes a CPU profile to file.phase until stop is called
// (stop may be called more than once). An empty file profiles nothing.
func startCPUProfile(file, phase string) (stop func(), err error) {
	if file == "" {
		return func() {}, nil
	}
	f, err := os.Create(file + "." + phase)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			pprof.StopCPUProfile()
			f.Close()
		})
	}, nil
}

// writeHeapProfile writes a heap profile of the live objects (after a
// collection) to file.
func writeHeapProfile(file string) error {
	f, err := os.Create(file)
	if err != nil {
		return fmt.Errorf("heap profile: %w", err)
	}
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("heap profile: %w", err)
	}
	return f.Close()
}
