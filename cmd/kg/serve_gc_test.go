package main

import (
	"context"
	"io"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/factgraph/kg/extract"
)

// TestServeGCPercent: a server collects at servingGCPercent while it
// serves and gives the process back its setting when it stops; GOGC in
// the environment leaves the runtime's own.
func TestServeGCPercent(t *testing.T) {
	if got := servingGCPercentFor(func(string) string { return "" }); got != servingGCPercent {
		t.Errorf("without GOGC: %d, want %d", got, servingGCPercent)
	}
	if got := servingGCPercentFor(func(k string) string { return map[string]string{"GOGC": "100"}[k] }); got != 0 {
		t.Errorf("with GOGC set: %d, want 0 (the runtime's)", got)
	}

	store, err := openStore(filepath.Join(t.TempDir(), "db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ex, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	const before = 137 // neither the default nor servingGCPercent
	defer debug.SetGCPercent(debug.SetGCPercent(before))
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	serving := make(chan int, 1)
	go func() {
		served <- serveGraph(ctx, store, ex, serveOptions{Addr: "127.0.0.1:0", GCPercent: servingGCPercent}, io.Discard, func(string) {
			serving <- debug.SetGCPercent(-1) // reads it, and puts it back below
			debug.SetGCPercent(servingGCPercent)
		})
	}()
	select {
	case got := <-serving:
		if got != servingGCPercent {
			t.Errorf("while serving: GOGC %d, want %d", got, servingGCPercent)
		}
	case err := <-served:
		t.Fatalf("serve: %v", err)
	}
	cancel()
	if err := <-served; err != nil {
		t.Fatalf("serve: %v", err)
	}
	if got := debug.SetGCPercent(before); got != before {
		t.Errorf("after serving: GOGC %d, want the process's %d back", got, before)
	}
}
