package graph

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
)

// Relation groups: the claims of the whole graph that assert or deny one
// (subject, predicate, object), aggregated at ingest so that an actor's
// groups, their status and their sources cover its whole history.
//
// A group's triple is canonical: for a symmetric predicate (FIGHTS,
// ALLIED_WITH) "A fights B" and "B fights A" are one group, kept under
// the smaller ID (byte order) as subject.
//
// A source is who asserts or denies: the claim's speaker entity; for a
// claim with no speaker entity, its unnamed source ("activists", "a
// resident", or none) in its document's text, by the text's SHA-256 and
// the lowercased speaker words. Keying the unnamed sources by the text
// rather than the document makes a syndicated copy (another document
// with the same text, byte for byte) the same source as the original.
// A claim counts in supporting or denying once per text: a copy's claim
// is not counted again when the group already has its source with that
// polarity. firstSeen and lastSeen are the publication days (the first
// 10 characters of PublishedAt, "2006-01-02") of the documents whose
// claims are in the group, copies included: a copy published later was
// still reporting it then.

// Group key prefixes (doc.go has the layout).
const (
	pGroup        = "g/"  // g/<s><p>\x00<o> → group record
	pGroupByObj   = "gi/" // gi/<o><p>\x00<s> → -, when s != o
	pGroupSource  = "gs/" // gs/<s><p>\x00<o><source[8]> → polarity flags
	pGroupContest = "gc/" // gc/<scope>\x00<^sources BE32><s><o><p> → -
)

// Polarity flags of a group's source (gs/ values).
const (
	flagSupports = 1
	flagDenies   = 2
)

// sourceLen is the length of a source's key: the first bytes of a
// SHA-256, unique enough among one group's sources.
const sourceLen = 8

// symmetric predicates are one group in either direction.
func symmetric(p extract.Predicate) bool {
	return p == extract.Fights || p == extract.AlliedWith
}

// canonical orders the ends of a triple as its group keeps them.
func canonical(s uuid.UUID, p extract.Predicate, o uuid.UUID) (uuid.UUID, uuid.UUID) {
	if symmetric(p) && bytes.Compare(s[:], o[:]) > 0 {
		return o, s
	}
	return s, o
}

// groupKey is prefix + from + predicate + sep + to.
func groupKey(prefix string, from uuid.UUID, p extract.Predicate, to uuid.UUID) []byte {
	k := make([]byte, 0, len(prefix)+2*idLen+len(p)+1+sourceLen)
	k = append(k, prefix...)
	k = append(k, from[:]...)
	k = append(k, p...)
	k = append(k, sep)
	return append(k, to[:]...)
}

// contestedKey is the gc/ key of a contested group in a scope: "" for
// all predicates, or the group's predicate. Most sources come first.
func contestedKey(scope string, g *groupRec, s uuid.UUID, p extract.Predicate, o uuid.UUID) []byte {
	k := make([]byte, 0, len(pGroupContest)+len(scope)+1+4+2*idLen+len(p))
	k = append(k, pGroupContest...)
	k = append(k, scope...)
	k = append(k, sep)
	k = binary.BigEndian.AppendUint32(k, ^uint32(min(g.sources, 1<<31)))
	k = append(k, s[:]...)
	k = append(k, o[:]...)
	return append(k, p...)
}

// sourceOf is the source key of a claim (see above).
func sourceOf(speaker uuid.UUID, textHash []byte, speakerText string) [sourceLen]byte {
	var h [32]byte
	if speaker != uuid.Nil {
		h = sha256.Sum256(append([]byte("e"), speaker[:]...))
	} else {
		h = sha256.Sum256(append(append(append([]byte("t"), textHash...), '/'), strings.ToLower(speakerText)...))
	}
	return [sourceLen]byte(h[:sourceLen])
}

// day is a publication date's day: "" when there is none.
func day(publishedAt string) string {
	if len(publishedAt) > 10 {
		return publishedAt[:10]
	}
	return publishedAt
}

// groupRec is a group's record (g/ values).
type groupRec struct {
	supporting, denying     int
	sources, supportSources int
	firstSeen, lastSeen     string
}

func (g *groupRec) contested() bool { return g.supporting > 0 && g.denying > 0 }

// add counts a claim of a source whose flags in the group are flags, and
// gives its new flags. A copy's claim counts only if its source has not
// asserted (or denied) the relation yet.
func (g *groupRec) add(flags byte, polarity, copy bool) byte {
	flag := byte(flagDenies)
	if polarity {
		flag = flagSupports
	}
	if !copy || flags&flag == 0 {
		if polarity {
			g.supporting++
		} else {
			g.denying++
		}
	}
	if flags == 0 {
		g.sources++
	}
	if polarity && flags&flagSupports == 0 {
		g.supportSources++
	}
	return flags | flag
}

// seen widens the group's dates to include d.
func (g *groupRec) seen(d string) {
	if d == "" {
		return
	}
	if g.firstSeen == "" || d < g.firstSeen {
		g.firstSeen = d
	}
	if d > g.lastSeen {
		g.lastSeen = d
	}
}

