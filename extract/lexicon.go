package extract

import "strings"

// The word lists the rules read. They are closed classes of English (and
// of transliterated Arabic name parts) rather than names of entities, so
// they live here as code; names of entities live in the gazetteer data.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// armedHeads make a capitalised name an armed group: "Southern Front",
// "Liwa al-Tawhid", "Joint Forces of ...".
var armedHeads = set("army", "armies", "forces", "force", "front", "brigade", "brigades", "battalion",
	"battalions", "militia", "militias", "corps", "division", "regiment", "guard", "guards", "legion",
	"jaish", "jaysh", "liwa", "kataib", "kata'ib", "katibat", "faylaq", "harakat", "ahrar", "jabhat",
	"ansar", "saraya", "jund", "hayat", "hay'at", "tahrir", "mujahideen", "mujahidin", "mujahadin",
	"rebels", "insurgents", "fighters", "troops", "peshmerga", "squadron", "commandos", "unit", "units",
	"detachment", "gendarmerie", "police", "command", "military", "armed", "rifles", "rangers", "marines",
	// the same heads in the Spanish, Portuguese and French names the
	// news keeps untranslated ("Fuerza de Tarea Vulcano", "Força Local")
	"fuerza", "fuerzas", "frente", "ejército", "ejercito", "brigada", "batallón", "batallon", "comando",
	"policía", "policia", "milicia", "guardia", "força", "forca", "forças", "forcas", "exército", "exercito",
	"armée", "armee", "bataillon", "gendarmería", "milícia", "guarda")

// orgHeads make a capitalised name an organisation.
var orgHeads = set("council", "observatory", "committee", "committees", "union", "coalition", "network",
	"center", "centre", "organization", "organisation", "agency", "ministry", "party", "group",
	"alliance", "association", "society", "foundation", "institute", "commission", "office",
	"authority", "government", "administration", "court", "tribunal", "bank", "fund", "program",
	"programme", "mission", "federation", "league", "assembly", "parliament", "congress", "bureau",
	"department", "directorate", "service", "news", "agency", "times", "post", "press", "radio", "tv",
	"television", "channel", "watch", "international", "initiative", "campaign", "movement",
	"crescent", "cross", "helmets", "defence", "defense", "university", "hospital", "company",
	"coordinators", "monitor", "monitors", "platform", "forum", "body", "secretariat", "unicef", "net", "lcc", "lccs",
	"page", "daily", "newspaper", "magazine", "online", "tribune", "herald", "journal", "gazette", "club",
	"headquarters", "defensoría", "defensoria", "ministerio", "ministère", "ministere", "consejo", "conselho", "comisión",
	"comision", "comité", "agência", "agencia", "oficina", "gobierno", "governo", "gouvernement")

// partNouns name a group's part that is a group of its own: "the Islamic
// State group's regional affiliate, ISKP", "the group's local branch".
var partNouns = set("affiliate", "affiliates", "branch", "branches", "wing", "arm", "province", "chapter",
	"franchise", "cell", "cells")

// armedDescriptors before a name make it an armed group ("militia X"),
// personDescriptors a person ("activist Tasneem").
var armedDescriptors = set("militia", "faction", "brigade", "battalion")
var personDescriptors = set("activist", "spokesman", "spokeswoman", "spokesperson", "journalist", "commander", "resident")

// bodyNouns are a state's bodies, named after a country's possessive:
// "Russia's defence ministry", "Turkey's Ministry of National Defence".
var bodyNouns = set("ministry", "office", "command", "presidency", "cabinet", "parliament", "embassy", "mission", "staff")

// placeBodyHeads end the name of a province's or city's body given by
// the place's name and lower-case words ("the Balochistan government"),
// with its type; placeBodyModifiers may stand between ("regional
// administration"); placeBodyNeedsModifier are heads that name a kind of
// place alone ("Cauca department").
var placeBodyHeads = map[string]EntityType{
	"government": Organization, "administration": Organization, "council": Organization, "assembly": Organization,
	"ministry": Organization, "office": Organization, "department": Organization, "bureau": Organization,
	"commission": Organization, "legislature": Organization, "cabinet": Organization, "prosecutor": Organization,
	"police": ArmedGroup, "forces": ArmedGroup, "militia": ArmedGroup, "gendarmerie": ArmedGroup,
}
var placeBodyModifiers = set("regional", "state", "provincial", "federal", "local", "municipal", "city", "county",
	"district", "security", "health", "interior", "prosecutor", "election", "electoral", "disaster", "emergency",
	"education", "finance", "home", "legislative", "police", "public", "general", "attorney")

