package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// candidate is a name found in the text before resolution.
type candidate struct {
	start, end int // token indexes, tokens[start:end]
	typ        EntityType
	placeKind  PlaceKind
	gaz        int  // gazetteer entry, or -1
	geo        *Geo // where a place found in GeoNames lies, or nil
	rule       string
	conf       float64
	entity     int // index into the resolved entities
}

// entityFinder runs the entity rules over one document.
type entityFinder struct {
	typing     candidate     // the run the name rules are typing (classify)
	sim        *similarIndex // similar's index, once a document has many entities
	x          *Extractor
	d          *doc
	tp         tokenParts
	publisher  string
	hash       string
	foldCache  map[string]string
	wordsCache map[string][]string
	cands      []candidate
	// tokEntity maps a token index to the candidate covering it, or -1.
	tokCand []int
}

// findEntities finds every name in the document and resolves them into
// entities. It returns the entities and, per token, the entity whose
// mention covers it (or NoEntity).
func (x *Extractor) findEntities(d *doc, publisher string) ([]Entity, []int) {
	b := d.buffers
	f := &entityFinder{x: x, d: d, tp: x.foldTokens(d.tokens, b), publisher: publisher, cands: b.cands[:0]}
	for si := range d.sentences {
		d.checkStop(false)
		f.scanSentence(si)
	}
	d.checkStop(true)
	f.findAcronyms()
	f.armedByDescription()
	ents := f.resolve()
	d.checkStop(true)
	b.cands = f.cands
	tokEnt := reuse(&b.tokEnt, len(d.tokens))
	for i := range tokEnt {
		tokEnt[i] = NoEntity
	}
	for _, c := range f.cands {
		if c.entity < 0 {
			continue
		}
		for t := c.start; t < c.end; t++ {
			tokEnt[t] = c.entity
		}
	}
	return ents, tokEnt
}

func (f *entityFinder) scanSentence(si int) {
	s := f.d.sentences[si]
	toks := f.d.tokens
	headline := isTitleCase(toks[s.tokStart:s.tokEnd]) && f.wholeLineWithoutEnd(si)
	for i := s.tokStart; i < s.tokEnd; {
		f.d.checkStop(false)
		t := toks[i]
		if t.kind == punctToken {
			i++
			continue
		}
		// "the 444 Combat Brigade", "the 6th Infantry Division": a numbered
		// unit is named with its number
		if t.kind == numberToken && i+1 < s.tokEnd && toks[i+1].upper {
			if end := f.unitEnd(i+1, f.capitalSequence(i+1, s.tokEnd), s.tokEnd); end > i+1 && toks[end-1].lex&lexArmedHead != 0 && !f.x.gaz.known(toks[i+1].text) {
				if _, ok := f.x.gaz.match(toks, f.tp, i, s.tokEnd); !ok {
					f.cands = append(f.cands, candidate{start: i, end: end, typ: ArmedGroup, gaz: -1, rule: "numbered-unit", conf: 0.7})
					i = end
					continue
				}
			}
		}
		capEnd := f.capitalSequence(i, s.tokEnd)
		if m, ok := f.x.gaz.match(toks, f.tp, i, s.tokEnd); ok && !f.isPublisherRun(i, capEnd) && (capEnd <= m.end || !f.namedByHead(i, capEnd) || !f.namedByHead(m.end, capEnd) && (toks[m.end].lower == "in" || toks[m.end].lower == "of")) {
			e := f.x.gaz.entries[m.entry]
			if e.PlaceKind == Region && compassWords[t.text] && f.x.gaz.isCountry(e.Within) {
				// "Idlib in northwest Syria": a lower-case direction
				// before a country locates within the country; only
				// "Northwest Syria" capitalised names the region
				i++
				continue
			}
			if e.PlaceKind == Country {
				// "Myanmar's military", "Russia's army": the country's state
				// force, named by its country
				if force, ok := f.x.forceOf[m.entry]; ok && m.end+1 < s.tokEnd && (toks[m.end].lower == "'s" || toks[m.end].lower == "’s") {
					end := m.end + 1
					if end < s.tokEnd && stateForceNouns[toks[end].lower] && !toks[end].upper {
						if !(end+1 < s.tokEnd && modifiedNouns[toks[end+1].lower]) {
							f.cands = append(f.cands, candidate{start: m.start, end: end + 1, typ: ArmedGroup, gaz: force, rule: "country-force", conf: 0.8})
							i = end + 1
							continue
						}
					}
				}
				if end := f.countryBody(m.end, s.tokEnd); end > 0 {
					// "Russia's defence ministry": the country's body
					f.cands = append(f.cands, candidate{start: m.start, end: end, typ: Organization, gaz: -1, rule: "country-body", conf: 0.7})
					i = end
					continue
				}
			}
			if e.Type == Place && e.PlaceKind != Country {
				// "the Balochistan government", "Puntland security
				// forces": a province's or city's own body, named by it
				if end, typ := f.placeBody(m.end, s.tokEnd); end > 0 {
					f.cands = append(f.cands, candidate{start: m.start, end: end, typ: typ, gaz: -1, rule: "place-body", conf: 0.7})
					i = end
					continue
				}
			}
			end := m.end
			// "Gangaw Township" beside "the town of Gangaw": a town's name
			// with a capitalised administrative noun names the district
			// around it, another place
			if (e.PlaceKind == Town || e.PlaceKind == City) && end < s.tokEnd && toks[end].upper {
				if kind, ok := adminNouns[toks[end].lower]; ok {
					f.cands = append(f.cands, candidate{start: m.start, end: end + 1, typ: Place, placeKind: kind, gaz: -1, rule: "place-admin-name", conf: 0.7})
					i = end + 1
					continue
				}
			}
			// "Nineveh province", "Sagaing Region": the administrative noun
			// after a province's name is part of how the text names it
			if (e.PlaceKind == Province || e.PlaceKind == Region || e.PlaceKind == District) && end < s.tokEnd {
				switch toks[end].lower {
				case "province", "governorate", "state", "region", "district", "oblast", "department", "township", "zone", "woreda", "territory", "county":
					end++
				}
			}
			f.cands = append(f.cands, candidate{start: m.start, end: end, typ: e.Type, placeKind: e.PlaceKind, gaz: m.entry, rule: "gazetteer", conf: 0.95})
			i = end
			continue
		}
		// "rebel-held", "regime-controlled": the stem before a relation
		// suffix names the generic actor
		// "a rebel attack", "the last major rebel stronghold": the same
		// stem before a noun of fighting or holding ground
		if (t.lower == "rebel" || t.lower == "opposition" || t.lower == "government") && !t.upper && i+1 < s.tokEnd && (strings.HasPrefix(toks[i+1].lower, "-") || actorNounsAfterStem[toks[i+1].lower]) {
			f.cands = append(f.cands, candidate{start: i, end: i + 1, typ: ArmedGroup, gaz: -1, rule: "generic-actor", conf: 0.5})
			i++
			continue
		}
		// "army spokesman Brigadier General Aminu Danladi": a state's force
		// named by its bare noun before a role
		if !t.upper && (t.lower == "army" || t.lower == "military") && i+1 < s.tokEnd && memberWords[toks[i+1].lower] && !toks[i+1].upper && (i == s.tokStart || !toks[i-1].upper) {
			f.cands = append(f.cands, candidate{start: i, end: i + 1, typ: ArmedGroup, gaz: -1, rule: "generic-actor", conf: 0.5})
			i++
			continue
		}
		if m, ok := f.x.generic.match(toks, f.tp, i, s.tokEnd); ok && capEnd <= i+1 && !(m.end < s.tokEnd && (modifiedNouns[toks[m.end].lower] || toks[m.end].upper && toks[m.end-1].upper)) && !f.afterArmedGroup(i) {
			f.cands = append(f.cands, candidate{start: m.start, end: m.end, typ: ArmedGroup, gaz: -1, rule: "generic-actor", conf: 0.5})
			i = m.end
			continue
		}
		if capEnd > i && f.bylineAt(si, i) && capEnd-i >= 2 && capEnd-i <= 4 {
			// a byline: "Written by Phil Sands / The National"
			f.cands = append(f.cands, candidate{start: i, end: capEnd, typ: Person, gaz: -1, rule: "byline", conf: 0.7})
			i = capEnd
			// "Written by Phil Sands / The National": the outlet
			if i+1 < s.tokEnd && toks[i].text == "/" {
				end := f.capitalSequence(i+1, s.tokEnd)
				for end > i+1 && bylineTrailers[toks[end-1].lower] {
					end--
				}
				if end > i+1 && !(end == i+2 && stopCaps[toks[i+1].lower]) {
					f.cands = append(f.cands, candidate{start: i + 1, end: end, typ: Organization, gaz: -1, rule: "byline-outlet", conf: 0.6})
					i = end
				}
			}
			continue
		}
		// a run opening with a function word or a title ("Is Jabhat
		// al-Nusra", "President Bashar al-Assad"): step past it, so the
		// gazetteer is tried where the name starts
		if capEnd > i+1 && (t.lex&lexStopCap != 0 || isTitle(t.lower)) {
			i++
			continue
		}
		// "the Burkinabe army", "Malian troops": the state force of the
		// demonym's country
		// (the cheap tests first: this runs for every token)
		if i+1 < s.tokEnd && !toks[i+1].upper && stateForceNouns[toks[i+1].lower] && !(i+2 < s.tokEnd && modifiedNouns[toks[i+2].lower]) {
			if idx, ok := f.x.countryOf[t.lower]; ok {
				if force, ok := f.x.forceOf[idx]; ok {
					f.cands = append(f.cands, candidate{start: i, end: i + 2, typ: ArmedGroup, gaz: force, rule: "demonym-force", conf: 0.75})
					i += 2
					continue
				}
			}
		}
		// "the Russian Wagner Group": a demonym before a known name
		if capEnd > i+1 && demonyms[t.lower] {
			if m, ok := f.x.gaz.match(toks, f.tp, i+1, s.tokEnd); ok && m.end >= capEnd {
				i++
				continue
			}
		}
		// "Fighters of Haftar's LNA", "Farmers say": a common noun
		// capitalised only because it opens the sentence (or a dateline)
		if fighterNouns[t.lower] && i+1 < s.tokEnd && (toks[i+1].lower == "of" || toks[i+1].lower == "from") || i == s.tokStart && commonSubjects[t.lower] {
			i++
			continue
		}
		if capEnd > i && !headline {
			if c, ok := f.classify(si, i, capEnd); ok {
				f.cands = append(f.cands, c)
				i = c.end
				continue
			}
		}
		i++
	}
}

