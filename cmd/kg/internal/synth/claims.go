package synth

// Sentences and claims: narrative in the publisher's voice, direct and
// indirect quotes, "according to", statements, and the paragraphs built
// from them.

// sentence starts a sentence in the paragraph: a space after the last one.
func (c *composer) sentence() int {
	if len(c.par) > 0 && c.par[len(c.par)-1] != ' ' && c.par[len(c.par)-1] != '\n' {
		c.par = append(c.par, ' ')
	}
	return len(c.par)
}

// narrative appends one bound sentence of list in the publisher's voice.
func (c *composer) narrative(list []tmpl) {
	c.sc = emptyScope()
	t := c.choose(list)
	if t == nil {
		return
	}
	start := c.sentence()
	c.par = c.render(c.par, t)
	capitalizeAt(c.par, start)
}

// speaker is who a claim is attributed to: an entity, or an unnamed
// source's phrase.
type speaker struct {
	id      int32
	unnamed string
}

func (c *composer) pickSpeaker(named int) speaker {
	if !c.chance(named) {
		return speaker{id: none, unnamed: c.oneOf(unnamedSources)}
	}
	c.sc = emptyScope()
	c.bindPerson(0, modNone)
	return speaker{id: c.sc.p[0]}
}

// appendSpeaker names the speaker: a pronoun when they spoke last in the
// paragraph, a description on first mention.
func (c *composer) appendSpeaker(dst []byte, s speaker, pronounOK bool) []byte {
	if s.id == none {
		return append(dst, s.unnamed...)
	}
	e := &c.w.ents[s.id]
	if pronounOK && s.id == c.lastSpeaker && e.kind == kPerson && c.chance(60) {
		if e.female {
			return append(dst, "she"...)
		}
		return append(dst, "he"...)
	}
	c.lastSpeaker = s.id
	return c.appendEntity(dst, s.id, c.chance(85))
}

// quoteFor binds and renders a quote suited to the speaker into c.q.
func (c *composer) quoteFor(s speaker) tmpl {
	c.sc = emptyScope()
	list := c.ts.civilQuote
	if s.id != none {
		e := &c.w.ents[s.id]
		switch {
		case e.kind == kGroup:
			c.sc.g[0] = s.id
			list = c.ts.stmtQuote
		case e.role.fighting() && e.parent != none:
			c.sc.g[0] = e.parent
			list = c.ts.fighterQuote
		case e.role == roleMonitor && c.chance(60):
			list = c.ts.monQ
		}
	}
	return c.choose(list)
}

func (c *composer) cue() string {
	return c.oneOf([]string{"said", "said", "said", "said", "added", "explained", "stressed", "warned", "noted", "insisted"})
}

// appendQuoteBefore writes “content,” — the quote before its cue, with
// its final period turned into a comma.
func appendQuoteBefore(dst, content []byte) []byte {
	dst = append(dst, "“"...)
	end := len(content)
	for end > 0 && (content[end-1] == '.' || content[end-1] == ',' || content[end-1] == ';' || content[end-1] == ':' || content[end-1] == ' ') {
		end--
	}
	dst = append(dst, content[:end]...)
	if end < len(content) || end == 0 || (content[end-1] != '?' && content[end-1] != '!') {
		dst = append(dst, ',')
	}
	return append(dst, "”"...)
}

