package synth

// The read-only tables the world and the articles are built from. Names
// may hold spelling alternations "[a|b]" (one is chosen per article) and
// the Arabic article "al-", which each article renders in its house style
// (al-, el-, a-, or assimilated as in ash-Sham).

// theatre is one conflict and its real places and actors.
type theatre struct {
	country   string // the country's name
	demonym   string
	weight    int // share of the archive's articles
	provinces []string
	cities    []cityDef
	groups    []realGroup
	orgs      []realOrg
	people    []realPerson
	regions   []string // Arabic regional nouns for invented group names
	neighbors []string
}

type cityDef struct{ name, province string }

// realGroup is a well-known armed actor with its usual forms: first
// mentions (an acronym in parentheses introduces it) and later ones.
type realGroup struct {
	id      string // stable key used by relations below
	first   []string
	later   []string
	enemies []string
	allies  []string
	parent  string
}

type realOrg struct {
	first   []string
	later   []string
	monitor bool // publishes casualty figures
}

type realPerson struct {
	full, short string
	title       string
	group       string // realGroup id
	role        role
}

var theatres = []theatre{
	{
		country: "Syria", demonym: "Syrian", weight: 46,
		provinces: []string{"Aleppo", "Idlib", "Hama", "Homs", "Latakia", "Tartus", "Raqqa",
			"Deir [ez-Zor|e-Zor|ez-Zour|al-Zour]", "[al-|]Hasaka[h|]", "[Daraa|Deraa]", "Quneitra",
			"[Sweida|Suwayda]", "Rif Dimashq", "Damascus"},
		cities: []cityDef{{"Manbij", "Aleppo"}, {"Kobani", "Aleppo"}, {"al-Bab", "Aleppo"},
			{"Qamishli", "[al-|]Hasaka[h|]"}, {"Douma", "Rif Dimashq"}, {"Yabroud", "Rif Dimashq"},
			{"Palmyra", "Homs"}, {"Maarat al-Numan", "Idlib"}, {"Jisr al-Shughour", "Idlib"},
			{"al-Mayadeen", "Deir [ez-Zor|e-Zor|ez-Zour|al-Zour]"}, {"Tabqa", "Raqqa"}},
		groups: []realGroup{
			{id: "isis", first: []string{"the Islamic State of Iraq and al-Sham (ISIS)", "the Islamic State group (IS)", "the Islamic State (IS)", "ISIS"},
				later: []string{"ISIS", "IS", "the Islamic State", "Daesh"}, enemies: []string{"nusra", "fsa", "sdf", "saa", "ypg", "ahrar"}, parent: "aq"},
			{id: "nusra", first: []string{"Jabhat al-Nusra", "the al-Nusra Front", "Jabhat al-Nusra (the Nusra Front)"},
				later: []string{"al-Nusra", "Nusra", "Jabhat al-Nusra"}, enemies: []string{"saa", "hezbollah", "isis"}, allies: []string{"ahrar"}, parent: "aq"},
			{id: "fsa", first: []string{"the Free Syrian Army (FSA)", "the Free Syrian Army"},
				later: []string{"the FSA", "the Free Army"}, enemies: []string{"saa", "isis"}},
			{id: "sdf", first: []string{"the Syrian Democratic Forces (SDF)", "the Kurdish-led Syrian Democratic Forces (SDF)"},
				later: []string{"the SDF"}, enemies: []string{"isis"}, allies: []string{"ypg"}},
			{id: "ypg", first: []string{"the People's Protection Units (YPG)", "the Kurdish YPG"},
				later: []string{"the YPG"}, enemies: []string{"isis"}},
			{id: "saa", first: []string{"the Syrian Arab Army (SAA)", "Assad regime forces", "Syrian government forces"},
				later: []string{"the SAA", "regime forces", "government forces"}, enemies: []string{"fsa", "nusra", "isis"}, allies: []string{"hezbollah"}},
			{id: "hezbollah", first: []string{"Hezbollah", "the Lebanese Hezbollah"},
				later: []string{"Hezbollah", "Hizballah"}, enemies: []string{"nusra", "fsa"}, allies: []string{"saa"}},
			{id: "hts", first: []string{"Hayat Tahrir al-Sham (HTS)", "Hay'at Tahrir al-Sham (HTS)"},
				later: []string{"HTS", "Tahrir al-Sham"}, enemies: []string{"saa", "isis"}, parent: "nusra"},
			{id: "ahrar", first: []string{"Ahrar al-Sham", "Harakat Ahrar al-Sham al-Islamiyya"},
				later: []string{"Ahrar al-Sham", "Ahrar"}, enemies: []string{"saa", "isis"}, allies: []string{"nusra"}},
			{id: "jai", first: []string{"Jaish al-Islam (JAI)", "Jaish al-Islam"},
				later: []string{"JAI", "Jaish al-Islam"}, enemies: []string{"saa", "isis"}},
		},
		orgs: []realOrg{
			{first: []string{"the Syrian Observatory for Human Rights (SOHR)", "the Britain-based Syrian Observatory for Human Rights", "the Syrian Observatory for Human Rights"},
				later: []string{"the Observatory", "SOHR", "the Syrian Observatory"}, monitor: true},
			{first: []string{"the Syrian Network for Human Rights (SNHR)"}, later: []string{"the SNHR", "the Network"}, monitor: true},
			{first: []string{"the Violations Documentation Center (VDC)"}, later: []string{"the VDC"}, monitor: true},
			{first: []string{"the Syria Civil Defence (White Helmets)", "the White Helmets"}, later: []string{"the White Helmets"}},
		},
		people: []realPerson{
			{full: "Abu Mohammed al-Jolani", short: "Jolani", group: "nusra", role: roleLeader},
			{full: "Abu Bakr al-Baghdadi", short: "Baghdadi", group: "isis", role: roleLeader},
			{full: "Bashar al-Assad", short: "Assad", title: "President", group: "saa", role: roleLeader},
			{full: "Rami Abdulrahman", short: "Abdulrahman", role: roleMonitor},
		},
		regions:   []string{"al-Sham", "al-Sharqiya", "al-Shamal", "al-Janoub", "al-Badiya", "al-Furat", "al-Sahel", "al-Ghouta"},
		neighbors: []string{"Turkey", "Lebanon", "Jordan", "Iraq", "Russia", "Iran", "Israel", "the United States"},
	},
	{
		country: "Yemen", demonym: "Yemeni", weight: 14,
		provinces: []string{"Sanaa", "Aden", "Taiz", "Marib", "[Hodeidah|Hudaydah]", "Abyan", "Shabwa[h|]",
			"Hadram[a|]wt", "Lahj", "al-Dhale", "Saada", "al-Jawf", "al-Bayda", "Ibb", "Hajjah"},
		cities: []cityDef{{"Mukalla", "Hadram[a|]wt"}, {"Zinjibar", "Abyan"}, {"Ataq", "Shabwa[h|]"}, {"Mokha", "Taiz"}},
		groups: []realGroup{
			{id: "houthis", first: []string{"the Houthis", "the Houthi movement", "Ansar Allah (the Houthis)"},
				later: []string{"the Houthis", "Ansar Allah", "the Houthi rebels"}, enemies: []string{"stc", "aqap", "ygov"}},
			{id: "aqap", first: []string{"al-Qaeda in the Arabian Peninsula (AQAP)"},
				later: []string{"AQAP", "al-Qaeda"}, enemies: []string{"houthis", "stc"}, parent: "aq"},
			{id: "stc", first: []string{"the Southern Transitional Council (STC)", "the separatist Southern Transitional Council (STC)"},
				later: []string{"the STC", "the council"}, enemies: []string{"aqap", "houthis"}},
			{id: "ygov", first: []string{"Yemeni government forces", "forces of the internationally recognised government"},
				later: []string{"government forces", "pro-government forces"}, enemies: []string{"houthis"}, allies: []string{"giants"}},
			{id: "giants", first: []string{"the Giants Brigades", "the Amaliqa (Giants) Brigades"},
				later: []string{"the Giants Brigades", "the Giants"}, enemies: []string{"houthis"}},
		},
		orgs: []realOrg{
			{first: []string{"the Yemen Data Project"}, later: []string{"the Yemen Data Project", "the project"}, monitor: true},
		},
		people: []realPerson{
			{full: "Abdul-Malik al-Houthi", short: "al-Houthi", group: "houthis", role: roleLeader},
		},
		regions:   []string{"al-Yaman", "al-Janoub", "Hadramawt", "Tihama", "al-Bayda"},
		neighbors: []string{"Saudi Arabia", "the United Arab Emirates", "Oman", "Iran", "the United States"},
	},
	{
		country: "Sudan", demonym: "Sudanese", weight: 12,
		provinces: []string{"Khartoum", "North Darfur", "South Darfur", "West Darfur", "Central Darfur", "East Darfur",
			"North Kordofan", "South Kordofan", "West Kordofan", "[Gezira|al-Jazirah]", "Sennar", "White Nile", "Blue Nile",
			"Kassala", "Gedaref", "River Nile"},
		cities: []cityDef{{"[El Fasher|al-Fasher]", "North Darfur"}, {"Nyala", "South Darfur"}, {"[El Geneina|al-Geneina]", "West Darfur"},
			{"Omdurman", "Khartoum"}, {"Wad Madani", "[Gezira|al-Jazirah]"}, {"Kadugli", "South Kordofan"}, {"[El Obeid|al-Obeid]", "North Kordofan"}},
		groups: []realGroup{
			{id: "rsf", first: []string{"the Rapid Support Forces (RSF)", "the paramilitary Rapid Support Forces (RSF)"},
				later: []string{"the RSF", "the paramilitaries"}, enemies: []string{"saf", "jf"}, allies: []string{"wagner"}},
			{id: "saf", first: []string{"the Sudanese Armed Forces (SAF)", "the Sudanese army"},
				later: []string{"the SAF", "the army"}, enemies: []string{"rsf"}, allies: []string{"jf"}},
			{id: "jf", first: []string{"the Joint Forces of the armed movements", "the Darfur Joint Forces"},
				later: []string{"the Joint Forces"}, enemies: []string{"rsf"}, allies: []string{"saf"}},
			{id: "splmn", first: []string{"the Sudan People's Liberation Movement-North (SPLM-N)"},
				later: []string{"the SPLM-N"}, enemies: []string{"saf"}},
			{id: "wagner", first: []string{"the Wagner Group", "Russia's Wagner Group"},
				later: []string{"Wagner", "the Wagner Group"}},
		},
		orgs: []realOrg{
			{first: []string{"the Sudan Doctors Network"}, later: []string{"the Sudan Doctors Network", "the network"}, monitor: true},
			{first: []string{"the Emergency Lawyers group"}, later: []string{"the Emergency Lawyers"}, monitor: true},
		},
		people: []realPerson{
			{full: "Mohamed Hamdan Dagalo", short: "Dagalo", group: "rsf", role: roleLeader},
			{full: "Abdel Fattah al-Burhan", short: "Burhan", title: "General", group: "saf", role: roleLeader},
		},
		regions:   []string{"Darfur", "Kordofan", "al-Sudan", "al-Nil", "al-Gharb"},
		neighbors: []string{"Chad", "Egypt", "South Sudan", "the United Arab Emirates", "Russia", "Libya"},
	},
	{
		country: "Libya", demonym: "Libyan", weight: 9,
		provinces: []string{"Tripoli", "Benghazi", "Misrata", "Sirte", "Jufra", "Murzuq", "Sabha", "Derna", "Kufra", "Zawiya"},
		cities:    []cityDef{{"Gharyan", "Tripoli"}, {"Ajdabiya", "Benghazi"}, {"Tarhuna", "Tripoli"}, {"Ubari", "Murzuq"}},
		groups: []realGroup{
			{id: "lna", first: []string{"the Libyan National Army (LNA)", "Khalifa Haftar's Libyan National Army (LNA)", "the self-styled Libyan National Army (LNA)"},
				later: []string{"the LNA", "Haftar's forces"}, enemies: []string{"gna", "isis-l"}, allies: []string{"wagner-l"}},
			{id: "gna", first: []string{"forces of the Government of National Accord (GNA)", "the Government of National Accord (GNA)"},
				later: []string{"the GNA", "GNA forces"}, enemies: []string{"lna"}},
			{id: "wagner-l", first: []string{"the Wagner Group", "Russian mercenaries of the Wagner Group"},
				later: []string{"Wagner", "the Wagner Group"}},
			{id: "isis-l", first: []string{"the Islamic State (IS)", "the Libyan branch of the Islamic State (IS)"},
				later: []string{"IS", "the Islamic State"}, enemies: []string{"lna", "gna"}},
		},
		people: []realPerson{
			{full: "Khalifa Haftar", short: "Haftar", title: "Field Marshal", group: "lna", role: roleLeader},
		},
		regions:   []string{"Barqa", "Fezzan", "al-Gharb", "al-Sahel", "Tarablus"},
		neighbors: []string{"Egypt", "Tunisia", "Chad", "Turkey", "Russia", "the United Arab Emirates"},
	},
	{
		country: "Iraq", demonym: "Iraqi", weight: 12,
		provinces: []string{"Nineveh", "Anbar", "Salah [al-|a-]Din", "Kirkuk", "Diyala", "Baghdad", "Babil", "Erbil", "Dohuk", "Basra"},
		cities: []cityDef{{"Mosul", "Nineveh"}, {"Fallujah", "Anbar"}, {"Ramadi", "Anbar"}, {"Tikrit", "Salah [al-|a-]Din"},
			{"Sinjar", "Nineveh"}, {"Samarra", "Salah [al-|a-]Din"}, {"Baquba", "Diyala"}},
		groups: []realGroup{
			{id: "isis-i", first: []string{"the Islamic State group (IS)", "the Islamic State of Iraq and the Levant (ISIL)", "ISIS"},
				later: []string{"IS", "ISIL", "ISIS", "Daesh"}, enemies: []string{"pmf", "isf", "peshmerga"}},
			{id: "pmf", first: []string{"the Popular Mobilization Forces (PMF)", "the Hashd al-Shaabi"},
				later: []string{"the PMF", "the Hashd"}, enemies: []string{"isis-i"}, allies: []string{"isf"}},
			{id: "isf", first: []string{"the Iraqi Security Forces (ISF)", "Iraqi government forces"},
				later: []string{"the ISF", "Iraqi forces"}, enemies: []string{"isis-i"}, allies: []string{"pmf"}},
			{id: "peshmerga", first: []string{"the Kurdish Peshmerga", "Peshmerga forces"},
				later: []string{"the Peshmerga"}, enemies: []string{"isis-i"}},
			{id: "kh", first: []string{"Kataib Hezbollah (KH)", "Kataib Hezbollah"},
				later: []string{"Kataib Hezbollah", "KH"}, parent: "pmf"},
		},
		orgs: []realOrg{
			{first: []string{"Iraq Body Count"}, later: []string{"Iraq Body Count"}, monitor: true},
		},
		regions:   []string{"al-Iraq", "al-Anbar", "al-Rafidain", "Ninawa", "al-Jazira"},
		neighbors: []string{"Syria", "Iran", "Turkey", "Kuwait", "Saudi Arabia", "the United States"},
	},
}

