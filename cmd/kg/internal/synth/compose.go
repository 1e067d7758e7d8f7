package synth

import (
	"math"
	"math/rand/v2"
	"strconv"
)

// Style is how an article is composed.
type Style int

const (
	StyleInterviewA     Style = iota // Q&A with "Q:" and "A:" lines
	StyleInterviewPlain              // Q&A with "Q:" lines and bare answers
	StyleWire                        // wire report: quotes, indirect speech, "according to"
	StyleStatement                   // statements and announcements by groups
	StyleMonitoring                  // monitoring-group casualty figures
	StyleAnalysis                    // relations between armed groups and places
	StyleNarrative                   // the publisher's own narrative
	numStyles
)

var styleNames = [numStyles]string{"interview-a", "interview", "wire", "statement", "monitoring", "analysis", "narrative"}

// String names the style.
func (s Style) String() string {
	if s < 0 || s >= numStyles {
		return "style(" + strconv.Itoa(int(s)) + ")"
	}
	return styleNames[s]
}

// Styles lists every style's name.
func Styles() []string { return append([]string(nil), styleNames[:]...) }

var styleWeights = [numStyles]int{8, 9, 32, 11, 15, 12, 13}

// Paragraph units.
const (
	uEvent = iota
	uRelation
	uNegRelation
	uHuman
	uBackground
	uLocation
	uFigures
	uDirect
	uIndirect
	uAccording
	uStatement
	numUnits
)

// unitWeights gives, per style, how often each unit appears in body
// paragraphs (interviews use them only around the Q&A).
var unitWeights = [numStyles][numUnits]int{
	StyleInterviewA:     {3, 2, 0, 2, 2, 1, 2, 3, 2, 1, 0},
	StyleInterviewPlain: {3, 2, 0, 2, 2, 1, 2, 3, 2, 1, 0},
	StyleWire:           {6, 2, 1, 2, 2, 1, 3, 8, 6, 5, 2},
	StyleStatement:      {3, 2, 1, 1, 1, 1, 1, 4, 3, 2, 10},
	StyleMonitoring:     {4, 1, 0, 3, 1, 1, 10, 2, 2, 4, 1},
	StyleAnalysis:       {3, 10, 3, 1, 4, 3, 1, 3, 3, 3, 1},
	StyleNarrative:      {4, 2, 0, 6, 4, 3, 1, 3, 2, 2, 0},
}

// Body length bounds in bytes.
const (
	minBody = 1100
	maxBody = 7900
)

// scope binds the slots of the sentences being composed.
type scope struct {
	g [3]int32
	t [3]int32
	p [3]int32
	o [2]int32
}

func emptyScope() scope {
	return scope{g: [3]int32{none, none, none}, t: [3]int32{none, none, none}, p: [3]int32{none, none, none}, o: [2]int32{none, none}}
}

type seenEntity struct {
	id int32
	n  int32
}

// composer writes one article. It is used once.
type composer struct {
	w       *world
	ts      *templateSet
	r       *rand.Rand
	cd      *countryData
	pub     *publisher
	style   Style
	art     artStyle
	variant uint32
	date    date
	title   bool // rendering the title: no first-mention bookkeeping

	groups, people, towns, orgs []int32
	seen                        []seenEntity
	used                        []*piece // first pieces of the templates used
	sc                          scope

	out, par, tmp, q []byte
	lastSpeaker      int32 // speaker of the paragraph's previous claim
}

func (c *composer) pick(n int) int { return c.r.IntN(n) }

func (c *composer) chance(percent int) bool { return c.r.IntN(100) < percent }

// front picks an index of a slice of length n, biased toward the front.
func (c *composer) front(n int) int {
	a, b := c.r.IntN(n), c.r.IntN(n)
	return min(a, b)
}

func (c *composer) oneOf(s []string) string { return s[c.r.IntN(len(s))] }

// ---- cast and binding ----