// bodyPlaces after a body's noun make it a place's modifier: "the Kirkuk
// police station" is a building, not the Kirkuk police.
var bodyPlaces = set("station", "stations", "headquarters", "building", "buildings", "compound", "post", "posts",
	"checkpoint", "academy", "barracks", "office", "offices", "premises", "garage", "vehicle", "vehicles")
var placeBodyNeedsModifier = set("department", "office", "bureau", "prosecutor", "council", "assembly")

// issuedNouns are what a source issues: "its count", "their statement"
// stand for the source.
var issuedNouns = set("count", "tally", "figures", "figure", "statement", "statements", "report", "reports", "data",
	"records", "estimate", "estimates", "toll", "numbers", "count's", "communique", "communiqué", "release",
	"announcement", "spokesman", "spokeswoman", "spokesperson", "website", "findings", "survey", "assessment")

// armedNouns describe an armed group in apposition ("X, a militia of the
// Zande community"); armedAdjectives make "group" one ("the Meitei armed
// group X", "a rebel group").
var armedNouns = set("militia", "militias", "paramilitary", "insurgency", "guerrilla", "guerrillas", "rebels")
var armedAdjectives = set("armed", "rebel", "insurgent", "militant", "jihadist", "jihadi", "paramilitary",
	"separatist", "vigilante", "guerrilla", "extremist", "terrorist", "islamist", "self-defence", "self-defense")

// singlePersonHeads name one person an unnamed source may be ("a
// witness", "one resident"), besides the titles.
var singlePersonHeads = set("witness", "resident", "source", "man", "woman", "farmer", "trader", "driver",
	"survivor", "mother", "father", "elder", "villager", "guard", "soldier")

// placeNouns introduce or follow a place name, with the kind they imply.
var placeNouns = map[string]PlaceKind{
	"province": Province, "governorate": Province, "state": Province, "oblast": Province,
	"region": Region, "countryside": Region, "mountains": Region, "valley": Region, "desert": Region,
	"city": City, "capital": City, "town": Town, "village": Town, "villages": Town, "township": District,
	"district": District, "neighborhood": District, "neighbourhood": District, "quarter": District,
	"zone": District, "woreda": District, "woredas": District, "territory": District, "county": District,
	"suburb": District, "suburbs": District, "area": Region, "camp": Site, "airport": Site, "base": Site,
	"prison": Site, "crossing": Site, "field": Site, "dam": Site, "department": Province,
}

// titles precede a person's name.
var titles = set("president", "prime", "minister", "general", "gen", "colonel", "col", "lieutenant",
	"lt", "major", "maj", "captain", "capt", "sergeant", "sgt", "commander", "sheikh", "shaykh", "sheik",
	"imam", "dr", "doctor", "mr", "mrs", "ms", "king", "prince", "emir", "amir", "judge", "mayor",
	"governor", "senator", "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson", "activist",
	"journalist", "reporter", "correspondent", "analyst", "researcher", "leader", "chief", "head",
	"director", "secretary-general", "secretary", "brigadier", "marshal", "field", "admiral", "father",
	"pope", "bishop", "cleric", "official", "officer", "fighter", "resident", "citizen", "photographer",
	"lawyer", "professor", "prof", "deputy", "chairman", "chairwoman", "founder", "member", "veteran",
	"relief", "volunteer", "nurse", "teacher", "engineer", "worker", "surgeon", "medic",
	// honorifics and ranks of the languages the news transliterates:
	// kept out of names as English titles are ("Mawlawi Abdul Rahim
	// Sharifi" is Abdul Rahim Sharifi)
	"mawlawi", "maulvi", "mawlana", "maulana", "mullah", "mulla", "malam", "mallam", "alhaji", "alhaja",
	"hajiya", "haji", "hajji", "qari", "mufti", "sayyid", "sayed", "syed", "ustaz", "ustadh", "hafiz",
	"madame", "monsieur", "mme", "señor", "senor", "señora", "senora", "doña", "pastor", "reverend", "rev",
	"coronel", "teniente", "capitán", "capitan", "comandante", "sargento", "général", "inspector",
	"superintendent", "commissioner", "constable", "councillor", "councilor", "lawmaker", "ombudsman",
	"rear", "vice", "coordinator", "rapporteur", "representative", "administrator")

