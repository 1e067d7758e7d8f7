package main

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// debianPython is the interpreter Debian's python3-* packages serve (the
// python3 first on PATH may be another one without them).
const debianPython = "/usr/bin/python3"

// needPython returns debianPython if it imports every module, else skips
// the test, naming the Debian packages to install; with CI=true it fails
// instead, so that CI cannot pass by skipping.
func needPython(t *testing.T, modules map[string]string) string {
	t.Helper()
	unavailable := func(format string, args ...any) {
		t.Helper()
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true, and this test cannot run: "+format, args...)
		}
		t.Skipf("skipping: "+format+" (with CI=true this fails)", args...)
	}
	if _, err := os.Stat(debianPython); err != nil {
		unavailable("no %s (apt-get install python3)", debianPython)
	}
	var missing []string
	for module, pkg := range modules {
		ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
		err := exec.CommandContext(ctx, debianPython, "-c", "import "+module).Run()
		cancel()
		if err != nil {
			missing = append(missing, pkg)
		}
	}
	if len(missing) > 0 {
		unavailable("%s cannot import what it needs: apt-get install %s", debianPython, strings.Join(missing, " "))
	}
	return debianPython
}

// runPython runs a Python script with args and returns its standard output.
func runPython(t *testing.T, python, script string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, python, append([]string{"-c", script}, args...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python: %v\n%s", err, stderr.String())
	}
	return string(out)
}
