package main

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// benchQueryNames are the queries of kg bench, in table order.
var benchQueryNames = []string{"entity", "speaker", "about", "document", "text", "search", "figures", "merged", "contested", "filtered_claims", "neighbors2", "paths3"}

// wantBenchMetrics is every row of kg bench's table, in order. The rows
// about other processes' load are left out where /proc/stat cannot be
// read.
func wantBenchMetrics() []string {
	_, err := os.Stat("/proc/stat")
	procStat := err == nil
	_, err = os.Stat("/proc/self/status")
	procStatus := err == nil
	rows := []string{
		"generate_cpu_ms_per_article",
		"extract_mb_per_s_per_core", "extract_cpu_ms_per_article", "extract_process_cpu_ms_per_article",
		"extract_mb_per_s_per_core_start", "extract_mb_per_s_per_core_end",
		"archive_write_s", "archive_mb",
		"articles", "input_mb", "ingest_s", "ingest_articles_per_s", "ingest_mb_per_s", "ingest_cpu_ms_per_article", "ingest_sys_cpu_ms_per_article",
	}
	if procStat {
		rows = append(rows, "ingest_other_load_pct")
	}
	rows = append(rows, "ingest_errors", "ingest_stored", "db_close_s", "db_close_cpu_s", "db_mb", "db_bytes_per_input_byte",
		"settle_s", "settle_cpu_s", "ingest_settled_cpu_ms_per_article",
		"graph_documents", "graph_entities", "graph_claims", "graph_relations", "graph_mentions")
	for _, q := range benchQueryNames {
		if q == "merged" { // the merges come first
			rows = append(rows, "merge_max_ms", "merge_largest_claims")
		}
		for _, m := range []string{"p50_ms", "p99_ms", "warmup_p99_ms", "rps", "requests", "cpu_ms_per_request", "errors", "response_kb"} {
			rows = append(rows, "q_"+q+"_"+m)
		}
	}
	if procStat {
		rows = append(rows, "query_other_load_pct")
	}
	memory := func(prefix string) {
		rows = append(rows, prefix+"rss_mib")
		if procStatus {
			rows = append(rows, prefix+"rss_anon_mib")
		}
	}
	memory("peak_")
	rows = append(rows, "peak_heap_inuse_mib")
	memory("serve_peak_")
	return append(rows, "serve_peak_heap_inuse_mib", "server_ingest_articles", "server_ingest_articles_per_s", "total_s")
}

