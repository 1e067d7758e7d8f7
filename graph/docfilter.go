package graph

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"
)

// DocumentFilter selects documents; the zero value selects all.
type DocumentFilter struct {
	// URL is the document's URL (trimmed, as ingest dedups by it).
	URL string
	// Publisher is compared ignoring case and runs of spaces.
	Publisher string
	// Since and Until bound the publication day, both included, as in
	// ClaimFilter; a bound leaves out undated documents.
	Since, Until string
}

// FilterDocuments lists the documents that match f. Without a filter it
// is Documents (ingest order); with a publisher or dates, the order is
// by publication day, oldest first (undated first), then ingest order:
// the keys dq/<publisher>\x00<day><docID> and dy/<day><docID> are that
// order, so a date range is one range of keys.
func (s *Store) FilterDocuments(ctx context.Context, f DocumentFilter, args PageArgs) (Page[Document], error) {
	if f == (DocumentFilter{}) {
		return s.Documents(ctx, args)
	}
	cf := ClaimFilter{Since: f.Since, Until: f.Until}
	lo, hi, err := cf.dayRange()
	if err != nil {
		return Page[Document]{}, err
	}
	if url := strings.TrimSpace(f.URL); url != "" {
		return s.documentByURL(ctx, url, f, lo, hi, args)
	}
	prefix := []byte(pDocumentDay)
	if f.Publisher != "" {
		pub := publisherKey(f.Publisher)
		if pub == "" {
			return Page[Document]{}, &FilterError{"publisher", "is blank"}
		}
		prefix = termPrefix(pDocPublisher, pub)
	}
	after, err := decodeCursor(args.After, dayCursorLen)
	if err != nil {
		return Page[Document]{}, err
	}
	if after == nil {
		after = appendDay(nil, lo) // the first key that may be in range
	} else if binary.BigEndian.Uint32(after) < lo {
		after = appendDay(nil, lo)
	}
	limit := pageSize(args)
	page := newPage[Document](limit)
	err = s.view(ctx, func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		defer it.Close()
		seek := append(append([]byte(nil), prefix...), after...)
		for it.Seek(seek); it.ValidForPrefix(prefix); it.Next() {
			k := it.Item().Key()
			if len(k) != len(prefix)+dayCursorLen {
				return fmt.Errorf("key %q: %w", k, errCorrupt)
			}
			suffix := k[len(prefix):]
			if len(after) == dayCursorLen && string(suffix) == string(after) {
				continue // the cursor's own document
			}
			if binary.BigEndian.Uint32(suffix) > hi {
				break
			}
			if len(page.Items) == limit {
				page.HasNext = true
				break
			}
			doc, err := s.Document(ctx, uuid.UUID(suffix[4:]))
			if err != nil {
				return err
			}
			page.Items = append(page.Items, doc)
			page.Cursors = append(page.Cursors, encodeCursor(suffix))
		}
		return nil
	})
	if err != nil {
		return Page[Document]{}, fmt.Errorf("graph: documents %+v: %w", f, err)
	}
	return page, nil
}

// documentByURL is the page of the one document of a URL, if it passes
// the rest of f.
func (s *Store) documentByURL(ctx context.Context, url string, f DocumentFilter, lo, hi uint32, args PageArgs) (Page[Document], error) {
	if _, err := decodeCursor(args.After, dayCursorLen); err != nil {
		return Page[Document]{}, err
	}
	var page Page[Document]
	if args.After != "" {
		return page, nil // the one document was on the first page
	}
	var id uuid.UUID
	err := s.view(ctx, func(txn *badger.Txn) error {
		return get(txn, key(pDocumentURL, hash16(url)), func(v []byte) error {
			if len(v) != idLen {
				return errCorrupt
			}
			id = uuid.UUID(v)
			return nil
		})
	})
	if errors.Is(err, ErrNotFound) {
		return page, nil
	}
	if err != nil {
		return page, fmt.Errorf("graph: document of URL %q: %w", url, err)
	}
	doc, err := s.Document(ctx, id)
	if err != nil {
		return page, err
	}
	day := dayOf(doc.PublishedAt)
	if day < lo || day > hi || (f.Publisher != "" && publisherKey(doc.Publisher) != publisherKey(f.Publisher)) {
		return page, nil
	}
	page.Items = []Document{doc}
	page.Cursors = []string{encodeCursor(append(appendDay(nil, day), id[:]...))}
	return page, nil
}

// CountFilteredDocuments counts the documents that match f, from the
// keys of its range (no values read).
func (s *Store) CountFilteredDocuments(ctx context.Context, f DocumentFilter) (int, error) {
	if f == (DocumentFilter{}) {
		return s.CountDocuments(ctx)
	}
	if strings.TrimSpace(f.URL) != "" {
		p, err := s.FilterDocuments(ctx, f, PageArgs{First: 1})
		return len(p.Items), err
	}
	cf := ClaimFilter{Since: f.Since, Until: f.Until}
	lo, hi, err := cf.dayRange()
	if err != nil {
		return 0, err
	}
	prefix := []byte(pDocumentDay)
	if f.Publisher != "" {
		prefix = termPrefix(pDocPublisher, publisherKey(f.Publisher))
	}
	n := 0
	err = s.view(ctx, func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		defer it.Close()
		for it.Seek(append(append([]byte(nil), prefix...), appendDay(nil, lo)...)); it.ValidForPrefix(prefix); it.Next() {
			if n%ctxCheckEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			k := it.Item().Key()
			if len(k) != len(prefix)+dayCursorLen {
				return fmt.Errorf("key %q: %w", k, errCorrupt)
			}
			if binary.BigEndian.Uint32(k[len(prefix):]) > hi {
				break
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("graph: count documents %+v: %w", f, err)
	}
	return n, nil
}
