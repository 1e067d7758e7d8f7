package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
)

// Figure groups put side by side the counts of people (killed, wounded,
// displaced, detained, missing) that sources give for one place over a
// period of publication dates.
//
// What is stored. Extraction places each figure a claim gives at the
// place its text ties it to (extract's figure place rules: the figure's
// sentence, the source's words, its paragraph, the document's lead), or
// at none. Each placed figure has one key, written in the transaction of
// its document:
//
//	f/<kind>\x00<placeID><date, 10 bytes><claimID><start BE32>
//
// date is the document's publication date as YYYY-MM-DD ("0000-00-00"
// when unknown), start the figure's offset in the document's text; the
// value holds the number, its qualifier and words, the document, the
// claim's speaker as extracted, the rule that placed it, and the first
// bytes of the document text's SHA-256 (to know syndicated copies). So a
// group is one prefix scan (f/<kind>\x00<place>), bounded by the dates
// asked for, without reading a claim; figures without a place are not
// indexed, and are only in their claim's figures.
//
// The period is the documents' publication dates: an article rarely
// dates the count it gives, and a toll "since October 7" published on
// January 19 is that day's figure. Since and Until bound it (days,
// inclusive); a figure of a document without a date is in a group only
// when neither is given.
//
// Counting once. Two figures of a group are one report, counted once,
// when they give the same number and either come from the same named
// source (the claim's speaker, as corrected), or from the same text: one
// document (a headline restating its body's toll), or a copy with the
// same text (syndication). The first (in key order: date, then claim)
// stands for the report and the others are its Repeats. Different
// numbers from one source are different reports (a toll that rises over
// the period).
//
// Bounds and the estimate. Low and High are the reports with the lowest
// and the highest number, each with its claim and source. A qualifier
// does not move a number: "more than 9,000" counts as 9,000 and "up to
// 1.7 million" as 1.7 million (as ACLED codes "at least" figures); each
// report's Qualifier says whether its source gives it as a floor or a
// ceiling. Best is the lower median of the reports' numbers: robust to
// one source's outlier either way, and always a number some source gave,
// so it too is traced to a claim. With two reports it is the lower one,
// the most conservative figure, as ACLED's rule; the lowest is Low
// anyway, so a median adds what the minimum cannot say.

// figureDateLen is the length of the date part of an f/ key.
const figureDateLen = 10

// figureHashLen is how much of the text's SHA-256 a figure keeps.
const figureHashLen = 8

// unknownDate is the date part of a figure of an undated document.
const unknownDate = "0000-00-00"

// maxFigureScan bounds the figure keys one FigureGroups call may read:
// past it the call fails with ErrQueryTooBroad (name a place, or a
// shorter period) rather than scanning on.
const maxFigureScan = 20_000

// figureDate gives the date part of a figure key of a document
// published at publishedAt ("2006-01-02", RFC 3339 or "").
func figureDate(publishedAt string) string {
	if len(publishedAt) >= figureDateLen && publishedAt[4] == '-' && publishedAt[7] == '-' {
		return publishedAt[:figureDateLen]
	}
	return unknownDate
}

// figurePlacePrefix is f/<kind>\x00<place>: the figures of one group as
// stored.
func figurePlacePrefix(kind extract.FigureKind, place uuid.UUID) []byte {
	return append(termPrefix(pFigure, string(kind)), place[:]...)
}

func figureKey(kind extract.FigureKind, place uuid.UUID, publishedAt string, claim uuid.UUID, start int) []byte {
	k := figurePlacePrefix(kind, place)
	k = append(k, figureDate(publishedAt)...)
	k = append(k, claim[:]...)
	return binary.BigEndian.AppendUint32(k, uint32(start))
}

func encodeFigureIndex(f *extract.ClaimFigure, doc, speaker uuid.UUID, hash []byte) []byte {
	b := make([]byte, 0, 64+len(f.Text)+len(f.PlaceRule))
	b = append(b, recordFormat)
	b = append(b, doc[:]...)
	b = appendOptID(b, speaker)
	b = appendUvarint(b, uint64(f.Value))
	b = appendString(b, f.Qualifier)
	b = appendString(b, f.Text)
	b = appendInt(b, f.End)
	b = appendString(b, f.PlaceRule)
	return append(b, hash...)
}