func (c *composer) initCast() {
	for n := 2 + c.pick(4); n > 0; n-- {
		c.groups = appendUnique(c.groups, c.cd.groups.pick(c.r))
	}
	for n := 2 + c.pick(4); n > 0; n-- {
		c.towns = appendUnique(c.towns, c.cd.towns.pick(c.r))
	}
	for n := 2 + c.pick(5); n > 0; n-- {
		if c.chance(50) {
			g := &c.w.ents[c.groups[c.front(len(c.groups))]]
			if len(g.members) > 0 {
				c.people = appendUnique(c.people, g.members[c.front(len(g.members))])
				continue
			}
		}
		c.people = appendUnique(c.people, c.cd.people.pick(c.r))
	}
	if m := c.cd.monitors.pick(c.r); m != none {
		c.orgs = append(c.orgs, m)
	}
	if c.chance(40) {
		c.orgs = appendUnique(c.orgs, c.cd.orgs.pick(c.r))
	}
}

func (c *composer) inScope(ids []int32, id int32) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// castPick picks from a cast list, avoiding ids already bound; draw adds
// a new entity from the world when the cast has none left.
func (c *composer) castPick(list *[]int32, bound []int32, draw func() int32) int32 {
	for try := 0; try < 4 && len(*list) > 0; try++ {
		id := (*list)[c.front(len(*list))]
		if !c.inScope(bound, id) {
			return id
		}
	}
	for _, id := range *list {
		if !c.inScope(bound, id) && c.chance(50) {
			return id
		}
	}
	for try := 0; try < 4; try++ {
		id := draw()
		if id != none && !c.inScope(bound, id) {
			*list = append(*list, id)
			return id
		}
	}
	return none
}

// related picks one of candidates, preferring those already in the cast.
func (c *composer) related(candidates []int32, cast *[]int32, bound []int32) int32 {
	if len(candidates) == 0 {
		return none
	}
	if c.chance(85) {
		for _, id := range candidates {
			if c.inScope(*cast, id) && !c.inScope(bound, id) {
				return id
			}
		}
	}
	for try := 0; try < 3; try++ {
		id := candidates[c.pick(len(candidates))]
		if !c.inScope(bound, id) {
			*cast = appendUnique(*cast, id)
			return id
		}
	}
	return none
}

func (c *composer) bindGroup(i int, mod uint8) bool {
	if c.sc.g[i] != none {
		return true
	}
	bound := c.sc.g[:]
	if mod == modNone || i == 0 {
		c.sc.g[i] = c.castPick(&c.groups, bound, func() int32 { return c.cd.groups.pick(c.r) })
		return c.sc.g[i] != none
	}
	if !c.bindGroup(0, modNone) {
		return false
	}
	e := &c.w.ents[c.sc.g[0]]
	switch mod {
	case modEnemy:
		c.sc.g[i] = c.related(e.enemies, &c.groups, bound)
	case modAlly:
		c.sc.g[i] = c.related(e.allies, &c.groups, bound)
	case modParent:
		if e.parent != none && !c.inScope(bound, e.parent) {
			c.sc.g[i] = e.parent
			c.groups = appendUnique(c.groups, e.parent)
		}
	}
	return c.sc.g[i] != none
}

func (c *composer) bindTown(i int, mod uint8) bool {
	if c.sc.t[i] != none {
		return true
	}
	if mod == modHeld || mod == modHeld2 {
		gi := 0
		if mod == modHeld2 {
			gi = 1
		}
		if !c.bindGroup(gi, modNone) {
			return false
		}
		c.sc.t[i] = c.related(c.w.ents[c.sc.g[gi]].held, &c.towns, c.sc.t[:])
		return c.sc.t[i] != none
	}
	c.sc.t[i] = c.castPick(&c.towns, c.sc.t[:], func() int32 { return c.cd.towns.pick(c.r) })
	return c.sc.t[i] != none
}

func (c *composer) bindPerson(i int, mod uint8) bool {
	if c.sc.p[i] != none {
		return true
	}
	if mod == modMember {
		if !c.bindGroup(0, modNone) {
			return false
		}
		members := c.w.ents[c.sc.g[0]].members
		if len(members) == 0 {
			return false
		}
		for _, id := range c.people {
			if c.w.ents[id].parent == c.sc.g[0] && !c.inScope(c.sc.p[:], id) {
				c.sc.p[i] = id
				return true
			}
		}
		id := members[c.front(len(members))]
		if c.inScope(c.sc.p[:], id) {
			return false
		}
		c.people = append(c.people, id)
		c.sc.p[i] = id
		return true
	}
	c.sc.p[i] = c.castPick(&c.people, c.sc.p[:], func() int32 { return c.cd.people.pick(c.r) })
	return c.sc.p[i] != none
}

