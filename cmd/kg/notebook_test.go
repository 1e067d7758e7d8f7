package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestE2ENotebook executes examples/notebook/casualty-figures.ipynb, as a
// reader would, with Debian's /usr/bin/python3 and nbconvert against a
// real kg serve of testdata/articles on a loopback port: every cell runs
// without an error, the figures come out side by side, and the chart is a
// PNG (kept in $KG_ARTEFACTS/TestE2ENotebook when that is set).
func TestE2ENotebook(t *testing.T) {
	python := needPython(t, map[string]string{
		"pandas": "python3-pandas", "matplotlib": "python3-matplotlib",
		"nbconvert": "python3-nbconvert", "ipykernel": "python3-ipykernel",
	})
	root := moduleRoot(t)
	db := t.TempDir()
	mustKG(t, "", "ingest", "--db", db, filepath.Join(root, "testdata", "articles"))
	srv := startServer(t, db)
	defer srv.stop(t)

	out := artefactDir(t)
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, python, "-Xfrozen_modules=off", "-m", "nbconvert", "--to", "notebook", "--execute",
		"--ExecutePreprocessor.timeout=120", "--ExecutePreprocessor.kernel_name=python3",
		"--output-dir", out, filepath.Join(root, "examples", "notebook", "casualty-figures.ipynb"))
	cmd.Env = append(os.Environ(), "KG_URL="+srv.base, "KG_NOTEBOOK_OUT="+out,
		"JUPYTER_RUNTIME_DIR="+t.TempDir(), "PYDEVD_DISABLE_FILE_VALIDATION=1", "MPLCONFIGDIR="+t.TempDir())
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nbconvert --execute: %v\n%s", err, b)
	}

	raw, err := os.ReadFile(filepath.Join(out, "casualty-figures.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Cells []struct {
			CellType string `json:"cell_type"`
			Outputs  []struct {
				OutputType string            `json:"output_type"`
				Text       any               `json:"text"`
				Data       map[string]any    `json:"data"`
				Ename      string            `json:"ename"`
				Metadata   map[string]string `json:"-"`
			} `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(raw, &nb); err != nil {
		t.Fatalf("the executed notebook is not JSON: %v", err)
	}
	var shown strings.Builder
	for _, c := range nb.Cells {
		if c.CellType != "code" {
			continue
		}
		if len(c.Outputs) == 0 {
			t.Error("a code cell shows nothing after execution")
		}
		for _, o := range c.Outputs {
			if o.OutputType == "error" {
				t.Errorf("a cell raised %s", o.Ename)
			}
			for _, v := range []any{o.Text, o.Data["text/plain"]} {
				switch v := v.(type) {
				case string:
					shown.WriteString(v)
				case []any:
					for _, s := range v {
						shown.WriteString(s.(string))
					}
				}
			}
		}
	}
	// What extraction finds changes with its rules; these hold for any
	// graph of the demo articles: claims with figures, both kinds the
	// articles report most, qualifiers beside numbers, a chart drawn.
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`[1-9]\d* claims, [1-9]\d* with figures`), regexp.MustCompile(`DISPLACED`),
		regexp.MustCompile(`KILLED`), regexp.MustCompile(`(more than|at least) \d`),
		regexp.MustCompile(`with [1-9]\d* death tolls from [1-9]\d* articles`),
	} {
		if !want.MatchString(shown.String()) {
			t.Errorf("the notebook's outputs do not show %s:\n%s", want, shown.String())
		}
	}
	png, err := os.ReadFile(filepath.Join(out, "casualty-figures.png"))
	if err != nil {
		t.Fatalf("the notebook wrote no chart: %v", err)
	}
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) || len(png) < 20000 {
		t.Errorf("casualty-figures.png is not a PNG of a chart (%d bytes)", len(png))
	}
	t.Logf("chart: %s", filepath.Join(out, "casualty-figures.png"))
}
