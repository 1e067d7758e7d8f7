// Package geonames is a gazetteer of the world's populated places and
// administrative divisions, generated from GeoNames (geonames.org, CC BY
// 4.0): every place of 500 inhabitants or more and every seat of a
// division (cities500), and every first- and second-order division, with
// its kind, country, province, coordinates and population. It is what the
// curated gazetteer (../*.tsv) is not: wide rather than deep, for the
// villages, towns and districts that reporting it has never seen names.
//
// The data is one zstd-compressed TSV file, geonames.tsv.zst (6.7 MB),
// embedded in the binary and read on first use (Default) or on demand
// (Load); nothing is read at init, so a program that never looks a place
// up pays only for the embedded bytes. The file's format, sources and how
// to regenerate it are in the doc comment of internal/geogen, the
// generator. Loaded, the gazetteer keeps the decompressed text (25 MB),
// one offset per row and one 8-byte entry per key, about 28 MiB of heap
// with no pointers for the collector to scan; a lookup parses the rows it
// returns.
//
// Names are looked up by their folded form, extract.Fold's, which the file
// carries precomputed: the loader folds nothing, so loading costs one
// decompression and one pass, not a fold per name. A test checks the
// stored keys against extract.Fold, so a change of Fold that the data does
// not follow fails the build until the file is generated again.
//
// The package depends on nothing in this module: the extractor may import
// it without a cycle.
package geonames

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/klauspost/compress/zstd"
)

//go:embed geonames.tsv.zst
var embedded []byte

// Kind is the kind of a place, with the names of extract.PlaceKind.
type Kind string

// The kinds a place can have.
const (
	Country  Kind = "COUNTRY"
	Province Kind = "PROVINCE" // a first-order division (ADM1)
	District Kind = "DISTRICT" // a second-order division (ADM2), or a section of a city (PPLX)
	City     Kind = "CITY"     // a capital (PPLC, PPLG), a province's seat (PPLA), or 100,000 people or more
	Town     Kind = "TOWN"     // any other populated place
	Region   Kind = "REGION"
	Site     Kind = "SITE"
)

// Guard says that a name is also something else than a place, so that a
// capitalised word is not a place on its name alone: "Mobile", "Reading",
// "Split", "Nice" are English words, "Victoria" a given name. The flags
// are derived when the data is generated, from an English word list and
// the extractor's given names (see internal/geogen).
type Guard uint8

// Guard flags.
const (
	CommonWord Guard = 1 << iota // an ordinary English word
	GivenName                    // a given name
)

// CoordSource says where a place's coordinates come from.
type CoordSource byte

// Coordinate sources.
const (
	NoCoords   CoordSource = 0   // unknown
	Point      CoordSource = 'P' // the place's own point
	Seat       CoordSource = 'S' // the point of the division's seat (its PPLA, PPLC or PPLA2)
	Largest    CoordSource = 'L' // the point of the division's most populous place, when no seat is listed
	Named      CoordSource = 'N' // the point of a place of the district's name in its province, when it has no place listed
	ProvinceOf CoordSource = 'A' // the point of a district's province, when nothing nearer is known
)

// Place is one row of the gazetteer.
type Place struct {
	// GeonameID is the GeoNames id of a populated place; 0 for a
	// division, for which the sources carry none.
	GeonameID uint32
	// Admin is the GeoNames admin code path: CC.A1.A2 of a place (as
	// far as it is known), CC.A1 of a province, CC.A1.A2 of a district.
	Admin       string
	Country     string // ISO 3166-1 alpha-2
	Admin1      string // name of the province the place lies in
	Kind        Kind
	FeatureCode string // GeoNames feature code: PPL, PPLA2, ADM1, ...
	Coord       CoordSource
	Lat, Lon    float64 // WGS84 degrees, 4 decimals; 0 when Coord is NoCoords
	Population  int64   // as GeoNames gives it; 0 for a division (unknown)
	Name        string
	ASCII       string // the name in ASCII (GeoNames'), or the name itself
	Alternates  []string
}

// ID is a stable key of the place: "geonames:1139715" for a populated
// place, "geonames:AF.18" or "geonames:AF.18.801" for a division.
func (p Place) ID() string {
	if p.GeonameID != 0 {
		return "geonames:" + strconv.FormatUint(uint64(p.GeonameID), 10)
	}
	return "geonames:" + p.Admin
}

