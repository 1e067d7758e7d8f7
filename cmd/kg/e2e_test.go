package main

// End-to-end tests: they build the real kg binary once (TestMain) and run
// it as a subprocess against real databases in temporary directories.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// kgBinary is the kg binary built by TestMain.
var kgBinary string

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "kg-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	kgBinary = filepath.Join(dir, "kg")
	if runtime.GOOS == "windows" {
		kgBinary += ".exe"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, goTool(), "build", "-o", kgBinary, ".")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building kg: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// goTool finds the go command that runs the tests.
func goTool() string {
	if path, err := exec.LookPath("go"); err == nil {
		return path
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}

// commandTimeout bounds every run of kg, so that no test hangs.
const commandTimeout = 2 * time.Minute

// kgResult is what one run of kg did.
type kgResult struct {
	stdout, stderr string
	code           int
}

// runKG runs kg with args and stdin; KG_DB points into a fresh temporary
// directory, so a test that forgets --db touches no real database.
func runKG(t *testing.T, stdin string, args ...string) kgResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, kgBinary, args...)
	cmd.Env = append(os.Environ(), "KG_DB="+filepath.Join(t.TempDir(), "default-db"))
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if exitErr, ok := err.(*exec.ExitError); ok {
		code = exitErr.ExitCode()
	} else if err != nil {
		t.Fatalf("kg %s: %v", strings.Join(args, " "), err)
	}
	return kgResult{stdout: stdout.String(), stderr: stderr.String(), code: code}
}

