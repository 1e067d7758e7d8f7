package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"
)

// Claims by publication day. IDs are ingest order, not publication
// order, so a date order cannot be an ID list: the claims of each day
// are their own list (cy/<day>), and a list in date order walks the days
// that have claims (one seek each, found from the cy/ keys), newest or
// oldest first, intersecting each day's list with the filter's lists.
// A day's matches are collected (IDs only), then read one by one until
// the page is full; a cursor is the day and the claim ID.

// dayCursorLen is the length of a date-order cursor: day, claim ID.
const dayCursorLen = 4 + idLen

// dayIter finds the days that have claims, from the block keys of day
// lists under prefix: cy/ (every claim), or cz/<speaker> (its claims).
type dayIter struct {
	it     *badger.Iterator
	prefix []byte
	desc   bool
	buf    []byte
}

func newDayIter(txn *badger.Txn, desc bool) *dayIter {
	return newDayIterUnder(txn, []byte(pClaimDay), desc)
}

func newDayIterUnder(txn *badger.Txn, prefix []byte, desc bool) *dayIter {
	return &dayIter{it: txn.NewIterator(badger.IteratorOptions{Prefix: prefix, Reverse: desc}), prefix: prefix, desc: desc}
}

func (di *dayIter) close() { di.it.Close() }

// at returns the first day with claims at or after d (at or before d
// when descending).
func (di *dayIter) at(d uint32) (uint32, bool) {
	di.buf = appendDay(append(di.buf[:0], di.prefix...), d)
	if di.desc {
		for range blockTail {
			di.buf = append(di.buf, 0xff)
		}
	}
	di.it.Seek(di.buf)
	if !di.it.ValidForPrefix(di.prefix) {
		return 0, false
	}
	k := di.it.Item().Key()
	if len(k) != len(di.prefix)+4+blockTail {
		return 0, false
	}
	return binary.BigEndian.Uint32(k[len(di.prefix):]), true
}

// dayFinder is what a walk asks for the next day.
type dayFinder interface {
	at(d uint32) (uint32, bool)
	close()
}

// daySet finds the next day among several day iterators and a few days
// known in memory (of claims corrections gave a speaker).
type daySet struct {
	iters []*dayIter
	extra []uint32 // sorted
	desc  bool
}

func (ds *daySet) at(d uint32) (uint32, bool) {
	best, found := uint32(0), false
	better := func(c uint32) bool { return !found || (ds.desc && c > best) || (!ds.desc && c < best) }
	for _, it := range ds.iters {
		if c, ok := it.at(d); ok && better(c) {
			best, found = c, true
		}
	}
	for _, c := range ds.extra {
		if ((ds.desc && c <= d) || (!ds.desc && c >= d)) && better(c) {
			best, found = c, true
		}
	}
	return best, found
}

func (ds *daySet) close() {
	for _, it := range ds.iters {
		it.close()
	}
}

// dayFinder gives the days q walks: those of its speakers when it has a
// speaker filter, else every day with claims.
func (q *claimQuery) dayFinder(txn *badger.Txn, docs *docReader, desc bool) (dayFinder, error) {
	if !q.speakerWalk {
		return newDayIter(txn, desc), nil
	}
	ds := &daySet{desc: desc}
	for _, p := range q.daySources {
		ds.iters = append(ds.iters, newDayIterUnder(txn, p, desc))
	}
	for _, id := range q.dayAddClaims {
		c, err := claim(docs, id)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			ds.close()
			return nil, err
		}
		ds.extra = append(ds.extra, dayOf(c.PublishedAt))
	}
	return ds, nil
}

// walkDays calls fn with the days that have claims of q's speakers (any
// claims, without a speaker filter) in lo..hi, from day from on
// (downwards when desc), and the IDs the query's lists hold that day, in
// ID order, until fn returns false.
func (q *claimQuery) walkDays(ctx context.Context, txn *badger.Txn, docs *docReader, lo, hi, from uint32, desc bool,
	fn func(day uint32, ids []uuid.UUID) (bool, error)) error {
	finder, err := q.dayFinder(txn, docs, desc)
	if err != nil {
		return err
	}
	defer finder.close()
	var ids []uuid.UUID
	return walkDaysOf(ctx, finder, lo, hi, from, desc, func(day uint32) (more bool, err error) {
		if ids, err = q.dayIDs(ctx, txn, day, ids[:0]); err != nil {
			return false, err
		}
		return fn(day, ids)
	})
}

// walkDays calls fn with the days that have claims in lo..hi, from day
// from on (downwards when desc), one seek each, until fn returns false.
func walkDays(ctx context.Context, txn *badger.Txn, lo, hi, from uint32, desc bool, fn func(day uint32) (bool, error)) error {
	di := newDayIter(txn, desc)
	defer di.close()
	return walkDaysOf(ctx, di, lo, hi, from, desc, fn)
}

