package graph

import (
	"bytes"
	"errors"
	"fmt"
	"log"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/factgraph/kg/extract"
)

// Errors callers can test with errors.Is.
var (
	ErrNotFound = errors.New("not found")
	// ErrDocumentTooLarge: one document's entries alone exceed what a
	// Badger transaction can hold.
	ErrDocumentTooLarge = errors.New("graph: document too large for one transaction")
	// ErrInvalidInput: an IngestInput that is inconsistent (a span outside
	// the text, an index out of range); the message names the field.
	ErrInvalidInput = errors.New("graph: invalid input")
	// ErrInvalidCursor: PageArgs.After is not a cursor of this list.
	ErrInvalidCursor = errors.New("graph: invalid cursor")
	// ErrQueryTooBroad: a ClaimFilter.Text without any indexed word (3 or
	// more letters or digits, not a stopword), which only a full scan
	// could answer.
	ErrQueryTooBroad = errors.New("graph: text query has no indexed word")
	// ErrReadOnly: a write to a Store opened with Options.ReadOnly.
	ErrReadOnly = errors.New("graph: store is read-only")
)

// Page sizes: PageArgs.First <= 0 means DefaultPageSize; more than
// MaxPageSize is cut to MaxPageSize.
const (
	DefaultPageSize = 20
	MaxPageSize     = 1000
)

// storeFormat is the key layout version, kept under meta/format. 5 added
// the audit log, the ID maps of re-extractions and the credentials (xl/,
// xr/, xd/, tk/). 6 added the relation groups (g/, gi/, gs/, gc/) and the
// other indexes of issue 15 (doc.go lists them): a store of version 5 has
// none of them, so this program migrates it (Rebuild), which builds them
// by ingesting again, and a program of version 5 must refuse a store of
// version 6, whose groups it would leave stale.
const storeFormat = "6"

// valueThreshold: see Open.
const valueThreshold = 1024

// maxCachedEntities is the size past which Store.entities becomes the
// older generation (Store.cachedEntities, which tests lower).
const maxCachedEntities = 50000

// Options configure Open.
type Options struct {
	ReadOnly bool          // open for reading only (for concurrent readers; optional)
	Logger   badger.Logger // nil: quiet (errors only, to stderr)
	// BlockCacheMB is Badger's block cache in MiB; 0 keeps Badger's
	// default (256). A server can use much less (see ServingOptions).
	BlockCacheMB int
	// MemTableMB is Badger's memtable in MiB; 0 keeps Badger's default
	// (64). It also bounds one write transaction (about 15% of it).
	MemTableMB int
	// Level0Tables is how many level-0 tables (flushed memtables) Badger
	// lets accumulate before compacting them into the next level; writes
	// stall at twice as many. 0 keeps Badger's defaults (5, stall at 15).
	Level0Tables int
	// SyncWrites makes every commit wait until Badger's write-ahead log
	// is on disk (fsync), so that an acknowledged write survives a power
	// loss or an operating system crash, not only the end of the process.
	// The texts are synced before every commit either way (textlog.go).
	SyncWrites bool
}

// ServingOptions are the options for a process that mostly reads: a 64 MiB
// block cache and a 16 MiB memtable, so that serving 100k articles stays
// well within 1 GiB.
func ServingOptions() Options { return Options{BlockCacheMB: 64, MemTableMB: 16} }

// IngestOptions are the options for bulk ingest:
//
//   - a 128 MiB memtable (Badger's default is 64): half as many memtable
//     flushes, each a level-0 table built, synced and later compacted.
//     Measured on 30,000 synthetic articles, the store's CPU per article
//     fell from 1.20 to 1.12 ms (256 MiB: 1.06 ms, but up to five
//     memtables of 256 MiB may wait to be flushed);
//   - compaction of level 0 at 10 tables rather than 5. Every document
//     adds keys all over the key space (postings of entities and words,
//     relations by entity), so each compaction of level 0 merges it with
//     the whole base level; waiting for twice as many tables rewrites the
//     base level half as often. Measured on 100,000 articles, the store's
//     CPU per article fell from 1.56–1.73 to 1.27–1.32 ms (20 tables:
//     1.06 ms, but reads would check up to 20 overlapping tables).
//
// A server opens the store with Badger's defaults (see ServingOptions),
// which compact level 0 down to 5 tables.
func IngestOptions() Options { return Options{MemTableMB: 128, Level0Tables: 10} }

