package graph

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"
)

// segments lists the text segment files of the store in dir.
func segments(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, textDir, "*.seg"))
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// checkTexts reads every document's text back, on a fresh store's cold
// cache as on the writer's.
func checkTexts(t *testing.T, s *Store, want map[uuid.UUID]string) {
	t.Helper()
	ctx := context.Background()
	for id, text := range want {
		got, err := s.DocumentText(ctx, id)
		if err != nil || got != text {
			t.Fatalf("text of %s: %v, %d bytes; want %d bytes", id, err, len(got), len(text))
		}
	}
}

func TestTextLog(t *testing.T) {
	ctx := context.Background()
	s, dir := openStore(t)
	s.textLog.segmentMax = 4 << 10 // a few texts per segment
	g := newSynth(7)
	want := make(map[uuid.UUID]string)
	ingest := func(s *Store, n int) {
		t.Helper()
		ins := make([]IngestInput, n)
		for i := range ins {
			ins[i] = g.doc()
		}
		outs, errs := s.IngestBatch(ctx, ins)
		for i, err := range errs {
			if err != nil {
				t.Fatalf("document %d: %v", i, err)
			}
			want[outs[i].DocumentID] = ins[i].Text
		}
	}

	t.Run("a batch across segments", func(t *testing.T) {
		ingest(s, 40)
		if n := len(segments(t, dir)); n < 3 {
			t.Fatalf("%d segments, want several (segments of 4 KiB)", n)
		}
		checkTexts(t, s, want)
		// Claims are sliced from the texts.
		page, err := s.Claims(ctx, ClaimFilter{}, PageArgs{First: 50})
		if err != nil || len(page.Items) == 0 {
			t.Fatalf("claims: %v, %d", err, len(page.Items))
		}
		for _, c := range page.Items {
			if text := want[c.DocumentID]; c.Text != newDocText(text).slice(c.Start, c.End) {
				t.Fatalf("claim %s text %q, not its span of the document", c.ID, c.Text)
			}
		}
	})

	t.Run("reopened, read-only and read-write", func(t *testing.T) {
		before := len(segments(t, dir))
		s = reopen(t, s, dir, Options{ReadOnly: true})
		checkTexts(t, s, want)
		s = reopen(t, s, dir, Options{})
		ingest(s, 5) // goes on in the last segment
		if n := len(segments(t, dir)); n != before {
			t.Errorf("%d segments after reopening, want %d", n, before)
		}
		checkTexts(t, s, want)
	})

	t.Run("bytes past the last text are overwritten or skipped", func(t *testing.T) {
		// What a write that failed before its transaction committed
		// leaves behind.
		names := segments(t, dir)
		last := names[len(names)-1]
		f, err := os.OpenFile(last, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte("garbage no record points at")); err != nil {
			t.Fatal(err)
		}
		f.Close()
		s = reopen(t, s, dir, Options{})
		ingest(s, 3)
		checkTexts(t, s, want)
	})

	t.Run("a damaged text is an error, the others read on", func(t *testing.T) {
		names := segments(t, dir)
		b, err := os.ReadFile(names[0])
		if err != nil {
			t.Fatal(err)
		}
		b[10] ^= 0xff // inside the segment's first text
		if err := os.WriteFile(names[0], b, 0o644); err != nil {
			t.Fatal(err)
		}
		s = reopen(t, s, dir, Options{}) // an empty text cache
		var damaged uuid.UUID
		for id := range want {
			_, err := s.DocumentText(ctx, id)
			if err == nil {
				continue
			}
			if !errors.Is(err, errCorrupt) || damaged != uuid.Nil {
				t.Fatalf("text of %s: %v; want one checksum error", id, err)
			}
			damaged = id
		}
		if damaged == uuid.Nil {
			t.Fatal("no text read as damaged")
		}
		_, err = s.Claims(ctx, ClaimFilter{Document: damaged}, PageArgs{})
		if !errors.Is(err, errCorrupt) {
			t.Errorf("claims of the damaged document: %v, want a checksum error", err)
		}
		delete(want, damaged)
		checkTexts(t, s, want)
	})

	t.Run("a damaged reference is an error, and creates nothing", func(t *testing.T) {
		var id uuid.UUID
		for id = range want {
			break
		}
		before := segments(t, dir)
		bad := encodeTextRef(textRef{seg: 1 << 31, off: 0, n: 10})
		if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(docTextKey(id), bad) }); err != nil {
			t.Fatal(err)
		}
		s = reopen(t, s, dir, Options{}) // an empty text cache
		if _, err := s.DocumentText(ctx, id); err == nil || !strings.Contains(err.Error(), "segment 2147483648") {
			t.Errorf("text through a damaged reference: %v, want an error naming the segment", err)
		}
		if after := segments(t, dir); len(after) != len(before) {
			t.Errorf("segments %v after the read, want %v", after, before)
		}
		delete(want, id)
		checkTexts(t, s, want)
	})
}

func TestTextRefRoundTrip(t *testing.T) {
	for _, r := range []textRef{{seg: 1}, {seg: 3, off: 1 << 29, n: 70000, crc: 0xdeadbeef}} {
		got, err := decodeTextRef(encodeTextRef(r))
		if err != nil || got != r {
			t.Errorf("%+v: got %+v, %v", r, got, err)
		}
	}
	for _, v := range [][]byte{nil, {recordFormat}, {recordFormat, 0, 0, 0, 1, 2, 3, 4}, {recordFormat, 1, 0, 0, 1, 2}} {
		if _, err := decodeTextRef(v); !errors.Is(err, errCorrupt) {
			t.Errorf("decode %v: %v, want errCorrupt", v, err)
		}
	}
}
