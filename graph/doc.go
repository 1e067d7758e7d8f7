// Package graph stores the knowledge graph — documents, entities, their
// mentions, the claims documents attribute to sources and the relations
// claims assert — in an embedded Badger database on disk, and answers the
// lookups of the API with prefix scans and seeks, never a full scan.
//
// # Identifiers and order
//
// Documents, entities, claims and tallies get UUIDv7 IDs from one source
// that never goes backwards (it continues from the largest stored ID if the
// clock does), used by one writer at a time. A document's ID is minted
// before its claims' IDs, and those in document order, so ID order is
// ingest order, and claim order within a document. A claim's ID ends in
// the same 8 bytes as its document's (its first 8, time and sequence, are
// its own and unique in the store: they count on from the newest ID, the
// document's or its last new entity's, with no clock read; the tail's 62
// random bits keep IDs unique across stores), so the claim is found from
// its ID alone in its document's block (c/ below). Lists are key order; a
// cursor is the base64 (URL alphabet, unpadded) of the item's key suffix
// (an ID; for mentions document ID and start) and After seeks to it and
// skips it.
//
// # Key layout
//
// <id> is 16 raw bytes, BE32 a big-endian uint32, \x00 a separator byte
// (name folds, words, types and predicates never contain it). "block"
// values are posting blocks, described below.
//
//	key                                                     value                        serves
//	meta/format                                             layout version "6"           Open (a "5" is migrated: rebuild.go)
//	d/<docID>                                               document record              Document, Documents
//	dt/<docID>                                              where the text is (texts/)   DocumentText; texts sliced on read
//	du/<sha256(trimmed URL)[:16]>                           docID                        dedup by URL
//	dh/<sha256(text)[:16]>                                  docID (first with that text) dedup by text (no URL)
//	de/<docID>                                              entity IDs, extraction order DocumentEntities
//	e/<entityID>                                            entity record                Entity, Entities
//	ek/<extract.Entity.Key>                                 entityID                     resolution across documents
//	en/<extract.Fold(name or alias)>\x00<entityID>          -                            Entities{Name}
//	et/<type>\x00<last entityID><n BE32>                    block of entity IDs          Entities{Type}
//	m/<entityID><last docID><last start BE32><n BE32>       block of mentions            Mentions, CountMentions
//	c/<docID[8:16]>                                         its claim records (S2)       Claim
//	cd/<docID><last claimID><n BE32>                        block of claim IDs           Claims{Document}, Claims{}
//	cs/<speakerID><last claimID><n BE32>                    block of claim IDs           Claims{Speaker}
//	ca/<aboutID><last claimID><n BE32>                      block of claim IDs           Claims{About}
//	cw/<word>\x00<last claimID><n BE32>                     block of claim IDs, each     Claims{Text}; Search
//	                                                        with tf, length, day
//	sn/<extract.FoldWords part>\x00<last entityID><n BE32>  block of entity IDs          Search (entities)
//	ck/<kind>\x00<last claimID><n BE32>                     block of claim IDs           Claims{Kinds, ExcludeNarrative}
//	cr/<predicate>\x00<last claimID><n BE32>                block of claim IDs           Claims{Predicate}
//	ce/<entityID><last claimID><n BE32>                     block of claim IDs           Claims{Involving}, Timeline (relations)
//	cc/<tenth byte><last claimID><n BE32>                   block of claim IDs           Claims{MinConfidence}
//	cp/<publisher key>\x00<last claimID><n BE32>            block of claim IDs           Claims{Publisher}
//	cy/<day BE32><last claimID><n BE32>                     block of claim IDs           Claims{Since, Until, Order}, Timeline
//	cz/<speakerID><day BE32><last claimID><n BE32>          block of claim IDs           the days a speaker's claims in date order visit
//	dy/<day BE32><docID>                                    -                            FilterDocuments{Since, Until}
//	dq/<publisher key>\x00<day BE32><docID>                 -                            FilterDocuments{Publisher}
//	r/<subjectID><predicate>\x00<objectID><claimID>         relation record              Relations (as subject)
//	ri/<objectID><predicate>\x00<subjectID><claimID>        relation record              Relations (as object)
//	g/<subjectID><predicate>\x00<objectID>                   group record (groups.go)     RelationGroups, Contested
//	gi/<objectID><predicate>\x00<subjectID>                  - (when subject != object)   RelationGroups (as object)
//	gs/<subjectID><predicate>\x00<objectID><source[8]>       polarity flags (1 asserts,   a group's distinct sources
//	                                                        2 denies)
//	gc/<predicate or "">\x00<^sources BE32><s><o><predicate> -                            Contested, most sources first
//	f/<kind>\x00<placeID><date><claimID><start BE32>        figure: number, source       FigureGroups (figures.go)
//	n/<tallyID>                                             counts one transaction added Stats, unfiltered counts
//	xl/<entryID>                                            audit entry (JSON)           AuditLog; the corrections' overlay
//	xr/<entityID of an older extraction>                    entityID now                 Entity etc. through old IDs
//	xd/<docID of an older extraction>                       docID now                    Document etc. through old IDs
//	tk/<credential name>                                    SHA-256 of the token, time   who may correct (kg token)
//
// f/ (layout 6) holds one key per figure a claim gives (a count of
// people killed, wounded, displaced, detained, missing) that extraction
// placed (extract's figure place rules); <date> is the document's
// publication date, YYYY-MM-DD, "0000-00-00" when unknown. A figure group
// (one kind, one place, a period) is the prefix f/<kind>\x00<placeID>
// from the first date asked for; figures.go says how reports are counted
// once and how the bounds and the best estimate are chosen.
//
// # Corrections
//
// What people correct (merges, splits, names, types, aliases, a claim's
// speaker or kind, retractions, relations) is not written into the
// records and blocks above: they are the extraction, written once. Each
// correction is an entry of the audit log (xl/, audit.go), anchored by
// what survives a new extraction (an entity's key and name; a claim's
// document and span), and the entries in force make an overlay held in
// memory (overlay.go) that every read applies: a merge is a redirect and
// the kept entity's lists are the union of its members' lists, a split a
// redirect scoped to some documents, the rest patches of records. The
// overlay is rebuilt from the log at open, so the corrections apply to
// whatever extraction the store holds; one whose anchor no longer
// resolves is reported as unapplied, never dropped. xr/ and xd/ map the
// IDs of an extraction that a re-extraction replaced to the new ones.
//
// The document texts themselves are not in Badger: they are S2-compressed
// in append-only segment files, texts/NNNNNN.seg in the store's directory,
// and dt/ holds a text's segment, offset, length and CRC-32C (textlog.go
// says why: read with pread, they stay out of a server's resident memory).
// A transaction's texts are written and synced before it commits. A
// store's directory is the Badger files and texts/; copy both. While a
// re-extraction or migration runs it also holds rebuild/, the new store
// being built, which replaces the rest once complete (rebuild.go).
//
// # Posting blocks
//
// The lists that grow with every document (claims by document, speaker,
// entity named, word; mentions of an entity; entities of a type) are not
// a key per item: Badger's cost is per key, and they were three quarters of
// the keys. Each write transaction writes one block per list it adds to,
// keyed by the list's prefix, the block's last item and its count. Blocks
// are written once and never rewritten; since IDs only grow, the blocks of
// a list are ordered and disjoint, so a seek to prefix+ID lands on the only
// block that can hold ID, and a count sums the counts in the keys without
// reading a value. ID blocks store each ID's first 8 bytes (time and
// sequence) as a uvarint delta and the last 8 as they are; mention blocks
// store the document once per run of mentions, delta-coded starts, and the
// rules used once.
//
// Filtered claims and entities are intersections of ID lists (blocks or
// the key-per-ID lists en/, e/; unfiltered claims are the cd/ blocks of all
// documents in order): a leapfrog join advances every list to
// the largest current ID, so the rarest list leads. Lists are prefix scans:
// Documents d/, Mentions m/<entity>, Relations r/<entity>[<predicate>\x00]
// and ri/<entity>[...]. The claims asserting one triple are the prefix
// r/<s><p>\x00<o> (relations aggregated across sources; the relation record
// carries the claim's speaker for that).
//
// # Walks
//
// Neighbors and Paths (walk.go) are breadth-first walks over relation
// groups, an edge per (subject, predicate, object), never per claim,
// through an edge source (edges.go) that lists an entity's groups: the
// stored ones (below), g/<e> as subject and gi/<e> as object, a key per
// group with its counts and days, so that the filters (sources, dates)
// read no claim; a group whose ends a correction touches is computed
// from its relations, as EntityGroups does. Paths search from both ends,
// the smaller frontier first; Neighbors stops each run of an entity's
// groups (one predicate and direction, in ID order) once it has passed
// the page's smallest IDs. Hubs are bounded (groups per entity, entities
// per walk) and the answer says Truncated. The walks add no keys.
//
// # Relation groups
//
// The claims of the whole graph that assert or deny one (subject,
// predicate, object) are aggregated at ingest, in the transaction of
// the document that brings each: the g/ record counts the claims
// asserting and denying, the distinct sources (gs/ holds one key per
// source, so that a source seen again adds nothing) and those asserting,
// and the first and last publication day. The planner reads a record
// from what the batch planned so far, else the snapshot, and writes it
// back (read-modify-write, like entity records). For FIGHTS and
// ALLIED_WITH, which go both ways, the triple is kept with the smaller ID
// as subject. gi/ lists a group under its object, so an entity's groups
// are the merge of two prefix scans, g/<e> and gi/<e>, in the order
// predicate, other entity. gc/ lists the contested groups (asserted and
// denied) twice, for all predicates ("" scope) and for theirs, most
// sources first: a group whose source count or status changes has its
// gc/ keys deleted and written again in the same transaction. What a
// source is, and why a syndicated copy adds none, is in groups.go. The
// corrections are applied on read: a group one of whose ends a
// correction touches (merges, splits, corrected claims) is computed from
// its relations (r/, ri/) as corrected; the others are read as stored.
//
// # Filters and dates
//
// The lists below (ck/, cr/, ce/, cc/, cp/, cy/, cz/, dy/, dq/) belong to
// layout 6: a store written before them has none, so its filters find
// nothing until kg migrate rebuilds it (which writes them).
// The claim filters of filters.go are ID lists like cs/ and ca/, posted
// in the document's transaction: by kind (ck/; ExcludeNarrative is the
// union of the kinds but NARRATIVE, the publisher's own voice), by the
// predicate of a relation the claim asserts (cr/, once per predicate),
// by an entity of such a relation (ce/), by confidence tenth (cc/,
// floor(10 × confidence); MinConfidence is the union of the tenths from
// its own, the record checked), by publisher (cp/; a publisher key is
// the name lowercased with runs of spaces made one). Filters the
// overlay can change (kind, relations, speaker) are unions of the
// stored list and the claims corrections touched, each of those checked
// as corrected.
//
// A day is the publication date as the article writes it (the date part
// of a time, in its own zone), as the number YYYYMMDD; undated documents
// and claims have day 0, before every date, and a since or until bound
// leaves them out. IDs are ingest order, not publication order, so the
// claims of each day are their own list (cy/<day>): in document order
// a date range is the union of its days' lists (at most
// MaxDocumentOrderDays of them); NEWEST and OLDEST walk the days that
// have claims, one seek each in the cy/ keys, and intersect each day's
// list with the filter's lists, a day's matches put in order (newest:
// documents ingested last first, each document's claims in text order)
// and read until the page is full. A date-order cursor is the day and
// the claim ID. With a speaker filter the walk visits only the days the
// speakers spoke on: the days of their cz/<speaker><day> lists (and of
// the claims corrections gave them), so a speaker's newest claims do not
// seek through every day of the graph. Documents by date or publisher are one key each, in
// (day, document) order, so a range is one prefix scan (dy/, dq/).
// Timeline walks the days of its range likewise, intersecting each with
// the entity's cs/, ca/ and ce/ lists. A count of one dimension (kinds,
// a predicate, a publisher or a date range alone) sums the counts in its
// lists' block keys, corrected by the claims people corrected; other
// counts walk the intersection.
//
// # Claim text search
//
// Claim texts are indexed by their distinct words: lowercased (strings.
// ToLower) runs of letters, digits and marks of 3 or more code points, cut
// at 48 bytes, minus a short stopword list. ClaimFilter.Text intersects the
// lists of its own indexed words, then checks that the lowercased query is
// a substring of the lowercased claim text (not needed when the query is
// exactly one indexed word). So query words must occur as whole words; a
// query without an indexed word ("the", "of") is refused with
// ErrQueryTooBroad rather than answered by a full scan.
//
// # Search
//
// Search (search.go) ranks entities and claims with BM25 from the same
// posting blocks, written in the document's transaction like every
// other key (no second store to keep in step): a claim's posting in a
// word's cw/ block also carries the word's count in the claim text, the
// text's length in words and the publication day (searchindex.go), so
// ranking and the since/until filter read no claim record; an entity is
// in the sn/ list of each word of its names and aliases, folded as
// extract.FoldWords folds them. Inflections are found at query time
// (prefix scans of the word and its stem, searchterms.go). A query reads
// at most 4,096 block keys and 20,000 postings.
//
// # Records and size
//
// Records are a compact binary encoding (codec.go, records.go) led by a
// format byte. Texts are stored once: claim, cue, speaker, sentence and
// mention texts are spans only, sliced from the document text on read; a
// text is kept in its record only where it differs from the document text
// at its span (an interview cue "Q&A", a speaker resolved to a name).
// Claims copy PublishedAt from their document; relations are stored in the
// record of the claim asserting them and in r/ and ri/. Values of 1 KiB
// and more (claim blocks, large posting blocks) go to Badger's value log,
// so compactions do not copy them; nothing is overwritten there, so it
// needs no garbage collection.
//
// # Reading
//
// A Store caches across reads what many reads share: document texts
// (32 MiB), and decoded entity and document records (two generations of
// 16,384 each), since a few actors speak most claims and a page of claims
// comes from a few documents. Documents never change; a transaction that
// rewrites an entity (a new name) empties the entity cache, and a read
// only caches what it read if no such transaction committed since it
// began.
//
// # Writing
//
// IngestBatch plans each document (validation, duplicate check, entity
// resolution through ek/, all entries and postings) against a snapshot
// taken at the start of the batch plus what the batch has planned so far,
// and fills transaction buffers with whole documents up to 80% of Badger's
// MaxBatchCount/MaxBatchSize; a committer goroutine writes each buffer in
// one transaction while the next is planned, then hands the buffer back
// for reuse (the posting lists of a buffer share one slice of IDs, chained
// per list, since most lists get one posting per transaction). The batch
// writer reuses one plan for all documents and interns list keys per
// batch, so planning allocates little beyond the entries themselves.
// IngestOptions tune Badger for bulk ingest. If a transaction fails, the
// rest of the batch is not written (it may use entities the failed one
// was to create). Entity records are rewritten only when a document brings
// a new name. Counts are tallies, one n/ key per transaction, summed by
// Stats and folded into one every 1024 transactions.
package graph