// globalOrgs are named anywhere.
var globalOrgs = []realOrg{
	{first: []string{"the UN refugee agency (UNHCR)", "UNHCR", "the United Nations High Commissioner for Refugees (UNHCR)"}, later: []string{"UNHCR", "the agency"}},
	{first: []string{"the UN Office for the Coordination of Humanitarian Affairs (OCHA)"}, later: []string{"OCHA"}, monitor: true},
	{first: []string{"the International Committee of the Red Cross (ICRC)"}, later: []string{"the ICRC", "the Red Cross"}},
	{first: []string{"Human Rights Watch"}, later: []string{"Human Rights Watch", "HRW"}},
	{first: []string{"Amnesty International"}, later: []string{"Amnesty"}},
	{first: []string{"the Armed Conflict Location & Event Data Project (ACLED)"}, later: []string{"ACLED"}, monitor: true},
	{first: []string{"Doctors Without Borders (MSF)", "Medecins Sans Frontieres (MSF)"}, later: []string{"MSF"}},
	{first: []string{"the World Health Organization (WHO)"}, later: []string{"the WHO"}},
	{first: []string{"the World Food Programme (WFP)"}, later: []string{"the WFP"}},
	{first: []string{"Airwars"}, later: []string{"Airwars"}, monitor: true},
}

