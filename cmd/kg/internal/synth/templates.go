package synth

import (
	"strings"
)

// Sentence templates. Slots in braces are filled per sentence:
//
//	{G} {G2} {G3}   armed groups; ~enemy, ~ally, ~parent bind to a relation of {G}
//	{T} {T2}        towns; ~held binds to a town {G} controls, ~held2 one {G2} controls
//	{V} {V2}        the province of {T} / {T2}
//	{P} {Pd}        a person; Pd adds a description on first mention; ~member binds a member of {G}
//	{O}             a monitoring group; {Oa} any organisation
//	{M}             a media outlet
//	{N} {N2}        casualty counts; {NB} a large count; {NW} a small count in words
//	{D}             a day phrase; {Y} an earlier year; {C} a foreign country; {K} the article's country
//	{=a|b|c}        one of the choices
//
// A bare "|" in a quote marks where the quote may be split around its
// attribution ("“...,” he said, “...”").

type piece struct {
	lit  string
	kind byte // 0 literal, '|' split point, or the slot letter
	idx  uint8
	mod  uint8
	desc bool
	opts []string
}

type tmpl []piece

// Slot modifiers.
const (
	modNone uint8 = iota
	modEnemy
	modAlly
	modParent
	modHeld
	modHeld2
	modMember
)

func parseTemplate(src string) tmpl {
	var t tmpl
	lit := func(s string) {
		if s != "" {
			t = append(t, piece{lit: s})
		}
	}
	for len(src) > 0 {
		i := strings.IndexAny(src, "{|")
		if i < 0 {
			lit(src)
			break
		}
		lit(src[:i])
		if src[i] == '|' {
			t = append(t, piece{kind: '|'})
			src = src[i+1:]
			continue
		}
		j := strings.IndexByte(src[i:], '}')
		if j < 0 {
			panic("synth: unclosed slot in template " + src)
		}
		t = append(t, parseSlot(src[i+1:i+j]))
		src = src[i+j+1:]
	}
	return t
}

func parseSlot(s string) piece {
	if strings.HasPrefix(s, "=") {
		return piece{kind: '=', opts: strings.Split(s[1:], "|")}
	}
	name, mod, _ := strings.Cut(s, "~")
	p := piece{}
	switch mod {
	case "":
	case "enemy":
		p.mod = modEnemy
	case "ally":
		p.mod = modAlly
	case "parent":
		p.mod = modParent
	case "held":
		p.mod = modHeld
	case "held2":
		p.mod = modHeld2
	case "member":
		p.mod = modMember
	default:
		panic("synth: unknown slot modifier " + s)
	}
	switch name {
	case "NB":
		p.kind, p.idx = 'N', 2
		return p
	case "NW":
		p.kind, p.idx = 'N', 3
		return p
	case "Oa":
		p.kind, p.idx = 'O', 1
		return p
	case "Pd", "Pd2":
		p.desc = true
		name = "P" + name[2:]
	}
	if name == "" || !strings.ContainsRune("GTVPONDYCKM", rune(name[0])) {
		panic("synth: unknown slot " + s)
	}
	p.kind = name[0]
	if len(name) == 2 && name[1] >= '2' && name[1] <= '3' {
		p.idx = name[1] - '1'
	} else if len(name) != 1 {
		panic("synth: unknown slot " + s)
	}
	return p
}

func parseAll(src []string) []tmpl {
	out := make([]tmpl, len(src))
	for i, s := range src {
		out[i] = parseTemplate(s)
	}
	return out
}

// Interview topics: each has questions and matching first answers.
const (
	topicSituation = iota
	topicControl
	topicClashes
	topicDisplaced
	topicAlliance
	topicAid
	topicFuture
	numTopics
)

