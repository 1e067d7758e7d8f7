package extract

// The claim rules, in the order they are tried on a sentence that is no
// headline, question or interview answer (claimFinder.sentence, which
// also handles those): the first rule that makes a claim of the sentence
// ends the search, and a sentence no rule claims is the publisher's
// NARRATIVE when it names an entity. Each rule records its claims under
// the names in Records; TestClaimRules runs every example and checks the
// claim is made under one of them. Adding a claim form is one function
// and one row; its cue words belong in the lexicon (speechVerbs,
// cueWords).

// claimRule is one named way of attributing a sentence's content.
type claimRule struct {
	Name     string
	Doc      string
	Records  []string
	Run      func(cf *claimFinder, at *attribution) bool
	Examples []claimExample
}

// claimExample is a text a claim rule must handle: Want is a claim it
// must make, as "KIND SPEAKER: TEXT" (SPEAKER an entity's name, or ~ and
// the words of an unnamed source).
type claimExample struct {
	Text, Want string
}

var claimRules = []claimRule{
	{
		Name: "quoted", Records: []string{"quote-cue", "quote-multi-sentence", "participle-clause", "postposed-second-clause"},
		Doc: `Words in quotation marks with a cue before or after them, split quotes, and quotes that go on over the next sentences.`,
		Run: quotedRule,
		Examples: []claimExample{
			{Text: "“The town has fallen to the rebels,” said Ahmed Hassan, a local activist.", Want: "DIRECT_QUOTE Ahmed Hassan: The town has fallen to the rebels"},
			{Text: "Ahmed Hassan, a local activist, said: “The town has fallen. The rebels hold it.”", Want: "DIRECT_QUOTE Ahmed Hassan: The rebels hold it"},
			{Text: "Ahmed Hassan said the army had failed. Shandana Mirza of the Tehreek-e-Insaf demanded a briefing. “The people learn about their province from videos,” she said.", Want: "DIRECT_QUOTE Shandana Mirza: The people learn about their province from videos"},
		},
	},
	{
		Name: "inverted-cue", Records: []string{"postposed-cue", "cue-content", "according-to"},
		Doc: `"CONTENT, reported X.": a cue after a comma near the end owns the sentence, and cues before it are inside its content.`,
		Run: invertedCueRule,
		Examples: []claimExample{
			{Text: "Residents told Reuters the road was closed for a week, said Ahmed Hassan, a local activist.", Want: "INDIRECT Ahmed Hassan: Residents told Reuters the road was closed for a week"},
		},
	},
	{
		Name: "indirect", Records: []string{"cue-content", "postposed-cue", "according-to", "postposed-second-clause", "participle-clause"},
		Doc: `Indirect speech ("X said that ..."), "according to X", statements and announcements, with the cue before or after the content.`,
		Run: indirectRule,
		Examples: []claimExample{
			{Text: "The Syrian Observatory for Human Rights said that 40 people were killed in Idlib.", Want: "INDIRECT Syrian Observatory for Human Rights: 40 people were killed in Idlib"},
			{Text: "According to the Syrian Observatory for Human Rights, 40 people were killed in Idlib.", Want: "ACCORDING_TO Syrian Observatory for Human Rights: 40 people were killed in Idlib"},
			{Text: "The central bank said inflation had doubled since the siege began.", Want: "INDIRECT ~The central bank: inflation had doubled since the siege began"},
			{Text: "The Syrian Observatory for Human Rights says 11 bodies were found overnight. That brings the toll to 37, according to its count.", Want: "ACCORDING_TO Syrian Observatory for Human Rights: That brings the toll to 37"},
			{Text: "The Humanitarian Coordinator in South Sudan, Karin Ostberg, visited Malakal. The Humanitarian Coordinator said that aid had reached the town.", Want: "INDIRECT Karin Ostberg: aid had reached the town"},
		},
	},
	{
		Name: "quote-end", Records: []string{"quote-multi-sentence"},
		Doc: `A quote that runs on into a later sentence takes the speaker named where it closes: “A. B,” he said.`,
		Run: quoteEndRule,
		Examples: []claimExample{
			{Text: "Ahmed Hassan spoke by phone. “The town has fallen. We hold the bridge,” he said.", Want: "DIRECT_QUOTE Ahmed Hassan: The town has fallen"},
		},
	},
	{
		Name: "quote-continued", Records: []string{"quote-continued"},
		Doc: `A sentence of quoted words with no cue continues the last speaker's statement (within two sentences).`,
		Run: quoteContinuedRule,
		Examples: []claimExample{
			{Text: "“The town has fallen,” said Ahmed Hassan, a local activist. “We will not leave it.”", Want: "DIRECT_QUOTE Ahmed Hassan: We will not leave it"},
		},
	},
}
