package extract

import (
	"slices"
	"sort"
	"strings"
)

// item is one entity mention inside a sentence: tokens[start:end].
type item struct {
	entity     int
	start, end int
}

// relationFinder runs the relation rules sentence by sentence.
type relationFinder struct {
	x         *Extractor
	d         *doc
	ents      []Entity
	tokEnt    []int
	claims    *[]Claim
	iv        *interview
	publisher int
	out       []Relation
	seen      map[relKey]bool
	// lastArmed is the latest armed group named before the current
	// sentence, for "they"/"their" subjects.
	lastArmed int
	// inQuote reports whether a text position lies inside quotation marks.
	inQuote func(pos int) bool
	// actor memoises isActor per entity: 1 yes, -1 no, 0 not yet known.
	actor []int8
	// sentItems are the entity mentions of each sentence (see appendItems),
	// made once per document: the rules ask for them again and again.
	sentItems [][]item
	// bySentence indexes *claims by sentence, in claim order; brackets
	// holds each sentence's [...] spans once asked for (bracketsDone). The
	// rules ask for both per relation: scanning all claims or the whole
	// sentence each time made long texts quadratic.
	bySentence   [][]int
	brackets     [][]Span
	bracketsDone []bool
	// partnersOf are the current sentence's partners (notePartners), and
	// shared where the relations begin that they share.
	partnersOf map[int][]int
	shared     int
}

type relKey struct {
	s, o  int
	p     Predicate
	claim int
}

func (x *Extractor) findRelations(d *doc, ents []Entity, tokEnt []int, claims *[]Claim, iv *interview, publisher int, inQuote func(pos int) bool) []Relation {
	rf := &relationFinder{x: x, d: d, ents: ents, tokEnt: tokEnt, claims: claims, iv: iv, publisher: publisher, seen: map[relKey]bool{}, lastArmed: NoEntity, inQuote: inQuote}
	d.checkStop(true)
	rf.namedWithin()
	for si := range d.sentences {
		d.checkStop(false)
		if iv != nil && iv.questions[si] {
			rf.noteArmed(si)
			continue
		}
		if d.sentences[si].boilerplate && !(iv != nil && iv.answers[si]) {
			continue
		}
		rf.sentence(si)
		rf.noteArmed(si)
	}
	return rf.out
}

// triggers applies the trigger words of sentence si (the "triggers" rule).
func (rf *relationFinder) triggers(si int, its []item) {
	s := rf.d.sentences[si]
	toks := rf.d.tokens
	for ti := s.tokStart; ti < s.tokEnd; ti++ {
		rf.d.checkStop(false)
		if rf.tokEnt[ti] != NoEntity || rf.class(ti) == 0 {
			continue
		}
		w := toks[ti].lower
		switch {
		case w == "-led" || w == "-backed" || w == "-supported" || w == "-sponsored" || w == "-aligned" || w == "-allied" || w == "-affiliated" || w == "-linked" || w == "led" && ti+1 < s.tokEnd && toks[ti+1].lower == "by":
			rf.ledBy(si, its, ti)
		case w == "-held" || w == "-controlled" || (w == "held" || w == "controlled") && ti+1 < s.tokEnd && toks[ti+1].lower == "by":
			rf.heldBy(si, its, ti)
		case fundWords[w]:
			// "a force also funded by the United Arab Emirates"
			if ti+1 < s.tokEnd && toks[ti+1].lower == "by" {
				rf.verb(si, its, ti, AlliedWith)
			}
		case rf.class(ti)&controlTrigger != 0:
			rf.verb(si, its, ti, Controls)
		case rf.class(ti)&allyTrigger != 0:
			rf.verb(si, its, ti, AlliedWith)
		case rf.class(ti)&fightTrigger != 0:
			rf.verb(si, its, ti, Fights)
		}
	}
}

// sentenceItems returns the entity mentions of sentence si, in text order
// (see appendItems). Callers must not modify the slice: it is shared.
func (rf *relationFinder) sentenceItems(si int) []item {
	if rf.sentItems == nil {
		b := rf.d.buffers
		sents := rf.d.sentences
		ends := reuse(&b.itemEnds, len(sents)) // where each sentence's items end
		all := b.items[:0]
		for si, s := range sents {
			all = rf.appendItems(all, s.tokStart, s.tokEnd)
			ends[si] = len(all)
		}
		b.items = all
		rf.sentItems = reuse(&b.sentItems, len(sents))
		start := 0
		for si, end := range ends {
			rf.sentItems[si] = all[start:end:end]
			start = end
		}
	}
	return rf.sentItems[si]
}

// appendItems appends the entity mentions in tokens [from, to): one item
// per run of tokens of the same entity.
func (rf *relationFinder) appendItems(out []item, from, to int) []item {
	base := len(out)
	for ti := from; ti < to; ti++ {
		e := rf.tokEnt[ti]
		if e == NoEntity {
			continue
		}
		if n := len(out); n > base && out[n-1].entity == e && out[n-1].end == ti {
			out[n-1].end = ti + 1
			continue
		}
		out = append(out, item{entity: e, start: ti, end: ti + 1})
	}
	return out
}

func (rf *relationFinder) noteArmed(si int) {
	for _, it := range rf.sentenceItems(si) {
		if rf.ents[it.entity].Type == ArmedGroup {
			rf.lastArmed = it.entity
		}
	}
}

func (rf *relationFinder) typ(e int) EntityType { return rf.ents[e].Type }

// isActor reports whether an entity can fight or hold ground: an armed
// group, or a governing body ("Government of National Accord", "Sovereignty
// Council", "the Autonomous Administration").
func (rf *relationFinder) isActor(e int) bool {
	if rf.actor == nil {
		rf.actor = make([]int8, len(rf.ents))
	}
	if a := rf.actor[e]; a != 0 {
		return a > 0
	}
	a := rf.actorKind(e)
	rf.actor[e] = -1
	if a {
		rf.actor[e] = 1
	}
	return a
}

func (rf *relationFinder) actorKind(e int) bool {
	switch rf.typ(e) {
	case ArmedGroup:
		return true
	case Organization:
		n := strings.ToLower(rf.ents[e].Name)
		return strings.Contains(n, "government") || strings.Contains(n, "administration") || strings.Contains(n, "sovereignty council") || strings.Contains(n, "authority") && !strings.Contains(n, "agency")
	}
	return false
}

func (rf *relationFinder) sentence(si int) {
	its := rf.sentenceItems(si)
	sentStart := len(rf.out)
	rf.answerDenial(si, its)
	if len(its) == 0 {
		return
	}
	rf.shared, rf.partnersOf = -1, nil
	for i := range relationRules {
		relationRules[i].Run(rf, si, its)
	}
	// partners relate the actors: no fallback between them
	rf.sentenceFallback(si, its, rf.out[rf.shared:], rf.out[sentStart:])
	rf.shareWithPartners(rf.shared, rf.partnersOf)
}

// notePartners is the table's "partners" rule: it relates the partners of
// sentence si and keeps them, with where the relations they share begin.
func (rf *relationFinder) notePartners(si int, its []item) {
	rf.shared = len(rf.out)
	rf.partnersOf = rf.partners(si, its)
}

// partners finds actors named as acting together in sentence si and
// relates them (ALLIED_WITH): "along with the SRF and the Mujahedeen
// Army, the Islamic Front has been fighting ISIS"; "the Sudanese Army and
// the joint forces repelled the attack"; "Syrian government and Hezbollah
// forces began an assault". Subjects joined by "and" count only before a
// one-sided act (repelled, attacked, began ...), never before a
// reciprocal one ("rebels and the regime clashed") or after "between".
// It returns each actor's partners, so that what one does to a third
// party (FIGHTS, CONTROLS) is shared with the others.
func (rf *relationFinder) partners(si int, its []item) map[int][]int {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	var out map[int][]int
	pair := func(a, b int, at int, rule string) {
		if a == b || a == NoEntity || b == NoEntity {
			return
		}
		if out == nil {
			out = map[int][]int{}
		}
		out[a] = append(out[a], b)
		out[b] = append(out[b], a)
		if rule == "shared-head" {
			// "regime and Hezbollah fighters" describes who they are
			rf.emitDescription(si, a, AlliedWith, b, rf.span(at, min(at+2, s.tokEnd)), at, rule, 0.55)
			return
		}
		rf.emit(si, a, AlliedWith, b, !rf.negated(si, at-3, at), rf.span(at, min(at+2, s.tokEnd)), at, rule, 0.6)
	}
	// "along with X and Y, S ..." / "S, along with X, ..."
	for ti := s.tokStart; ti+1 < s.tokEnd; ti++ {
		if toks[ti].lower != "along" || toks[ti+1].lower != "with" || rf.tokEnt[ti] != NoEntity {
			continue
		}
		var allies []int
		end := ti + 2
		for ; end < s.tokEnd && toks[end].text != "," && !clauseBreak(toks[end]); end++ {
			if e := rf.tokEnt[end]; e != NoEntity && rf.isActor(e) && (len(allies) == 0 || allies[len(allies)-1] != e) {
				allies = append(allies, e)
			}
		}
		if len(allies) == 0 {
			continue
		}
		main := NoEntity
		if ti > s.tokStart && toks[ti-1].text == "," {
			main, _ = rf.leftActor(si, its, ti-1, rf.isActor, 6)
		}
		if main == NoEntity && end < s.tokEnd && toks[end].text == "," {
			for j := end + 1; j < s.tokEnd && j <= end+4; j++ {
				if e := rf.tokEnt[j]; e != NoEntity {
					if rf.isActor(e) {
						main = e
					}
					break
				}
			}
		}
		for _, a := range allies {
			pair(main, a, ti, "along-with")
		}
	}
	// "150 regime and Hezbollah fighters", "Syrian government and
	// Hezbollah forces": one head noun for both names is one side, unless
	// they then fight each other ("opposition and government fighters
	// clashed")
	for k := 0; k+1 < len(its); k++ {
		a, b := its[k], its[k+1]
		if !rf.isActor(a.entity) || !rf.isActor(b.entity) || a.entity == b.entity || b.end >= s.tokEnd {
			continue
		}
		if gap := toks[a.end:b.start]; len(gap) != 1 || gap[0].lower != "and" || !fighterNouns[toks[b.end].lower] || rf.tokEnt[b.end] != NoEntity {
			continue
		}
		if a.start > s.tokStart && toks[a.start-1].lower == "between" {
			continue
		}
		if n := b.end + 1; n < s.tokEnd && reciprocalActs[toks[n].lower] {
			continue
		}
		pair(a.entity, b.entity, a.end, "shared-head")
	}
	// "A and B [forces] repelled ..."
	for k := 0; k+1 < len(its); k++ {
		a, b := its[k], its[k+1]
		if !rf.isActor(a.entity) || !rf.isActor(b.entity) || a.entity == b.entity {
			continue
		}
		gap := toks[a.end:b.start]
		// "the Islamic Front and its allies in the FSA hold Marea"
		alliesIn := len(gap) >= 4 && gap[0].lower == "and" && (gap[1].lower == "its" || gap[1].lower == "their") && (gap[2].lower == "allies" || gap[2].lower == "partners") && (gap[3].lower == "in" || gap[3].lower == "from" || gap[3].lower == "of") && len(gap) <= 5
		if !alliesIn && (len(gap) == 0 || len(gap) > 2 || gap[0].lower != "and" || len(gap) == 2 && gap[1].lower != "the") {
			continue
		}
		if a.start > s.tokStart && (toks[a.start-1].lower == "between" || toks[a.start-1].lower == "both" || toks[a.start-1].lower == "the" && a.start-1 > s.tokStart && toks[a.start-2].lower == "between") {
			continue
		}
		j := b.end
		for j < s.tokEnd && j < b.end+4 && rf.tokEnt[j] == NoEntity && (fighterNouns[toks[j].lower] || toks[j].lower == "have" || toks[j].lower == "had" || toks[j].lower == "jointly" || toks[j].lower == "together") {
			j++
		}
		if j < s.tokEnd && rf.tokEnt[j] == NoEntity && oneSidedActs[toks[j].lower] {
			pair(a.entity, b.entity, a.end, "joint-action")
		}
	}
	return out
}