// runBenchCommand runs kg bench in process with a small archive and short
// query runs, and fails the test unless it succeeds. A run takes from
// seconds to a minute on a busy machine, so go test -short skips the tests
// that make one (CI runs them: it passes no -short).
func runBenchCommand(t *testing.T, args ...string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: kg bench ingests, settles and serves a synthetic archive (seconds to a minute); run without -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	args = append([]string{"bench", "--duration", "150ms", "--warmup", "50ms", "--clients", "4", "--samples", "64"}, args...)
	if code := run(ctx, args, &stdout, &stderr); code != 0 {
		t.Fatalf("kg %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, stdout.String(), stderr.String())
	}
	return stdout.String()
}

// benchRow is one parsed row of the table.
type benchRow struct {
	value          float64
	unit, target   string
	status, source string
}

// TestBenchTable runs kg bench on 2,000 articles (the smoke run issue 4
// asks for) and checks that its table is complete and well formed: the
// header lines, every row, numbers that parse, non-zero except where zero
// is the right answer. It checks no timing.
func TestBenchTable(t *testing.T) {
	const docs = 2000
	out := runBenchCommand(t, "--docs", strconv.Itoa(docs), "--requests", "150", "--seed", "7")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) < 3 {
		t.Fatalf("too few lines:\n%s", out)
	}

	params := keyValues(t, lines[0], "kg bench: ")
	for key, want := range map[string]string{"docs": "2000", "seed": "7", "clients": "4", "duration": "150ms", "requests": "150", "samples": "64"} {
		if params[key] != want {
			t.Errorf("parameters: %s=%q, want %q (line %q)", key, params[key], want, lines[0])
		}
	}
	for _, key := range []string{"workers", "batch"} {
		if n, err := strconv.Atoi(params[key]); err != nil || n <= 0 {
			t.Errorf("parameters: %s=%q, want a positive number", key, params[key])
		}
	}
	machine := keyValues(t, lines[1], "machine: ")
	for _, key := range []string{"os", "arch", "cpus", "go", "cpu"} {
		if machine[key] == "" {
			t.Errorf("machine: no %s in %q", key, lines[1])
		}
	}
	if got := strings.Fields(lines[2]); !slices.Equal(got, []string{"metric", "value", "unit", "target", "status"}) {
		t.Errorf("column header %q", lines[2])
	}

	rows := map[string]benchRow{}
	var names []string
	for _, line := range lines[3:] {
		f := strings.Fields(line)
		if len(f) != 3 && len(f) != 6 {
			t.Errorf("row %q: want metric, value, unit and maybe target (2 fields) and status", line)
			continue
		}
		v, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			t.Errorf("row %q: value: %v", line, err)
		}
		row := benchRow{value: v, unit: f[2], source: line}
		if len(f) == 6 {
			row.target, row.status = f[3]+" "+f[4], f[5]
			if row.status != "ok" && row.status != "MISS" {
				t.Errorf("row %q: status %q, want ok or MISS", line, row.status)
			}
		}
		names = append(names, f[0])
		rows[f[0]] = row
	}
	if want := wantBenchMetrics(); !slices.Equal(names, want) {
		t.Errorf("rows:\n got %q\nwant %q", names, want)
	}
	for name, row := range rows {
		switch {
		case strings.HasSuffix(name, "_errors"):
			if row.value != 0 {
				t.Errorf("%s: %v, want 0", name, row.value)
			}
		case name == "settle_cpu_s": // nothing may be left to compact
			if row.value < 0 {
				t.Errorf("%s: %v, want 0 or more", name, row.value)
			}
		case strings.HasSuffix(name, "_other_load_pct"):
			if row.value < 0 || row.value > 100 {
				t.Errorf("%s: %v, want 0 to 100", name, row.value)
			}
		case row.value <= 0:
			t.Errorf("%s: %v, want more than 0", name, row.value)
		}
	}
	for _, name := range []string{"articles", "ingest_stored", "graph_documents"} {
		if rows[name].value != docs {
			t.Errorf("%s: %v, want %d", name, rows[name].value, docs)
		}
	}
	for _, q := range benchQueryNames {
		if n := rows["q_"+q+"_requests"].value; n > 150 {
			t.Errorf("q_%s_requests: %v, more than --requests 150", q, n)
		}
		if p50, p99 := rows["q_"+q+"_p50_ms"].value, rows["q_"+q+"_p99_ms"].value; p50 > p99 {
			t.Errorf("q_%s: p50 %v ms above p99 %v ms", q, p50, p99)
		}
	}
	for _, name := range []string{"ingest_articles_per_s", "db_bytes_per_input_byte", "serve_peak_rss_mib", "q_entity_p99_ms", "q_entity_rps"} {
		if rows[name].target == "" {
			t.Errorf("%s: no target in %q", name, rows[name].source)
		}
	}
}

// keyValues parses `prefix` followed by key=value pairs, where a value may
// be a Go quoted string.
func keyValues(t *testing.T, line, prefix string) map[string]string {
	t.Helper()
	rest, ok := strings.CutPrefix(line, prefix)
	if !ok {
		t.Fatalf("line %q does not start with %q", line, prefix)
	}
	kv := map[string]string{}
	for rest != "" {
		key, value, ok := strings.Cut(rest, "=")
		if !ok {
			t.Fatalf("line %q: %q is not key=value", line, rest)
		}
		if strings.HasPrefix(value, `"`) {
			quoted, err := strconv.QuotedPrefix(value)
			if err != nil {
				t.Fatalf("line %q: %v", line, err)
			}
			kv[key], _ = strconv.Unquote(quoted)
			rest = strings.TrimPrefix(value[len(quoted):], " ")
			continue
		}
		kv[key], rest, _ = strings.Cut(value, " ")
	}
	return kv
}

