package synth

import (
	"math"
	"math/rand/v2"
	"strconv"
)

// Article is one generated news article.
type Article struct {
	URL       string
	Title     string
	Publisher string
	Date      string // as the header gives it: "June 11, 2014", "2014-06-11", "11 June 2014", "unknown", ...
	Kind      string // header kind: interview, report, statement, news update, analysis, explainer, feature
	Text      string
	// Style is how the generator composed the article (see Styles). It is
	// not written to the output.
	Style string
}

// splitmix64 scrambles a seed.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Year weights, 2011 to 2025: the archive is densest mid-decade.
var yearWeights = []int{4, 7, 10, 12, 12, 11, 9, 7, 6, 5, 5, 5, 5, 6, 6}

func weighted(r *rand.Rand, weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for k, w := range weights {
		if n < w {
			return k
		}
		n -= w
	}
	return len(weights) - 1
}

// scratch holds a composer's buffers, reused from article to article by
// one goroutine.
type scratch struct {
	pcg                         rand.PCG
	r                           *rand.Rand
	out, par, tmp, q            []byte
	groups, people, towns, orgs []int32
	seen                        []seenEntity
	used                        []*piece
}

func newScratch() *scratch {
	s := &scratch{
		out: make([]byte, 0, 8192), par: make([]byte, 0, 2048), tmp: make([]byte, 0, 512), q: make([]byte, 0, 512),
		seen: make([]seenEntity, 0, 64), used: make([]*piece, 0, 64),
	}
	s.r = rand.New(&s.pcg)
	return s
}

// article composes the i-th article with the buffers of s.
func (g *Generator) article(i int, s *scratch) Article {
	s.pcg.Seed(splitmix64(g.seed), splitmix64(g.seed^(uint64(i)+1)*0xd1342543de82ef95))
	r := s.r
	w := g.w
	c := &composer{w: w, ts: w.tpl, r: r, lastSpeaker: none,
		out: s.out[:0], par: s.par[:0], tmp: s.tmp[:0], q: s.q[:0],
		groups: s.groups[:0], people: s.people[:0], towns: s.towns[:0], orgs: s.orgs[:0],
		seen: s.seen[:0], used: s.used[:0]}
	defer func() {
		s.out, s.par, s.tmp, s.q = c.out, c.par, c.tmp, c.q
		s.groups, s.people, s.towns, s.orgs = c.groups, c.people, c.towns, c.orgs
		s.seen, s.used = c.seen, c.used
	}()
	c.style = Style(weighted(r, styleWeights[:]))
	cum := w.countryCum
	n := r.IntN(cum[len(cum)-1])
	ti := 0
	for n >= cum[ti] {
		ti++
	}
	c.cd = &w.countries[ti]
	c.pub = &w.publishers[c.front(len(w.publishers))]
	c.art = c.pub.style.article
	if c.chance(20) {
		c.art = artStyle(c.pick(4))
	}
	c.variant = r.Uint32()
	y := 2011 + weighted(r, yearWeights)
	m := 1 + r.IntN(12)
	c.date = date{year: y, month: m, day: 1 + r.IntN(daysIn(y, m))}
	c.initCast()

	// The interviewee is chosen first: the title names them.
	interviewee, interviewer := none, none
	c.sc = emptyScope()
	if c.style == StyleInterviewA || c.style == StyleInterviewPlain {
		c.bindPerson(0, modNone)
		interviewee = c.sc.p[0]
		if e := &w.ents[interviewee]; e.role.fighting() && e.parent != none {
			c.sc.g[0] = e.parent
		}
		interviewer = c.pub.staff[c.pick(len(c.pub.staff))]
	}
	title := c.renderTitle()
	lead := c.sc

	var a Article
	a.Style = c.style.String()
	a.Title = title
	a.Publisher = c.pub.name
	a.Kind = c.kind()
	format := c.pub.style.dateFormat
	switch x := c.pick(100); {
	case x < 8:
		format = dateUnknown
	case x < 10:
		format = dateMonth
	case x < 30:
		format = c.pick(3)
	}
	c.tmp = appendDate(c.tmp[:0], c.date, format)
	a.Date = string(c.tmp)
	a.URL = c.url(i, title)

	c.boilerplate(title)
	target := int(math.Exp(math.Log(3000) + 0.42*r.NormFloat64()))
	target = max(minBody+200, min(target, maxBody-300))
	switch c.style {
	case StyleInterviewA, StyleInterviewPlain:
		c.interview(interviewee, interviewer, target)
	default:
		c.report(lead, target)
	}
	c.out = append(c.out, '\n')
	a.Text = string(c.out)
	return a
}

func (c *composer) renderTitle() string {
	c.title = true
	defer func() { c.title = false }()
	t := c.choose(c.ts.titles[c.style])
	if t == nil {
		c.tmp = append(c.tmp[:0], "News from "...)
		c.tmp = c.appendEntity(c.tmp, c.cd.place, false)
	} else {
		c.tmp = c.render(c.tmp[:0], t)
	}
	capitalizeAt(c.tmp, 0)
	return string(c.tmp)
}