// wireAgencies are outlets other than the publisher that sources talk to.
var wireAgencies = []string{"Reuters", "AFP", "the Associated Press", "Al Jazeera", "Anadolu Agency", "Al-Arabiya", "the BBC"}

// publishers are the invented outlets of the archive; slug is the URL's
// path segment; style fixes the house habits.
var publishers = []struct {
	name, slug string
}{
	{"Levant Ledger", "levant-ledger"}, {"Crescent Wire", "crescent-wire"}, {"Frontline Dispatch", "frontline-dispatch"},
	{"Euphrates Daily", "euphrates-daily"}, {"The Northern Courier", "northern-courier"}, {"Desert Post", "desert-post"},
	{"The Meridian Times", "meridian-times"}, {"Orontes News", "orontes-news"}, {"Red Sea Monitor", "red-sea-monitor"},
	{"Sahel & Nile Review", "sahel-nile-review"}, {"The Conflict Desk", "conflict-desk"}, {"Mashriq Today", "mashriq-today"},
	{"Two Rivers Press", "two-rivers-press"}, {"The Frontier Herald", "frontier-herald"}, {"Al-Bawaba Weekly", "bawaba-weekly"},
	{"Region Watch", "region-watch"}, {"Syria Field Notes", "syria-field-notes"}, {"The Steppe Observer", "steppe-observer"},
	{"Gulf & Horn Wire", "gulf-horn-wire"}, {"Borderlands Review", "borderlands-review"}, {"The Daily Compass", "daily-compass"},
	{"Tigris Tribune", "tigris-tribune"}, {"Nile Valley Times", "nile-valley-times"}, {"Coastline Reports", "coastline-reports"},
	{"The Open Source Bulletin", "open-source-bulletin"}, {"Middle Ground Media", "middle-ground-media"},
	{"Sandstone News Agency", "sandstone-news"}, {"The Humanitarian Brief", "humanitarian-brief"},
	{"East Wind Journal", "east-wind-journal"}, {"Crossroads Press Service", "crossroads-press"},
}

