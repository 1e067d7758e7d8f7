package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/factgraph/kg/cmd/kg/internal/synth"
)

// readTree returns every file under dir by its slash path relative to dir.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatalf("read %s: %v", dir, err)
	}
	return files
}

func gen(t *testing.T, args ...string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if err := runGen(context.Background(), args, &stdout, &stderr); err != nil {
		t.Fatalf("kg gen %s: %v\nstderr: %s", strings.Join(args, " "), err, stderr.String())
	}
	if !strings.Contains(stdout.String(), " documents, ") || !strings.Contains(stdout.String(), " seconds") {
		t.Errorf("kg gen %s: summary %q lacks documents and seconds", strings.Join(args, " "), stdout.String())
	}
}

func TestGenFlagErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
	}{
		{"zero docs", []string{"--docs", "0", "--out", dir}},
		{"negative docs", []string{"--docs", "-3", "--out", dir}},
		{"no docs", []string{"--out", dir}},
		{"missing out", []string{"--docs", "5"}},
		{"bad format", []string{"--docs", "5", "--out", dir, "--format", "xml"}},
		{"stray argument", []string{"--docs", "5", "--out", dir, "extra"}},
		{"unknown flag", []string{"--docs", "5", "--out", dir, "--speed", "9"}},
		{"bad seed", []string{"--docs", "5", "--out", dir, "--seed", "minus"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := runGen(context.Background(), tc.args, io.Discard, io.Discard)
			var usage *usageError
			if !errors.As(err, &usage) {
				t.Fatalf("runGen(%q) = %v, want a usage error", tc.args, err)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a failed command wrote %d entries into --out", len(entries))
	}
	if err := runGen(context.Background(), []string{"-h"}, io.Discard, io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("runGen(-h) = %v, want flag.ErrHelp", err)
	}
}

var (
	headerKeys = []string{"url", "publisher", "date", "title", "kind"}
	dateRe     = regexp.MustCompile(`^(unknown|\d{4}-\d\d-\d\d|[A-Z][a-z]+ \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4}|[A-Z][a-z]+ \d{4})$`)
	kinds      = []string{"interview", "report", "statement", "news update", "analysis", "explainer", "feature"}
)

// parseTxt splits a written article into its header fields and text, as
// the ingest command reads it.
func parseTxt(data string) (map[string]string, string, error) {
	head, text, ok := strings.Cut(data, "\n---\n")
	if !ok {
		return nil, "", errors.New("no --- line")
	}
	header := map[string]string{}
	for k, line := range strings.Split(head, "\n") {
		key, value, ok := strings.Cut(line, ": ")
		if !ok || k >= len(headerKeys) || key != headerKeys[k] {
			return nil, "", errors.New("bad header line " + line)
		}
		header[key] = value
	}
	if len(header) != len(headerKeys) {
		return nil, "", errors.New("missing header lines")
	}
	return header, text, nil
}

func checkHeader(t *testing.T, where string, h map[string]string, text string, urls map[string]bool) {
	t.Helper()
	if !strings.HasPrefix(h["url"], "https://example.org/") || urls[h["url"]] {
		t.Errorf("%s: url %q not new under https://example.org/", where, h["url"])
	}
	urls[h["url"]] = true
	if !dateRe.MatchString(h["date"]) {
		t.Errorf("%s: date %q in no known format", where, h["date"])
	}
	if !slices.Contains(kinds, h["kind"]) {
		t.Errorf("%s: kind %q", where, h["kind"])
	}
	if h["title"] == "" || h["publisher"] == "" {
		t.Errorf("%s: empty title or publisher: %v", where, h)
	}
	if len(text) < 1024 || !strings.HasSuffix(text, "\n") {
		t.Errorf("%s: text of %d bytes, ending %q", where, len(text), text[max(0, len(text)-10):])
	}
}

// TestGenTxt writes 1,001 articles (two subdirectories) twice with one
// seed and once with another, and reads them back.
func TestGenTxt(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	gen(t, "--docs", "1001", "--seed", "7", "--out", a)
	gen(t, "--docs", "1001", "--seed", "7", "--out", b, "--format", "txt")
	gen(t, "--docs", "1001", "--seed", "8", "--out", c)
	fa, fb, fc := readTree(t, a), readTree(t, b), readTree(t, c)
	if len(fa) != 1001 {
		t.Fatalf("wrote %d files, want 1001", len(fa))
	}
	for _, name := range []string{"0000/00000001.txt", "0000/00001000.txt", "0001/00001001.txt"} {
		if _, ok := fa[name]; !ok {
			t.Errorf("no file %s", name)
		}
	}
	urls := map[string]bool{}
	same := 0
	for name, data := range fa {
		if !bytes.Equal(data, fb[name]) {
			t.Errorf("%s differs between two runs with seed 7", name)
		}
		if bytes.Equal(data, fc[name]) {
			same++
		}
		h, text, err := parseTxt(string(data))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		checkHeader(t, name, h, text, urls)
	}
	if same > 0 {
		t.Errorf("%d files are identical with seeds 7 and 8", same)
	}
}

// TestGenJSONL checks the jsonl files: deterministic, valid JSON objects
// with exactly the six fields, split into files, and the same articles as
// the txt format.
func TestGenJSONL(t *testing.T) {
	a, b, txt := t.TempDir(), t.TempDir(), t.TempDir()
	gen(t, "--docs", "120", "--seed", "3", "--out", a, "--format", "jsonl")
	gen(t, "--docs", "120", "--seed", "3", "--out", b, "--format", "jsonl")
	gen(t, "--docs", "120", "--seed", "3", "--out", txt)
	fa, fb, ft := readTree(t, a), readTree(t, b), readTree(t, txt)
	if len(fa) != 1 || fa["articles-0000.jsonl"] == nil {
		t.Fatalf("files %v, want articles-0000.jsonl", slices.Collect(mapKeys(fa)))
	}
	if !bytes.Equal(fa["articles-0000.jsonl"], fb["articles-0000.jsonl"]) {
		t.Error("jsonl differs between two runs with seed 3")
	}
	sc := bufio.NewScanner(bytes.NewReader(fa["articles-0000.jsonl"]))
	sc.Buffer(nil, 1<<20)
	urls := map[string]bool{}
	n := 0
	for ; sc.Scan(); n++ {
		var obj map[string]string
		if err := json.Unmarshal(sc.Bytes(), &obj); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		keys := slices.Sorted(mapKeys(obj))
		if want := []string{"date", "kind", "publisher", "text", "title", "url"}; !slices.Equal(keys, want) {
			t.Errorf("line %d: fields %v, want %v", n+1, keys, want)
		}
		checkHeader(t, "line "+obj["url"], obj, obj["text"], urls)
		h, text, err := parseTxt(string(ft[string(txtPath(nil, "", n))[1:]]))
		if err != nil || text != obj["text"] || h["url"] != obj["url"] || h["title"] != obj["title"] || h["date"] != obj["date"] {
			t.Errorf("line %d and its txt file disagree (txt error %v)", n+1, err)
		}
	}
	if n != 120 {
		t.Errorf("%d lines, want 120", n)
	}

	// Files roll over every linesPerFile articles.
	dir := t.TempDir()
	if _, err := writeJSONL(context.Background(), genOptions{docs: 120, seed: 3, out: dir, format: "jsonl", linesPerFile: 50}); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, dir)
	var joined []byte
	for _, f := range []struct {
		name  string
		lines int
	}{{"articles-0000.jsonl", 50}, {"articles-0001.jsonl", 50}, {"articles-0002.jsonl", 20}} {
		if got := bytes.Count(files[f.name], []byte("\n")); got != f.lines {
			t.Errorf("%s has %d lines, want %d", f.name, got, f.lines)
		}
		joined = append(joined, files[f.name]...)
	}
	if len(files) != 3 || !bytes.Equal(joined, fa["articles-0000.jsonl"]) {
		t.Errorf("split files (%d) do not join to the single file", len(files))
	}
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// TestGeneratedSizes checks the body lengths: all within 1-8 KB, most
// between 2 and 4 KB, with a tail on both sides.
func TestGeneratedSizes(t *testing.T) {
	var sizes []int
	err := generateArticles(600, 11, func(i int, a GeneratedArticle) error {
		sizes = append(sizes, len(a.Text))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Ints(sizes)
	if sizes[0] < 1024 || sizes[len(sizes)-1] > 8192 {
		t.Errorf("sizes from %d to %d bytes, want within 1024..8192", sizes[0], sizes[len(sizes)-1])
	}
	if median := sizes[len(sizes)/2]; median < 2000 || median > 4000 {
		t.Errorf("median size %d, want 2000..4000", median)
	}
	var small, mid, large int
	for _, s := range sizes {
		switch {
		case s < 2000:
			small++
		case s <= 4000:
			mid++
		case s > 5000:
			large++
		}
	}
	if mid < len(sizes)/2 || small == 0 || large == 0 {
		t.Errorf("%d under 2 KB, %d in 2-4 KB, %d over 5 KB of %d: want most in 2-4 KB and some outside", small, mid, large, len(sizes))
	}
}

// styleMarkers are what each style of the corpus looks like in the text.
var styleMarkers = []struct {
	name string
	re   *regexp.Regexp
}{
	{"Q: line", regexp.MustCompile(`(?m)^Q: `)},
	{"A: line", regexp.MustCompile(`(?m)^A: `)},
	{"quote before cue", regexp.MustCompile(`,” (he|she|[A-Z][\w-]+( [A-Z][\w-]+)*) (said|added|explained|stressed|warned|noted|insisted)\.`)},
	{"quote before inverted cue", regexp.MustCompile(`,” said `)},
	{"quote after cue", regexp.MustCompile(` said[:,] “`)},
	{"split quote", regexp.MustCompile(`,” [^“”.]{2,120}, “[a-z]`)},
	{"multi-sentence quote", regexp.MustCompile(`“[^“”]+\. [A-Z][^“”]+,” `)},
	{"indirect speech", regexp.MustCompile(` said that [a-z]`)},
	{"told that", regexp.MustCompile(` told [A-Z][^.]{1,60} that `)},
	{"according to", regexp.MustCompile(`(, according to |According to )`)},
	{"statement", regexp.MustCompile(`(In a statement|said in a statement|A statement (by|issued by|from) )`)},
	{"killed figures", regexp.MustCompile(`\b[\d,]+ (people|civilians|fighters)[^.]* killed`)},
	{"wounded", regexp.MustCompile(`wounded`)},
	{"displaced", regexp.MustCompile(`(displaced|fled)`)},
	{"clashes", regexp.MustCompile(`(clashes|clashed|fighting between|shelled)`)},
	{"control of a town", regexp.MustCompile(`(under the control of|took full control of|seized control of|has been held by)`)},
	{"alliance", regexp.MustCompile(`(are allies|fought alongside|joined forces with|affiliated with)`)},
	{"splinter", regexp.MustCompile(`(splinter group of|broke away from|split from)`)},
	{"membership", regexp.MustCompile(`, (a (commander|spokesman|spokeswoman|fighter|member) (in|for|with|of)|the (spokesman|leader|head) of) `)},
	{"town in province", regexp.MustCompile(`(is a town in|, in [A-Z][\w-]+( [A-Z][\w-]+)? province)`)},
	{"acronym introduced", regexp.MustCompile(` \([A-Z]{2,5}\)`)},
	{"bracketed insertion", regexp.MustCompile(`\[[A-Z][^\]]+\]`)},
	{"dateline", regexp.MustCompile(`(?m)^[A-Z][A-Z' -]+, [A-Z][a-z]+ \([^)]+\) — `)},
	{"bullet", regexp.MustCompile(`(?m)^\* `)},
}

func TestGeneratedStyles(t *testing.T) {
	found := map[string]int{}
	styles := map[string]int{}
	interviewsWithoutA := 0
	err := generateArticles(200, 5, func(i int, a GeneratedArticle) error {
		styles[a.Style]++
		for _, m := range styleMarkers {
			if m.re.MatchString(a.Text) {
				found[m.name]++
			}
		}
		if strings.Contains(a.Text, "\nQ: ") && !strings.Contains(a.Text, "\nA: ") {
			interviewsWithoutA++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range synth.Styles() {
		if styles[s] == 0 {
			t.Errorf("no article of style %s in 200 (styles: %v)", s, styles)
		}
	}
	for _, m := range styleMarkers {
		if found[m.name] == 0 {
			t.Errorf("no article with a %s (/%s/) in 200", m.name, m.re)
		}
	}
	if interviewsWithoutA == 0 {
		t.Error("no interview without A: lines")
	}
}

func TestGenerateArticlesStopsAtError(t *testing.T) {
	stop := errors.New("stop")
	calls := 0
	err := generateArticles(500, 1, func(i int, a GeneratedArticle) error {
		if i != calls {
			t.Fatalf("article %d arrived as call %d", i, calls)
		}
		calls++
		if i == 99 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != 100 {
		t.Errorf("generateArticles = %v after %d calls, want stop after 100", err, calls)
	}
}

// BenchmarkGenerate measures composing articles in memory on all CPUs
// (no files): see ns/article and MB/s.
func BenchmarkGenerate(b *testing.B) {
	g := synth.New(1)
	const batch = 1000
	var total int64
	for b.Loop() {
		err := g.Generate(context.Background(), batch, func(i int, a synth.Article) error {
			total += int64(len(a.Text))
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	secs := b.Elapsed().Seconds()
	b.ReportMetric(secs*1e9/float64(b.N*batch), "ns/article")
	b.ReportMetric(float64(total)/1e6/secs, "MB/s")
}