func (c *composer) kind() string {
	switch c.style {
	case StyleInterviewA, StyleInterviewPlain:
		if c.chance(88) {
			return "interview"
		}
		return "report"
	case StyleStatement:
		if c.chance(50) {
			return "statement"
		}
	case StyleMonitoring:
		if c.chance(40) {
			return "news update"
		}
	case StyleAnalysis:
		if c.chance(50) {
			return "analysis"
		}
		return "explainer"
	case StyleNarrative:
		if c.chance(60) {
			return "feature"
		}
	}
	return "report"
}

// url builds https://example.org/<publisher>/<yyyy>/<mm>/<title-slug>-<n>;
// the article number makes it unique.
func (c *composer) url(i int, title string) string {
	b := c.tmp[:0]
	b = append(b, "https://example.org/"...)
	b = append(b, c.pub.slug...)
	b = append(b, '/')
	b = strconv.AppendInt(b, int64(c.date.year), 10)
	b = append(b, '/')
	b = appendPad(b, c.date.month, 2)
	b = append(b, '/')
	b = slugify(b, title, 70)
	b = append(b, '-')
	b = strconv.AppendInt(b, int64(i+1), 10)
	c.tmp = b
	return string(b)
}

// boilerplate writes the publisher's page furniture above the body, as
// paragraphs of its own.
func (c *composer) boilerplate(title string) {
	line := func(b []byte) {
		if len(c.out) > 0 {
			c.out = append(c.out, "\n\n"...)
		}
		c.out = append(c.out, b...)
	}
	switch c.pub.style.boiler {
	case 1:
		line([]byte(title))
		line(appendDate(c.tmp[:0], c.date, dateLong))
	case 2:
		line(strconv.AppendInt(c.tmp[:0], int64(2+c.pick(6)), 10))
		c.out = append(c.out, " min read"...)
		line([]byte(title))
		line(appendDate(c.tmp[:0], c.date, dateDayLong))
		line(appendDate(c.tmp[:0], c.date, dateLong))
	case 3:
		line([]byte(c.oneOf([]string{"Reports", "News", "Middle East", "Africa", "World"})))
		line([]byte(title))
		if c.chance(50) {
			line([]byte(c.pub.name))
			c.out = append(c.out, " – Agencies"...)
		} else {
			line([]byte("By "))
			c.out = appendName(c.out, c.w.ents[c.pub.staff[0]].first[0], c.variant, c.art)
		}
	}
}

// report composes every style but the interview: a lead paragraph in the
// style's manner, then paragraphs of mixed units up to the target length.
func (c *composer) report(lead scope, target int) {
	// The lead continues the title's bindings.
	c.sc = lead
	start := c.sentence()
	if c.style == StyleWire && c.pub.style.dateline && c.bindTown(0, modNone) {
		c.tmp = c.appendEntity(c.tmp[:0], c.sc.t[0], false)
		for k, b := range c.tmp {
			if b >= 'a' && b <= 'z' {
				c.tmp[k] = b - 'a' + 'A'
			}
		}
		c.par = append(c.par, c.tmp...)
		c.par = append(c.par, ", "...)
		c.par = c.appendEntity(c.par, c.cd.place, false)
		c.par = append(c.par, " ("...)
		c.par = append(c.par, c.pub.name...)
		c.par = append(c.par, ") — "...)
		start = len(c.par)
	}
	bullets := c.style == StyleMonitoring && c.chance(45)
	if bullets {
		c.par = append(c.par[:start], "* "...)
	}
	var list []tmpl
	switch c.style {
	case StyleMonitoring:
		list = c.ts.figures
	case StyleAnalysis:
		list = c.ts.relation
	case StyleNarrative:
		list = c.ts.human
	case StyleStatement:
		list = nil
	default:
		list = c.ts.event
	}
	if list != nil {
		if t := c.choose(list); t != nil {
			c.par = c.render(c.par, t)
			capitalizeAt(c.par, start)
		}
	} else {
		c.statement()
	}
	c.unit(c.pickUnit())
	c.flush()
	for guard := 0; len(c.out) < target && guard < 200; guard++ {
		if !c.paragraph(bullets) {
			break
		}
	}
}

var topicPhrases = []string{
	"the battle for {T}", "the siege of {T}", "the situation in {V}", "relations between {G} and {G2}",
	"life under {G} in {T}", "the humanitarian situation in {T}", "the threats facing activists in {V}",
	"the offensive of {G} in {V}", "why families are leaving {T}",
}

