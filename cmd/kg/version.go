package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
)

// runVersion implements "kg version": the module version, the VCS revision
// the binary was built from, and the Go version.
func runVersion(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("version", "", "Prints the module version, the VCS revision (and whether the tree was modified) and the Go version kg was built with.", stderr)
	positional, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(positional) > 0 {
		return usagef("unexpected argument %q", positional[0])
	}
	info, _ := debug.ReadBuildInfo()
	fmt.Fprintln(stdout, versionLine(info))
	return nil
}

// versionLine is "kg (devel) revision 1e28f8f (2026-12-01T10:00:00Z,
// modified) go1.26.8 linux/amd64"; parts the build does not know are left
// out.
func versionLine(info *debug.BuildInfo) string {
	parts := []string{"kg"}
	goVersion := runtime.Version()
	if info != nil {
		parts = append(parts, info.Main.Version)
		settings := map[string]string{}
		for _, s := range info.Settings {
			settings[s.Key] = s.Value
		}
		if rev := settings["vcs.revision"]; rev != "" {
			detail := []string{}
			if t := settings["vcs.time"]; t != "" {
				detail = append(detail, t)
			}
			if settings["vcs.modified"] == "true" {
				detail = append(detail, "modified")
			}
			r := "revision " + rev
			if len(detail) > 0 {
				r += " (" + strings.Join(detail, ", ") + ")"
			}
			parts = append(parts, r)
		}
		if info.GoVersion != "" {
			goVersion = info.GoVersion
		}
	}
	return strings.Join(append(parts, goVersion, runtime.GOOS+"/"+runtime.GOARCH), " ")
}

// runDB implements "kg db": print the database directory the other
// commands would use.
func runDB(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("db", "[--db DIR]", `Prints the database directory the other commands use with the same --db
and environment: --db DIR, else $`+dbEnvVar+`, else kg in the user's data
directory. Says on standard error when no database is there yet.`, stderr)
	db := dbFlag(fs)
	positional, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(positional) > 0 {
		return usagef("unexpected argument %q", positional[0])
	}
	dir, err := resolveDBDir(*db, runtime.GOOS, os.Getenv)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, dir)
	if err := checkDatabase(dir); err != nil {
		fmt.Fprintf(stderr, "kg db: %v\n", err)
	}
	return nil
}