// TestBenchJSON checks --json and --baseline: the JSON has the table's
// rows, and a run against a baseline adds the ratios the targets set.
func TestBenchJSON(t *testing.T) {
	out := runBenchCommand(t, "--docs", "60", "--requests", "40", "--json")
	var report benchReport
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("--json output: %v\n%s", err, out)
	}
	var names []string
	for _, m := range report.Metrics {
		names = append(names, m.Name)
	}
	if want := wantBenchMetrics(); !slices.Equal(names, want) {
		t.Errorf("metrics:\n got %q\nwant %q", names, want)
	}
	if report.Parameters.Docs != 60 || report.Parameters.DurationText != "150ms" || report.Machine.CPUs <= 0 {
		t.Errorf("parameters %+v, machine %+v", report.Parameters, report.Machine)
	}
	// Extraction alone is measured twice; its row is the faster sample.
	value := map[string]float64{}
	for _, m := range report.Metrics {
		value[m.Name] = m.Value
		if m.Met != nil && *m.Met != targetMet(m) {
			t.Errorf("%s = %v, target %s: met says %v", m.Name, m.Value, m.Target, *m.Met)
		}
	}
	start, end := value["extract_mb_per_s_per_core_start"], value["extract_mb_per_s_per_core_end"]
	if start <= 0 || end <= 0 || value["extract_mb_per_s_per_core"] != max(start, end) {
		t.Errorf("extraction alone %v MB/s, samples at the start %v and the end %v: want the faster", value["extract_mb_per_s_per_core"], start, end)
	}

	baseline := filepath.Join(t.TempDir(), "baseline.json")
	if err := os.WriteFile(baseline, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	out = runBenchCommand(t, "--docs", "60", "--requests", "40", "--baseline", baseline)
	for _, want := range []string{"baseline_articles", "ingest_cpu_ms_per_article_vs_baseline", "q_entity_p50_ms_vs_baseline", "q_text_p50_ms_vs_baseline"} {
		if !hasMetricRow(out, want) {
			t.Errorf("no row %s in\n%s", want, out)
		}
	}
}

// TestBenchQueriesOnly: a database kept by --keep is measured again by
// --queries-only, in a fresh run, without ingesting anything.
func TestBenchQueriesOnly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "db")
	runBenchCommand(t, "--docs", "60", "--requests", "40", "--db", dir, "--keep")
	out := runBenchCommand(t, "--queries-only", "--db", dir, "--requests", "40")
	for _, want := range []string{"graph_documents", "q_entity_p50_ms", "q_entity_warmup_p99_ms", "q_text_p99_ms", "serve_peak_rss_mib"} {
		if !hasMetricRow(out, want) {
			t.Errorf("no row %s in\n%s", want, out)
		}
	}
	for _, unwanted := range []string{"ingest_articles_per_s", "extract_mb_per_s_per_core"} {
		if hasMetricRow(out, unwanted) {
			t.Errorf("row %s in a run without ingest:\n%s", unwanted, out)
		}
	}
	if i := strings.Index(out, "graph_documents"); i < 0 || strings.Fields(out[i:])[1] != "60.0" {
		t.Errorf("want the 60 kept documents:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "MANIFEST")); err != nil {
		t.Errorf("--queries-only removed the database: %v", err)
	}
}