// direct appends a direct quote in one of several arrangements.
func (c *composer) direct(s speaker) {
	t := c.quoteFor(s)
	if t == nil {
		return
	}
	split := -1
	for k := range t {
		if t[k].kind == '|' {
			split = k
		}
	}
	start := c.sentence()
	form := c.pick(7)
	if split >= 0 && form < 3 {
		// “First part,” S said, “second part.” or across sentences.
		c.q = c.render(c.q[:0], t[:split])
		midSentence := len(c.q) > 0 && c.q[len(c.q)-1] != '.' && c.q[len(c.q)-1] != ';' && c.q[len(c.q)-1] != '?'
		c.par = appendQuoteBefore(c.par, c.q)
		c.par = append(c.par, ' ')
		if s.id != none && c.chance(30) {
			c.par = append(c.par, "said "...)
			c.par = c.appendSpeaker(c.par, s, false)
		} else {
			c.par = c.appendSpeaker(c.par, s, true)
			c.par = append(c.par, ' ')
			c.par = append(c.par, c.cue()...)
		}
		c.q = c.render(c.q[:0], t[split+1:])
		if midSentence {
			c.punct(',')
		} else {
			c.punct('.')
			capitalizeAt(c.q, 0)
		}
		c.par = append(c.par, " “"...)
		c.par = append(c.par, c.q...)
		c.par = append(c.par, "”"...)
		capitalizeAt(c.par, start)
		return
	}
	c.q = c.render(c.q[:0], t)
	switch form {
	case 0, 1, 2: // “Q,” S said.
		c.par = appendQuoteBefore(c.par, c.q)
		c.par = append(c.par, ' ')
		if s.id == none || c.chance(25) {
			c.par = append(c.par, "said "...)
			c.par = c.appendSpeaker(c.par, s, false)
		} else {
			c.par = c.appendSpeaker(c.par, s, true)
			c.par = append(c.par, ' ')
			c.par = append(c.par, c.cue()...)
		}
		c.punct('.')
	case 3: // S said: “Q”
		c.par = c.appendSpeaker(c.par, s, true)
		c.par = append(c.par, c.oneOf([]string{" said: “", " said, “", " told ", " added: “"})...)
		if c.par[len(c.par)-1] == ' ' { // told M: “Q”
			c.par = c.appendOutlet(c.par)
			c.par = append(c.par, ": “"...)
		}
		c.par = append(c.par, c.q...)
		c.par = append(c.par, "”"...)
	case 4: // a quote of two or three sentences
		for n := 1 + c.pick(2); n > 0; n-- {
			if t2 := c.quoteFor(s); t2 != nil {
				c.q = append(c.q, ' ')
				c.q = c.render(c.q, t2)
			}
		}
		c.par = appendQuoteBefore(c.par, c.q)
		c.par = append(c.par, ' ')
		c.par = c.appendSpeaker(c.par, s, true)
		c.par = append(c.par, ' ')
		c.par = append(c.par, c.cue()...)
		c.par = append(c.par, '.')
	case 5: // “Q,” S said. “Q2”
		c.par = appendQuoteBefore(c.par, c.q)
		c.par = append(c.par, ' ')
		c.par = c.appendSpeaker(c.par, s, true)
		c.par = append(c.par, ' ')
		c.par = append(c.par, c.cue()...)
		c.par = append(c.par, ". “"...)
		if t2 := c.quoteFor(s); t2 != nil {
			c.par = c.render(c.par, t2)
		}
		c.par = append(c.par, "”"...)
	default: // a quoted fragment in the speaker's sentence
		c.par = c.appendSpeaker(c.par, s, true)
		c.sc = emptyScope()
		if c.bindTown(0, modNone) {
			k := c.pick(len(fragmentFrames))
			c.par = append(c.par, fragmentFrames[k][0]...)
			c.par = c.appendEntity(c.par, c.sc.t[0], false)
			c.par = append(c.par, fragmentFrames[k][1]...)
		} else {
			c.par = append(c.par, " called it “"...)
		}
		c.par = append(c.par, c.oneOf(quoteFragments)...)
		c.par = append(c.par, ".”"...)
	}
	capitalizeAt(c.par, start)
}

// punct appends a punctuation mark after a speaker, replacing the comma
// that closes a first mention's description.
func (c *composer) punct(b byte) {
	if n := len(c.par); n > 0 && c.par[n-1] == ',' {
		c.par = c.par[:n-1]
	}
	c.par = append(c.par, b)
}

// fragmentFrames put a quoted fragment in the speaker's own sentence.
var fragmentFrames = [][2]string{
	{" described the situation in ", " as “"}, {" called the siege of ", " “"}, {" said the fighting in ", " was “"},
	{" said the offensive on ", " was “"}, {" called what happened in ", " “"},
}

