package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
)

// Rebuilding a store: kg reextract (a better extractor) and the migration
// of a store of the previous layout version are one operation. What a
// person gave (the document texts and their headers, the audit log, the
// credentials) is kept; everything extraction made is made again, by the
// extractor of this program, in a new store built beside the old one
// (DIR/rebuild/). Until it is complete the old store is untouched and
// answers every query; an interrupted rebuild resumes where it stopped
// (each document it has stored is recorded with the old document's ID,
// xd/). When it is complete the new store replaces the old one's files
// (a few renames, finished on the next open if interrupted), and the
// corrections apply to the new extraction at open, through their anchors:
// one that no longer finds what it corrects is listed as unapplied.
//
// IDs change (documents, entities and claims are stored anew, in the
// order the invariants of the layout need), so the new store maps the old
// document and entity IDs to the new ones (xd/, xr/): links people kept
// still resolve.

// previousFormat is the layout version a rebuild migrates from.
const previousFormat = "5"

// ErrOlderLayout: the store is of the previous layout version; Rebuild
// (kg migrate) upgrades it.
var ErrOlderLayout = errors.New("graph: the store is of layout version " + previousFormat + ", this program's is " + storeFormat)

// The parts of a rebuild in the store's directory.
const (
	rebuildDir    = "rebuild"  // the new store, while it is built
	retiredDir    = "retired"  // the old store's files, while they are swapped out
	completeMark  = "COMPLETE" // in rebuildDir: the new store is whole
	swappedMark   = ".moved"   // in retiredDir: every old file is in it
	rebuildBatch  = 256
	copyBatchKeys = 1000
)

// RebuildOptions configure Rebuild.
type RebuildOptions struct {
	// Extract runs extraction on one stored document; it must be safe
	// for concurrent use.
	Extract func(doc Document, text string) extract.Result
	// Workers run Extract in parallel (default 1).
	Workers int
	// Progress, when set, is called after each batch with the number of
	// documents stored in the new store and the number in all.
	Progress func(done, total int)
	// Options open the new store (IngestOptions by default).
	Options Options
	// Batch is the number of documents per batch (default 256).
	Batch int
}

// RebuildReport says what a rebuild did.
type RebuildReport struct {
	Documents int // documents in the new store
	Resumed   int // of those, stored by an earlier, interrupted run
	// Failed documents could not be stored again (an error each); the
	// old store is then kept.
	Failed []error
}

// Rebuild extracts every document of the store in dir again into a new
// store and puts it in the old one's place; see the comment above. The
// store must not be open.
func Rebuild(ctx context.Context, dir string, opts RebuildOptions) (RebuildReport, error) {
	var report RebuildReport
	if opts.Extract == nil {
		return report, errors.New("graph: rebuild: no extractor")
	}
	if opts.Options == (Options{}) {
		opts.Options = IngestOptions()
	}
	if opts.Batch <= 0 {
		opts.Batch = rebuildBatch
	}
	if err := finishSwap(dir); err != nil {
		return report, err
	}
	old, err := open(dir, Options{}, true)
	if err != nil {
		return report, err
	}
	defer func() {
		if old != nil {
			old.Close()
		}
	}()
	next, err := open(filepath.Join(dir, rebuildDir), opts.Options, false)
	if err != nil {
		return report, fmt.Errorf("graph: rebuild: %w", err)
	}
	defer func() {
		if next != nil {
			next.Close()
		}
	}()
	total, err := old.countKeys(pDocument)
	if err != nil {
		return report, err
	}
	done, err := next.countKeys(pDocRedirect)
	if err != nil {
		return report, err
	}
	report.Resumed = done
	// Resume after the last old document the new store has.
	var after string
	err = next.db.View(func(txn *badger.Txn) error {
		last, err := lastID(txn, pDocRedirect)
		if last != uuid.Nil {
			after = encodeCursor(last[:])
		}
		return err
	})
	if err != nil {
		return report, err
	}
	for {
		page, err := old.Documents(ctx, PageArgs{First: opts.Batch, After: after})
		if err != nil {
			return report, err
		}
		if len(page.Items) == 0 {
			break
		}
		ins := make([]IngestInput, len(page.Items))
		texts := make([]string, len(page.Items))
		for i, d := range page.Items {
			if texts[i], err = old.DocumentText(ctx, d.ID); err != nil {
				return report, err
			}
		}
		var wg sync.WaitGroup
		work := make(chan int)
		for range max(1, opts.Workers) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range work {
					d := page.Items[i]
					ins[i] = IngestInput{
						Meta: DocumentMeta{URL: d.URL, Title: d.Title, Publisher: d.Publisher, PublishedAt: d.PublishedAt, Metadata: d.Metadata},
						Text: texts[i], Result: opts.Extract(d, texts[i]), IngestedAt: d.IngestedAt,
					}
				}
			}()
		}
		for i := range page.Items {
			work <- i
		}
		close(work)
		wg.Wait()
		outs, errs := next.IngestBatch(ctx, ins)
		err = next.db.Update(func(txn *badger.Txn) error {
			for i, d := range page.Items {
				if errs[i] != nil {
					report.Failed = append(report.Failed, fmt.Errorf("document %s (%s): %w", d.ID, d.URL, errs[i]))
					continue
				}
				if err := txn.Set(idKey(pDocRedirect, d.ID), outs[i].DocumentID[:]); err != nil {
					return err
				}
				done++
			}
			return nil
		})
		if err != nil {
			return report, fmt.Errorf("graph: rebuild: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return report, err
		}
		if opts.Progress != nil {
			opts.Progress(done, total)
		}
		if !page.HasNext {
			break
		}
		after = page.Cursors[len(page.Cursors)-1]
	}
	report.Documents = done
	if len(report.Failed) > 0 {
		return report, fmt.Errorf("graph: rebuild: %d documents could not be stored again; the old store is kept", len(report.Failed))
	}
	if err := carryOver(old, next); err != nil {
		return report, fmt.Errorf("graph: rebuild: %w", err)
	}
	errOld, errNext := old.Close(), next.Close()
	old, next = nil, nil
	if err := errors.Join(errOld, errNext); err != nil {
		return report, fmt.Errorf("graph: rebuild: %w", err)
	}
	if err := writeMark(filepath.Join(dir, rebuildDir, completeMark)); err != nil {
		return report, err
	}
	return report, finishSwap(dir)
}

