package graph

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"
)

// What reads will cost, for a server that bounds each request's work
// before it runs (schema/limits.go). Both answers come from keys and
// small records, never from the texts or claim blocks themselves.

// longestText is the store's longest document text, found by a scan of
// the d/ records that goes on from where the last one stopped: IDs only
// grow, so the documents stored since are the keys after the last one
// seen. (A second process writing the same directory cannot happen:
// Badger locks it.)
type longestText struct {
	mu      sync.Mutex
	longest int    // code points
	last    []byte // the last d/ key read; nil before the first scan
}

// MaxTextLength gives the length, in code points, of the longest
// document text in the store: a bound on what any Document.text answers.
// The first call reads every document record (keys and small values,
// about 50 ms for 100,000 documents); later calls read only the
// documents stored since.
func (s *Store) MaxTextLength(ctx context.Context) (int, error) {
	s.longest.mu.Lock()
	defer s.longest.mu.Unlock()
	err := s.view(ctx, func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(pDocument), PrefetchValues: true, PrefetchSize: 100})
		defer it.Close()
		prefix := []byte(pDocument)
		if s.longest.last == nil {
			it.Rewind()
		} else {
			it.Seek(s.longest.last)
			if it.ValidForPrefix(prefix) && string(it.Item().Key()) == string(s.longest.last) {
				it.Next()
			}
		}
		for n := 0; it.ValidForPrefix(prefix); it.Next() {
			if n++; n%ctxCheckEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			item := it.Item()
			k := item.Key()
			if len(k) != len(prefix)+idLen {
				return fmt.Errorf("key %q: %w", k, errCorrupt)
			}
			err := item.Value(func(v []byte) error {
				d, err := decodeDocument(uuid.UUID(k[len(prefix):]), v)
				if err == nil {
					s.longest.longest = max(s.longest.longest, d.Length)
				}
				return err
			})
			if err != nil {
				return fmt.Errorf("document %x: %w", k[len(prefix):], err)
			}
			s.longest.last = item.KeyCopy(s.longest.last[:0])
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("graph: longest text: %w", err)
	}
	return s.longest.longest, nil
}

// ClaimScan says what a claim search will read beyond its page.
type ClaimScan struct {
	// Records is the most claim records Claims or CountClaims may read
	// and reject: the candidates of the smallest word list when the text
	// must be checked in the claim (a query that is not exactly one
	// indexed word, "killed.*" or "were killed"), else 0.
	Records int
	// Steps bounds the positions an intersection of several lists
	// visits: the smallest list's length (0 for a single list, which
	// reads no more than its page).
	Steps int
	// Keys is the number of block keys a count from keys reads.
	Keys int
	// Word is the word whose list bounds Records ("" without Text).
	Word string
	// Postings is the length of Word's list.
	Postings int
}

// ScanClaims says what Claims and CountClaims will read for f, counted
// from the keys of the posting blocks (no values read). It returns
// ErrQueryTooBroad as Claims does.
func (s *Store) ScanClaims(ctx context.Context, f ClaimFilter) (ClaimScan, error) {
	var out ClaimScan
	if strings.TrimSpace(f.Text) == "" {
		return out, nil
	}
	err := s.view(ctx, func(txn *badger.Txn) error {
		q, err := newClaimQuery(txn, s.overlay(), f, nil)
		if err != nil {
			return err
		}
		q.close() // only its prefixes are needed
		smallest := -1
		for _, p := range q.blocks {
			n, keys, err := countBlockKeys(ctx, txn, p)
			if err != nil {
				return err
			}
			out.Keys += keys
			if smallest < 0 || n < smallest {
				smallest = n
				if w, ok := strings.CutPrefix(string(p), pClaimWord); ok {
					out.Word, out.Postings = strings.TrimSuffix(w, "\x00"), n
				}
			}
		}
		if smallest < 0 {
			return nil
		}
		if q.needle != "" {
			out.Records = smallest
		}
		if len(q.blocks) > 1 {
			out.Steps = smallest
		}
		return nil
	})
	if err != nil {
		return ClaimScan{}, fmt.Errorf("graph: scan claims %+v: %w", f, err)
	}
	return out, nil
}

// countBlockKeys sums the counts in the keys of the blocks under prefix
// and counts the keys, reading no values.
func countBlockKeys(ctx context.Context, txn *badger.Txn, prefix []byte) (n, keys int, err error) {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
	defer it.Close()
	for it.Rewind(); it.ValidForPrefix(prefix); it.Next() {
		if keys++; keys%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return 0, 0, err
			}
		}
		k := it.Item().Key()
		if len(k) < len(prefix)+4 {
			return 0, 0, fmt.Errorf("key %q: %w", k, errCorrupt)
		}
		n += blockCount(k)
	}
	return n, keys, nil
}