// Person name parts. Male and female first names, family names, and
// syllables for invented surnames of the nisba type (-awi, -ani, ...).
var maleFirst = []string{
	"Ahm[a|e]d", "Moh[a|e]mm[e|a]d", "Kh[a|e]lid", "Omar", "[O|U]sama", "Y[ou|u]sef", "Ibrahim", "Abdullah",
	"[Abdulrahman|Abdul-Rahman|Abdelrahman]", "Hassan", "Hus[s|]ein", "Ali", "Mahm[ou|u]d", "M[u|o]stafa", "Samir", "Bassam", "Walid", "Ziad",
	"Fadi", "Rami", "Tar[e|i]k", "Hamza", "Bilal", "Anas", "Qusay", "Firas", "Ghassan", "Nabil", "Jamal", "Adnan",
	"Wael", "Maj[e|i]d", "Saleh", "Yahya", "Ayman", "Hisham", "Marwan", "Issam", "Louay", "Muhannad", "Suhail",
	"Radwan", "Mazen", "Basel", "Hani", "Kamal", "Faisal", "Nasser", "Salem", "Ammar", "Hadi", "Jihad", "Sami",
	"Imad", "Yasser", "Zaher", "Raed", "Shadi", "Munir", "Abdulkarim", "Othman", "Haytham", "Sul[ei|ai]man",
	"Idris", "M[ou|u]ssa", "Adam", "Ismail", "Jalal", "Tamer", "Karim", "Aws", "Obaida", "Khattab", "Awad",
	"Ezzeddine", "Abdelaziz", "Hamdan", "Mansour", "Nizar", "Riyad", "Sharif", "Taha", "Wasim", "Zakaria",
}

