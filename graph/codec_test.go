package graph

import (
	"context"
	"encoding/binary"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"
)

// id builds an ID from its two halves, to write increasing IDs by hand.
func testID(hi, lo uint64) uuid.UUID {
	var id uuid.UUID
	binary.BigEndian.PutUint64(id[:8], hi)
	binary.BigEndian.PutUint64(id[8:], lo)
	return id
}

func TestIDBlockRoundTrip(t *testing.T) {
	tests := [][]uuid.UUID{
		{testID(1, 0)},
		{testID(1, 5), testID(1, 6), testID(2, 0)}, // same first half: delta 0 is not allowed to collapse them
		{testID(0x0190_0000_0000_7000, 1), testID(0x0190_0000_0001_7000, 2), testID(^uint64(0), ^uint64(0))},
		{uuid.Must(uuid.NewV7()), uuid.Must(uuid.NewV7()), uuid.Must(uuid.NewV7())},
	}
	for _, ids := range tests {
		got, err := decodeIDBlock(appendIDBlock(nil, ids), nil)
		if err != nil || !reflect.DeepEqual(got, ids) {
			t.Errorf("%v: got %v (%v)", ids, got, err)
		}
	}
}

func TestMentionBlockRoundTrip(t *testing.T) {
	d1, d2 := testID(1, 1), testID(2, 2)
	ms := []mentionRec{
		{doc: d1, start: 5, end: 9, rule: "gazetteer"},
		{doc: d1, start: 40, end: 42, rule: "acronym", text: "XY", storeText: true},
		{doc: d2, start: 3, end: 9, rule: "gazetteer"},
		{doc: d2, start: 70000, end: 70004, rule: ""},
	}
	got, err := decodeMentionBlock(appendMentionBlock(nil, ms), nil)
	if err != nil || !reflect.DeepEqual(got, ms) {
		t.Errorf("got %+v (%v)\nwant %+v", got, err, ms)
	}
	e1, e2 := testID(3, 3), testID(4, 4)
	unsorted := []entityMention{{e2, ms[0]}, {e1, ms[2]}, {e1, ms[1]}, {e1, ms[0]}, {e1, ms[1]}}
	want := []entityMention{{e1, ms[0]}, {e1, ms[1]}, {e1, ms[2]}, {e2, ms[0]}}
	if got := sortEntityMentions(unsorted); !reflect.DeepEqual(got, want) {
		t.Errorf("sortEntityMentions: %+v", got)
	}
}

// TestTruncatedRecords: every record cut short is an error, not a panic
// or a quietly wrong value.
func TestTruncatedRecords(t *testing.T) {
	a, b := testID(1, 1), testID(2, 2)
	doc := Document{URL: "u", Title: "t", PublishedAt: "2014", IngestedAt: time.Unix(1, 0), Metadata: map[string]string{"k": "v"}, Length: 3}
	ent := Entity{Key: "k", Name: "n", Type: "PERSON", Aliases: []string{"x", "y"}}
	claim := claimRecord{Claim: Claim{ID: b, DocumentID: a, Kind: "NEW_KIND", Text: "t", SpeakerID: b, About: []uuid.UUID{a},
		Relations: []Relation{{SubjectID: a, Predicate: "FIGHTS", ObjectID: b, Rule: "r", ClaimID: b, DocumentID: a}}},
		sliceCue: true}
	rel := Relation{DocumentID: a, Rule: "r", Confidence: 0.5}
	records := []struct {
		name   string
		v      []byte
		decode func([]byte) error
	}{
		{"document", encodeDocument(&doc, make([]byte, 32)), func(v []byte) error { _, err := decodeDocument(a, v); return err }},
		{"entity", encodeEntity(&ent), func(v []byte) error { _, err := decodeEntity(a, v); return err }},
		{"claim", encodeClaim(&claim), func(v []byte) error { _, err := decodeClaim(b, v); return err }},
		{"relation", encodeRelationIndex(&rel, b), func(v []byte) error { var r Relation; return decodeRelationIndex(&r, v) }},
		{"tally", encodeTally(tally{1, 2, 3, 4, 5}), func(v []byte) error { _, err := decodeTally(v); return err }},
		{"id block (with the count of its key)", appendIDBlock(nil, []uuid.UUID{a, b}), func(v []byte) error {
			ids, err := decodeIDBlock(v, nil)
			if err == nil && len(ids) != 2 {
				err = errCorrupt
			}
			return err
		}},
		{"mention block", appendMentionBlock(nil, []mentionRec{{doc: a, start: 1, end: 2, rule: "r", text: "x", storeText: true}}),
			func(v []byte) error { _, err := decodeMentionBlock(v, nil); return err }},
	}
	for _, r := range records {
		if err := r.decode(r.v); err != nil {
			t.Errorf("%s: whole record: %v", r.name, err)
		}
		for n := 0; n < len(r.v); n++ {
			if err := r.decode(r.v[:n]); err == nil {
				t.Errorf("%s cut to %d of %d bytes: no error", r.name, n, len(r.v))
			}
		}
		if err := r.decode(append(append([]byte(nil), r.v...), 0)); err == nil {
			t.Errorf("%s with a byte more: no error", r.name)
		}
	}
	if c, err := decodeClaim(b, encodeClaim(&claim)); err != nil || !reflect.DeepEqual(c, claim) {
		t.Errorf("claim round trip: %+v (%v)", c, err)
	}
}

