package main

// kg gen: write a deterministic synthetic news archive for benchmarking
// the ingest pipeline. The articles come from internal/synth; this file
// parses the flags and writes the files.

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/factgraph/kg/cmd/kg/internal/synth"
)

// GeneratedArticle is one synthetic article: URL, Title, Publisher, Date,
// Kind and Text (plus the Style it was composed in, which is not written).
type GeneratedArticle = synth.Article

// generateArticles composes articles 0..n-1 of the seed's archive in
// memory, on all CPUs, and calls fn with each in order. The same n and
// seed always give the same articles. It stops at fn's first error.
func generateArticles(n int, seed uint64, fn func(i int, a GeneratedArticle) error) error {
	return synth.Generate(context.Background(), n, seed, fn)
}

// Output layout.
const (
	txtPerDir     = 1000  // --format txt: files per subdirectory
	jsonlPerFile  = 10000 // --format jsonl: lines per file
	genWriteBufSz = 1 << 20
)

const genDescription = `Writes N synthetic news articles, deterministic for a given N and seed.
  txt:   DIR/0000/00000001.txt ... DIR/0000/00001000.txt, DIR/0001/..., one
         article per file: header lines (url, publisher, date, title, kind),
         a line "---", then the text.
  jsonl: DIR/articles-0000.jsonl, ... with 10,000 lines each, one JSON object
         per line with the fields text, url, title, publisher, date, kind.
Existing files of the same names are overwritten; others are left alone.`

// genOptions are the parsed flags of kg gen.
type genOptions struct {
	docs   int
	seed   uint64
	out    string
	format string
	// linesPerFile is the number of articles per jsonl file.
	linesPerFile int
}

// parseGenFlags parses the command line of kg gen. Mistakes are
// usageErrors; -h gives flag.ErrHelp.
func parseGenFlags(args []string, stderr io.Writer) (genOptions, error) {
	o := genOptions{linesPerFile: jsonlPerFile}
	fs := newFlagSet("gen", "--docs N --out DIR [--seed S] [--format txt|jsonl]", genDescription, stderr)
	fs.IntVar(&o.docs, "docs", 0, "number of articles to write (required, > 0)")
	fs.Uint64Var(&o.seed, "seed", 1, "random seed")
	fs.StringVar(&o.out, "out", "", "output directory (required; created if missing)")
	fs.StringVar(&o.format, "format", "txt", "output format: txt or jsonl")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return o, err
		}
		return o, &usageError{err: err, printed: true}
	}
	switch {
	case fs.NArg() > 0:
		return o, usagef("unexpected argument %q", fs.Arg(0))
	case o.docs <= 0:
		return o, usagef("--docs must be a positive number of articles, got %d", o.docs)
	case o.out == "":
		return o, usagef("--out DIR is required")
	case o.format != "txt" && o.format != "jsonl":
		return o, usagef("--format must be txt or jsonl, got %q", o.format)
	}
	return o, nil
}

// runGen implements "kg gen": it writes the archive and prints a summary
// (documents, bytes, seconds).
func runGen(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseGenFlags(args, stderr)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return fmt.Errorf("create output directory: %w", err)
	}
	start := time.Now()
	var written int64
	if o.format == "jsonl" {
		written, err = writeJSONL(ctx, o)
	} else {
		written, err = writeTxt(ctx, o)
	}
	if err != nil {
		return err
	}
	secs := time.Since(start).Seconds()
	fmt.Fprintf(stdout, "gen: %d documents, %d bytes (%.1f MB), %.2f seconds (%.0f docs/s, %.1f MB/s), format %s, seed %d, in %s\n",
		o.docs, written, float64(written)/1e6, secs, float64(o.docs)/secs, float64(written)/1e6/secs, o.format, o.seed, o.out)
	return nil
}