var femaleFirst = []string{
	"Fatima", "Aisha", "N[ou|u]ra", "Rima", "Layla", "Hiba", "Samira", "Rasha", "Dima", "Lina", "Maryam",
	"Zeinab", "Huda", "Amal", "Hanan", "Rania", "Salma", "Yasmin", "Nour", "Suad", "Asma", "Ruba", "Lubna",
	"Ghada", "Reem", "Sawsan", "Wafa", "Ikhlas", "Manal", "Najwa",
}

var familyNames = []string{
	"Haddad", "Khatib", "Hamdan", "Darwish", "Saleh", "Mansour", "Qassem", "Jaber", "Nasser", "Othman",
	"Hamoud", "Sabbagh", "Kurdi", "Masri", "Najjar", "Attar", "Zoubi", "Hariri", "Rifai", "Omari", "Barakat",
	"Zein", "Shehadeh", "Abboud", "Assaf", "Marai", "Jumaa", "Hilal", "Ghanem", "Salloum", "Ramadan", "Dabbagh",
	"Hammadi", "Bashir", "Mahdi", "Osman", "Hamid", "Idris", "Bakri", "Nour", "Haj Ali", "Abdo", "Fares",
	"Kassab", "Sweid", "Tlass", "Hijazi", "Qadri", "Ayoub", "Daher", "Mousa", "Yassin", "Hallak", "Bitar",
}