type templateSet struct {
	titles                                   [numStyles][]tmpl
	event, relation, negRelation, human, bg  []tmpl
	clause, fighterQuote, civilQuote, monQ   []tmpl
	stmtClause, stmtQuote, figures, location []tmpl
	questions, answers                       [numTopics][]tmpl
	topics                                   []tmpl
	denials                                  [numTopics][]tmpl
}

func newTemplateSet() *templateSet {
	ts := &templateSet{
		event:        parseAll(eventTemplates),
		relation:     parseAll(relationTemplates),
		negRelation:  parseAll(negRelationTemplates),
		human:        parseAll(humanTemplates),
		bg:           parseAll(backgroundTemplates),
		clause:       parseAll(clauseTemplates),
		fighterQuote: parseAll(fighterQuotes),
		civilQuote:   parseAll(civilQuotes),
		monQ:         parseAll(monitorQuotes),
		stmtClause:   parseAll(statementClauses),
		stmtQuote:    parseAll(statementQuotes),
		figures:      parseAll(figureTemplates),
		location:     parseAll(locationTemplates),
		topics:       parseAll(topicPhrases),
	}
	for s := range ts.titles {
		ts.titles[s] = parseAll(titleTemplates[s])
	}
	for k := range ts.questions {
		ts.questions[k] = parseAll(questionTemplates[k])
		ts.answers[k] = parseAll(answerTemplates[k])
		ts.denials[k] = parseAll(denialAnswers[k])
	}
	return ts
}

var titleTemplates = [numStyles][]string{
	StyleInterviewA: {
		"Q&A: {P} on the battle for {T}", "Interview: '{=We will not leave|Nobody is helping us|The siege must end}', says {P}",
		"{P}: '{=The front in|The situation in|The people of} {T} {=will not break|is getting worse|need help now}'",
		"Inside {T}: a conversation with {P}", "{P} speaks about {G} and the fight for {V}",
	},
	StyleInterviewPlain: {
		"Interview: '{=We are alone in|Nobody remembers|The world has forgotten} {T}'",
		"'{=Everyone|Nobody} {=is leaving|is safe} in {T}': an interview", "{P} on life under {G} in {T}",
		"Ask the front line: {P} on {V}", "What next for {T}? {P} answers",
	},
	StyleWire: {
		"{G} seizes {T} after days of {=clashes|fighting|shelling}", "Fighting between {G} and {G2~enemy} spreads to {T}",
		"{N} killed as {G} {=shells|bombards|storms} {T}", "{G} says it repelled attack on {T}",
		"Clashes in {V} leave dozens dead", "{G} and {G2~ally} launch offensive in {V}",
		"Residents flee {T} as {G} advances", "{G} withdraws from {T} under pressure from {G2~enemy}",
		"Airstrikes hit {T} in {V} province", "Battle for {T} enters {=second|third|fourth} week",
	},
	StyleStatement: {
		"{G} announces {=new offensive|ceasefire|withdrawal} in {V}", "{G} statement denies {=attack|role in shelling} on {T}",
		"{G} claims capture of {T}", "{G} vows to {=retake|defend|hold} {T}", "{G} declares {=merger|alliance} with {G2~ally}",
	},
	StyleMonitoring: {
		"Monitor: {N} killed in {V} this week", "{NB} displaced from {T}, says {O}", "Death toll in {T} rises to {N}",
		"{O}: civilian casualties mount in {V}", "News update: {V}, {T} and {T2}", "Casualty report: {V}",
	},
	StyleAnalysis: {
		"Who controls {V}? A guide to the armed groups", "{G}, {G2} and the struggle for {V}",
		"Explainer: the rise of {G}", "The splinters of {G}: rival factions in {V}", "Mapping the front lines around {T}",
		"Analysis: why {G} is losing ground in {V}",
	},
	StyleNarrative: {
		"In {T}, a {=quiet|fragile|tense} return", "Life goes on in {T} despite the war", "The long road home to {T}",
		"{T}: a town between two armies", "After the battle, {T} counts its losses", "The markets of {T} reopen",
	},
}

