// Package graph stores the knowledge graph — documents, entities, their
// mentions, the claims documents attribute to sources and the relations
// claims assert — in an embedded Badger database on disk, and answers the
// lookups the API needs with prefix scans.
//
// # Identifiers and order
//
// Documents, entities, claims and tallies get UUIDv7 IDs from one source
// that never goes backwards (it continues from the largest stored ID if
// the clock does). A document's ID is minted before its claims' IDs, and
// the claims' in document order, so ordering by ID is ingest order, and
// claim order within a document. Every list below is therefore a key
// order, and a page cursor is the base64 (URL alphabet, unpadded) of the
// key after the scanned prefix; After seeks to it and skips it.
//
// # Key layout
//
// <id> is 16 raw bytes, BE32 a big-endian uint32, \x00 a separator byte
// (names folds, words, types and predicates never contain it).
//
//	key                                              value                     serves
//	meta/format                                      layout version "1"        Open
//	d/<docID>                                        document record           Document, Documents
//	dt/<docID>                                       text (UTF-8)              DocumentText; slicing on read
//	du/<sha256(trimmed URL)[:16]>                    docID                     dedup by URL
//	dh/<sha256(text)[:16]>                           docID (first such doc)    dedup by text (no URL)
//	de/<docID><entityID>                             -                         DocumentEntities
//	e/<entityID>                                     entity record             Entity, Entities
//	ek/<extract.Entity.Key>                          entityID                  resolution across documents
//	en/<extract.Fold(name or alias)>\x00<entityID>   -                         Entities{Name}
//	et/<type>\x00<entityID>                          -                         Entities{Type}
//	m/<entityID><docID><start BE32>                  mention record            Mentions, CountMentions
//	c/<claimID>                                      claim record              Claim, Claims{}
//	cd/<docID><claimID>                              -                         Claims{Document}
//	cs/<speakerID><claimID>                          -                         Claims{Speaker}
//	ca/<aboutID><claimID>                            -                         Claims{About}
//	cw/<word>\x00<claimID>                           -                         Claims{Text}
//	r/<subjectID><predicate>\x00<objectID><claimID>  relation record           Relations (as subject)
//	ri/<objectID><predicate>\x00<subjectID><claimID> relation record           Relations (as object)
//	n/<tallyID>                                      counts added by one txn   Stats, unfiltered counts
//
// Every list is one prefix scan: Documents d/, Mentions m/<entity>,
// DocumentEntities de/<doc>, Relations r/<entity>[<predicate>\x00] and
// ri/<entity>[...]. Relations are keyed so that the claims asserting one
// triple are the prefix r/<s><p>\x00<o> (aggregation across sources; the
// relation record carries the claim's speaker for that) and the neighbours
// of an actor are the prefix r/<s> (paths between actors).
//
// Filtered claims and entities are intersections of posting lists whose
// keys all end in the ID (cd/, cs/, ca/, cw/ for claims; en/, et/ for
// entities): a leapfrog join seeks each list to the largest current ID, so
// the rarest list leads, and counting reads keys only. Without a filter
// the lists are c/ and e/.
//
// # Claim text search
//
// Claim texts are indexed by their distinct words: lowercased (strings.
// ToLower) runs of letters, digits and marks of 3 or more code points, cut
// at 48 bytes, minus a short stopword list. ClaimFilter.Text intersects the
// posting lists of its own indexed words and then checks the lowercased
// query is a substring of the lowercased claim text (skipped when the query
// is exactly one indexed word). So query words must occur as whole words;
// a query without an indexed word ("the", "of") is refused with
// ErrQueryTooBroad rather than answered by a full scan.
//
// # Records
//
// Records are a compact binary encoding (codec.go) led by a format byte.
// To keep the database small, texts are stored once: claim, cue, speaker
// and sentence texts and mention texts are kept as spans only, and sliced
// from dt/ on read; a text is stored in the record only where it differs
// from the document text at its span (an interview cue "Q&A", a speaker
// resolved to a name). Claims copy PublishedAt from their document;
// relations are stored in the record of the claim that asserts them and in
// r/ and ri/.
//
// # Writing
//
// A document is planned first (validation, duplicate check, entity
// resolution through ek/, all of its keys and values), then written whole
// into the open transaction; IngestBatch commits before a document would
// take the transaction over 80% of Badger's MaxBatchCount/MaxBatchSize.
// Entity records are rewritten only when a document brings a new name;
// nothing else is ever rewritten: counts are tallies, one new n/ key per
// transaction, summed by Stats.
package graph