var nisbaOnsets = []string{"N", "Sh", "D", "H", "Q", "Kh", "B", "Z", "J", "M", "R", "T", "S", "Gh", "F", "K", "L", "W", "Dh", "Th"}
var nisbaVowels = []string{"a", "a", "i", "[ou|u]", "a", "e", "[aa|a]", "i", "u"}
var nisbaCodas = []string{"k", "r", "b", "l", "m", "n", "s", "d", "t", "h", "z", "[bb|b]", "[rr|r]", "q", "[ss|s]", "kl", "sh", "j", "f", "w"}
var nisbaEndings = []string{"awi", "ani", "[ou|u]ri", "abi", "ali", "idi", "ami", "ashi", "azi", "ini", "[ou|u]ni", "i", "awi", "ani", "ati", "iri"}

// Titles for commanders and officials.
var militaryTitles = []string{"Colonel", "Brigadier General", "Major", "Captain", "Lieutenant Colonel", "General", "Commander"}
var civilTitles = []string{"Sheikh", "Dr.", "Judge"}

// Invented group name parts.
var groupAdjectives = []string{
	"Northern", "Southern", "Eastern", "Western", "Free", "Revolutionary", "Popular", "National", "Islamic", "United",
	"Independent", "Loyal", "Black", "Green", "Iron", "Golden", "Desert", "Mountain", "Coastal", "Tribal",
	"Steadfast", "Victorious", "First", "Third", "Fifth", "Tenth", "Elite", "Rapid", "Homeland", "Patriotic",
	"Central", "Frontier", "Highland", "River", "Martyrs'", "New", "Unified", "Sovereign", "Dawn", "Southern Free",
}

var groupNouns = []string{
	"Storm", "Falcons", "Lions", "Eagles", "Wolves", "Shield", "Sword", "Dawn", "Victory", "Resolve", "Thunder",
	"Lightning", "Crescent", "Banner", "Torch", "Fortress", "Valley", "Hawks", "Knights", "Tigers", "Horsemen",
	"Guardians", "Defenders", "Partisans", "Sons", "Youth", "Tribes", "Believers", "Heroes", "Companions",
	"Volunteers", "Arrows", "Spears", "Stars", "Sentinels", "Vanguard", "Rangers", "Scorpions", "Panthers", "Cedars",
}

var groupTypes = []string{
	"Brigade", "Front", "Battalion", "Army", "Movement", "Council", "Forces", "Division", "Corps", "Legion",
	"Gathering", "Union", "Regiment", "Operations Room", "Alliance", "Militia", "Guard", "Brigades", "Battalions", "Group",
}

var groupCauses = []string{"Liberation", "Salvation", "Dignity", "Justice", "Reform", "Unity", "Change", "Defence", "Resistance", "Freedom"}

// arabicGroupHeads pair the head noun of an Arabic group name with its
// English gloss.
var arabicGroupHeads = []struct{ ar, en string }{
	{"Liwa", "Brigade"}, {"Jaish", "Army"}, {"Jabhat", "Front"}, {"Harakat", "Movement"}, {"Kataib", "Battalions"},
	{"Ansar", "Supporters"}, {"Tajammu", "Gathering"}, {"Faylaq", "Legion"}, {"Alwiya", "Brigades"},
	{"Saraya", "Companies"}, {"Firqat", "Division"}, {"Ahrar", "Free Men"}, {"Thuwar", "Revolutionaries"},
	{"Suqour", "Falcons"}, {"Usud", "Lions"}, {"Junud", "Soldiers"},
}

