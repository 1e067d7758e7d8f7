package main

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/factgraph/kg/extract"
)

// TestE2EOneIngestPath: an article ingested by kg ingest, by the ingest
// mutation (field by field, and raw), by the ingestDocument mutation and
// by kg ingest --server (POST /ingest) gives the same graph: kg export of
// each database is the same, IDs and ingest times aside.
func TestE2EOneIngestPath(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(moduleRoot(t), "testdata", "articles", "001-marea-activist-interview.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// An extra header field, kept as metadata.
	article := "source-id: EX-42\n" + string(raw)
	header, text, err := extract.ParseArticle(article)
	if err != nil || header.Kind != "interview" {
		t.Fatalf("the test article: %+v, %v", header, err)
	}
	tmp := t.TempDir()
	file := filepath.Join(tmp, "article.txt")
	empty := filepath.Join(tmp, "empty.jsonl")
	writeFiles(t, tmp, map[string]string{"article.txt": article, "empty.jsonl": ""})

	exports := map[string]string{}
	cli := filepath.Join(tmp, "cli")
	mustKG(t, "", "ingest", "--db", cli, file)
	exports["kg ingest"] = mustKG(t, "", "export", "--db", cli, "--text").stdout

	fields := map[string]any{
		"text": text, "url": header.URL, "title": header.Title, "publisher": header.Publisher,
		"publishedAt": header.Date, "kind": header.Kind,
		"metadata": []any{map[string]any{"key": "source-id", "value": header.Metadata["source-id"]}},
	}
	for name, send := range map[string]func(t *testing.T, s *server){
		"mutation ingest(input)": func(t *testing.T, s *server) {
			var out map[string]any
			s.query(t, `mutation($in: DocumentInput!) { ingest(input: $in) { created } }`, map[string]any{"in": fields}, &out)
		},
		"mutation ingest(raw)": func(t *testing.T, s *server) {
			var out map[string]any
			s.query(t, `mutation($raw: String!) { ingest(raw: $raw) { created } }`, map[string]any{"raw": article}, &out)
		},
		"mutation ingestDocument": func(t *testing.T, s *server) {
			var out map[string]any
			s.query(t, `mutation($in: DocumentInput!) { ingestDocument(input: $in) { id } }`, map[string]any{"in": fields}, &out)
		},
		"kg ingest --server": func(t *testing.T, s *server) {
			r := mustKG(t, "", "ingest", "--server", s.base, file)
			if !strings.Contains(r.stdout, "1 stored") {
				t.Errorf("kg ingest --server: %s%s", r.stdout, r.stderr)
			}
		},
	} {
		db := filepath.Join(tmp, strings.NewReplacer(" ", "-", "(", "-", ")", "").Replace(name))
		mustKG(t, "", "ingest", "--db", db, empty) // an empty database
		token := strings.TrimSpace(mustKG(t, "", "token", "add", "--db", db, "ingest-path").stdout)
		t.Setenv("KG_TOKEN", token) // for kg ingest --server
		s := startServer(t, db)
		s.token = token
		send(t, s)
		s.stop(t)
		exports[name] = mustKG(t, "", "export", "--db", db, "--text").stdout
	}
	want := comparable(exports["kg ingest"])
	if !strings.Contains(want, `"kind":"INTERVIEW_ANSWER"`) || !strings.Contains(want, `"source-id":"EX-42"`) {
		t.Fatalf("the CLI's export lacks interview answers or the metadata:\n%s", want)
	}
	for name, got := range exports {
		if got := comparable(got); got != want {
			t.Errorf("%s gave another graph than kg ingest:\n%s\nwant\n%s", name, got, want)
		}
	}
}

var (
	uuidPattern       = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
	ingestedAtPattern = regexp.MustCompile(`"ingestedAt":"[^"]*",?`)
)

// comparable is an export with its IDs numbered in order of appearance
// and its ingest times left out.
func comparable(export string) string {
	ids := map[string]string{}
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(export))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		line := ingestedAtPattern.ReplaceAllString(sc.Text(), "")
		line = uuidPattern.ReplaceAllStringFunc(line, func(id string) string {
			if _, ok := ids[id]; !ok {
				ids[id] = "id" + string(rune('A'+len(ids)%26)) + strings.Repeat("'", len(ids)/26)
			}
			return ids[id]
		})
		lines = append(lines, line)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