var eventTemplates = []string{
	"{=Heavy|Fierce|Intense|Sporadic} clashes broke out {D} between {G} and {G2~enemy} on the outskirts of {T}.",
	"{G} shelled {=residential neighbourhoods|the eastern districts|the old market|the main hospital|the outskirts} of {T} {D}.",
	"Fighters from {G} stormed positions held by {G2~enemy} near {T}, in the {V} countryside, {D}.",
	"{G} launched a {=major|surprise|coordinated|two-pronged} offensive against {G2~enemy} in {V} {D}.",
	"Warplanes struck {T} {D}, hitting a school and a bakery in the town centre.",
	"{G} took full control of {T~held} {D} after a week of fighting with {G2~enemy}.",
	"{G} seized control of {T~held}, a strategic crossroads in {V} province.",
	"The battle for {T} {=entered its third week|intensified|spread to nearby villages} {D}, with {G} and {G2~enemy} trading artillery fire.",
	"A car bomb exploded {D} at a checkpoint run by {G} at the entrance to {T}.",
	"{G} withdrew from {T} {D} after {G2~enemy} cut its main supply line.",
	"{G2~enemy} recaptured {T} {D}, days after losing it to {G}.",
	"{G} and {G2~ally} besieged {T}, where fighters of {G3} have been holding out since {Y}.",
	"Drones hit a convoy of {G} on the road between {T} and {T2} {D}.",
	"{G} fired rockets at {T~held2} {D}, the first such attack in months.",
	"An ambush by {G} killed {NW} fighters of {G2~enemy} near {T}.",
	"{G} attacked a base of {G2~enemy} south of {T} with mortars and heavy machine guns.",
	"Skirmishes between {G} and {G2~enemy} continued {D} along the road from {T} to {T2}.",
	"{G} blew up a bridge over the river near {T} to slow the advance of {G2~enemy}.",
	"Snipers of {G} positioned on rooftops in {T} targeted anyone crossing the main street.",
	"The front line between {G} and {G2~enemy} has barely moved in {V} since {Y}.",
	"{G} laid siege to {T} {D}, cutting roads to the town from three sides.",
	"{G} opened a new front against {G2~enemy} in the north of {V} province {D}.",
	"Fighting between {G} and {G2~enemy} forced the closure of the only crossing into {T}.",
}

var relationTemplates = []string{
	"{G}, a splinter group of {G2~parent}, has been active in {V} since {Y}.",
	"{G} broke away from {G2~parent} in {Y} over a dispute about leadership.",
	"{G} was formed in {Y} by commanders who split from {G2~parent}.",
	"{G} and {G2~ally} are allies, and the two groups share checkpoints around {T}.",
	"{G} fought alongside {G2~ally} in {V} for much of the war.",
	"{G}, which is affiliated with {G2~ally}, took control of several villages west of {T~held} in {Y}.",
	"{T~held} remains under the control of {G}, which took it from {G2~enemy} in {Y}.",
	"{T~held} has been held by {G} since {Y}.",
	"{T~held}, in {V} province, has been in the hands of {G} since {Y}.",
	"{G} and {G2~enemy} have fought over {T} repeatedly since {Y}.",
	"{G} and {G2~enemy} are at war across much of {V}.",
	"{Pd~member} commands {=several hundred|about a thousand|a few dozen} fighters of {G} in {V}.",
	"{P~member}, a {=senior commander|spokesman|founding member} of {G}, was {=wounded|detained|killed} near {T} in {Y}.",
	"The {=coalition|alliance|operations room} led by {G} includes {G2~ally} and several smaller factions.",
	"{G} joined forces with {G2~ally} {D} to push back {G3} from the outskirts of {T}.",
	"{G} merged with {G2~ally} in {Y}, though the two factions kept separate commands.",
	"{T} lies in {V} province, about {NW} kilometres from the front line.",
	"{T~held} and the surrounding farmland are under the control of {G}, while fighters of {G2~enemy} hold the hills to the east.",
}

