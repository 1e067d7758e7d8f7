// Command kg builds and serves a knowledge graph of entities and sourced
// claims extracted from news articles.
//
//	kg ingest [--db DIR] PATH...         extract articles and store them
//	kg serve  [--db DIR] [--addr]        serve the graph over GraphQL
//	kg demo   [--addr] [--articles DIR]  ingest the examples and serve them
//	kg eval   --gold DIR                 score extraction against gold annotations
//	kg export [--db DIR] [--what all]    write the graph as JSON lines
//	kg token  [--db DIR] add|list|remove  credentials for corrections
//	kg audit  [--db DIR]                 the audit log of the corrections
//	kg reextract [--db DIR]              extract the stored texts again
//	kg migrate [--db DIR]                upgrade a database of the previous layout
//	kg backup [--db DIR | --server URL] --out FILE  a consistent backup
//	kg restore --in FILE --db NEWDIR     restore a backup into a new database
//	kg gen    --docs N --seed S --out DIR  write synthetic articles
//	kg bench  [--docs N]                 measure ingest and queries, one table
//	kg db     [--db DIR]                 print the database directory used
//	kg version                           print the version and VCS revision
//	kg help   [COMMAND]
//
// Every subcommand is a function runNAME(ctx, args, stdout, stderr) in its
// own file. Exit codes: 0 success, 1 failure, 2 a mistake in the command line.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// command is one subcommand of kg.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// commands lists the subcommands in the order kg help shows them.
func commands() []command {
	return []command{
		{"ingest", "extract articles (.txt, .jsonl, directories, -) and store them", runIngest},
		{"serve", "serve the graph over GraphQL", runServe},
		{"demo", "ingest the example articles into a throw-away database and serve it", runDemo},
		{"gen", "generate synthetic articles", runGen},
		{"eval", "measure extraction against gold annotations", runEval},
		{"export", "write the graph as JSON lines (for pandas)", runExport},
		{"token", "manage the credentials that may correct the graph", runToken},
		{"audit", "print the audit log of the corrections", runAudit},
		{"reextract", "extract every stored text again, keeping the corrections", runReextract},
		{"migrate", "upgrade a database of the previous layout version", runMigrate},
		{"backup", "write a consistent backup of the database to one file", runBackup},
		{"restore", "restore a backup into a new database directory", runRestore},
		{"bench", "measure ingest and query speed", runBench},
		{"db", "print the database directory the commands use", runDB},
		{"version", "print the version, VCS revision and Go version", runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run runs the command line args (without the program name) and gives the
// exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		printUsage(stderr)
		return 2
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		return runHelp(ctx, rest, stdout, stderr)
	}
	cmd, ok := lookupCommand(name)
	if !ok {
		fmt.Fprintf(stderr, "kg: unknown command %q\n", name)
		printUsage(stderr)
		return 2
	}
	return exitCode(name, cmd.run(ctx, rest, stdout, stderr), stderr)
}

// runHelp prints the overview, or the usage of one command.
func runHelp(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		printUsage(stdout)
		return 0
	}
	cmd, ok := lookupCommand(args[0])
	if !ok {
		fmt.Fprintf(stderr, "kg help: unknown command %q\n", args[0])
		printUsage(stderr)
		return 2
	}
	// A subcommand prints its usage for -h and answers flag.ErrHelp.
	return exitCode(cmd.name, cmd.run(ctx, []string{"-h"}, stdout, stdout), stderr)
}

func lookupCommand(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "kg builds a knowledge graph of entities and sourced claims from news articles.")
	fmt.Fprintln(w, "\nUsage:\n  kg COMMAND [flags] [args]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "  %-8s %s\n", "help", "show help for a command: kg help COMMAND")
	fmt.Fprintf(w, "\nThe database is --db DIR, else $%s, else kg in the user's data directory.\n", dbEnvVar)
}

// usageError is a mistake in the command line (exit code 2).
type usageError struct {
	err error
	// printed: the flag package has already reported it with the usage.
	printed bool
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// usagef reports a mistake in the command line that the flag package did
// not see (a missing argument, say).
func usagef(format string, args ...any) error {
	return &usageError{err: fmt.Errorf(format, args...)}
}

// exitCode reports err of command name on stderr and gives the exit code.
func exitCode(name string, err error, stderr io.Writer) int {
	var usage *usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &usage):
		if !usage.printed {
			fmt.Fprintf(stderr, "kg %s: %v\nRun 'kg help %s' for usage.\n", name, usage.err, name)
		}
		return 2
	default:
		fmt.Fprintf(stderr, "kg %s: %v\n", name, err)
		return 1
	}
}

// newFlagSet makes the flag set of a subcommand, its usage text written
// to stderr: "Usage: kg NAME ARGS", the description, then the flags.
func newFlagSet(name, args, description string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("kg "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: kg %s %s\n\n%s\n", name, args, description)
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(stderr, "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parseArgs parses args with fs, flags before or after the positional
// arguments ("kg ingest a.txt --db x"), and gives the positional ones.
// Everything after "--" is positional.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &usageError{err: err, printed: true}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}
