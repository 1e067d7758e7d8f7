package synth

import (
	"math"
	"math/rand/v2"
	"sort"
	"strings"
)

// The world is the fixed cast of the archive: people, armed groups,
// organisations and places, with their relations and popularity. It is
// built once from the seed and only read afterwards.

type entKind uint8

const (
	kGroup entKind = iota
	kPerson
	kOrg
	kPlace
)

type role uint8

const (
	roleNone role = iota
	roleLeader
	roleCommander
	roleSpokesman
	roleFighter
	roleActivist
	roleMonitor
	roleOfficial
	roleResident
	roleDoctor
	roleAnalyst
	roleJournalist
)

// fighting reports whether the role speaks for an armed group.
func (r role) fighting() bool {
	return r == roleLeader || r == roleCommander || r == roleSpokesman || r == roleFighter
}

type placeKind uint8

const (
	pkProvince placeKind = iota
	pkCity
	pkTown
	pkCountry
)

const none int32 = -1

// entity is one actor or place. Names are templates (see tables.go).
type entity struct {
	kind    entKind
	role    role
	place   placeKind
	female  bool
	monitor bool
	country int16 // theatre index; -1 for global organisations
	first   []string
	later   []string
	title   string
	parent  int32 // place: its province; person: group or org; group: the group it split from
	home    int32 // person: home town; org: where it sits
	allies  []int32
	enemies []int32
	held    []int32 // towns a group controls
	members []int32 // people of a group or org
}

// popList samples ids with Zipf-like weights: the first ids are the
// popular ones.
type popList struct {
	ids []int32
	cum []float64
}

func newPopList(ids []int32, exponent, offset float64) popList {
	cum := make([]float64, len(ids))
	total := 0.0
	for k := range ids {
		total += 1 / math.Pow(float64(k)+offset, exponent)
		cum[k] = total
	}
	return popList{ids: ids, cum: cum}
}

func (p *popList) pick(r *rand.Rand) int32 {
	if len(p.ids) == 0 {
		return none
	}
	u := r.Float64() * p.cum[len(p.cum)-1]
	i := sort.SearchFloat64s(p.cum, u)
	if i >= len(p.ids) {
		i = len(p.ids) - 1
	}
	return p.ids[i]
}

type countryData struct {
	th        *theatre
	place     int32 // the country as a PLACE
	groups    popList
	people    popList
	orgs      popList
	monitors  popList
	towns     popList
	provinces []int32
}

type houseStyle struct {
	article    artStyle
	dateFormat int
	dateline   bool
	boiler     int // 0 none, 1 title + date lines, 2 read time + title + dates, 3 section + byline
}

type publisher struct {
	name, slug string
	ent        int32
	staff      []int32
	style      houseStyle
}

type world struct {
	ents         []entity
	countries    []countryData
	countryCum   []int
	globalOrgs   []int32
	globalMon    []int32
	publishers   []publisher
	foreign      []int32 // countries as places outside the theatres
	foreignNames map[string]int32
	tpl          *templateSet
}

// Sizes of the invented cast.
const (
	worldPeople = 24000
	worldGroups = 3200
	worldTowns  = 6500
	worldOrgs   = 420
)