// TestBlockListAdvance writes ID blocks as three transactions would and
// checks what advance finds, whichever block holds the answer.
func TestBlockListAdvance(t *testing.T) {
	s, _ := openStore(t)
	list := []byte("cs/test")
	blocks := [][]uuid.UUID{
		{testID(10, 0), testID(20, 0), testID(30, 0)},
		{testID(40, 0)},
		{testID(50, 0), testID(60, 0)},
	}
	err := s.db.Update(func(txn *badger.Txn) error {
		for _, b := range blocks {
			if err := txn.Set(appendIDBlockKey(nil, string(list), b[len(b)-1], len(b)), appendIDBlock(nil, b)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		targets []uint64 // advanced to in turn
		want    []uint64 // 0: the end
	}{
		{"each in turn", []uint64{0, 11, 21, 31, 41, 51, 61}, []uint64{10, 20, 30, 40, 50, 60, 0}},
		{"exact hits", []uint64{20, 40, 60}, []uint64{20, 40, 60}},
		{"jump over a block", []uint64{10, 45, 45}, []uint64{10, 50, 50}},
		{"straight to the last", []uint64{60}, []uint64{60}},
		{"past the end", []uint64{61}, []uint64{0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := s.db.View(func(txn *badger.Txn) error {
				l := newBlockList(txn, list)
				defer l.close()
				for i, target := range tc.targets {
					tid := testID(target, 0)
					got, err := l.advance(tid[:])
					if err != nil {
						return err
					}
					var want []byte
					if tc.want[i] != 0 {
						w := testID(tc.want[i], 0)
						want = w[:]
					}
					if string(got) != string(want) {
						t.Errorf("advance(%d) = %x, want %x", target, got, want)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
	var n int
	err = s.db.View(func(txn *badger.Txn) (err error) {
		n, err = countBlocks(context.Background(), txn, list)
		return err
	})
	if err != nil || n != 6 {
		t.Errorf("countBlocks = %d (%v), want 6", n, err)
	}
}

func TestCursorDecoding(t *testing.T) {
	id := testID(7, 7)
	tests := []struct {
		cursor  string
		wantLen int
		ok      bool
	}{
		{"", idLen, true},
		{encodeCursor(id[:]), idLen, true},
		{encodeCursor(id[:8]), idLen, false},
		{"not base64!", idLen, false},
		{encodeCursor(make([]byte, mentionCursorLen)), mentionCursorLen, true},
	}
	for _, tc := range tests {
		_, err := decodeCursor(tc.cursor, tc.wantLen)
		if (err == nil) != tc.ok || (err != nil && !errors.Is(err, ErrInvalidCursor)) {
			t.Errorf("decodeCursor(%q, %d): %v", tc.cursor, tc.wantLen, err)
		}
	}
}