// Figure is one placed figure as a group holds it: the number, where it
// is in its document, and its claim and source as corrected.
type Figure struct {
	Kind      extract.FigureKind
	Value     int64
	Qualifier string // "more than", "up to", ...; "" when given as exact
	Text      string // the number as written, with its qualifier
	Start     int    // in the document's text, code points
	End       int
	ClaimID   uuid.UUID
	// DocumentID is the claim's document; PublishedAt its date
	// (YYYY-MM-DD), "" when unknown.
	DocumentID  uuid.UUID
	PublishedAt string
	// SpeakerID is the claim's speaker as corrected; uuid.Nil for an
	// unnamed source (the claim's speakerText names it).
	SpeakerID uuid.UUID
	// PlaceID is the place as corrected (merges and splits applied);
	// PlaceRule the extraction rule that placed the figure there.
	PlaceID   uuid.UUID
	PlaceRule string
	// Repeats are the same report again, counted once: figures with this
	// number from the same named source, or from this text or a copy of
	// it (set on the reports of a FigureGroup only).
	Repeats []Figure
	hash    [figureHashLen]byte
}

// FigureGroup is the figures sources give for one kind of count at one
// place over a period: each report once, the lowest, the highest and
// the best estimate (see the package's figure groups above for the
// rules).
type FigureGroup struct {
	Kind    extract.FigureKind
	PlaceID uuid.UUID
	// Reports are the distinct reports, by number, then date, then claim.
	Reports []Figure
	// Low, High and Best index Reports.
	Low, High, Best int
	// Sources is how many distinct sources gave the reports: each named
	// speaker once, and each unnamed source (or the publisher's own
	// voice) of each text once.
	Sources int
	// FirstSeen and LastSeen are the earliest and latest publication
	// dates of the group's figures (repeats included); "" when unknown.
	FirstSeen, LastSeen string
}

// FigureFilter selects figure groups: one kind, at one place or at
// every place, over a period.
type FigureFilter struct {
	Kind extract.FigureKind
	// Place is a place entity's ID (through merges: a merged place's
	// figures are its kept entity's); uuid.Nil asks for every place.
	Place uuid.UUID
	// Since and Until bound the publication dates, inclusive; each a
	// date (YYYY-MM-DD) or an RFC 3339 time, whose date counts; "" is
	// open. Figures of undated documents count only when both are "".
	Since, Until string
	// MinSources leaves out the groups with fewer distinct sources (2:
	// where sources can disagree); 0 or 1 keeps all.
	MinSources int
}

// FigureGroups gives the figure groups of f: the one of f.Place (none
// when it has no figure in the period), or a page of the groups of every
// place, in the order their places were first stored.
func (s *Store) FigureGroups(ctx context.Context, f FigureFilter, page PageArgs) (Page[FigureGroup], error) {
	var out Page[FigureGroup]
	if f.Kind == "" || bytes.IndexByte([]byte(f.Kind), sep) >= 0 {
		return out, &FigureArgError{"kind", fmt.Sprintf("%q is not a figure kind", f.Kind)}
	}
	lo, hi, err := figureWindow(f.Since, f.Until)
	if err != nil {
		return out, err
	}
	o := s.overlay()
	r := &figureReader{s: s, o: o, kind: f.Kind, lo: lo, hi: hi, minSources: f.MinSources}
	err = s.view(ctx, func(txn *badger.Txn) error {
		r.txn = txn
		if f.Place != uuid.Nil {
			g, _, err := r.group(o.resolveGlobal(f.Place))
			if err != nil || g == nil {
				return err
			}
			out.Items = append(out.Items, *g)
			out.Cursors = append(out.Cursors, encodeCursor(g.PlaceID[:]))
			return nil
		}
		return r.all(ctx, page, &out)
	})
	if err != nil {
		return Page[FigureGroup]{}, fmt.Errorf("graph: figure groups of %s: %w", f.Kind, err)
	}
	return out, nil
}

// ScanFigures counts the figure keys FigureGroups(f) may read, at most
// one past what it accepts: the limits of the API charge a query for
// them before it runs. Only keys are read.
func (s *Store) ScanFigures(ctx context.Context, f FigureFilter) (int, error) {
	lo, hi, err := figureWindow(f.Since, f.Until)
	if err != nil || f.Kind == "" {
		return 0, err
	}
	o := s.overlay()
	prefixes := [][]byte{termPrefix(pFigure, string(f.Kind))}
	if f.Place != uuid.Nil {
		prefixes = prefixes[:0]
		for _, src := range o.sourcesOf(o.resolveGlobal(f.Place)) {
			prefixes = append(prefixes, figurePlacePrefix(f.Kind, src))
		}
	}
	n := 0
	err = s.view(ctx, func(txn *badger.Txn) error {
		for _, prefix := range prefixes {
			it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
			for it.Rewind(); it.Valid() && n <= maxFigureScan; it.Next() {
				k := it.Item().Key()
				at := len(k) - idLen - 4 - figureDateLen
				if at < len(prefix) {
					continue
				}
				if d := string(k[at : at+figureDateLen]); d >= lo && d <= hi {
					n++
				}
			}
			it.Close()
		}
		return nil
	})
	return n, err
}

// FigureArgError is a FigureFilter field that cannot be read; it wraps
// ErrInvalidInput.
type FigureArgError struct{ Arg, Msg string }

