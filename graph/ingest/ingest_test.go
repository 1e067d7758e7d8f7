package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
)

// writeFiles writes files (path relative to dir → content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// readAll runs readPaths and describes what it emitted, one string per
// document or error: "ORIGIN title=TITLE text=TEXT" or "ORIGIN error: ERR"
// (the error as ingest would print it).
func readAll(t *testing.T, paths []string, stdin string) []string {
	t.Helper()
	var got []string
	ReadPaths(context.Background(), paths, strings.NewReader(stdin), func(doc Document, err error) bool {
		if err != nil {
			got = append(got, "error: "+NewInputError(doc.Origin, err).Error())
		} else {
			got = append(got, doc.Origin+" title="+doc.Header.Title+" text="+doc.Text)
		}
		return true
	})
	return got
}

func TestReadPathsDirectory(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"b.txt":             "title: B\n---\nText of b.",
		"a.jsonl":           "{\"text\":\"one\",\"title\":\"A1\"}\n\n{\"title\":\"no text\"}\r\n{\"text\":\"three\"}\n",
		"sub/c.txt":         "Just text, no header.",
		"sub/c.gold.json":   `{"entities":[]}`,
		"notes.md":          "# not an article",
		".hidden/d.txt":     "hidden",
		".e.txt":            "hidden too",
		"z/bad.txt":         "url: x\nno colon here\n---\nbody",
		"z/empty.txt":       "title: empty\n---\n  \n",
		"z/CAPS.TXT":        "Upper-case extension.",
		"z/y/latin1.txt":    "caf\xe9",
		"z/y/z/deep.jsonl":  `{"text":"deep"}`,
		"z/y/z/broken.json": "{",
	})
	got := readAll(t, []string{dir}, "")
	for i := range got {
		got[i] = strings.ReplaceAll(got[i], dir+string(filepath.Separator), "")
		got[i] = filepath.ToSlash(got[i])
	}
	want := []string{
		"a.jsonl:1 title=A1 text=one",
		`error: a.jsonl:3: field "text": missing (the article's text is required)`,
		"a.jsonl:4 title= text=three",
		"b.txt title=B text=Text of b.",
		"sub/c.txt title= text=Just text, no header.",
		"z/CAPS.TXT title= text=Upper-case extension.",
		"error: z/bad.txt:2: header line without ':' (the header ends at the line ---)",
		"error: z/empty.txt: no text (an article is an optional header, a line ---, then the text)",
		"error: z/y/latin1.txt:1: invalid UTF-8 at byte 3",
		"z/y/z/deep.jsonl:1 title= text=deep",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("readPaths emitted\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestReadPathsStdinAndFiles(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"feed.ndjson": "\n{\"text\":\"from a feed\"}\n",
		"article.md":  "title: M\n---\nMarkdown body.",
	})
	tests := []struct {
		name  string
		paths []string
		stdin string
		want  []string
	}{
		{
			name:  "stdin JSONL keeps its line numbers",
			paths: []string{"-"},
			stdin: "  \n\n{\"text\":\"x\"}\n{\"text\":1}\n",
			want:  []string{"-:3 title= text=x", `error: -:4: field "text": want a string, got a number`},
		},
		{
			name:  "stdin article keeps its leading space",
			paths: []string{"-"},
			stdin: "\n  An article.\n",
			want:  []string{"- title= text=\n  An article.\n"},
		},
		{
			name:  "stdin article with header",
			paths: []string{"-"},
			stdin: "title: S\n---\nBody.",
			want:  []string{"- title=S text=Body."},
		},
		{
			name:  "empty stdin",
			paths: []string{"-"},
			want:  []string{"error: -: no text (an article is an optional header, a line ---, then the text)"},
		},
		{
			name:  "files named otherwise are sniffed",
			paths: []string{filepath.Join(dir, "feed.ndjson"), filepath.Join(dir, "article.md")},
			want: []string{
				filepath.Join(dir, "feed.ndjson") + ":2 title= text=from a feed",
				filepath.Join(dir, "article.md") + " title=M text=Markdown body.",
			},
		},
		{
			name:  "missing path",
			paths: []string{filepath.Join(dir, "missing.txt")},
			want:  []string{"error: " + filepath.Join(dir, "missing.txt") + ": no such file or directory"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readAll(t, tt.paths, tt.stdin)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("readPaths emitted\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestDocumentMeta(t *testing.T) {
	header, _, err := extract.ParseArticle("url: u\ntitle: T\npublisher: P\ndate: August 2023\nkind: report\nauthor: A\n---\nx")
	if err != nil {
		t.Fatal(err)
	}
	got := Meta(header)
	want := graph.DocumentMeta{
		URL: "u", Title: "T", Publisher: "P", PublishedAt: "",
		Metadata: map[string]string{"date": "August 2023", "kind": "report", "author": "A"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Meta = %+v, want %+v", got, want)
	}
	if _, shared := header.Metadata["date"]; shared {
		t.Error("Meta changed the header's Metadata map")
	}
}

// TestIngestPipeline runs the pipeline into a real database with small
// batches: documents are stored in input order, failures are reported
// without stopping the others, and a second run stores nothing again.
func TestIngestPipeline(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	var lines []string
	for i := range 7 {
		lines = append(lines, `{"url":"https://example.org/`+string(rune('a'+i))+`","title":"T`+string(rune('a'+i))+`","text":"Article `+string(rune('a'+i))+`."}`)
	}
	lines[3] = `{"title":"broken"}`
	writeFiles(t, dir, map[string]string{"feed.jsonl": strings.Join(lines, "\n")})

	store, ex := newTestPipeline(t)
	opts := Options{BatchSize: 2, Workers: 3}
	paths := []string{filepath.Join(dir, "feed.jsonl")}

	summary, errs := Paths(ctx, store, ex, paths, opts)
	if summary.Documents != 6 || summary.Duplicates != 0 {
		t.Errorf("first ingest: %v; want 6 documents, none present", summary)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "feed.jsonl:4: field \"text\"") {
		t.Errorf("first ingest errors = %v; want one naming feed.jsonl:4", errs)
	}
	page, err := store.Documents(ctx, graph.PageArgs{First: 10})
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, doc := range page.Items {
		titles = append(titles, doc.Title)
	}
	if want := []string{"Ta", "Tb", "Tc", "Te", "Tf", "Tg"}; !reflect.DeepEqual(titles, want) {
		t.Errorf("stored titles = %v, want %v (input order)", titles, want)
	}

	summary, errs = Paths(ctx, store, ex, paths, opts)
	if summary.Documents != 6 || summary.Duplicates != 6 || len(errs) != 1 {
		t.Errorf("second ingest: %v, errors %v; want 6 documents all already present, one error", summary, errs)
	}
	if n, err := store.CountDocuments(ctx); err != nil || n != 6 {
		t.Errorf("CountDocuments = %d, %v; want 6", n, err)
	}
}

func TestIngestPipelineCancelled(t *testing.T) {
	store, ex := newTestPipeline(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	docs := []Document{{Origin: "x", Text: "Some text."}}
	summary, errs := Documents(ctx, store, ex, docs, Options{})
	if summary.Documents != 0 || len(errs) != 1 || !strings.Contains(errs[0].Error(), "interrupted") {
		t.Errorf("cancelled ingest: %v, %v; want nothing stored and one 'interrupted' error", summary, errs)
	}
}

func TestIngestSummaryString(t *testing.T) {
	tests := []struct {
		summary Summary
		want    string
	}{
		{Summary{}, "stored 0 documents (0 already present), 0 entities (0 new), 0 claims, 0 relations in 0s"},
		{Summary{Documents: 1, Entities: 1, NewEntities: 1, Claims: 1, Relations: 1, Elapsed: 28*time.Millisecond + 400*time.Microsecond},
			"stored 1 document (0 already present), 1 entity (1 new), 1 claim, 1 relation in 28ms"},
		{Summary{Documents: 22, Duplicates: 3, Entities: 180, NewEntities: 95, Claims: 412, Relations: 60, Elapsed: 1234 * time.Millisecond},
			"stored 22 documents (3 already present), 180 entities (95 new), 412 claims, 60 relations in 1.2s"},
	}
	for _, tt := range tests {
		if got := tt.summary.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

// TestIngestRefusesHugeInputs: a .txt file or a JSON line whose text is
// over MaxDocumentBytes is an error naming it; the good documents beside
// it are stored.
func TestIngestRefusesHugeInputs(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	huge := strings.Repeat("The regime shelled the town. ", MaxDocumentBytes/28+10)
	writeFiles(t, dir, map[string]string{
		"a-good.txt": "title: fine\n---\nThe Free Syrian Army said it took the town.",
		"b-huge.txt": huge,
		"c-feed.jsonl": `{"url":"https://example.org/ok","text":"ISIS attacked the base."}` + "\n" +
			`{"url":"https://example.org/huge","text":"` + huge + `"}` + "\n",
	})
	store, ex := newTestPipeline(t)
	summary, errs := Paths(ctx, store, ex, []string{dir}, Options{})
	if summary.Documents != 2 {
		t.Errorf("stored %v; want the 2 good documents", summary)
	}
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	joined := strings.Join(got, "\n")
	if len(errs) != 2 || !strings.Contains(joined, "b-huge.txt") || !strings.Contains(joined, "c-feed.jsonl:2") || !strings.Contains(joined, "MiB") {
		t.Errorf("errors %q; want one naming b-huge.txt and one naming c-feed.jsonl:2, with the limit", got)
	}
}

// newTestPipeline opens a store in a temporary directory (closed when the
// test ends) and builds an extractor.
func newTestPipeline(t *testing.T) (*graph.Store, *extract.Extractor) {
	t.Helper()
	store, err := graph.Open(filepath.Join(t.TempDir(), "db"), graph.IngestOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	ex, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	return store, ex
}

func TestIngestGCPercent(t *testing.T) {
	// gcPercent reads the collector's target (SetGCPercent is the only
	// reader: set and put back).
	gcPercent := func() int {
		p := debug.SetGCPercent(100)
		debug.SetGCPercent(p)
		return p
	}
	before := gcPercent()
	store, ex := newTestPipeline(t)
	var during int
	_, errs := Run(context.Background(), store, ex, Options{GCPercent: before + 137},
		func(ctx context.Context, emit Emit) {
			during = gcPercent()
			emit(Document{Origin: "a", Text: "Some text."}, nil)
		})
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if during != before+137 || gcPercent() != before {
		t.Errorf("GC percent %d during the ingest and %d after; want %d, then %d again", during, gcPercent(), before+137, before)
	}

	for _, tc := range []struct {
		gogc string
		want int
	}{{"", GCPercent}, {"50", 0}, {"off", 0}} {
		if got := GCPercentFor(func(k string) string { return map[string]string{"GOGC": tc.gogc}[k] }); got != tc.want {
			t.Errorf("GOGC=%q: GCPercentFor = %d, want %d", tc.gogc, got, tc.want)
		}
	}
}

// TestRunResultsInOrder: OnResult sees every document and every failed
// input in input order, with what the store did.
func TestRunResultsInOrder(t *testing.T) {
	store, ex := newTestPipeline(t)
	stream := `{"url":"https://example.org/a","text":"ISIS attacked the base."}` + "\n" +
		`{"title":"no text"}` + "\n\n" +
		`{"url":"https://example.org/a","text":"ISIS attacked the base."}` + "\n" +
		`{"url":"https://example.org/b","text":"The regime shelled the town."}` + "\n"
	var got []string
	_, errs := Run(context.Background(), store, ex, Options{BatchSize: 2, OnResult: func(r Result) {
		switch {
		case r.Err != nil:
			got = append(got, fmt.Sprintf("%d error %v", r.Line, r.Err))
		case r.Created():
			got = append(got, fmt.Sprintf("%d created", r.Line))
		default:
			got = append(got, fmt.Sprintf("%d duplicate", r.Line))
		}
	}}, func(ctx context.Context, emit Emit) { ReadJSONL("body", strings.NewReader(stream), emit) })
	want := []string{"1 created", `2 error body:2: field "text": missing (the article's text is required)`, "4 duplicate", "5 created"}
	if !reflect.DeepEqual(got, want) || len(errs) != 1 {
		t.Errorf("results %q, errors %v; want %q and one error", got, errs, want)
	}
}

// TestRunMaxDelay: with MaxDelay, a document is stored and reported while
// the reader waits for more input, before its batch is full.
func TestRunMaxDelay(t *testing.T) {
	store, ex := newTestPipeline(t)
	reported := make(chan Result, 1)
	release := make(chan struct{})
	_, errs := Run(context.Background(), store, ex, Options{MaxDelay: 10 * time.Millisecond, OnResult: func(r Result) { reported <- r }},
		func(ctx context.Context, emit Emit) {
			emit(Document{Origin: "a", Text: "ISIS attacked the base."}, nil)
			select {
			case r := <-reported:
				if !r.Created() {
					t.Errorf("first document: %+v", r)
				}
			case <-time.After(10 * time.Second):
				t.Error("the first document was not stored while the reader waited")
			}
			close(release)
		})
	<-release
	if len(errs) != 0 {
		t.Fatal(errs)
	}
}