// mustKG runs kg and fails the test unless it exits 0.
func mustKG(t *testing.T, stdin string, args ...string) kgResult {
	t.Helper()
	r := runKG(t, stdin, args...)
	if r.code != 0 {
		t.Fatalf("kg %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r
}

// summaryLine matches ingest's summary.
var summaryLine = regexp.MustCompile(`stored (\d+) documents? \((\d+) already present\), (\d+) entit(?:y|ies) \((\d+) new\), (\d+) claims?, (\d+) relations? in \S+`)

// storedDocuments reads the documents and duplicates of ingest's summary.
func storedDocuments(t *testing.T, stdout string) (documents, duplicates int) {
	t.Helper()
	m := summaryLine.FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("no summary line in %q", stdout)
	}
	fmt.Sscan(m[1], &documents)
	fmt.Sscan(m[2], &duplicates)
	return documents, duplicates
}

// exampleArticles are small made-up articles in every input format.
var exampleArticles = map[string]string{
	"one.txt": "url: https://example.org/one\ntitle: Clashes near the river\npublisher: Example News\ndate: June 11, 2014\nkind: report\n---\n" +
		"Fighters of Jabhat a-Nusra clashed with regime forces near the river on Tuesday, activists said.\n\n" +
		"“We will not leave the town,” said Abu Omar, a local commander.\n",
	"two.txt": "A report without a header. The Syrian Observatory for Human Rights said that 40 people were killed.\n",
	"sub/feed.jsonl": `{"url":"https://example.org/three","title":"Three","date":"2014-06-12","text":"The monitoring group said the road was closed."}` + "\n" +
		`{"url":"https://example.org/four","title":"Four","text":"Residents said the market reopened.","author":"A. Writer"}` + "\n",
	"sub/four.gold.json": `{"entities":[]}`,
}

func TestE2EIngestTwice(t *testing.T) {
	articles, db := t.TempDir(), t.TempDir()
	writeFiles(t, articles, exampleArticles)

	first := mustKG(t, "", "ingest", "--db", db, articles)
	if docs, dups := storedDocuments(t, first.stdout); docs != 4 || dups != 0 {
		t.Errorf("first ingest: %q; want 4 documents, 0 already present", first.stdout)
	}
	if first.stderr != "" {
		t.Errorf("first ingest wrote to stderr: %q", first.stderr)
	}
	// Flags after the paths work too.
	second := mustKG(t, "", "ingest", articles, "--db", db)
	if docs, dups := storedDocuments(t, second.stdout); docs != 4 || dups != 4 {
		t.Errorf("second ingest: %q; want 4 documents, 4 already present", second.stdout)
	}

	srv := startServer(t, db)
	var data struct {
		Stats     struct{ Documents int }
		Documents struct {
			TotalCount int
			Nodes      []struct {
				Title, URL, PublishedAt string
				Metadata                []struct{ Key, Value string }
			}
		}
	}
	srv.query(t, `{ stats { documents } documents(first: 10) { totalCount nodes { title url publishedAt metadata { key value } } } }`, nil, &data)
	if data.Stats.Documents != 4 || data.Documents.TotalCount != 4 || len(data.Documents.Nodes) != 4 {
		t.Fatalf("after two ingests: stats %d documents, totalCount %d, %d nodes; want 4", data.Stats.Documents, data.Documents.TotalCount, len(data.Documents.Nodes))
	}
	// Directories are read in lexical order: one.txt, sub/feed.jsonl, two.txt.
	var titles []string
	for _, d := range data.Documents.Nodes {
		titles = append(titles, d.Title)
	}
	if want := "Clashes near the river|Three|Four|"; strings.Join(titles, "|") != want {
		t.Errorf("titles in ingest order = %q, want %q", strings.Join(titles, "|"), want)
	}
	one := data.Documents.Nodes[0]
	if one.URL != "https://example.org/one" || one.PublishedAt != "2014-06-11" {
		t.Errorf("one.txt stored as url %q publishedAt %q", one.URL, one.PublishedAt)
	}
	if got := fmt.Sprint(one.Metadata); !strings.Contains(got, "{date June 11, 2014}") || !strings.Contains(got, "{kind report}") {
		t.Errorf("one.txt metadata = %s; want the date and kind verbatim", got)
	}
	srv.stop(t)
}

func TestE2EIngestBadInputs(t *testing.T) {
	dir, db := t.TempDir(), t.TempDir()
	writeFiles(t, dir, map[string]string{
		"good.txt":    "title: Good\n---\nThe council said the bridge was repaired.\n",
		"bad.txt":     "title: Bad\nthis line has no colon\n---\nText.\n",
		"feed.jsonl":  `{"text":"First line is fine."}` + "\n" + `{"title":"no text here"}` + "\n" + `{"text":"Third is fine too."}` + "\n",
		"latin1.txt":  "title: Latin-1\n---\nCaf\xe9 owners said prices rose.\n",
		"also-ok.txt": "Residents said the water was cut.",
	})
	paths := []string{"good.txt", "bad.txt", "feed.jsonl", "missing.txt", "latin1.txt", "also-ok.txt"}
	var args []string
	for _, p := range paths {
		args = append(args, filepath.Join(dir, p))
	}

	r := runKG(t, "", append([]string{"ingest", "--db", db}, args...)...)
	if r.code != 1 {
		t.Errorf("exit code %d, want 1", r.code)
	}
	for _, want := range []string{
		"kg: ingest " + filepath.Join(dir, "bad.txt") + ":2: header line without ':'",
		"kg: ingest " + filepath.Join(dir, "feed.jsonl") + `:2: field "text": missing`,
		"kg: ingest " + filepath.Join(dir, "missing.txt") + ": no such file or directory",
		"kg: ingest " + filepath.Join(dir, "latin1.txt") + ":3: invalid UTF-8 at byte",
		"kg ingest: 4 inputs failed",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if docs, dups := storedDocuments(t, r.stdout); docs != 4 || dups != 0 {
		t.Errorf("summary %q; want the 4 good documents stored", r.stdout)
	}

	// The good ones are in the database: ingesting them again stores nothing.
	again := mustKG(t, "", "ingest", "--db", db, args[0], args[5])
	if docs, dups := storedDocuments(t, again.stdout); docs != 2 || dups != 2 {
		t.Errorf("ingesting the good files again: %q; want 2 documents, 2 already present", again.stdout)
	}
}

func TestE2EIngestStdin(t *testing.T) {
	db := t.TempDir()
	jsonl := "\n" + `{"text":"The army said the road was open.","url":"https://example.org/s1"}` + "\n" +
		`{"text":"Activists said the road was closed.","url":"https://example.org/s2"}` + "\n"
	r := mustKG(t, jsonl, "ingest", "--db", db, "-")
	if docs, dups := storedDocuments(t, r.stdout); docs != 2 || dups != 0 {
		t.Errorf("JSONL on stdin: %q; want 2 documents stored", r.stdout)
	}
	r = mustKG(t, "title: From stdin\n---\nA lone article said nothing.\n", "ingest", "--db", db, "-")
	if docs, dups := storedDocuments(t, r.stdout); docs != 1 || dups != 0 {
		t.Errorf("article on stdin: %q; want 1 document stored", r.stdout)
	}
	r = runKG(t, `{"title":"no text"}`+"\n", "ingest", "--db", db, "-")
	if r.code != 1 || !strings.Contains(r.stderr, `kg: ingest -:1: field "text": missing`) {
		t.Errorf("bad JSONL on stdin: exit %d, stderr %q; want exit 1 naming -:1", r.code, r.stderr)
	}
}

func TestE2EServe(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("stopping the server needs SIGTERM")
	}
	articles, db := t.TempDir(), t.TempDir()
	writeFiles(t, articles, exampleArticles)
	mustKG(t, "", "ingest", "--db", db, articles)
	srv := startServer(t, db)

	// POST, with variables.
	var posted struct {
		Documents struct {
			Nodes []struct{ Title string }
		}
	}
	srv.query(t, `query($n: Int) { documents(first: $n) { nodes { title } } }`, map[string]any{"n": 2}, &posted)
	if len(posted.Documents.Nodes) != 2 || posted.Documents.Nodes[0].Title != "Clashes near the river" {
		t.Errorf("POST documents(first: 2) = %+v", posted.Documents.Nodes)
	}

	// GET.
	resp := srv.get(t, "/graphql?query="+url.QueryEscape(`{ stats { documents } }`), nil)
	if resp.status != http.StatusOK || !strings.Contains(resp.body, `"documents":4`) {
		t.Errorf("GET /graphql: %d %s", resp.status, resp.body)
	}

	// Pages of other origins: no CORS by default, no writes ever, no
	// body a page can send without a preflight, no rebound Host.
	req, err := http.NewRequest(http.MethodOptions, srv.base+"graphql", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Origin", "http://example.org")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "content-type")
	preflight := srv.do(t, req)
	if preflight.status != http.StatusForbidden || preflight.header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("CORS preflight from another origin: %d %v", preflight.status, preflight.header)
	}
	hostile := func(name, contentType string, header map[string]string, wantStatus int) {
		t.Helper()
		body := `{"query":"mutation { ingestDocument(input: {text: \"A hostile page says ISIS took Raqqa.\", url: \"https://hostile.example/` + name + `\"}) { id } }"}`
		req, err := http.NewRequest(http.MethodPost, srv.base+"graphql", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		for k, v := range header {
			if k == "Host" {
				req.Host = v
			} else {
				req.Header.Set(k, v)
			}
		}
		if got := srv.do(t, req); got.status != wantStatus {
			t.Errorf("%s: %d %s, want %d", name, got.status, got.body, wantStatus)
		}
	}
	hostile("no-content-type", "", nil, http.StatusUnsupportedMediaType)
	hostile("text-plain", "text/plain", nil, http.StatusUnsupportedMediaType)
	hostile("cross-origin", "application/json", map[string]string{"Origin": "http://example.org"}, http.StatusForbidden)
	hostile("cross-site", "application/json", map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden)
	hostile("rebound-host", "application/json", map[string]string{"Host": "attacker.example"}, http.StatusForbidden)
	if got := srv.get(t, "/graphql?query="+url.QueryEscape(`{ stats { documents } }`), nil); !strings.Contains(got.body, `"documents":4`) {
		t.Errorf("a refused write stored something: %s", got.body)
	}

	// The query page is self-contained.
	page := srv.get(t, "/", nil)
	if page.status != http.StatusOK || !strings.Contains(strings.ToLower(page.body), "<html") {
		t.Errorf("GET /: %d, %.200s", page.status, page.body)
	}
	external := regexp.MustCompile(`(?i)(src|href|action)\s*=\s*["']?\s*(https?:)?//|url\(\s*["']?\s*(https?:)?//|import[^;]*["'](https?:)?//`)
	if m := external.FindString(page.body); m != "" {
		t.Errorf("the query page loads an external asset: %q", m)
	}

	health := srv.get(t, "/healthz", nil)
	if health.status != http.StatusOK {
		t.Errorf("GET /healthz: %d %s", health.status, health.body)
	}
	srv.stop(t)
}

// TestE2EDeirEzorAcceptance checks the acceptance on the article the
// project was designed from, over HTTP.
func TestE2EDeirEzorAcceptance(t *testing.T) {
	article := filepath.Join(moduleRoot(t), "..", "shared", "corpus", "000-deir-ezor-plea.txt")
	if _, err := os.Stat(article); err != nil {
		t.Skipf("the shared corpus is not beside the repository (%v); it is needed for this test", err)
	}
	db := t.TempDir()
	mustKG(t, "", "ingest", "--db", db, article)
	srv := startServer(t, db)
	defer srv.stop(t)

	isis := srv.entity(t, "ISIS", "ARMED_GROUP")
	if isil := srv.entity(t, "Islamic State of Iraq and a-Sham", "ARMED_GROUP"); isis.ID != "" && isil.ID != isis.ID {
		t.Errorf("ISIS is %+v but the Islamic State of Iraq and a-Sham is %+v: want one entity", isis, isil)
	}
	srv.entity(t, "Jabhat a-Nusra", "ARMED_GROUP")
	observatory := srv.entity(t, "Syrian Observatory for Human Rights", "ORGANIZATION")
	niklawi := srv.entity(t, "Khalid Niklawi", "PERSON")
	abuZeid := srv.entity(t, "Osama Abu Zeid", "PERSON")
	srv.entity(t, "Deir e-Zor", "PLACE")

	if observatory.ID != "" {
		claims := srv.claims(t, map[string]any{"speaker": observatory.ID, "text": "130,000"})
		if len(claims) == 0 {
			t.Errorf("no claim of the Syrian Observatory for Human Rights contains 130,000")
		}
	}
	if niklawi.ID != "" {
		claims := srv.claims(t, map[string]any{"speaker": niklawi.ID})
		if len(claims) < 10 {
			t.Errorf("%d claims of Khalid Niklawi, want at least 10", len(claims))
		}
		var answer, quote bool
		for _, c := range claims {
			answer = answer || c.Kind == "INTERVIEW_ANSWER" && c.Text == "ISIS controls the west countryside completely."
			quote = quote || c.Kind == "DIRECT_QUOTE" && strings.HasPrefix(c.Text, "The goal of the campaign")
		}
		if !answer {
			t.Errorf("no INTERVIEW_ANSWER of Khalid Niklawi %q among %d claims", "ISIS controls the west countryside completely.", len(claims))
		}
		if !quote {
			t.Errorf("no DIRECT_QUOTE of Khalid Niklawi starting %q among %d claims", "The goal of the campaign", len(claims))
		}
	}
	if abuZeid.ID != "" {
		if claims := srv.claims(t, map[string]any{"speaker": abuZeid.ID}); len(claims) != 0 {
			t.Errorf("Osama Abu Zeid, the interviewer, is the speaker of %d claims, e.g. %q", len(claims), claims[0].Text)
		}
	}

	// Every claim's span gives back its text, in code points.
	var data struct {
		Documents struct {
			Nodes []struct {
				Text   string
				Claims struct {
					Nodes []struct {
						Text       string
						Start, End int
					}
					PageInfo struct{ HasNextPage bool }
				}
			}
		}
	}
	srv.query(t, `{ documents(first: 10) { nodes { text claims(first: 1000) { nodes { text start end } pageInfo { hasNextPage } } } } }`, nil, &data)
	checked := 0
	for _, doc := range data.Documents.Nodes {
		text := []rune(doc.Text)
		if doc.Claims.PageInfo.HasNextPage {
			t.Errorf("more than 1000 claims in one document")
		}
		for _, c := range doc.Claims.Nodes {
			checked++
			if c.Start < 0 || c.Start > c.End || c.End > len(text) {
				t.Errorf("claim %q: span [%d:%d] outside the text (%d code points)", c.Text, c.Start, c.End, len(text))
				continue
			}
			if got := string(text[c.Start:c.End]); got != c.Text {
				t.Errorf("claim %q: text[%d:%d] = %q", c.Text, c.Start, c.End, got)
			}
		}
	}
	if checked == 0 {
		t.Errorf("no claim at all to check the spans of")
	}
}

// moduleRoot is the directory of go.mod above the test's directory.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// server is a running "kg serve".
type server struct {
	base   string // "http://127.0.0.1:PORT/"
	cmd    *exec.Cmd
	done   chan struct{} // closed when the process has exited
	err    error         // the process's exit, once done
	stderr *syncBuffer
	client *http.Client
	// token, when set, is sent as "Authorization: Bearer" with every
	// query: mutations need it.
	token string
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader in different
// goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startServer runs "kg serve" (with flags, if any) on a free port and
// waits until /healthz answers. The process is killed at the end of the
// test if still running.
func startServer(t *testing.T, db string, flags ...string) *server {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	t.Cleanup(cancel)
	cmd := exec.CommandContext(ctx, kgBinary, append([]string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, flags...)...)
	cmd.WaitDelay = 5 * time.Second
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, done: make(chan struct{}), stderr: &syncBuffer{}, client: &http.Client{Timeout: 30 * time.Second}}
	cmd.Stderr = s.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		found := false
		for sc.Scan() {
			if m := regexp.MustCompile(`http://[^\s()]+/`).FindString(sc.Text()); m != "" && !found {
				urls <- m
				found = true
			}
		}
		io.Copy(io.Discard, stdout)
		close(urls)
	}()
	go func() {
		s.err = cmd.Wait()
		close(s.done)
	}()
	t.Cleanup(func() {
		select {
		case <-s.done:
		default:
			cmd.Process.Kill()
			<-s.done
		}
	})

	select {
	case base, ok := <-urls:
		if !ok {
			<-s.done
			t.Fatalf("kg serve printed no URL and exited: %v\nstderr: %s", s.err, s.stderr)
		}
		s.base = base
	case <-ctx.Done():
		t.Fatalf("kg serve printed no URL: %v\nstderr: %s", ctx.Err(), s.stderr)
	}
	if r := s.get(t, "/healthz", nil); r.status != http.StatusOK {
		t.Fatalf("GET /healthz: %d %s", r.status, r.body)
	}
	return s
}

// stop sends SIGTERM and expects a prompt, clean exit. (Windows has no
// SIGTERM: there the server is killed.)
func (s *server) stop(t *testing.T) {
	t.Helper()
	if runtime.GOOS == "windows" {
		s.cmd.Process.Kill()
		<-s.done
		return
	}
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatalf("SIGTERM: %v", err)
	}
	select {
	case <-s.done:
		if s.err != nil {
			t.Errorf("kg serve after SIGTERM: %v\nstderr: %s", s.err, s.stderr)
		}
	case <-time.After(shutdownTimeout + 5*time.Second):
		t.Errorf("kg serve did not exit after SIGTERM\nstderr: %s", s.stderr)
	}
}