func newWorld(seed uint64) *world {
	r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	w := &world{foreignNames: map[string]int32{}, tpl: newTemplateSet()}
	used := reservedAcronyms()
	totalWeight := 0
	for i := range theatres {
		totalWeight += theatres[i].weight
		w.countryCum = append(w.countryCum, totalWeight)
	}
	share := func(total, ti int) int { return total * theatres[ti].weight / totalWeight }

	for ti := range theatres {
		th := &theatres[ti]
		cd := countryData{th: th}
		cd.place = w.add(entity{kind: kPlace, place: pkCountry, country: int16(ti), first: []string{th.country}, parent: none})
		w.foreignNames[th.country] = cd.place
		provByName := map[string]int32{}
		for _, p := range th.provinces {
			id := w.add(entity{kind: kPlace, place: pkProvince, country: int16(ti), first: []string{p}, parent: cd.place})
			provByName[p] = id
			cd.provinces = append(cd.provinces, id)
		}
		var realTowns []int32
		for _, c := range th.cities {
			realTowns = append(realTowns, w.add(entity{kind: kPlace, place: pkCity, country: int16(ti), first: []string{c.name}, parent: provByName[c.province]}))
		}
		var towns []int32
		for n := share(worldTowns, ti); n > 0; n-- {
			name := inventTown(r, used)
			towns = append(towns, w.add(entity{kind: kPlace, place: pkTown, country: int16(ti), first: []string{name}, parent: cd.provinces[r.IntN(len(cd.provinces))]}))
		}
		towns = interleave(realTowns, towns, 2)
		cd.towns = newPopList(towns, 1.0, 3)

		// Real groups first, then invented ones.
		realIDs := map[string]int32{}
		var realGroups []int32
		for _, g := range th.groups {
			id := w.add(entity{kind: kGroup, country: int16(ti), first: g.first, later: g.later, parent: none})
			realIDs[g.id] = id
			realGroups = append(realGroups, id)
		}
		var groups []int32
		for n := share(worldGroups, ti); n > 0; n-- {
			first, later := inventGroup(r, th, w, towns, cd.provinces, used)
			groups = append(groups, w.add(entity{kind: kGroup, country: int16(ti), first: first, later: later, parent: none}))
		}
		groups = interleave(realGroups, groups, 1)
		cd.groups = newPopList(groups, 1.05, 2)
		for _, g := range th.groups {
			e := &w.ents[realIDs[g.id]]
			for _, x := range g.enemies {
				if id, ok := realIDs[x]; ok {
					e.enemies = appendUnique(e.enemies, id)
					w.ents[id].enemies = appendUnique(w.ents[id].enemies, realIDs[g.id])
				}
			}
			for _, x := range g.allies {
				if id, ok := realIDs[x]; ok {
					e.allies = appendUnique(e.allies, id)
					w.ents[id].allies = appendUnique(w.ents[id].allies, realIDs[g.id])
				}
			}
			if id, ok := realIDs[g.parent]; ok {
				e.parent = id
			}
		}
		for _, id := range groups {
			w.relateGroup(r, id, &cd)
		}

		// Organisations: the real ones of the theatre, then invented.
		var orgs, monitors []int32
		for _, o := range th.orgs {
			id := w.add(entity{kind: kOrg, country: int16(ti), first: o.first, later: o.later, monitor: o.monitor, parent: none, home: none})
			orgs = append(orgs, id)
			if o.monitor {
				monitors = append(monitors, id)
			}
		}
		for n := share(worldOrgs, ti); n > 0; n-- {
			name, monitor := inventOrg(r, th, w, towns, cd.provinces, used)
			first, later := orgForms(r, name)
			id := w.add(entity{kind: kOrg, country: int16(ti), first: first, later: later, monitor: monitor, parent: none, home: none})
			orgs = append(orgs, id)
			if monitor {
				monitors = append(monitors, id)
			}
		}
		cd.orgs = newPopList(orgs, 1.0, 2)
		cd.monitors = newPopList(monitors, 1.2, 1)

		// People: the real ones, then invented, each with a role and an
		// affiliation chosen by popularity.
		var people []int32
		for _, p := range th.people {
			e := entity{kind: kPerson, country: int16(ti), first: []string{p.full}, later: []string{p.short}, title: p.title, role: p.role, parent: none, home: cd.towns.pick(r)}
			if id, ok := realIDs[p.group]; ok {
				e.parent = id
			} else if len(monitors) > 0 {
				e.parent = monitors[0]
			}
			id := w.add(e)
			people = append(people, id)
			if e.parent != none {
				w.ents[e.parent].members = append(w.ents[e.parent].members, id)
			}
		}
		var invented []int32
		for n := share(worldPeople, ti); n > 0; n-- {
			invented = append(invented, w.addPerson(r, &cd, int16(ti), used))
		}
		cd.people = newPopList(interleave(people, invented, 3), 1.0, 4)
		w.countries = append(w.countries, cd)
	}

	for _, o := range globalOrgs {
		id := w.add(entity{kind: kOrg, country: -1, first: o.first, later: o.later, monitor: o.monitor, parent: none, home: none})
		w.globalOrgs = append(w.globalOrgs, id)
		if o.monitor {
			w.globalMon = append(w.globalMon, id)
		}
	}
	for ti := range theatres {
		for _, n := range theatres[ti].neighbors {
			if _, ok := w.foreignNames[n]; !ok {
				w.foreignNames[n] = w.add(entity{kind: kPlace, place: pkCountry, country: -1, first: []string{n}, parent: none})
			}
		}
	}
	for _, p := range publishers {
		pub := publisher{name: p.name, slug: p.slug}
		pub.ent = w.add(entity{kind: kOrg, country: -1, first: []string{p.name}, later: []string{p.name}, parent: none, home: none})
		for n := 3 + r.IntN(8); n > 0; n-- {
			ti := int16(r.IntN(len(theatres)))
			id := w.addPersonName(r, entity{kind: kPerson, role: roleJournalist, country: ti, female: r.IntN(3) == 0, parent: pub.ent, home: none}, used)
			pub.staff = append(pub.staff, id)
		}
		pub.style = houseStyle{
			article:    artStyle(r.IntN(4)),
			dateFormat: r.IntN(3),
			dateline:   r.IntN(3) == 0,
			boiler:     r.IntN(4),
		}
		w.publishers = append(w.publishers, pub)
	}
	return w
}

