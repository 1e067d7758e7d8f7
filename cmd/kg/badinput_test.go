package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// The catalogue of bad input (issue 17): every shape a scraper or a
// careless user may hand kg, each fed through kg ingest (files, a walked
// directory, JSONL on standard input) and through the server (POST
// /ingest, the ingest mutation), each with the error it must give, the
// good documents beside it stored, and nothing of it stored. The test's
// timeouts (commandTimeout) bound every run: a hang fails it.

// Pathological texts: shapes that once made extraction quadratic. They
// must be stored, whole, like any article.
var (
	oneLongSentence = strings.Repeat("the Free Syrian Army and ISIS fought in Raqqa and ", (2<<20)/50) // 2 MiB, no full stop
	repeatedNames   = strings.Repeat("ISIS ", 100_000)
	nestedQuotes    = "He said: " + strings.Repeat("“‘\"", 100_000) + " the town fell."
)

// badFile is one file of the catalogue: its content, and the error kg
// ingest must print after its path ("" when it must be stored).
type badFile struct {
	content string
	err     string
}

// binaryContent is bytes as a binary file has them (every byte value).
func binaryContent() string {
	var b bytes.Buffer
	for i := range 4096 {
		b.WriteByte(byte(i * 7))
	}
	return b.String()
}

// badJSONL is a JSONL input with good and bad lines; its errors by line.
var badJSONL = strings.Join([]string{
	`{"text":"The council said the bridge was repaired.","url":"https://example.org/jsonl-good-1"}`,
	`{"text":"a broken line`,
	`{"text":42,"url":"https://example.org/jsonl-number"}`,
	`{"text":` + strings.Repeat("[", 20_000) + strings.Repeat("]", 20_000) + `}`,
	`{"text":"The army said\u0000 the road was cut."}`,
	`{"text":"Residents said the market reopened.","url":"https://example.org/jsonl-good-2"}`,
	`{"text":"The monitor said \u001b[31mfive people\u001b[0m were killed.","url":"https://example.org/jsonl-escape"}`,
}, "\n") + "\n"

var badJSONLErrors = map[int]string{
	2: "not a JSON object: unexpected EOF",
	3: `field "text": want a string, got a number`,
	4: "not a JSON object: invalid character '[' exceeded max depth",
	5: `field "text": NUL byte at byte 13`,
}

// catalogueFiles are the regular files of the catalogue, by name.
func catalogueFiles() map[string]badFile {
	return map[string]badFile{
		"good.txt":          {content: "title: Good\n---\nThe council said the bridge was repaired near the river.\n"},
		"invalid-utf8.txt":  {content: "title: Latin-1\n---\nCaf\xe9 owners said prices rose.\n", err: ":3: invalid UTF-8 at byte 22"},
		"nul.txt":           {content: "title: NUL\n---\nThe army said\x00 the road was cut.\n", err: ":3: NUL byte at byte 28: not text"},
		"empty.txt":         {content: "", err: ": no text"},
		"no-dashes.txt":     {content: "url: https://example.org/no-dashes\ntitle: No dashes\nThe army said the road was open.\n", err: ":1: a header line (url:) but no line --- ends the header"},
		"oversize.txt":      {content: strings.Repeat("The council said the bridge was repaired. ", (4<<20+100<<10)/42), err: ": larger than 4 MiB: not an article"},
		"binary.txt":        {content: binaryContent(), err: ":1: invalid UTF-8 at byte 19"},
		"escape.txt":        {content: "title: Escape\x1b[2J\n---\nThe monitor said \x1b[31mfive people\x1b[0m were killed.\n"},
		"fullwidth.txt":     {content: "ＩＳＩＳ said the town of Raqqa fell.\n"},
		"long-sentence.txt": {content: oneLongSentence},
		"names.txt":         {content: repeatedNames},
		"quotes.txt":        {content: nestedQuotes},
		"feed.jsonl":        {content: badJSONL}, // errors by line: badJSONLErrors
		"long-line.jsonl": {content: `{"text":"The army said the road was open.","url":"https://example.org/before-long"}` + "\n" +
			`{"text":"` + strings.Repeat("x", 8<<20) + `"}` + "\n", err: ":2: line longer than 8 MiB"},
		// a name with a newline and a terminal escape, and bad content
		"evil\n\x1b[31mname.txt": {content: "The army said\x00.", err: ":1: NUL byte"},
	}
}