// shareWithPartners gives each actor's partners what the actor does to a
// third party in the relations emitted since index from: "along with the
// SRF, the Islamic Front fought ISIS" makes the SRF fight ISIS too, in the
// same claim.
func (rf *relationFinder) shareWithPartners(from int, partners map[int][]int) {
	if len(partners) == 0 {
		return
	}
	n := len(rf.out)
	for i := from; i < n; i++ {
		r := rf.out[i]
		if r.Predicate != Fights && r.Predicate != Controls || !r.Polarity {
			continue
		}
		for _, p := range partners[r.Subject] {
			if p != r.Object {
				rf.emitIn(r.Claim, p, r.Predicate, r.Object, true, r.Span, "partner-"+r.Rule, r.Confidence*0.9)
			}
		}
	}
}

// namedWithin: a place whose name, as the text writes it, ends in "of"
// and another place of the document ("the Old City of Homs", "Port of
// Hodeidah") lies in that place. The relation is asserted where the name
// first appears.
func (rf *relationFinder) namedWithin() {
	toks := rf.d.tokens
	for si, s := range rf.d.sentences {
		if s.boilerplate {
			continue
		}
		for _, it := range rf.sentenceItems(si) {
			if rf.typ(it.entity) != Place {
				continue
			}
			// the name's own tokens: "Old City of Homs" is one mention
			for j := it.start + 1; j+1 < it.end; j++ {
				if toks[j].lower != "of" {
					continue
				}
				tail := Fold(rf.d.slice(Span{toks[j+1].Start, toks[it.end-1].End}))
				if p := rf.placeNamed(tail, it.entity); p != NoEntity && rf.placeRank(p) >= rf.placeRank(it.entity) {
					rf.emitDescription(si, it.entity, LocatedIn, p, rf.span(it.start, it.end), it.start, "name-of-place", 0.7)
				}
				break
			}
		}
	}
}

// placeNamed returns the document's place other than not whose name or an
// alias folds to folded, or NoEntity.
func (rf *relationFinder) placeNamed(folded string, not int) int {
	for i := range rf.ents {
		e := &rf.ents[i]
		if i == not || e.Type != Place {
			continue
		}
		if Fold(e.Name) == folded {
			return i
		}
		for _, a := range e.Aliases {
			if Fold(a) == folded {
				return i
			}
		}
	}
	return NoEntity
}

// Trigger classes of a word, looked up once per distinct word (foldTokens).
const (
	controlTrigger uint8 = 1 << iota
	allyTrigger
	fightTrigger
	otherTrigger // the -led, -held ... compounds and "led"/"held"/"controlled" before "by"
	takeTrigger  // the verbs of takenFrom and droveOut (not a class of the main rule loop)
)

// takeWords and driveWords are the verbs of taking a place (takenFrom) and
// of driving a group out (droveOut).
var (
	takeWords  = []string{"retake", "retook", "retaken", "recapture", "recaptured", "capture", "captured", "seize", "seized", "take", "took", "taken", "wrest", "wrested", "liberate", "liberated"}
	driveWords = []string{"drive", "drove", "driven", "push", "pushed", "expel", "expelled", "oust", "ousted"}
)

// triggerClasses folds the trigger word lists into one lookup.
var triggerClasses = func() map[string]uint8 {
	m := map[string]uint8{}
	for w := range controlWords {
		m[w] |= controlTrigger
	}
	for w := range allyWords {
		m[w] |= allyTrigger
	}
	for _, w := range []string{"-backed", "-allied", "-affiliated", "-aligned", "-linked"} {
		m[w] |= allyTrigger
	}
	for w := range fightWords {
		m[w] |= fightTrigger
	}
	for _, w := range []string{"-led", "-backed", "-supported", "-sponsored", "-aligned", "-allied", "-affiliated", "-linked", "led", "-held", "-controlled", "held", "controlled"} {
		m[w] |= otherTrigger
	}
	for w := range fundWords {
		m[w] |= otherTrigger
	}
	for _, w := range append(takeWords[:len(takeWords):len(takeWords)], driveWords...) {
		m[w] |= takeTrigger
	}
	return m
}()

// class returns the trigger classes of token ti (triggerClasses of a
// word, looked up by foldTokens).
func (rf *relationFinder) class(ti int) uint8 {
	if t := &rf.d.tokens[ti]; t.kind == wordToken {
		return t.trigger &^ takeTrigger
	}
	return 0
}

// claimFor returns the claim that asserts what tokens[ti] says: an
// attributed claim whose content holds it, else (for words outside any
// content, or inside [brackets] of an answer or quote: the publisher's
// insertions) a narrative claim of the publisher for the sentence, made
// on demand.
func (rf *relationFinder) claimFor(si, ti int) int {
	pos := rf.d.tokens[ti].Start
	bracket, inBracket := rf.bracketAround(si, pos)
	claims := *rf.claims
	if !inBracket {
		for _, ci := range rf.claimsOf(si) {
			if c := &claims[ci]; pos >= c.Start && pos < c.End && c.Kind != Narrative {
				return ci
			}
		}
	}
	for _, ci := range rf.claimsOf(si) {
		if c := &claims[ci]; c.Kind == Narrative && c.Start <= pos && pos < c.End {
			return ci
		}
	}
	if inBracket {
		return rf.narrativeClaim(si, bracket, "narrative-insertion")
	}
	return rf.narrativeClaim(si, rf.d.sentences[si].Span, "narrative")
}

// narrativeClaim returns the publisher's narrative claim over span want of
// sentence si, made on demand.
func (rf *relationFinder) narrativeClaim(si int, want Span, rule string) int {
	want = trimContent(rf.d.runes, want)
	claims := *rf.claims
	for _, ci := range rf.claimsOf(si) {
		if c := &claims[ci]; c.Kind == Narrative && c.Span == want {
			return ci
		}
	}
	c := Claim{Kind: Narrative, Span: want, Speaker: rf.publisher, Sentence: si, Rule: rule, Confidence: 0.5, About: []int{}}
	c.Text = rf.d.slice(c.Span)
	if rf.publisher != NoEntity {
		c.SpeakerText = rf.ents[rf.publisher].Name
	}
	*rf.claims = append(*rf.claims, c)
	ci := len(*rf.claims) - 1
	rf.bySentence[si] = append(rf.bySentence[si], ci)
	return ci
}

// claimsOf returns the indexes of sentence si's claims, in claim order.
func (rf *relationFinder) claimsOf(si int) []int {
	if rf.bySentence == nil {
		// one array for all sentences; each sentence's slice is capped,
		// so that narrativeClaim's appends move it rather than overwrite
		// the next sentence's
		n := len(rf.d.sentences)
		counts := make([]int, n+1)
		for _, c := range *rf.claims {
			if c.Sentence >= 0 && c.Sentence < n {
				counts[c.Sentence+1]++
			}
		}
		for i := 1; i <= n; i++ {
			counts[i] += counts[i-1]
		}
		all := make([]int, counts[n])
		rf.bySentence = make([][]int, n)
		for i := range n {
			rf.bySentence[i] = all[counts[i]:counts[i]:counts[i+1]]
		}
		for ci, c := range *rf.claims {
			if c.Sentence >= 0 && c.Sentence < n {
				rf.bySentence[c.Sentence] = append(rf.bySentence[c.Sentence], ci)
			}
		}
	}
	return rf.bySentence[si]
}

// bracketAround returns the [...] span around pos within sentence si.
func (rf *relationFinder) bracketAround(si, pos int) (Span, bool) {
	if rf.bracketsDone == nil {
		rf.brackets = make([][]Span, len(rf.d.sentences))
		rf.bracketsDone = make([]bool, len(rf.d.sentences))
	}
	if !rf.bracketsDone[si] {
		rf.bracketsDone[si] = true
		s := rf.d.sentences[si]
		r := rf.d.runes
		open := -1
		for i := s.Start; i < s.End; i++ {
			switch r[i] {
			case '[':
				open = i + 1
			case ']':
				if open >= 0 {
					rf.brackets[si] = append(rf.brackets[si], Span{open, i})
				}
				open = -1
			}
		}
	}
	bs := rf.brackets[si]
	// the first bracket that ends after pos, as the scan found it
	k := sort.Search(len(bs), func(k int) bool { return bs[k].End > pos })
	if k < len(bs) && pos >= bs[k].Start {
		return bs[k], true
	}
	return Span{}, false
}

func (rf *relationFinder) negated(si, from, to int) bool {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	from = max(from, s.tokStart)
	to = min(to, s.tokEnd)
	for ti := from; ti < to; ti++ {
		if negations[toks[ti].lower] {
			return true
		}
	}
	return false
}

// emit records a relation asserted at token ti of sentence si.
func (rf *relationFinder) emit(si, subj int, p Predicate, obj int, polarity bool, evidence Span, ti int, rule string, conf float64) {
	rf.emitIn(rf.claimFor(si, ti), subj, p, obj, polarity, evidence, rule, conf)
}

// possessorsPart: "the Islamic State group's regional affiliate,
// Islamic State Khorasan Province", "the group's local branch, which calls
// itself ISMP": the part named in apposition is allied with the possessor.
// The words describe the name, so they are the writer's (emitDescription).
func (rf *relationFinder) possessorsPart(si int, its []item) {
	toks := rf.d.tokens
	for k := 1; k < len(its); k++ {
		owner, part := its[k-1], its[k]
		if !rf.isActor(owner.entity) || !rf.isActor(part.entity) || owner.entity == part.entity {
			continue
		}
		at := owner.end
		if at >= part.start || toks[at].lower != "'s" && toks[at].lower != "’s" {
			continue
		}
		comma, head := -1, false
		for ti := at + 1; ti < part.start; ti++ {
			if toks[ti].text == "," {
				comma = ti
				break
			}
			if toks[ti].upper || toks[ti].kind != wordToken {
				break
			}
			head = head || partNouns[toks[ti].lower]
		}
		if comma < 0 || !head || skipNaming(toks, comma+1, part.start) != part.start {
			continue
		}
		rf.emitDescription(si, part.entity, AlliedWith, owner.entity, rf.span(owner.start, part.end), comma, "possessors-part", 0.65)
	}
}