func walkDaysOf(ctx context.Context, di dayFinder, lo, hi, from uint32, desc bool, fn func(day uint32) (bool, error)) error {
	for d := from; ; {
		if err := ctx.Err(); err != nil {
			return err
		}
		day, ok := di.at(d)
		if !ok || day < lo || day > hi {
			return nil
		}
		if more, err := fn(day); err != nil || !more {
			return err
		}
		switch {
		case desc && day == 0, !desc && day >= lastDay:
			return nil
		case desc:
			d = day - 1
		default:
			d = day + 1
		}
	}
}

// dayIDs appends to dst the IDs of day that every list of q holds.
func (q *claimQuery) dayIDs(ctx context.Context, txn *badger.Txn, day uint32, dst []uuid.UUID) ([]uuid.UUID, error) {
	dayList := newBlockList(txn, dayPrefix(pClaimDay, day))
	defer dayList.close()
	for _, l := range q.lists {
		l.reset()
	}
	lists := append([]idList{dayList}, q.lists...)
	err := intersect(ctx, lists, nil, func(id []byte) (bool, error) {
		dst = append(dst, uuid.UUID(id))
		return true, nil
	})
	return dst, err
}

// newestFirst reorders the IDs of one day (in ID order) for OrderNewest:
// documents ingested last first, each document's claims (which share the
// last 8 bytes of their IDs, and are adjacent) in text order.
func newestFirst(ids []uuid.UUID) {
	slices.Reverse(ids)
	for i := 0; i < len(ids); {
		j := i + 1
		for j < len(ids) && [8]byte(ids[j][8:]) == [8]byte(ids[i][8:]) {
			j++
		}
		slices.Reverse(ids[i:j])
		i = j
	}
}

// dateLists adds the date bounds of f to q: in document order, the
// union of the lists of the days in range; in date order, the walk
// (byDay).
func (q *claimQuery) dateLists(txn *badger.Txn, f *ClaimFilter) error {
	lo, hi, err := f.dayRange()
	if err != nil {
		return err
	}
	if f.Order != OrderDocument {
		q.byDay = true
		return nil
	}
	di := newDayIter(txn, false)
	defer di.close()
	var days []idList
	for d := lo; d <= hi; {
		day, ok := di.at(d)
		if !ok || day > hi {
			break
		}
		if len(days) == MaxDocumentOrderDays {
			closeAll(days)
			return &FilterError{"since", fmt.Sprintf("since/until cover more than %d days with claims: in document order that is too many lists to join; use orderBy NEWEST or OLDEST", MaxDocumentOrderDays)}
		}
		days = append(days, newBlockList(txn, dayPrefix(pClaimDay, day)))
		d = day + 1
	}
	if len(days) == 0 {
		q.none = true
		days = append(days, &memList{})
	}
	q.lists = append(q.lists, union(days))
	return nil
}

// claimsByDay lists the claims of q in date order (f.Order).
func (s *Store) claimsByDay(ctx context.Context, txn *badger.Txn, o *overlay, q *claimQuery, f *ClaimFilter, after []byte, limit int, page *Page[Claim]) error {
	lo, hi, err := f.dayRange()
	if err != nil {
		return err
	}
	desc := f.Order == OrderNewest
	from := lo
	if desc {
		from = hi
	}
	var afterDay uint32
	var afterID []byte
	if after != nil {
		afterDay, afterID = binary.BigEndian.Uint32(after), after[4:]
		from = afterDay
	}
	docs := s.newDocReader(txn)
	return q.walkDays(ctx, txn, docs, lo, hi, from, desc, func(day uint32, ids []uuid.UUID) (bool, error) {
		if desc {
			newestFirst(ids)
		}
		i := 0
		if afterID != nil && day == afterDay {
			if desc {
				// The cursor's claim is in the day's lists unless a
				// correction took it out since: then the day is done.
				i = len(ids)
				for k := range ids {
					if bytes.Equal(ids[k][:], afterID) {
						i = k + 1
						break
					}
				}
			} else {
				i = sort.Search(len(ids), func(k int) bool { return bytes.Compare(ids[k][:], afterID) > 0 })
			}
		}
		for _, id := range ids[i:] {
			c, err := claim(docs, id)
			if err != nil {
				return false, err
			}
			if !q.matches(&c) {
				continue
			}
			o.applyClaim(&c)
			if !q.effective(&c) {
				continue
			}
			if len(page.Items) == limit {
				page.HasNext = true
				return false, nil
			}
			page.Items = append(page.Items, c)
			page.Cursors = append(page.Cursors, encodeCursor(append(appendDay(nil, day), id[:]...)))
		}
		return true, nil
	})
}