// portfolios name what a minister or secretary is in charge of: in
// "Interior Minister X" and "Minister of State for Foreign Affairs X" they
// are part of the title, not of the name.
var portfolios = set("interior", "defence", "defense", "foreign", "affairs", "home", "information", "finance",
	"health", "justice", "education", "state", "security", "internal", "human", "rights", "humanitarian",
	"energy", "oil", "petroleum", "communications", "culture", "agriculture", "trade", "commerce", "economy",
	"planning", "labour", "labor", "transport", "water", "public", "works", "relations", "national", "war",
	"veterans", "immigration", "refugees", "environment", "women", "youth", "sports", "religious",
	"endowments", "tourism", "industry", "mines", "mining", "telecommunications", "media", "reconciliation",
	"peace", "parliamentary", "legal", "disaster", "management", "federal", "provincial", "regional",
	"social", "welfare", "development", "infrastructure", "housing", "fisheries", "livestock", "irrigation",
	"local", "government", "administration", "emergency", "emergencies", "cooperation", "international")

// nameParticles may stand inside a person's name.
var nameParticles = set("al", "el", "a", "bin", "ibn", "bint", "abu", "abou", "umm", "um", "de", "del",
	"da", "di", "van", "von", "la", "le", "ben", "ould", "ag", "wad")

// nameConnectors may stand inside an organisation's name between capitals.
var nameConnectors = set("of", "for", "the", "in", "de", "al", "el", "a",
	// inside Spanish, Portuguese and French names, between capitalised
	// words only: "Estado Mayor de Bloques y Frente", "Forças de Defesa e Segurança"
	"y", "e", "et", "del", "do", "da", "dos", "das", "du", "des", "la", "las", "los")

// editorialLabels open a line the publisher adds to a transcript or a
// live blog, in lower case and word by word as tokenized ("editor 's
// note"): the line is no answer and its label no speaker.
var editorialLabels = set("note", "editor 's note", "editors' note", "editor's note", "editors note", "editor note",
	"background", "update", "updated", "correction", "clarification", "context", "analysis", "fact check", "our verdict", "verdict")

// timeZoneWords may follow a live blog's time stamp: "11:20 GMT —".
var timeZoneWords = set("gmt", "utc", "et", "est", "edt", "pt", "cet", "cest", "eat", "wat", "cat", "ist", "pkt", "local", "time", "am", "pm")

// calendarWords end a capitalised run: "Syria Direct Thursday".
var calendarWords = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")

// platforms end a capitalised run: "the Civil Defence Douma Facebook page".
var platforms = set("facebook", "twitter", "telegram", "youtube", "whatsapp", "instagram", "tiktok")

// orgDescriptors before a single capitalised word make it an organisation:
// "pro-regime daily al-Watan", "the news agency SANA".
var orgDescriptors = set("daily", "newspaper", "agency", "channel", "outlet", "website", "broadcaster",
	"network", "station", "magazine", "group", "organisation", "organization", "monitor", "ngo", "party",
	"movement", "militia", "faction", "brigade", "battalion", "coalition", "paper", "tv", "radio", "site")

// demonyms name peoples, sects and languages, not entities.
var demonyms = set("sunni", "sunnis", "shia", "shiite", "shiites", "shi'ite", "alawite", "alawites", "druze",
	"kurdish", "kurds", "kurd", "arab", "arabs", "arabic", "syrian", "syrians", "christian", "christians",
	"muslim", "muslims", "turkmen", "yazidi", "yazidis", "lebanese", "iraqi", "iraqis", "iranian", "iranians",
	"russian", "russians", "western", "westerners", "american", "americans", "british", "turkish", "turks",
	"jordanian", "jordanians", "saudi", "saudis", "yemeni", "yemenis", "sudanese", "libyan", "libyans",
	"ukrainian", "ukrainians", "israeli", "israelis", "palestinian", "palestinians", "egyptian", "egyptians",
	"european", "europeans", "african", "africans", "asian", "islamist", "islamists", "jihadist", "jihadists",
	"salafi", "salafist", "salafists", "rohingya", "bamar", "burmese", "colombian", "colombians", "somali",
	"somalis", "malian", "french", "german", "chinese", "emirati", "qatari", "gulf", "houthi",
	"burkinabe", "burkinabè", "nigerien", "chadian", "ethiopian", "ethiopians", "eritrean", "tigrayan",
	"amhara", "congolese", "rwandan", "burundian", "ugandan", "kenyan", "nigerian", "nigerians",
	"afghan", "afghans", "pakistani", "venezuelan", "mexican", "tunisian", "algerian", "moroccan",
	"kachin", "karen", "shan", "tutsi", "hutu", "fulani", "tuareg", "arakanese")

// stateForceNouns after a demonym or a country's possessive name its
// state's forces ("the Burkinabe army", "Myanmar's military").
var stateForceNouns = set("army", "military", "troops", "forces", "junta", "regime")

