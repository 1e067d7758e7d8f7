package ingest

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReadDirLinksAndSpecialFiles: a walk reads a link to a file as the
// file, and names every entry it does not read (a link to a directory, a
// loop, a dangling link, a named pipe or a device with an input's name)
// instead of skipping it; a directory named by a link is walked.
func TestReadDirLinksAndSpecialFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("named pipes and symbolic links")
	}
	work := t.TempDir()
	dir := filepath.Join(work, "in")
	writeFiles(t, work, map[string]string{"in/a.txt": "Text of a.", "elsewhere/b.txt": "Text of b.", "notes.md": "not an input"})
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, target := range map[string]string{
		"b.txt": filepath.Join(work, "elsewhere", "b.txt"), "loop.txt": "loop.txt", "gone.jsonl": "nowhere",
		"up": "..", "zero.txt": "/dev/zero", "notes": filepath.Join(work, "notes.md"),
	} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(dir, filepath.Join(work, "link")); err != nil {
		t.Fatal(err)
	}
	for _, root := range []string{dir, filepath.Join(work, "link")} {
		got := readAll(t, []string{root}, "")
		for i := range got {
			got[i] = strings.ReplaceAll(got[i], root+string(filepath.Separator), "")
		}
		want := []string{
			"a.txt title= text=Text of a.",
			"b.txt title= text=Text of b.",
			"error: fifo.txt: a named pipe, not a regular file: not read (name it as a PATH to read from it)",
			"error: gone.jsonl: symbolic link that cannot be followed: no such file or directory",
			"error: loop.txt: symbolic link that cannot be followed: too many levels of symbolic links",
			"error: up: symbolic link to a directory: not followed (name the directory as a PATH to read it)",
			"error: zero.txt: a character device, not a regular file: not read (name it as a PATH to read from it)",
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("ReadPaths(%s) emitted\n%s\nwant\n%s", root, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// TestSafeOrigin: an origin with a control character or invalid UTF-8 is
// printed quoted, others as they are.
func TestSafeOrigin(t *testing.T) {
	for in, want := range map[string]string{
		"a/b.txt:3":              "a/b.txt:3",
		"dir/é ü.txt":            "dir/é ü.txt",
		"evil\n\x1b[31mname.txt": `"evil\n\x1b[31mname.txt"`,
		"bad\xffbyte.txt":        `"bad\xffbyte.txt"`,
	} {
		if got := SafeOrigin(in); got != want {
			t.Errorf("SafeOrigin(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestRunStopsWhileTheReaderIsBlocked: cancelling the context ends Run
// even while its reader is blocked in a read that never returns (a named
// pipe without a writer, a terminal).
func TestRunStopsWhileTheReaderIsBlocked(t *testing.T) {
	store, ex := newTestPipeline(t)
	ctx, cancel := context.WithCancel(context.Background())
	block := make(chan struct{})
	defer close(block)
	done := make(chan []error, 1)
	go func() {
		_, errs := Run(ctx, store, ex, Options{}, func(ctx context.Context, emit Emit) {
			emit(Document{Origin: "first", Text: "The council said the bridge was repaired."}, nil)
			<-block // a read that does not return
		})
		done <- errs
	}()
	cancel()
	select {
	case errs := <-done:
		if len(errs) != 1 || !strings.Contains(errs[0].Error(), "interrupted") {
			t.Errorf("Run cancelled: %v; want one 'interrupted' error", errs)
		}
	case <-time.After(time.Minute):
		t.Fatal("Run did not return within a minute of its context's end while its reader was blocked")
	}
}
