package graph

import (
	"context"
	"reflect"
	"testing"
)

// TestRecordCaches: cached entities and documents are what the store
// holds, a rename is seen at once, and what callers do with the records
// they get does not change the cache.
func TestRecordCaches(t *testing.T) {
	s, _ := openStore(t)
	ctx := context.Background()
	outA := mustIngest(t, s, docA(t))
	id := entityByKey(t, s, "gaz:nusra").ID
	before, err := s.Entity(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	before.Aliases[0] = "changed by the caller"
	doc, err := s.Document(ctx, outA.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	for k := range doc.Metadata {
		doc.Metadata[k] = "changed by the caller"
	}
	doc.Metadata["new"] = "x"
	again, err := s.Document(ctx, outA.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	if _, changed := again.Metadata["new"]; changed {
		t.Errorf("a caller changed the cached document: %v", again.Metadata)
	}

	mustIngest(t, s, docB(t)) // brings new names of gaz:nusra
	after, err := s.Entity(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Jabhat al-Nusra", "Nusra", "Nusra Front", "al-Nusra Front"}
	if !reflect.DeepEqual(after.Aliases, want) || after.Name != "Jabhat a-Nusra" {
		t.Errorf("after a rename: %q %q, want the name Jabhat a-Nusra and aliases %q", after.Name, after.Aliases, want)
	}
	ents, err := s.DocumentEntities(ctx, outA.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if e.ID == id && !reflect.DeepEqual(e.Aliases, want) {
			t.Errorf("DocumentEntities after a rename: %q", e.Aliases)
		}
	}
}
