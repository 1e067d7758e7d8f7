package extract

// EntityType is the coarse class of an entity. The values are the GraphQL
// enum names, so they pass through storage and the API unchanged.
type EntityType string

const (
	ArmedGroup   EntityType = "ARMED_GROUP"
	Person       EntityType = "PERSON"
	Organization EntityType = "ORGANIZATION"
	Place        EntityType = "PLACE"
)

// PlaceKind refines a PLACE entity.
type PlaceKind string

const (
	Province PlaceKind = "PROVINCE"
	City     PlaceKind = "CITY"
	Town     PlaceKind = "TOWN"
	District PlaceKind = "DISTRICT"
	Region   PlaceKind = "REGION"
	Country  PlaceKind = "COUNTRY"
	Site     PlaceKind = "SITE"
	Other    PlaceKind = "OTHER"
)

// ClaimKind says how the text attributes a claim to its source.
type ClaimKind string

const (
	DirectQuote     ClaimKind = "DIRECT_QUOTE"     // “...,” X said.
	Indirect        ClaimKind = "INDIRECT"         // X said that ...
	AccordingTo     ClaimKind = "ACCORDING_TO"     // ..., according to X.
	Statement       ClaimKind = "STATEMENT"        // X announced / a statement by X
	InterviewAnswer ClaimKind = "INTERVIEW_ANSWER" // an answer in a Q&A piece
	Narrative       ClaimKind = "NARRATIVE"        // the publisher's own voice
)

// Predicate names a relation between two entities.
type Predicate string

const (
	Fights     Predicate = "FIGHTS"
	Controls   Predicate = "CONTROLS"
	AlliedWith Predicate = "ALLIED_WITH"
	SplinterOf Predicate = "SPLINTER_OF"
	MemberOf   Predicate = "MEMBER_OF"
	LocatedIn  Predicate = "LOCATED_IN"
)

// Span is a half-open range of Unicode code points (runes) in a document's
// text: in Python, text[Start:End] gives back the spanned characters.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the number of code points in the span.
func (s Span) Len() int { return s.End - s.Start }

// Sentence is one sentence (or one paragraph line that is not a sentence,
// such as a heading) of a document.
type Sentence struct {
	Span
	Text string `json:"text"`
	// Paragraph counts the blank-line separated blocks of the text, from 0.
	Paragraph int `json:"paragraph"`
}

// Mention is one occurrence of an entity in the text.
type Mention struct {
	Span
	Text string `json:"text"`
	// Rule names what found the mention (gazetteer, acronym, surname, ...).
	Rule string `json:"rule"`
}

// Entity is one real-world actor or place named in a document, with every
// surface form the document uses for it.
type Entity struct {
	// Key identifies the entity across documents. Gazetteer entities have
	// the key "gaz:<id>"; others "<TYPE>:<Fold(name)>". Two documents'
	// entities with the same key are the same entity in the graph.
	Key       string     `json:"key"`
	Name      string     `json:"name"`
	Type      EntityType `json:"type"`
	PlaceKind PlaceKind  `json:"placeKind,omitempty"`
	// Aliases are the other names of the entity: the gazetteer's and every
	// other surface form this document uses.
	Aliases    []string  `json:"aliases"`
	Mentions   []Mention `json:"mentions"`
	Rule       string    `json:"rule"`
	Confidence float64   `json:"confidence"`
	// Geo is where a place lies, when the GeoNames gazetteer knows it.
	Geo *Geo `json:"geo,omitempty"`
}

// Geo locates a place: the GeoNames entry its name matched, its
// coordinates, and how precisely they locate it, coded as UCDP codes
// where_prec (1 the place itself, 3 a district's point, 4 a province's,
// 6 a country's), so that analysts can keep or drop vague locations.
type Geo struct {
	GeoNamesID string  `json:"geonamesId"` // "geonames:1139715", or "geonames:AF.18.801" for a division
	Country    string  `json:"country"`    // ISO 3166-1 alpha-2
	Latitude   float64 `json:"latitude"`
	Longitude  float64 `json:"longitude"`
	Precision  int     `json:"precision"`
}

// NoEntity marks a claim without a resolved speaker or a missing index.
const NoEntity = -1

// Claim is content that the text attributes to a source.
type Claim struct {
	Kind ClaimKind `json:"kind"`
	// Span is the content alone; Text is exactly the document's text there.
	Span
	Text string `json:"text"`
	// Cue is the word that marks the attribution ("said", "according to",
	// "Q&A" for interview answers); empty for narrative.
	Cue     string `json:"cue,omitempty"`
	CueSpan Span   `json:"cueSpan"`
	// Speaker indexes Result.Entities, or is NoEntity for an unnamed source.
	Speaker int `json:"speaker"`
	// SpeakerText is the words that name the source in the text ("local
	// media activists", "he", "Niklawi"); for interview answers and
	// narrative it is the name the speaker was resolved to.
	SpeakerText string `json:"speakerText,omitempty"`
	SpeakerSpan Span   `json:"speakerSpan"`
	// Sentence indexes Result.Sentences: the sentence holding the content.
	Sentence int `json:"sentence"`
	// About indexes Result.Entities: the entities the content names.
	About      []int   `json:"about"`
	Rule       string  `json:"rule"`
	Confidence float64 `json:"confidence"`
}

// Relation is a relation between two entities that one claim asserts.
type Relation struct {
	Subject   int       `json:"subject"` // index into Result.Entities
	Predicate Predicate `json:"predicate"`
	Object    int       `json:"object"` // index into Result.Entities
	// Polarity is false where the text denies the relation.
	Polarity bool `json:"polarity"`
	// Claim indexes Result.Claims: the claim (possibly NARRATIVE) that
	// asserts the relation. Its speaker is who asserts the relation.
	Claim int `json:"claim"`
	// Span is the evidence in the text (usually the words naming the
	// relation, inside the claim's sentence).
	Span
	Rule       string  `json:"rule"`
	Confidence float64 `json:"confidence"`
}

// Article is the input to extraction: a document's text and what its
// header says about it.
type Article struct {
	Text      string
	Title     string
	Publisher string
	// Kind is the header's kind ("interview", "report", ...), if any. An
	// interview is also recognised from its Q:/A: lines without it.
	Kind string
}

// Result is everything extracted from one document. All indexes are into
// the slices of the same Result.
type Result struct {
	Sentences []Sentence `json:"sentences"`
	Entities  []Entity   `json:"entities"`
	Claims    []Claim    `json:"claims"`
	Relations []Relation `json:"relations"`
	// Figures are the counts of people the claims give, each placed by
	// the figure place rules (figure_rules.go), in claim order.
	Figures []ClaimFigure `json:"figures,omitempty"`
	// Publisher indexes Entities: the publisher as the speaker of
	// NARRATIVE claims, or NoEntity when the article names none. It has no
	// mentions unless the text names it.
	Publisher int `json:"publisher"`
	// Failures names the stages that failed on this text ("relations:
	// panic: ..."). A stage that fails adds nothing, and the stages
	// before it keep what they found, so one faulty rule costs the
	// document that stage's output, never the document itself.
	Failures []string `json:"failures,omitempty"`
}
