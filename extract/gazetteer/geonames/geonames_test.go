package geonames_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/extract/gazetteer/geonames"
)

func load(t *testing.T) *geonames.Gazetteer {
	t.Helper()
	g, err := geonames.Default()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestLoad(t *testing.T) {
	g := load(t)
	// 199,568 places of cities500, 3,865 provinces, 47,643 districts.
	if g.Len() != 199_568+3_865+47_643 {
		t.Errorf("Len = %d, want %d", g.Len(), 199_568+3_865+47_643)
	}
	if g.Keys() < g.Len() {
		t.Errorf("Keys = %d for %d places", g.Keys(), g.Len())
	}
	if again, _ := geonames.Default(); again != g {
		t.Error("Default loaded twice")
	}
}

// TestKeysAreFolds checks every key the file gives against extract.Fold
// of its name: keys are computed when the data is generated, so a change
// to Fold fails here until the data is generated again (see
// internal/geogen).
func TestKeysAreFolds(t *testing.T) {
	g := load(t)
	bad := 0
	for i := range g.Len() {
		names, keys := g.RowNames(i)
		if len(names) != len(keys) {
			t.Fatalf("row %d: %d names, %d keys", i, len(names), len(keys))
		}
		for j, name := range names {
			want := extract.Fold(name)
			if keys[j] == "" {
				if want != "" && !slices.Contains(keys[:j], want) {
					t.Errorf("row %d: %q has no key, Fold gives %q", i, name, want)
					bad++
				}
			} else if keys[j] != want {
				t.Errorf("row %d: %q has key %q, Fold gives %q", i, name, keys[j], want)
				bad++
			}
			if bad > 10 {
				t.Fatal("too many; regenerate the data (see internal/geogen)")
			}
		}
	}
}

// TestEveryRowFound looks rows up by their name's key: the index finds
// each (every 50th row, for time).
func TestEveryRowFound(t *testing.T) {
	g := load(t)
	for i := 0; i < g.Len(); i += 50 {
		p := g.Row(i)
		places, _ := g.Lookup(extract.Fold(p.Name))
		if !slices.ContainsFunc(places, func(q geonames.Place) bool { return q.ID() == p.ID() && q.Name == p.Name }) {
			t.Errorf("row %d %s (%s) not found by its name", i, p.Name, p.ID())
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 0.01 }

func TestLookup(t *testing.T) {
	g := load(t)
	cases := []struct {
		name     string
		country  string
		kind     geonames.Kind
		lat, lon float64 // 0, 0: not checked
		ucdp     int
	}{
		{"Jalalabad", "AF", geonames.City, 34.4265, 70.4515, 1},
		{"Jalālābād", "AF", geonames.City, 34.4265, 70.4515, 1},
		{"Mocímboa da Praia", "MZ", geonames.District, 0, 0, 4},
		{"El Geneina", "SD", geonames.City, 13.4526, 22.4473, 1},
		{"Geneina", "SD", geonames.City, 13.4526, 22.4473, 1},
		{"Al Junaynah", "SD", geonames.City, 13.4526, 22.4473, 1},
		// Catatumbo is in GeoNames' divisions as Venezuela's municipality;
		// Colombia's Catatumbo region is no division and is not here.
		{"Catatumbo", "VE", geonames.District, 0, 0, 3},
		{"Deir ez-Zor", "SY", geonames.City, 35.3359, 40.1408, 1},
		{"Deir al-Zour", "SY", geonames.City, 35.3359, 40.1408, 1},
		{"Kiev", "UA", geonames.City, 50.4547, 30.5238, 1},
		{"Idlib", "SY", geonames.City, 35.9306, 36.6339, 1},
		{"Abu Kamal", "SY", geonames.Town, 34.4523, 40.9185, 1},
		{"Tel Tamer", "SY", geonames.Town, 36.6556, 40.3708, 1},
		{"Bakhmut", "UA", geonames.Town, 48.5944, 37.9998, 1},
		{"Nangarhar", "AF", geonames.Province, 34.4265, 70.4515, 4},
	}
	for _, c := range cases {
		places, _ := g.Lookup(extract.Fold(c.name))
		if len(places) == 0 {
			t.Errorf("%s: not found", c.name)
			continue
		}
		p := places[0]
		if p.Country != c.country || p.Kind != c.kind || p.UCDPPrecision() != c.ucdp {
			t.Errorf("%s: first of %d is %s %s %s (%s), precision %d; want %s %s, precision %d",
				c.name, len(places), p.Name, p.Country, p.Kind, p.ID(), p.UCDPPrecision(), c.country, c.kind, c.ucdp)
		}
		if !p.HasCoords() || c.lat != 0 && (!near(p.Lat, c.lat) || !near(p.Lon, c.lon)) {
			t.Errorf("%s: at %v,%v (%c), want %v,%v", c.name, p.Lat, p.Lon, p.Coord, c.lat, c.lon)
		}
	}
	// Jalalabad: Afghanistan's city first, then Kyrgyzstan's Jalal-Abad
	// (which folds alike), and the Afghan district of the name.
	places, _ := g.Lookup("jalalabad")
	if len(places) < 3 || places[0].GeonameID != 1139715 || places[0].Admin1 != "Nangarhar" || places[0].Population < 200_000 {
		t.Fatalf("jalalabad: %+v", places)
	}
	if !slices.ContainsFunc(places, func(p geonames.Place) bool { return p.Kind == geonames.District && p.Country == "AF" }) {
		t.Errorf("jalalabad: no Afghan district among %d places", len(places))
	}
	if places, _ := g.Lookup("nosuchplacexyz"); places != nil {
		t.Errorf("unknown key found %+v", places)
	}
}

// TestGuard: names that are ordinary words or given names carry the guard.
func TestGuard(t *testing.T) {
	g := load(t)
	for _, c := range []struct {
		name  string
		guard geonames.Guard
	}{
		{"Mobile", geonames.CommonWord},
		{"Reading", geonames.CommonWord},
		{"Nice", geonames.CommonWord},
		{"Split", geonames.CommonWord},
		{"Bath", geonames.CommonWord},
		{"Of", geonames.CommonWord},
		{"Police", geonames.CommonWord},
		{"Victoria", geonames.GivenName},
		{"Jalalabad", 0},
		{"Aleppo", 0},
		{"Khartoum", 0},
	} {
		places, guard := g.Lookup(extract.Fold(c.name))
		if len(places) == 0 {
			t.Errorf("%s: not found", c.name)
			continue
		}
		if guard&c.guard != c.guard || c.guard == 0 && guard != 0 {
			t.Errorf("%s: guard %d, want %d", c.name, guard, c.guard)
		}
	}
}

func TestPrecision(t *testing.T) {
	for _, c := range []struct {
		p           geonames.Place
		ucdp, acled int
	}{
		{geonames.Place{Kind: geonames.Town, FeatureCode: "PPL", Coord: geonames.Point}, 1, 1},
		{geonames.Place{Kind: geonames.District, FeatureCode: "PPLX", Coord: geonames.Point}, 1, 1},
		{geonames.Place{Kind: geonames.District, FeatureCode: "ADM2", Coord: geonames.Seat}, 3, 2},
		{geonames.Place{Kind: geonames.District, FeatureCode: "ADM2", Coord: geonames.ProvinceOf}, 4, 3},
		{geonames.Place{Kind: geonames.Province, FeatureCode: "ADM1", Coord: geonames.Seat}, 4, 3},
		{geonames.Place{Kind: geonames.Country, Coord: geonames.Point}, 6, 3},
		{geonames.Place{Kind: geonames.District, FeatureCode: "ADM2"}, 0, 0},
	} {
		if u, a := c.p.UCDPPrecision(), c.p.ACLEDPrecision(); u != c.ucdp || a != c.acled {
			t.Errorf("%s %s %c: precision %d/%d, want %d/%d", c.p.Kind, c.p.FeatureCode, c.p.Coord, u, a, c.ucdp, c.acled)
		}
	}
}

// TestParseErrors: a row with the wrong number of columns, or of keys for
// its names, is refused with its line.
func TestParseErrors(t *testing.T) {
	for _, text := range []string{
		"# header\n1\tAF.18\tAF\tNangarhar\tCITY\tPPLA\tP\t34.4\t70.4\t1\tJalalabad\t\t\n",
		"1\tAF.18\tAF\tNangarhar\tCITY\tPPLA\tP\t34.4\t70.4\t1\tJalalabad\t\tJelalabad\tjalalabad\n",
	} {
		if _, err := geonames.Parse(strings.NewReader(text)); err == nil || !strings.Contains(err.Error(), "line ") {
			t.Errorf("Parse(%q) = %v, want an error naming the line", text, err)
		}
	}
	g, err := geonames.Parse(strings.NewReader("1\tAF.18\tAF\tNangarhar\tCITY\tPPLA\tP\t34.4\t70.4\t1\tJalalabad\t\tJelalabad\t|\n"))
	if err != nil {
		t.Fatal(err)
	}
	if places, _ := g.Lookup("jelalabad"); len(places) != 1 || places[0].GeonameID != 1 || places[0].Alternates[0] != "Jelalabad" {
		t.Errorf("jelalabad: %+v", places)
	}
}
