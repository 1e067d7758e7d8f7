package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// N-Quads for Dgraph and RDF tools. Every node is a blank node named by its
// UUID (_:UUID; figures and relations _:CLAIM-fN and _:CLAIM-rN), as
// Dgraph's live and bulk loaders expect, and carries its UUID in <kg:id>
// so that it can be found again once Dgraph has given it a uid. Predicates
// are IRIs in the kg: scheme (absolute, as N-Quads requires; Dgraph takes
// them as predicate names). Literals are typed with XML Schema datatypes,
// which both Dgraph and RDF tools know. A document's own quads, and the
// quads of its claims, figures and relations, have the document's node as
// their graph label, so the provenance of every statement survives in RDF
// tools; in Dgraph, which ignores labels, <kg:document> edges keep it.
// Entities are shared by documents and have no label.
type nquadsSink struct {
	w io.Writer
	// typePredicate is the predicate of a node's type: <kg:type> (an
	// absolute IRI, strict N-Quads), or <dgraph.type> with --dgraph, which
	// Dgraph's types and expand(_all_) need but which is not an absolute
	// IRI, so strict RDF parsers refuse it.
	typePredicate string
	b             strings.Builder
	label         string
}

const (
	xsdString   = "http://www.w3.org/2001/XMLSchema#string"
	xsdInt      = "http://www.w3.org/2001/XMLSchema#int"
	xsdFloat    = "http://www.w3.org/2001/XMLSchema#float"
	xsdBoolean  = "http://www.w3.org/2001/XMLSchema#boolean"
	xsdDateTime = "http://www.w3.org/2001/XMLSchema#dateTime"
)

// nquadsEscape escapes a string for an N-Quads literal.
func nquadsEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

func (s *nquadsSink) end() string {
	if s.label == "" {
		return " .\n"
	}
	return " " + s.label + " .\n"
}

// lit writes a typed literal quad; empty values are left out.
func (s *nquadsSink) lit(subj, pred, value, typ string) {
	if value == "" {
		return
	}
	s.b.WriteString(subj + " <kg:" + pred + "> \"" + nquadsEscape(value) + "\"^^<" + typ + ">" + s.end())
}

// edge writes a quad whose object is a node.
func (s *nquadsSink) edge(subj, pred, obj string) {
	if obj == "" || obj == "_:" {
		return
	}
	s.b.WriteString(subj + " <kg:" + pred + "> " + obj + s.end())
}

func (s *nquadsSink) typ(subj, t string) {
	s.b.WriteString(subj + " " + s.typePredicate + " \"" + t + "\"" + s.end())
}

func (s *nquadsSink) flush() error {
	_, err := io.WriteString(s.w, s.b.String())
	s.b.Reset()
	return err
}

// rfc3339 gives a date as Dgraph's dateTime takes it (RFC 3339): a full
// date gets midnight UTC; anything else is left as it is and typed string.
func rfc3339(v string) (string, string) {
	if _, err := time.Parse("2006-01-02", v); err == nil {
		return v + "T00:00:00Z", xsdDateTime
	}
	if _, err := time.Parse(time.RFC3339, v); err == nil {
		return v, xsdDateTime
	}
	return v, xsdString
}

func (s *nquadsSink) document(r exportDocument) error {
	d := "_:" + r.ID
	s.label = d
	s.typ(d, "Document")
	s.lit(d, "id", r.ID, xsdString)
	s.lit(d, "url", r.URL, xsdString)
	s.lit(d, "title", r.Title, xsdString)
	s.lit(d, "publisher", r.Publisher, xsdString)
	if r.PublishedAt != "" {
		v, t := rfc3339(r.PublishedAt)
		s.lit(d, "publishedAt", v, t)
	}
	s.lit(d, "ingestedAt", r.IngestedAt, xsdDateTime)
	s.lit(d, "contentHash", r.ContentHash, xsdString)
	s.lit(d, "text", r.Text, xsdString)
	s.label = ""
	return s.flush()
}

func (s *nquadsSink) entity(r exportEntity) error {
	e := "_:" + r.ID
	s.label = ""
	s.typ(e, "Entity")
	s.lit(e, "id", r.ID, xsdString)
	s.lit(e, "key", r.Key, xsdString)
	s.lit(e, "name", r.Name, xsdString)
	s.lit(e, "entityType", r.EntityType, xsdString)
	s.lit(e, "placeKind", r.PlaceKind, xsdString)
	for _, a := range r.Aliases {
		s.lit(e, "alias", a, xsdString)
	}
	return s.flush()
}