// HasCoords reports whether the place has coordinates.
func (p Place) HasCoords() bool { return p.Coord != NoCoords }

// UCDPPrecision is the place's spatial precision as UCDP GED codes it
// (where_prec): 1 an exact location (a town, a city, a section of one, a
// site), 3 a second-order division (a district), 4 a first-order one (a
// province, and a district whose point is its province's), 5 a region
// larger than a province, 6 a country; 0 without coordinates.
func (p Place) UCDPPrecision() int {
	if !p.HasCoords() {
		return 0
	}
	switch p.Kind {
	case Country:
		return 6
	case Region:
		return 5
	case Province:
		return 4
	case District:
		switch {
		case p.FeatureCode == "PPLX":
			return 1
		case p.Coord == ProvinceOf:
			return 4
		}
		return 3
	}
	return 1
}

// ACLEDPrecision is the place's spatial precision as ACLED codes it
// (geo_precision): 1 a town (or a city, a section of one, a site), 2 a
// part of a province coded at a town that stands for it (a district at
// its seat or largest place), 3 a larger region coded at its capital (a
// province, a region, a country, a district known only by its province's
// point); 0 without coordinates.
func (p Place) ACLEDPrecision() int {
	if !p.HasCoords() {
		return 0
	}
	switch p.Kind {
	case Country, Region, Province:
		return 3
	case District:
		switch {
		case p.FeatureCode == "PPLX":
			return 1
		case p.Coord == ProvinceOf:
			return 3
		}
		return 2
	}
	return 1
}

// Columns of the data file.
const (
	colID = iota
	colAdmin
	colCountry
	colAdmin1
	colKind
	colFcode
	colCoord
	colLat
	colLon
	colPopulation
	colName
	colASCII
	colAlternates
	colKeys
	nCols
)

// Gazetteer is the loaded data. It is read-only and safe for concurrent
// use.
type Gazetteer struct {
	text string   // the data file, decompressed
	rows []uint32 // the offset of each row's line in text
	// index holds one entry per key of each row: the key's hash in the
	// top hashBits bits, the row below, sorted.
	index []uint64
}

const (
	rowBits  = 24
	hashBits = 64 - rowBits
	rowMask  = 1<<rowBits - 1
)

// Default returns the embedded gazetteer, loaded on the first call (about
// 28 MiB of heap; see BenchmarkLoad) and shared after it.
func Default() (*Gazetteer, error) { return loadDefault() }

var loadDefault = sync.OnceValues(Load)

// Load loads the embedded gazetteer. Each call loads it again; most
// callers want Default.
func Load() (*Gazetteer, error) {
	dec, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(1<<30))
	if err != nil {
		return nil, fmt.Errorf("geonames: %w", err)
	}
	defer dec.Close()
	// The frame header gives the text's size: one allocation.
	var h zstd.Header
	if err := h.Decode(embedded); err != nil {
		return nil, fmt.Errorf("geonames: %w", err)
	}
	text, err := dec.DecodeAll(embedded, make([]byte, 0, h.FrameContentSize))
	if err != nil {
		return nil, fmt.Errorf("geonames: %w", err)
	}
	return fromBytes(text)
}

// Parse reads a gazetteer in the data file's format (uncompressed).
func Parse(r io.Reader) (*Gazetteer, error) {
	text, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("geonames: %w", err)
	}
	return fromBytes(text)
}

// fromBytes indexes text, which it keeps as a string without a copy (25
// MB): no one else holds text, and nothing changes it after this.
func fromBytes(text []byte) (*Gazetteer, error) {
	g := &Gazetteer{text: unsafe.String(unsafe.SliceData(text), len(text))}
	if err := g.build(); err != nil {
		return nil, err
	}
	return g, nil
}