func (e *FigureArgError) Error() string {
	return fmt.Sprintf("graph: invalid input: %s: %s", e.Arg, e.Msg)
}

// Unwrap makes errors.Is(err, ErrInvalidInput) hold.
func (e *FigureArgError) Unwrap() error { return ErrInvalidInput }

// figureWindow gives the date range [lo, hi] of since and until.
func figureWindow(since, until string) (lo, hi string, err error) {
	day := func(name, v string) (string, error) {
		if v == "" {
			return "", nil
		}
		d := figureDate(v)
		if d == unknownDate {
			return "", &FigureArgError{name, fmt.Sprintf("%q is not a date (YYYY-MM-DD) or an RFC 3339 time", v)}
		}
		return d, nil
	}
	if lo, err = day("since", since); err != nil {
		return "", "", err
	}
	if hi, err = day("until", until); err != nil {
		return "", "", err
	}
	switch {
	case lo == "" && hi == "":
		return unknownDate, "9999-99-99", nil
	case lo == "":
		lo = "0000-00-01" // past the undated
	case hi == "":
		hi = "9999-99-99"
	}
	return lo, hi, nil
}

// figureReader reads the figures of one kind in one transaction.
type figureReader struct {
	s          *Store
	o          *overlay
	txn        *badger.Txn
	kind       extract.FigureKind
	lo, hi     string
	minSources int
	scanned    int
}

// stored reads the figures stored under place src within the window
// (as stored: overlay not applied).
func (r *figureReader) stored(src uuid.UUID, fn func(f *Figure) error) error {
	prefix := figurePlacePrefix(r.kind, src)
	it := r.txn.NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: true, PrefetchSize: 64})
	defer it.Close()
	for it.Seek(append(slices.Clip(prefix), r.lo...)); it.Valid(); it.Next() {
		k := it.Item().Key()[len(prefix):]
		if len(k) != figureDateLen+idLen+4 {
			return fmt.Errorf("figure key %q: %w", it.Item().Key(), errCorrupt)
		}
		if string(k[:figureDateLen]) > r.hi {
			break
		}
		if r.scanned++; r.scanned > maxFigureScan {
			return fmt.Errorf("%w: more than %d figures of %s to read: name a place or a shorter period (since, until)", ErrQueryTooBroad, maxFigureScan, r.kind)
		}
		f := Figure{Kind: r.kind, PlaceID: src, ClaimID: uuid.UUID(k[figureDateLen : figureDateLen+idLen]),
			Start: int(binary.BigEndian.Uint32(k[figureDateLen+idLen:]))}
		if d := string(k[:figureDateLen]); d != unknownDate {
			f.PublishedAt = d
		}
		if err := it.Item().Value(func(v []byte) error { return decodeFigureIndex(&f, v) }); err != nil {
			return err
		}
		if err := fn(&f); err != nil {
			return err
		}
	}
	return nil
}

func decodeFigureIndex(f *Figure, v []byte) error {
	d := decoder{b: v}
	d.header()
	f.DocumentID = d.id()
	f.SpeakerID = d.optID()
	f.Value = int64(d.uvarint())
	f.Qualifier = d.string()
	f.Text = d.string()
	f.End = d.int()
	f.PlaceRule = d.string()
	copy(f.hash[:], d.bytes(figureHashLen))
	if err := d.done(); err != nil {
		return fmt.Errorf("figure of claim %s: %w", f.ClaimID, err)
	}
	return nil
}

// corrected applies the overlay to a stored figure: false when its claim
// is retracted. The place and speaker go through merges and splits, and
// a speaker a person set replaces the extracted one.
func (r *figureReader) corrected(f *Figure) bool {
	o := r.o
	if o.empty {
		return true
	}
	if o.retracted(f.ClaimID) {
		return false
	}
	tail := f.ClaimID[8:]
	f.PlaceID = o.resolve(tail, f.PlaceID)
	f.SpeakerID = o.resolve(tail, f.SpeakerID)
	if p := o.claims[f.ClaimID]; p != nil && p.speakerSet {
		f.SpeakerID = o.resolve(tail, p.speaker)
	}
	return true
}

// group reads the group of place (as corrected) from every stored place
// that may resolve to it. first is the smallest stored place that gave
// it a figure; g is nil when it has none in the window.
func (r *figureReader) group(place uuid.UUID) (g *FigureGroup, first uuid.UUID, err error) {
	var figs []Figure
	for _, src := range r.o.sourcesOf(place) {
		err := r.stored(src, func(f *Figure) error {
			if r.corrected(f) && f.PlaceID == place {
				figs = append(figs, *f)
				if first == uuid.Nil || bytes.Compare(src[:], first[:]) < 0 {
					first = src
				}
			}
			return nil
		})
		if err != nil {
			return nil, uuid.Nil, err
		}
	}
	if len(figs) == 0 {
		return nil, uuid.Nil, nil
	}
	if g = groupFigures(r.kind, place, figs); g.Sources < r.minSources {
		return nil, uuid.Nil, nil
	}
	return g, first, nil
}