// Store is the graph on disk. It is safe for concurrent use: reads run in
// parallel, writes are serialised.
type Store struct {
	db       *badger.DB
	readOnly bool
	// dir is the database directory, memTableSize Badger's memtable in
	// bytes: what checkRoom (diskroom.go) needs.
	dir          string
	memTableSize int64

	// textLog holds the document texts (textlog.go); texts caches them
	// decoded across reads (documents never change).
	textLog *textLog
	texts   textCache
	// entityRecords and documentRecords cache decoded records across
	// reads; writes of entities invalidate entityRecords.
	entityRecords   *recordCache[Entity]
	documentRecords *recordCache[Document]
	// longest is the longest text seen by MaxTextLength.
	longest longestText

	// ov is the overlay of the corrections in force (overlay.go),
	// replaced whole by each correction.
	ov atomic.Pointer[overlay]

	writeMu sync.Mutex // serialises writers; guards ids and entities
	ids     idSource
	// entities caches stored entities by Key for resolution, as written:
	// only writers change entities, one at a time. When it passes
	// cachedEntities it becomes olderEntities and a new one starts;
	// an entity found in the older one moves to the new (see
	// touchEntity), so the entities an archive keeps naming stay cached.
	// Generations change between IngestBatch calls, so each holds the
	// bound plus at most one batch's new entities.
	entities, olderEntities map[string]*entityState
	cachedEntities          int // maxCachedEntities; tests set less
	now                     func() time.Time
	// maxTxnCount and maxTxnSize bound one IngestBatch transaction:
	// budgetPercent of Badger's limits.
	maxTxnCount, maxTxnSize int64
	// tallies counts the n/ keys (the committer keeps it); at
	// tallyMergeAt of them, mergeTallies folds them into one.
	tallies, tallyMergeAt int
	// spare is a transaction buffer kept from one IngestBatch to the
	// next (guarded by writeMu).
	spare *txnBuffer

	// commits counts the ingest transactions committed, so that what is
	// computed from the groups can be kept until the next one.
	commits atomic.Uint64
	// touchedContested keeps the contested groups that the corrections
	// touch (groupread.go), for one overlay and commit count.
	touchedContested atomic.Pointer[touchedContested]
}

// Open opens (creating dir if missing) the store in dir. A store of the
// previous layout version gives an error wrapping ErrOlderLayout (Rebuild
// migrates it); a rebuild whose new store was complete but not yet in
// place is finished first.
func Open(dir string, opts Options) (*Store, error) {
	if !opts.ReadOnly {
		if err := finishSwap(dir); err != nil {
			return nil, err
		}
	}
	return open(dir, opts, false)
}

