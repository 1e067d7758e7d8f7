package schema

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/location"

	"github.com/factgraph/kg/graph/ingest"
)

// HandlerConfig tunes the HTTP handler. The zero value gives the defaults.
type HandlerConfig struct {
	// AllowOrigins are the browser origins ("https://notebooks.example")
	// whose pages may read answers (CORS); "*" allows any. Default none.
	// No origin may write (see access.go).
	AllowOrigins []string
	// AllowedHosts are the names (and IP addresses) the Host header may
	// give, in lower case and without a port; empty allows any. A server on
	// a loopback address should allow LoopbackHosts only (DNS rebinding).
	AllowedHosts []string
	// ReadOnly refuses every mutation.
	ReadOnly bool
	// Credentials, when set, are checked for mutations (and POST
	// /ingest): each needs "Authorization: Bearer <token>"
	// (credentials.go). Nil: mutations need none.
	Credentials Credentials
	// MaxBodyBytes bounds a POST body to /graphql; a larger one gets 413.
	// Default 9 MiB: a mutation's text may be ingest.MaxDocumentBytes,
	// which JSON escaping can double. (POST /ingest streams its body; each
	// of its documents has the limits of kg ingest.)
	MaxBodyBytes int64
	// Timeout bounds one GraphQL request. Default 60 s; negative: none.
	Timeout time.Duration
	// MaxConcurrent bounds the requests served at once; more get 503
	// (load.go). Default 4×GOMAXPROCS; negative: no cap.
	MaxConcurrent int
	// Logger receives handler panics. Nil: slog.Default().
	Logger *slog.Logger
	// AccessLog, when set, receives a line per request (method, path,
	// status, bytes, duration, remote address).
	AccessLog *slog.Logger
}

// Defaults of HandlerConfig.
const (
	DefaultMaxBodyBytes = ingest.MaxJSONLine + 1<<20
	DefaultTimeout      = 60 * time.Second
)

//go:embed page.html
var queryPage string

// NewHandler serves s over HTTP:
//
//	POST /graphql   {"query", "variables", "operationName"} as
//	                application/json, or the query alone as
//	                application/graphql
//	GET  /graphql   ?query=&variables=&operationName= (no mutations)
//	OPTIONS         CORS preflight: 204 for an allowed origin, else 403
//	POST /ingest    a stream of JSON lines, or one article: stored as kg
//	                ingest stores them, one answer line per document
//	                (ingesthttp.go)
//	POST /backup    a backup of the store, streamed (backup.go)
//	GET  /healthz   200 "ok"
//	GET  /          a query page, self-contained (no external assets)
//
// GraphQL errors come with status 200, as the GraphQL over HTTP spec
// says; unreadable requests get 400, oversized bodies 413, a mutation over
// GET 405, a POST that is neither JSON nor GraphQL 415, a mutation from
// another origin or to a read-only server 403, all with a GraphQL error
// body. access.go says how browsers are kept out.
func NewHandler(s *Schema, cfg HandlerConfig) http.Handler {
	return newHandler(s, cfg, true)
}

// newHandler is NewHandler; with direct false every request is executed
// by graphql-go (the tests compare the two).
func newHandler(s *Schema, cfg HandlerConfig, direct bool) http.Handler {
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.MaxConcurrent == 0 {
		cfg.MaxConcurrent = DefaultMaxConcurrent()
	}
	h := &handler{schema: s, cfg: cfg, direct: direct}
	mux := http.NewServeMux()
	mux.HandleFunc("/graphql", h.graphql)
	mux.HandleFunc("/ingest", h.ingest)
	mux.HandleFunc("/healthz", h.healthz)
	mux.HandleFunc("/backup", h.backup)
	mux.HandleFunc("/{$}", h.page)
	return h.logRequests(limitConcurrency(cfg.MaxConcurrent, h.recoverPanics(h.guard(mux))))
}

type handler struct {
	schema *Schema
	cfg    HandlerConfig
	direct bool // queries may be answered by the direct executor
	bufs   bufPool
}

// recoverPanics answers 500 instead of dropping the connection when a
// handler panics, and logs the panic.
func (h *handler) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			rec := recover()
			if rec == nil {
				return
			}
			if rec == http.ErrAbortHandler {
				panic(rec)
			}
			h.cfg.Logger.Error("graphql handler panicked", "method", r.Method, "path", r.URL.Path, "panic", rec, "stack", string(debug.Stack()))
			writeErrors(w, http.StatusInternalServerError, "internal server error")
		}()
		next.ServeHTTP(w, r)
	})
}

func (h *handler) healthz(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	io.WriteString(w, "ok")
}

