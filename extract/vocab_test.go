package extract

import (
	"regexp"
	"testing"
)

// checkVocabulary: every value is an upper-case name (the API serves it
// as an enum value), listed once, with a sentence saying what it means.
func checkVocabulary[T ~string](t *testing.T, name string, values []Value[T]) map[T]bool {
	t.Helper()
	enumName := regexp.MustCompile(`^[A-Z][A-Z_]*$`)
	seen := map[T]bool{}
	if len(values) == 0 {
		t.Errorf("%s: empty", name)
	}
	for _, v := range values {
		if !enumName.MatchString(string(v.Value)) {
			t.Errorf("%s: value %q is not an enum name", name, v.Value)
		}
		if seen[v.Value] {
			t.Errorf("%s: %q listed twice", name, v.Value)
		}
		seen[v.Value] = true
		if n := len(v.Doc); n < 2 || v.Doc[n-1] != '.' {
			t.Errorf("%s: %q: doc %q is not a sentence", name, v.Value, v.Doc)
		}
	}
	return seen
}

// TestVocabularies checks the tables, and that what extraction produces
// from its data (the gazetteer's types and place kinds, the words that
// say what a figure counts) is in them, so that the API can serve it.
func TestVocabularies(t *testing.T) {
	types := checkVocabulary(t, "EntityTypes", EntityTypes())
	kinds := checkVocabulary(t, "PlaceKinds", PlaceKinds())
	checkVocabulary(t, "ClaimKinds", ClaimKinds())
	checkVocabulary(t, "Predicates", Predicates())
	figures := checkVocabulary(t, "FigureKinds", FigureKinds())
	checkVocabulary(t, "RelationStatuses", RelationStatuses())

	g, err := loadGazetteer(gazetteerFS, "gazetteer")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range g.entries {
		if !types[e.Type] {
			t.Errorf("gazetteer %s: type %q is not in EntityTypes", e.ID, e.Type)
		}
		if e.PlaceKind != "" && !kinds[e.PlaceKind] {
			t.Errorf("gazetteer %s: place kind %q is not in PlaceKinds", e.ID, e.PlaceKind)
		}
	}
	for word, kind := range figureWords {
		if !figures[kind] {
			t.Errorf("figure word %q: kind %q is not in FigureKinds", word, kind)
		}
	}
}