func (s *nquadsSink) claim(r exportClaim) error {
	c := "_:" + r.ID
	s.label = "_:" + r.DocumentID
	s.typ(c, "Claim")
	s.lit(c, "id", r.ID, xsdString)
	s.lit(c, "kind", r.Kind, xsdString)
	s.lit(c, "text", r.Text, xsdString)
	s.lit(c, "cue", r.Cue, xsdString)
	if r.SpeakerID != "" {
		s.edge(c, "speaker", "_:"+r.SpeakerID)
	}
	s.lit(c, "speakerText", r.SpeakerText, xsdString)
	for _, a := range r.About {
		s.edge(c, "about", "_:"+a)
	}
	s.edge(c, "document", "_:"+r.DocumentID)
	if r.PublishedAt != "" {
		v, t := rfc3339(r.PublishedAt)
		s.lit(c, "publishedAt", v, t)
	}
	s.lit(c, "start", strconv.Itoa(r.Start), xsdInt)
	s.lit(c, "end", strconv.Itoa(r.End), xsdInt)
	s.lit(c, "sentence", r.Sentence, xsdString)
	s.lit(c, "rule", r.Rule, xsdString)
	s.lit(c, "confidence", strconv.FormatFloat(r.Confidence, 'g', -1, 64), xsdFloat)
	for i, f := range r.Figures {
		fig := fmt.Sprintf("_:%s-f%d", r.ID, i)
		s.edge(c, "figure", fig)
		s.typ(fig, "Figure")
		s.lit(fig, "kind", string(f.Kind), xsdString)
		s.lit(fig, "value", strconv.FormatInt(f.Value, 10), xsdInt)
		s.lit(fig, "qualifier", f.Qualifier, xsdString)
		s.lit(fig, "text", f.Text, xsdString)
		s.lit(fig, "start", strconv.Itoa(f.Start), xsdInt)
		s.lit(fig, "end", strconv.Itoa(f.End), xsdInt)
	}
	s.label = ""
	return s.flush()
}

func (s *nquadsSink) relation(r exportRelation) error {
	rel := fmt.Sprintf("_:%s-r%d", r.ClaimID, r.index)
	s.label = "_:" + r.DocumentID
	s.typ(rel, "Relation")
	s.edge(rel, "subject", "_:"+r.SubjectID)
	s.lit(rel, "predicate", r.Predicate, xsdString)
	s.edge(rel, "object", "_:"+r.ObjectID)
	s.lit(rel, "polarity", strconv.FormatBool(r.Polarity), xsdBoolean)
	s.edge(rel, "claim", "_:"+r.ClaimID)
	s.edge(rel, "document", "_:"+r.DocumentID)
	s.lit(rel, "start", strconv.Itoa(r.Start), xsdInt)
	s.lit(rel, "end", strconv.Itoa(r.End), xsdInt)
	s.lit(rel, "rule", r.Rule, xsdString)
	s.lit(rel, "confidence", strconv.FormatFloat(r.Confidence, 'g', -1, 64), xsdFloat)
	s.label = ""
	return s.flush()
}

func (s *nquadsSink) close() error { return nil }

// dgraphSchema declares every predicate the N-Quads use, with indexes for
// the lookups the GraphQL API offers, and the node types. It is also
// examples/dgraph/schema.dgraph (a test keeps the two equal).
const dgraphSchema = `# Dgraph schema of kg export --format nquads --dgraph (written by --schema FILE).
# kg export --format nquads --dgraph --schema schema.dgraph > graph.nq
# Load: dgraph live -f graph.nq -s schema.dgraph   (a running cluster)
#       dgraph bulk -f graph.nq -s schema.dgraph   (a new cluster)
# Without --dgraph a node's type is <kg:type> (strict N-Quads) instead of
# <dgraph.type>, which the types below need.
<kg:id>: string @index(exact) @upsert .
<kg:url>: string @index(exact) .
<kg:title>: string @index(term) .
<kg:publisher>: string @index(exact) .
<kg:publishedAt>: datetime @index(day) .
<kg:ingestedAt>: datetime .
<kg:contentHash>: string @index(exact) .
<kg:text>: string @index(fulltext) .
<kg:key>: string @index(exact) .
<kg:name>: string @index(exact, term, trigram) .
<kg:alias>: [string] @index(exact, term) .
<kg:entityType>: string @index(exact) .
<kg:placeKind>: string @index(exact) .
<kg:kind>: string @index(exact) .
<kg:cue>: string @index(exact) .
<kg:speaker>: uid @reverse .
<kg:speakerText>: string .
<kg:about>: [uid] @reverse .
<kg:document>: uid @reverse .
<kg:start>: int .
<kg:end>: int .
<kg:sentence>: string .
<kg:rule>: string @index(exact) .
<kg:confidence>: float .
<kg:figure>: [uid] @reverse .
<kg:value>: int @index(int) .
<kg:qualifier>: string @index(exact) .
<kg:subject>: uid @reverse .
<kg:predicate>: string @index(exact) .
<kg:object>: uid @reverse .
<kg:polarity>: bool @index(bool) .
<kg:claim>: uid @reverse .
<kg:type>: string @index(exact) .

type Document {
	<kg:id>
	<kg:url>
	<kg:title>
	<kg:publisher>
	<kg:publishedAt>
	<kg:ingestedAt>
	<kg:contentHash>
	<kg:text>
}

type Entity {
	<kg:id>
	<kg:key>
	<kg:name>
	<kg:alias>
	<kg:entityType>
	<kg:placeKind>
}

type Claim {
	<kg:id>
	<kg:kind>
	<kg:text>
	<kg:cue>
	<kg:speaker>
	<kg:speakerText>
	<kg:about>
	<kg:document>
	<kg:publishedAt>
	<kg:start>
	<kg:end>
	<kg:sentence>
	<kg:rule>
	<kg:confidence>
	<kg:figure>
}

type Figure {
	<kg:kind>
	<kg:value>
	<kg:qualifier>
	<kg:text>
	<kg:start>
	<kg:end>
}

type Relation {
	<kg:subject>
	<kg:predicate>
	<kg:object>
	<kg:polarity>
	<kg:claim>
	<kg:document>
	<kg:start>
	<kg:end>
	<kg:rule>
	<kg:confidence>
}
`