// open is Open; with previous, a store of the previous layout version
// opens too (to be rebuilt).
func open(dir string, opts Options, previous bool) (*Store, error) {
	if !opts.ReadOnly {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("graph: open %s: %w", dir, err)
		}
	}
	logger := opts.Logger
	if logger == nil {
		logger = quietLogger{log.New(os.Stderr, "badger ", log.LstdFlags)}
	}
	// Badger's defaults, except:
	//   - no conflict detection: writers are serialised by Store.writeMu,
	//     so tracking reads in write transactions is waste;
	//   - values from valueThreshold bytes up (claim blocks, large
	//     posting blocks) go to the value log, so that compactions do not
	//     copy them again and again. They are written once and never
	//     replaced, so the value log needs no garbage collection;
	//   - no metrics: Badger counts every read and write in expvar maps
	//     (a lookup and atomic adds on shared counters per Get, a few
	//     percent of a query's CPU) that nothing here publishes.
	bopts := badger.DefaultOptions(dir).
		WithLogger(logger).
		WithReadOnly(opts.ReadOnly).
		WithDetectConflicts(false).
		WithValueThreshold(valueThreshold).
		WithMetricsEnabled(false)
	if opts.BlockCacheMB > 0 {
		bopts = bopts.WithBlockCacheSize(int64(opts.BlockCacheMB) << 20)
	}
	if opts.MemTableMB > 0 {
		bopts = bopts.WithMemTableSize(int64(opts.MemTableMB) << 20)
	}
	if opts.SyncWrites {
		bopts = bopts.WithSyncWrites(true)
	}
	if opts.Level0Tables > 0 {
		bopts = bopts.WithNumLevelZeroTables(opts.Level0Tables).
			WithNumLevelZeroTablesStall(2 * opts.Level0Tables)
	}
	if err := settleWAL(dir, bopts); err != nil {
		return nil, fmt.Errorf("graph: open %s: %w", dir, err)
	}
	db, err := badger.Open(bopts)
	if err != nil {
		return nil, fmt.Errorf("graph: open %s: %w", dir, err)
	}
	s := &Store{
		db: db, readOnly: opts.ReadOnly, now: time.Now, dir: dir, memTableSize: bopts.MemTableSize,
		maxTxnCount:    db.MaxBatchCount() * budgetPercent / 100,
		maxTxnSize:     db.MaxBatchSize() * budgetPercent / 100,
		tallyMergeAt:   defaultTallyMergeAt,
		cachedEntities: maxCachedEntities,

		entityRecords:   newRecordCache[Entity](cachedEntityRecords),
		documentRecords: newRecordCache[Document](cachedDocumentRecords),
	}
	if err := s.init(previous); err != nil {
		db.Close()
		return nil, fmt.Errorf("graph: open %s: %w", dir, err)
	}
	if s.textLog, err = openTextLog(dir, opts.ReadOnly); err != nil {
		db.Close()
		return nil, fmt.Errorf("graph: open %s: %w", dir, err)
	}
	if err := s.loadOverlay(); err != nil {
		s.Close()
		return nil, fmt.Errorf("graph: open %s: %w", dir, err)
	}
	return s, nil
}

// init checks the layout version and seeds the ID source with the largest
// stored ID, so that IDs keep growing even if the clock went back.
func (s *Store) init(previous bool) error {
	check := func(txn *badger.Txn) error {
		item, err := txn.Get([]byte(keyFormat))
		if errors.Is(err, badger.ErrKeyNotFound) {
			if s.readOnly {
				return nil // an empty store
			}
			return txn.Set([]byte(keyFormat), []byte(storeFormat))
		}
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error {
			switch {
			case string(v) == storeFormat, string(v) == previousFormat && previous:
				return nil
			case string(v) == previousFormat:
				return ErrOlderLayout
			}
			return fmt.Errorf("store format %q, this program reads %q (and migrates %q)", v, storeFormat, previousFormat)
		})
	}
	var err error
	if s.readOnly {
		err = s.db.View(check)
	} else {
		err = s.db.Update(check)
	}
	if err != nil {
		return err
	}
	return s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(pTally)})
		for it.Rewind(); it.Valid(); it.Next() {
			s.tallies++
		}
		it.Close()
		for _, p := range []string{pDocument, pClaimDoc, pEntity, pTally, pAudit} {
			last, err := lastID(txn, p)
			if err != nil {
				return err
			}
			if bytes.Compare(last[:], s.ids.last[:]) > 0 {
				s.ids.last = last
			}
		}
		return nil
	})
}

// lastID returns the largest ID keyed under prefix (uuid.Nil if none):
// the key's ID, or for cd/ the last claim ID of the last document's block
// (the claims are keyed by their document, see claimBlockKey).
func lastID(txn *badger.Txn, prefix string) (uuid.UUID, error) {
	it := txn.NewIterator(badger.IteratorOptions{Reverse: true, Prefix: []byte(prefix)})
	defer it.Close()
	it.Seek(append([]byte(prefix), bytes.Repeat([]byte{0xff}, idLen+blockTail+1)...))
	if !it.Valid() {
		return uuid.Nil, nil
	}
	k := it.Item().Key()[len(prefix):]
	if prefix == pClaimDoc && len(k) == idLen+blockTail {
		k = k[idLen : 2*idLen]
	}
	if len(k) != idLen {
		return uuid.Nil, fmt.Errorf("key %q: %w", it.Item().Key(), errCorrupt)
	}
	return uuid.UUID(k), nil
}