var negRelationTemplates = []string{
	"{G} denied any link to {G2~parent}, from which it split in {Y}.",
	"{T} was never under the control of {G}, despite claims by {G2~enemy}.",
	"{G} and {G2} are not allies, whatever their rivals say.",
	"There has been no fighting between {G} and {G2} in {V} for months.",
	"{T} is not held by {G}; the town is contested.",
}

var humanTemplates = []string{
	"Thousands of families have fled {T} toward camps near the border with {C}.",
	"The only hospital in {T} closed {D} after running out of fuel for its generators.",
	"Prices of bread and fuel in {T} have {=doubled|tripled|risen sharply} since the siege began.",
	"Aid convoys have not reached {T} since {Y}, leaving tens of thousands without food.",
	"Water and electricity have been cut in most of {T} for {NW} weeks.",
	"Schools in {T} remain closed, and many have been turned into shelters for the displaced.",
	"Displaced families are living in tents and unfinished buildings on the edge of {T}.",
	"Medical staff in {T} say they lack anaesthetics, antibiotics and blood bags.",
	"Farmers around {T} have been unable to harvest their fields because of the fighting.",
	"A cholera outbreak has been reported in camps for the displaced in {V}.",
}

var backgroundTemplates = []string{
	"The war in {K} has killed hundreds of thousands of people since it began.",
	"{V} province borders {C} and has long been a route for fighters and smuggled goods.",
	"{G} emerged in {Y} as one of the strongest factions in {V}.",
	"Talks on a ceasefire in {V} collapsed in {Y}, and fighting resumed within days.",
	"{C} has backed several factions in the conflict, including {G}.",
	"The region around {T} was once known for its olive groves and wheat fields.",
	"Control of {V} has changed hands several times since {Y}.",
	"The road from {T} to {T2} is the main supply route for the region.",
	"Since {Y}, the leadership of {G} has tried to present the group as a local force rather than a foreign-backed one.",
	"Many of the fighters of {G} come from the tribes of {V}.",
}

var locationTemplates = []string{
	"{T} is a town in {V} province.", "{T} lies in the {=northern|southern|eastern|western} countryside of {V}.",
	"The town of {T} sits on the main road north of {T2}, in {V} province.",
	"{T}, a farming town in {V} province, had about {NB} residents before the war.",
}

// Clauses are third-person content for indirect speech and "according
// to": no capital, no final period.
var clauseTemplates = []string{
	"{G} had taken control of {T~held} after heavy fighting",
	"{N} people were killed in the shelling of {T}",
	"fighters of {G2~enemy} had withdrawn from their positions near {T}",
	"{G} had been preparing a new offensive in {V}",
	"the road between {T} and {T2} had been cut for {NW} days",
	"{G} had arrested {NW} activists in {T} {D}",
	"most residents of {T} had already left for safer areas",
	"{G} and {G2~ally} had agreed to coordinate their operations in {V}",
	"there were no civilians left in the besieged part of {T}",
	"the attack on {T} had been planned by commanders of {G}",
	"{G} had been using the school in {T} as a base",
	"{G2~enemy} had shelled the market in {T} {D}",
	"the situation in {T} was {=dire|catastrophic|stable|deteriorating quickly}",
	"the ceasefire in {V} had collapsed",
	"{G} was responsible for the bombing of the bridge near {T}",
	"dozens of fighters had defected from {G2~parent} to join {G}",
	"{G} had no presence in {T}",
	"negotiations with {G2~enemy} over the release of prisoners had stalled",
	"aid would enter {T} within days",
	"{G} had lost more than {N} fighters in the battle for {T}",
	"the town of {T} was surrounded on three sides",
	"reinforcements from {G2~ally} had arrived in {V}",
	"{G} had imposed a curfew in {T~held}",
	"the bodies of {NW} civilians had been recovered from the rubble in {T}",
	"{G} had been fighting {G2~enemy} around {T} since the start of the month",
}