func TestE2EBadInputCatalogue(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("named pipes and symbolic links")
	}
	if testing.Short() {
		t.Skip("extracts megabytes of pathological text")
	}
	work := t.TempDir()
	dir := filepath.Join(work, "in")
	files := catalogueFiles()
	contents := map[string]string{}
	for name, f := range files {
		contents[name] = f.content
	}
	writeFiles(t, dir, contents)
	writeFiles(t, work, map[string]string{"outside/linked.txt": "The council said the school reopened.\n"})
	// Special files and links in the walked directory.
	special := map[string]string{ // name → the error after its path
		"fifo.txt":     ": a named pipe, not a regular file: not read",
		"device.txt":   ": a character device, not a regular file: not read",
		"loop.txt":     ": symbolic link that cannot be followed: too many levels of symbolic links",
		"dangling.txt": ": symbolic link that cannot be followed: no such file or directory",
		"parent":       ": symbolic link to a directory: not followed",
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, target := range map[string]string{
		"device.txt": "/dev/zero", "loop.txt": "loop.txt", "dangling.txt": "nowhere.txt",
		"parent": "..", "linked.txt": filepath.Join(work, "outside", "linked.txt"),
	} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}

	// What must be stored: the good files, the linked one, the good and
	// cleaned lines of the JSONL files.
	const wantStored = 6 + 1 + 3 + 1 // good, escape, fullwidth and the three pathological texts; linked; 3 JSONL lines; the line before the long one
	var wantErrs []string
	for name, f := range files {
		if f.err != "" {
			wantErrs = append(wantErrs, located(filepath.Join(dir, name), f.err))
		}
	}
	for line, msg := range badJSONLErrors {
		wantErrs = append(wantErrs, fmt.Sprintf("%s:%d: %s", filepath.Join(dir, "feed.jsonl"), line, msg))
	}
	for name, msg := range special {
		wantErrs = append(wantErrs, filepath.Join(dir, name)+msg)
	}

	db := filepath.Join(work, "db")
	t.Run("kg ingest DIR", func(t *testing.T) {
		r := runKG(t, "", "ingest", "--db", db, dir)
		if r.code != 1 {
			t.Errorf("exit code %d, want 1\nstderr: %s", r.code, r.stderr)
		}
		for _, want := range wantErrs {
			if !strings.Contains(r.stderr, "kg: ingest "+want) {
				t.Errorf("stderr lacks %q", "kg: ingest "+want)
			}
		}
		if want := fmt.Sprintf("kg ingest: %d inputs failed", len(wantErrs)); !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q", want)
		}
		if strings.ContainsAny(r.stderr, "\x1b\x00") {
			t.Errorf("stderr holds a raw control character: %q", r.stderr)
		}
		if docs, dups := storedDocuments(t, r.stdout); docs != wantStored || dups != 0 {
			t.Errorf("summary %q; want %d documents, none already present", r.stdout, wantStored)
		}
		checkStoredTexts(t, db, wantStored)

	})

	t.Run("kg ingest FILE...", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "db")
		args := []string{"ingest", "--db", db}
		for _, name := range []string{"nul.txt", "good.txt", "no-dashes.txt", "feed.jsonl", "empty.txt"} {
			args = append(args, filepath.Join(dir, name))
		}
		r := runKG(t, "", args...)
		if r.code != 1 {
			t.Errorf("exit code %d, want 1", r.code)
		}
		for _, want := range []string{
			filepath.Join(dir, "nul.txt") + files["nul.txt"].err,
			filepath.Join(dir, "no-dashes.txt") + files["no-dashes.txt"].err,
			filepath.Join(dir, "feed.jsonl") + ":4: " + badJSONLErrors[4],
			filepath.Join(dir, "empty.txt") + files["empty.txt"].err,
		} {
			if !strings.Contains(r.stderr, "kg: ingest "+want) {
				t.Errorf("stderr lacks %q:\n%s", "kg: ingest "+want, r.stderr)
			}
		}
		if docs, dups := storedDocuments(t, r.stdout); docs != 4 || dups != 0 {
			t.Errorf("summary %q; want 4 documents (good.txt, three JSONL lines)", r.stdout)
		}
		checkStoredTexts(t, db, 4)
	})

	t.Run("JSONL on stdin", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "db")
		r := runKG(t, badJSONL, "ingest", "--db", db, "-")
		if r.code != 1 {
			t.Errorf("exit code %d, want 1", r.code)
		}
		for line, msg := range badJSONLErrors {
			if want := fmt.Sprintf("kg: ingest -:%d: %s", line, msg); !strings.Contains(r.stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
			}
		}
		if docs, dups := storedDocuments(t, r.stdout); docs != 3 || dups != 0 {
			t.Errorf("summary %q; want 3 documents", r.stdout)
		}
		checkStoredTexts(t, db, 3)
	})

	t.Run("the server", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "db")
		mustKG(t, "", "ingest", "--db", db, filepath.Join(dir, "good.txt"))
		token := strings.TrimSpace(mustKG(t, "", "token", "add", "--db", db, "catalogue").stdout)
		srv := startServer(t, db)
		srv.token = token
		stored := 1

		// POST /ingest, JSON lines.
		lines, done := postIngest(t, srv, mediaJSONLines, badJSONL)
		for i, l := range lines {
			want, bad := badJSONLErrors[i+1]
			switch {
			case bad && (l.Status != "error" || !strings.HasPrefix(l.Error, want)):
				t.Errorf("POST /ingest line %d: %+v, want the error %q", i+1, l, want)
			case !bad && l.Status != "created":
				t.Errorf("POST /ingest line %d: %+v, want created", i+1, l)
			}
		}
		if len(lines) != 7 || done.Created != 3 || done.Errors != 4 {
			t.Errorf("POST /ingest: %d lines, %+v; want 7 lines, 3 created, 4 errors", len(lines), done)
		}
		stored += 3

		// POST /ingest, one article per request.
		for name, f := range files {
			if strings.HasSuffix(name, ".jsonl") || strings.ContainsAny(name, "\n") {
				continue
			}
			lines, _ := postIngest(t, srv, mediaArticleType, f.content)
			if len(lines) != 1 {
				t.Errorf("POST /ingest %s: %d answers %+v, want 1", name, len(lines), lines)
				continue
			}
			l := lines[0]
			msg := strings.TrimPrefix(strings.TrimPrefix(f.err, ":"), " ")
			switch {
			case name == "good.txt": // stored before the server started
				if l.Status != "duplicate" {
					t.Errorf("POST /ingest %s: %+v, want duplicate", name, l)
				}
			case f.err == "" && l.Status != "created":
				t.Errorf("POST /ingest %s: %+v, want created", name, l)
			case f.err == "":
				stored++
			case f.err != "" && (l.Status != "error" || !strings.Contains(l.Error, msg)):
				t.Errorf("POST /ingest %s: %+v, want the error %q", name, l, msg)
			}
		}

		// The mutation: bad texts, and variables of the wrong type.
		for _, c := range []struct{ name, query, vars, want string }{
			{"NUL in raw", `mutation($raw: String!) { ingest(raw: $raw) { created } }`, `{"raw":"title: T\n---\nThe army\u0000 said."}`, `argument "raw": line 3: NUL byte at byte 21`},
			{"NUL in input.text", `mutation($in: DocumentInput!) { ingest(input: $in) { created } }`, `{"in":{"text":"The army\u0000 said."}}`, `argument "input.text": holds a NUL byte at byte 8`},
			{"no --- in raw", `mutation($raw: String!) { ingest(raw: $raw) { created } }`, `{"raw":"url: https://x/a\nThe army said."}`, `argument "raw": line 1: a header line (url:) but no line ---`},
			{"empty raw", `mutation($raw: String!) { ingest(raw: $raw) { created } }`, `{"raw":""}`, `argument "raw": no text`},
			{"a list for a String", `mutation($raw: String!) { ingest(raw: $raw) { created } }`, `{"raw":["a","b"]}`, `variable "$raw": want a String, got an array`},
			{"1.5 for an Int", `query($n: Int) { documents(first: $n) { totalCount } }`, `{"n":1.5}`, `variable "$n": want an Int (a whole number of 32 bits), got the number 1.5`},
			{"a number for the text", `mutation($in: DocumentInput!) { ingest(input: $in) { created } }`, `{"in":{"text":42}}`, `variable "$in.text": want a String, got the number 42`},
		} {
			status, body := srv.post(t, `{"query":`+quoteJSON(c.query)+`,"variables":`+c.vars+`}`)
			if !strings.Contains(body, quoteJSON(c.want)[1:len(quoteJSON(c.want))-1]) || strings.Contains(body, `"created"`) {
				t.Errorf("%s: %d %s\nwant the error %q", c.name, status, body, c.want)
			}
		}
		// Deeply nested JSON in a request.
		if status, body := srv.post(t, `{"query":"{ stats { documents } }","variables":`+strings.Repeat("[", 100_000)+strings.Repeat("]", 100_000)+`}`); status != http.StatusBadRequest || !strings.Contains(body, "exceeded max depth") {
			t.Errorf("deeply nested variables: %d %s; want 400 naming the depth", status, body)
		}
		// The mutation stores the pathological texts too.
		for name, text := range map[string]string{"one long sentence": oneLongSentence + " again", "repeated names": repeatedNames + " again", "nested quotes": nestedQuotes + " again"} {
			var out struct{ Ingest struct{ Created bool } }
			srv.query(t, `mutation($in: DocumentInput!) { ingest(input: $in) { created } }`, map[string]any{"in": map[string]any{"text": text, "url": "https://example.org/" + strings.ReplaceAll(name, " ", "-")}}, &out)
			if !out.Ingest.Created {
				t.Errorf("the mutation with %s: not created", name)
			}
			stored++
		}

		var stats struct{ Stats struct{ Documents int } }
		srv.query(t, `{ stats { documents } }`, nil, &stats)
		if stats.Stats.Documents != stored {
			t.Errorf("the server holds %d documents, want the %d acknowledged", stats.Stats.Documents, stored)
		}
		srv.stop(t)
		checkStoredTexts(t, db, stored)
	})
}

