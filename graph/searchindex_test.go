package graph

import (
	"slices"
	"testing"

	"github.com/google/uuid"
)

// A block of claim word postings gives back its IDs and payloads, and its
// IDs alone to the readers of ID blocks (ClaimFilter.Text).
func TestSearchBlockRoundTrip(t *testing.T) {
	var ids []uuid.UUID
	var extras []uint64
	days := []string{"2024-03-01", "", "2023-12-31", "2024-03-01T23:59:00+05:00", "0001-01-01", "9999-12-31"}
	for i := range 40 {
		id := uuid.UUID{0, 0, 0, 0, 0, 0, byte(i / 7), byte(i * 13), 1, 2, 3, 4, 5, 6, 7, byte(i)}
		ids = append(ids, id)
		extras = append(extras, searchPayload(1+i%300, i*9, PublicationDay(days[i%len(days)])))
	}
	v := appendSearchBlock(nil, ids, extras)
	ps, err := decodeSearchBlock(v, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range ps {
		tf, length := min(1+i%300, 255), min(i*9, 255)
		if p.id != ids[i] || p.tf != tf || p.length != length || p.day != PublicationDay(days[i%len(days)]) {
			t.Errorf("posting %d: %+v, want %s tf %d length %d day %d", i, p, ids[i], tf, length, PublicationDay(days[i%len(days)]))
		}
	}
	got, err := decodeIDBlock(v, nil)
	if err != nil || !slices.Equal(got, ids) {
		t.Errorf("decodeIDBlock: %v, %v", got, err)
	}
	if PublicationDay("2024-03-01T23:59:00+05:00") != PublicationDay("2024-03-01") || PublicationDay("") != 0 || PublicationDay("soon") != 0 {
		t.Error("PublicationDay: a time's own date, 0 for none")
	}
	if _, err := decodeSearchBlock(v[:len(v)-1], nil); err == nil {
		t.Error("a cut block decodes")
	}
}