// Quotes of people who speak for an armed group ({G} is theirs).
var fighterQuotes = []string{
	"Our fighters repelled the attack on {T~held}|and inflicted heavy losses on {G2~enemy}.",
	"We will not withdraw from {T~held} as long as a single fighter remains.",
	"The enemy has tried three times to enter {T}|and three times we pushed them back.",
	"The fighters of {G2~enemy} are shelling civilians because they cannot win on the ground.",
	"We have no relationship with {G2}, and we never had one.",
	"Our forces are now a few kilometres from {T}.",
	"We coordinate with {G2~ally} on every front in {V}.",
	"The battle for {T} will decide who controls {V}.",
	"Our operation has a single goal:|to lift the siege of {T}.",
	"We are ready for a ceasefire,|but {G2~enemy} must stop shelling first.",
	"Weapons are not the problem; we need ammunition.",
	"Every village we take is handed to a local council.",
	"We lost {NW} men this week, but morale is high.",
	"Nobody is supplying us.|Everything we have, we took from {G2~enemy}.",
	"The road to {T2} is now under our fire.",
	"We warned them to leave {T} before the offensive.",
	"We do not target civilians, and we invite anyone to come and see.",
	"{G2~enemy} brought in fighters from outside {V}.",
	"Our relationship with {G2~ally} is strong, whatever the rumours say.",
	"The front is calm today, but we expect an attack tonight.",
	"We took {NW} prisoners from {G2~enemy} near {T}.",
	"The people of {T} know who protects them.",
	"Our men have been on this front for {NW} months without rest.",
	"If {G2~enemy} wants {T}, it will have to pay for every street.",
	"We opened a corridor for the families in {T},|but the enemy fired on it.",
	"Our commanders decided to pull back from {T2} to spare the town.",
	"We have asked for anti-aircraft weapons for two years,|and we are still waiting.",
	"The fighters of {G2~enemy} are mostly foreigners who do not know the area.",
	"There is no truce with {G2~enemy}, and there will not be one.",
	"We are defending our homes in {V}, nothing more.",
	"The airstrikes hit our positions near {T} twice last night.",
	"We will announce the details of the operation later.",
}

// Quotes of civilians, activists, officials, doctors.
var civilQuotes = []string{
	"The situation in {T} is catastrophic,|and nobody is helping us.",
	"There is no bread, no fuel and no medicine in {T}.",
	"We counted {N} dead in one day.|Most of them were women and children.",
	"The shelling starts at dawn and does not stop until midnight.",
	"People are afraid of {G} and of {G2} alike.",
	"Families are sleeping in the open because the camps are full.",
	"We buried our neighbours in the garden because the cemetery is on the front line.",
	"Nobody knows who controls the road to {T2} today.",
	"{G} told us we had two hours to leave.",
	"My children have not been to school for two years.",
	"The hospital has {NW} doctors for a population of {NB}.",
	"We do not want any armed group in our town.",
	"If the crossing closes, {T} will starve.",
	"Every night we hear the drones above {T}.",
	"The world has forgotten the people of {V}.",
	"I saw the fighters of {G} enter the town at night.",
	"Aid arrives in {T} only when the fighting pauses,|and that is rare.",
	"We document everything we can,|but the internet is cut most days.",
	"Some families returned to {T} last month, but many left again.",
	"The council is trying to restore water, but it has no money.",
	"My brother was detained at a checkpoint near {T} and we have heard nothing since.",
	"We walked for two days to reach {T2}.",
	"Whoever controls the town, the prices keep rising.",
	"The bakery in {T} opens for two hours a day,|and the queue starts at dawn.",
	"We need a ceasefire, not more promises.",
	"There were {N} patients in the hospital when the shells hit.",
	"The fighters left {T} at night,|and in the morning the others arrived.",
	"Nobody from the United Nations has visited {T} since {Y}.",
	"My house is on the front line,|so we moved in with relatives in {T2}.",
	"We have been documenting the violations of {G} since {Y}.",
	"The water has been cut for {NW} days.",
	"Teachers in {T} have not been paid for months.",
}

