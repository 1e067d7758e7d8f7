package schema

import (
	"net/http"
	"time"
)

// BackupContentType is the media type of POST /backup's answer: a kg
// backup stream (graph.Store.Backup), which kg restore reads.
const BackupContentType = "application/vnd.kg.backup"

// backup answers POST /backup with a consistent backup of the whole
// store, streamed as it is made, while queries and writes go on. Reading
// the whole graph is as sensitive as writing to it, so it is a write as
// far as access goes: writeRefusal decides (POST only, not from another
// origin's page, and not on a read-only server) and authorize (a
// credential), like mutations and POST /ingest. A backup takes as long as it takes: the server's write deadline
// does not apply to it.
func (h *handler) backup(w http.ResponseWriter, r *http.Request) {
	if status, msg := h.writeRefusal(r); status != 0 {
		if status == http.StatusMethodNotAllowed {
			w.Header().Set("Allow", http.MethodPost)
			msg = "a backup is made only for a POST request"
		}
		writeErrors(w, status, msg)
		return
	}
	if _, status, refusal := h.authorize(r.Context(), r); refusal != "" {
		writeErrors(w, status, refusal)
		return
	}
	// No deadline for the writes of a long backup; an error here means
	// the connection cannot have one, which is no reason to refuse.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Time{})
	w.Header().Set("Content-Type", BackupContentType)
	w.Header().Set("Cache-Control", "no-store")
	if _, err := h.schema.store.Backup(w); err != nil {
		// The status line is sent: the client sees a stream without its
		// end and checksum, which kg restore refuses.
		h.cfg.Logger.Error("backup", "error", err)
		panic(http.ErrAbortHandler)
	}
}