// speechVerbs mark an attribution. The value is the claim kind when the
// verb introduces the content (STATEMENT for announcements).
var speechVerbs = map[string]ClaimKind{
	"said": Indirect, "says": Indirect, "say": Indirect, "saying": Indirect,
	"told": Indirect, "tells": Indirect, "tell": Indirect, "telling": Indirect,
	"added": Indirect, "adds": Indirect, "adding": Indirect,
	"stated": Statement, "states": Statement, "stating": Statement,
	"announced": Statement, "announces": Statement, "announcing": Statement,
	"declared": Statement, "declares": Statement, "declaring": Statement,
	"claimed": Statement, "claims": Statement, "claiming": Statement,
	"confirmed": Indirect, "confirms": Indirect, "confirming": Indirect,
	"denied": Indirect, "denies": Indirect, "denying": Indirect,
	"reported": Indirect, "reports": Indirect, "reporting": Indirect,
	"warned": Indirect, "warns": Indirect, "warning": Indirect,
	"noted": Indirect, "notes": Indirect, "noting": Indirect,
	"explained": Indirect, "explains": Indirect, "explaining": Indirect,
	"insisted": Indirect, "insists": Indirect,
	"stressed": Indirect, "stresses": Indirect, "stressing": Indirect,
	"alleged": Indirect, "alleges": Indirect,
	"asserted": Indirect, "asserts": Indirect, "assert": Indirect,
	"acknowledged": Indirect, "acknowledges": Indirect,
	"argued": Indirect, "argues": Indirect,
	"estimated": Indirect, "estimates": Indirect,
	"revealed": Indirect, "reveals": Indirect,
	"vowed": Indirect, "vows": Indirect,
	"threatened": Indirect, "threatens": Indirect,
	"accused": Indirect, "accuses": Indirect,
	"wrote": Indirect, "writes": Indirect,
	"posted": Statement, "tweeted": Statement,
	"urged": Indirect, "urges": Indirect,
	"believes": Indirect, "believed": Indirect,
	"emphasized": Indirect, "emphasised": Indirect,
	"pointed": Indirect, "recounted": Indirect, "described": Indirect,
	"admitted": Indirect, "admits": Indirect,
	"predicted": Indirect, "predicts": Indirect,
	"promised": Indirect, "promises": Indirect,
	"suggested": Indirect, "suggests": Indirect,
	"indicated": Indirect, "indicates": Indirect,
	"documented": Statement, "documents": Statement,
	"recorded": Statement, "counted": Statement,
	"affirmed": Indirect, "affirms": Indirect,
	"mentioned": Indirect, "answered": Indirect, "replied": Indirect,
	"commented": Indirect, "concluded": Indirect, "cautioned": Indirect,
	"assured": Indirect, "informed": Indirect,
	"rejected": Statement, "rejects": Statement, "condemned": Statement, "condemns": Statement,
	"denounced": Statement, "denounces": Statement, "welcomed": Statement, "welcomes": Statement,
	"attributed": Indirect, "attributes": Indirect, "blamed": Indirect, "blames": Indirect,
	// the other forms of the verbs above, and reporting verbs of wire
	// and political reporting: who says, argues or disputes what
	"vowing": Indirect, "urging": Indirect, "accusing": Indirect, "threatening": Indirect, "arguing": Indirect,
	"insisting": Indirect, "acknowledging": Indirect, "alleging": Indirect, "admitting": Indirect, "blaming": Indirect,
	"predicting": Indirect, "suggesting": Indirect, "writing": Indirect,
	"responded": Indirect, "responds": Indirect, "criticized": Indirect, "criticised": Indirect, "criticizes": Indirect,
	"criticises": Indirect, "proposed": Indirect, "proposes": Indirect,
	"complained": Indirect,
	"complains":  Indirect, "recalled": Indirect, "recalls": Indirect, "observed": Indirect, "conceded": Indirect,
	"concedes": Indirect, "contended": Indirect, "contends": Indirect,
	"reiterated": Indirect, "reiterates": Indirect, "disputed": Indirect, "disputes": Indirect, "countered": Indirect,
	"testified": Indirect, "boasted": Indirect, "lamented": Indirect,
	"questioned": Indirect, "questions": Indirect,
}