// reservedAcronyms marks the acronyms of real actors ("acr:RSF") so
// that invented groups do not take them.
func reservedAcronyms() map[string]bool {
	used := map[string]bool{}
	mark := func(forms []string) {
		for _, f := range forms {
			if i := strings.IndexByte(f, '('); i >= 0 {
				if j := strings.IndexByte(f[i:], ')'); j > 0 {
					used["acr:"+f[i+1:i+j]] = true
				}
			}
			used["acr:"+strings.TrimPrefix(f, "the ")] = true
		}
	}
	for _, th := range theatres {
		for _, g := range th.groups {
			mark(g.first)
			mark(g.later)
		}
		for _, o := range th.orgs {
			mark(o.first)
			mark(o.later)
		}
	}
	for _, o := range globalOrgs {
		mark(o.first)
		mark(o.later)
	}
	return used
}

func (w *world) add(e entity) int32 {
	w.ents = append(w.ents, e)
	return int32(len(w.ents) - 1)
}

// interleave puts the head ids among the first places of rest: every
// step-th place until head runs out, so real actors rank near the top.
func interleave(head, rest []int32, step int) []int32 {
	out := make([]int32, 0, len(head)+len(rest))
	for len(head) > 0 || len(rest) > 0 {
		if len(head) > 0 {
			out = append(out, head[0])
			head = head[1:]
		}
		for k := 0; k < step && len(rest) > 0; k++ {
			out = append(out, rest[0])
			rest = rest[1:]
		}
	}
	return out
}

func appendUnique(s []int32, id int32) []int32 {
	for _, x := range s {
		if x == id {
			return s
		}
	}
	return append(s, id)
}

func (w *world) relateGroup(r *rand.Rand, id int32, cd *countryData) {
	for n := 1 + r.IntN(4); n > 0; n-- {
		o := cd.groups.pick(r)
		if o == id {
			continue
		}
		w.ents[id].enemies = appendUnique(w.ents[id].enemies, o)
		w.ents[o].enemies = appendUnique(w.ents[o].enemies, id)
	}
	for n := r.IntN(3); n > 0; n-- {
		o := cd.groups.pick(r)
		if o == id || contains(w.ents[id].enemies, o) {
			continue
		}
		w.ents[id].allies = appendUnique(w.ents[id].allies, o)
		w.ents[o].allies = appendUnique(w.ents[o].allies, id)
	}
	if r.IntN(8) == 0 {
		if o := cd.groups.pick(r); o != id && w.ents[o].parent != id {
			w.ents[id].parent = o
		}
	}
	for n := 1 + r.IntN(5); n > 0; n-- {
		w.ents[id].held = appendUnique(w.ents[id].held, cd.towns.pick(r))
	}
}

func contains(s []int32, id int32) bool {
	for _, x := range s {
		if x == id {
			return true
		}
	}
	return false
}

// addPerson invents a person of the theatre with a role and affiliation.
func (w *world) addPerson(r *rand.Rand, cd *countryData, ti int16, used map[string]bool) int32 {
	e := entity{kind: kPerson, country: ti, parent: none, home: cd.towns.pick(r)}
	switch x := r.IntN(100); {
	case x < 8:
		e.role = roleCommander
	case x < 20:
		e.role = roleSpokesman
	case x < 32:
		e.role = roleFighter
	case x < 34:
		e.role = roleLeader
	case x < 52:
		e.role = roleActivist
	case x < 60:
		e.role = roleMonitor
	case x < 68:
		e.role = roleOfficial
	case x < 82:
		e.role = roleResident
	case x < 90:
		e.role = roleDoctor
	default:
		e.role = roleAnalyst
	}
	if e.role.fighting() {
		e.parent = cd.groups.pick(r)
		if e.role != roleFighter && r.IntN(2) == 0 {
			e.title = militaryTitles[r.IntN(len(militaryTitles))]
		}
	} else {
		e.female = r.IntN(4) == 0
		switch e.role {
		case roleMonitor, roleAnalyst, roleDoctor:
			if e.role == roleMonitor && len(cd.monitors.ids) > 0 {
				e.parent = cd.monitors.pick(r)
			} else {
				e.parent = cd.orgs.pick(r)
			}
			if e.role == roleDoctor {
				e.title = "Dr."
			}
		case roleActivist:
			if r.IntN(2) == 0 {
				e.parent = cd.orgs.pick(r)
			}
		case roleOfficial:
			if r.IntN(3) == 0 {
				e.title = civilTitles[r.IntN(len(civilTitles))]
			}
		}
	}
	id := w.addPersonName(r, e, used)
	if e.parent != none {
		w.ents[e.parent].members = append(w.ents[e.parent].members, id)
	}
	return id
}