// build indexes the text's rows and keys.
func (g *Gazetteer) build() error {
	text := g.text
	lines := strings.Count(text, "\n")
	g.rows = make([]uint32, 0, lines)
	g.index = make([]uint64, 0, 2*lines)
	if len(text) > 1<<32-1 {
		return errors.New("geonames: data too large")
	}
	var cols [nCols]string
	for off, line := 0, 0; off < len(text); line++ {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text) - off
		}
		s := text[off : off+end]
		start := off
		off += end + 1
		if s == "" || s[0] == '#' {
			continue
		}
		if !splitRow(s, &cols) {
			return fmt.Errorf("geonames: line %d: want %d columns", line+1, nCols)
		}
		row := len(g.rows)
		if row > rowMask {
			return errors.New("geonames: too many rows")
		}
		g.rows = append(g.rows, uint32(start))
		err := eachKey(&cols, func(_ Guard, key string, simple bool) bool {
			if simple {
				g.index = append(g.index, simpleHash(key)<<rowBits|uint64(row))
			} else {
				g.index = append(g.index, hash(key)<<rowBits|uint64(row))
			}
			return true
		})
		if err != nil {
			return fmt.Errorf("geonames: line %d: %w", line+1, err)
		}
	}
	sortIndex(g.index)
	return nil
}

// sortIndex sorts index entries by their hash (the top hashBits bits), a
// byte at a time from the lowest (a least-significant-digit radix sort):
// five passes over the entries instead of a comparison sort's twenty. The
// order of one hash's rows does not matter (Lookup orders its places).
func sortIndex(index []uint64) {
	if len(index) == 0 {
		return
	}
	tmp := make([]uint64, len(index))
	src, dst := index, tmp
	for shift := uint(rowBits); shift < 64; shift += 8 {
		var count [257]int
		for _, e := range src {
			count[(e>>shift)&0xff+1]++
		}
		for i := 1; i < len(count); i++ {
			count[i] += count[i-1]
		}
		for _, e := range src {
			b := (e >> shift) & 0xff
			dst[count[b]] = e
			count[b]++
		}
		src, dst = dst, src
	}
	if &src[0] != &index[0] {
		copy(index, src)
	}
}

// splitRow splits a line into its columns.
func splitRow(s string, cols *[nCols]string) bool {
	for i := range nCols - 1 {
		j := strings.IndexByte(s, '\t')
		if j < 0 {
			return false
		}
		cols[i], s = s[:j], s[j+1:]
	}
	if strings.IndexByte(s, '\t') >= 0 {
		return false
	}
	cols[nCols-1] = s
	return true
}

// eachKey calls f with the guard and key of each of the row's names (its
// name, its ASCII name when given, its alternates) that has a key of its
// own. When simple is true, key is the name itself, whose key is its
// ASCII letters and digits in lower case (see simpleHash). f returns false
// to stop.
func eachKey(cols *[nCols]string, f func(g Guard, key string, simple bool) bool) error {
	entries := strings.Count(cols[colKeys], "|") + 1
	names := 1 + strings.Count(cols[colAlternates], "|")
	if cols[colAlternates] != "" {
		names++
	}
	if cols[colASCII] != "" {
		names++
	}
	if entries != names {
		return fmt.Errorf("%d keys for %d names", entries, names)
	}
	alts := cols[colAlternates]
	i := 0
	for e := range strings.SplitSeq(cols[colKeys], "|") {
		var name string
		switch {
		case i == 0:
			name = cols[colName]
		case i == 1 && cols[colASCII] != "":
			name = cols[colASCII]
		default:
			name, alts, _ = strings.Cut(alts, "|")
		}
		i++
		var gd Guard
		for len(e) > 0 {
			if e[0] == '!' {
				gd |= CommonWord
			} else if e[0] == '~' {
				gd |= GivenName
			} else {
				break
			}
			e = e[1:]
		}
		ok := true
		switch e {
		case "-":
		case "":
			ok = f(gd, name, true)
		default:
			ok = f(gd, e, false)
		}
		if !ok {
			return nil
		}
	}
	return nil
}

// FNV-1a, 64 bits.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hash(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h >> rowBits
}

// simpleHash is hash of s's ASCII letters and digits in lower case, the
// rest dropped: the key of a plain name, which the file leaves out.
func simpleHash(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		default:
			continue
		}
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h >> rowBits
}

