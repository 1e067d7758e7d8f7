package graph

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"log"
	"os"
	"path/filepath"

	"github.com/dgraph-io/badger/v4"
)

// A backup is one stream: the store's Badger backup (db.Backup from
// version 0: the latest version of every key, as of one snapshot) and the
// text segments (textlog.go) that the backed-up dt/ records point into.
//
//	"kg-backup 1\n"
//	chunks of the Badger stream: uint32 length (little-endian), bytes;
//	    a chunk of length 0 ends it
//	segments: uint32 number, uint64 length, bytes; number 0 ends them
//	uint32 CRC-32C (Castagnoli) of every byte before it
//
// Consistency while writers go on: the segments are append-only below
// the last committed text (a failed write only ever overwrites bytes past
// it), so after the Badger stream is written, every text its dt/ records
// point at is on disk and never changes. Each segment is copied up to the
// end of the last text that the dt/ records of a snapshot taken after the
// stream point at: at least what the stream's records need, and only
// committed bytes (a snapshot's extra texts are bytes no restored record
// points at, which the restored store appends after).

const backupMagic = "kg-backup 1\n"

// backupChunk is the size of the chunks the Badger stream is cut into.
const backupChunk = 1 << 20

// ErrBadBackup: a backup stream that is not one, is truncated or damaged.
var ErrBadBackup = errors.New("graph: not a kg backup, or a damaged one")

// Backup writes a consistent backup of the store to w; writes may go on
// meanwhile. It gives the number of bytes written.
func (s *Store) Backup(w io.Writer) (int64, error) {
	crc := crc32.New(castagnoli)
	cw := &countWriter{w: io.MultiWriter(w, crc)}
	bw := bufio.NewWriterSize(cw, 64<<10)
	if _, err := bw.WriteString(backupMagic); err != nil {
		return cw.n, err
	}
	chunks := &chunkWriter{w: bw, buf: make([]byte, 0, backupChunk)}
	if _, err := s.db.Backup(chunks, 0); err != nil {
		return cw.n, fmt.Errorf("graph: backup: %w", err)
	}
	if err := chunks.close(); err != nil {
		return cw.n, err
	}
	ends, err := s.textEnds()
	if err != nil {
		return cw.n, fmt.Errorf("graph: backup: %w", err)
	}
	for seg := uint32(1); int(seg) <= len(ends); seg++ {
		if err := copySegment(bw, filepath.Join(s.textLog.dir, segmentName(seg)), seg, ends[seg-1]); err != nil {
			return cw.n, fmt.Errorf("graph: backup: %w", err)
		}
	}
	var tail [4]byte
	if _, err := bw.Write(tail[:]); err != nil { // segment number 0: the end
		return cw.n, err
	}
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	binary.LittleEndian.PutUint32(tail[:], crc.Sum32())
	if _, err := w.Write(tail[:]); err != nil {
		return cw.n, err
	}
	return cw.n + 4, nil
}