// afterArmedGroup reports whether token i directly follows a candidate
// armed group: in "IS insurgents" or "Al-Qaeda militants" the generic noun
// names the group's own fighters, not another actor.
func (f *entityFinder) afterArmedGroup(i int) bool {
	n := len(f.cands)
	return n > 0 && f.cands[n-1].end == i && f.cands[n-1].typ == ArmedGroup && f.cands[n-1].rule != "generic-actor"
}

// capitalSequence returns the end of the run of capitalised words starting
// at token i (with name particles and connectors inside), or i when token i
// does not start one.
// maxNameTokens bounds a capitalised run: the longest names in the
// gazetteer have 12 tokens ("Islamic State of Iraq and the Levant" has 7).
const maxNameTokens = 24

func (f *entityFinder) capitalSequence(i, end int) int {
	toks := f.d.tokens
	t := toks[i]
	if t.kind != wordToken || !t.upper {
		if !(t.kind == wordToken && t.lex&lexArticlePrefixed != 0 && i+1 <= end) {
			return i
		}
	}
	j := i
	last := i
	// no name runs past maxNameTokens: the bound keeps a text of one
	// endless capitalised run ("ISIS ISIS ...") linear, since every
	// token of it starts a run again
	end = min(end, i+maxNameTokens)
	for j < end {
		t := toks[j]
		switch {
		case t.kind == wordToken && t.lex&(lexCalendar|lexPlatform) != 0 && j > i:
			return last
		case t.kind == wordToken && (t.upper || t.lex&lexArticlePrefixed != 0 && hasUpperAfterHyphen(t.text)):
			j++
			last = j
		case t.kind == numberToken && j > i:
			j++
			last = j
		case (t.lower == "'s" || t.lower == "’s") && j > i && j+1 < end && !f.x.gaz.known(toks[j-1].text) && toks[j+1].upper && toks[j+1].kind == wordToken && (toks[j+1].lex&(lexOrgHead|lexArmedHead) != 0 || j+2 < end && toks[j+2].upper && toks[j+2].lex&(lexOrgHead|lexArmedHead) != 0):
			j++
		case t.kind == wordToken && t.lex&(lexNameConnector|lexNameParticle) != 0 && j > i:
			j++
		case (t.text == "’" || t.text == "'") && j > i && j+1 < end && strings.HasSuffix(toks[j-1].lower, "s") && toks[j-1].upper && toks[j-1].End == t.Start && toks[j+1].kind == wordToken && toks[j+1].upper:
			j++ // a plural possessive inside a name: "Tribal Leaders’ Forum", "Workers' Union"
		case t.lower == "on" && j > i && j+1 < end && toks[j+1].upper && headedRun(toks[i:j]):
			j++ // "UN Group of Experts on Congo", "Commission of Inquiry on Syria"
		case t.lower == "and" && j > i && j+1 < end && f.andInName(i, j, end):
			j++ // "Ministry of Humanitarian Affairs and Disaster Management", "Peace and Security Council"
		default:
			return last
		}
	}
	return last
}

// addCandidates adds to f.cands and leaves them in byPosition order: a
// merge when f.cands was in order already (the later rules add few
// candidates to many), else a sort. It sorts added in place.
func (f *entityFinder) addCandidates(added []candidate) {
	n := len(f.cands)
	if !slices.IsSortedFunc(f.cands, byPosition) {
		f.cands = append(f.cands, added...)
		slices.SortFunc(f.cands, byPosition)
		return
	}
	slices.SortFunc(added, byPosition)
	f.cands = slices.Grow(f.cands, len(added))[:n+len(added)]
	// Merge from the back: f.cands[:n] and added into f.cands.
	i, j := n-1, len(added)-1
	for k := len(f.cands) - 1; j >= 0; k-- {
		if i >= 0 && byPosition(f.cands[i], added[j]) > 0 {
			f.cands[k] = f.cands[i]
			i--
		} else {
			f.cands[k] = added[j]
			j--
		}
	}
}

// byPosition orders candidates by their first token, then their last,
// then rule: a total order, so the unstable sort is deterministic.
func byPosition(a, b candidate) int {
	if a.start != b.start {
		return a.start - b.start
	}
	if a.end != b.end {
		return a.end - b.end
	}
	return strings.Compare(a.rule, b.rule)
}

// andInName reports whether the "and" at token j joins two parts of one
// name in the capitalised run that starts at i, rather than two names:
//
//   - after a head word's "of" or "for", when what follows has no head
//     word of its own: "Ministry of Humanitarian Affairs and Disaster
//     Management", "Institute for Peace and Security Studies", "Centre
//     for Human Rights and Democracy in Africa" (but "Syrian Network for
//     Human Rights and Human Rights Watch" is two);
//   - one word the gazetteer does not know before it and a name ending
//     in a head word after it: "Peace and Security Council", "Justice and
//     Equality Movement" (but "Hezbollah and Amal Movement" is two).
//
// Names the gazetteer knows are matched before capitalised runs, so this
// only decides between names it lacks.
func (f *entityFinder) andInName(i, j, end int) bool {
	toks := f.d.tokens
	if toks[j+1].kind != wordToken || !toks[j+1].upper || f.x.gaz.known(toks[j+1].text) {
		return false
	}
	// the capitalised part after "and", connectors inside
	k, restHead, lastHead := j+1, false, false
	for ; k < end && k < j+1+maxNameTokens; k++ {
		t := toks[k]
		if t.kind != wordToken || t.lower == "and" || !t.upper && t.lex&lexNameConnector == 0 {
			break
		}
		isHead := t.upper && t.lex&(lexOrgHead|lexArmedHead) != 0
		restHead = restHead || isHead
		if t.upper {
			lastHead = isHead
		}
	}
	for h := i; h+1 < j; h++ {
		if toks[h].upper && toks[h].lex&(lexOrgHead|lexArmedHead) != 0 && (toks[h+1].lower == "of" || toks[h+1].lower == "for") {
			return !restHead
		}
	}
	return j == i+1 && !f.x.gaz.known(toks[i].text) && toks[i].lex&(lexOrgHead|lexArmedHead) == 0 && lastHead
}

// skipPortfolioTitle moves i past a minister's portfolio that is part of
// a title, not of the name after it: "Foreign Affairs Minister Ahmed Ali"
// and "Minister of State for Interior Naveed Akhtar Khokhar" are Ahmed Ali
// and Naveed Akhtar Khokhar. It leaves i where it is unless a name of one
// capitalised word or more that is no portfolio follows.
func (f *entityFinder) skipPortfolioTitle(i, end int) int {
	toks := f.d.tokens
	// a title before i, past the of/for and portfolio words the
	// function words' loop dropped ("Minister of State for | Interior")
	k := i - 1
	for k >= 0 && k >= i-6 && (portfolios[toks[k].lower] || toks[k].lower == "of" || toks[k].lower == "for" || toks[k].lower == "and") {
		k--
	}
	titled := k >= 0 && k >= i-6 && toks[k].lex&lexTitle != 0
	j := i
	// "Foreign Affairs Minister": portfolio words, then a title
	for j < end && portfolios[toks[j].lower] && toks[j].upper {
		j++
	}
	if j > i && j < end && toks[j].lex&lexTitle != 0 && toks[j].upper {
		titled, i = true, j+1
		for i < end && toks[i].lex&lexTitle != 0 && toks[i].upper {
			i++ // "Deputy Defence Minister", "Interior Minister General"
		}
	}
	if !titled {
		return i
	}
	// "Minister of State for Interior": of/for and portfolio words after a
	// title
	j = i
	for j < end && (portfolios[toks[j].lower] && toks[j].upper || (toks[j].lower == "of" || toks[j].lower == "for" || toks[j].lower == "and") && j+1 < end && portfolios[toks[j+1].lower]) {
		j++
	}
	if j < end && toks[j].upper && toks[j].kind == wordToken && !portfolios[toks[j].lower] {
		return j
	}
	return i
}

// headedRun reports whether a capitalised run has an organisation's head
// word, after which "on" can continue the name.
func headedRun(toks []token) bool {
	for _, t := range toks {
		if orgHeads[t.lower] || t.lower == "experts" || t.lower == "inquiry" || t.lower == "panel" {
			return true
		}
	}
	return false
}

func isArticlePrefixed(w string) bool {
	i := strings.IndexAny(w, "-‐")
	return i > 0 && arabicArticles[strings.ToLower(w[:i])]
}

