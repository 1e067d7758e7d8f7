package extract

// The relation rules, in the order they run on each sentence. Each rule
// is a function of the relationFinder (relations.go) and records its
// relations under the names in Records; TestRuleTables runs every
// example of every rule and checks that the relation it must find is
// there under one of those names, and that the one it must not is not.
//
// Adding a relation pattern is one method of relationFinder and one row
// here, with its examples; the trigger words and nouns it reads belong in
// the lexicon (lexicon.go), not in the method.
//
// After the table, per sentence: partners (actors joined by "and" or
// "along with") are related and share what one of them does to a third
// party, and sentenceFallback relates the only two actors of a sentence
// no pattern matched.

// relationRule is one named way of finding relations in a sentence.
type relationRule struct {
	Name    string
	Doc     string
	Records []string // the Rule names of the relations it records (a name ending in "-" is a prefix)
	// Run finds the rule's relations in sentence si, whose entity
	// mentions are its.
	Run      func(rf *relationFinder, si int, its []item)
	Examples []ruleExample
}

// ruleExample is a text a rule must handle. Want is a relation it must
// find, as "SUBJECT PREDICATE OBJECT polarity (by SPEAKER", Not a
// substring no relation of the text may have ("" for none).
type ruleExample struct {
	Text, Want, Not string
}

