package schema

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"time"

	"github.com/factgraph/kg/graph/ingest"
)

// POST /ingest stores a stream of documents through the pipeline of kg
// ingest (package ingest) while queries go on, and answers one JSON line
// per document as it is stored.
//
// The body is JSON Lines (Content-Type application/x-ndjson or
// application/jsonl: one {"text": ..., "url": ...} object per line, as a
// .jsonl file for kg ingest), or one article as a .txt file holds it (an
// optional header, a line ---, the text) as application/vnd.kg.article.
// text/plain is refused, as every type a web page can send without a CORS
// preflight (see access.go): a page must not be able to write.
//
// The answer is 200 with Content-Type application/x-ndjson, one line per
// document in input order, then a last line with the totals:
//
//	{"line":1,"status":"created","id":"0190..."}
//	{"line":2,"status":"duplicate","id":"0190..."}
//	{"line":3,"status":"error","error":"field \"text\": missing (...)"}
//	{"done":true,"documents":2,"created":1,"duplicates":1,"errors":1}
//
// "line" is the line of the request body (absent for an article). A
// refused request (wrong method or type, another origin, a read-only
// server) gets its status and a GraphQL-style error body, like /graphql.

// Media types of POST /ingest.
const (
	mediaNDJSON  = "application/x-ndjson"
	mediaJSONL   = "application/jsonl"
	mediaArticle = "application/vnd.kg.article"
)

// ingestIdle is how long POST /ingest waits for the next bytes of a
// request body, or for the client to take an answer, before giving up.
const ingestIdle = time.Minute

// ingestMaxDelay is how long a document read waits for its batch to fill
// before it is written: a client that sends a few documents and waits
// gets its answers.
const ingestMaxDelay = 50 * time.Millisecond

// ingestLine is one line of the answer of POST /ingest.
type ingestLine struct {
	Line   int    `json:"line,omitempty"`
	Status string `json:"status"`
	ID     string `json:"id,omitempty"`
	Error  string `json:"error,omitempty"`
}

// ingestDone is the last line of the answer of POST /ingest.
type ingestDone struct {
	Done       bool   `json:"done"`
	Documents  int    `json:"documents"`
	Created    int    `json:"created"`
	Duplicates int    `json:"duplicates"`
	Errors     int    `json:"errors"`
	Stopped    string `json:"stopped,omitempty"` // why the ingest ended early
}

func (h *handler) ingest(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		writeErrors(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s not allowed: POST a stream of JSON lines or an article", r.Method))
		return
	}
	// The write check, the same as for mutations: every write path goes
	// through writeRefusal (access.go).
	if status, refusal := h.writeRefusal(r); refusal != "" {
		writeErrors(w, status, refusal)
		return
	}
	// And, like a mutation, a credential (credentials.go).
	if _, status, refusal := h.authorize(r.Context(), r); refusal != "" {
		w.Header().Set("WWW-Authenticate", "Bearer")
		writeErrors(w, status, refusal)
		return
	}
	ct := r.Header.Get("Content-Type")
	mediaType, _, err := mime.ParseMediaType(ct)
	if err != nil || (mediaType != mediaNDJSON && mediaType != mediaJSONL && mediaType != mediaArticle) {
		writeErrors(w, http.StatusUnsupportedMediaType, fmt.Sprintf("unsupported Content-Type %q: use %s (or %s) for JSON lines, %s for one article", ct, mediaNDJSON, mediaJSONL, mediaArticle))
		return
	}
	if h.schema.extractor == nil {
		writeErrors(w, http.StatusForbidden, "ingestion is disabled: this server has no extractor")
		return
	}

	rc := http.NewResponseController(w)
	// Answers go out while the body is still being read.
	rc.EnableFullDuplex()
	body := &idleReader{r: r.Body, rc: rc}
	body.extend()
	w.Header().Set("Content-Type", mediaNDJSON+"; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	rc.Flush()

	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	var done ingestDone
	writeFailed := false
	_, errs := ingest.Run(r.Context(), h.schema.store, h.schema.extractor, ingest.Options{
		MaxDelay: ingestMaxDelay,
		// The request's deadline bounds each document's extraction, not
		// the stream: a stream may take longer than one query.
		ExtractTimeout: max(h.cfg.Timeout, 0),
		OnResult: func(res ingest.Result) {
			line := ingestLine{Line: res.Line}
			switch {
			case res.Err != nil:
				line.Status, line.Error = "error", ingestResultError(res)
				done.Errors++
			case res.Created():
				line.Status, line.ID = "created", res.DocumentID().String()
				done.Documents++
				done.Created++
			default:
				line.Status, line.ID = "duplicate", res.DocumentID().String()
				done.Documents++
				done.Duplicates++
			}
			if writeFailed {
				return
			}
			rc.SetWriteDeadline(time.Now().Add(ingestIdle))
			if enc.Encode(line) != nil || rc.Flush() != nil {
				writeFailed = true
			}
		},
	}, func(ctx context.Context, emit ingest.Emit) {
		if mediaType == mediaArticle {
			ingest.ReadArticle("request", body, 0, emit)
		} else {
			ingest.ReadJSONL("request", body, emit)
		}
	})
	done.Done = true
	if len(errs) > 0 {
		// the last error ends the ingest when it is not one document's
		// (an interrupt, the deadline, a full disk)
		var ie *ingest.InputError
		if last := errs[len(errs)-1]; !errors.As(last, &ie) {
			done.Stopped = last.Error()
		}
	}
	if !writeFailed {
		enc.Encode(done)
		rc.Flush()
	}
	// A body the ingest stopped reading (an article over the limit, a
	// line too long) is read on, up to ingestDrain bytes, before the
	// connection is closed: closing it with bytes unread resets it, and a
	// client still sending (Go's among them) then sees a broken
	// connection instead of the answer that names its error.
	io.CopyN(io.Discard, body, ingestDrain)
}

// ingestDrain bounds what POST /ingest reads of a body after the ingest
// stopped reading it: more than any one document (ingest.MaxJSONLine), so
// that a document over the limits gets its answer.
const ingestDrain = 2*ingest.MaxJSONLine + 1<<20

// ingestResultError is a document's error as POST /ingest answers it:
// for a line of JSONL, without the origin ("request:LINE"), which "line"
// says; for an article, with it ("request:3: header line without ':'").
func ingestResultError(res ingest.Result) string {
	var ie *ingest.InputError
	if res.Line > 0 && errors.As(res.Err, &ie) {
		return ie.Err.Error()
	}
	return res.Err.Error()
}

// idleReader reads a request body, pushing the connection's read deadline
// back on every read: a stream of documents may take longer than the
// server's ReadTimeout, but not sit idle.
type idleReader struct {
	r  io.Reader
	rc *http.ResponseController
}

func (b *idleReader) extend() { b.rc.SetReadDeadline(time.Now().Add(ingestIdle)) }

func (b *idleReader) Read(p []byte) (int, error) {
	b.extend()
	return b.r.Read(p)
}
