package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/extract/gazetteer/geonames"
)

var update = flag.Bool("update", false, "rewrite testdata/want.tsv from the fixture")

// fixture is the hand-written input in testdata: seven GeoNames rows in
// the cities500 format, a few divisions, a word list and given names.
func fixture(dir string) inputs {
	return inputs{
		cities: filepath.Join(dir, "cities500.txt"),
		admin1: filepath.Join(dir, "admin1.json"),
		admin2: filepath.Join(dir, "admin2.json"),
		words:  filepath.Join(dir, "words"),
		given:  filepath.Join(dir, "given_names.txt"),
	}
}

// TestGenerateGolden compares the text generated from the fixture with
// testdata/want.tsv, read and checked by hand (go test -update rewrites it).
func TestGenerateGolden(t *testing.T) {
	got, err := fixture("testdata").generate()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("testdata/want.tsv", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/want.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("generated text differs from testdata/want.tsv:\n%s", got)
	}
}

// TestGenerateDeterministic generates twice, and once from the inputs in
// another order: the same text and the same compressed bytes each time.
func TestGenerateDeterministic(t *testing.T) {
	in := fixture("testdata")
	first, err := in.generate()
	if err != nil {
		t.Fatal(err)
	}
	again, err := in.generate()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, again) {
		t.Fatal("two runs on the same input differ")
	}
	// The same rows in reverse order, the divisions too.
	dir := t.TempDir()
	reverseLines := func(name string) {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(strings.TrimSuffix(string(data), "\n"), "\n")
		for i := range lines {
			lines[i] = strings.TrimSuffix(lines[i], "\n") + "\n"
		}
		slices.Reverse(lines)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.Join(lines, "")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	reverseLines("cities500.txt")
	reverseLines("words")
	for _, name := range []string{"admin1.json", "admin2.json", "given_names.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, ".json") {
			// reverse the objects of the one-line JSON array
			objs := strings.Split(strings.Trim(strings.TrimSpace(string(data)), "[]"), "},{")
			slices.Reverse(objs)
			for i := range objs {
				objs[i] = "{" + strings.Trim(objs[i], "{}") + "}"
			}
			data = []byte("[" + strings.Join(objs, ",") + "]\n")
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	shuffled, err := fixture(dir).generate()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, shuffled) {
		t.Errorf("input order changes the output:\n%s\nagainst\n%s", shuffled, first)
	}
	z1, err := compress(first)
	if err != nil {
		t.Fatal(err)
	}
	z2, err := compress(again)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(z1, z2) {
		t.Error("compressing the same text twice gives different bytes")
	}
}

// TestRoundTrip loads the generated fixture with the package's loader and
// looks places up by folded name.
func TestRoundTrip(t *testing.T) {
	text, err := fixture("testdata").generate()
	if err != nil {
		t.Fatal(err)
	}
	g, err := geonames.Parse(bytes.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() != 7+7+5 {
		t.Errorf("Len = %d, want 19 (7 places, 7 provinces, 5 districts)", g.Len())
	}
	cases := []struct {
		name    string
		id      string
		kind    geonames.Kind
		country string
		guard   geonames.Guard
	}{
		{"Jalalabad", "geonames:1139715", geonames.City, "AF", 0},
		{"Jalālābād", "geonames:1139715", geonames.City, "AF", 0},
		{"Djelalabad", "geonames:1139715", geonames.City, "AF", 0},
		{"El Geneina", "geonames:379303", geonames.City, "SD", 0},
		{"Al Junaynah", "geonames:379303", geonames.City, "SD", 0},
		{"Mobile", "geonames:4076598", geonames.City, "US", geonames.CommonWord},
		{"Reading", "geonames:2639577", geonames.City, "GB", geonames.CommonWord},
		{"Victoria", "geonames:9999002", geonames.Town, "VE", geonames.GivenName},
		{"Mocímboa da Praia", "geonames:MZ.01.1037368", geonames.District, "MZ", 0},
		{"Catatumbo", "geonames:VE.23.2304", geonames.District, "VE", 0},
		{"Nangarhar", "geonames:AF.18", geonames.Province, "AF", 0},
		{"Hay al-Wadi", "geonames:9999001", geonames.District, "AF", 0},
	}
	for _, c := range cases {
		places, guard := g.Lookup(extract.Fold(c.name))
		if len(places) == 0 {
			t.Errorf("%s: not found", c.name)
			continue
		}
		p := places[0]
		if p.ID() != c.id || p.Kind != c.kind || p.Country != c.country || guard != c.guard {
			t.Errorf("%s: first of %d is %s %s %s, guard %d; want %s %s %s, guard %d",
				c.name, len(places), p.ID(), p.Kind, p.Country, guard, c.id, c.kind, c.country, c.guard)
		}
	}
	// The words list's capitalised entries are proper names, not words;
	// "Northern State" keeps its name whole.
	if _, guard := g.Lookup(extract.Fold("Northern")); guard != 0 {
		t.Errorf("Northern: guard %d; no place is named Northern alone", guard)
	}
	if places, _ := g.Lookup(extract.Fold("Northern State")); len(places) != 1 || places[0].Kind != geonames.Province {
		t.Errorf("Northern State: %+v", places)
	}
	// Jalalabad, the district, takes its seat's point; Mocimboa da Praia,
	// with no place listed in it, its province's.
	places, _ := g.Lookup(extract.Fold("Jalalabad"))
	if len(places) != 2 || places[1].Kind != geonames.District || places[1].Coord != geonames.Largest || places[1].Lat != places[0].Lat {
		t.Errorf("Jalalabad: %+v", places)
	}
	places, _ = g.Lookup(extract.Fold("Mocimboa da Praia"))
	if len(places) != 1 || places[0].Coord != geonames.NoCoords && places[0].Coord != geonames.ProvinceOf {
		t.Errorf("Mocimboa da Praia: %+v", places)
	}
}