// interview composes an intro naming interviewee and interviewer, some
// context, then questions and answers up to the target length.
func (c *composer) interview(interviewee, interviewer int32, target int) {
	e := &c.w.ents[interviewee]
	ee := speaker{id: interviewee}
	c.sc = emptyScope()
	if e.role.fighting() && e.parent != none {
		c.sc.g[0] = e.parent
	}
	topic := c.choose(c.ts.topics)
	start := c.sentence()
	pubAndReporter := func() {
		c.par = c.appendEntity(c.par, c.pub.ent, false)
		c.par = append(c.par, "’s "...)
		c.par = c.appendEntity(c.par, interviewer, false)
	}
	switch c.pick(5) {
	case 0:
		pubAndReporter()
		c.par = append(c.par, c.oneOf([]string{" spoke with ", " talked to ", " interviewed "})...)
		c.par = c.appendEntity(c.par, interviewee, true)
		c.par = append(c.par, " about "...)
		c.par = c.render(c.par, topic)
		c.par = append(c.par, '.')
	case 1:
		c.par = c.appendEntity(c.par, interviewee, true)
		c.par = append(c.par, " tells "...)
		pubAndReporter()
		c.par = append(c.par, " that "...)
		if c.clause(ee) {
			c.par = append(c.par, c.q...)
		} else {
			c.par = append(c.par, "the fighting is not over"...)
		}
		c.par = append(c.par, '.')
	case 2:
		c.par = append(c.par, "In an interview with "...)
		c.par = c.appendEntity(c.par, c.pub.ent, false)
		c.par = append(c.par, ", "...)
		c.par = c.appendEntity(c.par, interviewee, true)
		c.par = append(c.par, " discussed "...)
		c.par = c.render(c.par, topic)
		c.par = append(c.par, '.')
	case 3:
		c.par = c.appendEntity(c.par, interviewer, false)
		c.par = append(c.par, " interviewed "...)
		c.par = c.appendEntity(c.par, interviewee, true)
		c.par = append(c.par, ' ')
		c.par = c.appendDay(c.par)
		c.par = append(c.par, " about "...)
		c.par = c.render(c.par, topic)
		c.par = append(c.par, '.')
	default:
		c.par = c.appendEntity(c.par, interviewee, true)
		c.par = append(c.par, " spoke to "...)
		c.par = c.appendEntity(c.par, c.pub.ent, false)
		c.par = append(c.par, " about "...)
		c.par = c.render(c.par, topic)
		c.par = append(c.par, '.')
	}
	capitalizeAt(c.par, start)
	if c.chance(20) {
		c.sentence()
		c.par = append(c.par, "The interview has been edited for length and clarity."...)
	}
	c.flush()
	for n := c.pick(3); n > 0; n-- {
		c.paragraph(false)
	}
	if c.chance(40) {
		c.lastSpeaker = interviewee
		c.direct(ee)
		c.flush()
	}

	withA := c.style == StyleInterviewA
	for guard := 0; len(c.out) < target && guard < 100; guard++ {
		if !c.questionAnswer(ee, withA) {
			break
		}
	}
}

// questionAnswer appends one "Q:" paragraph and its answer.
func (c *composer) questionAnswer(ee speaker, withA bool) bool {
	e := &c.w.ents[ee.id]
	c.sc = emptyScope()
	if e.role.fighting() && e.parent != none && c.chance(50) {
		c.sc.g[0] = e.parent
	}
	topic := c.pick(numTopics)
	q := c.choose(c.ts.questions[topic])
	if q == nil {
		return true
	}
	if c.chance(10) {
		c.par = append(c.par, "Q:  "...)
	} else {
		c.par = append(c.par, "Q: "...)
	}
	start := len(c.par)
	c.par = c.render(c.par, q)
	capitalizeAt(c.par, start)
	if !c.flush() {
		return false
	}
	mark := len(c.out)

	if withA {
		c.par = append(c.par, "A: "...)
	}
	var ans tmpl
	if len(c.ts.denials[topic]) > 0 && c.chance(25) {
		ans = c.choose(c.ts.denials[topic])
	}
	if ans == nil {
		ans = c.choose(c.ts.answers[topic])
	}
	if ans != nil {
		start := c.sentence()
		c.par = c.render(c.par, ans)
		capitalizeAt(c.par, start)
	}
	if c.chance(10) {
		// An editorial insertion in brackets.
		c.sc = emptyScope()
		if t := c.choose(c.ts.relation); t != nil {
			c.sentence()
			c.par = append(c.par, '[')
			start := len(c.par)
			c.par = c.render(c.par, t)
			capitalizeAt(c.par, start)
			if c.par[len(c.par)-1] == '.' {
				c.par = c.par[:len(c.par)-1]
			}
			c.par = append(c.par, ']')
		}
	}
	more := c.pick(4)
	for k := 0; k < more; k++ {
		if k == 2 && c.chance(50) {
			// A long answer runs into a second paragraph.
			if !c.flush() {
				break
			}
		}
		if c.chance(30) && c.clause(ee) {
			start := c.sentence()
			c.par = append(c.par, c.q...)
			c.par = append(c.par, '.')
			capitalizeAt(c.par, start)
			continue
		}
		if t := c.quoteFor(ee); t != nil {
			start := c.sentence()
			c.par = c.render(c.par, t)
			capitalizeAt(c.par, start)
		}
	}
	if !c.flush() {
		// The answer does not fit: drop its question too.
		c.out = c.out[:mark]
		for len(c.out) > 0 && c.out[len(c.out)-1] != '\n' {
			c.out = c.out[:len(c.out)-1]
		}
		for len(c.out) > 0 && c.out[len(c.out)-1] == '\n' {
			c.out = c.out[:len(c.out)-1]
		}
		return false
	}
	return true
}