// emitDescription records a relation given by the words that describe a
// name ("the Ukrainian city of Bakhmut", "Yemen's port city of
// Hodeidah"). In reported speech such descriptions are the writer's way of
// telling the reader which place is meant, so the publisher asserts them;
// only inside a speaker's own quoted words are they the speaker's.
func (rf *relationFinder) emitDescription(si, subj int, p Predicate, obj int, evidence Span, ti int, rule string, conf float64) {
	ci := rf.claimFor(si, ti)
	// in the speaker's own words only if inside the quotation marks (the
	// attribution of a split quote lies between its parts) or an answer
	if k := (*rf.claims)[ci].Kind; k != InterviewAnswer && k != Narrative && !(k == DirectQuote && rf.inQuote(rf.d.tokens[ti].Start)) {
		ci = rf.narrativeClaim(si, rf.d.sentences[si].Span, "narrative")
	}
	rf.emitIn(ci, subj, p, obj, true, evidence, rule, conf)
}

// emitIn records a relation asserted by claim ci.
func (rf *relationFinder) emitIn(ci, subj int, p Predicate, obj int, polarity bool, evidence Span, rule string, conf float64) {
	if subj == obj || subj == NoEntity || obj == NoEntity {
		return
	}
	k := relKey{subj, obj, p, ci}
	if rf.seen[k] {
		return
	}
	rf.seen[k] = true
	rf.out = append(rf.out, Relation{Subject: subj, Predicate: p, Object: obj, Polarity: polarity, Claim: ci, Span: evidence, Rule: rule, Confidence: conf})
}

// span covers tokens a..b-1; when the evidence runs backwards (a subject
// after its verb) it covers tokens b-1..a.
func (rf *relationFinder) span(a, b int) Span {
	if b <= a {
		a, b = b-1, a+1
	}
	return Span{rf.d.tokens[a].Start, rf.d.tokens[b-1].End}
}

// clauseBreak reports whether token ti ends a clause for relation windows.
func clauseBreak(t token) bool {
	switch t.lower {
	case ";", ".", "while", "but", "whereas", "although", "?", ":", "which", "who", "after", "before", "when":
		return true
	}
	return false
}

// leftActor finds the nearest entity satisfying ok before token ti within
// the clause, or a pronoun's antecedent.
func (rf *relationFinder) leftActor(si int, its []item, ti int, ok func(int) bool, window int) (int, int) {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	pronoun := -1
	for j := ti - 1; j >= s.tokStart && j >= ti-window; j-- {
		// "ISIS withdrew from villages but still holds al-Bab": a verb
		// phrase joined by but/and keeps the subject
		if (toks[j].lower == "but" || toks[j].lower == "and") && j+1 < ti && rf.tokEnt[j+1] == NoEntity && verbPhraseStart(toks[j+1].lower) {
			continue
		}
		// "X, with the support of Y, seized": the helpers between commas
		// are not the subject
		if toks[j].text == "," {
			if open := rf.openingComma(si, j); open >= 0 {
				switch toks[open+1].lower {
				case "with", "along", "alongside", "backed", "supported", "aided", "helped", "together", "including",
					"formerly", "previously", "once", "also", "known", "now":
					window += j - open // the parenthetical does not count
					j = open
					continue
				case "the", "a", "an":
					// "troops of the Africa Corps, the force Moscow set up to
					// replace the Wagner Group, have been fighting alongside":
					// an apposition right before the verb describes the
					// subject; names inside it do not act
					if open > s.tokStart && rf.tokEnt[open-1] != NoEntity && rf.isActor(rf.tokEnt[open-1]) && onlyAuxiliaries(toks[j+1:ti]) {
						window += j - open
						j = open
						continue
					}
				}
			}
		}
		// the end of a relative clause: ", which operates under X, has
		// been fighting": X is not the subject
		if toks[j].text == "," && j < ti-1 {
			skipped := false
			for w := j - 1; w > s.tokStart && w >= j-16; w-- {
				if (toks[w].lower == "which" || toks[w].lower == "who") && toks[w-1].text == "," {
					j = w // the antecedent check below runs at "which"
					skipped = true
					break
				}
				if toks[w].text == "," {
					break
				}
			}
			if !skipped {
				continue
			}
		}
		if (toks[j].lower == "which" || toks[j].lower == "who") && j-2 >= s.tokStart && toks[j-1].text == "," {
			// "Jaish al-Fath, which is opposed to ...": the relative's antecedent
			if e := rf.tokEnt[j-2]; e != NoEntity && ok(e) {
				return e, j - 2
			}
			break
		}
		if clauseBreak(toks[j]) {
			break
		}
		if e := rf.tokEnt[j]; e != NoEntity {
			if ok(e) {
				// "Peshmerga forces of the Kurdistan Regional Government":
				// the head before "of" acts, not the possessor
				start := j
				for start > s.tokStart && rf.tokEnt[start-1] == e {
					start--
				}
				for k := start - 1; k >= s.tokStart && k >= start-4; k-- {
					if toks[k].lower == "of" || toks[k].lower == "the" || toks[k].lower == "forces" || toks[k].lower == "fighters" || toks[k].lower == "units" || toks[k].lower == "troops" {
						continue
					}
					if h := rf.tokEnt[k]; h != NoEntity && h != e && ok(h) && toks[start-1].lower == "the" || h != NoEntity && h != e && ok(h) && toks[start-1].lower == "of" {
						return h, k
					}
					break
				}
				return e, j
			}
			continue
		}
		switch toks[j].lower {
		case "they", "their", "it", "its", "we", "our":
			if pronoun < 0 {
				pronoun = j
			}
		}
	}
	if pronoun >= 0 {
		if a := rf.pronounActor(si, pronoun); a != NoEntity && ok(a) {
			return a, pronoun
		}
	}
	return NoEntity, -1
}

// onlyAuxiliaries reports whether toks are auxiliaries and adverbs only
// ("have been", "had also"): nothing between a subject's closing comma
// and its verb.
func onlyAuxiliaries(toks []token) bool {
	for _, t := range toks {
		switch t.lower {
		case "has", "have", "had", "is", "are", "was", "were", "been", "also", "still", "now", "reportedly", "repeatedly", "since", "long":
		default:
			if !fightWords[t.lower] {
				return false // "have been fighting alongside": the verb itself may stand between
			}
		}
	}
	return true
}

// openingComma returns the comma that opens the parenthetical closed by
// the comma at token close (within 24 tokens, no clause break between), or
// -1.
func (rf *relationFinder) openingComma(si, close int) int {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	for k := close - 1; k > s.tokStart && k >= close-24; k-- {
		if toks[k].text == "," {
			if k+1 < close {
				return k
			}
			return -1
		}
		if clauseBreak(toks[k]) {
			return -1
		}
	}
	return -1
}

// pronounActor resolves "they"/"their" in sentence si: in an interview
// answer, the first armed group of its question; else the latest armed
// group named before.
func (rf *relationFinder) pronounActor(si, ti int) int {
	// "Nigerian army says it repelled ...": inside a group's own claim,
	// "it"/"we" is the group
	pos := rf.d.tokens[ti].Start
	claims := *rf.claims
	for _, ci := range rf.claimsOf(si) {
		if c := &claims[ci]; c.Kind != Narrative && c.Speaker != NoEntity && pos >= c.Start && pos < c.End && rf.isActor(c.Speaker) {
			return c.Speaker
		}
	}
	// "ISIS has not fired a shell at the regime, and all of its fighting
	// is against the FSA": the subject that opens the sentence
	if a := rf.openingSubject(si, ti); a != NoEntity {
		return a
	}
	if rf.iv != nil && rf.iv.answers[si] {
		q := rf.iv.questionOf[si]
		for sj := q; sj < len(rf.d.sentences) && rf.iv.questions[sj]; sj++ {
			for _, it := range rf.sentenceItems(sj) {
				if rf.isActor(it.entity) {
					return it.entity
				}
			}
		}
	}
	return rf.lastArmed
}

// openingSubject returns the armed actor that opens sentence si (after an
// answer's "A:", "No, never;" or a short opener) before token ti, or
// NoEntity.
func (rf *relationFinder) openingSubject(si, ti int) int {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	for j := s.tokStart; j < ti && j < s.tokStart+6; j++ {
		if e := rf.tokEnt[j]; e != NoEntity {
			if rf.isActor(e) {
				return e
			}
			return NoEntity
		}
		switch toks[j].lower {
		case "a", ":", ",", ";", "no", "never", "yes", "but", "and", "so", "now", "the":
			continue
		}
		return NoEntity
	}
	return NoEntity
}

// rightActors finds the entities satisfying ok after token ti in a list
// ("against the Free Army and the Shura Mujahidin Council").
func (rf *relationFinder) rightActors(si int, ti int, ok func(int) bool, window int) []int {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	var out []int
	seen := map[int]bool{}
	gap := 0
	for j := ti + 1; j < s.tokEnd && j <= ti+window; j++ {
		if toks[j].text == "(" && len(out) > 0 {
			// "the Islamic State group (IS, formerly ISIS) as well as the
			// Assad government": a parenthesis restates, it does not end
			// the list
			k := j + 1
			for k < s.tokEnd && k <= j+8 && toks[k].text != ")" {
				k++
			}
			if k < s.tokEnd && toks[k].text == ")" {
				window += k - j + 1
				j = k
				continue
			}
		}
		if toks[j].lower == "as" && j+2 < s.tokEnd && toks[j+1].lower == "well" && toks[j+2].lower == "as" {
			window += 3
			j += 2
			continue
		}
		if clauseBreak(toks[j]) {
			break
		}
		if toks[j].text == "," && j+1 < s.tokEnd && (toks[j+1].lower == "and" || toks[j+1].lower == "but" || toks[j+1].lower == "or") {
			break
		}
		if toks[j].lower == "against" || toks[j].lower == "versus" {
			break // "alongside X against Y": Y is no ally
		}
		// "holds Tripoli, said Gharyan ...": a comma not continuing a list
		if toks[j].text == "," && len(out) > 0 && j+1 < s.tokEnd && rf.tokEnt[j+1] == NoEntity && toks[j+1].lower != "the" && toks[j+1].lower != "and" && toks[j+1].lower != "or" {
			break
		}
		e := rf.tokEnt[j]
		if e == NoEntity {
			if len(out) > 0 {
				gap++
				if gap > 3 {
					break
				}
			}
			continue
		}
		gap = 0
		if ok(e) && !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
		if !ok(e) && len(out) > 0 {
			break
		}
	}
	return out
}