var monitorQuotes = []string{
	"We documented {N} civilian deaths in {V} this week alone.",
	"The real number is certainly higher,|because many areas are unreachable.",
	"Most of the victims in {T} were killed by shelling.",
	"We have recorded at least {N} cases of arbitrary detention by {G}.",
	"Our sources on the ground confirmed the deaths of {NW} children.",
	"Since the start of the month, {=more than |at least |}{NB} people have fled {T}.",
}

// Statement content, with the group as the implied subject.
var statementClauses = []string{
	"its fighters had repelled an attack by {G2~enemy} on {T~held}",
	"it had taken full control of {T~held}",
	"it would hold {G2~enemy} responsible for the shelling of {T}",
	"it had no link to the bombing in {T}",
	"it had formed a joint operations room with {G2~ally}",
	"it was starting a new phase of its offensive in {V}",
	"its fighters had killed {N} members of {G2~enemy}",
	"it would open safe corridors for civilians leaving {T}",
	"it had dissolved itself and joined {G2~ally}",
	"it had broken away from {G2~parent}",
	"it rejected any ceasefire that did not include {V}",
	"it had arrested those responsible for the killings in {T}",
}

var statementQuotes = []string{
	"We call on all factions in {V} to unite against {G2~enemy}.",
	"Our forces will continue until {T} is liberated.",
	"We hold the regime and its allies responsible for the massacre in {T}.",
	"Any faction that cooperates with {G2~enemy} will be treated as an enemy.",
	"We announce the liberation of {T~held} and the surrounding villages.",
	"We ask residents of {T} to stay away from military positions.",
}

// Figures are whole sentences that attribute numbers to a monitor.
var figureTemplates = []string{
	"{O} said {N} people were killed and {N2} wounded in the shelling of {T} {D}.",
	"At least {N} civilians were killed in {V} {D}, {O} reported.",
	"More than {NB} people have fled {T} since the start of the offensive, according to {O}.",
	"{O} documented {N} deaths in {V} last week, including women and children.",
	"According to {O}, {N} fighters of {G} and {N2} of {G2~enemy} were killed in the fighting around {T}.",
	"{O} said {=more than |about |nearly |}{NB} people had been displaced from {V} since {Y}.",
	"The death toll from the airstrike on {T} rose to {N}, {O} said {D}.",
	"{O} counted {N2} wounded in {T} after {G} shelled the town.",
	"Some {NB} people are now living in camps in {V}, {O} said in its latest report.",
	"{O} announced {D} that {N} people had been killed in {V} since the start of the month.",
	"Clashes between {G} and {G2~enemy} in {T} killed {N} fighters, {O} said.",
	"The bombardment of {T} wounded {N2} people, {=several|some|many} of them critically, according to {O}.",
}

var questionTemplates = [numTopics][]string{
	topicSituation: {
		"What is the situation in {T} now?", "How would you describe daily life in {T}?",
		"What is happening in {V} at the moment?", "Can you tell us what you saw in {T} this week?",
		"How are people in {T} coping with the siege?",
	},
	topicControl: {
		"Who controls {T} today?", "Is {T} still held by {G}?", "Which groups are present in {T}?",
		"Is {T} under the control of {G}?", "What happened when {G} entered {T}?",
	},
	topicClashes: {
		"Are there battles between {G} and {G2} in {V}?", "Are {G} and {G2} fighting each other in {T}?",
		"What is the military situation in {V}?", "Who started the fighting around {T}?",
		"Are the rebels advancing or retreating in {V}?",
	},
	topicDisplaced: {
		"How many people have fled {T}?", "Where are the displaced from {T} going?",
		"What do the displaced families need most?", "Are people returning to {T}?",
	},
	topicAlliance: {
		"What is the relationship between {G} and {G2}?", "Are {G} and {G2} allies?",
		"Who supports the fighters of {G} in {V}?", "Did {G} split from {G2}?",
	},
	topicAid: {
		"Has any aid reached {T}?", "Is there any mediation between the parties for aid to enter {T}?",
		"What role are organisations like {Oa} playing?", "Is the hospital in {T} still working?",
	},
	topicFuture: {
		"What do you expect in the coming weeks?", "Will {T} fall?", "What would it take to end the fighting in {V}?",
		"What is your message to the international community?",
	},
}