// TestBenchBaselineDB: --baseline-db measures the lookups again on the
// database a baseline run kept, in rounds alternating with this run's;
// the lookups' p50 targets move from the run-against-run ratios to those.
func TestBenchBaselineDB(t *testing.T) {
	tmp := t.TempDir()
	baseDir := filepath.Join(tmp, "base")
	baseJSON := filepath.Join(tmp, "base.json")
	out := runBenchCommand(t, "--docs", "40", "--requests", "40", "--db", baseDir, "--keep", "--json")
	if err := os.WriteFile(baseJSON, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	out = runBenchCommand(t, "--docs", "80", "--requests", "60", "--baseline", baseJSON, "--baseline-db", baseDir)
	targeted := func(metric string) (found, target bool) {
		for line := range strings.Lines(out) {
			if f := strings.Fields(line); len(f) >= 3 && f[0] == metric {
				return true, len(f) == 6
			}
		}
		return false, false
	}
	for _, q := range benchQueryNames {
		prefix := "q_" + q + "_"
		// merged: the baseline has no merges; search, figures, contested,
		// filtered_claims and the walks are not lookups by key (their
		// targets are their own p99)
		lookup := q != "text" && q != "search" && q != "figures" && q != "merged" && q != "contested" && q != "filtered_claims" && q != "neighbors2" && q != "paths3"
		for _, name := range []string{"interleaved_p50_ms", "interleaved_baseline_p50_ms"} {
			if found := hasMetricRow(out, prefix+name); found != lookup {
				t.Errorf("row %s%s: %v, want %v", prefix, name, found, lookup)
			}
		}
		if found, target := targeted(prefix + "p50_ms_vs_baseline_interleaved"); found != lookup || target != lookup {
			t.Errorf("row %sp50_ms_vs_baseline_interleaved: found %v, target %v; want %v", prefix, found, target, lookup)
		}
		if found, target := targeted(prefix + "p50_ms_vs_baseline"); !found || target {
			t.Errorf("row %sp50_ms_vs_baseline: found %v, target %v; want it without a target", prefix, found, target)
		}
	}
	// The ingest's cost ratio: against the baseline's archive ingested
	// again before and after this run's ingest.
	for _, name := range []string{"baseline_ingest_settled_cpu_ms_per_article_warmup", "baseline_ingest_settled_cpu_ms_per_article_before", "baseline_ingest_settled_cpu_ms_per_article_after"} {
		if !hasMetricRow(out, name) {
			t.Errorf("no row %s:\n%s", name, out)
		}
	}
	if found, target := targeted("ingest_settled_cpu_ms_per_article_vs_baseline_interleaved"); !found || !target {
		t.Errorf("ingest_settled_cpu_ms_per_article_vs_baseline_interleaved: found %v, target %v; want it with the target:\n%s", found, target, out)
	}
	if found, target := targeted("ingest_settled_cpu_ms_per_article_vs_baseline"); !found || target {
		t.Errorf("ingest_settled_cpu_ms_per_article_vs_baseline: found %v, target %v; want it without a target", found, target)
	}
	if found, target := targeted("ingest_cpu_ms_per_article_vs_baseline"); !found || target {
		t.Errorf("ingest_cpu_ms_per_article_vs_baseline: found %v, target %v; want it without a target", found, target)
	}
}

func hasMetricRow(out, metric string) bool {
	for line := range strings.Lines(out) {
		if f := strings.Fields(line); len(f) >= 3 && f[0] == metric {
			_, err := strconv.ParseFloat(f[1], 64)
			return err == nil
		}
	}
	return false
}

// TestBenchCommandLine checks the mistakes kg bench refuses before doing
// any work.
func TestBenchCommandLine(t *testing.T) {
	full := t.TempDir()
	if err := os.WriteFile(filepath.Join(full, "MANIFEST"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args       []string
		wantStderr string
	}{
		{[]string{"--docs", "0"}, "--docs must be a positive number"},
		{[]string{"--clients", "0"}, "--clients must be positive"},
		{[]string{"--duration", "0s"}, "--duration must be positive"},
		{[]string{"--requests", "-1"}, "--requests must be positive"},
		{[]string{"--samples", "0"}, "--samples must be positive"},
		{[]string{"extra"}, `unexpected argument "extra"`},
		{[]string{"--db", full}, "is not empty: kg bench needs a fresh database"},
		{[]string{"--baseline", filepath.Join(full, "missing.json")}, "baseline:"},
		{[]string{"--db", full, "--baseline-db", full + "/"}, "is this run's --db too"},
		{[]string{"--queries-only"}, "--queries-only needs --db DIR"},
		{[]string{"--queries-only", "--db", filepath.Join(full, "missing")}, "not a database"},
		{[]string{"--baseline-db", filepath.Join(full, "missing")}, "not a database"},
		{[]string{"--warmup", "-1s"}, "--warmup must not be negative"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), append([]string{"bench"}, tt.args...), &stdout, &stderr)
			if code == 0 || !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("exit %d, stderr %q; want failure with %q", code, stderr.String(), tt.wantStderr)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(full, "MANIFEST")); err != nil {
		t.Errorf("kg bench touched a database it refused: %v", err)
	}
}

func TestPercentile(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		out := make([]time.Duration, len(ns))
		for i, n := range ns {
			out[i] = time.Duration(n) * time.Millisecond
		}
		return out
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = i + 1
	}
	tests := []struct {
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{nil, 50, 0},
		{ms(7), 50, 7 * time.Millisecond},
		{ms(7), 99, 7 * time.Millisecond},
		{ms(1, 2, 3, 4), 50, 2 * time.Millisecond},
		{ms(1, 2, 3, 4), 99, 4 * time.Millisecond},
		{ms(hundred...), 50, 50 * time.Millisecond},
		{ms(hundred...), 99, 99 * time.Millisecond},
		{ms(hundred...), 100, 100 * time.Millisecond},
	}
	for _, tt := range tests {
		if got := percentile(tt.sorted, tt.p); got != tt.want {
			t.Errorf("percentile(%v, %v) = %v, want %v", tt.sorted, tt.p, got, tt.want)
		}
	}
}

