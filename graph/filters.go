package graph

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
)

// The claim filters beyond speaker, about, document and text, and the
// publication-date order (see "Filters and dates" in doc.go). Each filter
// is an ID list written at ingest: claims by kind (ck/), by predicate of
// a relation they assert (cr/), by entity in a relation they assert
// (ce/), by confidence tenth (cc/), by publisher (cp/) and by publication
// day (cy/), all posting blocks like cd/ and cs/.

// ClaimOrder orders a list of claims.
type ClaimOrder int

const (
	// OrderDocument is ID order: documents in ingest order, a document's
	// claims in text order.
	OrderDocument ClaimOrder = iota
	// OrderNewest is by publication day, newest first; within one day,
	// the documents ingested last first, each document's claims in text
	// order. Undated claims come last.
	OrderNewest
	// OrderOldest is by publication day, oldest first; within one day,
	// documents in ingest order. Undated claims come first.
	OrderOldest
)

// FilterError is a filter argument that cannot be answered: a malformed
// date, a range too wide for the order asked, a name too common. Arg
// names the argument as the API does.
type FilterError struct{ Arg, Msg string }

func (e *FilterError) Error() string { return fmt.Sprintf("graph: %s: %s", e.Arg, e.Msg) }

// Bounds of the filters, each in the error a broader query gets.
const (
	// MaxDocumentOrderDays bounds the days with claims that since/until
	// may cover in document order: that order is the union of the days'
	// lists. NEWEST and OLDEST walk the days one by one, without bound.
	MaxDocumentOrderDays = 400
	// MaxSpeakerNameEntities bounds the entities a speakerName may
	// resolve to (each is a list in the union).
	MaxSpeakerNameEntities = 64
	// maxPublisherKey cuts a publisher's key: a longer name is compared
	// on its first bytes.
	maxPublisherKey = 128
)

// undatedDay is the day of a claim or document without a publication
// date: before every date.
const undatedDay = 0

// lastDay is the largest day key (9999-12-31).
const lastDay = 99991231

// dayOf is the publication day key of a PublishedAt: the date as written
// ("2014-06-11" or the date part of an RFC 3339 time, in the time's own
// zone, as the article states it) as the number YYYYMMDD; undatedDay
// when there is none.
func dayOf(publishedAt string) uint32 {
	if len(publishedAt) < 10 {
		return undatedDay
	}
	t, err := time.Parse(time.DateOnly, publishedAt[:10])
	if err != nil {
		return undatedDay
	}
	return uint32(t.Year()*10000 + int(t.Month())*100 + t.Day())
}

// ParseDay reads a since/until bound, "2006-01-02" (or an RFC 3339 time,
// whose date part counts), as a day key; arg names it in the error.
func ParseDay(arg, s string) (uint32, error) {
	d := dayOf(strings.TrimSpace(s))
	if d == undatedDay || (len(strings.TrimSpace(s)) > 10 && !validTime(strings.TrimSpace(s))) {
		return 0, &FilterError{arg, fmt.Sprintf("%q is not a date (2006-01-02)", s)}
	}
	return d, nil
}

func validTime(s string) bool {
	_, err := time.Parse(time.RFC3339Nano, s)
	return err == nil
}

// dayTime is the date of a day key.
func dayTime(d uint32) time.Time {
	return time.Date(int(d/10000), time.Month(d/100%100), int(d%100), 0, 0, 0, 0, time.UTC)
}

// dayKeyOf is the day key of a date.
func dayKeyOf(t time.Time) uint32 { return uint32(t.Year()*10000 + int(t.Month())*100 + t.Day()) }

// publisherKey is how publishers are compared: lowercased, spaces
// collapsed, at most maxPublisherKey bytes, without the separator byte.
func publisherKey(p string) string {
	k := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(p, "\x00", " ")), " "))
	if len(k) > maxPublisherKey {
		k = k[:maxPublisherKey]
	}
	return k
}

// confTenth is the confidence list of a claim: floor(10 × confidence),
// 0 to 10.
func confTenth(c float64) byte {
	t := math.Floor(c*10 + 1e-9)
	return byte(min(max(t, 0), 10))
}

func appendDay(k []byte, d uint32) []byte { return binary.BigEndian.AppendUint32(k, d) }

func dayPrefix(prefix string, d uint32) []byte { return appendDay([]byte(prefix), d) }

func docDayKey(d uint32, doc uuid.UUID) []byte { return append(dayPrefix(pDocumentDay, d), doc[:]...) }

func docPublisherKey(pub string, d uint32, doc uuid.UUID) []byte {
	return append(appendDay(termPrefix(pDocPublisher, pub), d), doc[:]...)
}