func (c *composer) bindOrg(i int) bool {
	if c.sc.o[i] != none {
		return true
	}
	if i == 0 { // a monitoring group
		for _, id := range c.orgs {
			if c.w.ents[id].monitor && c.chance(80) {
				c.sc.o[0] = id
				return true
			}
		}
		var id int32
		if c.chance(75) && len(c.cd.monitors.ids) > 0 {
			id = c.cd.monitors.pick(c.r)
		} else {
			id = c.w.globalMon[c.pick(len(c.w.globalMon))]
		}
		c.orgs = appendUnique(c.orgs, id)
		c.sc.o[0] = id
		return true
	}
	if c.chance(30) {
		c.sc.o[1] = c.w.globalOrgs[c.pick(len(c.w.globalOrgs))]
	} else if len(c.orgs) > 0 && c.chance(50) {
		c.sc.o[1] = c.orgs[c.pick(len(c.orgs))]
	} else {
		c.sc.o[1] = c.cd.orgs.pick(c.r)
	}
	c.orgs = appendUnique(c.orgs, c.sc.o[1])
	return true
}

// bind fills every slot of t that the scope does not hold yet, or
// reports false (leaving the scope as it was) when a relation it needs
// does not exist.
func (c *composer) bind(t tmpl) bool {
	saved := c.sc
	ok := true
	for pass := 0; pass < 3 && ok; pass++ {
		for k := range t {
			p := &t[k]
			switch {
			case p.kind == 'G' && pass == 0 && p.mod == modNone,
				p.kind == 'G' && pass == 1 && p.mod != modNone:
				ok = ok && c.bindGroup(int(p.idx), p.mod)
			case pass != 2:
			case p.kind == 'T':
				ok = ok && c.bindTown(int(p.idx), p.mod)
			case p.kind == 'V':
				ok = ok && c.bindTown(int(p.idx), modNone)
			case p.kind == 'P':
				ok = ok && c.bindPerson(int(p.idx), p.mod)
			case p.kind == 'O':
				ok = ok && c.bindOrg(int(p.idx))
			}
		}
	}
	if !ok {
		c.sc = saved
	}
	return ok
}

// choose binds one of list (trying a few) and returns it, or nil.
// Templates already used in the article are avoided while others bind.
func (c *composer) choose(list []tmpl) tmpl {
	for try := 0; try < 10; try++ {
		t := list[c.pick(len(list))]
		used := c.usedTemplate(t)
		if used && try < 7 {
			continue
		}
		if c.bind(t) {
			if !used {
				c.used = append(c.used, &t[0])
			}
			return t
		}
	}
	return nil
}

func (c *composer) usedTemplate(t tmpl) bool {
	for _, p := range c.used {
		if p == &t[0] {
			return true
		}
	}
	return false
}

// ---- rendering ----

func (c *composer) mark(id int32) int32 {
	for k := range c.seen {
		if c.seen[k].id == id {
			c.seen[k].n++
			return c.seen[k].n - 1
		}
	}
	c.seen = append(c.seen, seenEntity{id: id, n: 1})
	return 0
}

// named reports whether the article has mentioned id.
func (c *composer) named(id int32) bool {
	for _, x := range c.seen {
		if x.id == id {
			return true
		}
	}
	return false
}

func (c *composer) appendForm(dst []byte, form string) []byte {
	v := c.variant
	if c.pick(30) == 0 {
		v ^= c.r.Uint32() // an occasional inconsistent spelling
	}
	return appendName(dst, form, v, c.art)
}