// clause binds and renders a third-person clause into c.q.
func (c *composer) clause(s speaker) bool {
	c.sc = emptyScope()
	if s.id != none {
		if e := &c.w.ents[s.id]; e.role.fighting() && e.parent != none && c.chance(50) {
			c.sc.g[0] = e.parent
		}
	}
	t := c.choose(c.ts.clause)
	if t == nil {
		return false
	}
	c.q = c.render(c.q[:0], t)
	return true
}

// indirect appends "S said (that) C." and its variants.
func (c *composer) indirect(s speaker) {
	if !c.clause(s) {
		return
	}
	start := c.sentence()
	c.par = c.appendSpeaker(c.par, s, true)
	switch c.pick(8) {
	case 0, 1:
		c.par = append(c.par, " said that "...)
	case 2:
		c.par = append(c.par, " said "...)
	case 3:
		c.par = append(c.par, " told "...)
		c.par = c.appendOutlet(c.par)
		c.par = append(c.par, " that "...)
	case 4:
		c.par = append(c.par, " said "...)
		c.par = c.appendDay(c.par)
		c.par = append(c.par, " that "...)
	case 5:
		c.par = append(c.par, c.oneOf([]string{" added that ", " confirmed that ", " claimed that ", " warned that ", " estimated that "})...)
	case 6:
		c.par = append(c.par, " told "...)
		c.par = c.appendOutlet(c.par)
		c.par = append(c.par, ' ')
		c.par = c.appendDay(c.par)
		c.par = append(c.par, " that "...)
	default:
		c.punct(',')
		c.par = append(c.par, " speaking to "...)
		c.par = c.appendOutlet(c.par)
		c.par = append(c.par, ", said "...)
	}
	c.par = append(c.par, c.q...)
	c.par = append(c.par, '.')
	capitalizeAt(c.par, start)
}

// according appends "C, according to S." or "According to S, C."
func (c *composer) according(s speaker) {
	if !c.clause(s) {
		return
	}
	start := c.sentence()
	if c.chance(50) {
		c.par = append(c.par, "According to "...)
		c.par = c.appendSpeaker(c.par, s, false)
		c.punct(',')
		c.par = append(c.par, ' ')
		c.par = append(c.par, c.q...)
	} else {
		c.par = append(c.par, c.q...)
		c.par = append(c.par, ", according to "...)
		c.par = c.appendSpeaker(c.par, s, false)
		if s.id == none && c.chance(30) {
			c.par = append(c.par, " who spoke on condition of anonymity"...)
		}
	}
	c.punct('.')
	capitalizeAt(c.par, start)
}