// addPersonName gives e a new, unique name and adds it.
func (w *world) addPersonName(r *rand.Rand, e entity, used map[string]bool) int32 {
	for attempt := 0; ; attempt++ {
		full, short := inventPersonName(r, e.female)
		if used[full] && attempt < 20 {
			continue
		}
		used[full] = true
		e.first = []string{full}
		e.later = []string{short}
		return w.add(e)
	}
}

func pickStr(r *rand.Rand, s []string) string { return s[r.IntN(len(s))] }

func inventNisba(r *rand.Rand) string {
	var b strings.Builder
	b.WriteString(pickStr(r, nisbaOnsets))
	b.WriteString(pickStr(r, nisbaVowels))
	b.WriteString(pickStr(r, nisbaCodas))
	if r.IntN(3) == 0 {
		b.WriteString(pickStr(r, nisbaVowels))
		b.WriteString(pickStr(r, nisbaCodas))
	}
	b.WriteString(pickStr(r, nisbaEndings))
	return b.String()
}

func inventPersonName(r *rand.Rand, female bool) (full, short string) {
	first := pickStr(r, maleFirst)
	if female {
		first = pickStr(r, femaleFirst)
	}
	family := func() string {
		if r.IntN(5) < 2 {
			return pickStr(r, familyNames)
		}
		n := inventNisba(r)
		if r.IntN(2) == 0 {
			return "al-" + n
		}
		return n
	}
	switch x := r.IntN(100); {
	case x < 58 || female && x < 85:
		f := family()
		return first + " " + f, f
	case x < 73:
		f := family()
		return first + " " + pickStr(r, maleFirst) + " " + f, f
	case x < 88:
		n := inventNisba(r)
		full = "Abu " + pickStr(r, maleFirst) + " al-" + n
		if r.IntN(2) == 0 {
			return full, n
		}
		return full, "al-" + n
	default:
		f := "Abu " + pickStr(r, maleFirst)
		return first + " " + f, f
	}
}

func inventTown(r *rand.Rand, used map[string]bool) string {
	for attempt := 0; ; attempt++ {
		var b strings.Builder
		stem := inventStem(r)
		switch x := r.IntN(100); {
		case x < 40:
			b.WriteString(pickStr(r, townPrefixes))
			b.WriteByte(' ')
			b.WriteString(stem)
		case x < 70:
			b.WriteString(stem)
		case x < 85:
			b.WriteString("al-")
			b.WriteString(stem)
		default:
			b.WriteString(stem)
			b.WriteByte(' ')
			b.WriteString(pickStr(r, townSuffixes))
		}
		name := b.String()
		if !used[name] || attempt > 20 {
			used[name] = true
			return name
		}
	}
}