// located is the error kg ingest prints for path: err is ":LINE: msg" or
// ": msg"; an origin with a control character is quoted
// (ingest.SafeOrigin), its line within the quotes.
func located(path, err string) string {
	origin, msg := path, err
	if rest, ok := strings.CutPrefix(err, ":"); ok && len(rest) > 0 && rest[0] >= '0' && rest[0] <= '9' {
		line, after, _ := strings.Cut(rest, ":")
		origin, msg = path+":"+line, ":"+after
	}
	if strings.ContainsAny(origin, "\n\x1b") {
		origin = fmt.Sprintf("%q", origin)
	}
	return origin + msg
}

// checkStoredTexts opens db with kg export --text and checks that it
// holds want documents, none with a control character but tab, newline
// and carriage return.
func checkStoredTexts(t *testing.T, db string, want int) {
	t.Helper()
	out := mustKG(t, "", "export", "--db", db, "--text").stdout
	docs := 0
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var rec struct{ Type, Text, Title string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("export line %.100s: %v", sc.Text(), err)
		}
		if rec.Type != "document" {
			continue
		}
		docs++
		for _, s := range []string{rec.Text, rec.Title} {
			if i := strings.IndexFunc(s, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' && r != '\r' }); i >= 0 {
				t.Errorf("a stored document holds the control character %q: %.80q", s[i], s)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if docs != want {
		t.Errorf("the database holds %d documents, want %d", docs, want)
	}
}

// Media types of POST /ingest, as a client sends them.
const (
	mediaJSONLines   = "application/x-ndjson"
	mediaArticleType = "application/vnd.kg.article"
)

// ingestAnswer is one line of the answer of POST /ingest.
type ingestAnswer struct {
	Line                       int
	Status, ID, Error, Stopped string
	Done                       bool
	Created, Errors, Documents int
}

// postIngest POSTs body to /ingest and gives its answer's document lines
// and its last line.
func postIngest(t *testing.T, srv *server, mediaType, body string) (lines []ingestAnswer, done ingestAnswer) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.base+"ingest", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mediaType)
	req.Header.Set("Authorization", "Bearer "+srv.token)
	resp := srv.do(t, req)
	if resp.status != http.StatusOK {
		t.Fatalf("POST /ingest: %d %s", resp.status, resp.body)
	}
	for _, l := range strings.Split(strings.TrimSpace(resp.body), "\n") {
		var a ingestAnswer
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatalf("POST /ingest answered %q: %v", l, err)
		}
		if a.Done {
			done = a
		} else {
			lines = append(lines, a)
		}
	}
	if !done.Done {
		t.Errorf("POST /ingest: no last line in %s", resp.body)
	}
	return lines, done
}

// post POSTs a raw GraphQL request body, with the server's token.
func (s *server) post(t *testing.T, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.base+"graphql", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if s.token != "" {
		req.Header.Set("Authorization", "Bearer "+s.token)
	}
	r := s.do(t, req)
	return r.status, r.body
}

// quoteJSON is s as a JSON string.
func quoteJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