// overlay gives the corrections in force.
func (s *Store) overlay() *overlay { return s.ov.Load() }

// Close closes the database.
func (s *Store) Close() error {
	err := errors.Join(s.db.Close(), s.textLog.close())
	if err != nil {
		return fmt.Errorf("graph: close: %w", err)
	}
	return nil
}

// idSource mints UUIDv7s that are strictly increasing within the store.
type idSource struct{ last uuid.UUID }

// next mints an ID from the clock, or counts on from the newest ID if the
// clock has not passed its time and sequence (the first 8 bytes, unique in
// the store: following moves them on without the uuid package's clock).
func (g *idSource) next() (uuid.UUID, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return uuid.Nil, fmt.Errorf("graph: new id: %w", err)
	}
	if bytes.Compare(id[:8], g.last[:8]) <= 0 {
		id = countOn(g.last, id)
	}
	g.last = id
	return id, nil
}

// following mints the ID after the newest without the clock or random
// bits: the newest's time and sequence plus one, then tail's last 8 bytes.
// A document's claims take these: their tail is the document's, so a
// claim is found in its document's block (see claimBlockKey), and their
// first 8 bytes make them unique and ordered in the store; a document of
// 30 claims need not read the clock and the system's random source 30
// times.
func (g *idSource) following(tail uuid.UUID) uuid.UUID {
	id := countOn(g.last, tail)
	g.last = id
	return id
}

// countOn gives id with the time and sequence of last plus one (the
// sequence carries into the milliseconds), keeping id's last 8 bytes.
func countOn(last, id uuid.UUID) uuid.UUID {
	t := uint64(last[0])<<40 | uint64(last[1])<<32 | uint64(last[2])<<24 |
		uint64(last[3])<<16 | uint64(last[4])<<8 | uint64(last[5])
	seq := uint64(last[6]&0x0f)<<8 | uint64(last[7])
	c := t<<12 | seq + 1
	t, seq = c>>12, c&0xfff
	for i := 0; i < 6; i++ {
		id[i] = byte(t >> (40 - 8*i))
	}
	id[6] = 0x70 | byte(seq>>8)
	id[7] = byte(seq)
	return id
}

// quietLogger passes on errors only.
type quietLogger struct{ l *log.Logger }

func (q quietLogger) Errorf(f string, v ...any) { q.l.Printf("ERROR: "+f, v...) }
func (quietLogger) Warningf(string, ...any)     {}
func (quietLogger) Infof(string, ...any)        {}
func (quietLogger) Debugf(string, ...any)       {}

// DocumentMeta is what the document's header says about it.
type DocumentMeta struct {
	URL, Title, Publisher string
	PublishedAt           string            // "2014-06-11" or RFC 3339, "" when unknown (never guessed)
	Metadata              map[string]string // other header fields, kept verbatim
}

// IngestInput is one document and what extraction found in it.
type IngestInput struct {
	Meta   DocumentMeta
	Text   string         // the document body; all spans index into it (code points)
	Result extract.Result // what extraction found in Text
	// IngestedAt, when set, is kept as the document's ingest time (a
	// rebuild keeps the first one); else the time it is stored.
	IngestedAt time.Time
}

// IngestOutcome says what storing one document did.
type IngestOutcome struct {
	DocumentID uuid.UUID
	Duplicate  bool // already stored (same URL, or same text when no URL): nothing written
	// Entities is the number of distinct entities of the document,
	// NewEntities those it introduced; Relations and Mentions count the
	// distinct ones stored.
	Entities, NewEntities, Claims, Relations, Mentions int
}

// Document is a stored document, without its text (see DocumentText).
type Document struct {
	ID                                 uuid.UUID
	URL, Title, Publisher, PublishedAt string
	IngestedAt                         time.Time
	ContentHash                        string // hex SHA-256 of Text
	Metadata                           map[string]string
	Length                             int // text length in code points
}

