package graph

import (
	"context"
	"errors"
	"testing"
)

// FuzzCursor: a cursor comes from the client; whatever it is, decoding
// it and paging after it returns a page or ErrInvalidCursor, never a
// panic, and a cursor the store gave back pages on from where it was.
func FuzzCursor(f *testing.F) {
	s, _ := openStore(f)
	mustIngest(f, s, docA(f))
	mustIngest(f, s, docB(f))
	ctx := context.Background()
	page, err := s.Claims(ctx, ClaimFilter{}, PageArgs{First: 2})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(page.Cursors[1])
	f.Add("")
	f.Add("AAAAAAAAAAAAAAAAAAAAAA")
	f.Add("////////////////////////")
	f.Add("=")
	f.Fuzz(func(t *testing.T, cursor string) {
		for _, wantLen := range []int{idLen, mentionCursorLen} {
			if b, err := decodeCursor(cursor, wantLen); err == nil && b != nil && len(b) != wantLen {
				t.Fatalf("decodeCursor(%q, %d) gave %d bytes", cursor, wantLen, len(b))
			}
		}
		args := PageArgs{First: 3, After: cursor}
		checks := []func() error{
			func() error { _, err := s.Claims(ctx, ClaimFilter{}, args); return err },
			func() error { _, err := s.Claims(ctx, ClaimFilter{Text: "town"}, args); return err },
			func() error { _, err := s.Documents(ctx, args); return err },
			func() error { _, err := s.Entities(ctx, EntityFilter{}, args); return err },
		}
		for _, check := range checks {
			if err := check(); err != nil && !errors.Is(err, ErrInvalidCursor) {
				t.Fatalf("after %q: %v", cursor, err)
			}
		}
		if e := entityByKey(t, s, "gaz:nusra"); true {
			if _, err := s.Mentions(ctx, e.ID, args); err != nil && !errors.Is(err, ErrInvalidCursor) {
				t.Fatalf("mentions after %q: %v", cursor, err)
			}
		}
	})
}
