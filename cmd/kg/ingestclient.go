package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/factgraph/kg/graph/ingest"
)

// remoteSummary adds up what a server answered to kg ingest --server.
type remoteSummary struct {
	Sent, Created, Duplicates, Failed int
	Elapsed                           time.Duration
}

func (s remoteSummary) String() string {
	return fmt.Sprintf("sent %s: %d stored, %d already present, %d failed in %s",
		ingest.Count(s.Sent, "document"), s.Created, s.Duplicates, s.Failed, ingest.RoundDuration(s.Elapsed))
}

// ingestToServer implements kg ingest --server: it reads the paths as kg
// ingest does, sends each document as one JSON line to POST /ingest as it
// is read (the request body streams: nothing is held but the documents in
// flight), and reports the server's answer per document, naming the input
// it came from.
func ingestToServer(ctx context.Context, server, token string, paths []string, stdin io.Reader, stdout, stderr io.Writer, prog *progress) error {
	endpoint, err := ingestEndpoint(server)
	if err != nil {
		return usagef("--server: %v", err)
	}
	var (
		mu      sync.Mutex
		origins = map[int]ingest.Result{} // by request line, until answered
		local   int                       // inputs that failed here
	)
	pr, pw := io.Pipe()
	go func() {
		w := bufio.NewWriterSize(pw, 256<<10)
		line := 0
		var buf bytes.Buffer
		ingest.ReadPaths(ctx, paths, stdin, func(doc ingest.Document, err error) bool {
			if err == nil {
				buf.Reset()
				err = encodeDocument(&buf, doc)
			}
			if err != nil {
				fmt.Fprintf(stderr, "kg: ingest %v\n", ingest.NewInputError(doc.Origin, err))
				mu.Lock()
				local++
				mu.Unlock()
				return true
			}
			line++
			mu.Lock()
			origins[line] = ingest.Result{Origin: doc.Origin, Size: doc.Size}
			mu.Unlock()
			if _, err := w.Write(buf.Bytes()); err != nil {
				return false // the request ended; its error is reported below
			}
			if strings.HasPrefix(doc.Origin, "-") {
				// Standard input may be a feed that waits: send each
				// document as it comes.
				if w.Flush() != nil {
					return false
				}
			}
			return true
		})
		if err := w.Flush(); err != nil {
			pw.CloseWithError(err)
			return
		}
		pw.Close()
	}()

	start := time.Now()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, pr)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-ndjson")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token) // writes need a credential
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		pr.CloseWithError(err)
		return fmt.Errorf("send to %s: %w", endpoint, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		pr.CloseWithError(errors.New("refused"))
		return fmt.Errorf("%s refused the documents: %s", endpoint, answerError(resp))
	}
	var sum remoteSummary
	var done bool
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		var a struct {
			Line    int    `json:"line"`
			Status  string `json:"status"`
			Error   string `json:"error"`
			Done    bool   `json:"done"`
			Stopped string `json:"stopped"`
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return fmt.Errorf("%s answered %q: %v", endpoint, sc.Bytes(), err)
		}
		if a.Done {
			done = true
			if a.Stopped != "" {
				fmt.Fprintf(stderr, "kg: ingest: the server stopped: %s\n", a.Stopped)
			}
			break
		}
		mu.Lock()
		r := origins[a.Line]
		delete(origins, a.Line)
		mu.Unlock()
		prog.add(r)
		sum.Sent++
		switch a.Status {
		case "created":
			sum.Created++
		case "duplicate":
			sum.Duplicates++
		default:
			sum.Failed++
			fmt.Fprintf(stderr, "kg: ingest %s: %s\n", ingest.SafeOrigin(r.Origin), a.Error)
		}
	}
	prog.stop()
	sum.Elapsed = time.Since(start)
	fmt.Fprintf(stdout, "%s to %s\n", sum, endpoint)
	switch {
	case ctx.Err() != nil:
		return errors.New("interrupted; the documents counted above are stored")
	case sc.Err() != nil || !done:
		return fmt.Errorf("the answer of %s ended early (%v); the documents counted above are stored", endpoint, sc.Err())
	case sum.Failed+local > 0:
		return fmt.Errorf("%s failed (see above); every other document is stored", ingest.Count(sum.Failed+local, "input"))
	}
	return nil
}

// ingestEndpoint is the POST /ingest URL of a server given as a base URL
// ("http://127.0.0.1:8080", with or without a path of / or /graphql).
func ingestEndpoint(server string) (string, error) {
	if !strings.Contains(server, "://") {
		server = "http://" + server
	}
	u, err := url.Parse(server)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return "", fmt.Errorf("%q is not a server URL such as http://127.0.0.1:8080", server)
	}
	u.Path = strings.TrimSuffix(strings.TrimSuffix(u.Path, "/"), "/graphql") + "/ingest"
	u.RawQuery, u.Fragment = "", ""
	return u.String(), nil
}

// answerError is the message of a refusal (a GraphQL-style error body).
func answerError(resp *http.Response) string {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	var e struct {
		Errors []struct{ Message string } `json:"errors"`
	}
	if json.Unmarshal(body, &e) == nil && len(e.Errors) > 0 {
		return fmt.Sprintf("%s: %s", resp.Status, e.Errors[0].Message)
	}
	return fmt.Sprintf("%s: %s", resp.Status, bytes.TrimSpace(body))
}

// encodeDocument writes doc as one JSON line that extract.ParseJSONLine
// reads back to the same header and text: the header's fields, its
// metadata, then the text.
func encodeDocument(buf *bytes.Buffer, doc ingest.Document) error {
	fields := map[string]string{}
	for k, v := range doc.Header.Metadata {
		fields[k] = v
	}
	if _, clash := fields["text"]; clash {
		return errors.New(`a header field named "text" cannot be sent as JSON lines (it would be the text); ingest this file without --server`)
	}
	for k, v := range map[string]string{"url": doc.Header.URL, "title": doc.Header.Title, "publisher": doc.Header.Publisher, "date": doc.Header.Date, "kind": doc.Header.Kind} {
		if v != "" {
			fields[k] = v
		}
	}
	fields["text"] = doc.Text
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	return enc.Encode(fields) // one line, keys sorted
}