// countKeys counts the keys under prefix.
func (s *Store) countKeys(prefix string) (int, error) {
	n := 0
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefix)})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			n++
		}
		return nil
	})
	return n, err
}

// carryOver copies into the new store what people gave (the audit log,
// the credentials) and maps the old store's entity and document IDs (and
// the IDs it mapped from older stores) to the new ones.
func carryOver(old, next *Store) error {
	w := next.db.NewWriteBatch()
	defer w.Cancel()
	docMap := map[uuid.UUID]uuid.UUID{}
	err := next.db.View(func(txn *badger.Txn) error {
		return eachKV(txn, pDocRedirect, func(k, v []byte) error {
			docMap[uuid.UUID(k)] = uuid.UUID(v)
			return nil
		})
	})
	if err != nil {
		return err
	}
	entityID := func(txn *badger.Txn, key string) (uuid.UUID, bool, error) {
		var id uuid.UUID
		err := get(txn, []byte(pEntityKey+key), func(v []byte) error { id = uuid.UUID(v); return nil })
		if errors.Is(err, ErrNotFound) {
			return uuid.Nil, false, nil
		}
		return id, err == nil, err
	}
	newTxn := next.db.NewTransaction(false)
	defer newTxn.Discard()
	return errors.Join(old.db.View(func(txn *badger.Txn) error {
		// The audit log and the credentials, as they are.
		for _, p := range []string{pAudit, pToken} {
			if err := eachKV(txn, p, func(k, v []byte) error {
				return w.Set(key(p, k), bytes.Clone(v))
			}); err != nil {
				return err
			}
		}
		// Old entity IDs → the new entity of the same key.
		oldToNew := map[uuid.UUID]uuid.UUID{}
		if err := eachKV(txn, pEntity, func(k, v []byte) error {
			e, err := decodeEntity(uuid.UUID(k), v)
			if err != nil {
				return err
			}
			id, ok, err := entityID(newTxn, e.Key)
			if err != nil || !ok {
				return err
			}
			oldToNew[e.ID] = id
			return w.Set(key(pEntityRedirect, k), id[:])
		}); err != nil {
			return err
		}
		// What the old store mapped from older ones, through.
		if err := eachKV(txn, pEntityRedirect, func(k, v []byte) error {
			if id, ok := oldToNew[uuid.UUID(v)]; ok {
				return w.Set(key(pEntityRedirect, k), id[:])
			}
			return nil
		}); err != nil {
			return err
		}
		return eachKV(txn, pDocRedirect, func(k, v []byte) error {
			if id, ok := docMap[uuid.UUID(v)]; ok {
				return w.Set(key(pDocRedirect, k), id[:])
			}
			return nil
		})
	}), w.Flush())
}

// eachKV calls fn with the key suffix and value of every key under prefix
// (valid during the call only).
func eachKV(txn *badger.Txn, prefix string, fn func(k, v []byte) error) error {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefix)})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		item := it.Item()
		k := item.Key()[len(prefix):]
		if err := item.Value(func(v []byte) error { return fn(k, v) }); err != nil {
			return err
		}
	}
	return nil
}

func writeMark(path string) error {
	f, err := os.Create(path)
	if err == nil {
		err = f.Sync()
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		return fmt.Errorf("graph: rebuild: %w", err)
	}
	return syncDir(filepath.Dir(path))
}

// finishSwap puts a complete new store (DIR/rebuild with its COMPLETE
// mark) in the place of the old one: the old files move to DIR/retired,
// then the new ones to DIR, then both directories go. Each step can be
// interrupted and is finished by the next call; nothing happens without
// a complete new store.
func finishSwap(dir string) error {
	next, retired := filepath.Join(dir, rebuildDir), filepath.Join(dir, retiredDir)
	if _, err := os.Stat(filepath.Join(next, completeMark)); errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	fail := func(err error) error { return fmt.Errorf("graph: put the rebuilt store in place: %w", err) }
	if _, err := os.Stat(filepath.Join(retired, swappedMark)); errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(retired, 0o755); err != nil {
			return fail(err)
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			return fail(err)
		}
		for _, e := range entries {
			if e.Name() == rebuildDir || e.Name() == retiredDir {
				continue
			}
			if err := os.Rename(filepath.Join(dir, e.Name()), filepath.Join(retired, e.Name())); err != nil {
				return fail(err)
			}
		}
		if err := writeMark(filepath.Join(retired, swappedMark)); err != nil {
			return fail(err)
		}
	}
	entries, err := os.ReadDir(next)
	if err != nil {
		return fail(err)
	}
	for _, e := range entries {
		if e.Name() == completeMark {
			continue
		}
		if err := os.Rename(filepath.Join(next, e.Name()), filepath.Join(dir, e.Name())); err != nil {
			return fail(err)
		}
	}
	if err := syncDir(dir); err != nil {
		return fail(err)
	}
	if err := os.RemoveAll(next); err != nil {
		return fail(err)
	}
	return os.RemoveAll(retired)
}

// RebuildPending reports whether dir holds an interrupted rebuild (a new
// store not yet complete): kg reextract resumes it.
func RebuildPending(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, rebuildDir))
	return err == nil
}
