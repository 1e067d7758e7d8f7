package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/factgraph/kg/extract"
	"github.com/factgraph/kg/graph"
)

// dbEnvVar names the environment variable that chooses the database
// directory when --db is not given.
const dbEnvVar = "KG_DB"

// dbFlag adds the --db flag to fs.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", "database `DIR` (default $"+dbEnvVar+", else kg in the user's data directory)")
}

// resolveDBDir says which database directory to use: flagValue (--db),
// else $KG_DB, else "kg" in the user's data directory for goos:
// $XDG_DATA_HOME or ~/.local/share on Linux and other Unix systems,
// ~/Library/Application Support on macOS, %LocalAppData% on Windows.
// getenv reads the environment (os.Getenv).
func resolveDBDir(flagValue, goos string, getenv func(string) string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if dir := getenv(dbEnvVar); dir != "" {
		return dir, nil
	}
	dataDir, err := userDataDir(goos, getenv)
	if err != nil {
		return "", fmt.Errorf("no database directory: %w; give one with --db DIR or $%s", err, dbEnvVar)
	}
	return filepath.Join(dataDir, "kg"), nil
}

// userDataDir is where goos keeps an application's data for the user.
func userDataDir(goos string, getenv func(string) string) (string, error) {
	switch goos {
	case "windows":
		if dir := getenv("LocalAppData"); dir != "" {
			return dir, nil
		}
		return "", errors.New("%LocalAppData% is not set")
	case "darwin", "ios":
		if home := getenv("HOME"); home != "" {
			return filepath.Join(home, "Library", "Application Support"), nil
		}
		return "", errors.New("$HOME is not set")
	case "plan9":
		if home := getenv("home"); home != "" {
			return filepath.Join(home, "lib"), nil
		}
		return "", errors.New("$home is not set")
	default:
		// The XDG base directory specification ignores relative paths.
		if dir := getenv("XDG_DATA_HOME"); filepath.IsAbs(dir) {
			return dir, nil
		}
		if home := getenv("HOME"); home != "" {
			return filepath.Join(home, ".local", "share"), nil
		}
		return "", errors.New("neither $XDG_DATA_HOME nor $HOME is set")
	}
}

// openDB resolves the database directory from the --db flag value,
// creates it on first use, and opens the store.
// sync sets graph.Options.SyncWrites (--sync).
func openDB(flagValue string, sync bool) (*graph.Store, string, error) {
	dir, err := resolveDBDir(flagValue, runtime.GOOS, os.Getenv)
	if err != nil {
		return nil, "", err
	}
	opts := graph.IngestOptions()
	opts.SyncWrites = sync
	store, err := openStoreWith(dir, opts)
	return store, dir, err
}

// openExistingDB is openDB for a command that reads a database (serve,
// export): the database must exist, so that a mistyped --db is an error
// naming the path rather than an empty database created by mistake.
// writable opens it for a server that takes writes (servingOptions); sync
// sets graph.Options.SyncWrites (--sync).
func openExistingDB(flagValue string, writable, sync bool) (*graph.Store, string, error) {
	dir, err := resolveDBDir(flagValue, runtime.GOOS, os.Getenv)
	if err != nil {
		return nil, "", err
	}
	if err := checkDatabase(dir); err != nil {
		return nil, dir, err
	}
	opts := servingOptions(writable)
	opts.SyncWrites = sync
	store, err := openStoreWith(dir, opts)
	return store, dir, err
}

// checkDatabase fails, naming dir, unless dir holds a database.
func checkDatabase(dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("no database at %s (kg ingest --db %s PATH... creates one; kg db prints the path used without --db)", abs, dir)
	case err != nil:
		return fmt.Errorf("database %s: %w", abs, err)
	case !info.IsDir() || !isDatabase(dir):
		return fmt.Errorf("%s is not a kg database (no Badger MANIFEST in it)", abs)
	}
	return nil
}

// servingOptions are the store's options for a server: small caches
// (graph.ServingOptions). A server that takes writes (the ingest mutations
// and POST /ingest) gets the ingest's memtable, which also bounds one write
// transaction (about 12% of it is IngestBatch's budget), so that it stores
// every document kg ingest stores: a news article needs a few hundred KB of
// one, but a dense 1 MiB text about 4.4–5.5 MB, more than the 2 MB a 16 MiB
// memtable allows. Badger allocates the memtable on the Go heap; its pages
// become resident as writes fill it.
func servingOptions(writable bool) graph.Options {
	o := graph.ServingOptions()
	if writable {
		o.MemTableMB = graph.IngestOptions().MemTableMB
	}
	return o
}

// openStore opens (creating it if needed) the database in dir, for
// ingest (graph.IngestOptions).
func openStore(dir string) (*graph.Store, error) {
	return openStoreWith(dir, graph.IngestOptions())
}

// openServingStore opens the database in dir for a server: small caches
// (graph.ServingOptions).
func openServingStore(dir string) (*graph.Store, error) {
	return openStoreWith(dir, graph.ServingOptions())
}

func openStoreWith(dir string, opts graph.Options) (*graph.Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create database directory: %w", err)
	}
	store, err := graph.Open(dir, opts)
	if errors.Is(err, graph.ErrOlderLayout) {
		// Migrate at open, saying so: the texts and the audit log are
		// kept, the rest is extracted again.
		if err := migrateAtOpen(dir); err != nil {
			return nil, fmt.Errorf("migrate database %s: %w (kg migrate --db %s resumes it)", dir, err, dir)
		}
		store, err = graph.Open(dir, opts)
	}
	if err != nil {
		if strings.Contains(err.Error(), "Cannot acquire directory lock") {
			return nil, heldError(dir)
		}
		return nil, fmt.Errorf("open database %s: %w", dir, err)
	}
	return store, nil
}

// heldError says that another process holds the database in dir (Badger
// locks its directory): which one, from the pid Badger writes in LOCK, and
// what to do.
func heldError(dir string) error {
	who := "another process"
	if raw, err := os.ReadFile(filepath.Join(dir, "LOCK")); err == nil {
		pid := strings.TrimSpace(string(raw))
		who = "another process (pid " + pid + ")"
		if cmd, err := os.ReadFile("/proc/" + pid + "/cmdline"); err == nil && bytes.Contains(cmd, []byte("serve\x00")) {
			who = "a running kg serve (pid " + pid + ")"
		} else if err == nil && bytes.Contains(cmd, []byte("demo\x00")) {
			who = "a running kg demo (pid " + pid + ")"
		}
	}
	return fmt.Errorf("database %s is held by %s; add documents to a served database with kg ingest --server URL PATH..., or stop the server first", dir, who)
}

// migrateAtOpen upgrades the store in dir from the previous layout
// version, telling stderr.
func migrateAtOpen(dir string) error {
	fmt.Fprintf(os.Stderr, "kg: %s is of the previous layout version: migrating it in place (texts and audit log kept, the rest extracted again)\n", dir)
	ex, err := extract.New()
	if err != nil {
		return err
	}
	return rebuildStore(context.Background(), dir, ex, 0, "migrate", os.Stderr, os.Stderr)
}
