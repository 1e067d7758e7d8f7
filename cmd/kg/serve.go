package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
	"github.com/factgraph/kg/schema"
)

// defaultAddr is where kg serve and kg demo listen unless told otherwise.
const defaultAddr = "127.0.0.1:8080"

// shutdownTimeout is how long a stopping server waits for requests in
// flight.
const shutdownTimeout = 10 * time.Second

// runServe implements "kg serve": serve the graph over GraphQL.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", "[--db DIR] [--addr HOST:PORT]", `Serves the graph over GraphQL: POST or GET /graphql, a query page at /,
/healthz. Port 0 picks a free port; the address is printed. SIGINT or
SIGTERM stops the server gracefully. Mutations (corrections, ingestDocument)
need "Authorization: Bearer TOKEN" with a token of kg token add NAME;
--read-only refuses them all. Go's garbage collector runs at GOGC=50 (a
smaller heap, for a little more CPU per request) unless GOGC is set.`, stderr)
	db := dbFlag(fs)
	addr := fs.String("addr", defaultAddr, "listen on `HOST:PORT`, a loopback address")
	var allowOrigins, allowHosts listFlag
	fs.Var(&allowOrigins, "allow-origin", "let web pages of `ORIGIN` read answers (CORS; a comma-separated list, or the flag repeated; * for any). Pages never write")
	fs.Var(&allowHosts, "allow-host", "also answer requests whose Host header is `NAME` (besides localhost and loopback addresses; a list)")
	readOnly := fs.Bool("read-only", false, "refuse every mutation")
	syncWrites := fs.Bool("sync", false, "sync every write to disk before answering it (Badger's SyncWrites): acknowledged writes survive a power loss, not only a crash of kg")
	accessLog := fs.Bool("access-log", true, "log one line per request to standard error (never bodies or credentials)")
	memLimit := fs.Int64("memory-limit", defaultServeMemoryLimit>>20, "soft limit of the Go heap in `MiB` (0: none)")
	maxConcurrent := fs.Int("max-concurrent", schema.DefaultMaxConcurrent(), "serve at most `N` requests at once; more get 503 with Retry-After (/healthz is not counted)")
	maxResponse := fs.Int("max-response", schema.DefaultMaxResponseBytes>>20, "cap a response at `MiB`; a larger answer is one error")
	timeout := fs.Duration("timeout", schema.DefaultTimeout, "stop a request's work after `DURATION`")
	positional, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(positional) > 0 {
		return usagef("unexpected argument %q", positional[0])
	}

	ex, err := extract.New()
	if err != nil {
		return err
	}
	store, dir, err := openExistingDB(*db, !*readOnly, *syncWrites)
	if err != nil {
		return err
	}
	serveErr := serveGraph(ctx, store, ex, serveOptions{
		Addr: *addr, AllowOrigins: allowOrigins, AllowHosts: allowHosts, ReadOnly: *readOnly, AccessLog: *accessLog,
		MemoryLimit: *memLimit << 20, GCPercent: servingGCPercentFor(os.Getenv), MaxConcurrent: *maxConcurrent, MaxResponseBytes: *maxResponse << 20, Timeout: *timeout,
	}, stderr, func(baseURL string) {
		fmt.Fprintf(stdout, "kg: serving %s at %s (GraphQL at %sgraphql)\n", dir, baseURL, baseURL)
	})
	if err := store.Close(); err != nil && serveErr == nil {
		serveErr = fmt.Errorf("close database: %w", err)
	}
	return serveErr
}

// serveOptions say where and how to serve.
type serveOptions struct {
	Addr string // HOST:PORT, a loopback address; port 0 picks a free one
	// AllowOrigins are the web origins whose pages may read (CORS).
	AllowOrigins []string
	// AllowHosts are Host header names served besides the loopback ones.
	AllowHosts []string
	ReadOnly   bool // refuse mutations
	AccessLog  bool // a line per request on stderr
	// MemoryLimit is the Go runtime's soft memory limit in bytes while
	// serving (debug.SetMemoryLimit); 0 leaves the runtime's default.
	MemoryLimit int64
	// GCPercent, when positive, is the garbage collector's target
	// percentage while serving (debug.SetGCPercent); 0 leaves it alone.
	// Like MemoryLimit it is the process's, restored when serving ends:
	// servers in one process (the benchmark's) must stop in the reverse
	// order of their start.
	GCPercent int
	// MaxConcurrent, MaxResponseBytes and Timeout bound the requests in
	// flight, a response's size and a request's work; 0: the defaults.
	MaxConcurrent, MaxResponseBytes int
	Timeout                         time.Duration
}

// defaultServeMemoryLimit keeps a server's Go heap, GC headroom included,
// under 768 MiB; Badger's memory-mapped files come on top and are the
// kernel's to reclaim.
const defaultServeMemoryLimit = 768 << 20

// servingGCPercent is the garbage collector's target while serving. Half
// the runtime's default: a server's live heap is mostly caches of fixed
// size (Badger's block cache, the text and record caches, the memtable,
// the gazetteers), so at the default 100 the heap grows to twice them
// before a collection, while its garbage is per request and short-lived.
// kg bench --queries-only on a kept 20k-article database, two runs each
// (the machine busy, other load ~90%): peak RSS while serving 484 and
// 464 MiB at 100, 387 and 380 at 50 (anonymous 338 and 324, 241 and
// 240); CPU per request, the mean of the six queries, 0.82 against 0.81
// ms, within the noise of that machine. docs/performance.md has the runs.
const servingGCPercent = 50

// servingGCPercentFor gives serveOptions.GCPercent: servingGCPercent, or
// 0 (the runtime's own) when the environment sets GOGC, so that a user's
// choice wins.
func servingGCPercentFor(getenv func(string) string) int {
	if getenv("GOGC") != "" {
		return 0
	}
	return servingGCPercent
}

// serveGraph serves the GraphQL schema over store until ctx is done, then
// shuts down gracefully. announce receives the base URL
// ("http://127.0.0.1:8080/") once the server is listening. Logs go to
// stderr. The caller closes the store afterwards.
func serveGraph(ctx context.Context, store *graph.Store, ex *extract.Extractor, opts serveOptions, stderr io.Writer, announce func(baseURL string)) error {
	if opts.MemoryLimit > 0 {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(opts.MemoryLimit))
	}
	if opts.GCPercent > 0 {
		defer debug.SetGCPercent(debug.SetGCPercent(opts.GCPercent))
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	s, err := schema.New(store, ex, schema.Config{Logger: logger, MaxResponseBytes: opts.MaxResponseBytes})
	if err != nil {
		return err
	}
	if err := checkLoopback(opts.Addr); err != nil {
		return err
	}
	hosts := schema.LoopbackHosts()
	if h, _, err := net.SplitHostPort(opts.Addr); err == nil && !slices.Contains(hosts, h) {
		hosts = append(hosts, strings.ToLower(strings.Trim(h, "[]")))
	}
	for _, h := range opts.AllowHosts {
		hosts = append(hosts, strings.ToLower(h))
	}
	cfg := schema.HandlerConfig{AllowOrigins: opts.AllowOrigins, AllowedHosts: hosts, ReadOnly: opts.ReadOnly, Logger: logger,
		MaxConcurrent: opts.MaxConcurrent, Timeout: opts.Timeout,
		Credentials: store} // mutations need a token (kg token)
	if opts.AccessLog {
		cfg.AccessLog = logger
	}
	handler := schema.NewHandler(s, cfg)

	listener, err := net.Listen("tcp", opts.Addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("cannot listen on %s: the port is in use (another kg serve or kg demo?); choose another with --addr, e.g. --addr 127.0.0.1:8081 (port 0 picks a free one)", opts.Addr)
	}
	if err != nil {
		return fmt.Errorf("listen on %s (--addr): %w", opts.Addr, err)
	}
	// The timeouts, against slow or idle clients holding connections:
	// the headers must come within 10 s and the whole request (a body of
	// at most 1 MiB) within 30 s; the response must be written within the
	// request's own timeout plus a minute to send a capped body to a slow
	// reader (the write deadline runs from the end of the headers read);
	// a kept-alive connection is closed after 2 minutes idle.
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = schema.DefaultTimeout
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      timeout + time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(listener) }()
	announce("http://" + listener.Addr().String() + "/")

	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	err = srv.Shutdown(shutdownCtx)
	if err != nil {
		srv.Close() // the deadline passed: drop the connections still open
	}
	if serveErr := <-served; !errors.Is(serveErr, http.ErrServerClosed) && err == nil {
		err = serveErr
	}
	if err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}

// checkLoopback refuses an address other machines could reach: the server
// has no authentication of readers, and a graph holds unpublished work.
// "localhost" and loopback IP addresses pass; an empty host (every
// interface) does not.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--addr %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(strings.Trim(host, "[]")); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("refusing to listen on %q (--addr): other machines could reach it, and the server does not authenticate readers; listen on a loopback address such as 127.0.0.1:8080 (an authenticating reverse proxy can publish it)", addr)
}

// listFlag is a flag of comma-separated values that may also be repeated.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		if part = strings.TrimSpace(part); part != "" {
			*l = append(*l, part)
		}
	}
	return nil
}