// response is an HTTP response read whole.
type response struct {
	status int
	header http.Header
	body   string
}

func (s *server) do(t *testing.T, req *http.Request) response {
	t.Helper()
	resp, err := s.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the body: %v", req.Method, req.URL, err)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: string(body)}
}

func (s *server) get(t *testing.T, path string, header http.Header) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.base+strings.TrimPrefix(path, "/"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	return s.do(t, req)
}

// query POSTs a GraphQL query and decodes its data into out; GraphQL
// errors fail the test.
func (s *server) query(t *testing.T, query string, variables map[string]any, out any) {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": variables})
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, s.base+"graphql", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if s.token != "" {
		req.Header.Set("Authorization", "Bearer "+s.token)
	}
	resp := s.do(t, req)
	var result struct {
		Data   json.RawMessage
		Errors []struct{ Message string }
	}
	if err := json.Unmarshal([]byte(resp.body), &result); err != nil {
		t.Fatalf("POST /graphql %s: %d %s", query, resp.status, resp.body)
	}
	if len(result.Errors) > 0 || resp.status != http.StatusOK {
		t.Fatalf("POST /graphql %s: %d %s", query, resp.status, resp.body)
	}
	if err := json.Unmarshal(result.Data, out); err != nil {
		t.Fatalf("decoding %s: %v", result.Data, err)
	}
}