// appendEntity writes a mention of id: its first form on first mention
// (with a description for people when desc is set), later forms after.
func (c *composer) appendEntity(dst []byte, id int32, desc bool) []byte {
	e := &c.w.ents[id]
	if c.title {
		if e.kind == kPerson || len(e.later) == 0 {
			return c.appendForm(dst, stripParen(e.first[0]))
		}
		return c.appendForm(dst, e.later[c.pick(len(e.later))])
	}
	n := c.mark(id)
	switch e.kind {
	case kPerson:
		if n > 0 {
			if c.chance(12) {
				return c.appendForm(dst, e.first[0])
			}
			return c.appendForm(dst, e.later[0])
		}
		if desc && e.parent != none && e.role.fighting() && c.chance(25) {
			if short := c.shortGroup(e.parent); short != "" {
				// "SDF spokesman Ahmed Haddad"
				dst = c.appendForm(dst, short)
				dst = append(dst, ' ')
				dst = append(dst, roleNoun(e)...)
				dst = append(dst, ' ')
				return c.appendForm(dst, e.first[0])
			}
		}
		if e.title != "" && c.chance(70) {
			dst = append(dst, e.title...)
			dst = append(dst, ' ')
		}
		dst = c.appendForm(dst, e.first[0])
		if desc {
			dst = append(dst, ", "...)
			dst = c.describe(dst, id)
			dst = append(dst, ',')
		}
		return dst
	case kGroup, kOrg:
		if n == 0 || len(e.later) == 0 {
			return c.appendForm(dst, e.first[c.pick(len(e.first))])
		}
		return c.appendForm(dst, e.later[c.pick(len(e.later))])
	}
	return c.appendForm(dst, e.first[0])
}

// shortGroup returns a one-word later form of a group ("SDF", "HTS"),
// without its article, or "" — also when the article has not named the
// group yet.
func (c *composer) shortGroup(id int32) string {
	if !c.named(id) {
		return ""
	}
	for _, f := range c.w.ents[id].later {
		s := f
		if len(s) > 4 && s[:4] == "the " {
			s = s[4:]
		}
		if len(s) >= 2 && len(s) <= 6 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' {
			c.mark(id)
			return s
		}
	}
	return ""
}

func stripParen(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '(' && i > 0 {
			return s[:i-1]
		}
	}
	return s
}

func roleNoun(e *entity) string {
	switch e.role {
	case roleLeader:
		return "leader"
	case roleCommander:
		return "commander"
	case roleSpokesman:
		if e.female {
			return "spokeswoman"
		}
		return "spokesman"
	}
	return "member"
}

// describe writes the apposition for a person's first mention, which
// names their group or organisation or town.
func (c *composer) describe(dst []byte, id int32) []byte {
	e := &c.w.ents[id]
	switch e.role {
	case roleLeader:
		dst = append(dst, c.oneOf([]string{"the leader of ", "the head of ", "the founder of "})...)
	case roleCommander:
		dst = append(dst, c.oneOf([]string{"a commander in ", "a field commander with ", "a senior commander of ", "the military commander of "})...)
	case roleSpokesman:
		if e.female {
			dst = append(dst, c.oneOf([]string{"a spokeswoman for ", "the spokeswoman of "})...)
		} else {
			dst = append(dst, c.oneOf([]string{"a spokesman for ", "the spokesman of ", "the official spokesman for "})...)
		}
	case roleFighter:
		dst = append(dst, c.oneOf([]string{"a fighter with ", "a member of ", "a fighter from "})...)
	case roleMonitor:
		dst = append(dst, c.oneOf([]string{"the head of ", "a researcher with ", "the director of ", "a member of "})...)
	case roleAnalyst:
		dst = append(dst, c.oneOf([]string{"an analyst at ", "a researcher at ", "a senior fellow at "})...)
	case roleDoctor:
		if e.parent != none {
			dst = append(dst, c.oneOf([]string{"a doctor with ", "a physician working with "})...)
		} else {
			dst = append(dst, "a doctor at a field hospital in "...)
			return c.appendEntity(dst, e.home, false)
		}
	case roleJournalist:
		dst = append(dst, "a reporter for "...)
	case roleActivist:
		if e.parent != none {
			dst = append(dst, c.oneOf([]string{"a member of ", "an activist with ", "a volunteer with "})...)
		} else {
			dst = append(dst, c.oneOf([]string{"a media activist in ", "an activist from ", "a citizen journalist in "})...)
			return c.appendEntity(dst, e.home, false)
		}
	case roleOfficial:
		if c.chance(50) {
			dst = append(dst, "a member of the local council in "...)
			return c.appendEntity(dst, e.home, false)
		}
		dst = append(dst, c.oneOf([]string{"an official in ", "the deputy governor of ", "a civil defence official in "})...)
		return c.appendEntity(dst, c.w.ents[e.home].parent, false)
	default:
		if e.female {
			dst = append(dst, c.oneOf([]string{"a resident of ", "a teacher from ", "a mother of four from ", "a nurse from "})...)
		} else {
			dst = append(dst, c.oneOf([]string{"a resident of ", "a shopkeeper from ", "a farmer from ", "a teacher from ", "a displaced man from "})...)
		}
		return c.appendEntity(dst, e.home, false)
	}
	if e.parent == none {
		return append(dst, "a local group"...)
	}
	return c.appendEntity(dst, e.parent, false)
}

