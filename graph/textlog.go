package graph

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/google/uuid"
)

// Document texts are kept outside Badger, S2-compressed, in append-only
// segment files in the store's texts/ directory, and read with pread
// (os.File.ReadAt); dt/<docID> holds where a text is (textRef).
//
// Why not in Badger's value log, where they were: Badger memory-maps its
// tables and value log, and every page a process touches there counts in
// its resident memory until the process ends. A page of 20 claims slices
// the texts of up to 20 documents from anywhere in the archive, so a
// server soon had all texts resident (at 100,000 articles, the value log
// was 483 of the server's 1,105 MiB). Read with pread, texts stay in the
// kernel's page cache (shared, and reclaimed under pressure) and not in
// the server's resident set; the store's text cache keeps the hot ones
// decoded.
//
// A transaction's texts are written and the segment synced before the
// transaction commits, so no stored record points at bytes that are not
// on disk. A failed write leaves bytes no record points at, which the
// next write overwrites. A textRef carries the CRC-32C of the bytes, so
// a damaged segment is reported rather than sliced into claims.

// textDir is the directory of the text segments inside the store's
// directory (Badger ignores directories).
const textDir = "texts"

// textSegmentMax bounds a segment file: a transaction whose texts would
// cross it starts the next segment.
const textSegmentMax = 1 << 30

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// textRef is where a document's compressed text is.
type textRef struct {
	seg uint32 // segment number, from 1
	off int64
	n   int
	crc uint32
}

func encodeTextRef(r textRef) []byte {
	b := make([]byte, 0, textRefSize)
	b = append(b, recordFormat)
	b = binary.AppendUvarint(b, uint64(r.seg))
	b = binary.AppendUvarint(b, uint64(r.off))
	b = binary.AppendUvarint(b, uint64(r.n))
	return binary.LittleEndian.AppendUint32(b, r.crc)
}

// textRefSize bounds len(encodeTextRef(r)).
const textRefSize = 1 + 3*binary.MaxVarintLen64 + 4

func decodeTextRef(v []byte) (textRef, error) {
	d := decoder{b: v}
	d.header()
	r := textRef{seg: uint32(d.uvarint()), off: int64(d.uvarint()), n: d.int()}
	if crc := d.bytes(4); crc != nil {
		r.crc = binary.LittleEndian.Uint32(crc)
	}
	if r.seg == 0 || r.off < 0 || r.n < 0 {
		d.fail()
	}
	return r, d.done()
}

// textLog is the set of segment files. Readers may use it concurrently;
// one writer (the store's committer) writes, in order.
type textLog struct {
	dir        string
	readOnly   bool
	segmentMax int64 // textSegmentMax; smaller in tests

	mu    sync.RWMutex
	files []*os.File // segment i+1 is files[i]; nil until opened
	// seg and end are where the last successful write ended: the next
	// write goes on from there (or to the next segment).
	seg uint32
	end int64
}

// segmentName is the file name of segment n.
func segmentName(n uint32) string { return fmt.Sprintf("%06d.seg", n) }

// openTextLog opens the segments in dir/texts, creating the directory
// unless readOnly.
func openTextLog(dir string, readOnly bool) (*textLog, error) {
	l := &textLog{dir: filepath.Join(dir, textDir), readOnly: readOnly, segmentMax: textSegmentMax, seg: 1}
	if !readOnly {
		if err := os.MkdirAll(l.dir, 0o755); err != nil {
			return nil, fmt.Errorf("texts: %w", err)
		}
	}
	entries, err := os.ReadDir(l.dir)
	if errors.Is(err, fs.ErrNotExist) && readOnly {
		return l, nil // an empty read-only store
	}
	if err != nil {
		return nil, fmt.Errorf("texts: %w", err)
	}
	var last uint32
	for _, e := range entries {
		num, ok := strings.CutSuffix(e.Name(), ".seg")
		n, err := strconv.ParseUint(num, 10, 32)
		if !ok || err != nil || n == 0 || e.IsDir() {
			continue
		}
		last = max(last, uint32(n))
	}
	if last == 0 {
		return l, nil
	}
	// The next write goes on at the end of the last segment; what lies
	// there past the last committed text is garbage that no record
	// points at.
	f, err := l.file(last, false)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		l.close()
		return nil, fmt.Errorf("texts: %w", err)
	}
	l.seg, l.end = last, info.Size()
	return l, nil
}

