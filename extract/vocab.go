package extract

// The closed vocabularies of extraction, each value with what it means.
// These tables are the one list of each: the GraphQL API declares its
// enums (EntityType, PlaceKind, ClaimKind, Predicate, FigureKind,
// RelationStatus) from them, value for value and in this order, so that a
// value added here is served, documented and listed in schema.graphql
// without being written a second time. Each call gives a fresh slice: the
// tables are not global state anyone can change.

// Value is one value of a vocabulary and its meaning, one sentence.
type Value[T ~string] struct {
	Value T
	Doc   string
}

// EntityTypes lists every EntityType.
func EntityTypes() []Value[EntityType] {
	return []Value[EntityType]{
		{ArmedGroup, "An armed group: militia, rebel or jihadist group, army unit."},
		{Person, "A person."},
		{Organization, "An organisation that is not an armed group: government body, agency, NGO, company, news outlet."},
		{Place, "A place; placeKind refines it."},
	}
}

// PlaceKinds lists every PlaceKind.
func PlaceKinds() []Value[PlaceKind] {
	return []Value[PlaceKind]{
		{Province, "A province or governorate."},
		{City, "A city."},
		{Town, "A town or village."},
		{District, "A district or neighbourhood."},
		{Region, "A region spanning provinces or countries."},
		{Country, "A country."},
		{Site, "A site: a base, airport, dam, crossing, field."},
		{Other, "Any other place."},
	}
}

// ClaimKinds lists every ClaimKind.
func ClaimKinds() []Value[ClaimKind] {
	return []Value[ClaimKind]{
		{DirectQuote, "A quotation: “...,” X said."},
		{Indirect, "Reported speech: X said that ..."},
		{AccordingTo, "..., according to X."},
		{Statement, "X announced ... / a statement by X."},
		{InterviewAnswer, "An answer in a question-and-answer piece."},
		{Narrative, "The publisher's own voice."},
	}
}

// Predicates lists every Predicate.
func Predicates() []Value[Predicate] {
	return []Value[Predicate]{
		{Fights, "The subject fights the object."},
		{Controls, "The subject controls the object (a place)."},
		{AlliedWith, "The subject is allied with the object."},
		{SplinterOf, "The subject split from the object."},
		{MemberOf, "The subject is a member of the object."},
		{LocatedIn, "The subject is located in the object (a place)."},
	}
}

// FigureKinds lists every FigureKind.
func FigureKinds() []Value[FigureKind] {
	return []Value[FigureKind]{
		{Killed, "People killed."},
		{Wounded, "People wounded."},
		{Displaced, "People displaced or fled."},
		{Detained, "People detained, arrested or abducted."},
		{Missing, "People missing."},
	}
}

// RelationStatus says how the sources of one relation (subject,
// predicate, object) agree: the claims that assert it (Relation.Polarity)
// against those that deny it. It is a vocabulary of extracted relations,
// so it lives beside Predicate; the graph decides which applies.
type RelationStatus string

const (
	Corroborated RelationStatus = "CORROBORATED"
	Contested    RelationStatus = "CONTESTED"
	SingleSource RelationStatus = "SINGLE_SOURCE"
	Denied       RelationStatus = "DENIED"
)

// RelationStatuses lists every RelationStatus.
func RelationStatuses() []Value[RelationStatus] {
	return []Value[RelationStatus]{
		{Corroborated, "Two sources or more assert it and none denies it."},
		{Contested, "Some sources assert it and others deny it."},
		{SingleSource, "One source asserts it; no other says the same or the opposite."},
		{Denied, "Sources deny it and none asserts it."},
	}
}
