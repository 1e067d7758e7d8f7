package extract

import "strings"

// The name rules type a capitalised run that the gazetteer does not know,
// in the order they are tried: the first that accepts the run names it,
// and one may reject it. classify (entities.go) trims the run first
// (sentence-initial function words, a known name inside it) and runs the
// table; TestRuleTables runs every example and checks that the entity it
// must find carries the rule's name. Adding a way to recognise a name is
// one function and one row; the words it reads belong in the lexicon.

// verdict is what a name rule says of a run.
type verdict int8

const (
	pass   verdict = iota // not this rule's: try the next
	accept                // the candidate is typed (the rule set its type)
	reject                // no name: stop
)

// nameRule is one named way of typing a capitalised run.
type nameRule struct {
	Name string
	Doc  string
	// Run types the run c.start..c.end of sentence s: it sets c.typ (and
	// placeKind, conf, geo) and accepts, rejects, or passes.
	Run      func(f *entityFinder, s sentence, c *candidate) verdict
	Examples []entityExample
}

// entityExample is a text a name rule must handle: Want is an entity it
// must find, as "TYPE Name"; Not a "TYPE Name" it must not.
type entityExample struct {
	Text, Want, Not string
}

var nameRules = []nameRule{
	{
		Name: "descriptor",
		Doc:  `A descriptor right before a short name: "daily al-Watan" (organisation), "militia X" (armed group), "activist Tasneem" (person).`,
		Run:  descriptorName,
		Examples: []entityExample{
			{Text: "The report appeared in the daily Kassioun on Monday.", Want: "ORGANIZATION Kassioun"},
		},
	},
	{
		Name: "place-noun",
		Doc:  `A place noun ends the name: "Daraa City", "Idlib Province".`,
		Run:  placeNounName,
		Examples: []entityExample{
			{Text: "Shelling hit Khanaser Town overnight.", Want: "PLACE Khanaser Town"},
		},
	},
	{
		Name: "publisher-name",
		Doc:  `The publisher named in its own text (the header's publisher).`,
		Run:  publisherName,
		Examples: []entityExample{
			{Text: "Test Wire could not verify the claim.", Want: "ORGANIZATION Test Wire"},
		},
	},
	{
		Name: "head-word",
		Doc:  `A head word (lexicon: armedHeads, orgHeads) makes a group or an organisation: "Southern Front", "Sahel Civic Rights Observatory".`,
		Run:  headWordName,
		Examples: []entityExample{
			{Text: "Fighters of the Tigris Valley Brigade entered the town.", Want: "ARMED_GROUP Tigris Valley Brigade"},
			{Text: "The Fuerza de Tarea Vulcano said it had retaken the hamlet.", Want: "ARMED_GROUP Fuerza de Tarea Vulcano"},
			{Text: "Soldiers of the Sixth Infantry Division in El Fasher repelled the attack.", Want: "ARMED_GROUP Sixth Infantry Division", Not: "ARMED_GROUP Sixth Infantry Division in El Fasher"},
		},
	},
	{
		Name: "place-context",
		Doc:  `Words around the name make it a place: "the town of X", "X province", "X, a town in Y", "in X"; GeoNames locates it and gives its kind where the context does not.`,
		Run:  placeContextName,
		Examples: []entityExample{
			{Text: "Residents fled the village of Umm Kharaz on Sunday.", Want: "PLACE Umm Kharaz"},
			{Text: "Shelling hit homes in Druzhkivka on Tuesday.", Want: "PLACE Druzhkivka"},
		},
	},
	{
		Name: "acronym-alone",
		Doc:  `An all-capitals word alone is an acronym, kept only when the text introduces it or the gazetteer knows it (findAcronyms decides).`,
		Run:  acronymAlone,
		Examples: []entityExample{
			{Text: "Fighters of the XYZQ were seen near the road.", Not: "ORGANIZATION XYZQ"},
		},
	},
	{
		Name: "person-shape",
		Doc:  `Two to five words shaped like a person's name with evidence: a known given name, a title before, a speech verb or a role or age in apposition after, an Arabic name shape, or "she"/"he" speaking in the next sentences when the name opens a sentence.`,
		Run: func(f *entityFinder, s sentence, c *candidate) verdict {
			if !f.looksLikePerson(s, c.start, c.end) {
				return pass
			}
			c.typ, c.conf = Person, 0.7
			return accept
		},
		Examples: []entityExample{
			{Text: "Residents said Wilner Dorsainvil, 52, had stayed in the area.", Want: "PERSON Wilner Dorsainvil"},
			{Text: "Mawlawi Abdul Rahim Sharifi said the road was open.", Want: "PERSON Abdul Rahim Sharifi"},
			{Text: "“We are defending our people,” SDF spokeswoman Rojin Kobani said.", Want: "PERSON Rojin Kobani", Not: "PLACE Kobani"},
		},
	},
}

func descriptorName(f *entityFinder, _ sentence, c *candidate) verdict {
	toks := f.d.tokens
	i, end, n := c.start, c.end, c.end-c.start
	if i == 0 || n > 3 || f.namedByHead(i, end) {
		return pass
	}
	prev := toks[i-1].lower
	if orgDescriptors[prev] && (n == 1 || toks[i-1].kind == wordToken) && !f.x.givenNames[f.tp.first(i)] {
		c.typ, c.conf = Organization, 0.65
		if armedDescriptors[prev] {
			c.typ = ArmedGroup
		}
		return accept
	}
	if n == 1 && personDescriptors[prev] && !stopCaps[toks[i].lower] {
		c.typ, c.conf = Person, 0.6
		return accept
	}
	return pass
}

func placeNounName(f *entityFinder, _ sentence, c *candidate) verdict {
	toks := f.d.tokens
	k, ok := placeNouns[toks[c.end-1].lower]
	if !ok || c.end-c.start < 2 || !toks[c.end-1].upper || f.namedByHead(c.start, c.end) {
		return pass
	}
	c.typ, c.placeKind, c.conf = Place, k, 0.7
	return accept
}

func publisherName(f *entityFinder, _ sentence, c *candidate) verdict {
	toks := f.d.tokens
	pub := f.folded(f.publisher)
	if pub == "" || !strings.EqualFold(toks[c.start].text, f.publisherFirst()) || f.folded(f.d.slice(Span{toks[c.start].Start, toks[c.end-1].End})) != pub {
		return pass
	}
	c.typ, c.conf = Organization, 0.9
	return accept
}

func headWordName(f *entityFinder, _ sentence, c *candidate) verdict {
	typ, ok := headType(f.d.tokens, c.start, c.end)
	if !ok {
		return pass
	}
	c.typ, c.conf = typ, 0.75
	return accept
}

func placeContextName(f *entityFinder, _ sentence, c *candidate) verdict {
	toks := f.d.tokens
	i, end := c.start, c.end
	kind, ok := f.placeContext(i, end)
	if !ok {
		return pass
	}
	c.typ, c.placeKind, c.conf = Place, kind, 0.7
	if geo, k, _, found := f.x.locate(f.d.slice(Span{toks[i].Start, toks[end-1].End})); found {
		c.geo = geo
		if kind == Other {
			c.placeKind = k
		}
	}
	// "West Gojjam zone", "Jabi Tehnan woreda": the administrative noun
	// after the name is how the text names the area
	if end < len(toks) && adminSuffixes[toks[end].lower] {
		c.end = end + 1
	}
	return accept
}

func acronymAlone(f *entityFinder, _ sentence, c *candidate) verdict {
	if c.end-c.start == 1 && isAcronym(f.d.tokens[c.start].text) {
		return reject
	}
	return pass
}