// inventStem makes a word of two or three syllables, capitalised, with
// spelling alternations for ou/u and doubled consonants.
func inventStem(r *rand.Rand) string {
	var b strings.Builder
	n := 2
	if r.IntN(10) < 3 {
		n = 3
	}
	end := pickStr(r, townEndings)
	coda := false
	for i := 0; i < n; i++ {
		on := pickStr(r, townOnsets)
		if i > 0 && len(on) > 1 && r.IntN(2) == 0 {
			on = on[:1] // digraphs mostly start words
		}
		if i > 0 && !coda && len(on) == 1 && strings.IndexByte("bdlmnrstzqk", on[0]) >= 0 && r.IntN(7) == 0 {
			b.WriteString("[" + on + on + "|" + on + "]")
		} else {
			b.WriteString(on)
		}
		last := i == n-1
		if last && end != "" && strings.IndexByte("aeiou[", end[0]) >= 0 {
			break // the ending brings its own vowel
		}
		b.WriteString(pickStr(r, townVowels))
		coda = !last && r.IntN(4) == 0
		if coda {
			b.WriteString(pickStr(r, townCodas))
		}
	}
	b.WriteString(end)
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

func isUpperWord(s string) bool {
	return s != "" && s[0] >= 'A' && s[0] <= 'Z'
}

// acronym builds an acronym from the capitalised words of an English
// name: "the Northern Storm Brigade" gives "NSB".
func acronym(name string) string {
	var b []byte
	for _, f := range strings.Fields(name) {
		if isUpperWord(f) {
			b = append(b, f[0])
		}
	}
	if len(b) < 2 {
		return ""
	}
	return string(b)
}

// inventGroup builds an armed group's first-mention and later forms.
func inventGroup(r *rand.Rand, th *theatre, w *world, towns, provinces []int32, used map[string]bool) (first, later []string) {
	for attempt := 0; ; attempt++ {
		var name, gloss string
		english := true
		switch x := r.IntN(100); {
		case x < 30:
			name = "the " + pickStr(r, groupAdjectives) + " " + pickStr(r, groupNouns) + " " + pickStr(r, groupTypes)
		case x < 40:
			name = "the " + pickStr(r, groupNouns) + " " + pickStr(r, groupTypes) + " of " + w.ents[provinces[r.IntN(len(provinces))]].first[0]
		case x < 48:
			t := w.ents[towns[r.IntN(len(towns))]].first[0]
			name = "the " + t + " " + pickStr(r, []string{"Military Council", "Revolutionaries Front", "Defence Forces", "Brigade", "Martyrs Battalion", "Shield Forces"})
		case x < 58:
			name = "the " + pickStr(r, []string{"Front", "Movement", "Army", "Council", "Alliance"}) + " for the " + pickStr(r, groupCauses) + " of " + w.ents[provinces[r.IntN(len(provinces))]].first[0]
		default:
			english = false
			tail := arabicGroupTails[r.IntN(len(arabicGroupTails))]
			head := arabicGroupHeads[r.IntN(len(arabicGroupHeads))]
			name = head.ar + " " + tail.ar
			if r.IntN(3) == 0 {
				name += " " + pickStr(r, th.regions)
			}
			gloss = "the " + head.en + " of " + tail.en
		}
		if used[name] && attempt < 30 {
			continue
		}
		used[name] = true
		first = []string{name}
		later = []string{name}
		if english {
			if acr := acronym(name); acr != "" && !used["acr:"+acr] && r.IntN(5) < 2 {
				first = []string{name + " (" + acr + ")"}
				later = []string{"the " + acr, "the " + acr, name}
			}
			return first, later
		}
		if r.IntN(3) == 0 {
			first = append(first, name+" ("+gloss+")")
		}
		if r.IntN(5) == 0 {
			// "Jaish al-Islam" gives "JAI", "Liwa Suqour al-Sham" "LSS".
			var acr []byte
			fields := strings.Fields(name)
			for _, f := range fields {
				if strings.HasPrefix(f, "al-") && len(f) > 3 {
					if len(fields) == 2 {
						acr = append(acr, 'A')
					}
					acr = append(acr, upper(f[3]))
				} else if isUpperWord(f) {
					acr = append(acr, f[0])
				}
			}
			if used["acr:"+string(acr)] {
				return first, later
			}
			first = []string{name + " (" + string(acr) + ")"}
			later = []string{string(acr), name}
		}
		return first, later
	}
}

func inventOrg(r *rand.Rand, th *theatre, w *world, towns, provinces []int32, used map[string]bool) (string, bool) {
	for attempt := 0; ; attempt++ {
		p := pickStr(r, orgPatterns)
		name := strings.NewReplacer(
			"{town}", w.ents[towns[r.IntN(len(towns))]].first[0],
			"{province}", w.ents[provinces[r.IntN(len(provinces))]].first[0],
			"{demonym}", th.demonym,
			"{cause}", pickStr(r, groupCauses),
			"{adj}", pickStr(r, orgAdjectives),
		).Replace(p)
		if used[name] && attempt < 20 {
			continue
		}
		used[name] = true
		monitor := strings.Contains(p, "Monitor") || strings.Contains(p, "Documentation") || strings.Contains(p, "Network") || strings.Contains(p, "Health")
		return name, monitor
	}
}

// orgForms gives the first-mention and later forms of an invented
// organisation: long names often get an acronym.
func orgForms(r *rand.Rand, name string) (first, later []string) {
	if acr := acronym(name); len(acr) >= 3 && len(name) > 30 && r.IntN(2) == 0 {
		return []string{name + " (" + acr + ")"}, []string{"the " + acr, name}
	}
	return []string{name}, []string{name}
}
