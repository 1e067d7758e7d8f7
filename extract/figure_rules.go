package extract

import "sort"

// The figure place rules tie each figure a claim gives to the place the
// text says it counts, so that the figures different sources give for
// one place can be put side by side (the figureGroups query). They are
// tried in order, and the first that finds a place places the figure;
// a figure none places has no place (Place is NoEntity) and is left out
// of figure groups rather than given a place the text does not give.
// Only PLACE entities count, and only where the document mentions them:
// no place is inferred from the gazetteer (a town's province) or from
// the document's other figures. TestFigurePlaceRules runs every example.
//
// Why these rules: the sentence that gives a number nearly always says
// where ("killed in X", "have fled X"); when it does not, the sentences
// before it in its paragraph set the scene ("In X, ... . Five were
// killed."), and when nothing in the paragraph does, the story's place
// is the one its headline or dateline names first ("Gaza: casualty
// figures diverge ..."). A place inside the words naming the claim's
// source ("a health worker in Djibo said 30 were wounded in Arbinda")
// says where the source is, not where the count is, so it is taken only
// when the sentence names no other place.

// figurePlaceRule is one named way of finding the place of a figure.
type figurePlaceRule struct {
	Name     string
	Doc      string
	Run      func(fp *figurePlacer, f *Figure, claim *Claim, sentence int) int // an entity index, or NoEntity
	Examples []figurePlaceExample
}

// figurePlaceExample is a text a figure place rule must handle: Want is
// "KIND VALUE @ PLACE" for one figure of the text, PLACE the place's
// entity name (or "-" for no place).
type figurePlaceExample struct {
	Text, Want string
}

var figurePlaceRules = []figurePlaceRule{
	{
		Name: "figure-sentence",
		Doc:  `The place mentioned in the figure's own sentence nearest to the number (the later one on a tie: "killed in X"), outside the words naming the claim's source.`,
		Run:  sentencePlace,
		Examples: []figurePlaceExample{
			{Text: "The Syrian Observatory for Human Rights said that 40 people were killed in Idlib.", Want: "KILLED 40 @ Idlib"},
			{Text: "A health worker in Djibo said 30 people were wounded in Arbinda.", Want: "WOUNDED 30 @ Arbinda"},
		},
	},
	{
		Name: "figure-speaker",
		Doc:  `A place inside the words naming the claim's source, when the sentence names no other ("a local official in Kidal said at least four people were killed").`,
		Run:  speakerPlace,
		Examples: []figurePlaceExample{
			{Text: "A local official in Kidal said at least four people were killed.", Want: "KILLED 4 @ Kidal"},
		},
	},
	{
		Name: "figure-paragraph",
		Doc:  `The place mentioned last before the figure in the earlier sentences of its paragraph.`,
		Run:  paragraphPlace,
		Examples: []figurePlaceExample{
			{Text: "Heavy fighting went on in Idlib on Sunday. The Syrian Observatory for Human Rights said 40 people were killed.", Want: "KILLED 40 @ Idlib"},
		},
	},
	{
		Name: "figure-lead",
		Doc:  `The first place the document's first sentence (its headline, or the lead with its dateline) mentions: the story's place.`,
		Run:  leadPlace,
		Examples: []figurePlaceExample{
			{Text: "Gaza: displacement figures diverge\n\nEstimates differ. The UN Office for the Coordination of Humanitarian Affairs estimates that up to 1.7 million people are displaced.", Want: "DISPLACED 1700000 @ Gaza Strip"},
			{Text: "Estimates differ.\n\nThe UN Office for the Coordination of Humanitarian Affairs estimates that up to 1.7 million people are displaced.", Want: "DISPLACED 1700000 @ -"},
		},
	},
}

// ClaimFigure is a figure that a claim gives, with the place the text
// ties it to.
type ClaimFigure struct {
	// Figure's span is in the document's text (Figures(claim text)
	// shifted by the claim's start).
	Figure
	// Claim indexes Result.Claims: the claim whose content holds the
	// number. Overlapping claims may each give one figure.
	Claim int `json:"claim"`
	// Place indexes Result.Entities (a PLACE), or is NoEntity when no
	// rule places the figure.
	Place int `json:"place"`
	// PlaceRule names the figure place rule that found Place; "" when
	// none did.
	PlaceRule string `json:"placeRule,omitempty"`
}

// placeMention is one mention of a PLACE entity.
type placeMention struct {
	Span
	entity int
}

// figurePlacer holds what the rules read of one document: its sentences
// and the mentions of its places in text order.
type figurePlacer struct {
	sentences []Sentence
	places    []placeMention
}