// entityNode is an entity as the tests query it.
type entityNode struct {
	ID, Name, Type string
	Aliases        []string
}

// entity finds the entity named name (or aliased so) of type typ; it
// reports an error and gives the zero entityNode when there is none.
func (s *server) entity(t *testing.T, name, typ string) entityNode {
	t.Helper()
	var data struct {
		Entities struct{ Nodes []entityNode }
	}
	s.query(t, `query($name: String, $type: EntityType) { entities(name: $name, type: $type, first: 10) { nodes { id name type aliases } } }`,
		map[string]any{"name": name, "type": typ}, &data)
	if len(data.Entities.Nodes) == 0 {
		var anyType struct {
			Entities struct{ Nodes []entityNode }
		}
		s.query(t, `query($name: String) { entities(name: $name, first: 10) { nodes { id name type aliases } } }`, map[string]any{"name": name}, &anyType)
		t.Errorf("no %s named %q (of any type: %+v)", typ, name, anyType.Entities.Nodes)
		return entityNode{}
	}
	return data.Entities.Nodes[0]
}

// claimNode is a claim as the tests query it.
type claimNode struct {
	Kind, Text string
}

// claims gives the claims matching filter (arguments of Query.claims).
func (s *server) claims(t *testing.T, filter map[string]any) []claimNode {
	t.Helper()
	var data struct {
		Claims struct {
			Nodes    []claimNode
			PageInfo struct{ HasNextPage bool }
		}
	}
	var params, args []string
	for name := range filter {
		typ := "String"
		if name == "speaker" || name == "about" || name == "document" {
			typ = "ID"
		}
		params = append(params, fmt.Sprintf("$%s: %s", name, typ))
		args = append(args, fmt.Sprintf("%s: $%s", name, name))
	}
	query := fmt.Sprintf(`query(%s) { claims(%s, first: 1000) { nodes { kind text } pageInfo { hasNextPage } } }`,
		strings.Join(params, ", "), strings.Join(args, ", "))
	s.query(t, query, filter, &data)
	if data.Claims.PageInfo.HasNextPage {
		t.Errorf("more than 1000 claims match %v", filter)
	}
	return data.Claims.Nodes
}

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
