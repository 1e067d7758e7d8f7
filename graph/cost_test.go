package graph

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMaxTextLength(t *testing.T) {
	ctx := context.Background()
	s, _ := openStore(t)
	if n, err := s.MaxTextLength(ctx); err != nil || n != 0 {
		t.Fatalf("empty store: %d, %v; want 0", n, err)
	}
	mustIngest(t, s, docB(t))
	if n, err := s.MaxTextLength(ctx); err != nil || n != utf8.RuneCountInString(textB) {
		t.Fatalf("after B: %d, %v; want %d", n, err, utf8.RuneCountInString(textB))
	}
	// A longer document stored after the first scan is found by the next.
	mustIngest(t, s, docA(t))
	if n, err := s.MaxTextLength(ctx); err != nil || n != utf8.RuneCountInString(textA) {
		t.Fatalf("after A: %d, %v; want %d", n, err, utf8.RuneCountInString(textA))
	}
	long := newDoc(t, "https://example.org/long", strings.Repeat("é", 5000))
	mustIngest(t, s, long.in)
	if n, err := s.MaxTextLength(ctx); err != nil || n != 5000 {
		t.Fatalf("after long: %d, %v; want 5000 code points", n, err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.MaxTextLength(cancelled); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
}

func TestScanClaims(t *testing.T) {
	ctx := context.Background()
	s, _ := openStore(t)
	a := mustIngest(t, s, docA(t))
	mustIngest(t, s, docB(t))
	for _, tc := range []struct {
		f    ClaimFilter
		want ClaimScan
	}{
		{ClaimFilter{}, ClaimScan{}},
		// One whole word: the list answers, counted from its keys.
		{ClaimFilter{Text: "town"}, ClaimScan{Keys: 1, Word: "town", Postings: 3}},
		// Not exactly a word: every claim holding "town" is read.
		{ClaimFilter{Text: "town.*"}, ClaimScan{Records: 3, Keys: 1, Word: "town", Postings: 3}},
		// Two words: the smaller list bounds both.
		{ClaimFilter{Text: "syrian town"}, ClaimScan{Records: 2, Steps: 2, Keys: 3, Word: "syrian", Postings: 2}},
		{ClaimFilter{Text: "town", Document: a.DocumentID}, ClaimScan{Steps: 3, Keys: 2, Word: "town", Postings: 3}},
	} {
		got, err := s.ScanClaims(ctx, tc.f)
		if err != nil || got != tc.want {
			t.Errorf("ScanClaims(%+v) = %+v, %v; want %+v", tc.f, got, err, tc.want)
		}
	}
	if _, err := s.ScanClaims(ctx, ClaimFilter{Text: "the of"}); !errors.Is(err, ErrQueryTooBroad) {
		t.Errorf("stopwords: %v, want ErrQueryTooBroad", err)
	}
}