// unnamedHeads are nouns that make a phrase an unnamed source.
var unnamedHeads = set("sources", "source", "activists", "activist", "residents", "resident",
	"witnesses", "witness", "eyewitnesses", "eyewitness", "officials", "official", "locals", "people",
	"medics", "doctors", "doctor", "journalists", "journalist", "reporters", "observers", "analysts",
	"analyst", "experts", "expert", "monitors", "monitor", "fighters", "fighter", "commanders",
	"commander", "spokesman", "spokesperson", "spokeswoman", "representative", "member", "members",
	"official", "diplomats", "diplomat", "authorities", "media", "outlets", "reports", "statement",
	"statements", "survivors", "relatives", "families", "civilians", "rebels", "soldiers", "police",
	"officer", "officers", "staff", "workers", "volunteers", "group", "groups", "organization",
	"organisation", "ministry", "army", "military", "government", "regime", "opposition", "observatory",
	"coalition", "agency", "council", "committee", "office", "network", "militants", "insurgents",
	"tribesmen", "leaders", "elders", "inhabitants", "refugees", "displaced", "campaigners", "negotiator",
	"negotiators", "owner", "owners", "singer", "worker", "citizen", "citizens", "man", "woman", "men", "women",
	"farmer", "teacher", "nurse", "paramedic", "paramedics", "rescuers", "volunteer", "mother", "father",
	"student", "students", "defector", "defectors", "lawyer", "shopkeeper", "trader", "merchant", "driver",
	"eyewitnesses", "correspondent", "correspondents", "rumors", "rumours")

// officialHeads make an unnamed phrase speak for the entity it names: "a
// spokesperson for the RSF said" is a claim of the RSF.
var officialHeads = set("spokesman", "spokesperson", "spokeswoman", "spokesmen", "statement",
	"office", "media", "command", "leadership", "ministry", "channel", "account", "website", "outlet",
	"communique", "communiqué", "bulletin", "announcement", "release", "spokespeople")

// discourseOpeners are sentence openers that are not part of a clause's
// subject or content ("Meanwhile, ...").
var discourseOpeners = set("meanwhile", "however", "moreover", "also", "additionally", "furthermore",
	"separately", "elsewhere", "still", "instead", "yet", "but", "and", "so", "then", "later",
	"earlier", "previously", "likewise", "nevertheless", "nonetheless", "indeed", "overall",
	"today", "yesterday", "tuesday", "monday", "wednesday", "thursday", "friday", "saturday", "sunday")

// stopCaps are capitalised words that do not start a name when they open
// a sentence or stand alone.
var stopCaps = set("the", "a", "an", "in", "on", "at", "of", "for", "from", "to", "by", "with", "and",
	"but", "or", "as", "after", "before", "since", "during", "while", "when", "where", "what", "who",
	"why", "how", "which", "this", "that", "these", "those", "there", "here", "it", "its", "he", "she",
	"they", "we", "i", "you", "his", "her", "their", "our", "my", "your", "if", "no", "yes", "not",
	"all", "some", "many", "most", "more", "both", "each", "every", "other", "such", "one", "two",
	"three", "four", "five", "six", "seven", "eight", "nine", "ten", "meanwhile", "however", "also",
	"q", "a:", "january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sunday", "according", "despite", "amid", "among", "although", "though", "because",
	"photo", "share", "read", "min", "reports", "report", "update", "news", "breaking", "related",
	"so", "then", "now", "today", "yesterday", "last", "next", "first", "second", "third", "even",
	"just", "only", "still", "yet", "again", "instead", "likewise", "thus", "therefore", "indeed",
	"members", "member", "local", "several", "dozens", "hundreds", "thousands", "about", "over",
	"under", "between", "against", "without", "within", "into", "through", "around", "near", "up",
	"down", "out", "off", "do", "does", "did", "is", "are", "was", "were", "be", "been", "has", "have",
	"had", "will", "would", "can", "could", "should", "may", "might", "must", "shall", "let", "mr",
	"mrs", "ms", "dr", "sir", "madam", "i'm", "we're", "they're", "it's", "don't", "isn't", "aren't",
	"q&a", "interview", "source", "sources", "follow", "subscribe", "advertisement", "editor's", "note",
	"rebels", "rebel")

// pronouns that may stand as a speaker.
var personPronouns = set("he", "she")
var groupPronouns = set("they", "it", "we")