func hasUpperAfterHyphen(w string) bool {
	i := strings.IndexAny(w, "-")
	if i < 0 || i+1 >= len(w) {
		return false
	}
	r := []rune(w[i+1:])
	return len(r) > 0 && unicode.IsUpper(r[0])
}

// namedByHead reports whether tokens [i,end) end in or contain an
// organisation or armed-group head word, making the whole run one name.
func (f *entityFinder) namedByHead(i, end int) bool {
	for j := i; j < end; j++ {
		if t := &f.d.tokens[j]; t.lex&(lexArmedHead|lexOrgHead) != 0 && t.upper {
			return true
		}
	}
	return false
}

// classify decides what the capitalised run tokens[i:end) of sentence si
// names, if anything.
func (f *entityFinder) classify(si, i, end int) (candidate, bool) {
	toks := f.d.tokens
	s := f.d.sentences[si]
	// Drop sentence-initial function words ("The", "In", "Meanwhile").
	for i < end && (toks[i].lex&lexStopCap != 0 || toks[i].lex&lexTitle != 0 && toks[i].upper) {
		i++
	}
	i = f.skipPortfolioTitle(i, end)
	for end > i && toks[end-1].lex&(lexNameConnector|lexNameParticle) != 0 {
		end--
	}
	if i >= end {
		return candidate{}, false
	}
	// A known name inside the run ("Syrians in Deir e-Zor") ends it, unless
	// a head word makes the whole run one name ("Coalition of Youth for the
	// Revolution in Deir e-Zor").
	if !f.namedByHead(i, end) {
		// without a head word, "of", "in", "for", "the" end the name:
		// "Manbij in Aleppo" is two places
		for j := i + 1; j < end; j++ {
			switch toks[j].lower {
			case "of", "in", "for", "the":
				end = j
			}
		}
		// but after a title, a place's name ends a person's name as a
		// surname: "spokeswoman Rojin Kobani", "Colonel Ahmed Halab"
		titled := i > 0 && toks[i-1].lex&lexTitle != 0 && end-i <= 4
		for j := i + 1; j < end; j++ {
			if m, ok := f.x.gaz.match(toks, f.tp, j, end); ok {
				if titled && f.x.gaz.entries[m.entry].Type == Place && m.end == end {
					break
				}
				end = j
				break
			}
		}
		for end > i && toks[end-1].lex&(lexNameConnector|lexNameParticle) != 0 {
			end--
		}
		if i >= end {
			return candidate{}, false
		}
	} else {
		end = f.unitEnd(i, end, s.tokEnd)
	}
	n := end - i
	if n == 1 && demonyms[toks[i].lower] {
		return candidate{}, false
	}
	// "Ibrahim Kolo of the Borno State ... Agency": a given name and a
	// surname, then "of": the person ends at "of"
	if f.x.givenNames[f.tp.first(i)] && end-i > 3 {
		for j := i + 2; j < end && j <= i+4; j++ {
			if toks[j].lower == "of" || toks[j].lower == "for" {
				if toks[j-1].lex&(lexArmedHead|lexOrgHead) == 0 {
					end, n = j, j-i
				}
				break
			}
		}
	}
	// the rules type f.typing: a candidate of the finder's, not a local
	// that every call through a function value would move to the heap
	f.typing = candidate{start: i, end: end, gaz: -1}
	for _, rule := range nameRules {
		switch rule.Run(f, s, &f.typing) {
		case accept:
			f.typing.rule = rule.Name
			return f.typing, true
		case reject:
			return candidate{}, false
		}
	}
	return candidate{}, false
}

// headType finds a head word in tokens[i:end) and the type it gives.
func headType(toks []token, i, end int) (EntityType, bool) {
	typ := EntityType("")
	for j := i; j < end; j++ {
		t := toks[j]
		if !t.upper && t.kind == wordToken && t.lex&lexArticlePrefixed == 0 {
			continue
		}
		w := t.lower
		if k := strings.IndexAny(w, "-"); k > 0 && arabicArticles[w[:k]] {
			w = w[k+1:]
		}
		switch {
		case armedHeads[w]:
			typ = ArmedGroup
		case orgHeads[w] && typ == "":
			typ = Organization
		}
	}
	// a single head word alone ("Army", "Council") is not a name
	if typ == "" || end-i < 2 {
		return "", false
	}
	return typ, true
}

func isAcronym(w string) bool {
	if len(w) < 2 || len(w) > 8 {
		return false
	}
	upper := 0
	for _, r := range w {
		if unicode.IsUpper(r) {
			upper++
		} else if !unicode.IsDigit(r) && r != '-' && r != '.' {
			return false
		}
	}
	return upper >= 2
}

// placeContext reports whether the words around tokens[i:end) make it a place.
func (f *entityFinder) placeContext(i, end int) (PlaceKind, bool) {
	toks := f.d.tokens
	// "X province", "X countryside", "Abu Shouk neighborhood"
	if end < len(toks) && toks[end].kind == wordToken {
		if k, ok := placeNouns[toks[end].lower]; ok && k != City && k != Town {
			return k, true
		}
	}
	// "Sake, a town in Masisi territory", "Mudiyah, a small town in Abyan":
	// an apposition that says what kind of place the name is
	if end+2 < len(toks) && toks[end].text == "," && (toks[end+1].lower == "a" || toks[end+1].lower == "an" || toks[end+1].lower == "the") {
		for j := end + 2; j < len(toks) && j <= end+4; j++ {
			if k, ok := placeNouns[toks[j].lower]; ok && j+1 < len(toks) && (toks[j+1].lower == "in" || toks[j+1].lower == "of" || toks[j+1].lower == "near" || toks[j+1].lower == "on" || toks[j+1].text == ",") {
				return k, true
			}
			if toks[j].kind != wordToken || toks[j].upper {
				break
			}
		}
	}
	// "the town of X", "the city of X", "the village of X"
	if i >= 2 && toks[i-1].lower == "of" {
		if k, ok := placeNouns[toks[i-2].lower]; ok {
			return k, true
		}
	}
	// "in X" / "near X" / "from X" for a name the other rules do not type:
	// weak, only for runs not at the sentence start.
	if i >= 1 && end-i <= 3 {
		switch toks[i-1].lower {
		case "in", "near", "outside", "around", "towards", "toward", "into", "across", "besieged", "entered", "captured", "seized",
			"held", "holds", "hold", "retook", "recaptured", "overran", "stormed", "shelled", "controls":
			if i >= 2 && toks[i-2].lower == "the" {
				return "", false
			}
			return Other, true
		}
	}
	return "", false
}

// looksLikePerson applies the name-shape and context rules for people.
func (f *entityFinder) looksLikePerson(s sentence, i, end int) bool {
	toks := f.d.tokens
	n := end - i
	caps := 0
	for j := i; j < end; j++ {
		if toks[j].upper || toks[j].lex&lexArticlePrefixed != 0 {
			caps++
		} else if !nameParticles[toks[j].lower] {
			return false
		}
		if toks[j].kind == numberToken {
			return false
		}
	}
	if n == 1 && caps == 1 && end < s.tokEnd && i > s.tokStart && toks[i].lex&(lexArmedHead|lexOrgHead|lexStopCap) == 0 && !demonyms[toks[i].lower] {
		// one word: only with a speech verb or a role apposition right after
		next := toks[end]
		if _, ok := speechVerbs[next.lower]; ok && !f.x.gaz.known(toks[i].text) {
			return true
		}
		if next.text == "," && end+2 < s.tokEnd && (toks[end+1].lower == "a" || toks[end+1].lower == "an") && (titles[toks[end+2].lower] || memberWords[toks[end+2].lower] || unnamedHeads[toks[end+2].lower] || toks[end+2].lower == "pseudonym") {
			return true
		}
		return false
	}
	if caps < 2 || n > 6 {
		return false
	}
	// "State Minister", "Deputy Governor": a title, not a name
	if w := toks[end-1].lower; isTitle(w) || memberWords[w] {
		return false
	}
	if f.x.givenNames[f.tp.first(i)] {
		return true
	}
	// "Hodan Ali Farah", "Abdikarim Hassan Warsame": three or four
	// capitalised words with a known given name second, and no word that
	// heads an organisation, a group or a place
	if n >= 3 && n <= 4 && caps == n && f.x.givenNames[f.tp.first(i+1)] {
		plain := true
		for j := i; j < end; j++ {
			w := toks[j].lower
			plain = plain && !orgHeads[w] && !armedHeads[w] && placeNouns[w] == "" && !stopCaps[w]
		}
		if plain {
			return true
		}
	}
	// an Arabic name shape: "Fahed Al-Masri", "Abu Mohammed", "Moaz al-Ta'ani"
	arabic := false
	for j := i; j < end; j++ {
		if toks[j].lex&lexArticlePrefixed != 0 && j > i || toks[j].lex&lexNameParticle != 0 && toks[j].lower != "a" {
			arabic = true
		}
	}
	if arabic && n <= 5 {
		return true
	}
	// a title or role right before: "activist Mohammed Adam", "Colonel X"
	if i >= 1 && titles[toks[i-1].lower] {
		return true
	}
	// a speech verb right after, or "X, a member of", "X, the head of"
	if end < s.tokEnd {
		next := toks[end]
		if _, ok := speechVerbs[next.lower]; ok {
			return true
		}
		// "X is the Media Officer", "X was a commander"
		if (next.lower == "is" || next.lower == "was") && end+2 < s.tokEnd && (toks[end+1].lower == "a" || toks[end+1].lower == "an" || toks[end+1].lower == "the") {
			w := toks[end+2].lower
			if titles[w] || memberWords[w] || orgHeads[w] || w == "media" || w == "head" || w == "senior" || w == "former" {
				return true
			}
		}
		if next.text == "," && end+1 < s.tokEnd {
			w := toks[end+1].lower
			if w == "a" || w == "an" || w == "the" || w == "who" || titles[w] || memberWords[w] {
				return true
			}
			// "Wilner Dorsainvil, 52,": an age in apposition
			if toks[end+1].kind == numberToken && end+2 < s.tokEnd && (toks[end+2].text == "," || toks[end+2].text == ")") && ageLike(toks[end+1].text) {
				return true
			}
		}
		if next.lower == "'s" && end+1 < s.tokEnd && titles[toks[end+1].lower] {
			return false
		}
	}
	// "the governor of Cauca, Octavio Guzmán": a name apposed to a role
	if i >= 2 && toks[i-1].text == "," && n <= 3 && caps == n {
		for j := i - 2; j >= s.tokStart && j >= i-7; j-- {
			if titles[toks[j].lower] || memberWords[toks[j].lower] {
				return true
			}
			if toks[j].kind == punctToken {
				break
			}
		}
	}
	// a transcript's speaker label: "DMYTRO SAVCHUK:", "Luz Dary Yule
	// (CRIC):" opening a line
	if i == s.tokStart && s.lineFirst && n >= 2 && n <= 4 && caps == n && allCapitals(toks[i:end]) && !f.namedByHead(i, end) && labelColon(toks, end, s.tokEnd) {
		return true
	}
	// "told X", "tells X", "interviewed X", "by X", "according to X"
	if i >= 1 {
		switch toks[i-1].lower {
		case "interviewed":
			return n <= 4 && caps == n
		}
	}
	// "Worknesh Bayeh runs a health post ... 'The trucks do not come,' she
	// said": two or three plain capitalised words opening a sentence as
	// its subject, and "she" or "he" speaking in the sentences after
	if i == s.tokStart && n >= 2 && n <= 3 && caps == n && end < s.tokEnd && f.plainName(i, end) {
		if next := toks[end]; next.kind == wordToken && !next.upper && next.lower != "and" || next.text == "," {
			return f.pronounSpeaksAfter(s.tokEnd)
		}
	}
	return false
}