func TestFormatValue(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{0, "0"},
		{12345.6, "12346"},
		{123.45, "123"},
		{12.345, "12.3"},
		{1.2345, "1.23"},
		{0.12345, "0.123"},
		{0.012345, "0.0123"},
		{0.00012345, "0.000123"},
		{-2.5, "-2.50"},
	}
	for _, tt := range tests {
		if got := formatValue(tt.v); got != tt.want {
			t.Errorf("formatValue(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

// TestTextQuery checks that text search arguments are words of 6 letters
// or more (never a stopword) or such a word and the next, as they stand.
func TestTextQuery(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const text = "The rebels said fighters of Jabhat al-Nusra withdrew from Aleppo, officials added."
	for range 200 {
		for _, single := range []bool{true, false} {
			q := textQuery(rng, text, single)
			if !strings.Contains(text, q) {
				t.Fatalf("textQuery gave %q, not in the text", q)
			}
			first, second, two := strings.Cut(q, " ")
			if utf8.RuneCountInString(first) < 6 || (single && two) || strings.ContainsAny(second, " ,") {
				t.Fatalf("textQuery(single=%v) gave %q", single, q)
			}
		}
	}
	if q := textQuery(rng, "Yes. No, it is not.", true); q != "" {
		t.Errorf("textQuery of short words gave %q, want none", q)
	}
}

// TestBenchCompareIngestTarget: the ingest ratio's target is on the cost
// with the compactions after the ingest when both runs have it, and on the
// ingest alone against a baseline from before that row existed.
func TestBenchCompareIngestTarget(t *testing.T) {
	report := func(rows ...string) *benchReport {
		r := &benchReport{}
		for _, name := range rows {
			r.Metrics = append(r.Metrics, benchMetric{Name: name, Value: 2, Unit: "ms"})
		}
		return r
	}
	tests := []struct {
		base       []string
		wantTarget string
		wantAbsent string
	}{
		{[]string{"ingest_cpu_ms_per_article", "db_close_cpu_s", settledCPURow}, settledCPURow + "_vs_baseline", ""},
		// A baseline from before the settled cost counted the close: its
		// settled row measured less, so the target stays on the pipeline.
		{[]string{"ingest_cpu_ms_per_article", settledCPURow}, "ingest_cpu_ms_per_article_vs_baseline", ""},
		{[]string{"ingest_cpu_ms_per_article"}, "ingest_cpu_ms_per_article_vs_baseline", settledCPURow + "_vs_baseline"},
	}
	for _, tt := range tests {
		r := report("ingest_cpu_ms_per_article", "db_close_cpu_s", settledCPURow)
		r.compare(report(tt.base...))
		targets := map[string]bool{}
		for _, m := range r.Metrics {
			targets[m.Name] = m.Target != ""
		}
		for name, target := range targets {
			if strings.HasSuffix(name, "_vs_baseline") && target != (name == tt.wantTarget) {
				t.Errorf("baseline %v: %s target %v", tt.base, name, target)
			}
		}
		if _, ok := targets[tt.wantAbsent]; ok {
			t.Errorf("baseline %v: row %s, which the baseline cannot give", tt.base, tt.wantAbsent)
		}
	}
}

// TestBenchBracketsIngest checks when a run ingests the baseline's
// archive again: only for a baseline that ingested one itself.
func TestBenchBracketsIngest(t *testing.T) {
	ingested := &benchReport{Metrics: []benchMetric{{Name: "articles", Value: 40}}}
	ingested.Parameters.Docs = 40
	queriesOnly := &benchReport{Metrics: []benchMetric{{Name: "q_entity_p50_ms", Value: 1}}}
	queriesOnly.Parameters.Docs = 10000 // the flag's default, recorded all the same
	queriesOnly.Parameters.QueriesOnly = true
	tests := []struct {
		name     string
		opts     benchOptions
		baseline *benchReport
		want     bool
	}{
		{"baseline and its database", benchOptions{BaselineDB: "b"}, ingested, true},
		{"no --baseline-db", benchOptions{}, ingested, false},
		{"no --baseline", benchOptions{BaselineDB: "b"}, nil, false},
		{"a --queries-only baseline", benchOptions{BaselineDB: "b"}, queriesOnly, false},
		{"this run --queries-only", benchOptions{BaselineDB: "b", QueriesOnly: true}, ingested, false},
	}
	for _, tt := range tests {
		b := &benchRun{opts: tt.opts, baseline: tt.baseline}
		if got := b.bracketsIngest(); got != tt.want {
			t.Errorf("%s: bracketsIngest() = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// targetMet reports whether m meets its target ("<= 1.3", ">= 5").
func targetMet(m benchMetric) bool {
	op, limit, _ := strings.Cut(m.Target, " ")
	l, err := strconv.ParseFloat(limit, 64)
	if err != nil {
		return false
	}
	if op == ">=" {
		return m.Value >= l
	}
	return m.Value <= l
}

// TestBenchExtractionSamples: the extraction rows take the faster of the
// two samples, and the target is judged on the value the row ends with.
func TestBenchExtractionSamples(t *testing.T) {
	sample := func(mbps float64) extractionMeasure {
		return extractionMeasure{articles: 100, textBytes: 1e6, threadCPU: time.Duration(float64(time.Second) / mbps), processCPU: time.Second, medianMBps: mbps}
	}
	for _, tc := range []struct {
		start, end, want float64
		met              bool
	}{
		{start: 4.2, end: 6.6, want: 6.6, met: true},
		{start: 6.6, end: 4.2, want: 6.6, met: true},
		{start: 4.0, end: 4.5, want: 4.5, met: false},
	} {
		b := &benchRun{}
		b.addExtractionRows(sample(tc.start))
		b.setEndSample(sample(tc.end))
		rows := map[string]benchMetric{}
		for _, m := range b.report.Metrics {
			rows[m.Name] = m
		}
		row := rows["extract_mb_per_s_per_core"]
		if row.Value != tc.want || row.Met == nil || *row.Met != tc.met {
			t.Errorf("start %v, end %v: row %v met %v, want %v met %v", tc.start, tc.end, row.Value, row.Met, tc.want, tc.met)
		}
		if rows["extract_mb_per_s_per_core_start"].Value != tc.start || rows["extract_mb_per_s_per_core_end"].Value != tc.end {
			t.Errorf("start %v, end %v: sample rows %+v", tc.start, tc.end, rows)
		}
		if want := 1e3 / tc.want / 100; math.Abs(rows["extract_cpu_ms_per_article"].Value-want) > 1e-6 {
			t.Errorf("start %v, end %v: CPU per article %v, want the faster sample's %v", tc.start, tc.end, rows["extract_cpu_ms_per_article"].Value, want)
		}
	}
}