// countByDay counts the claims of q in f's date range.
func (s *Store) countByDay(ctx context.Context, txn *badger.Txn, o *overlay, q *claimQuery, f *ClaimFilter) (int, error) {
	lo, hi, err := f.dayRange()
	if err != nil {
		return 0, err
	}
	docs := s.newDocReader(txn)
	n := 0
	err = q.walkDays(ctx, txn, docs, lo, hi, lo, false, func(_ uint32, ids []uuid.UUID) (bool, error) {
		for _, id := range ids {
			ok, err := q.counts(docs, o, id)
			if err != nil {
				return false, err
			}
			if ok {
				n++
			}
		}
		return true, nil
	})
	return n, err
}

// counts reports whether claim id, which the lists of q hold, is in the
// answer: read and checked only when the lists alone cannot say.
func (q *claimQuery) counts(docs *docReader, o *overlay, id uuid.UUID) (bool, error) {
	if q.needle == "" && q.minConfidence == 0 && !q.corrected(id[:]) {
		return true, nil
	}
	c, err := claim(docs, id)
	if err != nil || !q.matches(&c) {
		return false, err
	}
	o.applyClaim(&c)
	return q.effective(&c), nil
}

// CountClaimDays counts the days that have claims between since and
// until (as ClaimFilter bounds them; "" is open), up to max: what a date
// walk or a timeline may visit, for the API's cost estimate. One seek per
// day.
func (s *Store) CountClaimDays(ctx context.Context, since, until string, max int) (int, error) {
	f := ClaimFilter{Since: since, Until: until}
	lo, hi, err := f.dayRange()
	if err != nil {
		return 0, err
	}
	n := 0
	err = s.view(ctx, func(txn *badger.Txn) error {
		return walkDays(ctx, txn, lo, hi, lo, false, func(uint32) (bool, error) {
			n++
			return n < max, nil
		})
	})
	if err != nil {
		return 0, fmt.Errorf("graph: count days: %w", err)
	}
	return n, nil
}

// countFromKeys counts a filter of one dimension whose stored lists are
// disjoint block lists (kinds, a predicate, a publisher, a date range,
// nothing else): the sum of their keys' counts, corrected by the claims
// people corrected (in the lists as stored, in the answer as corrected),
// as CountClaims does for one speaker. ok is false for other filters.
func (s *Store) countFromKeys(ctx context.Context, txn *badger.Txn, o *overlay, q *claimQuery, f *ClaimFilter) (n int, ok bool, err error) {
	if f.Speaker != uuid.Nil || f.About != uuid.Nil || f.Document != uuid.Nil || strings.TrimSpace(f.Text) != "" ||
		f.SpeakerName != "" || f.MinConfidence > 0 || f.Involving != uuid.Nil {
		return 0, false, nil
	}
	kinds := f.kindSet()
	dated := f.Since != "" || f.Until != ""
	dims := 0
	for _, on := range []bool{kinds != nil, f.Predicate != "", f.Publisher != "", dated} {
		if on {
			dims++
		}
	}
	if dims != 1 {
		return 0, false, nil
	}
	lo, hi, err := f.dayRange()
	if err != nil {
		return 0, false, err
	}
	var prefixes [][]byte
	switch {
	case kinds != nil:
		for _, k := range kinds {
			prefixes = append(prefixes, termPrefix(pClaimKind, string(k)))
		}
	case f.Predicate != "":
		prefixes = append(prefixes, termPrefix(pClaimPredicate, string(f.Predicate)))
	case f.Publisher != "":
		prefixes = append(prefixes, termPrefix(pClaimPublisher, publisherKey(f.Publisher)))
	default:
		err := walkDays(ctx, txn, lo, hi, lo, false, func(day uint32) (bool, error) {
			prefixes = append(prefixes, dayPrefix(pClaimDay, day))
			return true, nil
		})
		if err != nil {
			return 0, false, err
		}
	}
	for _, p := range prefixes {
		c, err := countBlocks(ctx, txn, p)
		if err != nil {
			return 0, false, err
		}
		n += c
	}
	if o.empty {
		return n, true, nil
	}
	docs := s.newDocReader(txn)
	for _, id := range o.correctedIDs {
		c, err := claim(docs, id)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return 0, false, err
		}
		var stored bool
		switch {
		case kinds != nil:
			stored = slices.Contains(kinds, c.Kind)
		case f.Predicate != "":
			stored = slices.ContainsFunc(c.Relations, func(r Relation) bool { return r.Predicate == f.Predicate })
		case f.Publisher != "":
			d, err := s.Document(ctx, c.DocumentID)
			if err != nil {
				return 0, false, err
			}
			stored = publisherKey(d.Publisher) == publisherKey(f.Publisher)
		default:
			d := dayOf(c.PublishedAt)
			stored = d >= lo && d <= hi
		}
		o.applyClaim(&c)
		// Kinds and relations are corrected; publisher and date are not.
		effective := q.effective(&c) && (kinds != nil || f.Predicate != "" || stored)
		switch {
		case stored && !effective:
			n--
		case !stored && effective:
			n++
		}
	}
	return n, true, nil
}
