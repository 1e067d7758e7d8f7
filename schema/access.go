package schema

import (
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A kg server runs on a fact-checker's laptop beside a browser, so every
// web page the browser opens can send it requests. The handler therefore
// treats browsers as untrusted callers:
//
//   - Reads from another origin are readable by that page only when the
//     origin is listed (HandlerConfig.AllowOrigins): no CORS headers
//     otherwise, and never "*" unless listed.
//   - Writes (mutations, POST /ingest) are refused when the request comes
//     from another origin (its Origin header names another host, or
//     Sec-Fetch-Site is not same-origin), whatever the CORS list says, and
//     on a read-only server. Every write path asks writeRefusal: it is
//     the one place a write is allowed or not.
//   - A POST must say it is JSON or GraphQL (or, to /ingest, JSON lines
//     or a kg article): a page can send a body with no Content-Type,
//     text/plain or a form without a CORS preflight, so those get 415 and
//     never run.
//   - The Host header must name the server (HandlerConfig.AllowedHosts),
//     so that a page on a domain rebound to 127.0.0.1 (DNS rebinding) is
//     refused.
//
// Requests are logged (method, path, status, bytes, duration), never
// their bodies or credentials.

// sameOrigin reports whether r comes from the server's own origin or from
// no browser page at all (curl, notebooks and scripts send neither
// header; a browser sends Sec-Fetch-Site "none" for a URL typed by hand).
func sameOrigin(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
	default:
		return false
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false // "null" (sandboxed frames, files) and garbage
	}
	return strings.EqualFold(u.Host, r.Host)
}

// hostAllowed reports whether the Host header of r names one of hosts
// (names or IP addresses, no port); an empty list allows any.
func hostAllowed(r *http.Request, hosts []string) bool {
	if len(hosts) == 0 {
		return true
	}
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(strings.Trim(host, "[]"))
	return slices.Contains(hosts, host)
}

// LoopbackHosts are the names a server bound to a loopback address
// answers to: localhost and the loopback addresses themselves.
func LoopbackHosts() []string { return []string{"localhost", "127.0.0.1", "::1"} }

// guard applies the Host check and CORS, then serves the request.
func (h *handler) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !hostAllowed(r, h.cfg.AllowedHosts) {
			writeErrors(w, http.StatusForbidden, "host "+quoteForLog(r.Host)+" is not served here; start kg serve with --allow-host for each name it is reached by")
			return
		}
		origin := r.Header.Get("Origin")
		corsOK := origin != "" && (slices.Contains(h.cfg.AllowOrigins, origin) || slices.Contains(h.cfg.AllowOrigins, "*"))
		if corsOK {
			hd := w.Header()
			hd.Set("Access-Control-Allow-Origin", origin)
			hd.Add("Vary", "Origin")
		}
		if r.Method == http.MethodOptions {
			if !corsOK {
				writeErrors(w, http.StatusForbidden, "origin "+quoteForLog(origin)+" may not query this server; start kg serve with --allow-origin to let it read")
				return
			}
			hd := w.Header()
			hd.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
			hd.Set("Access-Control-Allow-Headers", "Content-Type")
			hd.Set("Access-Control-Max-Age", "86400")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// writeRefusal says why a write in r (a mutation, or POST /ingest) may
// not run, with the status to answer; "" when it may. Every write path
// calls it, so a check every write needs (credentials, say) goes here.
func (h *handler) writeRefusal(r *http.Request) (int, string) {
	switch {
	case r.Method != http.MethodPost:
		return http.StatusMethodNotAllowed, "mutations are accepted only in POST requests"
	case h.cfg.ReadOnly:
		return http.StatusForbidden, "this server is read-only (kg serve --read-only): mutations and ingests are refused"
	case !sameOrigin(r):
		return http.StatusForbidden, "writes from a web page of another origin are refused"
	}
	return 0, ""
}

// logRequests logs one line per request once it is answered.
func (h *handler) logRequests(next http.Handler) http.Handler {
	if h.cfg.AccessLog == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		h.cfg.AccessLog.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", rec.status),
			slog.Int64("bytes", rec.bytes),
			slog.Duration("duration", time.Since(start)),
			slog.String("remote", r.RemoteAddr))
	})
}

// statusRecorder remembers the status and size of a response.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	n, err := s.ResponseWriter.Write(b)
	s.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// quoteForLog quotes a client-supplied string for a message, escaping
// control characters and cutting it short.
func quoteForLog(s string) string {
	const max = 100
	if len(s) > max {
		s = s[:max] + "..."
	}
	return strconv.Quote(s)
}