// Entity is an actor or place, resolved across documents by its Key.
type Entity struct {
	ID        uuid.UUID
	Key, Name string
	Type      extract.EntityType
	PlaceKind extract.PlaceKind
	Aliases   []string // every other name seen, deduplicated (case-sensitive), sorted
}

// Mention is one occurrence of an entity in a document.
type Mention struct {
	EntityID, DocumentID uuid.UUID
	Start, End           int
	Text, Rule           string
}

// Claim is content a document attributes to a source.
type Claim struct {
	ID, DocumentID uuid.UUID
	Ordinal        int // position in its document
	Kind           extract.ClaimKind
	Text           string
	Start, End     int
	Cue            string
	CueStart       int
	CueEnd         int
	SpeakerID      uuid.UUID // uuid.Nil when the source is unnamed
	SpeakerText    string
	SpeakerStart   int
	SpeakerEnd     int
	Sentence       string
	SentenceStart  int
	SentenceEnd    int
	About          []uuid.UUID
	PublishedAt    string // copied from the document
	Rule           string
	Confidence     float64
	Relations      []Relation // the relations this claim asserts
	// Retracted: a person retracted the claim; lists leave it out
	// unless ClaimFilter.IncludeRetracted.
	Retracted bool
}

// Relation is a relation between two entities asserted by one claim.
type Relation struct {
	SubjectID  uuid.UUID
	Predicate  extract.Predicate
	ObjectID   uuid.UUID
	Polarity   bool
	ClaimID    uuid.UUID
	DocumentID uuid.UUID
	Start, End int
	Rule       string
	Confidence float64
	// Added: a person added the relation (OpAddRelation); Rule is
	// "person".
	Added bool
}

// PageArgs select a page: First items after the cursor After.
type PageArgs struct {
	First int
	After string // opaque cursor from a previous page; "" = from the start
}

// Page is one page of a list.
type Page[T any] struct {
	Items   []T
	Cursors []string // Cursors[i] is the cursor of Items[i]
	HasNext bool
}

// EntityFilter selects entities; the zero value selects all.
type EntityFilter struct {
	Name string // any name or alias, compared after extract.Fold
	Type extract.EntityType
}

// ClaimFilter selects claims; uuid.Nil and "" select all.
type ClaimFilter struct {
	Speaker, About, Document uuid.UUID
	// Text is a case-insensitive substring of the claim text. It is
	// answered from a word index: its words of 3 or more letters or digits
	// (stopwords aside) must occur in the claim as whole words, so "campa"
	// does not find "campaign".
	Text string
	// IncludeRetracted lists the claims people retracted too.
	IncludeRetracted bool

	// Kinds keeps the claims of these kinds (as corrected); empty: any.
	Kinds []extract.ClaimKind
	// ExcludeNarrative leaves out the NARRATIVE claims: the publisher's
	// own voice, attributed to no one but the document (as corrected).
	ExcludeNarrative bool
	// Since and Until bound the publication day, both included:
	// "2006-01-02" (an RFC 3339 time counts by its date). A claim's day
	// is its document's date as the article writes it; a bound leaves
	// out undated claims.
	Since, Until string
	// Publisher keeps the claims of documents of this publisher,
	// compared ignoring case and runs of spaces.
	Publisher string
	// SpeakerName keeps the claims spoken by any entity one of whose
	// names or aliases folds like it (as Entities{Name} finds them), at
	// most MaxSpeakerNameEntities of them.
	SpeakerName string
	// Predicate keeps the claims asserting a relation of this predicate
	// (as corrected: relations people added or retracted count).
	Predicate extract.Predicate
	// MinConfidence keeps the claims whose extraction confidence is at
	// least this.
	MinConfidence float64
	// Involving keeps the claims by, about, or asserting a relation of
	// this entity (a timeline's items).
	Involving uuid.UUID
	// Order is the order of the list; the zero value is OrderDocument.
	Order ClaimOrder
}

// Stats counts what the store holds.
type Stats struct{ Documents, Entities, Claims, Relations, Mentions int }
