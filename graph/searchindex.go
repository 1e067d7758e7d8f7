package graph

import (
	"encoding/binary"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// Search (search.go) reads two kinds of posting blocks, both written in
// the transaction of the document they come from:
//
//   - the claim word lists, cw/<word>\x00<last claimID><n BE32>, whose
//     blocks carry per claim, beside its ID, what BM25 and the since/until
//     filter need without opening the claim: the word's count in the text,
//     the text's length in words, and the publication day (format byte
//     wordBlockFormat). ClaimFilter.Text reads the IDs alone;
//   - sn/<word>\x00<last entityID><n BE32>: the entities one of whose
//     names or aliases has the word (extract.FoldWords). An entity is
//     posted once per word, when a name brings the word: so a block
//     holds the new entities of its transaction and the older ones that
//     got a name, sorted, and the blocks of a word are not in order of
//     their keys. Search reads all of a word's blocks, never seeks them.

// wordBlockFormat leads a block of claim word postings with their
// payload (appendSearchBlock).
const wordBlockFormat = 2

// searchPayload packs what a claim's word posting carries: the word's
// count (a byte), the text's length in words (a byte, both capped at 255)
// and the publication day (PublicationDay).
func searchPayload(tf, length int, day int64) uint64 {
	return uint64(min(tf, 255)) | uint64(min(length, 255))<<8 | uint64(day)<<16
}

// zeroDayUnix is the Unix time of 0001-01-01.
var zeroDayUnix = time.Time{}.Unix()

// PublicationDay is what the search index keeps of a publication date
// ("2014-06-11" or RFC 3339): the date as the source wrote it (an RFC
// 3339 time's own date, not converted to UTC), counted in days from
// 0001-01-01, plus one; 0 when there is no date or it does not parse.
// Search compares since and until with it, by day.
func PublicationDay(published string) int64 {
	if len(published) < 10 {
		return 0
	}
	t, err := time.Parse(time.DateOnly, published[:10])
	if err != nil {
		return 0
	}
	return (t.Unix()-zeroDayUnix)/86400 + 1
}

// searchPosting is one claim posting of a term, decoded.
type searchPosting struct {
	id     uuid.UUID
	tf     int
	length int
	day    int64
}

// searchPayloadCost bounds what a payload adds to an ID posting.
const searchPayloadCost = 2 + binary.MaxVarintLen64

// searchBlockBound bounds the encoded size of a block of n postings, of
// either kind.
func searchBlockBound(n int) int { return idBlockBound(n) + n*searchPayloadCost }

// appendSearchBlock stores the postings of a term as an ID block does
// (the delta of the first 8 bytes, the last 8) followed, per posting, by
// the count and the length (a byte each) and the day (a varint, the
// delta from the posting before: a block's claims come from a few days,
// so mostly one byte).
func appendSearchBlock(b []byte, ids []uuid.UUID, extras []uint64) []byte {
	b = append(b, wordBlockFormat)
	var prev uint64
	var prevDay int64
	for i, id := range ids {
		hi := binary.BigEndian.Uint64(id[:8])
		b = binary.AppendUvarint(b, hi-prev)
		b = append(b, id[8:]...)
		x := extras[i]
		b = append(b, byte(x), byte(x>>8))
		day := int64(x >> 16)
		b = binary.AppendVarint(b, day-prevDay)
		prev, prevDay = hi, day
	}
	return b
}

// decodeSearchBlock appends the postings of a cw/ block to dst.
func decodeSearchBlock(v []byte, dst []searchPosting) ([]searchPosting, error) {
	d := decoder{b: v}
	if f := d.byte(); f != wordBlockFormat && d.err == nil {
		d.err = fmt.Errorf("graph: word block format %d, want %d", f, wordBlockFormat)
	}
	var prev uint64
	var day int64
	n := len(dst)
	for len(d.b) > 0 && d.err == nil {
		var p searchPosting
		prev += d.uvarint()
		binary.BigEndian.PutUint64(p.id[:8], prev)
		copy(p.id[8:], d.bytes(8))
		tl := d.bytes(2)
		if len(tl) == 2 {
			p.tf, p.length = int(tl[0]), int(tl[1])
		}
		day += d.varint()
		p.day = day
		dst = append(dst, p)
	}
	if len(dst) == n {
		d.fail()
	}
	return dst, d.done()
}