var relationRules = []relationRule{
	{
		Name: "pair-are", Records: []string{"pair-are"},
		Doc: `"X and Y are allies / rivals / not allies": a relation between the two named, denied by "not".`,
		Run: (*relationFinder).pairAre,
		Examples: []ruleExample{
			{Text: "The Peshmerga and the YBS are not allies.", Want: "Peshmerga ALLIED_WITH Sinjar Resistance Units false (by Test Wire"},
		},
	},
	{
		Name: "between", Records: []string{"between-list"},
		Doc: `"fighting between A, B and C": every pair fights.`,
		Run: (*relationFinder).between,
		Examples: []ruleExample{
			{Text: "Clashes between the Free Syrian Army and ISIS killed 12 people near Aleppo.", Want: "Free Syrian Army FIGHTS Islamic State true (by Test Wire"},
		},
	},
	{
		Name: "under-control", Records: []string{"under-control"},
		Doc: `"Homs is under the control of the government", "Hodeidah, which is under Houthi control": the place is held.`,
		Run: (*relationFinder).underControl,
		Examples: []ruleExample{
			{Text: "Hodeidah, which is under Houthi control, was shelled overnight.", Want: "Houthi movement CONTROLS Hodeidah true (by Test Wire"},
		},
	},
	{
		Name: "stronghold-of", Records: []string{"place-stronghold-of"},
		Doc: `"Benghazi, the LNA's main base", "Raqqa, the ISIS stronghold": a place described as a group's base is held by it.`,
		Run: (*relationFinder).strongholdOf,
		Examples: []ruleExample{
			{Text: "Jets struck Raqqa, the ISIS stronghold, on Sunday.", Want: "Islamic State CONTROLS Raqqa true (by Test Wire"},
		},
	},
	{
		Name: "where-dominant", Records: []string{"where-dominant"},
		Doc: `"the province of Raqqa, where ISIS is most dominant": the place is held.`,
		Run: (*relationFinder).whereDominant,
		Examples: []ruleExample{
			{Text: "Fighting spread to the province of Raqqa, where ISIS is most dominant.", Want: "Islamic State CONTROLS Raqqa true (by Test Wire"},
		},
	},
	{
		Name: "positions-at", Records: []string{"positions-at"},
		Doc: `"the regime's positions at Kweiris airbase", "ISIS checkpoints in Raqqa": a group's positions hold the place.`,
		Run: (*relationFinder).positionsAt,
		Examples: []ruleExample{
			{Text: "Rebels shelled the regime's positions at Kweiris airbase.", Want: "the regime CONTROLS Kuweires Airbase true (by Test Wire"},
		},
	},
	{
		Name: "taken-from", Records: []string{"taken-from", "driven-out-of"},
		Doc: `"seized the town of X from ISIS": the group it was taken from held X, and the taker fights it.`,
		Run: (*relationFinder).takenFrom,
		Examples: []ruleExample{
			{Text: "The Syrian Democratic Forces seized Manbij from ISIS in August.", Want: "Islamic State CONTROLS Manbij true (by Test Wire"},
		},
	},
	{
		Name: "splinters", Records: []string{"x-splinter-group-y", "y-splinter-of-x"},
		Doc: `"the X splinter group Y", "Y, a splinter of X", "Y broke away from X", "an offshoot of X".`,
		Run: (*relationFinder).splinters,
		Examples: []ruleExample{
			{Text: "The Islamic State West Africa Province broke away from Boko Haram in 2016.", Want: "Islamic State West Africa Province SPLINTER_OF Boko Haram true (by Test Wire"},
		},
	},
	{
		Name: "members", Records: []string{"byline-outlet", "group-role-person", "is-role-of", "person-of-group", "person-possessive-group", "role-for-group-person", "was-in-group", "apposition-role", "apposition-role-described"},
		Doc: `"P, a member of O", "P, spokesperson for O", "O leader P", "O's P": the person belongs to or speaks for the group.`,
		Run: (*relationFinder).members,
		Examples: []ruleExample{
			{Text: "Omar Khalil, a member of the Local Coordination Committees, spoke to us.", Want: "Omar Khalil MEMBER_OF Local Coordination Committees true (by Test Wire"},
		},
	},
	{
		Name: "possessors-part", Records: []string{"possessors-part"},
		Doc: `"the Islamic State group's regional affiliate, ISKP": the part named in apposition is allied with the possessor.`,
		Run: (*relationFinder).possessorsPart,
		Examples: []ruleExample{
			{Text: "The Islamic State group's regional affiliate, Islamic State Khorasan Province (ISKP), claimed the bombing.", Want: "Islamic State Khorasan Province ALLIED_WITH Islamic State true (by Test Wire"},
		},
	},
	{
		Name: "located", Records: []string{"place-in-place", "country-possessive", "demonym-place", "along-border", "name-of-place"},
		Doc: `"A, the capital of B", "the town of A in B", "A in northwest B", "B's port city of A", "the Ukrainian city of A": a place inside another.`,
		Run: (*relationFinder).located,
		Examples: []ruleExample{
			{Text: "Jets struck the airport of Yemen's Red Sea port city of Hodeidah on Monday.", Want: "Hodeidah LOCATED_IN Yemen true (by Test Wire", Not: "Red Sea LOCATED_IN"},
			{Text: "Russia's defence ministry said its forces seized the Ukrainian city of Bakhmut, which Ukraine denied.", Want: "Bakhmut LOCATED_IN Ukraine true (by Test Wire"},
		},
	},
	{
		Name: "partners", Records: []string{"along-with", "joint-action", "shared-head", "partner-"},
		Doc: `"along with the SRF, the Islamic Front fought ISIS", "the army and the joint forces repelled the attack": actors joined before a one-sided act are allied, and share what one does to a third party (the relations of the rules after this one).`,
		Run: (*relationFinder).notePartners,
		Examples: []ruleExample{
			{Text: "Along with the Syrian Revolutionaries Front, the Islamic Front has been fighting ISIS.", Want: "Syria Revolutionaries Front FIGHTS Islamic State true (by Test Wire"},
		},
	},
	{
		Name: "triggers", Records: []string{"led-by", "x-backed-y", "x-led", "held-by", "x-held", "apposition-affiliate", "copula-affiliate", "fighting-alongside", "trigger-passive", "trigger-FIGHTS", "trigger-CONTROLS", "trigger-ALLIED_WITH"},
		Doc: `Trigger words (lexicon: fightWords, controlWords, allyWords, fundWords, "-led", "-held", "held by"): the nearest fitting entity on the left is the subject, those on the right the objects; "by" swaps them; a negation denies.`,
		Run: (*relationFinder).triggers,
		Examples: []ruleExample{
			{Text: "ISIS attacked the Syrian Democratic Forces near Raqqa.", Want: "Islamic State FIGHTS Syrian Democratic Forces true (by Test Wire"},
			{Text: "The UAE-backed Southern Transitional Council took the port.", Want: "Southern Transitional Council ALLIED_WITH United Arab Emirates true (by Test Wire"},
			{Text: "Fighters massed in ISIS-held Raqqa.", Want: "Islamic State CONTROLS Raqqa true (by Test Wire"},
		},
	},
}