// simpleEqual reports whether key is the simple fold of s (see simpleHash).
func simpleEqual(s, key string) bool {
	j := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		default:
			continue
		}
		if j == len(key) || key[j] != c {
			return false
		}
		j++
	}
	return j == len(key)
}

// Len is the number of places.
func (g *Gazetteer) Len() int { return len(g.rows) }

// Keys is the number of keys indexed.
func (g *Gazetteer) Keys() int { return len(g.index) }

// Lookup returns the places one of whose names folds to key (a folded
// name: extract.Fold's form, as "jalalabad" or "deirezor"), and the guard
// flags of the key. Places come most important first: countries,
// provinces and cities before other places, then by population (a
// division counts none), then kind (province, city, district, town) and
// order in the file.
func (g *Gazetteer) Lookup(key string) ([]Place, Guard) {
	if g == nil || key == "" {
		return nil, 0
	}
	h := hash(key)
	i, _ := slices.BinarySearch(g.index, h<<rowBits)
	var found []int
	var guard Guard
	var cols [nCols]string
	for ; i < len(g.index) && g.index[i]>>rowBits == h; i++ {
		row := int(g.index[i] & rowMask)
		if slices.Contains(found, row) {
			continue // two keys of one row with one hash
		}
		g.columns(row, &cols)
		_ = eachKey(&cols, func(gd Guard, k string, simple bool) bool {
			if simple && simpleEqual(k, key) || !simple && k == key {
				found = append(found, row)
				guard |= gd
				return false
			}
			return true
		})
	}
	if len(found) == 0 {
		return nil, 0
	}
	out := make([]Place, len(found))
	for j, row := range found {
		out[j] = g.Row(row)
	}
	order := make([]int, len(out))
	for j := range order {
		order[j] = j
	}
	slices.SortStableFunc(order, func(a, b int) int {
		pa, pb := &out[a], &out[b]
		if c := tier(pa.Kind) - tier(pb.Kind); c != 0 {
			return c
		}
		if pa.Population != pb.Population {
			if pa.Population > pb.Population {
				return -1
			}
			return 1
		}
		if c := kindOrder(pa.Kind) - kindOrder(pb.Kind); c != 0 {
			return c
		}
		return found[a] - found[b]
	})
	sorted := make([]Place, len(out))
	for j, k := range order {
		sorted[j] = out[k]
	}
	return sorted, guard
}

// tier puts the places a bare name most often means first.
func tier(k Kind) int {
	switch k {
	case Country, Province, City:
		return 0
	}
	return 1
}

func kindOrder(k Kind) int {
	switch k {
	case Country:
		return 0
	case Province:
		return 1
	case City:
		return 2
	case District:
		return 3
	case Town:
		return 4
	case Region:
		return 5
	}
	return 6
}

// columns splits row's line into cols.
func (g *Gazetteer) columns(row int, cols *[nCols]string) {
	s := g.text[g.rows[row]:]
	if j := strings.IndexByte(s, '\n'); j >= 0 {
		s = s[:j]
	}
	splitRow(s, cols) // checked when loaded
}

// Row returns the place of row i, 0 <= i < Len, in file order.
func (g *Gazetteer) Row(i int) Place {
	var cols [nCols]string
	g.columns(i, &cols)
	return toPlace(&cols)
}

func toPlace(cols *[nCols]string) Place {
	p := Place{
		Admin:       cols[colAdmin],
		Country:     cols[colCountry],
		Admin1:      cols[colAdmin1],
		Kind:        Kind(cols[colKind]),
		FeatureCode: cols[colFcode],
		Name:        cols[colName],
		ASCII:       cols[colASCII],
	}
	if p.ASCII == "" {
		p.ASCII = p.Name
	}
	id, _ := strconv.ParseUint(cols[colID], 10, 32)
	p.GeonameID = uint32(id)
	if c := cols[colCoord]; c != "" {
		p.Coord = CoordSource(c[0])
		p.Lat, _ = strconv.ParseFloat(cols[colLat], 64)
		p.Lon, _ = strconv.ParseFloat(cols[colLon], 64)
	}
	p.Population, _ = strconv.ParseInt(cols[colPopulation], 10, 64)
	if a := cols[colAlternates]; a != "" {
		p.Alternates = strings.Split(a, "|")
	}
	return p
}