// relation trigger words.
var fightWords = set("fight", "fights", "fighting", "fought", "battle", "battles", "battled", "battling",
	"battleground", "clash", "clashes", "clashed", "clashing", "attack", "attacks", "attacked",
	"attacking", "shelled", "shelling", "shells", "bombed", "bombing", "bombarded", "bombardment",
	"offensive", "assault", "assaulted", "siege", "besieged", "besieging", "targeted", "targeting",
	"targets", "repelled", "repel", "repels", "ambushed", "ambush", "raid", "raided", "struck",
	"strikes", "airstrikes", "airstrike", "war", "against", "confront", "confronted", "confronting",
	"combat", "combating", "combatting", "advance", "advances", "advanced", "counterattack",
	"counter-attack", "killed", "kill", "expelled", "drove", "retreat", "fire", "fired", "opposed", "opposes",
	"opposing", "shelled", "bombed", "pounded", "struck", "hit", "stormed", "besiege", "truce", "ceasefire",
	"cease-fire", "conflict", "rivals", "rival", "enemy", "enemies", "foes", "frontline", "front-line")

var controlWords = set("controls", "control", "controlled", "controlling", "holds", "held", "hold",
	"captured", "capture", "captures", "seized", "seize", "seizes", "took", "takes", "taken", "taking",
	"overran", "overrun", "stormed", "recaptured", "retook", "occupies", "occupied", "occupy",
	"dominates", "dominated", "runs", "ran", "governs", "entered", "liberated", "regained",
	"secured", "secures", "defending", "defended", "defends", "guards", "guarded", "guarding")

var allyWords = set("allied", "ally", "allies", "alliance", "affiliated", "affiliate", "aligned",
	"alongside", "backed", "backing", "supported", "supports", "support", "led", "loyal", "partner",
	"partners", "joined", "coalition", "together", "cooperating", "cooperation", "coordinated",
	"coordination", "union", "merged", "merger", "pledged", "allegiance", "part", "umbrella", "include",
	"includes", "including", "comprising", "proxy", "proxies", "sponsored", "arming", "funding", "financing")

// allyNouns are alliance words that are nouns: they relate only what
// stands in their own phrase ("an alliance with X", "X's ally Y").
var allyNouns = set("alliance", "coalition", "umbrella", "ally", "allies", "partner", "partners", "union",
	"affiliate", "proxy", "proxies", "merger", "part")

var splinterWords = set("splinter", "splintered", "offshoot", "broke", "breakaway", "split", "faction",
	"dissident", "dissidents", "defected", "emerged", "formerly", "successor", "branch", "wing")

var memberWords = set("member", "members", "spokesman", "spokesperson", "spokeswoman", "leader", "head",
	"chief", "commander", "founder", "official", "officer", "emir", "amir", "fighter", "director",
	"chairman", "president", "representative", "coordinator", "activist", "correspondent",
	"reporter", "journalist", "editor", "deputy", "secretary", "minister", "general", "colonel",
	"envoy", "ambassador", "negotiator", "senior", "belongs", "belonged", "joined", "works", "worked")

var negations = set("not", "no", "never", "n't", "neither", "nor", "without", "denied", "denies",
	"deny", "refuted", "rejected", "nothing", "none", "hardly")

// modifiedNouns after "military", "army", "government" make those words
// modifiers, not actors: "the military situation", "army base".
var modifiedNouns = set("situation", "base", "bases", "operation", "operations", "council", "councils",
	"campaign", "court", "courts", "vehicle", "vehicles", "position", "positions", "rule",
	"control", "equation", "aid", "support", "leadership", "leaders", "officer", "officers", "unit",
	"units", "academy", "airport", "hospital", "checkpoint", "checkpoints", "buildings", "building",
	"delegation", "ministry", "media", "statement", "communique", "side", "areas", "area", "territory",
	"offensive", "advances", "gains", "strategy", "plans", "junta", "regime", "intelligence")

// phraseStarts open a leading phrase that is not a clause's subject: "In a
// statement,", "Speaking to reporters,", "Until publication Thursday,".
var phraseStarts = set("in", "on", "at", "after", "before", "since", "during", "while", "when", "despite",
	"amid", "following", "with", "without", "for", "as", "by", "under", "until", "last", "earlier", "later",
	"according", "from", "to", "upon", "within", "throughout", "over", "through", "once", "if", "although",
	"though", "because", "asked", "speaking", "separately", "elsewhere", "meanwhile", "however", "moreover",
	"also", "still", "instead", "likewise", "nevertheless", "nonetheless", "indeed", "today", "yesterday",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "but", "and", "so", "yet",
	"furthermore", "additionally", "overall", "then", "now", "previously", "besides", "unlike", "like",
	"along", "among", "beyond", "near", "outside", "inside", "against", "regarding", "concerning", "ahead")

// timeWords end a time phrase: "at that time", "on Sunday", "last week".
var timeWords = set("time", "times", "week", "weeks", "month", "months", "year", "years", "day", "days",
	"morning", "afternoon", "evening", "night", "weekend", "moment", "point", "hour", "hours", "today",
	"yesterday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "earlier",
	"later", "recently", "stage")

