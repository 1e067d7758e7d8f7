package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestE2EIngestSignalDuringBlockedRead: kg ingest blocked reading a named
// pipe (with no writer yet, or a writer that sends nothing) or an open
// standard input exits on SIGINT and SIGTERM, saying it was interrupted,
// and releases the database, which then opens. The command's timeout
// bounds the wait: a kg that ignores the signal fails the test, however
// slow the machine.
func TestE2EIngestSignalDuringBlockedRead(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("named pipes and signals")
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		for _, input := range []string{"a pipe without a writer", "a pipe whose writer sends nothing", "an open standard input"} {
			t.Run(sig.String()+", "+input, func(t *testing.T) {
				work := t.TempDir()
				db := filepath.Join(work, "db")
				fifo := filepath.Join(work, "feed.jsonl")
				if err := syscall.Mkfifo(fifo, 0o644); err != nil {
					t.Fatal(err)
				}
				ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
				defer cancel()
				path := fifo
				stdinR, stdinW, err := os.Pipe()
				if err != nil {
					t.Fatal(err)
				}
				defer stdinW.Close()
				if input == "an open standard input" {
					path = "-"
				}
				cmd := exec.CommandContext(ctx, kgBinary, "ingest", "--db", db, path)
				cmd.Stdin = stdinR
				var stderr syncBuffer
				cmd.Stderr = &stderr
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				stdinR.Close()
				done := make(chan error, 1)
				go func() { done <- cmd.Wait() }()

				// The database is open (its LOCK file exists) once kg is
				// about to read; signal handling was set up before.
				for {
					if _, err := os.Stat(filepath.Join(db, "LOCK")); err == nil {
						break
					}
					select {
					case err := <-done:
						t.Fatalf("kg ingest exited before reading: %v\n%s", err, stderr.String())
					case <-time.After(10 * time.Millisecond):
					}
				}
				if input == "a pipe whose writer sends nothing" {
					w, err := os.OpenFile(fifo, os.O_WRONLY, 0) // returns once kg opened it
					if err != nil {
						t.Fatal(err)
					}
					defer w.Close()
				}
				if err := cmd.Process.Signal(sig); err != nil {
					t.Fatal(err)
				}
				err = <-done
				if ctx.Err() != nil {
					t.Fatalf("kg ingest did not exit on %v within %v\n%s", sig, commandTimeout, stderr.String())
				}
				if code := cmd.ProcessState.ExitCode(); code != 1 || !strings.Contains(stderr.String(), "interrupted") {
					t.Errorf("after %v: %v, exit code %d, stderr %q; want 1, interrupted", sig, err, code, stderr.String())
				}
				// The lock is released: the database opens.
				mustKG(t, "", "export", "--db", db)
			})
		}
	}
}
