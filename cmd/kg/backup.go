package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/factgraph/kg/graph"
	"github.com/factgraph/kg/schema"
)

// runBackup implements "kg backup": a consistent backup of a database, in
// one file, directly or through the kg serve that holds it.
func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("backup", "[--db DIR | --server URL] --out FILE", `Writes a consistent backup of the database to FILE (- for standard output):
Badger's backup stream and the text segments, in one file that kg restore
reads. Writes may go on meanwhile. A database held by a running kg serve is
backed up through it (--server URL, its POST /backup, with the credential
in $KG_TOKEN as for writes); otherwise the
database is opened directly. FILE is written under a temporary name and
renamed when complete.`, stderr)
	db := dbFlag(fs)
	server := fs.String("server", "", "back up the database of the kg serve at `URL` (its POST /backup)")
	out := fs.String("out", "", "write the backup to `FILE` (- for standard output)")
	positional, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(positional) > 0 {
		return usagef("unexpected argument %q", positional[0])
	}
	if *out == "" {
		return usagef("--out FILE is required")
	}
	if *server != "" && *db != "" {
		return usagef("--db and --server exclude each other: the server has its database")
	}
	write := func(w io.Writer) (int64, error) {
		if *server != "" {
			return backupFromServer(ctx, *server, w)
		}
		dir, err := resolveDBDir(*db, runtime.GOOS, os.Getenv)
		if err != nil {
			return 0, err
		}
		if err := checkDatabase(dir); err != nil {
			return 0, err
		}
		store, err := openStoreWith(dir, graph.ServingOptions())
		if err != nil {
			return 0, fmt.Errorf("%w (kg backup --server URL backs up through the server that holds it)", err)
		}
		n, err := store.Backup(w)
		if cerr := store.Close(); err == nil && cerr != nil {
			err = cerr
		}
		return n, err
	}
	if *out == "-" {
		_, err := write(stdout)
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(*out), "."+filepath.Base(*out)+".tmp*")
	if err != nil {
		return err
	}
	n, err := write(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), *out)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return err
	}
	fmt.Fprintf(stderr, "kg backup: %s, %d bytes\n", *out, n)
	return nil
}

// backupFromServer copies the backup of the kg serve at server to w.
func backupFromServer(ctx context.Context, server string, w io.Writer) (int64, error) {
	endpoint, err := ingestEndpoint(server)
	if err != nil {
		return 0, err
	}
	u, _ := url.Parse(endpoint)
	u.Path = strings.TrimSuffix(u.Path, "/ingest") + "/backup"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), nil)
	if err != nil {
		return 0, err
	}
	if token := os.Getenv(tokenEnvVar); token != "" {
		req.Header.Set("Authorization", "Bearer "+token) // a backup needs a credential, like a write
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("%s: %s", u, answerError(resp))
	}
	if ct := resp.Header.Get("Content-Type"); ct != schema.BackupContentType {
		return 0, fmt.Errorf("%s answered %q, not a backup (an older kg serve?)", u, ct)
	}
	n, err := io.Copy(w, resp.Body)
	if err != nil {
		return n, fmt.Errorf("%s: %w", u, err)
	}
	return n, nil
}

// runRestore implements "kg restore": a backup into a new database.
func runRestore(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("restore", "--in FILE --db NEWDIR", `Restores a backup written by kg backup into a new database directory
(which must not exist or be empty). The backup's checksum is checked; a
truncated or damaged file is an error.`, stderr)
	in := fs.String("in", "", "read the backup from `FILE` (- for standard input)")
	db := fs.String("db", "", "restore into `DIR`, a new database directory")
	positional, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(positional) > 0 {
		return usagef("unexpected argument %q", positional[0])
	}
	if *in == "" || *db == "" {
		return usagef("--in FILE and --db NEWDIR are required")
	}
	var r io.Reader = os.Stdin
	if *in != "-" {
		f, err := os.Open(*in)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	entries, statErr := os.ReadDir(*db)
	existed, wasEmpty := statErr == nil, statErr == nil && len(entries) == 0
	if err := graph.Restore(*db, r); err != nil {
		// Leave nothing half-restored that could pass for a database (a
		// directory that held anything was refused before a write).
		switch {
		case !existed:
			os.RemoveAll(*db)
		case wasEmpty:
			if entries, err := os.ReadDir(*db); err == nil {
				for _, e := range entries {
					os.RemoveAll(filepath.Join(*db, e.Name()))
				}
			}
		}
		return err
	}
	fmt.Fprintf(stderr, "kg restore: %s restored from %s\n", *db, *in)
	return nil
}
