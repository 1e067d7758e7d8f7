package main

// kg bench: the report (machine, parameters, rows with their targets, the
// ratios against a baseline run) and its table.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

// benchMachine is where the benchmark ran.
type benchMachine struct {
	OS        string `json:"os"`
	Arch      string `json:"arch"`
	CPUs      int    `json:"cpus"`
	GoVersion string `json:"go"`
	CPUModel  string `json:"cpuModel"`
}

func currentMachine() benchMachine {
	return benchMachine{
		OS: runtime.GOOS, Arch: runtime.GOARCH, CPUs: runtime.NumCPU(),
		GoVersion: runtime.Version(), CPUModel: cpuModel(),
	}
}

// cpuModel reads the first "model name" of /proc/cpuinfo, or gives
// "unknown".
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(key) == "model name" && strings.TrimSpace(value) != "" {
			return strings.TrimSpace(value)
		}
	}
	return "unknown"
}

// benchReport is everything kg bench prints.
type benchReport struct {
	Machine    benchMachine    `json:"machine"`
	Parameters benchParameters `json:"parameters"`
	Metrics    []benchMetric   `json:"metrics"`
}

// benchParameters are the options that shape the results.
type benchParameters struct {
	benchOptions
	DurationText string `json:"duration"`
}

// benchMetric is one row of the table.
type benchMetric struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
	Unit  string  `json:"unit"`
	// Target is the project's target for the measure, "<= 10" or
	// ">= 1000", if it has one; Met says whether this run meets it.
	Target string `json:"target,omitempty"`
	Met    *bool  `json:"met,omitempty"`
	// lookup marks the p50 of a lookup, compared against a baseline.
	lookup bool
}

// target sets the metric's target: value op limit.
func (m *benchMetric) target(op string, limit float64) *benchMetric {
	m.Target = op + " " + formatValue(limit)
	met := m.Value <= limit
	if op == ">=" {
		met = m.Value >= limit
	}
	m.Met = &met
	return m
}

// compare adds the ratios the targets set between two scales: CPU per
// article within 1.3× and p50 of the lookups within 1.5× of base.
func (r *benchReport) compare(base *benchReport) {
	baseValue := make(map[string]float64, len(base.Metrics))
	for _, m := range base.Metrics {
		baseValue[m.Name] = m.Value
	}
	interleaved := make(map[string]bool)
	for _, m := range r.Metrics {
		if name, ok := strings.CutSuffix(m.Name, "_interleaved"); ok {
			interleaved[name] = true
		}
	}
	// The ingest's target is on its cost with the compactions after it,
	// where both runs measured that.
	// (A baseline from before db_close_cpu_s counted neither the flush at
	// close nor the compactions the same way: the pipeline's cost is the
	// one both measured alike.)
	ingestTarget := "ingest_cpu_ms_per_article"
	_, settledBase := baseValue[settledCPURow]
	_, closeBase := baseValue["db_close_cpu_s"]
	if settledBase && closeBase && r.has(settledCPURow) {
		ingestTarget = settledCPURow
	}
	var ratios []benchMetric
	for _, m := range r.Metrics {
		var limit float64
		switch {
		case m.Name == "ingest_cpu_ms_per_article" || m.Name == settledCPURow:
			limit = 1.3
		case strings.HasPrefix(m.Name, "q_") && strings.HasSuffix(m.Name, "_p50_ms"):
			limit = 1.5
		default:
			continue
		}
		b, ok := baseValue[m.Name]
		if !ok || b <= 0 {
			continue
		}
		ratio := benchMetric{Name: m.Name + "_vs_baseline", Value: m.Value / b, Unit: "ratio"}
		// The target is on the interleaved ratio where there is one.
		if (m.Name == ingestTarget || m.lookup) && !interleaved[ratio.Name] {
			ratio.target("<=", limit)
		}
		ratios = append(ratios, ratio)
	}
	r.Metrics = append(r.Metrics, benchMetric{Name: "baseline_articles", Value: baseValue["articles"], Unit: "articles"})
	r.Metrics = append(r.Metrics, ratios...)
}

// settledCPURow is the ingest's CPU per article with the work Badger
// defers to after it: the flush of the last memtable when the database is
// closed (db_close_cpu_s; all of a 10k ingest's flushing, since its
// entries fit in one memtable) and the compactions once it is opened
// again (settle_cpu_s: a 100k ingest ends with level-0 tables Badger has
// not compacted yet, work that a 10k ingest barely leaves).
const settledCPURow = "ingest_settled_cpu_ms_per_article"

func (r *benchReport) has(name string) bool {
	return slices.ContainsFunc(r.Metrics, func(m benchMetric) bool { return m.Name == name })
}

func readBenchReport(path string) (*benchReport, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	var r benchReport
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, fmt.Errorf("baseline %s: %w", path, err)
	}
	if len(r.Metrics) == 0 {
		return nil, fmt.Errorf("baseline %s: no metrics (not the output of kg bench --json?)", path)
	}
	return &r, nil
}

// table renders the report: two header lines of key=value pairs, then
// one row per metric, in fixed columns.
func (r *benchReport) table() string {
	var sb strings.Builder
	p := r.Parameters
	fmt.Fprintf(&sb, "kg bench: docs=%d seed=%d clients=%d duration=%s requests=%d workers=%d batch=%d samples=%d\n",
		p.Docs, p.Seed, p.Clients, p.DurationText, p.Requests, p.Workers, p.Batch, p.Samples)
	m := r.Machine
	fmt.Fprintf(&sb, "machine: os=%s arch=%s cpus=%d go=%s cpu=%q\n", m.OS, m.Arch, m.CPUs, m.GoVersion, m.CPUModel)
	width := len("metric")
	for _, row := range r.Metrics {
		width = max(width, len(row.Name))
	}
	fmt.Fprintf(&sb, "%-*s %12s  %-10s  %-8s  %s\n", width, "metric", "value", "unit", "target", "status")
	for _, row := range r.Metrics {
		status := ""
		if row.Met != nil {
			status = "ok"
			if !*row.Met {
				status = "MISS"
			}
		}
		line := fmt.Sprintf("%-*s %12s  %-10s  %-8s  %s", width, row.Name, formatValue(row.Value), row.Unit, row.Target, status)
		sb.WriteString(strings.TrimRight(line, " "))
		sb.WriteByte('\n')
	}
	return sb.String()
}

// formatValue prints v with three significant digits, or all of its
// integer digits, and no exponent: 12346, 123, 1.23, 0.0123, 0.000123.
func formatValue(v float64) string {
	decimals := 0
	if a := math.Abs(v); a > 0 && a < 100 {
		decimals = min(12, 2-int(math.Floor(math.Log10(a))))
	}
	return strconv.FormatFloat(v, 'f', decimals, 64)
}
