package graph

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"sort"
	"time"

	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
)

// Record encodings: the values of d/, e/, c/, r/, ri/ and n/ (blocks are
// in blocks.go). Texts that are exactly the document text at their span
// are not stored: they are sliced from the document text on read (see
// appendOptString).

func encodeDocument(d *Document, hash []byte) []byte {
	b := make([]byte, 0, 64+len(d.URL)+len(d.Title)+len(d.Publisher)+len(d.PublishedAt))
	b = append(b, recordFormat)
	b = appendString(b, d.URL)
	b = appendString(b, d.Title)
	b = appendString(b, d.Publisher)
	b = appendString(b, d.PublishedAt)
	b = appendUvarint(b, uint64(d.IngestedAt.UnixNano()))
	b = append(b, hash...)
	b = appendInt(b, d.Length)
	keys := make([]string, 0, len(d.Metadata))
	for k := range d.Metadata {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b = appendInt(b, len(keys))
	for _, k := range keys {
		b = appendString(b, k)
		b = appendString(b, d.Metadata[k])
	}
	return b
}

func decodeDocument(id uuid.UUID, v []byte) (Document, error) {
	d := decoder{b: v}
	d.header()
	doc := Document{ID: id}
	doc.URL = d.string()
	doc.Title = d.string()
	doc.Publisher = d.string()
	doc.PublishedAt = d.string()
	doc.IngestedAt = time.Unix(0, int64(d.uvarint())).UTC()
	doc.ContentHash = hex.EncodeToString(d.bytes(32))
	doc.Length = d.int()
	if n := d.int(); n > 0 {
		doc.Metadata = make(map[string]string, n)
		for i := 0; i < n && d.err == nil; i++ {
			k := d.string()
			doc.Metadata[k] = d.string()
		}
	}
	if err := d.done(); err != nil {
		return Document{}, fmt.Errorf("document %s: %w", id, err)
	}
	return doc, nil
}

func encodeEntity(e *Entity) []byte {
	n := 16 + len(e.Key) + len(e.Name)
	for _, a := range e.Aliases {
		n += 1 + len(a)
	}
	b := make([]byte, 0, n)
	b = append(b, recordFormat)
	b = appendString(b, e.Key)
	b = appendString(b, e.Name)
	b = appendEnum(b, string(e.Type), entityTypes)
	b = appendEnum(b, string(e.PlaceKind), placeKinds)
	b = appendInt(b, len(e.Aliases))
	for _, a := range e.Aliases {
		b = appendString(b, a)
	}
	return b
}

func decodeEntity(id uuid.UUID, v []byte) (Entity, error) {
	d := decoder{b: v}
	d.header()
	e := Entity{ID: id}
	e.Key = d.string()
	e.Name = d.string()
	e.Type = extract.EntityType(d.enum(entityTypes))
	e.PlaceKind = extract.PlaceKind(d.enum(placeKinds))
	if n := d.int(); n > 0 {
		e.Aliases = make([]string, 0, n)
		for i := 0; i < n && d.err == nil; i++ {
			e.Aliases = append(e.Aliases, d.string())
		}
	}
	if err := d.done(); err != nil {
		return Entity{}, fmt.Errorf("entity %s: %w", id, err)
	}
	return e, nil
}

// claimRecord is a Claim as stored: the texts marked slice* are taken from
// the document text on read.
type claimRecord struct {
	Claim
	sliceText, sliceCue, sliceSpeaker, sliceSentence bool
}

func encodeClaim(c *claimRecord) []byte {
	b := make([]byte, 0, 96+16*len(c.About)+60*len(c.Relations))
	b = append(b, recordFormat)
	b = append(b, c.DocumentID[:]...)
	b = appendInt(b, c.Ordinal)
	b = appendEnum(b, string(c.Kind), claimKinds)
	b = appendSpan(b, c.Start, c.End)
	b = appendOptString(b, c.Text, !c.sliceText)
	b = appendSpan(b, c.CueStart, c.CueEnd)
	b = appendOptString(b, c.Cue, !c.sliceCue)
	b = appendOptID(b, c.SpeakerID)
	b = appendSpan(b, c.SpeakerStart, c.SpeakerEnd)
	b = appendOptString(b, c.SpeakerText, !c.sliceSpeaker)
	b = appendSpan(b, c.SentenceStart, c.SentenceEnd)
	b = appendOptString(b, c.Sentence, !c.sliceSentence)
	b = appendInt(b, len(c.About))
	for _, a := range c.About {
		b = append(b, a[:]...)
	}
	b = appendString(b, c.PublishedAt)
	b = appendString(b, c.Rule)
	b = appendFloat(b, c.Confidence)
	b = appendInt(b, len(c.Relations))
	for i := range c.Relations {
		r := &c.Relations[i]
		b = append(b, r.SubjectID[:]...)
		b = appendEnum(b, string(r.Predicate), predicates)
		b = append(b, r.ObjectID[:]...)
		b = appendBool(b, r.Polarity)
		b = appendSpan(b, r.Start, r.End)
		b = appendString(b, r.Rule)
		b = appendFloat(b, r.Confidence)
	}
	return b
}

func decodeClaim(id uuid.UUID, v []byte) (claimRecord, error) {
	d := decoder{b: v}
	d.header()
	var c claimRecord
	c.ID = id
	c.DocumentID = d.id()
	c.Ordinal = d.int()
	c.Kind = extract.ClaimKind(d.enum(claimKinds))
	var ok bool
	c.Start, c.End = d.span()
	c.Text, ok = d.optString()
	c.sliceText = !ok
	c.CueStart, c.CueEnd = d.span()
	c.Cue, ok = d.optString()
	c.sliceCue = !ok
	c.SpeakerID = d.optID()
	c.SpeakerStart, c.SpeakerEnd = d.span()
	c.SpeakerText, ok = d.optString()
	c.sliceSpeaker = !ok
	c.SentenceStart, c.SentenceEnd = d.span()
	c.Sentence, ok = d.optString()
	c.sliceSentence = !ok
	if n := d.int(); n > 0 {
		c.About = make([]uuid.UUID, 0, min(n, len(d.b)/idLen))
		for i := 0; i < n && d.err == nil; i++ {
			c.About = append(c.About, d.id())
		}
	}
	c.PublishedAt = d.string()
	c.Rule = d.string()
	c.Confidence = d.float()
	if n := d.int(); n > 0 {
		c.Relations = make([]Relation, 0, min(n, len(d.b)/(2*idLen)))
		for i := 0; i < n && d.err == nil; i++ {
			r := Relation{ClaimID: id, DocumentID: c.DocumentID}
			r.SubjectID = d.id()
			r.Predicate = extract.Predicate(d.enum(predicates))
			r.ObjectID = d.id()
			r.Polarity = d.bool()
			r.Start, r.End = d.span()
			r.Rule = d.string()
			r.Confidence = d.float()
			c.Relations = append(c.Relations, r)
		}
	}
	if err := d.done(); err != nil {
		return claimRecord{}, fmt.Errorf("claim %s: %w", id, err)
	}
	return c, nil
}

// fill takes the texts not stored from the document text.
func (c *claimRecord) fill(text *docText) Claim {
	out := c.Claim
	if c.sliceText {
		out.Text = text.slice(c.Start, c.End)
	}
	if c.sliceCue {
		out.Cue = text.slice(c.CueStart, c.CueEnd)
	}
	if c.sliceSpeaker {
		out.SpeakerText = text.slice(c.SpeakerStart, c.SpeakerEnd)
	}
	if c.sliceSentence {
		out.Sentence = text.slice(c.SentenceStart, c.SentenceEnd)
	}
	return out
}

// encodeRelationIndex is the value of r/ and ri/ keys: what the key does
// not say, plus the speaker of the claim so that relations can be grouped
// by source with a prefix scan alone.
func encodeRelationIndex(r *Relation, speaker uuid.UUID) []byte {
	b := make([]byte, 0, 48+len(r.Rule))
	b = append(b, recordFormat)
	b = appendBool(b, r.Polarity)
	b = append(b, r.DocumentID[:]...)
	b = appendOptID(b, speaker)
	b = appendSpan(b, r.Start, r.End)
	b = appendString(b, r.Rule)
	return appendFloat(b, r.Confidence)
}

func decodeRelationIndex(r *Relation, v []byte) error {
	d := decoder{b: v}
	d.header()
	r.Polarity = d.bool()
	r.DocumentID = d.id()
	_ = d.optID() // speaker
	r.Start, r.End = d.span()
	r.Rule = d.string()
	r.Confidence = d.float()
	if err := d.done(); err != nil {
		return fmt.Errorf("relation of claim %s: %w", r.ClaimID, err)
	}
	return nil
}

// tally is what one write transaction added; n/ keys hold one each and
// Stats sums them.
type tally struct{ docs, entities, claims, relations, mentions int }

func (t *tally) add(o tally) {
	t.docs += o.docs
	t.entities += o.entities
	t.claims += o.claims
	t.relations += o.relations
	t.mentions += o.mentions
}

func encodeTally(t tally) []byte {
	b := []byte{recordFormat}
	for _, n := range []int{t.docs, t.entities, t.claims, t.relations, t.mentions} {
		b = appendInt(b, n)
	}
	return b
}

func decodeTally(v []byte) (tally, error) {
	d := decoder{b: v}
	d.header()
	t := tally{d.int(), d.int(), d.int(), d.int(), d.int()}
	return t, d.done()
}

// Claim blocks. A document's claims are one value, under c/ and the last
// 8 bytes of the document ID, which every claim ID of the document shares
// (the first 8, time and sequence, are each claim's own and unique in the
// store): a claim is read with one point lookup of a key computed from its
// ID, and a document writes one key for its claims rather than one per
// claim (they were 31 of the ~100 keys of a synthetic article). The value:
//
//	recordFormat, n (uvarint), n × (claim ID's first 8 bytes, record
//	length (uvarint)), then the n claim records (encodeClaim)

// claimBlockKey is the key of the block that holds claim (or document) id.
func claimBlockKey(id uuid.UUID) []byte { return key(pClaim, id[8:]) }

// appendClaimBlock encodes the records of claims ids (one document's, in
// order) into b.
func appendClaimBlock(b []byte, ids []uuid.UUID, recs [][]byte) []byte {
	b = append(b, recordFormat)
	b = appendInt(b, len(ids))
	for i, id := range ids {
		b = append(b, id[:8]...)
		b = appendInt(b, len(recs[i]))
	}
	for _, r := range recs {
		b = append(b, r...)
	}
	return b
}

// claimInBlock finds the record of claim id in block v: ErrNotFound if
// the block has no such claim.
func claimInBlock(v []byte, id uuid.UUID) ([]byte, error) {
	d := decoder{b: v}
	d.header()
	n := d.int()
	if d.err != nil || n > len(d.b)/9 {
		return nil, fmt.Errorf("claim block of %s: %w", id, errCorrupt)
	}
	at, found, foundLen := 0, false, 0
	for i := 0; i < n && d.err == nil; i++ {
		head := d.bytes(8)
		size := d.int()
		if !found && d.err == nil && bytes.Equal(head, id[:8]) {
			found, foundLen = true, size
		} else if !found {
			at += size
		}
	}
	if d.err != nil || at+foundLen > len(d.b) {
		return nil, fmt.Errorf("claim block of %s: %w", id, errCorrupt)
	}
	if !found {
		return nil, ErrNotFound
	}
	return d.b[at : at+foundLen], nil
}