// textEnds gives, for each segment from 1, the end of the last text a dt/
// record points into (0 for a segment none points into).
func (s *Store) textEnds() ([]int64, error) {
	var ends []int64
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(pDocumentText), PrefetchValues: false})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			err := it.Item().Value(func(v []byte) error {
				r, err := decodeTextRef(v)
				if err != nil {
					return fmt.Errorf("key %q: %w", it.Item().Key(), err)
				}
				for len(ends) < int(r.seg) {
					ends = append(ends, 0)
				}
				ends[r.seg-1] = max(ends[r.seg-1], r.off+int64(r.n))
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	return ends, err
}

// copySegment writes segment seg's header and its first n bytes.
func copySegment(w io.Writer, path string, seg uint32, n int64) error {
	var hdr [12]byte
	binary.LittleEndian.PutUint32(hdr[:4], seg)
	binary.LittleEndian.PutUint64(hdr[4:], uint64(n))
	if _, err := w.Write(hdr[:]); err != nil {
		return err
	}
	if n == 0 {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("texts: %w", err)
	}
	defer f.Close()
	if _, err := io.Copy(w, io.NewSectionReader(f, 0, n)); err != nil {
		return fmt.Errorf("texts: segment %d: %w", seg, err)
	}
	return nil
}

// Restore writes the backup read from r into dir as a new store; dir must
// not exist or be empty. The restored store is closed; open it with Open.
func Restore(dir string, r io.Reader) (err error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("graph: restore: %s is not empty", dir)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("graph: restore: %w", err)
	}
	if err := os.MkdirAll(filepath.Join(dir, textDir), 0o755); err != nil {
		return fmt.Errorf("graph: restore: %w", err)
	}
	crc := crc32.New(castagnoli)
	br := bufio.NewReaderSize(r, 64<<10)
	hr := &hashReader{r: br, h: crc}
	magic := make([]byte, len(backupMagic))
	if _, err := io.ReadFull(hr, magic); err != nil || string(magic) != backupMagic {
		return fmt.Errorf("graph: restore: %w (no kg-backup header)", ErrBadBackup)
	}
	opts := badger.DefaultOptions(dir).
		WithLogger(quietLogger{log.New(os.Stderr, "badger ", log.LstdFlags)}).
		WithValueThreshold(valueThreshold).
		WithMetricsEnabled(false).
		WithMemTableSize(int64(IngestOptions().MemTableMB) << 20)
	db, err := badger.Open(opts)
	if err != nil {
		return fmt.Errorf("graph: restore: %w", err)
	}
	chunks := &chunkReader{r: hr}
	if err := db.Load(chunks, 256); err != nil {
		db.Close()
		if chunks.err != nil {
			err = chunks.err
		}
		return fmt.Errorf("graph: restore: %w", err)
	}
	if !chunks.done {
		db.Close()
		return fmt.Errorf("graph: restore: %w (the database stream does not end)", ErrBadBackup)
	}
	if err := db.Close(); err != nil {
		return fmt.Errorf("graph: restore: %w", err)
	}
	for {
		var hdr [4]byte
		if _, err := io.ReadFull(hr, hdr[:]); err != nil {
			return fmt.Errorf("graph: restore: %w (truncated)", ErrBadBackup)
		}
		seg := binary.LittleEndian.Uint32(hdr[:])
		if seg == 0 {
			break
		}
		var size [8]byte
		if _, err := io.ReadFull(hr, size[:]); err != nil {
			return fmt.Errorf("graph: restore: %w (truncated)", ErrBadBackup)
		}
		if err := writeSegment(filepath.Join(dir, textDir, segmentName(seg)), hr, int64(binary.LittleEndian.Uint64(size[:]))); err != nil {
			return fmt.Errorf("graph: restore: %w", err)
		}
	}
	want := crc.Sum32()
	var sum [4]byte
	if _, err := io.ReadFull(br, sum[:]); err != nil || binary.LittleEndian.Uint32(sum[:]) != want {
		return fmt.Errorf("graph: restore: %w (checksum)", ErrBadBackup)
	}
	if err := syncDir(filepath.Join(dir, textDir)); err != nil {
		return fmt.Errorf("graph: restore: %w", err)
	}
	return nil
}

func writeSegment(path string, r io.Reader, n int64) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.CopyN(f, r, n); err != nil {
		f.Close()
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("%w (truncated)", ErrBadBackup)
		}
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// chunkWriter cuts what it is given into length-prefixed chunks.
type chunkWriter struct {
	w   io.Writer
	buf []byte
}

func (c *chunkWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		k := min(len(p), cap(c.buf)-len(c.buf))
		c.buf = append(c.buf, p[:k]...)
		p = p[k:]
		if len(c.buf) == cap(c.buf) {
			if err := c.flush(); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

func (c *chunkWriter) flush() error {
	if len(c.buf) == 0 {
		return nil
	}
	var hdr [4]byte
	binary.LittleEndian.PutUint32(hdr[:], uint32(len(c.buf)))
	if _, err := c.w.Write(hdr[:]); err != nil {
		return err
	}
	_, err := c.w.Write(c.buf)
	c.buf = c.buf[:0]
	return err
}

// close writes what is left and the empty chunk that ends the stream.
func (c *chunkWriter) close() error {
	if err := c.flush(); err != nil {
		return err
	}
	_, err := c.w.Write([]byte{0, 0, 0, 0})
	return err
}

// chunkReader reads the chunks of a chunkWriter as one stream, ending at
// the empty chunk.
type chunkReader struct {
	r    io.Reader
	left uint32
	done bool
	err  error
}

func (c *chunkReader) Read(p []byte) (int, error) {
	for c.left == 0 {
		if c.done {
			return 0, io.EOF
		}
		var hdr [4]byte
		if _, err := io.ReadFull(c.r, hdr[:]); err != nil {
			c.err = fmt.Errorf("%w (truncated)", ErrBadBackup)
			return 0, c.err
		}
		c.left = binary.LittleEndian.Uint32(hdr[:])
		if c.left == 0 {
			c.done = true
		}
	}
	if uint32(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= uint32(n)
	if errors.Is(err, io.EOF) {
		if c.left > 0 {
			c.err = fmt.Errorf("%w (truncated)", ErrBadBackup)
			return n, c.err
		}
		err = nil
	}
	return n, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

type hashReader struct {
	r io.Reader
	h hash.Hash32
}

func (h *hashReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	h.h.Write(p[:n])
	return n, err
}