// verb applies a trigger word: the nearest fitting entity on the left is
// the subject, the fitting entities on the right the objects. "by" after
// the trigger swaps them (attacked by X).
func (rf *relationFinder) verb(si int, its []item, ti int, p Predicate) {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	var subjOK, objOK func(int) bool
	window := 10
	switch p {
	case Fights:
		subjOK, objOK = rf.isActor, rf.isActor
	case Controls:
		subjOK = rf.isActor
		objOK = func(e int) bool { return rf.typ(e) == Place }
		window = 8
	case AlliedWith:
		subjOK = func(e int) bool { return rf.isActor(e) || rf.typ(e) == Person }
		objOK = subjOK
		if ti+1 < s.tokEnd && toks[ti+1].lower == "by" {
			// a country may back a group: "is backed by Iran"
			objOK = func(e int) bool { return subjOK(e) || rf.ents[e].PlaceKind == Country }
		}
		switch toks[ti].lower {
		case "arming", "funding", "financing", "backing", "supporting", "backs", "supports", "arms", "funds":
			// "accuses Rwanda of arming the M23": a country backs
			subjOK = func(e int) bool { return rf.isActor(e) || rf.ents[e].PlaceKind == Country }
		}
		window = 12
	}
	passive := ti+1 < s.tokEnd && toks[ti+1].lower == "by"
	switch toks[ti].lower {
	case "including", "include", "includes":
		// "groups including the FSA"; not "casualties including
		// commanders of the Southern Forces"
		window = 3
	}
	if p == Controls && ti > s.tokStart {
		switch toks[ti-1].lower {
		case "to", "for":
			return // "a campaign to control Qalamoun": an aim, not a hold
		}
	}
	if p == AlliedWith && allyNouns[toks[ti].lower] {
		// "the country's biggest rebel alliance, issued ...": a noun in an
		// apposition relates nothing after its phrase ends
		window = 5
		for j := ti + 1; j < s.tokEnd && j <= ti+window; j++ {
			if toks[j].text == "," || toks[j].text == ")" {
				window = j - ti - 1
				break
			}
		}
		if window <= 0 {
			return
		}
	}
	if p == AlliedWith && ti > s.tokStart && rf.tokEnt[ti-1] == NoEntity && fighterNouns[toks[ti-1].lower] && !passive {
		// "forces allied to Prime Minister Fayez al-Serraj": the unnamed
		// forces are the ally, not an actor named before them
		return
	}
	subj, at := rf.leftActor(si, its, ti, subjOK, 14)
	if p != AlliedWith && ti-1 > s.tokStart && (toks[ti-1].lower == "and" || toks[ti-1].lower == "but") {
		// "the NRF are allied with the Giants Brigades and hold Mocha": a
		// second verb of the clause has the clause's subject, not the
		// object of the first
		if c := rf.clauseSubject(si, ti-1, subjOK); c != NoEntity {
			subj = c
		}
	}
	if p == AlliedWith && subj != NoEntity && at > s.tokStart {
		// "recaptured from IS ... with air support from the coalition": the
		// object of "from" or "against" is not the one supported
		start := at
		for start > s.tokStart && rf.tokEnt[start-1] == subj {
			start--
		}
		if start > s.tokStart {
			switch toks[start-1].lower {
			case "from", "against", "on", "at":
				subj, at = NoEntity, -1
			}
		}
		// "has been fighting junta troops across Magway alongside the CDF":
		// the one fought is the enemy of the one alongside
		if subj != NoEntity && start > s.tokStart && fightWords[toks[start-1].lower] {
			if toks[ti].lower == "alongside" {
				fighter, fat := rf.leftActor(si, its, start-1, func(e int) bool { return rf.isActor(e) && e != subj }, 8)
				pol := !rf.negated(si, start-3, start)
				for _, o := range rf.rightActors(si, ti, rf.isActor, 6) {
					rf.emit(si, o, Fights, subj, pol, rf.span(start-1, ti+1), ti, "fighting-alongside", 0.55)
					if fighter != NoEntity && fighter != o {
						rf.emit(si, o, AlliedWith, fighter, pol, rf.span(fat, ti+1), ti, "fighting-alongside", 0.55)
					}
				}
			}
			return
		}
	}
	from := ti
	if p == Fights && ti+1 < s.tokEnd && (toks[ti+1].lower == "alongside" || toks[ti+1].lower == "beside") {
		// "fights alongside the Islamic Front against ISIS": the enemy
		// follows "against"; the one alongside is an ally
		from = -1
		for j := ti + 2; j < s.tokEnd && j <= ti+window; j++ {
			if toks[j].lower == "against" {
				from = j
				break
			}
		}
		if from < 0 {
			return
		}
	}
	objs := rf.rightActors(si, from, objOK, window)
	if p == Controls && len(objs) > 0 && !passive {
		// "have held Yemen's capital, Sanaa": the country owns the object
		kept := objs[:0:0]
		for _, o := range objs {
			if !rf.possessive(si, ti, o) {
				kept = append(kept, o)
			}
		}
		objs = kept
	}
	if p == Controls && len(objs) > 0 && !passive {
		// "stormed a military base in Lower Shabelle": the place locates
		// the object; it is not what was taken
		// "hold positions around the town of Bashir": positions at a town
		// or a site hold it (see positionsAt)
		positions := false
		for j := ti + 1; j < s.tokEnd && rf.tokEnt[j] != objs[0]; j++ {
			w := toks[j].lower
			positions = positions || positionNouns[w]
			if (w == "in" || w == "near" || w == "outside" || w == "around" || w == "across" || w == "at") && j > ti+1 && !(positions && rf.placeRank(objs[0]) <= 3) {
				objs = nil
				break
			}
		}
	}
	if passive && p != AlliedWith {
		// "attacked by X": X is the subject, the left entity the object
		if len(objs) == 0 {
			return
		}
		obj := subj
		if p == Controls {
			// "X, controlled by Y": handled by heldBy
			return
		}
		for _, o := range objs {
			rf.emit(si, o, p, obj, !rf.negated(si, ti-4, ti), rf.span(min(ti, max(at, s.tokStart)), ti+1), ti, "trigger-passive", 0.55)
		}
		return
	}
	if p == AlliedWith && subj != NoEntity && len(objs) == 0 && at+1 < ti && (toks[at+1].lower == "'s" || toks[at+1].lower == "’s") {
		// "JNIM, al-Qaeda's affiliate": the group before the apposition
		// is the ally of the possessor; "the Nusra Front is al-Qaeda's
		// affiliate in Syria": the subject of the copula
		start := at
		for start > s.tokStart && rf.tokEnt[start-1] == subj {
			start--
		}
		if start-2 >= s.tokStart {
			switch toks[start-1].lower {
			case "is", "was", "remains", "became", "are", "were":
				if e := rf.tokEnt[start-2]; e != NoEntity && rf.isActor(e) && e != subj {
					rf.emit(si, e, AlliedWith, subj, !rf.negated(si, start-1, ti), rf.span(start-2, ti+1), ti, "copula-affiliate", 0.65)
					return
				}
			}
		}
		for j := at - 1; j >= s.tokStart && j >= at-3; j-- {
			if toks[j].text == "," && j > s.tokStart {
				before := j - 1
				if toks[before].text == ")" {
					// "JNIM (the Group ...), al-Qaeda's affiliate"
					for before > s.tokStart && toks[before].text != "(" && j-before < 10 {
						before--
					}
					before--
				}
				if before < s.tokStart {
					break
				}
				if e := rf.tokEnt[before]; e != NoEntity && rf.isActor(e) && e != subj {
					rf.emit(si, e, AlliedWith, subj, true, rf.span(before, ti+1), ti, "apposition-affiliate", 0.65)
				}
				break
			}
		}
		return
	}
	if subj == NoEntity && len(objs) > 0 && p == Fights && strings.HasSuffix(toks[ti].lower, "ing") {
		// "reportedly targeting ISIS sleeper cells, the SDF arrested ...":
		// a participle before the clause shares its subject
		subj, at = rf.subjectAfterParticiple(si, ti)
	}
	if subj == NoEntity || len(objs) == 0 {
		return
	}
	if p == AlliedWith && (rf.typ(subj) == Person) == (rf.typ(objs[0]) == Person) && rf.typ(subj) == Person {
		return
	}
	pol := !rf.negated(si, max(at+1, ti-3), ti)
	for _, o := range objs {
		rf.emit(si, subj, p, o, pol, rf.span(max(at, s.tokStart), ti+1), ti, "trigger-"+string(p), 0.6)
	}
}

// clauseSubject returns the fitting actor that opens the clause ending
// before token ti (after the sentence start, a semicolon or a comma
// followed by a conjunction), or NoEntity when the clause does not open
// with one.
func (rf *relationFinder) clauseSubject(si, ti int, ok func(int) bool) int {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	start := s.tokStart
	for j := ti - 1; j > s.tokStart; j-- {
		if toks[j].text == ";" || toks[j].text == ":" {
			start = j + 1
			break
		}
	}
	for j := start; j < ti && j < start+4; j++ {
		if e := rf.tokEnt[j]; e != NoEntity {
			if ok(e) {
				return e
			}
			return NoEntity
		}
		switch toks[j].lower {
		case "the", "on", "in", "since", ",":
			continue
		}
		if toks[j].upper {
			continue // "On the west coast, the NRF"
		}
	}
	// "On the west coast, the National Resistance Forces are ...": past
	// a leading phrase ending in a comma
	for j := start; j < ti && j < start+8; j++ {
		if toks[j].text == "," {
			for k := j + 1; k < ti && k <= j+3; k++ {
				if e := rf.tokEnt[k]; e != NoEntity {
					if ok(e) {
						return e
					}
					return NoEntity
				}
			}
			break
		}
		if rf.tokEnt[j] != NoEntity {
			break
		}
	}
	return NoEntity
}

// possessive reports whether entity e's first mention after token ti is
// followed by 's ("Yemen's capital").
func (rf *relationFinder) possessive(si, ti, e int) bool {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	for j := ti + 1; j < s.tokEnd; j++ {
		if rf.tokEnt[j] != e {
			continue
		}
		for j+1 < s.tokEnd && rf.tokEnt[j+1] == e {
			j++
		}
		return j+1 < s.tokEnd && (toks[j+1].lower == "'s" || toks[j+1].lower == "’s")
	}
	return false
}