// postFilters posts a claim to its filter lists.
func (w *batchWriter) postFilters(p *docPlan, c *Claim, day uint32, pub string, id uuid.UUID) {
	w.post(p, termPrefix(pClaimKind, string(c.Kind)), id)
	w.post(p, append(w.scratchKey(pClaimConf, nil), confTenth(c.Confidence)), id)
	w.post(p, appendDay(w.scratchKey(pClaimDay, nil), day), id)
	if c.SpeakerID != uuid.Nil {
		w.post(p, appendDay(w.scratchKey(pSpeakerDay, c.SpeakerID[:]), day), id)
	}
	if pub != "" {
		w.post(p, append(append(w.scratchKey(pClaimPublisher, nil), pub...), sep), id)
	}
	for i, r := range c.Relations {
		if !slices.ContainsFunc(c.Relations[:i], func(o Relation) bool { return o.Predicate == r.Predicate }) {
			w.post(p, append(append(w.scratchKey(pClaimPredicate, nil), r.Predicate...), sep), id)
		}
		for j, e := range []uuid.UUID{r.SubjectID, r.ObjectID} {
			if (j == 1 && e == r.SubjectID) || slices.ContainsFunc(c.Relations[:i], func(o Relation) bool { return o.SubjectID == e || o.ObjectID == e }) {
				continue
			}
			w.post(p, w.scratchKey(pClaimRelated, e[:]), id)
		}
	}
}

// kindSet is the kinds a filter admits, nil for any.
func (f *ClaimFilter) kindSet() []extract.ClaimKind {
	if len(f.Kinds) == 0 && !f.ExcludeNarrative {
		return nil
	}
	kinds := f.Kinds
	if len(kinds) == 0 {
		for _, k := range extract.ClaimKinds() {
			kinds = append(kinds, k.Value)
		}
	}
	out := make([]extract.ClaimKind, 0, len(kinds))
	for _, k := range kinds {
		if (f.ExcludeNarrative && k == extract.Narrative) || slices.Contains(out, k) {
			continue
		}
		out = append(out, k)
	}
	return out
}

// dated reports whether f bounds or orders by publication day.
func (f *ClaimFilter) dated() bool {
	return f.Since != "" || f.Until != "" || f.Order != OrderDocument
}

// plain reports whether f uses only the filters counted by Stats.
func (f *ClaimFilter) plain() bool {
	return f.Speaker == uuid.Nil && f.About == uuid.Nil && f.Document == uuid.Nil && strings.TrimSpace(f.Text) == "" &&
		!f.extended()
}

// extended reports whether f uses a filter of this file.
func (f *ClaimFilter) extended() bool {
	return len(f.Kinds) > 0 || f.ExcludeNarrative || f.Since != "" || f.Until != "" || f.Publisher != "" ||
		f.SpeakerName != "" || f.Predicate != "" || f.MinConfidence > 0 || f.Involving != uuid.Nil || f.Order != OrderDocument
}

// dayRange is f's since/until as day keys: lo..hi inclusive. Without
// since, undated claims are in the range.
func (f *ClaimFilter) dayRange() (lo, hi uint32, err error) {
	lo, hi = undatedDay, lastDay
	if f.Since != "" {
		if lo, err = ParseDay("since", f.Since); err != nil {
			return 0, 0, err
		}
	}
	if f.Until != "" {
		if hi, err = ParseDay("until", f.Until); err != nil {
			return 0, 0, err
		}
		if f.Since == "" {
			lo = undatedDay + 1 // an end bound leaves out what has no date
		}
	}
	return lo, hi, nil
}

