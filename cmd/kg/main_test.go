package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"reflect"
	"strings"
	"testing"
)

func TestParseArgs(t *testing.T) {
	tests := []struct {
		args           []string
		wantDB         string
		wantPositional []string
	}{
		{[]string{"a.txt", "b"}, "", []string{"a.txt", "b"}},
		{[]string{"--db", "x", "a.txt"}, "x", []string{"a.txt"}},
		{[]string{"a.txt", "--db=x", "b"}, "x", []string{"a.txt", "b"}},
		{[]string{"a.txt", "-", "-db", "x"}, "x", []string{"a.txt", "-"}},
		{[]string{"a.txt", "--", "--db", "x"}, "", []string{"a.txt", "--db", "x"}},
		{nil, "", nil},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			fs := flag.NewFlagSet("test", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			db := fs.String("db", "", "")
			positional, err := parseArgs(fs, tt.args)
			if err != nil {
				t.Fatal(err)
			}
			if *db != tt.wantDB || !reflect.DeepEqual(positional, tt.wantPositional) {
				t.Errorf("db=%q positional=%q; want db=%q positional=%q", *db, positional, tt.wantDB, tt.wantPositional)
			}
		})
	}
}

// TestRunCommandLine checks exit codes and messages of command lines that
// fail before touching a database.
func TestRunCommandLine(t *testing.T) {
	tests := []struct {
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{nil, 2, "", "Usage:"},
		{[]string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{[]string{"help"}, 0, "Commands:", ""},
		{[]string{"help", "ingest"}, 0, "Usage: kg ingest", ""},
		{[]string{"help", "nope"}, 2, "", `unknown command "nope"`},
		{[]string{"ingest"}, 2, "", "kg ingest: no PATH to ingest\nRun 'kg help ingest' for usage."},
		{[]string{"ingest", "-h"}, 0, "", "Usage: kg ingest [--db DIR | --server URL] PATH..."},
		{[]string{"ingest", "--nope", "x"}, 2, "", "flag provided but not defined: -nope"},
		{[]string{"serve", "extra"}, 2, "", `kg serve: unexpected argument "extra"`},
		{[]string{"serve", "--addr"}, 2, "", "flag needs an argument: -addr"},
		{[]string{"demo", "--articles", "/no/such/dir"}, 1, "", "kg demo: example articles: looked in /no/such/dir: no such directory; run kg demo from the repository root, or give --articles DIR"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tt.args, &stdout, &stderr)
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d (stderr %q)", code, tt.wantCode, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.wantStdout) {
				t.Errorf("stdout %q, want it to contain %q", stdout.String(), tt.wantStdout)
			}
			if !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("stderr %q, want it to contain %q", stderr.String(), tt.wantStderr)
			}
		})
	}
}

func TestCurlCommand(t *testing.T) {
	got := curlCommand("http://127.0.0.1:8080/graphql", "{\n  entities(name: \"Jabhat a-Nusra's\") {\n    name\n  }\n}", "")
	want := `curl -s http://127.0.0.1:8080/graphql -H 'Content-Type: application/json' -d '{"query":"{ entities(name: \"Jabhat a-Nusra'\''s\") { name } }"}'`
	if got != want {
		t.Errorf("curlCommand =\n%s\nwant\n%s", got, want)
	}
}