var answerTemplates = [numTopics][]string{
	topicSituation: {
		"The situation in {T} is very bad.|People are afraid to leave their homes.",
		"Life in {T} has stopped.|Shops are closed and the streets are empty after sunset.",
		"There is shelling every day, mostly on the eastern neighbourhoods of {T}.",
		"It is calmer this week, but nobody trusts the calm.",
		"The town is half empty.|Those who stayed are the poor and the old.",
		"Every day there are airstrikes on {T} and the villages around it.",
	},
	topicControl: {
		"{T~held} is completely under the control of {G}, but fighters of {G2~enemy} remain on the outskirts.",
		"Since {Y}, {T~held} has been in the hands of {G}.",
		"{G} took {T~held} from {G2~enemy} after a long siege.",
		"Several groups share the town, but the strongest there are the fighters of {G}.",
	},
	topicClashes: {
		"Yes, {G} and {G2~enemy} clash almost every night near {T}.",
		"The fighting is mainly between {G} and {G2~enemy}, around the villages west of {T}.",
		"{G} attacked {G2~enemy} last week and took two positions.",
		"Neither side is advancing.|It is a war of positions now.",
		"{G} shelled the positions of {G2~enemy} near {T} all night.",
		"The clashes between {G} and {G2~enemy} moved to the outskirts of {T} this week.",
	},
	topicDisplaced: {
		"More than {NB} people have left {T} since the offensive started.",
		"Most families went to the villages near the border with {C}.",
		"They need tents, blankets and bread,|and they need them now.",
		"A few families came back, but most homes are destroyed.",
		"Thousands are sleeping in the open near {T2}.",
	},
	topicAlliance: {
		"{G} and {G2~ally} are allies;|they fight together in {V}.",
		"{G} split from {G2~parent} in {Y}, and since then they have been rivals.",
		"{G} and {G2~ally} coordinate, but they are not one group.",
		"It is a relationship of convenience, nothing more.",
	},
	topicAid: {
		"Very little aid has reached {T}, and what arrives is not enough.",
		"{Oa} sent one convoy in {Y}.|Since then, nothing.",
		"The hospital works a few hours a day, when there is fuel.",
		"Both sides allow some aid through, but they refuse a truce.",
	},
	topicFuture: {
		"I expect a big offensive on {T} before the winter.",
		"If nothing changes, {T} will fall within weeks.",
		"The fighting will end only when the fighters of {G} leave {V}.",
		"We ask the world to look at {V} before it is too late.",
	},
}

// denialAnswers answer a question about a relation in the negative,
// by topic.
var denialAnswers = [numTopics][]string{
	topicClashes: {
		"No, never.|There has been no fighting between {G} and {G2} here; the real war is with {G3}.",
		"No. There is no fighting between {G} and {G2} in {T}.",
		"No. {G} and {G2} have not clashed in {V} this year.",
	},
	topicControl: {
		"Not at all.|There are no fighters of {G} in {T}.",
		"No. {T} was never under the control of {G}.",
	},
	topicAlliance: {
		"No. There is no alliance between {G} and {G2}, and there never was.",
		"No, {G} and {G2} are not allies;|they barely speak to each other.",
	},
}