func newFigurePlacer(sentences []Sentence, ents []Entity) *figurePlacer {
	fp := &figurePlacer{sentences: sentences}
	for i := range ents {
		if ents[i].Type != Place {
			continue
		}
		for _, m := range ents[i].Mentions {
			fp.places = append(fp.places, placeMention{Span: m.Span, entity: i})
		}
	}
	sort.Slice(fp.places, func(a, b int) bool { return fp.places[a].Start < fp.places[b].Start })
	return fp
}

// sentenceAt is the index of the sentence holding offset at, or -1.
func (fp *figurePlacer) sentenceAt(at int) int {
	i := sort.Search(len(fp.sentences), func(i int) bool { return fp.sentences[i].End > at })
	if i < len(fp.sentences) && fp.sentences[i].Start <= at {
		return i
	}
	return -1
}

// within lists the place mentions inside span s.
func (fp *figurePlacer) within(s Span) []placeMention {
	lo := sort.Search(len(fp.places), func(i int) bool { return fp.places[i].Start >= s.Start })
	hi := lo
	for hi < len(fp.places) && fp.places[hi].End <= s.End {
		hi++
	}
	return fp.places[lo:hi]
}

// place runs the rules on figure f of claim c.
func (fp *figurePlacer) place(f *Figure, c *Claim) (int, string) {
	si := fp.sentenceAt(f.Start)
	if si < 0 {
		return NoEntity, ""
	}
	for i := range figurePlaceRules {
		if p := figurePlaceRules[i].Run(fp, f, c, si); p != NoEntity {
			return p, figurePlaceRules[i].Name
		}
	}
	return NoEntity, ""
}

func inSpeaker(c *Claim, m Span) bool {
	return c.SpeakerSpan.Len() > 0 && m.Start >= c.SpeakerSpan.Start && m.End <= c.SpeakerSpan.End
}

// nearest is the mention of ms nearest to f (the later one on a tie)
// that keep accepts.
func nearest(ms []placeMention, f *Figure, keep func(Span) bool) int {
	best, bestGap := NoEntity, -1
	for _, m := range ms {
		if !keep(m.Span) {
			continue
		}
		gap := m.Start - f.End
		if m.End <= f.Start {
			gap = f.Start - m.End
		}
		if gap < 0 {
			gap = 0
		}
		if best == NoEntity || gap <= bestGap {
			best, bestGap = m.entity, gap
		}
	}
	return best
}

func sentencePlace(fp *figurePlacer, f *Figure, c *Claim, si int) int {
	return nearest(fp.within(fp.sentences[si].Span), f, func(m Span) bool { return !inSpeaker(c, m) })
}

func speakerPlace(fp *figurePlacer, f *Figure, c *Claim, si int) int {
	return nearest(fp.within(fp.sentences[si].Span), f, func(m Span) bool { return inSpeaker(c, m) })
}

func paragraphPlace(fp *figurePlacer, f *Figure, c *Claim, si int) int {
	para := fp.sentences[si].Paragraph
	first := si
	for first > 0 && fp.sentences[first-1].Paragraph == para {
		first--
	}
	if first == si {
		return NoEntity
	}
	ms := fp.within(Span{fp.sentences[first].Start, fp.sentences[si-1].End})
	if len(ms) == 0 {
		return NoEntity
	}
	return ms[len(ms)-1].entity
}

func leadPlace(fp *figurePlacer, f *Figure, c *Claim, si int) int {
	if len(fp.sentences) == 0 || si == 0 {
		return NoEntity
	}
	if ms := fp.within(fp.sentences[0].Span); len(ms) > 0 {
		return ms[0].entity
	}
	return NoEntity
}

// claimFigures finds the figures of every claim of a document and
// places them. Each claim's figures are those Figures gives for its
// text alone (read from the document's tokens, whose lower case is set).
func claimFigures(d *doc, sentences []Sentence, ents []Entity, claims []Claim) []ClaimFigure {
	var out []ClaimFigure
	var fp *figurePlacer
	var figs []Figure
	for ci := range claims {
		c := &claims[ci]
		from := sort.Search(len(d.tokens), func(i int) bool { return d.tokens[i].Start >= c.Start })
		to := from
		for to < len(d.tokens) && d.tokens[to].End <= c.End {
			to++
		}
		figs = figuresIn(d, from, to, figs[:0])
		if len(figs) == 0 {
			continue
		}
		if fp == nil {
			fp = newFigurePlacer(sentences, ents)
		}
		for _, f := range figs {
			p, rule := fp.place(&f, c)
			out = append(out, ClaimFigure{Figure: f, Claim: ci, Place: p, PlaceRule: rule})
		}
	}
	return out
}