// subjectAfterParticiple returns the actor that opens the main clause after
// the participle phrase at token ti ends with a comma, or NoEntity.
func (rf *relationFinder) subjectAfterParticiple(si, ti int) (int, int) {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	for j := ti + 1; j < s.tokEnd && j <= ti+12; j++ {
		if clauseBreak(toks[j]) {
			break
		}
		if toks[j].text != "," {
			continue
		}
		for k := j + 1; k < s.tokEnd && k <= j+3; k++ {
			if e := rf.tokEnt[k]; e != NoEntity {
				if rf.isActor(e) {
					return e, k
				}
				break
			}
		}
		break
	}
	return NoEntity, -1
}

// between handles "between A, B and C" after a fight word: every pair.
func (rf *relationFinder) between(si int, its []item) {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	for ti := s.tokStart; ti < s.tokEnd; ti++ {
		if toks[ti].lower != "between" {
			continue
		}
		// a fight word shortly before
		fight := false
		for j := max(s.tokStart, ti-4); j < ti; j++ {
			if fightWords[toks[j].lower] || toks[j].lower == "battleground" || toks[j].lower == "war" || toks[j].lower == "conflict" {
				fight = true
			}
		}
		if !fight {
			continue
		}
		groups := rf.listAfter(si, ti)
		pol := !rf.negated(si, ti-6, ti)
		for a := 0; a < len(groups); a++ {
			for b := a + 1; b < len(groups); b++ {
				rf.emit(si, groups[a], Fights, groups[b], pol, rf.span(ti, min(ti+1, s.tokEnd)), ti, "between-list", 0.7)
			}
		}
	}
}

// listAfter reads a list of armed groups after token ti: items split at
// commas and "and" outside names; each item is represented by its last
// armed group ("the al-Qaeda splinter group ISIS" is ISIS; "opposition
// forces led by Jabhat a-Nusra" is Jabhat a-Nusra).
func (rf *relationFinder) listAfter(si, ti int) []int {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	var out []int
	seen := map[int]bool{}
	cur := NoEntity
	flush := func() {
		if cur != NoEntity && !seen[cur] {
			seen[cur] = true
			out = append(out, cur)
		}
		cur = NoEntity
	}
	for j := ti + 1; j < s.tokEnd; j++ {
		t := toks[j]
		if e := rf.tokEnt[j]; e != NoEntity {
			if rf.isActor(e) {
				cur = e
			}
			continue
		}
		if t.text == "," || t.lower == "and" || t.text == ":" {
			flush()
			continue
		}
		if t.text == ";" || t.text == "." || t.lower == "while" || t.lower == "but" {
			break
		}
	}
	flush()
	armed := false
	for _, e := range out {
		armed = armed || rf.isActor(e)
	}
	if !armed {
		return nil
	}
	return out
}

// ledBy: "opposition groups led by X", "X-led forces": the group before
// (or after, for X-led Y) is allied with X.
func (rf *relationFinder) ledBy(si int, its []item, ti int) {
	toks := rf.d.tokens
	if strings.HasPrefix(toks[ti].lower, "-") {
		// X-led, X-backed: X leads or backs the group the phrase describes
		// ("NFL, a Turkey-backed coalition"; "affiliated with X-led groups")
		leader := rf.tokEnt[ti-1]
		if leader == NoEntity || !rf.isActor(leader) && rf.ents[leader].PlaceKind != Country {
			return
		}
		// "the UAE-backed STC": the group the compound describes, unless
		// the compound opens an apposition ("NFL, a Turkey-backed
		// coalition of rebel groups": NFL is backed)
		s := rf.d.sentences[si]
		apposition := ti-3 >= s.tokStart && toks[ti-3].text == "," && (toks[ti-2].lower == "a" || toks[ti-2].lower == "an" || toks[ti-2].lower == "the")
		for j := ti + 1; !apposition && j < s.tokEnd && j <= ti+3; j++ {
			if e := rf.tokEnt[j]; e != NoEntity {
				if rf.isActor(e) && e != leader {
					rf.emit(si, e, AlliedWith, leader, true, rf.span(ti-1, j+1), ti, "x-backed-y", 0.65)
					return
				}
				break
			}
			if t := toks[j]; t.kind != wordToken || t.upper || t.lower == "of" {
				break
			}
		}
		// a group named earlier in the clause that is "affiliated with" it
		sub, _ := rf.leftActor(si, its, ti-1, func(e int) bool { return rf.isActor(e) && e != leader }, 12)
		if sub != NoEntity {
			rf.emit(si, sub, AlliedWith, leader, !rf.negated(si, ti-8, ti), rf.span(max(ti-8, rf.d.sentences[si].tokStart), ti+1), ti, "x-led", 0.6)
		}
		return
	}
	objs := rf.rightActors(si, ti+1, rf.isActor, 6)
	if len(objs) == 0 {
		return
	}
	sub, at := rf.leftActor(si, its, ti, func(e int) bool { return rf.isActor(e) && e != objs[0] }, 2)
	if sub == NoEntity {
		return
	}
	rf.emit(si, sub, AlliedWith, objs[0], true, rf.span(at, ti+2), ti, "led-by", 0.6)
}

// heldBy: "X-held Y", "Y, held by X", "controlled by X".
func (rf *relationFinder) heldBy(si int, its []item, ti int) {
	toks := rf.d.tokens
	isPlace := func(e int) bool { return rf.typ(e) == Place }
	if strings.HasPrefix(toks[ti].lower, "-") {
		holder := rf.tokEnt[ti-1]
		if holder == NoEntity || !rf.isActor(holder) {
			return
		}
		places := rf.rightActors(si, ti, isPlace, 4)
		for _, p := range places {
			rf.emit(si, holder, Controls, p, true, rf.span(ti-1, ti+1), ti, "x-held", 0.65)
		}
		return
	}
	holders := rf.rightActors(si, ti+1, rf.isActor, 5)
	if len(holders) == 0 {
		return
	}
	// the places of the clause before the verb that are not containers
	// ("both in Hama province")
	var places []int
	seen := map[int]bool{}
	s := rf.d.sentences[si]
	for j := ti - 1; j >= s.tokStart && j >= ti-16; j-- {
		if clauseBreak(toks[j]) && toks[j].lower != "which" {
			break
		}
		e := rf.tokEnt[j]
		if e == NoEntity || !isPlace(e) || seen[e] {
			continue
		}
		start := j
		for start > s.tokStart && rf.tokEnt[start-1] == e {
			start--
		}
		seen[e] = true
		if start > s.tokStart && (toks[start-1].lower == "in" || toks[start-1].lower == "of") {
			j = start
			continue
		}
		places = append(places, e)
		j = start
	}
	for _, place := range places {
		for _, h := range holders {
			rf.emit(si, h, Controls, place, !rf.negated(si, ti-3, ti), rf.span(ti, ti+2), ti, "held-by", 0.65)
		}
	}
}

// splinters: "the X splinter group Y", "Y, a splinter of X", "Y broke
// away from X", "an offshoot of X".
func (rf *relationFinder) splinters(si int, its []item) {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	for ti := s.tokStart; ti < s.tokEnd; ti++ {
		w := toks[ti].lower
		if !(w == "splinter" || w == "offshoot" || w == "breakaway" || w == "broke" || w == "split" || w == "splintered" || w == "seceded" || w == "defected" || w == "dissident") {
			continue
		}
		if w == "dissident" {
			// "the EMC, the largest dissident group in the FARC"
			if !(ti+2 < s.tokEnd && (toks[ti+1].lower == "group" || toks[ti+1].lower == "faction" || toks[ti+1].lower == "wing") && (toks[ti+2].lower == "in" || toks[ti+2].lower == "of" || toks[ti+2].lower == "from")) {
				continue
			}
		}
		if (w == "split" || w == "splintered" || w == "seceded" || w == "defected") && !(ti+1 < s.tokEnd && (toks[ti+1].lower == "from" || toks[ti+1].lower == "off")) {
			continue
		}
		// "X splinter group Y": X right before, Y after; only for the
		// nouns, since before a verb ("Y broke away from X") the actor
		// is the splinter
		noun := w == "splinter" || w == "offshoot" || w == "breakaway" || w == "dissident"
		if noun && ti > s.tokStart && rf.tokEnt[ti-1] != NoEntity && rf.isActor(rf.tokEnt[ti-1]) {
			parent := rf.tokEnt[ti-1]
			kids := rf.rightActors(si, ti, rf.isActor, 4)
			if len(kids) > 0 {
				rf.emit(si, kids[0], SplinterOf, parent, true, rf.span(ti-1, ti+1), ti, "x-splinter-group-y", 0.75)
				continue
			}
		}
		// "Y, a splinter of X" / "Y broke away from X"
		parents := rf.rightActors(si, ti, rf.isActor, 5)
		child, at := rf.leftActor(si, its, ti, rf.isActor, 8)
		if len(parents) > 0 && child != NoEntity {
			if w == "splinter" || w == "offshoot" || w == "dissident" || w == "breakaway" {
				// a noun describing the group: the writer's description
				rf.emitDescription(si, child, SplinterOf, parents[0], rf.span(at, ti+1), ti, "y-splinter-of-x", 0.7)
			} else {
				rf.emit(si, child, SplinterOf, parents[0], !rf.negated(si, at, ti), rf.span(at, ti+1), ti, "y-splinter-of-x", 0.7)
			}
		}
	}
}