// genreLabels head a title without speaking: "Explainer: ...".
var genreLabels = set("explainer", "analysis", "opinion", "interview", "exclusive", "update", "news update",
	"breaking", "watch", "video", "photos", "live", "editorial", "feature", "q&a", "profile", "timeline",
	"factbox", "explained", "in pictures", "fact check", "comment", "review", "special report", "report")

// clauseOpeners start a new clause before a speaker: "... after Haftar
// forces said", "..., but earlier the Central Command said".
var clauseOpeners = set("as", "after", "because", "while", "when", "since", "although", "though",
	"whereas", "but", "before", "until", "once", "if", "unless")

// relativeWords end a speaker phrase: "a journalist who requested anonymity".
var relativeWords = set("who", "which", "that", "whose", "whom", "where")

// prepositions link a descriptive head to the entity it is about: "a
// rebel negotiator from al-Waer".
var prepositions = set("of", "from", "in", "at", "with", "near", "for", "inside", "outside", "on", "within", "close")

// genericActors are descriptions of armed actors that reporting uses as
// actors ("rebels hold Yabroud", "government forces shelled ..."). They
// are entities of their own document only: "rebels" in one article is not
// "rebels" in another, so their keys carry the document's hash.
// stateDescriptions are the generic actors that stand for a country's
// state forces ("the regime", "the army"), keyed by canonical form.
var stateDescriptions = set("regime", "regime forces", "regime troops", "army", "military", "government forces",
	"federal army", "federal troops", "federal forces", "federal government",
	"government troops", "junta", "military junta", "government", "pro-regime forces", "pro-Assad forces")

var genericActors = []string{"regime", "the regime", "regime forces", "rebels", "the rebels", "rebel fighters", "rebel forces", "rebel groups",
	"opposition rebels", "opposition fighters", "opposition forces", "opposition groups", "armed opposition",
	"the opposition", "government forces", "pro-government forces", "government troops", "the army",
	"security forces", "militants", "jihadists", "insurgents", "the military", "the junta", "junta",
	"the military junta", "military junta", "pro-regime forces", "pro-Assad forces", "regime troops",
	"jihadist fighters", "Islamist rebels", "the militia", "militias", "paramilitaries", "the government",
	"opposition factions", "rebel factions", "the federal army", "federal troops", "federal forces", "federal army",
	"the federal government", "the internationally recognized government",
	"the internationally recognised government", "the internationally-recognised government",
	"the internationally-recognized government"}

// compassWords are directions written in lower case ("northwest Syria",
// "northern Aleppo"): a description of where, not part of a name.
var compassWords = set("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
	"northern", "southern", "eastern", "western", "northeastern", "northwestern", "southeastern", "southwestern",
	"north-east", "north-west", "south-east", "south-west", "north-eastern", "north-western", "south-eastern", "south-western", "central")

// fighterNouns follow a group's name to mean its fighters ("Hezbollah
// forces", "YPG fighters").
var fighterNouns = set("forces", "fighters", "troops", "units", "militias", "militiamen", "soldiers", "militants")

// oneSidedActs are acts that partners do together to a third party; unlike
// "clashed" or "fought", "A and B repelled" does not set A against B.
var oneSidedActs = set("repelled", "repulsed", "attacked", "began", "launched", "stormed", "shelled", "besieged",
	"captured", "seized", "recaptured", "retook", "took", "killed", "targeted", "bombed", "pushed", "advanced",
	"ambushed", "struck", "overran", "liberated", "announced", "continued", "carried", "conducted", "mounted",
	"hold", "holds", "control", "controls", "retook", "retaken")

// strongholdNouns describe a place an armed group holds ("the LNA's main
// base", "the ISIS stronghold").
var strongholdNouns = set("stronghold", "strongholds", "base", "bastion", "headquarters", "heartland", "capital")

// bylineTrailers are page words that follow an outlet's name on a byline
// line ("By X / The National Published on ...").
var bylineTrailers = set("published", "updated", "posted", "last", "read")

// actorNounsAfterStem make "rebel", "opposition" or "government" before
// them name that side as an actor ("a rebel attack killed", "the last
// rebel stronghold").
var actorNounsAfterStem = set("attack", "attacks", "offensive", "assault", "push", "advance", "advances",
	"stronghold", "strongholds", "bastion", "shelling", "bombardment", "counteroffensive", "counterattack")

