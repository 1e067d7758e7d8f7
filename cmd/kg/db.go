package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

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
func openDB(flagValue string) (*graph.Store, string, error) {
	dir, err := resolveDBDir(flagValue, runtime.GOOS, os.Getenv)
	if err != nil {
		return nil, "", err
	}
	store, err := openStore(dir)
	return store, dir, err
}

// openServingDB is openDB for a process that mostly reads: small caches
// (graph.ServingOptions).
func openServingDB(flagValue string) (*graph.Store, string, error) {
	dir, err := resolveDBDir(flagValue, runtime.GOOS, os.Getenv)
	if err != nil {
		return nil, "", err
	}
	store, err := openServingStore(dir)
	return store, dir, err
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
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", dir, err)
	}
	return store, nil
}
