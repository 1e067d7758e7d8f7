package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/factgraph/kg/extract"
)

// ReadPaths reads every path in order, emitting its documents: a .txt
// article, a .jsonl file, a directory (see ReadDir), "-" for stdin (see
// ReadStream), any other file as its content says.
func ReadPaths(ctx context.Context, paths []string, stdin io.Reader, emit Emit) {
	for _, path := range paths {
		if ctx.Err() != nil {
			return
		}
		if path == "-" {
			if !ReadStream("-", stdin, emit) {
				return
			}
			continue
		}
		info, err := os.Stat(path)
		if err != nil {
			if !emit(Document{Origin: path}, FileError(err)) {
				return
			}
			continue
		}
		if !info.IsDir() {
			if !readFile(path, emit) {
				return
			}
			continue
		}
		if !ReadDir(ctx, path, emit) {
			return
		}
	}
}

// ReadDir reads every *.txt and *.jsonl file under dir, in lexical order,
// skipping hidden files and directories (.git, ...). Other files, such as
// the gold annotations *.gold.json, are ignored. A symbolic link to a
// file is read as the file; a symbolic link to a directory is not
// followed (a link to a parent would loop) and is an error saying so, as
// is a *.txt or *.jsonl name that is not a regular file (a named pipe
// would block the walk, a device never end) or a link that leads nowhere:
// nothing under dir is skipped without a word. It reports false when emit
// did.
func ReadDir(ctx context.Context, dir string, emit Emit) bool {
	keepGoing := true
	if info, err := os.Lstat(dir); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		dir += string(filepath.Separator) // named by a link: walk where it leads
	}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			keepGoing = emit(Document{Origin: path}, FileError(err))
		} else if path != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
		} else if !d.IsDir() {
			if why := notReadable(path, d); why != nil {
				keepGoing = emit(Document{Origin: path}, why)
			} else if inputFormat(path) != "" && path != dir {
				keepGoing = readFile(path, emit)
			}
		}
		if !keepGoing || ctx.Err() != nil {
			return filepath.SkipAll
		}
		return nil
	})
	if err != nil { // not reached: the callback reports errors itself
		keepGoing = emit(Document{Origin: dir}, err)
	}
	return keepGoing
}

// notReadable says why the walk does not read the entry at path, or nil
// when it is a regular file (or a link to one) or a file of another name
// the walk ignores anyway.
func notReadable(path string, d fs.DirEntry) error {
	input := inputFormat(path) != ""
	mode := d.Type()
	if mode&fs.ModeSymlink != 0 {
		info, err := os.Stat(path)
		switch {
		case err != nil && input:
			return fmt.Errorf("symbolic link that cannot be followed: %w", FileError(err))
		case err != nil:
			return nil
		case info.IsDir():
			return errors.New("symbolic link to a directory: not followed (name the directory as a PATH to read it)")
		}
		mode = info.Mode().Type()
	}
	if !input || mode.IsRegular() {
		return nil
	}
	return fmt.Errorf("%s, not a regular file: not read (name it as a PATH to read from it)", fileKind(mode))
}

// fileKind names a file's type.
func fileKind(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeCharDevice != 0:
		return "a character device"
	case mode&fs.ModeDevice != 0:
		return "a device"
	case mode.IsDir():
		return "a directory"
	}
	return "a special file"
}

// InputBytes adds up the sizes of the files ReadPaths would read under
// paths (standard input and unreadable paths count 0): what progress
// measures an ingest against.
func InputBytes(ctx context.Context, paths []string) int64 {
	var total int64
	for _, path := range paths {
		if path == "-" || ctx.Err() != nil {
			continue
		}
		info, err := os.Stat(path)
		if err != nil {
			continue
		}
		if !info.IsDir() {
			total += info.Size()
			continue
		}
		filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err != nil || ctx.Err() != nil {
				return filepath.SkipAll
			}
			if p != path && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if inputFormat(p) != "" && !d.IsDir() {
				if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
					total += info.Size() // a link's target too
				}
			}
			return nil
		})
	}
	return total
}

// inputFormat tells an input's format from its name: "txt", "jsonl", or ""
// when the name does not say.
func inputFormat(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt":
		return "txt"
	case ".jsonl":
		return "jsonl"
	}
	return ""
}

