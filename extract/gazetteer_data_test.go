package extract

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// gazetteerFiles are the data files of the embedded gazetteer, with the
// entity types each may hold.
var gazetteerFiles = map[string][]EntityType{
	"armed_groups.tsv":  {ArmedGroup},
	"places.tsv":        {Place},
	"organizations.tsv": {Organization},
	"people.tsv":        {Person},
}

// gazetteerRow is one parsed data row, with where it came from.
type gazetteerRow struct {
	where     string // file:line
	id        string
	typ       EntityType
	placeKind string
	name      string
	aliases   []string
	within    string
}

var gazetteerIDPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// readGazetteerRows reads every data row of the gazetteer files from disk,
// failing the test on rows of the wrong shape.
func readGazetteerRows(t *testing.T) []gazetteerRow {
	t.Helper()
	var rows []gazetteerRow
	for file, types := range gazetteerFiles {
		data, err := os.ReadFile(filepath.Join("gazetteer", file))
		if err != nil {
			t.Fatalf("read gazetteer: %v", err)
		}
		if strings.Contains(string(data), "\r") {
			t.Errorf("%s: has CR characters; lines must end in LF", file)
		}
		for i, line := range strings.Split(string(data), "\n") {
			where := file + ":" + strconv.Itoa(i+1)
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				continue
			}
			cols := strings.Split(line, "\t")
			if len(cols) != 6 {
				t.Errorf("%s: %d columns, want 6: %q", where, len(cols), line)
				continue
			}
			for j, c := range cols {
				if c == "" || c != strings.TrimSpace(c) {
					t.Errorf("%s: column %d is empty or has surrounding spaces: %q", where, j+1, c)
				}
			}
			r := gazetteerRow{where: where, id: cols[0], typ: EntityType(cols[1]),
				placeKind: cols[2], name: cols[3], within: cols[5]}
			if cols[4] != "-" {
				r.aliases = strings.Split(cols[4], "|")
			}
			typeOK := false
			for _, ty := range types {
				typeOK = typeOK || ty == r.typ
			}
			if !typeOK {
				t.Errorf("%s: type %q does not belong in %s", where, r.typ, file)
			}
			rows = append(rows, r)
		}
	}
	return rows
}

func TestGazetteerDataShape(t *testing.T) {
	rows := readGazetteerRows(t)
	if len(rows) < 1000 {
		t.Errorf("gazetteer has %d rows; expected well over 1000", len(rows))
	}
	kinds := map[string]bool{}
	for _, k := range []PlaceKind{Province, City, Town, District, Region, Country, Site, Other} {
		kinds[string(k)] = true
	}
	byID := map[string]gazetteerRow{}
	for _, r := range rows {
		if !gazetteerIDPattern.MatchString(r.id) {
			t.Errorf("%s: id %q is not a lowercase ASCII slug", r.where, r.id)
		}
		if prev, dup := byID[r.id]; dup {
			t.Errorf("%s: id %q already used at %s", r.where, r.id, prev.where)
		}
		byID[r.id] = r
		if r.typ == Place && !kinds[r.placeKind] {
			t.Errorf("%s: place kind %q unknown", r.where, r.placeKind)
		}
		if r.typ != Place && r.placeKind != "-" {
			t.Errorf("%s: place kind %q on a %s; want -", r.where, r.placeKind, r.typ)
		}
		if strings.HasPrefix(r.name, "=") {
			t.Errorf("%s: name %q: only aliases take the = prefix", r.where, r.name)
		}
		for _, a := range r.aliases {
			if strings.TrimPrefix(a, "=") == "" || a != strings.TrimSpace(a) {
				t.Errorf("%s: empty or padded alias %q", r.where, a)
			}
		}
	}
	for _, r := range rows {
		if r.within == "-" {
			continue
		}
		parent, ok := byID[r.within]
		switch {
		case !ok:
			t.Errorf("%s: within %q is no id", r.where, r.within)
		case parent.typ != Place:
			t.Errorf("%s: within %q is a %s, not a place", r.where, r.within, parent.typ)
		case r.typ != Place && parent.placeKind != string(Country):
			t.Errorf("%s: a %s's within %q should be a country", r.where, r.typ, r.within)
		case r.id == r.within:
			t.Errorf("%s: within itself", r.where)
		}
		if r.typ == Place && r.placeKind == string(Country) {
			t.Errorf("%s: a country within %q", r.where, r.within)
		}
	}
	// No cycles in within.
	for _, r := range rows {
		seen := map[string]bool{}
		for id := r.id; id != "-"; id = byID[id].within {
			if seen[id] || byID[id].id == "" {
				if seen[id] {
					t.Errorf("%s: within cycle through %q", r.where, id)
				}
				break
			}
			seen[id] = true
		}
	}
}

// TestGazetteerSurfaceFormsUnique checks that no surface form names two
// rows: names and plain aliases compare by Fold; case-sensitive aliases
// ("=IS") compare exactly among themselves.
func TestGazetteerSurfaceFormsUnique(t *testing.T) {
	rows := readGazetteerRows(t)
	folded := map[string]string{} // Fold(form) -> "id (form)"
	exact := map[string]string{}
	for _, r := range rows {
		forms := append([]string{r.name}, r.aliases...)
		for _, form := range forms {
			if cs, ok := strings.CutPrefix(form, "="); ok {
				if prev, dup := exact[cs]; dup && !strings.HasPrefix(prev, r.id+" ") {
					t.Errorf("%s: case-sensitive alias %q of %s is also %s", r.where, cs, r.id, prev)
				}
				exact[cs] = r.id + " (" + cs + ")"
				continue
			}
			key := Fold(form)
			if key == "" {
				t.Errorf("%s: form %q folds to nothing", r.where, form)
				continue
			}
			if prev, dup := folded[key]; dup && !strings.HasPrefix(prev, r.id+" ") {
				t.Errorf("%s: form %q of %s folds like %s", r.where, form, r.id, prev)
			}
			folded[key] = r.id + " (" + form + ")"
		}
	}
}