// txtPath returns DIR/<i/1000 as 4 digits>/<i+1 as 8 digits>.txt.
func txtPath(buf []byte, dir string, i int) []byte {
	buf = append(buf[:0], dir...)
	buf = append(buf, os.PathSeparator)
	buf = appendZeroPadded(buf, i/txtPerDir, 4)
	buf = append(buf, os.PathSeparator)
	buf = appendZeroPadded(buf, i+1, 8)
	return append(buf, ".txt"...)
}

func appendZeroPadded(dst []byte, n, width int) []byte {
	var tmp [20]byte
	s := strconv.AppendInt(tmp[:0], int64(n), 10)
	for k := len(s); k < width; k++ {
		dst = append(dst, '0')
	}
	return append(dst, s...)
}

// writeTxt writes one file per article. Creating files is mostly kernel
// time, so a few goroutines write them while the articles are composed.
func writeTxt(ctx context.Context, o genOptions) (int64, error) {
	type file struct {
		path string
		data []byte
		n    int
	}
	writers := max(2, runtime.GOMAXPROCS(0))
	files := make(chan file, 4*writers)
	free := make(chan []byte, 8*writers)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		writeErr error
	)
	failed := func() error {
		mu.Lock()
		defer mu.Unlock()
		return writeErr
	}
	for range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range files {
				if failed() != nil {
					continue // drain
				}
				if err := os.WriteFile(f.path, f.data, 0o644); err != nil {
					mu.Lock()
					if writeErr == nil {
						writeErr = fmt.Errorf("write article %d: %w", f.n, err)
					}
					mu.Unlock()
				}
				select {
				case free <- f.data[:0]:
				default:
				}
			}
		}()
	}
	var written int64
	var path []byte
	err := synth.Generate(ctx, o.docs, o.seed, func(i int, a synth.Article) error {
		if err := failed(); err != nil {
			return err
		}
		path = txtPath(path, o.out, i)
		if i%txtPerDir == 0 {
			if err := os.MkdirAll(filepath.Dir(string(path)), 0o755); err != nil {
				return fmt.Errorf("create directory: %w", err)
			}
		}
		var buf []byte
		select {
		case buf = <-free:
		default:
			buf = make([]byte, 0, 8192)
		}
		buf = a.AppendTxt(buf)
		written += int64(len(buf))
		files <- file{path: string(path), data: buf, n: i + 1}
		return nil
	})
	close(files)
	wg.Wait()
	if err == nil {
		err = writeErr
	}
	return written, err
}

func writeJSONL(ctx context.Context, o genOptions) (written int64, err error) {
	var f *os.File
	var w *bufio.Writer
	closeFile := func() error {
		if f == nil {
			return nil
		}
		name := f.Name()
		ferr := w.Flush()
		if cerr := f.Close(); ferr == nil {
			ferr = cerr
		}
		f = nil
		if ferr != nil {
			return fmt.Errorf("write %s: %w", name, ferr)
		}
		return nil
	}
	var buf []byte
	err = synth.Generate(ctx, o.docs, o.seed, func(i int, a synth.Article) error {
		if i%o.linesPerFile == 0 {
			if err := closeFile(); err != nil {
				return err
			}
			name := filepath.Join(o.out, "articles-"+string(appendZeroPadded(nil, i/o.linesPerFile, 4))+".jsonl")
			var err error
			if f, err = os.Create(name); err != nil {
				return fmt.Errorf("create output file: %w", err)
			}
			if w == nil {
				w = bufio.NewWriterSize(f, genWriteBufSz)
			} else {
				w.Reset(f)
			}
		}
		buf = a.AppendJSON(buf[:0])
		buf = append(buf, '\n')
		if _, err := w.Write(buf); err != nil {
			return fmt.Errorf("write article %d to %s: %w", i+1, f.Name(), err)
		}
		written += int64(len(buf))
		return nil
	})
	if cerr := closeFile(); err == nil {
		err = cerr
	}
	return written, err
}
