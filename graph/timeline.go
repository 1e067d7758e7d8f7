package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"
)

// Bucket is the width of a timeline's buckets.
type Bucket int

const (
	// BucketMonth: calendar months (the zero value).
	BucketMonth Bucket = iota
	// BucketWeek: ISO weeks, Monday to Sunday.
	BucketWeek
	// BucketDay: days.
	BucketDay
)

// MaxTimelineBuckets bounds a timeline: since/until may span at most
// this many buckets (400 days, weeks or months), and without since the
// timeline starts that many buckets before until.
const MaxTimelineBuckets = 400

// Timeline counts, per bucket of publication days, an entity's claims.
type Timeline struct {
	// Since and Until are the days counted ("2006-01-02"): the ones
	// asked for, or the defaults (until: the last day with claims in the
	// store; since: MaxTimelineBuckets buckets back). "" when the store
	// has no dated claim.
	Since, Until string
	// Buckets are those with at least one count, oldest first.
	Buckets []TimelineBucket
}

// TimelineBucket is one bucket of a timeline.
type TimelineBucket struct {
	Start, End string // its first and last day
	// ClaimsBy counts the claims the entity is the speaker of,
	// ClaimsAbout those whose content names it, Relations the claims
	// asserting a relation it is the subject or object of (one per
	// claim, however many relations of it the claim asserts). A claim
	// can count in all three.
	ClaimsBy, ClaimsAbout, Relations int
}

// bucketStart is the first day of the bucket of t.
func bucketStart(t time.Time, b Bucket) time.Time {
	switch b {
	case BucketDay:
		return t
	case BucketWeek:
		return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
	}
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// nextBucket is the first day of the bucket after the one starting at t.
func nextBucket(t time.Time, b Bucket) time.Time {
	switch b {
	case BucketDay:
		return t.AddDate(0, 0, 1)
	case BucketWeek:
		return t.AddDate(0, 0, 7)
	}
	return t.AddDate(0, 1, 0)
}

// TimelineRange is the days a timeline with these bounds counts (see
// Timeline.Since); ok is false when there is nothing to count.
func (s *Store) TimelineRange(ctx context.Context, since, until string, b Bucket) (lo, hi uint32, ok bool, err error) {
	if until != "" {
		if hi, err = ParseDay("until", until); err != nil {
			return 0, 0, false, err
		}
	} else {
		err = s.view(ctx, func(txn *badger.Txn) error {
			di := newDayIter(txn, true)
			defer di.close()
			hi, ok = di.at(lastDay)
			return nil
		})
		if err != nil || !ok || hi == undatedDay {
			return 0, 0, false, err
		}
	}
	first := bucketStart(dayTime(hi), b)
	for range MaxTimelineBuckets - 1 {
		first = bucketStart(first.AddDate(0, 0, -1), b)
	}
	if since == "" {
		lo = dayKeyOf(first)
	} else {
		if lo, err = ParseDay("since", since); err != nil {
			return 0, 0, false, err
		}
		if lo < dayKeyOf(first) {
			return 0, 0, false, &FilterError{"since", fmt.Sprintf("since/until span more than %d buckets", MaxTimelineBuckets)}
		}
	}
	return lo, hi, lo <= hi, nil
}

// Timeline counts the claims by and about the entity, and those
// asserting its relations, per bucket of their publication day, as
// corrected (a merged entity's are the union of its members'; retracted
// claims are left out). It walks the days with claims in range, each an
// intersection of the day's list with the entity's lists.
func (s *Store) Timeline(ctx context.Context, entity uuid.UUID, since, until string, b Bucket) (Timeline, error) {
	var out Timeline
	if _, err := s.Entity(ctx, entity); err != nil {
		return out, err
	}
	lo, hi, ok, err := s.TimelineRange(ctx, since, until, b)
	if err != nil || !ok {
		return out, err
	}
	out.Since, out.Until = dayTime(lo).Format(time.DateOnly), dayTime(hi).Format(time.DateOnly)
	o := s.overlay()
	e := o.resolveGlobal(entity)
	checks := []func(c *Claim) bool{
		func(c *Claim) bool { return c.SpeakerID == e },
		func(c *Claim) bool { return slices.Contains(c.About, e) },
		func(c *Claim) bool {
			return slices.ContainsFunc(c.Relations, func(r Relation) bool { return r.SubjectID == e || r.ObjectID == e })
		},
	}
	err = s.view(ctx, func(txn *badger.Txn) error {
		queries := make([]*claimQuery, 3)
		for i, prefix := range []string{pClaimSpeaker, pClaimAbout, pClaimRelated} {
			q := &claimQuery{o: o, checkAll: o.split[e]}
			var ls []idList
			for _, src := range o.sourcesOf(e) {
				ls = append(ls, newBlockList(txn, idKey(prefix, src)))
			}
			if len(o.correctedIDs) > 0 {
				ls = append(ls, &memList{ids: o.correctedIDs})
			}
			q.lists = []idList{union(ls)}
			queries[i] = q
			defer q.close()
		}
		docs := s.newDocReader(txn)
		var cur *TimelineBucket
		var curEnd uint32
		var ids []uuid.UUID
		return walkDays(ctx, txn, lo, hi, lo, false, func(day uint32) (bool, error) {
			if cur == nil || day > curEnd {
				start := bucketStart(dayTime(day), b)
				out.Buckets = append(out.Buckets, TimelineBucket{Start: start.Format(time.DateOnly),
					End: nextBucket(start, b).AddDate(0, 0, -1).Format(time.DateOnly)})
				cur = &out.Buckets[len(out.Buckets)-1]
				curEnd = dayKeyOf(nextBucket(start, b).AddDate(0, 0, -1))
			}
			for i, q := range queries {
				var err error
				if ids, err = q.dayIDs(ctx, txn, day, ids[:0]); err != nil {
					return false, err
				}
				for _, id := range ids {
					n, err := timelineCounts(docs, o, q, id, checks[i])
					if err != nil {
						return false, err
					}
					switch i {
					case 0:
						cur.ClaimsBy += n
					case 1:
						cur.ClaimsAbout += n
					default:
						cur.Relations += n
					}
				}
			}
			return true, nil
		})
	})
	if err != nil {
		return Timeline{}, fmt.Errorf("graph: timeline of %s: %w", entity, err)
	}
	// Days with claims but none of the entity's leave empty buckets.
	out.Buckets = slices.DeleteFunc(out.Buckets, func(t TimelineBucket) bool {
		return t.ClaimsBy+t.ClaimsAbout+t.Relations == 0
	})
	return out, nil
}

// timelineCounts is 1 if claim id counts: as stored, or read and checked
// when a correction may have changed it.
func timelineCounts(docs *docReader, o *overlay, q *claimQuery, id uuid.UUID, check func(*Claim) bool) (int, error) {
	if !q.corrected(id[:]) {
		return 1, nil
	}
	c, err := claim(docs, id)
	if errors.Is(err, ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	o.applyClaim(&c)
	if c.Retracted || !check(&c) {
		return 0, nil
	}
	return 1, nil
}
