package schema

import (
	"fmt"
	"net/http"
	"runtime"
)

// Under load the handler answers rather than queues: at most
// HandlerConfig.MaxConcurrent requests are served at once (default
// 4×GOMAXPROCS, enough to keep every core busy while some requests wait
// on the disk); one more gets 503 with Retry-After at once, instead of
// joining a queue that grows without bound, holds its memory and answers
// after the client gave up. /healthz is not counted, so a probe stays
// answerable when the server is saturated.

// DefaultMaxConcurrent is HandlerConfig.MaxConcurrent's default.
func DefaultMaxConcurrent() int { return 4 * runtime.GOMAXPROCS(0) }

// retryAfterSeconds is what a refused client is told to wait.
const retryAfterSeconds = 1

// limitConcurrency serves at most n requests at once (n < 0: no cap).
func limitConcurrency(n int, next http.Handler) http.Handler {
	if n < 0 {
		return next
	}
	slots := make(chan struct{}, n)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" {
			next.ServeHTTP(w, r)
			return
		}
		select {
		case slots <- struct{}{}:
			defer func() { <-slots }()
			next.ServeHTTP(w, r)
		default:
			w.Header().Set("Retry-After", fmt.Sprint(retryAfterSeconds))
			writeErrors(w, http.StatusServiceUnavailable, fmt.Sprintf("server busy: %d requests in flight, the most it serves at once (kg serve --max-concurrent); retry after %d s", n, retryAfterSeconds))
		}
	})
}