// plainName reports whether tokens i..end hold no word that heads an
// organisation, a group or a place, no function word and nothing the
// gazetteer knows.
func (f *entityFinder) plainName(i, end int) bool {
	toks := f.d.tokens
	for j := i; j < end; j++ {
		w := toks[j].lower
		if orgHeads[w] || armedHeads[w] || placeNouns[w] != "" || stopCaps[w] || demonyms[w] || calendarWords[w] || f.x.gaz.known(toks[j].text) {
			return false
		}
	}
	return true
}

// pronounSpeaksAfter reports whether "she" or "he" is the subject of a
// speech verb ("she said", "said he") within the two sentences from token
// from on, before any other person's title or capitalised pair.
func (f *entityFinder) pronounSpeaksAfter(from int) bool {
	toks := f.d.tokens
	sentences := 0
	for j := from; j < len(toks) && sentences < 3; j++ {
		t := toks[j]
		if t.kind == punctToken && (t.text == "." || t.text == "?" || t.text == "!") {
			sentences++
			continue
		}
		if t.lower != "she" && t.lower != "he" {
			continue
		}
		if j+1 < len(toks) && speechVerbs[toks[j+1].lower] != "" || j > 0 && speechVerbs[toks[j-1].lower] != "" {
			return true
		}
	}
	return false
}

// unitEnd cuts a capitalised run [i, end) before "in" and the known
// place that ends it, when an armed group's head word (or
// "Headquarters") stands right before "in": "Sixth Infantry Division in
// El Fasher", "Defence Headquarters in Abuja" name the unit, and the place
// says where it is. A body's name may hold its town ("Unified Medical
// Office in Douma"), so other heads keep the run.
func (f *entityFinder) unitEnd(i, end, sentEnd int) int {
	toks := f.d.tokens
	for j := i + 2; j+1 < end; j++ {
		if toks[j].lower != "in" || !(toks[j-1].lex&lexArmedHead != 0 || toks[j-1].lower == "headquarters") || !toks[j-1].upper {
			continue
		}
		at := j + 1
		if toks[at].lex&lexNameParticle != 0 && at+1 < end {
			at++ // "El Fasher": the gazetteer's names leave out the article
		}
		if m, ok := f.x.gaz.match(toks, f.tp, at, sentEnd); ok && m.end == end && f.x.gaz.entries[m.entry].Type == Place {
			return j
		}
	}
	return end
}

// allCapitals reports whether every token is a word in capitals: the
// way transcripts write speakers' names ("DMYTRO SAVCHUK:"), which a
// headline's "Kivu Security Tracker: ..." is not.
func allCapitals(toks []token) bool {
	for _, t := range toks {
		if t.kind != wordToken || strings.ToUpper(t.text) != t.text {
			return false
		}
	}
	return true
}

// labelColon reports whether a colon follows at toks[at], perhaps after a
// role in parentheses ("(presenter):").
func labelColon(toks []token, at, end int) bool {
	if at < end && toks[at].text == "(" {
		for at < end && toks[at].text != ")" {
			at++
		}
		at++
	}
	return at < end && toks[at].text == ":"
}

// ageLike reports whether a number token could be a person's age (1 to
// 119, no separators).
func ageLike(n string) bool {
	if len(n) == 0 || len(n) > 3 {
		return false
	}
	v := 0
	for _, r := range n {
		if r < '0' || r > '9' {
			return false
		}
		v = v*10 + int(r-'0')
	}
	return v >= 1 && v < 120
}

func (tp tokenParts) first(i int) string {
	if len(tp.parts[i]) == 0 {
		return ""
	}
	return tp.parts[i][0]
}

// findAcronyms turns "Full Name (ACR)" into an alias and adds every later
// standalone ACR as a mention of the same entity.
func (f *entityFinder) findAcronyms() {
	toks := f.d.tokens
	acr := map[string]int{} // acronym text → candidate index it abbreviates
	var added []candidate
	for ci := range f.cands {
		c := f.cands[ci]
		// "(SNA)", and "(OSDC, by its French initials)"
		if c.end+2 < len(toks) && toks[c.end].text == "(" && (toks[c.end+2].text == ")" || toks[c.end+2].text == "," || toks[c.end+2].text == ";") && isAcronym(toks[c.end+1].text) {
			a := toks[c.end+1]
			if f.covered(c.end + 1) {
				// "Somali National Army (SNA)": the document's own
				// definition beats the gazetteer's other SNA (the Syrian
				// National Army) for every bare SNA of this document
				if c.gaz >= 0 && initialsOf(toks[c.start:c.end]) == strings.ToUpper(a.text) && f.redefineAcronym(a.text, c) {
					acr[a.text] = ci
				}
				continue
			}
			acr[a.text] = ci
			added = append(added, candidate{start: c.end + 1, end: c.end + 2, typ: c.typ, placeKind: c.placeKind, gaz: c.gaz, rule: "acronym", conf: 0.9})
		}
	}
	f.definedAcronyms(acr)
	if len(acr) == 0 {
		return
	}
	covered := f.coveredTokens(added)
	for ti, t := range toks {
		if ci, ok := acr[t.text]; ok && !covered[ti] {
			c := f.cands[ci]
			added = append(added, candidate{start: ti, end: ti + 1, typ: c.typ, placeKind: c.placeKind, gaz: c.gaz, rule: "acronym", conf: 0.85})
		}
	}
	f.addCandidates(added)
}

// definedAcronyms finds names the other rules missed by the acronym the
// text defines for them: "Inter-Services Public Relations (ISPR)", "the
// Kivu Security Tracker (KST)". The capitalised words before "(ACRONYM)"
// whose initials spell it are a name, typed by its head word, else an
// organisation; acr gains the acronym, which points at the new candidate.
func (f *entityFinder) definedAcronyms(acr map[string]int) {
	toks := f.d.tokens
	var out []candidate
	var covered []bool // made at the first "(ACRONYM)": most texts have none
	for ti := 1; ti+2 < len(toks); ti++ {
		if toks[ti].text != "(" || toks[ti+2].text != ")" || !isAcronym(toks[ti+1].text) {
			continue
		}
		if covered == nil {
			covered = f.coveredTokens(nil)
		}
		if covered[ti-1] {
			continue
		}
		a := toks[ti+1].text
		if _, ok := acr[a]; ok || len(a) < 2 {
			continue
		}
		start := -1
		for j := ti - 1; j >= 0 && j >= ti-12 && toks[j].kind != punctToken || j >= 0 && j >= ti-12 && strings.HasPrefix(toks[j].text, "-"); j-- {
			if toks[j].upper || strings.HasPrefix(toks[j].text, "-") && len(toks[j].text) > 1 {
				if acronymOf(toks[j:ti]) == a {
					start = j
				}
				continue
			}
			if toks[j].lex&lexNameConnector == 0 {
				break
			}
		}
		if start < 0 || !toks[start].upper {
			continue
		}
		typ, ok := headType(toks, start, ti)
		if !ok {
			typ = Organization
		}
		c := candidate{start: start, end: ti, typ: typ, gaz: -1, rule: "acronym-definition", conf: 0.8}
		acr[a] = len(f.cands) + len(out)
		out = append(out, c)
	}
	// appended unsorted, so that acr's indexes hold; findAcronyms'
	// addCandidates sorts them in
	f.cands = append(f.cands, out...)
}