// extendedFilters adds to q the lists of f's filters of this file; names
// are the entities SpeakerName resolved to (resolved before the read
// transaction began, see speakerNameEntities).
func (q *claimQuery) extendedFilters(txn *badger.Txn, o *overlay, f *ClaimFilter, names []uuid.UUID) ([]idList, error) {
	var pub string
	if f.Publisher != "" {
		if pub = publisherKey(f.Publisher); pub == "" {
			return nil, &FilterError{"publisher", "is blank"}
		}
	}
	var extra []idList
	// corrected are the claims corrections changed, beside the lists
	// whose membership a correction can change (kind, relations,
	// speaker): each is checked as corrected (effective).
	corrected := func(ls []idList) idList {
		if !o.empty && len(o.correctedIDs) > 0 {
			ls = append(ls, &memList{ids: o.correctedIDs})
		}
		return union(ls)
	}
	if kinds := f.kindSet(); kinds != nil {
		q.kinds = kinds
		var ls []idList
		for _, k := range kinds {
			ls = append(ls, newBlockList(txn, termPrefix(pClaimKind, string(k))))
		}
		if len(ls) == 0 {
			q.none = true
		}
		extra = append(extra, corrected(ls))
	}
	if f.Predicate != "" {
		q.predicate = f.Predicate
		extra = append(extra, corrected([]idList{newBlockList(txn, termPrefix(pClaimPredicate, string(f.Predicate)))}))
	}
	if pub != "" {
		extra = append(extra, newBlockList(txn, termPrefix(pClaimPublisher, pub)))
	}
	if f.MinConfidence > 0 {
		q.minConfidence = f.MinConfidence
		var ls []idList
		for t := confTenth(f.MinConfidence); t <= 10; t++ {
			ls = append(ls, newBlockList(txn, append([]byte(pClaimConf), t)))
		}
		extra = append(extra, union(ls))
	}
	entityUnion := func(e uuid.UUID, prefixes ...string) []idList {
		var ls []idList
		for _, src := range o.sourcesOf(e) {
			for _, p := range prefixes {
				ls = append(ls, newBlockList(txn, idKey(p, src)))
			}
		}
		if o.split[e] {
			q.checkAll = true
		}
		return ls
	}
	if f.SpeakerName != "" {
		q.speakerSet = names
		if len(names) == 0 {
			q.none = true
		}
		var ls []idList
		for _, e := range names {
			ls = append(ls, entityUnion(e, pClaimSpeaker)...)
			q.speakerDays(o, e)
		}
		extra = append(extra, corrected(ls))
	}
	if f.Speaker != uuid.Nil {
		q.speakerDays(o, o.resolveGlobal(f.Speaker))
	}
	if f.Involving != uuid.Nil {
		q.involving = o.resolveGlobal(f.Involving)
		extra = append(extra, corrected(entityUnion(q.involving, pClaimSpeaker, pClaimAbout, pClaimRelated)))
	}
	if q.kinds != nil || q.predicate != "" || q.speakerSet != nil || q.involving != uuid.Nil || q.minConfidence > 0 {
		q.clean = false
	}
	return extra, nil
}

// effectiveExtended reports whether c, corrected, passes the filters of
// this file that corrections or the record decide.
func (q *claimQuery) effectiveExtended(c *Claim) bool {
	if q.kinds != nil && !slices.Contains(q.kinds, c.Kind) {
		return false
	}
	if q.predicate != "" && !slices.ContainsFunc(c.Relations, func(r Relation) bool { return r.Predicate == q.predicate }) {
		return false
	}
	if q.minConfidence > 0 && c.Confidence < q.minConfidence {
		return false
	}
	if q.speakerSet != nil && !slices.Contains(q.speakerSet, c.SpeakerID) {
		return false
	}
	if q.involving != uuid.Nil && !involves(c, q.involving) {
		return false
	}
	return true
}

// involves reports whether the claim is by e, about e or asserts a
// relation of e.
func involves(c *Claim, e uuid.UUID) bool {
	return c.SpeakerID == e || slices.Contains(c.About, e) ||
		slices.ContainsFunc(c.Relations, func(r Relation) bool { return r.SubjectID == e || r.ObjectID == e })
}

// speakerNameEntities resolves a SpeakerName as Entities{Name} does: every
// entity (as corrected) one of whose names folds like it.
func (s *Store) speakerNameEntities(ctx context.Context, name string) ([]uuid.UUID, error) {
	if extract.Fold(name) == "" {
		return nil, &FilterError{"speakerName", fmt.Sprintf("%q has no letters or digits to match", name)}
	}
	page, err := s.Entities(ctx, EntityFilter{Name: name}, PageArgs{First: MaxSpeakerNameEntities + 1})
	if err != nil {
		return nil, err
	}
	if len(page.Items) > MaxSpeakerNameEntities {
		return nil, &FilterError{"speakerName", fmt.Sprintf("%q names more than %d entities: give speaker (an ID)", name, MaxSpeakerNameEntities)}
	}
	ids := make([]uuid.UUID, 0, len(page.Items))
	for _, e := range page.Items {
		ids = append(ids, e.ID)
	}
	slices.SortFunc(ids, func(a, b uuid.UUID) int { return compareIDs(&a, &b) })
	return ids, nil
}

// claimNames resolves f.SpeakerName (nil without one).
func (s *Store) claimNames(ctx context.Context, f *ClaimFilter) ([]uuid.UUID, error) {
	if f.SpeakerName == "" {
		return nil, nil
	}
	return s.speakerNameEntities(ctx, f.SpeakerName)
}

// DayString is the date of a day key, "2006-01-02".
func DayString(d uint32) string { return dayTime(d).Format(time.DateOnly) }

// speakerDays adds the day lists of speaker e (its sources' cz/ lists,
// and the claims corrections gave it) to those a date walk visits: a
// speaker's claims in date order visit only the days it spoke on.
func (q *claimQuery) speakerDays(o *overlay, e uuid.UUID) {
	for _, src := range o.sourcesOf(e) {
		q.daySources = append(q.daySources, idKey(pSpeakerDay, src))
	}
	q.dayAddClaims = append(q.dayAddClaims, o.speakerAdds[e]...)
	q.speakerWalk = true
}