// statement appends an announcement by an armed group or its spokesman.
func (c *composer) statement() {
	c.sc = emptyScope()
	if !c.bindGroup(0, modNone) {
		return
	}
	g := c.sc.g[0]
	var t tmpl
	quoted := c.chance(35)
	if quoted {
		t = c.choose(c.ts.stmtQuote)
	} else {
		t = c.choose(c.ts.stmtClause)
	}
	if t == nil {
		return
	}
	// Bind before naming the group, so its first mention comes first.
	start := c.sentence()
	if quoted {
		c.q = c.render(c.q[:0], t)
		if c.chance(50) {
			c.par = append(c.par, c.oneOf([]string{"A statement by ", "A statement issued by ", "A communique from "})...)
			c.par = c.appendEntity(c.par, g, false)
			c.par = append(c.par, " said: “"...)
			c.par = append(c.par, c.q...)
			c.par = append(c.par, "”"...)
		} else {
			c.par = appendQuoteBefore(c.par, c.q)
			c.par = append(c.par, ' ')
			c.par = c.appendEntity(c.par, g, false)
			c.par = append(c.par, c.oneOf([]string{" said in a statement.", " said in a statement on its Telegram channel.", " announced."})...)
		}
		capitalizeAt(c.par, start)
		return
	}
	// Render the clause first into c.q; "it" refers to the group.
	c.q = c.render(c.q[:0], t)
	switch c.pick(5) {
	case 0:
		c.par = append(c.par, c.oneOf([]string{"In a statement published on its Telegram channel, ", "In a statement posted online, ", "In a statement, "})...)
		c.par = c.appendEntity(c.par, g, false)
		c.par = append(c.par, c.oneOf([]string{" said that ", " announced that ", " said "})...)
	case 1:
		c.par = c.appendEntity(c.par, g, false)
		c.par = append(c.par, " announced "...)
		c.par = c.appendDay(c.par)
		c.par = append(c.par, " that "...)
	case 2:
		c.par = c.appendEntity(c.par, g, false)
		c.par = append(c.par, c.oneOf([]string{" said in a statement that ", " claimed in a statement that ", " declared that "})...)
	case 3:
		// The group's spokesperson announces.
		if c.bindPerson(0, modMember) && c.w.ents[c.sc.p[0]].role.fighting() {
			// "it had ..." becomes "<group> had ...".
			c.par = c.appendSpeaker(c.par, speaker{id: c.sc.p[0]}, false)
			c.par = append(c.par, c.oneOf([]string{" announced that ", " said that "})...)
			rest := c.q
			switch {
			case len(rest) > 12 && string(rest[:12]) == "its fighters":
				c.par = append(c.par, "the fighters of "...)
				rest = rest[13:]
			case len(rest) > 3 && string(rest[:3]) == "it ":
				rest = rest[3:]
			}
			c.par = c.appendEntity(c.par, g, false)
			c.par = append(c.par, ' ')
			c.par = append(c.par, rest...)
			c.par = append(c.par, '.')
			capitalizeAt(c.par, start)
			return
		}
		c.par = c.appendEntity(c.par, g, false)
		c.par = append(c.par, " said that "...)
	default:
		c.par = append(c.par, "A statement from "...)
		c.par = c.appendEntity(c.par, g, false)
		c.par = append(c.par, " said "...)
	}
	c.par = append(c.par, c.q...)
	c.par = append(c.par, '.')
	capitalizeAt(c.par, start)
}

// unit appends one unit of the given kind to the paragraph.
func (c *composer) unit(kind int) {
	switch kind {
	case uEvent:
		c.narrative(c.ts.event)
	case uRelation:
		c.narrative(c.ts.relation)
	case uNegRelation:
		c.narrative(c.ts.negRelation)
	case uHuman:
		c.narrative(c.ts.human)
	case uBackground:
		c.narrative(c.ts.bg)
	case uLocation:
		c.narrative(c.ts.location)
	case uFigures:
		c.narrative(c.ts.figures)
	case uDirect:
		c.direct(c.pickSpeaker(85))
	case uIndirect:
		c.indirect(c.pickSpeaker(75))
	case uAccording:
		if c.chance(30) {
			c.sc = emptyScope()
			c.bindOrg(0)
			c.according(speaker{id: c.sc.o[0]})
			return
		}
		c.according(c.pickSpeaker(70))
	case uStatement:
		c.statement()
	}
}

func (c *composer) pickUnit() int {
	w := &unitWeights[c.style]
	total := 0
	for _, x := range w {
		total += x
	}
	n := c.pick(total)
	for k, x := range w {
		if n < x {
			return k
		}
		n -= x
	}
	return uEvent
}

// flush ends the paragraph: it joins the body if it fits.
func (c *composer) flush() bool {
	if len(c.par) == 0 {
		return true
	}
	if len(c.out)+len(c.par)+2 > maxBody {
		c.par = c.par[:0]
		return false
	}
	if len(c.out) > 0 {
		c.out = append(c.out, '\n', '\n')
	}
	c.out = append(c.out, c.par...)
	c.par = c.par[:0]
	c.lastSpeaker = none
	return true
}

// paragraph composes a body paragraph of a few units.
func (c *composer) paragraph(bullet bool) bool {
	if bullet {
		c.par = append(c.par, "* "...)
	}
	for n := 1 + c.pick(4); n > 0; n-- {
		c.unit(c.pickUnit())
	}
	return c.flush()
}