// members: "P, a member of O", "P, spokesperson for O", "O leader P",
// "O's P".
func (rf *relationFinder) members(si int, its []item) {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	isGroup := func(e int) bool { t := rf.typ(e); return t == ArmedGroup || t == Organization }
	for k, it := range its {
		if rf.typ(it.entity) != Person {
			continue
		}
		// "P, 25, is ...": an age between commas is not the apposition
		after := it.end
		if after+2 < s.tokEnd && toks[after].text == "," && toks[after+1].kind == numberToken && toks[after+2].text == "," {
			after += 2
			if after+1 < s.tokEnd && (toks[after+1].lower == "is" || toks[after+1].lower == "was") {
				after++
			}
		}
		// P, a member of O / P, spokesperson for O / P, the head of O and
		// member of O2: every role the apposition gives
		if after < s.tokEnd && toks[after].text == "," {
			rf.appositionRoles(si, it, after)
		}
		j := it.end
		// a byline: "Phil Sands / The National"
		if j+1 < s.tokEnd && toks[j].text == "/" {
			if e := rf.tokEnt[j+1]; e != NoEntity && rf.typ(e) == Organization {
				rf.emitDescription(si, it.entity, MemberOf, e, rf.span(it.start, j+2), j, "byline-outlet", 0.6)
			}
		}
		// "Haftar's self-styled Libyan National Army", "Jolani, whose
		// al-Nusra Front": the person's group
		if g := rf.personsGroup(si, j); g != NoEntity {
			rf.emitDescription(si, it.entity, MemberOf, g, rf.span(it.start, j+1), j, "person-possessive-group", 0.6)
		}
		// P of O: "Ibrahim Kolo of the Borno State Emergency Management Agency"
		if j+1 < s.tokEnd && toks[j].lower == "of" {
			if org := rf.firstGroupAfter(si, j, 2); org != NoEntity {
				rf.emitDescription(si, it.entity, MemberOf, org, rf.span(it.start, j+1), j, "person-of-group", 0.6)
			}
		}
		// P was in O / P joined O
		if j+1 < s.tokEnd && (toks[j].lower == "joined" || (toks[j].lower == "was" || toks[j].lower == "is") && toks[j+1].lower == "in") {
			at := j + 1
			if toks[j].lower != "joined" {
				at = j + 2
			}
			if org := rf.firstGroupAfter(si, at-1, 2); org != NoEntity && rf.isActor(org) {
				rf.emit(si, it.entity, MemberOf, org, true, rf.span(it.start, at), j, "was-in-group", 0.6)
			}
		}
		// P is/was the <role> at/of/for/in O
		if j := after; j+2 < s.tokEnd && (toks[j].lower == "is" || toks[j].lower == "was" || toks[j].lower == "became") {
			for m := j + 1; m < s.tokEnd && m <= j+10; m++ {
				w := toks[m].lower
				if rf.tokEnt[m] != NoEntity || toks[m].kind == punctToken {
					break
				}
				if (w == "of" || w == "for" || w == "at" || w == "in" || w == "with") && m > j+2 {
					role := false
					for r := j + 1; r < m; r++ {
						role = role || memberWords[toks[r].lower] || titles[toks[r].lower] || orgHeads[toks[r].lower] || toks[r].lower == "officer"
					}
					if org := rf.firstGroupAfter(si, m, 6); role && org != NoEntity {
						rf.emitDescription(si, it.entity, MemberOf, org, rf.span(it.start, m+1), m, "is-role-of", 0.7)
					}
					break
				}
			}
		}
		// "a spokesman for the ruling junta, Colonel Oumar Sanogo": the role
		// before the group is the person's
		if k > 0 && isGroup(its[k-1].entity) && rf.roleBefore(si, its[k-1].start) {
			gap := toks[its[k-1].end:it.start]
			ok := len(gap) >= 1 && gap[0].text == ","
			for i := 1; ok && i < len(gap); i++ {
				ok = titles[gap[i].lower]
			}
			if ok {
				rf.emitDescription(si, it.entity, MemberOf, its[k-1].entity, rf.span(its[k-1].start, it.end), it.start, "role-for-group-person", 0.65)
			}
		}
		// O leader P / O's P / O spokesman P
		if k > 0 {
			prev := its[k-1]
			if isGroup(prev.entity) {
				gap := toks[prev.end:it.start]
				if n := len(gap); n >= 2 && gap[n-1].text == "," && (memberWords[gap[n-2].lower] || titles[gap[n-2].lower]) {
					gap = gap[:n-1] // "the DMC leader, Ahmed Al-Khabil"
				}
				okGap := len(gap) <= 3
				role := false
				for _, g := range gap {
					possessive := g.lower == "'s" || g.lower == "’s"
					if memberWords[g.lower] || possessive {
						role = true
					} else if g.kind == punctToken || nameConnectors[g.lower] || g.lower == "that" || speechVerbs[g.lower] != "" {
						okGap = false
					}
				}
				if okGap && role {
					rf.emitDescription(si, it.entity, MemberOf, prev.entity, rf.span(prev.start, it.end), prev.end, "group-role-person", 0.7)
				}
			}
		}
	}
}

// appositionRoles reads the apposition after person it (from the comma at
// token comma): "Al-Baraa Hashem, the alias of a member of the X campaign
// and head of the Y's media office, tells ..." gives both memberships. A
// role word (member, head, spokesman ...) followed within a few words by
// of/for/at/with/in names the group after it. The apposition ends at a
// clause break, a speech verb or another person.
func (rf *relationFinder) appositionRoles(si int, it item, comma int) {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	roleAt := -1
	for m := comma + 1; m < s.tokEnd && m <= comma+24; m++ {
		t := toks[m]
		if e := rf.tokEnt[m]; e != NoEntity {
			if rf.typ(e) == Person && e != it.entity {
				return
			}
			continue
		}
		if clauseBreak(t) {
			return
		}
		if _, verb := speechVerbs[t.lower]; verb {
			return
		}
		if memberWords[t.lower] || titles[t.lower] {
			roleAt = m
			continue
		}
		if roleAt < 0 || m-roleAt > 4 {
			continue
		}
		switch t.lower {
		case "of", "for", "at", "with", "in":
			if org := rf.firstGroupAfter(si, m, 10); org != NoEntity {
				rf.emitDescription(si, it.entity, MemberOf, org, rf.span(it.start, m+1), m, "apposition-role", 0.75)
				roleAt = -1
			} else if m+2 < s.tokEnd && toks[m+1].lower == "the" && describedGroups[toks[m+2].lower] && rf.lastArmed != NoEntity {
				// "a commander of the group": the armed group named last
				rf.emitDescription(si, it.entity, MemberOf, rf.lastArmed, rf.span(it.start, m+3), m, "apposition-role-described", 0.6)
				roleAt = -1
			}
		}
	}
}

// roleBefore reports whether a role phrase ends right before token ti:
// "a spokesman for the (ruling)", "the head of".
func (rf *relationFinder) roleBefore(si, ti int) bool {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	for j := ti - 1; j > s.tokStart && j >= ti-4; j-- {
		if rf.tokEnt[j] != NoEntity || toks[j].kind != wordToken {
			return false
		}
		if w := toks[j].lower; w == "for" || w == "of" {
			return memberWords[toks[j-1].lower] || titles[toks[j-1].lower]
		}
	}
	return false
}

// personsGroup returns the group named right after a person's possessive
// at token ti ("'s self-styled X", ", whose X"), or NoEntity.
func (rf *relationFinder) personsGroup(si, ti int) int {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	switch {
	case ti < s.tokEnd && (toks[ti].lower == "'s" || toks[ti].lower == "’s"):
		ti++
	case ti+1 < s.tokEnd && toks[ti].text == "," && toks[ti+1].lower == "whose":
		ti += 2
	default:
		return NoEntity
	}
	for j := ti; j < s.tokEnd && j <= ti+3; j++ {
		if e := rf.tokEnt[j]; e != NoEntity {
			if t := rf.typ(e); t == ArmedGroup || t == Organization {
				return e
			}
			return NoEntity
		}
		if t := toks[j]; t.kind != wordToken || t.upper {
			return NoEntity
		}
	}
	return NoEntity
}

// located: "A, the capital of B", "the town of A in B", "A in (northwest) B",
// "B's (northern province of) A" for a country B, "the Ukrainian city of A".
func (rf *relationFinder) located(si int, its []item) {
	rf.countryPossessive(si, its)
	rf.demonymPlace(si)
	rf.placeInPlace(si, its)
	rf.alongBorder(si, its)
}

// countryPossessive: "Yemen's Red Sea port city of Hodeidah" places
// Hodeidah in Yemen; "Syria's northern province of Raqqa" Raqqa; "Syria's
// Idlib" Idlib. A place named as a modifier before "port city of" is not
// the one placed, a country is never inside another ("Syria's border with
// Lebanon"), and a capitalised word after the possessive starts a name
// ("Syria's Islamic Front").
func (rf *relationFinder) countryPossessive(si int, its []item) {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	for _, a := range its {
		if rf.typ(a.entity) != Place || rf.ents[a.entity].PlaceKind != Country || a.end >= s.tokEnd {
			continue
		}
		if w := toks[a.end].lower; w != "'s" && w != "’s" {
			continue
		}
		direct := NoEntity // the first place after the possessive
		for j := a.end + 1; j < s.tokEnd && j <= a.end+9; j++ {
			if e := rf.tokEnt[j]; e != NoEntity {
				if rf.typ(e) != Place || rf.ents[e].PlaceKind == Country {
					break
				}
				if direct == NoEntity {
					direct = e
				}
				for j+1 < s.tokEnd && rf.tokEnt[j+1] == e {
					j++
				}
				continue
			}
			t := toks[j]
			if t.kind != wordToken || t.upper {
				break
			}
			if placeNouns[t.lower] != "" && j+2 < s.tokEnd && toks[j+1].text == "," && direct == NoEntity {
				// "Yemen's capital, Sanaa"
				if e := rf.tokEnt[j+2]; e != NoEntity && e != a.entity && rf.typ(e) == Place && rf.ents[e].PlaceKind != Country {
					rf.emitDescription(si, e, LocatedIn, a.entity, rf.span(a.start, j+3), a.end, "country-possessive", 0.7)
				}
				break
			}
			if placeNouns[t.lower] != "" && j+2 < s.tokEnd && toks[j+1].lower == "of" {
				if e := rf.tokEnt[j+2]; e != NoEntity && e != a.entity && rf.typ(e) == Place && rf.ents[e].PlaceKind != Country {
					rf.emitDescription(si, e, LocatedIn, a.entity, rf.span(a.start, j+3), a.end, "country-possessive", 0.7)
					direct = NoEntity
				}
				break
			}
		}
		if direct != NoEntity {
			rf.emitDescription(si, direct, LocatedIn, a.entity, rf.span(a.start, a.end+1), a.end, "country-possessive", 0.7)
		}
	}
}

// demonymPlace: "the Ukrainian city of Bakhmut", "the turbulent Colombian
// department of Cauca": the place is in the demonym's country, when the
// document names that country (data/demonyms.txt).
func (rf *relationFinder) demonymPlace(si int) {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	for ti := s.tokStart; ti < s.tokEnd; ti++ {
		if rf.tokEnt[ti] != NoEntity {
			continue
		}
		idx, ok := rf.x.countryOf[toks[ti].lower]
		if !ok {
			continue
		}
		country := rf.entityByKey("gaz:" + rf.x.gaz.entries[idx].ID)
		if country == NoEntity {
			continue
		}
		for j := ti + 1; j+2 < s.tokEnd && j <= ti+4; j++ {
			t := toks[j]
			if rf.tokEnt[j] != NoEntity || t.kind != wordToken || t.upper {
				break
			}
			if placeNouns[t.lower] == "" || toks[j+1].lower != "of" {
				continue
			}
			if e := rf.tokEnt[j+2]; e != NoEntity && e != country && rf.typ(e) == Place && rf.ents[e].PlaceKind != Country {
				rf.emitDescription(si, e, LocatedIn, country, rf.span(ti, j+3), ti, "demonym-place", 0.65)
			}
			break
		}
	}
}

// entityByKey returns the document's entity with the key, or NoEntity.
func (rf *relationFinder) entityByKey(key string) int {
	for i := range rf.ents {
		if rf.ents[i].Key == key {
			return i
		}
	}
	return NoEntity
}