// file gives segment n's file, opening it if needed; create (for the
// writer) creates a missing one.
func (l *textLog) file(n uint32, create bool) (*os.File, error) {
	l.mu.RLock()
	if int(n) <= len(l.files) && l.files[n-1] != nil {
		f := l.files[n-1]
		l.mu.RUnlock()
		return f, nil
	}
	l.mu.RUnlock()
	l.mu.Lock()
	defer l.mu.Unlock()
	if int(n) <= len(l.files) && l.files[n-1] != nil {
		return l.files[n-1], nil
	}
	path := filepath.Join(l.dir, segmentName(n))
	flag := os.O_RDWR
	switch {
	case l.readOnly:
		flag = os.O_RDONLY
	case create:
		flag |= os.O_CREATE
	}
	f, err := os.OpenFile(path, flag, 0o644)
	if err == nil && create {
		err = syncDir(l.dir) // a new file's name is durable too
	}
	if err != nil {
		if f != nil {
			f.Close()
		}
		return nil, fmt.Errorf("texts: segment %d: %w", n, err)
	}
	// Grown only for a file that opened: a damaged reference's segment
	// number does not allocate.
	for len(l.files) < int(n) {
		l.files = append(l.files, nil)
	}
	l.files[n-1] = f
	return f, nil
}

// syncDir makes the names in dir durable. Windows cannot sync a
// directory (and does not need to): there it does nothing.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// next is where n bytes go after end in segment seg: there, or at the
// start of the next segment if they would not fit.
func (l *textLog) next(seg uint32, end int64, n int) (uint32, int64) {
	if end > 0 && end+int64(n) > l.segmentMax {
		return seg + 1, 0
	}
	return seg, end
}

// position is where the last successful write ended.
func (l *textLog) position() (uint32, int64) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.seg, l.end
}

// write writes b at off in segment seg and syncs it.
func (l *textLog) write(seg uint32, off int64, b []byte) error {
	f, err := l.file(seg, true)
	if err != nil {
		return err
	}
	if _, err := f.WriteAt(b, off); err != nil {
		return fmt.Errorf("texts: segment %d: %w", seg, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("texts: segment %d: %w", seg, err)
	}
	l.mu.Lock()
	l.seg, l.end = seg, off+int64(len(b))
	l.mu.Unlock()
	return nil
}

// read reads the compressed text at r into dst's room (reused when large
// enough) and checks it.
func (l *textLog) read(r textRef, dst []byte) ([]byte, error) {
	f, err := l.file(r.seg, false)
	if err != nil {
		return nil, err
	}
	if cap(dst) < r.n {
		dst = make([]byte, r.n)
	}
	dst = dst[:r.n]
	if _, err := f.ReadAt(dst, r.off); err != nil {
		return nil, fmt.Errorf("texts: segment %d at %d: %w", r.seg, r.off, err)
	}
	if crc32.Checksum(dst, castagnoli) != r.crc {
		return nil, fmt.Errorf("texts: segment %d at %d: checksum mismatch: %w", r.seg, r.off, errCorrupt)
	}
	return dst, nil
}

func (l *textLog) close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	var errs []error
	for _, f := range l.files {
		if f != nil {
			errs = append(errs, f.Close())
		}
	}
	l.files = nil
	return errors.Join(errs...)
}

// textWrites are a transaction's texts: contiguous bytes from off in
// segment seg.
type textWrites struct {
	seg uint32
	off int64
	buf []byte
}

// add appends a compressed text, giving its reference.
func (t *textWrites) add(compressed []byte) textRef {
	r := textRef{seg: t.seg, off: t.off + int64(len(t.buf)), n: len(compressed), crc: crc32.Checksum(compressed, castagnoli)}
	t.buf = append(t.buf, compressed...)
	return r
}

// docTextKey is the key of a document's textRef.
func docTextKey(id uuid.UUID) []byte { return idKey(pDocumentText, id) }