func encodeGroup(g *groupRec) []byte {
	b := make([]byte, 0, 8+len(g.firstSeen)+len(g.lastSeen))
	b = append(b, recordFormat)
	b = appendInt(b, g.supporting)
	b = appendInt(b, g.denying)
	b = appendInt(b, g.sources)
	b = appendInt(b, g.supportSources)
	b = appendString(b, g.firstSeen)
	return appendString(b, g.lastSeen)
}

func decodeGroup(v []byte) (groupRec, error) {
	d := decoder{b: v}
	d.header()
	g := groupRec{supporting: d.int(), denying: d.int(), sources: d.int(), supportSources: d.int()}
	g.firstSeen = d.string()
	g.lastSeen = d.string()
	if err := d.done(); err != nil {
		return groupRec{}, fmt.Errorf("group record: %w", err)
	}
	return g, nil
}

// groupPlan is what one document does to the groups: their new records,
// the records they had before it (absent: new group) and the sources it
// adds, applied to the batch's state (batchWriter.groups) once the
// document is in a transaction.
type groupPlan struct {
	recs    map[string]*groupRec
	before  map[string]*groupRec // nil value: the group is new
	order   []string             // keys of recs in first-touched order
	sources map[string]byte
}

// groupClaim adds one claim's relation to its group.
func (w *batchWriter) groupClaim(p *docPlan, r *Relation, speaker uuid.UUID, speakerText string, textHash []byte, copy bool, date string) error {
	s, o := canonical(r.SubjectID, r.Predicate, r.ObjectID)
	gp := &p.groups
	if gp.recs == nil {
		gp.recs, gp.before, gp.sources = map[string]*groupRec{}, map[string]*groupRec{}, map[string]byte{}
	}
	gk := groupKey(pGroup, s, r.Predicate, o)
	g, ok := gp.recs[string(gk)]
	if !ok {
		old, found, err := w.group(gk)
		if err != nil {
			return err
		}
		g = &groupRec{}
		if found {
			*g = old
			gp.before[string(gk)] = &old
		} else {
			gp.before[string(gk)] = nil
		}
		gp.recs[string(gk)] = g
		gp.order = append(gp.order, string(gk))
	}
	src := sourceOf(speaker, textHash, speakerText)
	sk := string(append(append(append([]byte(nil), pGroupSource...), gk[len(pGroup):]...), src[:]...))
	flags, err := w.groupSource(p, sk)
	if err != nil {
		return err
	}
	if f := g.add(flags, r.Polarity, copy); f != flags {
		gp.sources[sk] = f
	}
	g.seen(date)
	return nil
}

// group reads a group's record as the batch has it so far.
func (w *batchWriter) group(k []byte) (groupRec, bool, error) {
	if g, ok := w.groups[string(k)]; ok {
		return *g, true, nil
	}
	item, err := w.snap.Get(k)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return groupRec{}, false, nil
	}
	if err != nil {
		return groupRec{}, false, fmt.Errorf("read %q: %w", k, err)
	}
	var g groupRec
	err = item.Value(func(v []byte) (err error) {
		g, err = decodeGroup(v)
		return err
	})
	return g, err == nil, err
}

// groupSource reads a source's flags in a group: this document's, the
// batch's, the snapshot's.
func (w *batchWriter) groupSource(p *docPlan, k string) (byte, error) {
	if f, ok := p.groups.sources[k]; ok {
		return f, nil
	}
	if f, ok := w.groupSources[k]; ok {
		return f, nil
	}
	item, err := w.snap.Get([]byte(k))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read %q: %w", k, err)
	}
	var f byte
	err = item.Value(func(v []byte) error {
		if len(v) != 1 {
			return fmt.Errorf("key %q: %w", k, errCorrupt)
		}
		f = v[0]
		return nil
	})
	return f, err
}

// putGroups adds the document's group entries to its plan: the records,
// the object-side index of new groups, the sources, and the contested
// index moved to the group's new source count.
func (p *docPlan) putGroups() {
	gp := &p.groups
	for _, k := range gp.order {
		g := gp.recs[k]
		p.put([]byte(k), encodeGroup(g))
		rest := k[len(pGroup):]
		s := uuid.UUID([]byte(rest[:idLen]))
		i := strings.IndexByte(rest[idLen:], sep) + idLen
		pred := extract.Predicate(rest[idLen:i])
		o := uuid.UUID([]byte(rest[i+1:]))
		old := gp.before[k]
		if old == nil && s != o {
			p.put(groupKey(pGroupByObj, o, pred, s), nil)
		}
		wasContested := old != nil && old.contested()
		if wasContested && g.contested() && old.sources == g.sources {
			continue
		}
		for _, scope := range []string{"", string(pred)} {
			if wasContested {
				p.del(contestedKey(scope, old, s, pred, o))
			}
			if g.contested() {
				p.put(contestedKey(scope, g, s, pred, o), nil)
			}
		}
	}
	for k, f := range gp.sources {
		p.put([]byte(k), []byte{f})
	}
}

// applyGroups makes the document's groups the batch's state.
func (w *batchWriter) applyGroups(p *docPlan) {
	for k, g := range p.groups.recs {
		w.groups[k] = g
	}
	for k, f := range p.groups.sources {
		w.groupSources[k] = f
	}
}