// placeInPlace: "A in B", "A, B", "the town of A in the Qalamoun
// mountains", "Guapi, in the turbulent department of Cauca", "Yabroud, the
// last rebel stronghold in the Qalamoun mountains": a smaller place
// followed by a larger one with "in"/"of" between, or after an apposition
// that describes A without a verb.
func (rf *relationFinder) placeInPlace(si int, its []item) {
	toks := rf.d.tokens
	for k := 0; k+1 < len(its); k++ {
		a, b := its[k], its[k+1]
		between := false
		if rf.typ(b.entity) != Place && k+2 < len(its) && rf.typ(its[k+2].entity) == Place && !toks[b.start].upper {
			// "Yabroud, the last major rebel stronghold in the Qalamoun": a
			// lower-case actor word inside the description
			b, between = its[k+2], true
		}
		if rf.typ(a.entity) != Place || rf.typ(b.entity) != Place || a.entity == b.entity {
			continue
		}
		gap := toks[a.end:b.start]
		if len(gap) == 0 || len(gap) > 10 || (len(gap) > 5 || between) && !describesPlace(gap) {
			continue
		}
		// "Gharyan, south of Tripoli", "a town near Cali": beside, not in
		beside := false
		for gi, g := range gap {
			switch g.lower {
			case "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest":
				// "south of Tripoli" is beside it; "the north of Magway" in it
				beside = beside || gi+1 < len(gap) && gap[gi+1].lower == "of" && (gi == 0 || gap[gi-1].lower != "the")
			case "near", "outside", "between", "toward", "towards", "from":
				beside = true
			}
		}
		if beside {
			continue
		}
		if n := len(gap); n >= 2 && gap[0].kind == wordToken && !predicative(gap) && gap[0].lower != "in" && gap[n-1].lower == "of" && placeNouns[gap[n-2].lower] != "" && gap[n-2].lower != "capital" {
			continue // "the Red Sea port city of Hodeidah": A describes B
		}
		ok := false
		for gi, g := range gap {
			switch g.lower {
			case "in", "of":
				ok = ok || gi == 0 || gap[0].text == "," || gi == 1 && locatedVerbs[gap[0].lower] || placeNouns[gap[0].lower] != "" || gap[gi-1].lower == "capital" || placeNouns[gap[gi-1].lower] != "" ||
					// "Waer and many other areas of Homs"
					gi >= 3 && gap[0].lower == "and" && gap[gi-2].lower == "other" && placeNouns[strings.TrimSuffix(gap[gi-1].lower, "s")] != ""
			}
		}
		if gap[0].text == "," && len(gap) == 1 && rf.placeRank(b.entity) > rf.placeRank(a.entity) {
			ok = true // "Idlib, Syria"
		}
		if !ok {
			continue
		}
		if rf.placeRank(b.entity) < rf.placeRank(a.entity) {
			continue
		}
		rf.emit(si, a.entity, LocatedIn, b.entity, true, rf.span(a.start, b.end), a.end, "place-in-place", 0.7)
	}
}

// alongBorder: "the Qalamoun mountain range along Syria's western border
// with Lebanon" lies in Syria.
func (rf *relationFinder) alongBorder(si int, its []item) {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	for k := 0; k+1 < len(its); k++ {
		a, c := its[k], its[k+1]
		if rf.typ(a.entity) != Place || rf.ents[c.entity].PlaceKind != Country || a.entity == c.entity {
			continue
		}
		gap := toks[a.end:c.start]
		if len(gap) == 0 || len(gap) > 3 || gap[len(gap)-1].lower != "along" {
			continue
		}
		j := c.end
		if j >= s.tokEnd || toks[j].lower != "'s" && toks[j].lower != "’s" {
			continue
		}
		for j++; j < s.tokEnd && j <= c.end+3 && toks[j].kind == wordToken && !toks[j].upper && toks[j].lower != "border"; j++ {
		}
		if j < s.tokEnd && (toks[j].lower == "border" || toks[j].lower == "borders" || toks[j].lower == "frontier") {
			rf.emitDescription(si, a.entity, LocatedIn, c.entity, rf.span(a.start, j+1), c.start, "along-border", 0.6)
		}
	}
}

// describesPlace reports whether a longer gap between two places is an
// apposition or a prepositional phrase about the first, with no verb: ",
// the last major rebel stronghold in the strategic", ", in the turbulent
// Colombian department of".
func describesPlace(gap []token) bool {
	if gap[0].text != "," {
		return false
	}
	prep := false
	for _, g := range gap[1:] {
		prep = prep || g.lower == "in" || g.lower == "of"
	}
	if !prep {
		return false
	}
	for _, g := range gap[1:] {
		if g.kind != wordToken || g.upper && !demonymOrCompass(g.lower) {
			return false
		}
		switch g.lower {
		case "where", "which", "who", "when", "while", "and", "but", "or", "as", "by", "with", "to", "from", "after", "before", "is", "was", "are", "were", "has", "have", "had":
			return false
		}
		if strings.HasSuffix(g.lower, "ed") && g.lower != "located" && g.lower != "situated" {
			return false
		}
	}
	return true
}

// predicative reports whether a gap between two names says what the first
// is ("is a rural district of"), rather than modifying the second ("port
// city of").
func predicative(gap []token) bool {
	for _, g := range gap {
		switch g.lower {
		case "is", "was", "are", "were", "a", "an", "the", "lies", "sits":
			return true
		}
	}
	return false
}

func demonymOrCompass(w string) bool { return demonyms[w] || compassWords[w] }

func (rf *relationFinder) placeRank(e int) int {
	switch rf.ents[e].PlaceKind {
	case Site:
		return 1
	case District:
		return 2
	case Town:
		return 3
	case City:
		return 4
	case Region:
		return 5
	case Province:
		return 6
	case Country:
		return 8
	}
	return 3
}

// answerDenial: an interview answer opening with "No" to a question that
// asks whether two actors fight ("Are there any battles between ISIS and
// the regime?") denies the relation; "Yes" affirms it. The relation
// belongs to the answer's claim.
func (rf *relationFinder) answerDenial(si int, its []item) {
	if rf.iv == nil || !rf.iv.answers[si] {
		return
	}
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	// the first answer sentence of its question only
	if si > 0 && rf.iv.answers[si-1] && rf.iv.questionOf[si-1] == rf.iv.questionOf[si] {
		return
	}
	first := s.tokStart
	if first < s.tokEnd && (toks[first].lower == "a" && first+1 < s.tokEnd && toks[first+1].text == ":") {
		first += 2
	}
	if first >= s.tokEnd {
		return
	}
	var pol bool
	switch toks[first].lower {
	case "no", "never", "not":
		pol = false
	case "yes", "yeah", "indeed", "certainly", "definitely":
		pol = true
	default:
		return
	}
	q := rf.iv.questionOf[si]
	var groups, places []int
	fight, control := false, false
	for sj := q; sj < len(rf.d.sentences) && rf.iv.questions[sj]; sj++ {
		qs := rf.d.sentences[sj]
		for ti := qs.tokStart; ti < qs.tokEnd; ti++ {
			if rf.tokEnt[ti] != NoEntity {
				continue
			}
			if fightWords[toks[ti].lower] {
				fight = true
			}
			if controlWords[toks[ti].lower] || toks[ti].lower == "control" {
				control = true
			}
		}
		for _, it := range rf.sentenceItems(sj) {
			switch {
			case rf.isActor(it.entity):
				groups = append(groups, it.entity)
			case rf.typ(it.entity) == Place && rf.ents[it.entity].PlaceKind != Country:
				places = append(places, it.entity)
			}
		}
	}
	switch {
	case fight && len(groups) >= 2:
		rf.emit(si, groups[0], Fights, groups[1], pol, toks[first].Span, first, "answer-to-question", 0.65)
	case control && len(groups) >= 1 && len(places) == 1:
		// "The regime says JFS controls al-Rastan. Is that true?" — "No."
		// The actor the question asks about is the last one named before
		// the place ("The regime says JFS ..."): the one said to hold it.
		rf.emit(si, groups[len(groups)-1], Controls, places[0], pol, toks[first].Span, first, "answer-to-question", 0.6)
	}
}

// strongholdOf: "Benghazi, the LNA's main base", "Raqqa, the ISIS
// stronghold": a place described as an armed group's base or stronghold
// is held by it.
func (rf *relationFinder) strongholdOf(si int, its []item) {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	for k := 0; k+1 < len(its); k++ {
		a, g := its[k], its[k+1]
		if rf.typ(a.entity) != Place || !rf.isActor(g.entity) || a.end >= s.tokEnd || toks[a.end].text != "," {
			continue
		}
		gap := toks[a.end+1 : g.start]
		if len(gap) == 0 || len(gap) > 3 || gap[0].lower != "the" && gap[0].lower != "a" && gap[0].lower != "an" {
			continue
		}
		ok := true
		for _, t := range gap[1:] {
			ok = ok && t.kind == wordToken && !t.upper
		}
		if !ok {
			continue
		}
		j := g.end
		if j < s.tokEnd && (toks[j].lower == "'s" || toks[j].lower == "’s") {
			j++
		}
		for j < s.tokEnd && j < g.end+4 && toks[j].kind == wordToken && !toks[j].upper && !strongholdNouns[toks[j].lower] && rf.tokEnt[j] == NoEntity {
			j++
		}
		if j < s.tokEnd && strongholdNouns[toks[j].lower] {
			rf.emit(si, g.entity, Controls, a.entity, true, rf.span(a.start, j+1), j, "place-stronghold-of", 0.6)
		}
	}
}

// whereDominant: "the province of Raqqa, where ISIS is most dominant",
// "Sweida, where the regime is in control": the place is held.
func (rf *relationFinder) whereDominant(si int, its []item) {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	for k := 0; k+1 < len(its); k++ {
		a, g := its[k], its[k+1]
		if rf.typ(a.entity) != Place || !rf.isActor(g.entity) || a.end+2 > g.start {
			continue
		}
		if toks[a.end].text != "," || toks[a.end+1].lower != "where" || g.start-(a.end+2) > 1 {
			continue
		}
		j := g.end
		if j >= s.tokEnd || toks[j].lower != "is" && toks[j].lower != "are" && toks[j].lower != "remains" && toks[j].lower != "remain" {
			continue
		}
		neg := false
		for j++; j < s.tokEnd && j <= g.end+3; j++ {
			switch toks[j].lower {
			case "not", "no", "never", "longer":
				neg = true
				continue
			case "most", "the", "still", "firmly", "largely", "strongly", "now", "fully":
				continue
			case "dominant", "entrenched":
				rf.emit(si, g.entity, Controls, a.entity, !neg, rf.span(a.start, j+1), j, "where-dominant", 0.6)
			case "in":
				if j+1 < s.tokEnd && toks[j+1].lower == "control" {
					rf.emit(si, g.entity, Controls, a.entity, !neg, rf.span(a.start, j+2), j, "where-dominant", 0.6)
				}
			}
			break
		}
	}
}

