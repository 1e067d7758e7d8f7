package graph

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/google/uuid"
	"github.com/klauspost/compress/s2"
)

// The records are encoded in a small binary format rather than JSON: the
// values are read on every page and the database must stay within a few
// times the size of the text. Every record starts with a format byte so
// that a later format can be told apart. Strings are a uvarint length and
// the bytes; spans are the start and the length as uvarints; IDs are their
// 16 raw bytes; floats are 8 bytes little-endian.

const recordFormat = 1

// Document texts (in the text log, textlog.go) and claim blocks (c/, in
// Badger's value log, which Badger does not compress) are stored
// compressed with S2 (github.com/klauspost/compress/s2, which Badger
// already uses for its tables). On the project's articles
// (BenchmarkValueCompression) S2 encodes 520-600 MB/s and decodes over
// 4 GB/s per core to 75% of the size; compress/flate at BestSpeed, the
// standard library's, 55-60 and 125 MB/s to 52%. A page of claims decodes
// up to 20 blocks, so reading speed decides.

// compressValue encodes v for storage.
func compressValue(v []byte) []byte { return s2.Encode(nil, v) }

// decompressValue decodes a stored value into dst's room (reused when
// large enough).
func decompressValue(dst, v []byte) ([]byte, error) {
	out, err := s2.Decode(dst[:cap(dst)], v)
	if err != nil {
		return nil, fmt.Errorf("decompress: %w", errCorrupt)
	}
	return out, nil
}

var errCorrupt = errors.New("graph: corrupt record")

func appendUvarint(b []byte, v uint64) []byte { return binary.AppendUvarint(b, v) }

func appendInt(b []byte, v int) []byte { return binary.AppendUvarint(b, uint64(v)) }

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// appendOptString stores s only when it is not what slicing the document
// text gives back (present == true); 0 marks "slice the text on read".
func appendOptString(b []byte, s string, present bool) []byte {
	if !present {
		return append(b, 0)
	}
	b = binary.AppendUvarint(b, uint64(len(s))+1)
	return append(b, s...)
}

func appendSpan(b []byte, start, end int) []byte {
	b = binary.AppendUvarint(b, uint64(start))
	return binary.AppendUvarint(b, uint64(end-start))
}

func appendFloat(b []byte, f float64) []byte {
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(f))
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

// appendOptID stores uuid.Nil as a single 0 byte.
func appendOptID(b []byte, id uuid.UUID) []byte {
	if id == uuid.Nil {
		return append(b, 0)
	}
	b = append(b, 1)
	return append(b, id[:]...)
}

// appendEnum stores a known value of table as its position+1 and any other
// value as 0 and the string, so unknown values still round-trip.
func appendEnum(b []byte, s string, table []string) []byte {
	for i, v := range table {
		if v == s {
			return append(b, byte(i+1))
		}
	}
	b = append(b, 0)
	return appendString(b, s)
}

// decoder reads what the append functions wrote. The first error sticks;
// later reads return zero values.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errCorrupt
	}
	d.b = nil
}

func (d *decoder) byte() byte {
	if len(d.b) < 1 {
		d.fail()
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int {
	v := d.uvarint()
	if v > math.MaxInt32 {
		d.fail()
		return 0
	}
	return int(v)
}

func (d *decoder) bytes(n uint64) []byte {
	if uint64(len(d.b)) < n {
		d.fail()
		return nil
	}
	s := d.b[:n]
	d.b = d.b[n:]
	return s
}

func (d *decoder) string() string { return string(d.bytes(d.uvarint())) }

// optString returns the stored string, or ok == false when the value is to
// be sliced from the document text.
func (d *decoder) optString() (s string, ok bool) {
	n := d.uvarint()
	if n == 0 {
		return "", false
	}
	return string(d.bytes(n - 1)), true
}

func (d *decoder) span() (start, end int) {
	start = d.int()
	return start, start + d.int()
}

func (d *decoder) float() float64 {
	b := d.bytes(8)
	if b == nil {
		return 0
	}
	return math.Float64frombits(binary.LittleEndian.Uint64(b))
}

func (d *decoder) bool() bool { return d.byte() != 0 }

func (d *decoder) id() uuid.UUID {
	var id uuid.UUID
	copy(id[:], d.bytes(16))
	return id
}

func (d *decoder) optID() uuid.UUID {
	if d.byte() == 0 {
		return uuid.Nil
	}
	return d.id()
}

func (d *decoder) enum(table []string) string {
	c := d.byte()
	if c == 0 {
		return d.string()
	}
	if int(c) > len(table) {
		d.fail()
		return ""
	}
	return table[c-1]
}

// header checks the format byte.
func (d *decoder) header() {
	if f := d.byte(); f != recordFormat && d.err == nil {
		d.err = fmt.Errorf("graph: record format %d, want %d", f, recordFormat)
	}
}

// done reports the first error, or trailing bytes as corruption.
func (d *decoder) done() error {
	if d.err == nil && len(d.b) != 0 {
		d.err = errCorrupt
	}
	return d.err
}

// Enum tables: append only, never reorder (positions are stored).
var (
	entityTypes = []string{"", "ARMED_GROUP", "PERSON", "ORGANIZATION", "PLACE"}
	placeKinds  = []string{"", "PROVINCE", "CITY", "TOWN", "DISTRICT", "REGION", "COUNTRY", "SITE", "OTHER"}
	claimKinds  = []string{"", "DIRECT_QUOTE", "INDIRECT", "ACCORDING_TO", "STATEMENT", "INTERVIEW_ANSWER", "NARRATIVE"}
	predicates  = []string{"", "FIGHTS", "CONTROLS", "ALLIED_WITH", "SPLINTER_OF", "MEMBER_OF", "LOCATED_IN"}
)