// reciprocalActs set the actors joined before them against each other
// ("rebels and the regime clashed").
var reciprocalActs = set("clashed", "clash", "fought", "fight", "battled", "battle", "exchanged", "traded")

// describedGroups are descriptions that stand for the armed group named
// last ("a commander of the group").
var describedGroups = set("group", "militia", "movement", "organisation", "organization", "faction", "insurgency")

// positionNouns held by a group place it at a site ("the regime's
// positions at Kweiris airbase").
var positionNouns = set("positions", "position", "bases", "base", "checkpoint", "checkpoints", "posts", "outposts", "garrison", "barracks")

// locatedVerbs say where a place is ("Thit Kauk lies in Gangaw Township").
var locatedVerbs = set("lies", "lay", "sits", "located", "situated", "is")

// adminNouns name an administrative area after a town ("Gangaw Township").
var adminNouns = map[string]PlaceKind{"township": District, "district": District, "municipality": District, "governorate": Province, "province": Province}

// weekdayNames date an attribution ("said Tuesday").
var weekdayNames = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

// isTitle reports whether w is a title, hyphenated ones included
// ("lieutenant-colonel", "major-general").
func isTitle(w string) bool {
	if titles[w] {
		return true
	}
	a, b, ok := strings.Cut(w, "-")
	return ok && titles[a] && isTitle(b)
}

// commonSubjects are plural common nouns that open sentences as the
// subject ("Farmers say ...") and are never a name there.
var commonSubjects = set("farmers", "residents", "activists", "witnesses", "officials", "sources", "analysts",
	"villagers", "doctors", "medics", "locals", "observers", "diplomats", "critics", "survivors", "families",
	"people", "civilians", "fighters", "soldiers", "rebels", "militants", "police", "troops", "forces")

// fundWords relate a group to its backer when "by" follows ("funded by the
// UAE", "armed by Iran"); alone ("armed groups") they relate nothing.
var fundWords = set("funded", "financed", "armed", "trained", "equipped", "paid", "bankrolled")

// adminSuffixes follow a place's name as part of how the text names an
// administrative area ("West Gojjam zone", "Masisi territory").
var adminSuffixes = set("province", "governorate", "region", "district", "zone", "woreda", "territory", "county", "department", "township", "oblast")

// orgDescriptionHeads end a description of an organisation ("a local
// rights organisation", "the monitoring group").
var orgDescriptionHeads = set("organisation", "organization", "group", "monitor", "watchdog", "observatory", "ngo", "agency", "body", "network", "charity")

// plainModifiers say nothing distinctive about an organisation.
var plainModifiers = set("a", "an", "the", "local", "international", "independent", "non-governmental", "leading",
	"prominent", "main", "national", "regional", "small", "large", "british", "britain-based", "uk-based", "us-based", "monitoring", "this", "that")

// wordLexicons is the set of word lists a lower-case word belongs to, for
// the lists the entity and claim rules consult for nearly every token.
type wordLexicons uint16

const (
	lexArmedHead wordLexicons = 1 << iota
	lexOrgHead
	lexTitle
	lexNameParticle
	lexNameConnector
	lexCalendar
	lexPlatform
	lexStopCap
	lexMember
	lexSpeechVerb
	// lexArticlePrefixed: the word as written starts with an Arabic article
	// and a hyphen (isArticlePrefixed), "al-Nusra".
	lexArticlePrefixed
	// lexCueWord: a word other than a speech verb that can begin a claim
	// cue (claimFinder.cues): "according", "put ... at", "called on".
	lexCueWord
)

// cueWords are the words of lexCueWord.
var cueWords = set("according", "put", "puts", "placed", "places", "called", "calls", "appealed")

// lexiconsOf looks a token's lower-case text up in each list of
// wordLexicons; text is the token as written.
func lexiconsOf(text, lower string) wordLexicons {
	var l wordLexicons
	for _, list := range []struct {
		set map[string]bool
		bit wordLexicons
	}{
		{armedHeads, lexArmedHead}, {orgHeads, lexOrgHead}, {titles, lexTitle},
		{nameParticles, lexNameParticle}, {nameConnectors, lexNameConnector},
		{calendarWords, lexCalendar}, {platforms, lexPlatform}, {stopCaps, lexStopCap},
		{memberWords, lexMember}, {cueWords, lexCueWord},
	} {
		if list.set[lower] {
			l |= list.bit
		}
	}
	if _, ok := speechVerbs[lower]; ok {
		l |= lexSpeechVerb
	}
	if isArticlePrefixed(text) {
		l |= lexArticlePrefixed
	}
	return l
}
