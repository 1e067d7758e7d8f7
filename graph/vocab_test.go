package graph

import (
	"slices"
	"testing"

	"github.com/factgraph/kg/extract"
)

// storable reports the values of one of extraction's vocabularies that
// a codec table (positions stored on disk, so kept apart from extract's
// own order) cannot store.
func storable[T ~string](values []extract.Value[T], table []string) []string {
	var missing []string
	for _, v := range values {
		if !slices.Contains(table, string(v.Value)) {
			missing = append(missing, string(v.Value))
		}
	}
	return missing
}

// TestCodecTablesHoldTheVocabularies: a value added to extract's tables
// (which the API serves) must be appended to the codec's, or it would be
// stored as "" and read back as nothing.
func TestCodecTablesHoldTheVocabularies(t *testing.T) {
	for name, missing := range map[string][]string{
		"entityTypes": storable(extract.EntityTypes(), entityTypes),
		"placeKinds":  storable(extract.PlaceKinds(), placeKinds),
		"claimKinds":  storable(extract.ClaimKinds(), claimKinds),
		"predicates":  storable(extract.Predicates(), predicates),
	} {
		if len(missing) > 0 {
			t.Errorf("codec table %s lacks %q: append them (never reorder; positions are stored)", name, missing)
		}
	}
}