// render writes a bound template; "|" becomes a space.
func (c *composer) render(dst []byte, t tmpl) []byte {
	for k := range t {
		at := len(dst)
		newSentence := at >= 2 && dst[at-1] == ' ' && (dst[at-2] == '.' || dst[at-2] == '?' || dst[at-2] == '!')
		dst = c.renderPiece(dst, &t[k])
		if newSentence {
			capitalizeAt(dst, at)
		}
	}
	return dst
}

func (c *composer) renderPiece(dst []byte, p *piece) []byte {
	switch p.kind {
	case 0:
		return append(dst, p.lit...)
	case '|':
		if len(dst) > 0 && dst[len(dst)-1] != ' ' {
			dst = append(dst, ' ')
		}
		return dst
	case '=':
		return append(dst, p.opts[c.pick(len(p.opts))]...)
	case 'G':
		return c.appendEntity(dst, c.sc.g[p.idx], false)
	case 'T':
		return c.appendEntity(dst, c.sc.t[p.idx], false)
	case 'V':
		return c.appendEntity(dst, c.w.ents[c.sc.t[p.idx]].parent, false)
	case 'P':
		return c.appendEntity(dst, c.sc.p[p.idx], p.desc)
	case 'O':
		return c.appendEntity(dst, c.sc.o[p.idx], false)
	case 'M':
		return c.appendOutlet(dst)
	case 'N':
		return c.appendNumber(dst, p.idx)
	case 'D':
		return c.appendDay(dst)
	case 'Y':
		return strconv.AppendInt(dst, int64(2011+c.pick(c.date.year-2011+1)), 10)
	case 'C':
		return c.appendForm(dst, c.oneOf(c.cd.th.neighbors))
	case 'K':
		return c.appendEntity(dst, c.cd.place, false)
	}
	return dst
}

func (c *composer) appendOutlet(dst []byte) []byte {
	if c.chance(50) {
		return c.appendEntity(dst, c.pub.ent, false)
	}
	return append(dst, c.oneOf(wireAgencies)...)
}

// appendNumber writes a casualty count (idx 0, 1), a large count (2) or
// a small count in words (3).
func (c *composer) appendNumber(dst []byte, idx uint8) []byte {
	switch idx {
	case 2:
		n := int(math.Exp(6 + 6*c.r.Float64()))
		switch {
		case n > 10000:
			n = n / 1000 * 1000
		case n > 1000:
			n = n / 100 * 100
		}
		return appendCount(dst, n)
	case 3:
		return append(dst, smallNumbers[2+c.pick(len(smallNumbers)-2)]...)
	}
	n := 1 + int(math.Exp(4*c.r.Float64()*c.r.Float64()))
	n = max(n, 2) // "1 people" reads badly
	if c.chance(10) {
		n *= 10
	}
	if n <= 12 && c.chance(60) {
		return append(dst, smallNumbers[n]...)
	}
	return appendCount(dst, n)
}

func (c *composer) appendDay(dst []byte) []byte {
	switch c.pick(10) {
	case 0:
		dst = append(dst, "late on "...)
	case 1:
		dst = append(dst, "early on "...)
	case 2:
		return append(dst, c.oneOf([]string{"overnight", "last week", "earlier this month", "at dawn", "this week"})...)
	case 3:
		dst = append(dst, "on "...)
		dst = append(dst, months[c.date.month-1]...)
		dst = append(dst, ' ')
		return strconv.AppendInt(dst, int64(1+c.pick(daysIn(c.date.year, c.date.month))), 10)
	case 4, 5:
		return append(dst, weekdays[c.pick(7)]...)
	default:
		dst = append(dst, "on "...)
	}
	dst = append(dst, weekdays[c.pick(7)]...)
	if c.chance(20) {
		dst = append(dst, c.oneOf([]string{" morning", " evening", " night", " afternoon"})...)
	}
	return dst
}