// positionsAt: "the regime's positions at Kweiris airbase", "ISIS
// checkpoints in Raqqa": a group's positions at a place hold it.
func (rf *relationFinder) positionsAt(si int, its []item) {
	toks := rf.d.tokens
	for k := 0; k+1 < len(its); k++ {
		g, p := its[k], its[k+1]
		if !rf.isActor(g.entity) || rf.typ(p.entity) != Place || rf.ents[p.entity].PlaceKind == Country {
			continue
		}
		gap := toks[g.end:p.start]
		if len(gap) < 2 || len(gap) > 4 {
			continue
		}
		i := 0
		if gap[0].lower == "'s" || gap[0].lower == "’s" {
			i++
		}
		if i >= len(gap) || !positionNouns[gap[i].lower] {
			continue
		}
		i++
		// a site or a town: "positions in Marib province" hold positions,
		// not the province
		if rf.placeRank(p.entity) > 3 {
			continue
		}
		if i < len(gap) && (gap[i].lower == "at" || gap[i].lower == "in") && (i+1 == len(gap) || i+2 == len(gap) && gap[i+1].lower == "the") {
			rf.emit(si, g.entity, Controls, p.entity, true, rf.span(g.start, p.end), g.end, "positions-at", 0.6)
		}
	}
}

// underControl: "Homs is under the control of the government", "Hodeidah,
// which is under Houthi control", "Islamic State occupation of Homs".
func (rf *relationFinder) underControl(si int, its []item) {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	isPlace := func(e int) bool { return rf.typ(e) == Place }
	for ti := s.tokStart; ti+1 < s.tokEnd; ti++ {
		if toks[ti].lower != "under" {
			continue
		}
		// the holder: "under the control of X" or "under X control/rule"
		holder, end := NoEntity, -1
		for j := ti + 1; j < s.tokEnd && j <= ti+6; j++ {
			w := toks[j].lower
			if e := rf.tokEnt[j]; e != NoEntity && rf.isActor(e) && holder == NoEntity {
				holder = e
			}
			if w == "control" || w == "rule" || w == "occupation" || w == "siege" {
				end = j
				if holder == NoEntity {
					if objs := rf.rightActors(si, j, rf.isActor, 4); len(objs) > 0 {
						holder = objs[0]
					}
				}
				break
			}
		}
		if holder == NoEntity || end < 0 {
			continue
		}
		place, _ := rf.leftActor(si, its, ti, isPlace, 10)
		if place == NoEntity {
			continue
		}
		rf.emit(si, holder, Controls, place, !rf.negated(si, ti-3, ti), rf.span(ti, end+1), ti, "under-control", 0.65)
	}
}

// firstGroupAfter returns the first armed group or organisation within
// window tokens after token ti, before a clause break.
func (rf *relationFinder) firstGroupAfter(si, ti, window int) int {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	commas := 0
	for j := ti + 1; j < s.tokEnd && j <= ti+window; j++ {
		if clauseBreak(toks[j]) {
			break
		}
		if _, verb := speechVerbs[toks[j].lower]; verb && rf.tokEnt[j] == NoEntity {
			break
		}
		if toks[j].text == "," {
			// "head of Douma's most powerful rebel faction, Jaish al-Islam":
			// one apposition comma at most
			if commas++; commas > 1 {
				break
			}
		}
		if e := rf.tokEnt[j]; e != NoEntity {
			if t := rf.typ(e); t == ArmedGroup || t == Organization {
				return e
			}
		}
	}
	return NoEntity
}

// takenFrom: "X launched an offensive to retake Hodeidah from the
// Houthis", "seized the town from ISIS": the group it is taken from held
// the place, and the taker fights it.
func (rf *relationFinder) takenFrom(si int, its []item) {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	isPlace := func(e int) bool { return rf.typ(e) == Place }
	for ti := s.tokStart; ti < s.tokEnd; ti++ {
		if toks[ti].trigger&takeTrigger == 0 {
			continue // one bit per token, not a switch over 25 words
		}
		if slices.Contains(driveWords, toks[ti].lower) {
			rf.droveOut(si, its, ti)
			continue
		}
		places := rf.rightActors(si, ti, isPlace, 6)
		if len(places) == 0 {
			continue
		}
		for j := ti + 1; j < s.tokEnd && j <= ti+10; j++ {
			if toks[j].lower != "from" {
				continue
			}
			holders := rf.rightActors(si, j, rf.isActor, 4)
			if len(holders) == 0 {
				break
			}
			rf.emit(si, holders[0], Controls, places[0], true, rf.span(ti, j+2), ti, "taken-from", 0.6)
			if taker, at := rf.leftActor(si, its, ti, rf.isActor, 14); taker != NoEntity && taker != holders[0] {
				rf.emit(si, taker, Fights, holders[0], true, rf.span(at, j+2), ti, "taken-from", 0.6)
			}
			break
		}
	}
}

// droveOut: "to drive Islah-aligned Special Security Forces out of Ataq":
// the driven held the place, and the driver fights them.
func (rf *relationFinder) droveOut(si int, its []item, ti int) {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	held := rf.rightActors(si, ti, rf.isActor, 5)
	if len(held) == 0 {
		return
	}
	for j := ti + 1; j+2 < s.tokEnd && j <= ti+9; j++ {
		if toks[j].lower != "out" || toks[j+1].lower != "of" && toks[j+1].lower != "from" {
			continue
		}
		if p := rf.tokEnt[j+2]; p != NoEntity && rf.typ(p) == Place {
			rf.emit(si, held[0], Controls, p, true, rf.span(ti, j+3), ti, "driven-out-of", 0.6)
		}
		if driver, at := rf.leftActor(si, its, ti, func(e int) bool { return rf.isActor(e) && e != held[0] }, 14); driver != NoEntity {
			rf.emit(si, driver, Fights, held[0], true, rf.span(at, ti+1), ti, "driven-out-of", 0.6)
		}
		return
	}
}

// verbPhraseStart reports whether a word after "but"/"and" opens a verb
// phrase sharing the subject ("but still holds", "and seized"), rather
// than a new noun phrase ("and forces allied to").
func verbPhraseStart(w string) bool {
	switch w {
	case "still", "also", "then", "later", "now", "has", "have", "had", "is", "are", "was", "were", "will", "would", "continues", "continued", "remains", "remained":
		return true
	}
	return controlWords[w] || fightWords[w] && strings.HasSuffix(w, "ed") || allyWords[w] && strings.HasSuffix(w, "ed")
}

// sentenceFallback relates the only two actors of a sentence that has a
// fight word (FIGHTS), or its only actor and only place with a control
// word (CONTROLS), when no pattern matched the sentence. It is the
// weakest rule (confidence 0.4); negation anywhere before the trigger
// denies the relation.
func (rf *relationFinder) sentenceFallback(si int, its []item, matched, found []Relation) {
	fightMatched, controlMatched := false, false
	for _, r := range matched {
		switch r.Predicate {
		case Controls:
			controlMatched = true
		case Fights, AlliedWith, SplinterOf:
			fightMatched = true
		}
	}
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	var actors, places []int
	for _, it := range its {
		e := it.entity
		if slices.Contains(actors, e) || slices.Contains(places, e) {
			continue
		}
		switch {
		case rf.isActor(e):
			actors = append(actors, e)
		case rf.typ(e) == Place && rf.ents[e].PlaceKind != Country:
			places = append(places, e)
		}
	}
	fight, control := -1, -1
	for ti := s.tokStart; ti < s.tokEnd; ti++ {
		if rf.tokEnt[ti] != NoEntity {
			continue
		}
		w := toks[ti].lower
		if fight < 0 && rf.class(ti)&fightTrigger != 0 && w != "against" && w != "war" {
			fight = ti
		}
		if control < 0 && rf.class(ti)&controlTrigger != 0 && !strings.HasPrefix(w, "defend") && !strings.HasPrefix(w, "guard") && !(ti > s.tokStart && (toks[ti-1].lower == "to" || toks[ti-1].lower == "for")) {
			control = ti
		}
	}
	linked := false // "the EMC, the largest dissident group in the FARC"
	for _, r := range found {
		linked = linked || len(actors) == 2 && (r.Subject == actors[0] && r.Object == actors[1] || r.Subject == actors[1] && r.Object == actors[0])
	}
	if len(actors) == 2 && fight >= 0 && !linked && !fightMatched && !controlMatched {
		rf.emit(si, actors[0], Fights, actors[1], !rf.negated(si, s.tokStart, fight), rf.span(fight, fight+1), fight, "sentence-fallback", 0.4)
	}
	if len(places) == 1 && control >= 0 && !controlMatched && !fightMatched {
		holder := NoEntity
		if len(actors) == 1 && !rf.locativeAfter(si, control, places[0]) {
			holder = actors[0]
		}
		if holder != NoEntity {
			rf.emit(si, holder, Controls, places[0], !rf.negated(si, s.tokStart, control), rf.span(control, control+1), control, "sentence-fallback", 0.4)
		}
	}
}

// locativeAfter reports whether place is named after token ti behind a
// locative preposition ("stormed a base in Lower Shabelle"): where
// something happened, not what was taken.
func (rf *relationFinder) locativeAfter(si, ti, place int) bool {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	for j := ti + 1; j < s.tokEnd; j++ {
		if rf.tokEnt[j] == place {
			switch toks[j-1].lower {
			case "in", "near", "outside", "around", "across", "at":
				return j-1 > ti
			}
			return false
		}
	}
	return false
}

// pairAre: "The Peshmerga and the YBS are not allies", "X and Y are
// rivals": a relation between the two named, denied by "not".
func (rf *relationFinder) pairAre(si int, its []item) {
	toks := rf.d.tokens
	s := rf.d.sentences[si]
	for k := 0; k+1 < len(its); k++ {
		a, b := its[k], its[k+1]
		if !rf.isActor(a.entity) || !rf.isActor(b.entity) || a.entity == b.entity {
			continue
		}
		gap := toks[a.end:b.start]
		if len(gap) == 0 || len(gap) > 2 || gap[0].lower != "and" {
			continue
		}
		j := b.end
		if j >= s.tokEnd || (toks[j].lower != "are" && toks[j].lower != "were" && toks[j].lower != "remain") {
			continue
		}
		pol := true
		j++
		for j < s.tokEnd && (toks[j].lower == "not" || toks[j].lower == "never" || toks[j].lower == "no" || toks[j].lower == "longer" || toks[j].lower == "bitter" || toks[j].lower == "close" || toks[j].lower == "old") {
			if toks[j].lower == "not" || toks[j].lower == "never" || toks[j].lower == "no" {
				pol = false
			}
			j++
		}
		if j >= s.tokEnd {
			continue
		}
		var p Predicate
		switch toks[j].lower {
		case "allies", "allied", "partners":
			p = AlliedWith
		case "enemies", "rivals", "foes", "adversaries":
			p = Fights
		default:
			continue
		}
		rf.emit(si, a.entity, p, b.entity, pol, rf.span(a.start, j+1), j, "pair-are", 0.7)
	}
}