// acronymOf is initialsOf that also counts the capitalised parts of
// hyphenated words ("Inter-Services" gives IS).
func acronymOf(toks []token) string {
	var b strings.Builder
	for _, t := range toks {
		text := strings.TrimPrefix(t.text, "-")
		if text == "" || t.kind == punctToken && !strings.HasPrefix(t.text, "-") {
			continue
		}
		for _, part := range strings.Split(text, "-") {
			r, _ := utf8.DecodeRuneInString(part)
			if unicode.IsUpper(r) {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// coveredTokens marks the tokens inside a candidate of f.cands or extra.
// The slice is the document buffers' scratch: one caller at a time.
func (f *entityFinder) coveredTokens(extra []candidate) []bool {
	covered := reuse(&f.d.buffers.covered, len(f.d.tokens))
	for _, cands := range [2][]candidate{f.cands, extra} {
		for _, c := range cands {
			for t := c.start; t < c.end; t++ {
				covered[t] = true
			}
		}
	}
	return covered
}

// initialsOf returns the initials of the capitalised words of a name
// ("Somali National Army" → "SNA"), skipping "of", "the", "and", "for".
func initialsOf(toks []token) string {
	var b strings.Builder
	for _, t := range toks {
		if t.kind != wordToken || !t.upper {
			continue
		}
		r, _ := utf8.DecodeRuneInString(t.text)
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// redefineAcronym points every one-token gazetteer match of acronym at
// the gazetteer entry of def, when the gazetteer gave it another entry. It
// reports whether any candidate is the acronym.
func (f *entityFinder) redefineAcronym(acronym string, def candidate) bool {
	toks := f.d.tokens
	found := false
	for i := range f.cands {
		c := &f.cands[i]
		if c.end-c.start != 1 || toks[c.start].text != acronym {
			continue
		}
		found = true
		if c.gaz >= 0 && c.gaz != def.gaz {
			c.gaz, c.typ, c.placeKind, c.rule, c.conf = def.gaz, def.typ, def.placeKind, "acronym", 0.9
		}
	}
	return found
}

func (f *entityFinder) covered(ti int) bool {
	for _, c := range f.cands {
		if ti >= c.start && ti < c.end {
			return true
		}
	}
	return false
}

// resolve groups candidates into entities: gazetteer entries by id,
// others by folded name and type, near-identical spellings together,
// people's surnames and first names to the full name, acronyms to what
// they abbreviate. It also adds mentions of people's partial names.
func (f *entityFinder) resolve() []Entity {
	toks := f.d.tokens
	ents := make([]Entity, 0, len(f.cands)/3+4) // most names are mentioned about three times
	byKey := map[string]int{}
	textOf := func(c candidate) string { return f.d.slice(Span{toks[c.start].Start, toks[c.end-1].End}) }

	// Acronym candidates point at the candidate they abbreviate: resolve
	// full names first.
	order := make([]int, len(f.cands))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return (f.cands[order[a]].rule == "acronym") == false && f.cands[order[b]].rule == "acronym"
	})
	acronymOf := map[string]int{}
	for _, ci := range order {
		c := &f.cands[ci]
		text := textOf(*c)
		var key string
		switch {
		case c.gaz >= 0:
			key = "gaz:" + f.x.gaz.entries[c.gaz].ID
		case c.rule == "acronym":
			if e, ok := acronymOf[text]; ok {
				c.entity = e
				f.addMention(ents, e, c, text)
				continue
			}
			// the acronym's full name precedes it: "(ACR)" after cand
			e := f.entityBefore(ci)
			if e < 0 {
				c.entity = -1
				continue
			}
			acronymOf[text] = e
			c.entity = e
			f.addMention(ents, e, c, text)
			continue
		case c.rule == "generic-actor":
			name := genericSide(strings.TrimPrefix(strings.ToLower(text), "the "))
			key = "local:" + f.docHash() + ":" + Fold(name)
		default:
			// "al-Durayhimi district" and "al-Durayhimi" are one place
			// unless the text names both as different kinds (see
			// place-admin-name): the administrative noun is not in the key
			base := text
			if c.typ == Place && c.rule == "place-context" && c.end-c.start >= 2 && adminSuffixes[toks[c.end-1].lower] {
				base = f.d.slice(Span{toks[c.start].Start, toks[c.end-2].End})
			}
			key = string(c.typ) + ":" + f.folded(base)
		}
		idx, ok := byKey[key]
		if !ok && c.gaz < 0 {
			idx, ok = f.similar(ents, c.typ, strings.TrimPrefix(key, string(c.typ)+":"))
		}
		if !ok {
			e := Entity{Key: key, Type: c.typ, PlaceKind: c.placeKind, Rule: c.rule, Confidence: c.conf, Geo: c.geo}
			if c.gaz >= 0 {
				g := f.x.gaz.entries[c.gaz]
				e.Name = g.Name
				for _, a := range g.Aliases {
					e.Aliases = append(e.Aliases, strings.TrimPrefix(a, "="))
				}
			} else {
				e.Name = text
			}
			// "Turkey's Ministry of National Defence" is known to the
			// document as "the Ministry of National Defence" too; its key
			// keeps the country
			if c.rule == "country-body" && c.end-c.start >= 3 && toks[c.start+2].upper {
				if _, rest, ok := strings.Cut(text, toks[c.start+1].text+" "); ok {
					e.Aliases = append(e.Aliases, rest)
				}
			}
			idx = len(ents)
			ents = append(ents, e)
			byKey[key] = idx
		}
		c.entity = idx
		if c.rule == "acronym" {
			acronymOf[text] = idx
		}
		f.addMention(ents, idx, c, text)
		if ents[idx].Type == Place && ents[idx].PlaceKind == Other && c.placeKind != "" && c.placeKind != Other {
			ents[idx].PlaceKind = c.placeKind
		}
	}
	ents = f.stateForces(ents)
	ents = f.mergeNameParts(ents)
	ents = f.knownAs(ents)
	f.partialNames(ents)
	f.shortNames(ents)
	f.propagate(ents)
	// The fullest name seen wins for pattern entities; the others become
	// aliases.
	for i := range ents {
		e := &ents[i]
		if !strings.HasPrefix(e.Key, "gaz:") {
			for _, m := range e.Mentions {
				if len([]rune(m.Text)) > len([]rune(e.Name)) && m.Rule != "acronym" && m.Rule != "surname" && m.Rule != "given-name" {
					e.Name = m.Text
				}
			}
		}
		e.Aliases = uniqueAliases(e.Name, e.Aliases, e.Mentions)
		// "North Africa Security Forum in Tunis": the words before "in"
		// name the body too (the text writes them), and are how other
		// reports call it
		if (e.Type == Organization || e.Type == ArmedGroup) && !strings.HasPrefix(e.Key, "gaz:") {
			if head, place, ok := strings.Cut(e.Name, " in "); ok && len(strings.Fields(head)) >= 2 && f.x.gaz.known(strings.Fields(place)[0]) && !slices.Contains(e.Aliases, head) {
				e.Aliases = append(e.Aliases, head)
			}
		}
	}
	if len(ents) == 0 {
		return nil // as before the room was made
	}
	return ents
}

// entityBefore finds the entity of the candidate that ends right before
// the "(" preceding candidate ci.
func (f *entityFinder) entityBefore(ci int) int {
	c := f.cands[ci]
	for j := ci - 1; j >= 0; j-- {
		if f.cands[j].end == c.start-1 && f.cands[j].rule != "acronym" {
			return f.cands[j].entity
		}
	}
	return -1
}

func (f *entityFinder) addMention(ents []Entity, ei int, c *candidate, text string) {
	toks := f.d.tokens
	e := &ents[ei]
	e.Mentions = append(e.Mentions, Mention{Span: Span{toks[c.start].Start, toks[c.end-1].End}, Text: text, Rule: c.rule})
	if f.sim != nil {
		if len(e.Mentions) == 1 {
			f.sim.add(e.Type, f.folded(e.Name), ei)
		}
		if folded := f.folded(text); len(folded) >= 11 {
			f.sim.add(e.Type, folded, ei)
		}
	}
}

// similar finds an entity of the same type whose folded name differs from
// folded by one letter (a spelling slip: Mujahidin / Mujahadin).
func (f *entityFinder) similar(ents []Entity, typ EntityType, folded string) (int, bool) {
	if len(folded) < 8 {
		return 0, false
	}
	if f.sim == nil && len(ents) >= similarIndexAt {
		f.sim = &similarIndex{keys: map[string][]int{}}
		for ei, e := range ents {
			f.sim.add(e.Type, f.folded(e.Name), ei)
			for _, m := range e.Mentions {
				if folded := f.folded(m.Text); len(folded) >= 11 {
					f.sim.add(e.Type, folded, ei)
				}
			}
		}
	}
	if f.sim != nil {
		return f.similarIndexed(ents, typ, folded)
	}
	for i, e := range ents {
		if f.similarTo(e, typ, folded) {
			return i, true
		}
	}
	return 0, false
}

// similarIndexAt is how many entities a document has before similar
// looks names up in an index instead of comparing with each entity: a
// long text names thousands, and comparing each new one with all of them
// made resolution quadratic.
const similarIndexAt = 64

// similarIndex finds the entities whose folded name or mention is at most
// one byte edit from a name: every string is filed under itself and each
// of its one-byte deletions, and two strings one edit apart share one of
// those (a substitution at i: both without byte i; an insertion: the
// longer without it is the shorter).
type similarIndex struct {
	keys map[string][]int // type, NUL, variant → entity indexes, ascending
}

func (ix *similarIndex) add(typ EntityType, s string, ei int) {
	each1Deletion(s, func(v string) {
		k := string(typ) + "\x00" + v
		if l := ix.keys[k]; len(l) == 0 || l[len(l)-1] != ei {
			ix.keys[k] = append(l, ei)
		}
	})
}

// each1Deletion calls f with s and with s less each one of its bytes.
func each1Deletion(s string, f func(string)) {
	f(s)
	for i := range len(s) {
		f(s[:i] + s[i+1:])
	}
}

// similarIndexed is similar's answer from the index: the first entity, in
// entity order, that the linear scan would have found.
func (f *entityFinder) similarIndexed(ents []Entity, typ EntityType, folded string) (int, bool) {
	best := -1
	each1Deletion(folded, func(v string) {
		for _, ei := range f.sim.keys[string(typ)+"\x00"+v] {
			if best >= 0 && ei >= best {
				break
			}
			if f.similarTo(ents[ei], typ, folded) {
				best = ei
				break
			}
		}
	})
	return best, best >= 0
}

// similarTo is similar's test of one entity.
func (f *entityFinder) similarTo(e Entity, typ EntityType, folded string) bool {
	if e.Type != typ || strings.HasPrefix(e.Key, "local:") {
		return false
	}
	if editDistanceAtMost1(f.folded(e.Name), folded) {
		return true
	}
	for _, m := range e.Mentions {
		if len(folded) >= 12 && editDistanceAtMost1(f.folded(m.Text), folded) {
			return true
		}
	}
	return false
}

func editDistanceAtMost1(a, b string) bool {
	if a == b {
		return true
	}
	if d := len(a) - len(b); d > 1 || d < -1 {
		return false
	}
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	switch {
	case len(a) == len(b):
		return a[i+1:] == b[i+1:]
	case len(a) > len(b):
		return a[i+1:] == b[i:]
	default:
		return a[i:] == b[i+1:]
	}
}

// partialNames adds mentions for a person's surname or first name used
// alone after the full name ("Niklawi" after "Khalid Niklawi"), when
// exactly one person of the document carries that name part.
func (f *entityFinder) partialNames(ents []Entity) {
	toks := f.d.tokens
	type owner struct {
		entity int
		rule   string
		first  int // first token of the full name
	}
	parts := map[string][]owner{}
	for ei, e := range ents {
		if e.Type != Person {
			continue
		}
		ws := foldWords(e.Name)
		if len(ws) < 2 {
			continue
		}
		firstMention := e.Mentions[0].Start
		add := func(w, rule string) {
			if len(w) < 3 || f.x.givenNames[w] && rule == "surname" && false {
				return
			}
			for _, o := range parts[w] {
				if o.entity == ei {
					return
				}
			}
			parts[w] = append(parts[w], owner{ei, rule, firstMention})
		}
		add(ws[len(ws)-1], "surname")
		if len(ws) >= 3 {
			add(ws[len(ws)-2]+ws[len(ws)-1], "surname")
		}
	}
	if len(parts) == 0 {
		return
	}
	covered := f.coveredTokens(nil)
	var added []candidate
	for ti, t := range toks {
		if covered[ti] || t.kind != wordToken || !t.upper {
			continue
		}
		p := f.tp.parts[ti]
		if len(p) != 1 {
			continue
		}
		os := parts[p[0]]
		if len(os) != 1 || t.Start < os[0].first {
			continue
		}
		o := os[0]
		c := candidate{start: ti, end: ti + 1, typ: Person, gaz: -1, rule: o.rule, conf: 0.8, entity: o.entity}
		ents[o.entity].Mentions = append(ents[o.entity].Mentions, Mention{Span: t.Span, Text: t.text, Rule: o.rule})
		added = append(added, c)
	}
	if len(added) == 0 {
		return
	}
	f.addCandidates(added)
	for _, c := range added {
		slices.SortStableFunc(ents[c.entity].Mentions, func(a, b Mention) int { return a.Start - b.Start })
	}
}

// uniqueAliases returns the aliases and mention texts other than name,
// each once, in first-seen order.
func uniqueAliases(name string, aliases []string, mentions []Mention) []string {
	seen := map[string]bool{name: true}
	out := []string{}
	for _, m := range mentions {
		if !seen[m.Text] {
			seen[m.Text] = true
			out = append(out, m.Text)
		}
	}
	for _, a := range aliases {
		if !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}

// isTitleCase reports whether a line is a headline in title case: most of
// its longer words capitalised. Such lines only get gazetteer names and
// names found elsewhere in the text.
func isTitleCase(toks []token) bool {
	words, caps := 0, 0
	for _, t := range toks {
		if t.kind != wordToken || len(t.text) < 4 {
			continue
		}
		words++
		if t.upper {
			caps++
		}
	}
	return words >= 3 && caps*100 >= words*85
}

// propagate adds mentions wherever the name of an entity found by a
// pattern occurs again in the text where no rule fired (headlines, "told
// Al Jazeera Net" after "Al Jazeera Net reported").
func (f *entityFinder) propagate(ents []Entity) {
	names := &f.d.buffers.local
	local := names.start()
	for ei, e := range ents {
		if strings.HasPrefix(e.Key, "gaz:") || strings.HasPrefix(e.Key, "local:") || e.Rule == "publisher" {
			continue
		}
		names.entity = append(names.entity, ei)
		idx := len(names.entity) - 1
		for mi, m := range e.Mentions {
			if m.Rule == "surname" || slices.ContainsFunc(e.Mentions[:mi], func(o Mention) bool { return o.Text == m.Text }) {
				continue
			}
			if isAcronym(m.Text) {
				local.add("="+m.Text, idx)
			} else {
				local.addParts(m.Text, f.foldedWords(m.Text), idx)
			}
		}
	}
	if len(names.entity) == 0 {
		return
	}
	toks := f.d.tokens
	covered := f.coveredTokens(nil)
	var added []candidate
	for _, s := range f.d.sentences {
		for i := s.tokStart; i < s.tokEnd; i++ {
			if covered[i] || toks[i].kind == punctToken {
				continue
			}
			m, ok := local.match(toks, f.tp, i, s.tokEnd)
			if !ok {
				continue
			}
			free := true
			for t := m.start; t < m.end; t++ {
				free = free && !covered[t]
			}
			if !free {
				continue
			}
			ei := names.entity[m.entry]
			c := candidate{start: m.start, end: m.end, typ: ents[ei].Type, gaz: -1, rule: "same-name", conf: 0.8, entity: ei}
			ents[ei].Mentions = append(ents[ei].Mentions, Mention{Span: Span{toks[m.start].Start, toks[m.end-1].End}, Text: f.d.slice(Span{toks[m.start].Start, toks[m.end-1].End}), Rule: "same-name"})
			added = append(added, c)
			for t := m.start; t < m.end; t++ {
				covered[t] = true
			}
			i = m.end - 1
		}
	}
	if len(added) == 0 {
		return
	}
	f.addCandidates(added)
	for _, c := range added {
		slices.SortStableFunc(ents[c.entity].Mentions, func(a, b Mention) int { return a.Start - b.Start })
	}
}

// wholeLineWithoutEnd reports whether sentence si is a line of its own that
// does not end like a sentence (a headline, a caption, a byline).
func (f *entityFinder) wholeLineWithoutEnd(si int) bool {
	s := f.d.sentences[si]
	if !s.lineFirst || si+1 < len(f.d.sentences) && f.d.sentences[si+1].line == s.line {
		return false
	}
	last := f.d.runes[s.End-1]
	return !strings.ContainsRune(".!?”\":", last)
}

// docHash identifies the document for keys of entities that exist only
// within it (generic actors such as "rebels").
func (f *entityFinder) docHash() string {
	if f.hash == "" {
		// Through a small buffer: []byte(text) would copy the whole text.
		h := sha256.New()
		var chunk [4096]byte
		for rest := f.d.text; rest != ""; {
			n := copy(chunk[:], rest)
			h.Write(chunk[:n])
			rest = rest[n:]
		}
		var sum [sha256.Size]byte
		h.Sum(sum[:0])
		f.hash = hex.EncodeToString(sum[:6])
	}
	return f.hash
}

// shortNames adds mentions for an organisation or group named later by its
// head word alone ("the Observatory", "the Front"), when exactly one
// entity named before has that head word in its name.
func (f *entityFinder) shortNames(ents []Entity) {
	toks := f.d.tokens
	heads := map[string][]int{}
	for ei, e := range ents {
		if e.Type != Organization && e.Type != ArmedGroup || len(e.Mentions) == 0 {
			continue
		}
		var words []string
		rest := append([]string{e.Name}, e.Aliases...)
		if id, ok := strings.CutPrefix(e.Key, "gaz:"); ok {
			if gi, ok := f.x.gaz.byID[id]; ok {
				// the gazetteer's names were read once, at load
				g := &f.x.gaz.entries[gi]
				words = append(words, g.heads...)
				rest = nil
				if len(e.Aliases) > len(g.Aliases) {
					rest = e.Aliases[len(g.Aliases):]
				}
			}
		}
		for _, n := range rest {
			words = appendHeads(words, n)
		}
		for _, w := range words {
			heads[w] = append(heads[w], ei)
		}
	}
	covered := f.coveredTokens(nil)
	var added []candidate
	for ti, t := range toks {
		// "the Observatory", or "Observatory director Rami Abdel-Rahman"
		if covered[ti] || !t.upper || !(ti > 0 && toks[ti-1].lower == "the" || ti+1 < len(toks) && toks[ti+1].lex&lexMember != 0 && toks[ti+1].kind == wordToken && !toks[ti+1].upper) {
			continue
		}
		es := heads[t.lower]
		if len(es) != 1 || ents[es[0]].Mentions[0].Start > t.Start {
			continue
		}
		e := es[0]
		added = append(added, candidate{start: ti, end: ti + 1, typ: ents[e].Type, gaz: -1, rule: "short-name", conf: 0.7, entity: e})
		ents[e].Mentions = append(ents[e].Mentions, Mention{Span: t.Span, Text: t.text, Rule: "short-name"})
	}
	// "the joint forces" after "the Joint Forces of the Armed Struggle
	// Movements": the words before "of" of a longer name, in lower case
	var afterThe map[string][]int // lower-case word after "the" → its tokens
	for ei, e := range ents {
		if e.Type != Organization && e.Type != ArmedGroup || len(e.Mentions) == 0 {
			continue
		}
		head, _, ok := strings.Cut(e.Mentions[0].Text, " of ")
		words := strings.Fields(strings.ToLower(head))
		if !ok || len(words) < 2 || len(words) > 3 {
			continue
		}
		if afterThe == nil {
			afterThe = map[string][]int{}
			for ti := 1; ti < len(toks); ti++ {
				if toks[ti-1].lower == "the" && !toks[ti].upper {
					afterThe[toks[ti].lower] = append(afterThe[toks[ti].lower], ti)
				}
			}
		}
	scan:
		for _, ti := range afterThe[words[0]] {
			if ti+len(words) > len(toks) || toks[ti].Start < e.Mentions[0].End {
				continue
			}
			for k, w := range words {
				if covered[ti+k] || toks[ti+k].lower != w {
					continue scan
				}
			}
			if end := ti + len(words); end < len(toks) && toks[end].lower == "of" {
				continue // the full name again, or another body's
			}
			end := ti + len(words)
			sp := Span{toks[ti].Start, toks[end-1].End}
			added = append(added, candidate{start: ti, end: end, typ: e.Type, gaz: -1, rule: "short-name", conf: 0.6, entity: ei})
			ents[ei].Mentions = append(ents[ei].Mentions, Mention{Span: sp, Text: f.d.slice(sp), Rule: "short-name"})
			for k := ti; k < end; k++ {
				covered[k] = true
			}
		}
	}
	f.addCandidates(added)
}

// folded memoises Fold for the names resolution compares.
func (f *entityFinder) folded(name string) string {
	if v, ok := f.foldCache[name]; ok {
		return v
	}
	if f.foldCache == nil {
		f.foldCache = map[string]string{}
	}
	w, ok := f.x.nameFolds.get(name)
	if !ok {
		w = f.x.foldName(name)
	}
	f.foldCache[name] = w.joined
	return w.joined
}

// stateForces resolves descriptions of state forces ("the regime", "the
// army", "government forces") to the one state force the document names,
// or else to the state force of the one country it names with such a
// force. Otherwise they stay generic actors of the document.
func (f *entityFinder) stateForces(ents []Entity) []Entity {
	force := -1 // gazetteer entry
	forces := map[int]bool{}
	countries := map[int]bool{}
	for _, c := range f.cands {
		if c.gaz < 0 {
			continue
		}
		if f.x.stateForce[c.gaz] {
			forces[c.gaz] = true
		}
		if fo, ok := f.x.forceOf[c.gaz]; ok {
			countries[fo] = true
		}
	}
	switch {
	case len(forces) == 1:
		for g := range forces {
			force = g
		}
	case len(forces) == 0 && len(countries) == 1:
		for g := range countries {
			force = g
		}
	default:
		return ents
	}
	movable := false
	for _, c := range f.cands {
		movable = movable || c.rule == "generic-actor"
	}
	if !movable {
		return ents
	}
	target := -1
	key := "gaz:" + f.x.gaz.entries[force].ID
	for i, e := range ents {
		if e.Key == key {
			target = i
		}
	}
	moved := map[int]bool{}
	for ci := range f.cands {
		c := &f.cands[ci]
		if c.rule != "generic-actor" || c.entity < 0 {
			continue
		}
		text := strings.ToLower(f.d.slice(Span{f.d.tokens[c.start].Start, f.d.tokens[c.end-1].End}))
		if !stateDescriptions[strings.TrimPrefix(text, "the ")] {
			continue
		}
		if target < 0 {
			g := f.x.gaz.entries[force]
			e := Entity{Key: key, Name: g.Name, Type: g.Type, Rule: "state-force", Confidence: 0.7}
			for _, a := range g.Aliases {
				e.Aliases = append(e.Aliases, strings.TrimPrefix(a, "="))
			}
			ents = append(ents, e)
			target = len(ents) - 1
		}
		old := c.entity
		moved[old] = true
		c.entity, c.gaz, c.rule = target, force, "state-force"
		for mi, m := range ents[old].Mentions {
			if m.Start == f.d.tokens[c.start].Start {
				ents[old].Mentions = append(ents[old].Mentions[:mi], ents[old].Mentions[mi+1:]...)
				break
			}
		}
		ents[target].Mentions = append(ents[target].Mentions, Mention{Span: Span{f.d.tokens[c.start].Start, f.d.tokens[c.end-1].End}, Text: f.d.slice(Span{f.d.tokens[c.start].Start, f.d.tokens[c.end-1].End}), Rule: "state-force"})
	}
	// drop generic entities left without mentions, renumbering candidates
	drop := map[int]bool{}
	for i := range moved {
		if len(ents[i].Mentions) == 0 {
			drop[i] = true
		}
	}
	out := f.dropEntities(ents, drop)
	for i := range out {
		slices.SortStableFunc(out[i].Mentions, func(a, b Mention) int { return a.Start - b.Start })
	}
	return out
}

// mergeNameParts folds a one-word person ("Niklawi said") into the one
// person of the document whose full name holds that word as its last (or
// first) name. With two such people the word stays its own entity: two
// people who share a surname are never merged.
func (f *entityFinder) mergeNameParts(ents []Entity) []Entity {
	owners := map[string][]int{}
	words := make([][]string, len(ents)) // folded words of each person's name
	for ei, e := range ents {
		if e.Type == Person {
			words[ei] = foldWords(e.Name)
		}
	}
	for ei, e := range ents {
		if e.Type != Person {
			continue
		}
		ws := words[ei]
		if len(ws) < 2 {
			continue
		}
		for _, w := range []string{ws[0], ws[len(ws)-1]} {
			owners[w] = append(owners[w], ei)
		}
	}
	// ends files each person under the shorter starts and ends of its
	// name ("Haj Omar", "Abdulrahman Haj" for "Abdulrahman Haj Omar"),
	// each person once per key
	ends := map[string][]int{}
	for oi, ow := range words {
		for k := 1; k < len(ow); k++ {
			for _, key := range [2]string{strings.Join(ow[len(ow)-k:], " "), strings.Join(ow[:k], " ")} {
				if l := ends[key]; len(l) == 0 || l[len(l)-1] != oi {
					ends[key] = append(l, oi)
				}
			}
		}
	}
	into := map[int]int{}
	for ei, e := range ents {
		if e.Type != Person || strings.HasPrefix(e.Key, "gaz:") {
			continue
		}
		ws := words[ei]
		if len(ws) == 1 {
			if os := owners[ws[0]]; len(os) == 1 && os[0] != ei {
				into[ei] = os[0]
			}
			continue
		}
		// "Haj Omar" after "Abdulrahman Haj Omar": the end of one full
		// name, or its beginning: "Hernando Paz" after "Hernando Paz
		// Collazos" (two surnames, the second dropped)
		if holders := ends[strings.Join(ws, " ")]; len(holders) == 1 && holders[0] != ei {
			into[ei] = holders[0]
		}
	}
	if len(into) == 0 {
		return ents
	}
	drop := map[int]bool{}
	for from, to := range into {
		t := &ents[to]
		for _, m := range ents[from].Mentions {
			m.Rule = "surname"
			t.Mentions = append(t.Mentions, m)
		}
		slices.SortStableFunc(t.Mentions, func(a, b Mention) int { return a.Start - b.Start })
		drop[from] = true
	}
	for ci := range f.cands {
		if to, ok := into[f.cands[ci].entity]; ok {
			f.cands[ci].entity, f.cands[ci].rule = to, "surname"
		}
	}
	return f.dropEntities(ents, drop)
}

// genericSide names the side a generic description stands for, so that
// "rebels", "rebel fighters" and "opposition forces" in one document are
// one actor, and "government troops" and "pro-government forces" another.
func genericSide(name string) string {
	switch {
	case strings.HasPrefix(name, "rebel"), strings.HasPrefix(name, "opposition"), name == "armed opposition", name == "islamist rebels":
		return "rebels"
	case strings.HasPrefix(name, "government"), strings.HasPrefix(name, "regime"), name == "pro-regime forces", name == "pro-assad forces":
		return "government forces"
	case name == "jihadists", name == "jihadist fighters":
		return "jihadists"
	case name == "militants", name == "insurgents":
		return "militants"
	}
	return name
}

// countryBody returns the end of "'s defence ministry" after a country's
// name at token i (up to three lower-case words ending in a ministry,
// office or command), or 0.
func (f *entityFinder) countryBody(i, end int) int {
	toks := f.d.tokens
	if i >= end || (toks[i].lower != "'s" && toks[i].lower != "’s") {
		return 0
	}
	// "Turkey's Ministry of National Defence": a capitalised body's name
	// after the possessive; the country is part of it, since every country
	// has a Ministry of Defence
	if i+1 < end && toks[i+1].upper && toks[i+1].kind == wordToken {
		if _, known := f.x.gaz.match(toks, f.tp, i+1, end); known {
			return 0
		}
		run := f.capitalSequence(i+1, end)
		for j := i + 1; j < run; j++ {
			if bodyNouns[toks[j].lower] {
				return run
			}
		}
		return 0
	}
	for j := i + 1; j < end && j <= i+3; j++ {
		t := toks[j]
		if t.kind != wordToken || t.upper {
			return 0
		}
		if bodyNouns[t.lower] {
			return j + 1
		}
	}
	return 0
}

// placeBody returns the end of a body named by the place that ends at
// token i, and its type: lower-case words after the place's name ending in
// a body's noun, "the Balochistan government", "the Amhara regional
// administration", "the Sinaloa state prosecutor's office", "Puntland
// security forces" (the police and security forces of a place are armed,
// as the annotation conventions type a country's). 0 when there is none.
// A noun that also names a kind of place ("department", "office") counts
// only after a modifier ("health department").
func (f *entityFinder) placeBody(i, end int) (int, EntityType) {
	toks := f.d.tokens
	modified := false
	for j := i; j < end && j <= i+3; j++ {
		t := toks[j]
		if t.lower == "'s" || t.lower == "’s" {
			if j > i && toks[j-1].lower == "prosecutor" {
				continue // "state prosecutor's office"
			}
			return 0, ""
		}
		if t.kind != wordToken || t.upper {
			return 0, ""
		}
		if typ, ok := placeBodyHeads[t.lower]; ok && (modified || !placeBodyNeedsModifier[t.lower]) {
			if t.lower == "forces" && !(j > i && toks[j-1].lower == "security") {
				return 0, ""
			}
			if j+1 < end && (modifiedNouns[toks[j+1].lower] || bodyPlaces[toks[j+1].lower]) {
				return 0, "" // "the Kirkuk police station"
			}
			return j + 1, typ
		}
		if !placeBodyModifiers[t.lower] {
			return 0, ""
		}
		modified = true
	}
	return 0, ""
}

// publisherFirst is the first word of the publisher's name.
func (f *entityFinder) publisherFirst() string {
	if i := strings.IndexByte(f.publisher, ' '); i > 0 {
		return f.publisher[:i]
	}
	return f.publisher
}

// foldedWords memoises foldWords for the names the rules compare.
func (f *entityFinder) foldedWords(name string) []string {
	if v, ok := f.wordsCache[name]; ok {
		return v
	}
	if f.wordsCache == nil {
		f.wordsCache = map[string][]string{}
	}
	w, ok := f.x.nameFolds.get(name)
	if !ok {
		w = f.x.foldName(name)
	}
	f.wordsCache[name] = w.parts
	return w.parts
}

// isPublisherRun reports whether tokens[i:end) name the publisher
// ("Euphrates Direct's Lina Sabbagh"), which then wins over a gazetteer
// name inside it (the river Euphrates).
func (f *entityFinder) isPublisherRun(i, end int) bool {
	toks := f.d.tokens
	if f.publisher == "" || end <= i+1 || !strings.EqualFold(toks[i].text, f.publisherFirst()) {
		return false
	}
	pub := f.folded(f.publisher)
	for j := i + 2; j <= end; j++ {
		if f.folded(f.d.slice(Span{toks[i].Start, toks[j-1].End})) == pub {
			return true
		}
	}
	return false
}

// bylineAt reports whether token i follows the "By" or "Written by" that
// opens a byline line ("Written by Phil Sands / The National").
func (f *entityFinder) bylineAt(si, i int) bool {
	toks := f.d.tokens
	s := f.d.sentences[si]
	if !s.lineFirst || i == s.tokStart || toks[i-1].lower != "by" {
		return false
	}
	if i-1 == s.tokStart {
		return true
	}
	if i-2 == s.tokStart {
		switch toks[i-2].lower {
		case "written", "reported", "reporting", "edited", "words", "story", "text", "interview":
			return true
		}
	}
	return false
}

// knownAs makes "A, popularly known as B" and "A (also known as B)" one
// entity: B's mentions join A's entity, and B becomes its alias.
func (f *entityFinder) knownAs(ents []Entity) []Entity {
	toks := f.d.tokens
	drop := map[int]bool{}
	for ci := range f.cands {
		c := f.cands[ci]
		if c.entity < 0 {
			continue
		}
		j := c.end
		for j < len(toks) && j < c.end+3 && (toks[j].kind == punctToken || toks[j].lower == "popularly" || toks[j].lower == "also" || toks[j].lower == "better" || toks[j].lower == "widely") {
			j++
		}
		if j+1 >= len(toks) || toks[j].lower != "known" || toks[j+1].lower != "as" {
			continue
		}
		other := -1
		for cj := ci + 1; cj < len(f.cands) && f.cands[cj].start <= j+3; cj++ {
			if f.cands[cj].start == j+2 {
				other = f.cands[cj].entity
			}
		}
		if other < 0 || other == c.entity || ents[other].Type != ents[c.entity].Type {
			continue
		}
		// every mention of the other name is a mention of this entity
		for cj := range f.cands {
			if f.cands[cj].entity == other {
				f.cands[cj].entity = c.entity
			}
		}
		ents[c.entity].Mentions = append(ents[c.entity].Mentions, ents[other].Mentions...)
		slices.SortStableFunc(ents[c.entity].Mentions, func(a, b Mention) int { return a.Start - b.Start })
		ents[other].Mentions = nil
		drop[other] = true
	}
	return f.dropEntities(ents, drop)
}

// dropEntities removes the entities in drop (whose mentions have moved to
// others) and renumbers the candidates' entity indexes.
func (f *entityFinder) dropEntities(ents []Entity, drop map[int]bool) []Entity {
	if len(drop) == 0 {
		return ents
	}
	keep := make([]int, len(ents))
	out := make([]Entity, 0, len(ents)-len(drop))
	for i, e := range ents {
		if drop[i] {
			keep[i] = -1
			continue
		}
		keep[i] = len(out)
		out = append(out, e)
	}
	for ci := range f.cands {
		if e := f.cands[ci].entity; e >= 0 {
			f.cands[ci].entity = keep[e]
		}
	}
	return out
}

// armedByDescription types as armed groups the organisations the text
// describes as armed: "the Meitei armed group Arambai Tenggol", "the
// Azande Ani Kpi Gbe (AAKG), a militia of the Zande community", "The UPC,
// a mostly Fulani armed group". A name without a head word is typed an
// organisation by default; what the text says of it decides. Every
// candidate of that name (and the name an acronym so described stands
// for) takes the type, before resolution, so one entity results.
func (f *entityFinder) armedByDescription() {
	toks := f.d.tokens
	armed := map[string]bool{}
	for ci := range f.cands {
		c := &f.cands[ci]
		if c.typ != Organization || c.gaz >= 0 {
			continue
		}
		if !f.describedArmedBefore(c.start) && !f.describedArmedAfter(c.end) {
			continue
		}
		armed[f.folded(f.d.slice(Span{toks[c.start].Start, toks[c.end-1].End}))] = true
		// an acronym: the name it was defined for, "NAME (ACR)"
		if c.end-c.start == 1 {
			acr := toks[c.start].text
			for cj := range f.cands {
				d := &f.cands[cj]
				if d.end+2 < len(toks) && toks[d.end].text == "(" && toks[d.end+1].text == acr && toks[d.end+2].text == ")" {
					armed[f.folded(f.d.slice(Span{toks[d.start].Start, toks[d.end-1].End}))] = true
				}
			}
		}
	}
	if len(armed) == 0 {
		return
	}
	for ci := range f.cands {
		c := &f.cands[ci]
		if c.typ == Organization && c.gaz < 0 && armed[f.folded(f.d.slice(Span{toks[c.start].Start, toks[c.end-1].End}))] {
			c.typ = ArmedGroup
		}
	}
}

// describedArmedBefore: "the armed group X", "the Meitei armed group X",
// "rebel group X" right before token i.
func (f *entityFinder) describedArmedBefore(i int) bool {
	toks := f.d.tokens
	if i < 2 {
		return false
	}
	prev := toks[i-1].lower
	return armedNouns[prev] || (prev == "group" || prev == "outfit" || prev == "organisation" || prev == "organization") && armedAdjectives[toks[i-2].lower]
}

// describedArmedAfter: ", a militia of ...", " (ACR), a mostly Fulani armed
// group" right after token end (an acronym in parentheses skipped).
func (f *entityFinder) describedArmedAfter(end int) bool {
	toks := f.d.tokens
	j := end
	if j < len(toks) && toks[j].text == "(" {
		for j < len(toks) && j < end+6 && toks[j].text != ")" {
			j++
		}
		j++
	}
	if j+1 >= len(toks) || toks[j].text != "," || toks[j+1].lower != "a" && toks[j+1].lower != "an" && toks[j+1].lower != "the" {
		return false
	}
	for k := j + 2; k < len(toks) && k < j+7; k++ {
		t := toks[k]
		if t.kind != wordToken {
			return false
		}
		if armedNouns[t.lower] || t.lower == "group" && armedAdjectives[toks[k-1].lower] {
			return true
		}
		if t.lower == "of" || t.lower == "that" || t.lower == "which" || t.lower == "who" {
			return false
		}
	}
	return false
}