// readFile reads one file: a .txt article, a .jsonl file, or, named
// otherwise, whatever its content says (as for standard input).
func readFile(path string, emit Emit) bool {
	f, err := os.Open(path)
	if err != nil {
		return emit(Document{Origin: path}, FileError(err))
	}
	defer f.Close()
	switch inputFormat(path) {
	case "txt":
		var size int64
		if info, err := f.Stat(); err == nil {
			size = info.Size()
		}
		return ReadArticle(path, f, size, emit)
	case "jsonl":
		return ReadJSONL(path, f, emit)
	default:
		return ReadStream(path, f, emit)
	}
}

// ReadStream reads r as JSONL when its first non-space byte is '{', else as
// one .txt article.
func ReadStream(name string, r io.Reader, emit Emit) bool {
	br := bufio.NewReader(r)
	var head []byte // up to the first non-space byte
	for len(head) == 0 || isSpace(head[len(head)-1]) {
		b, err := br.ReadByte()
		if err == io.EOF {
			break
		}
		if err != nil {
			return emit(Document{Origin: name}, FileError(err))
		}
		head = append(head, b)
	}
	whole := io.MultiReader(bytes.NewReader(head), br)
	if len(head) > 0 && head[len(head)-1] == '{' {
		return ReadJSONL(name, whole, emit)
	}
	return ReadArticle(name, whole, 0, emit)
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// FileError drops the path and operation from a file system error: the
// input's origin already names the file.
func FileError(err error) error {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return pathErr.Err
	}
	return err
}

// ReadArticle reads one .txt article from r: an optional header, a line
// ---, then the text (extract.ParseArticle). sizeHint is its size if known
// (0 if not): with room for it, the article is read in one call rather
// than io.ReadAll's doubling reads (seven for a 4 KB article). More than
// MaxArticleBytes is refused without being read whole.
func ReadArticle(name string, r io.Reader, sizeHint int64, emit Emit) bool {
	var buf bytes.Buffer
	buf.Grow(int(min(max(sizeHint, 0), MaxArticleBytes)) + bytes.MinRead)
	_, err := buf.ReadFrom(io.LimitReader(r, MaxArticleBytes+1))
	raw := buf.Bytes()
	if err != nil {
		return emit(Document{Origin: name}, FileError(err))
	}
	if len(raw) > MaxArticleBytes {
		return emit(Document{Origin: name}, fmt.Errorf("larger than %d MiB: not an article", MaxDocumentBytes>>20))
	}
	doc, err := ParseArticle(name, string(raw))
	return emit(doc, err)
}

// ParseArticle reads one whole .txt article (see ReadArticle), as a
// document from origin.
func ParseArticle(origin, raw string) (Document, error) {
	header, body, err := extract.ParseArticle(raw)
	if err == nil && strings.TrimSpace(body) == "" {
		err = errors.New("no text (an article is an optional header, a line ---, then the text)")
	}
	if err == nil && len(body) > MaxDocumentBytes {
		err = fmt.Errorf("text larger than %d MiB: not an article", MaxDocumentBytes>>20)
	}
	return Document{Origin: origin, Size: int64(len(raw)), Header: header, Text: body}, err
}

// ReadJSONL reads one article per line (extract.ParseJSONLine); blank
// lines are skipped. A line longer than MaxJSONLine ends the input with
// an error naming it.
func ReadJSONL(name string, r io.Reader, emit Emit) bool {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxJSONLine)
	line := 0
	for sc.Scan() {
		line++
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		origin := fmt.Sprintf("%s:%d", name, line)
		header, text, err := extract.ParseJSONLine(sc.Bytes())
		if err == nil && len(text) > MaxDocumentBytes {
			err = fmt.Errorf("text larger than %d MiB: not an article", MaxDocumentBytes>>20)
		}
		doc := Document{Origin: origin, Line: line, Size: int64(len(sc.Bytes()) + 1), Header: header, Text: text}
		if !emit(doc, err) {
			return false
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("line longer than %d MiB", MaxJSONLine>>20)
		}
		return emit(Document{Origin: fmt.Sprintf("%s:%d", name, line+1), Line: line + 1}, FileError(err))
	}
	return true
}