func (h *handler) page(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	// The page must not load anything from elsewhere; the policy makes
	// the browser enforce it.
	hd.Set("Content-Security-Policy", "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	hd.Set("X-Content-Type-Options", "nosniff")
	// no page of another origin may frame the explorer (clickjacking)
	hd.Set("X-Frame-Options", "DENY")
	io.WriteString(w, queryPage)
}

func (h *handler) graphql(w http.ResponseWriter, r *http.Request) {
	var req Request
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		var err error
		if req, err = requestFromQuery(r); err != nil {
			writeErrors(w, http.StatusBadRequest, err.Error())
			return
		}
	case http.MethodPost:
		var status int
		var err error
		if req, status, err = h.requestFromBody(w, r); err != nil {
			writeErrors(w, status, err.Error())
			return
		}
	default:
		w.Header().Set("Allow", "GET, POST, OPTIONS")
		writeErrors(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s not allowed: use GET or POST", r.Method))
		return
	}
	if strings.TrimSpace(req.Query) == "" {
		writeErrors(w, http.StatusBadRequest, `missing "query"`)
		return
	}
	ctx := r.Context()
	if h.cfg.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, h.cfg.Timeout)
		defer cancel()
	}
	buf := h.bufs.get()
	defer h.bufs.put(buf)
	refusedStatus, refusal := h.writeRefusal(r)
	if refusal == "" {
		ctx, refusedStatus, refusal = h.authorize(ctx, r)
	}
	out := h.schema.run(ctx, req, refusal, h.direct, buf)
	if out.body != nil {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		w.Write(out.body)
		return
	}
	if out.mutationRefused {
		if refusedStatus == http.StatusMethodNotAllowed {
			w.Header().Set("Allow", "POST")
		}
		if refusedStatus == http.StatusUnauthorized {
			w.Header().Set("WWW-Authenticate", "Bearer")
		}
		writeJSON(w, refusedStatus, response{Errors: jsonErrors(out.result.Errors)})
		return
	}
	resp := response{Errors: jsonErrors(out.result.Errors), Extensions: out.result.Extensions}
	if out.executed {
		resp.Data = &out.result.Data
	}
	writeJSON(w, http.StatusOK, resp)
}

func requestFromQuery(r *http.Request) (Request, error) {
	q := r.URL.Query()
	req := Request{Query: q.Get("query"), OperationName: q.Get("operationName")}
	if v := q.Get("variables"); v != "" {
		if err := json.Unmarshal([]byte(v), &req.Variables); err != nil {
			return req, fmt.Errorf("malformed variables: %v", err)
		}
	}
	return req, nil
}

// requestFromBody reads a POST body: JSON, or a bare query as
// application/graphql. The status goes with the error.
func (h *handler) requestFromBody(w http.ResponseWriter, r *http.Request) (Request, int, error) {
	var req Request
	// No default type: a page may POST a body without one (or as
	// text/plain, or a form) with no CORS preflight, so only the types a
	// preflight guards are read.
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return req, http.StatusUnsupportedMediaType, errors.New("missing Content-Type: use application/json or application/graphql")
	}
	mediaType, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return req, http.StatusUnsupportedMediaType, fmt.Errorf("malformed Content-Type %q", ct)
	}
	if mediaType != "application/json" && mediaType != "application/graphql" {
		return req, http.StatusUnsupportedMediaType, fmt.Errorf("unsupported Content-Type %q: use application/json or application/graphql", mediaType)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.cfg.MaxBodyBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return req, http.StatusRequestEntityTooLarge, fmt.Errorf("request body larger than %d bytes", tooLarge.Limit)
		}
		return req, http.StatusBadRequest, fmt.Errorf("read request body: %v", err)
	}
	if mediaType == "application/graphql" {
		req.Query = string(body)
		req.OperationName = r.URL.Query().Get("operationName")
		return req, 0, nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&req); err != nil {
		return req, http.StatusBadRequest, fmt.Errorf("malformed JSON body: %v", err)
	}
	if dec.More() {
		return req, http.StatusBadRequest, errors.New("malformed JSON body: more than one JSON value")
	}
	return req, 0, nil
}

// response is a GraphQL response. Data is left out when execution did
// not start (request, parse, validation and limit errors), and is null
// when execution failed at the root. Errors come first, as appendResult
// writes them.
type response struct {
	Errors     []jsonError    `json:"errors,omitempty"`
	Data       *any           `json:"data,omitempty"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

type jsonError struct {
	Message    string                    `json:"message"`
	Locations  []location.SourceLocation `json:"locations,omitempty"`
	Path       []any                     `json:"path,omitempty"`
	Extensions map[string]any            `json:"extensions,omitempty"`
}

func jsonErrors(errs []gqlerrors.FormattedError) []jsonError {
	if len(errs) == 0 {
		return nil
	}
	out := make([]jsonError, len(errs))
	for i, e := range errs {
		out[i] = jsonError{Message: e.Message, Locations: e.Locations, Path: e.Path, Extensions: e.Extensions}
	}
	return out
}

func writeErrors(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, response{Errors: []jsonError{{Message: msg}}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	var body bytes.Buffer
	enc := json.NewEncoder(&body)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		status = http.StatusInternalServerError
		body.Reset()
		body.WriteString(`{"errors":[{"message":"cannot encode the response"}]}` + "\n")
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(body.Bytes())
}