// all fills page out with the groups of every place: stored places in
// key order, each group given at the first stored place that holds one
// of its figures (a merged place's group at its first member's). The
// cursor is that stored place; a page may hold more than page.First
// groups only when a split shares out one stored place's figures.
func (r *figureReader) all(ctx context.Context, page PageArgs, out *Page[FigureGroup]) error {
	after, err := decodeCursor(page.After, idLen)
	if err != nil {
		return err
	}
	kindPrefix := termPrefix(pFigure, string(r.kind))
	it := r.txn.NewIterator(badger.IteratorOptions{Prefix: kindPrefix})
	defer it.Close()
	seek := kindPrefix
	if after != nil {
		next, ok := successor(after)
		if !ok {
			return nil
		}
		seek = append(slices.Clip(kindPrefix), next...)
	}
	for it.Seek(seek); it.Valid(); {
		if err := ctx.Err(); err != nil {
			return err
		}
		k := it.Item().Key()
		if len(k) < len(kindPrefix)+idLen {
			return fmt.Errorf("figure key %q: %w", k, errCorrupt)
		}
		src := uuid.UUID(k[len(kindPrefix) : len(kindPrefix)+idLen])
		if len(out.Items) >= pageSize(page) {
			out.HasNext = true
			return nil
		}
		// The places src's figures stand for now (itself, its merge
		// target, the entities splits gave some of its documents).
		places := []uuid.UUID{}
		err := r.stored(src, func(f *Figure) error {
			if r.corrected(f) && !slices.Contains(places, f.PlaceID) {
				places = append(places, f.PlaceID)
			}
			return nil
		})
		if err != nil {
			return err
		}
		slices.SortFunc(places, func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) })
		for _, p := range places {
			g, first, err := r.group(p)
			if err != nil {
				return err
			}
			if g != nil && first == src {
				out.Items = append(out.Items, *g)
				out.Cursors = append(out.Cursors, encodeCursor(src[:]))
			}
		}
		next, ok := successor(src[:])
		if !ok {
			break
		}
		it.Seek(append(slices.Clip(kindPrefix), next...))
	}
	return nil
}

// sourceKey names the source of a figure for counting: its named
// speaker, else the unnamed source of its text.
func (f *Figure) sourceKey() string {
	if f.SpeakerID != uuid.Nil {
		return "s" + string(f.SpeakerID[:])
	}
	return "t" + string(f.hash[:])
}

// sameReport says whether b repeats report a: the same number, and the
// same named source or the same text.
func sameReport(a, b *Figure) bool {
	if a.Value != b.Value {
		return false
	}
	if a.SpeakerID != uuid.Nil && a.SpeakerID == b.SpeakerID {
		return true
	}
	return a.hash == b.hash
}

// groupFigures makes the group of figs (in key order: date, claim).
func groupFigures(kind extract.FigureKind, place uuid.UUID, figs []Figure) *FigureGroup {
	g := &FigureGroup{Kind: kind, PlaceID: place}
	// key order per stored place; merged places' figures come after:
	// date, then claim, then start, over all of them
	slices.SortStableFunc(figs, func(a, b Figure) int {
		if a.PublishedAt != b.PublishedAt {
			if a.PublishedAt < b.PublishedAt {
				return -1
			}
			return 1
		}
		if c := bytes.Compare(a.ClaimID[:], b.ClaimID[:]); c != 0 {
			return c
		}
		return a.Start - b.Start
	})
	sources := map[string]bool{}
	for i := range figs {
		f := &figs[i]
		if d := f.PublishedAt; d != "" {
			if g.FirstSeen == "" || d < g.FirstSeen {
				g.FirstSeen = d
			}
			if d > g.LastSeen {
				g.LastSeen = d
			}
		}
		repeat := false
		for j := range g.Reports {
			if sameReport(&g.Reports[j], f) {
				g.Reports[j].Repeats = append(g.Reports[j].Repeats, *f)
				repeat = true
				break
			}
		}
		if !repeat {
			g.Reports = append(g.Reports, *f)
			sources[f.sourceKey()] = true
		}
	}
	g.Sources = len(sources)
	slices.SortStableFunc(g.Reports, func(a, b Figure) int {
		switch {
		case a.Value < b.Value:
			return -1
		case a.Value > b.Value:
			return 1
		}
		return 0
	})
	g.Low, g.High, g.Best = 0, len(g.Reports)-1, (len(g.Reports)-1)/2
	return g
}