// arabicGroupTails pair an Arabic noun phrase with its English gloss.
var arabicGroupTails = []struct{ ar, en string }{
	{"al-Islam", "Islam"}, {"al-Tawhid", "Monotheism"}, {"al-Fath", "Conquest"}, {"al-Nasr", "Victory"},
	{"al-Furqan", "the Criterion"}, {"al-Haqq", "Truth"}, {"al-Sunna", "the Sunna"}, {"al-Umma", "the Nation"},
	{"al-Mujahidin", "the Holy Warriors"}, {"al-Karama", "Dignity"}, {"al-Shuhada", "the Martyrs"},
	{"Fajr al-Islam", "the Dawn of Islam"}, {"Nour al-Din", "Light of the Faith"}, {"al-Qadisiyya", "Qadisiyya"},
	{"al-Yarmouk", "Yarmouk"}, {"Ibad al-Rahman", "Servants of the Merciful"}, {"al-Izza", "Glory"},
	{"Sayf al-Haqq", "the Sword of Truth"}, {"al-Ansar", "the Supporters"}, {"al-Muhajirin", "the Emigrants"},
	{"al-Sham", "the Levant"}, {"al-Hurriya", "Freedom"}, {"al-Thawra", "the Revolution"}, {"al-Asala", "Authenticity"},
	{"al-Tahrir", "Liberation"}, {"al-Jihad", "Jihad"}, {"al-Khilafa", "the Caliphate"}, {"al-Rahman", "the Merciful"},
}

var orgPatterns = []string{
	"the {town} Media Center", "the {town} Coordination Committee", "the {province} Media Office",
	"the {demonym} Center for Documentation", "the {demonym} Network for {cause}", "the {adj} Relief Foundation",
	"the {province} Health Directorate", "the {demonym} Institute for {cause} Studies", "the {town} Local Council",
	"the {demonym} Monitor for Human Rights", "the {province} Documentation Office", "the {adj} Hands Association",
}

var orgAdjectives = []string{"Open", "Helping", "Bright", "Hope", "Mercy", "Olive", "Harvest", "Unity", "Tomorrow", "Bridge", "Lantern", "Sanabel"}

// Invented place name parts.
var townPrefixes = []string{"Kafr", "Tell", "Tal", "Deir", "Ain", "Beit", "Jisr", "Khan", "Maa[rr|r]at", "Umm", "Bir", "Ras", "Wadi", "Qasr", "Arab", "Hazm", "Jabal", "Marj", "Sheikh", "Abu"}
var townOnsets = []string{"b", "d", "f", "h", "j", "k", "l", "m", "n", "q", "r", "s", "t", "w", "z", "b", "d", "h", "m", "n", "r", "s", "t", "kh", "sh", "gh", "th"}
var townVowels = []string{"a", "a", "a", "a", "i", "i", "[ou|u]", "[ou|u]", "u", "e", "[aa|a]", "ay"}
var townCodas = []string{"b", "d", "l", "m", "n", "r", "s", "t", "z", "q", "n", "r", "l"}
var townEndings = []string{"", "", "", "n", "r", "l", "b", "t", "ya", "ra", "ma", "na", "iya", "at", "an", "in", "[ou|u]n", "is", "im", "ein", "ab", "ar", "ah", "iyeh", "a", "un"}
var townSuffixes = []string{"al-Kabir", "al-Saghir", "al-Sharqi", "al-Gharbi", "al-Fawqani", "al-Tahtani", "al-Jadid", "al-Qadim", "al-Ahmar", "al-Abyad", "al-Aswad", "al-Shamali"}

// Text vocabulary.
var weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
var months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
var smallNumbers = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"}

// unnamedSources are sources a report does not name.
var unnamedSources = []string{
	"local activists", "a military source", "residents", "a medical source", "opposition sources", "a security official",
	"witnesses", "a local official", "media activists", "sources close to the fighters", "a humanitarian worker",
	"a source in the local council", "two residents", "an official who asked not to be named", "field sources",
}

// quoteFragments are short phrases reports quote inside narrative.
var quoteFragments = []string{
	"catastrophic", "a war of attrition", "a red line", "unacceptable", "a massacre", "a strategic victory",
	"politically motivated", "a full siege", "temporary", "a new phase", "collective punishment", "a humanitarian disaster",
	"terrorist gangs", "a tactical withdrawal", "indiscriminate", "a turning point", "the last chance",
}
