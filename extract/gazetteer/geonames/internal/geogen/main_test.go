package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/want.tsv from the fixture")

// fixture is the hand-written input in testdata: seven GeoNames rows in
// the cities500 format, a few divisions, a word list and given names.
func fixture(dir string) inputs {
	return inputs{
		cities: filepath.Join(dir, "cities500.txt"),
		admin1: filepath.Join(dir, "admin1.json"),
		admin2: filepath.Join(dir, "admin2.json"),
		words:  filepath.Join(dir, "words"),
		given:  filepath.Join(dir, "given_names.txt"),
	}
}

// TestGenerateGolden compares the text generated from the fixture with
// testdata/want.tsv, read and checked by hand (go test -update rewrites it).
func TestGenerateGolden(t *testing.T) {
	got, err := fixture("testdata").generate()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("testdata/want.tsv", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/want.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("generated text differs from testdata/want.tsv:\n%s", got)
	}
}

// TestGenerateDeterministic generates twice, and once from the inputs in
// another order: the same text and the same compressed bytes each time.
func TestGenerateDeterministic(t *testing.T) {
	in := fixture("testdata")
	first, err := in.generate()
	if err != nil {
		t.Fatal(err)
	}
	again, err := in.generate()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, again) {
		t.Fatal("two runs on the same input differ")
	}
	// The same rows in reverse order, the divisions too.
	dir := t.TempDir()
	reverseLines := func(name string) {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(strings.TrimSuffix(string(data), "\n"), "\n")
		for i := range lines {
			lines[i] = strings.TrimSuffix(lines[i], "\n") + "\n"
		}
		slices.Reverse(lines)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.Join(lines, "")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	reverseLines("cities500.txt")
	reverseLines("words")
	for _, name := range []string{"admin1.json", "admin2.json", "given_names.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, ".json") {
			// reverse the objects of the one-line JSON array
			objs := strings.Split(strings.Trim(strings.TrimSpace(string(data)), "[]"), "},{")
			slices.Reverse(objs)
			for i := range objs {
				objs[i] = "{" + strings.Trim(objs[i], "{}") + "}"
			}
			data = []byte("[" + strings.Join(objs, ",") + "]\n")
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	shuffled, err := fixture(dir).generate()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, shuffled) {
		t.Errorf("input order changes the output:\n%s\nagainst\n%s", shuffled, first)
	}
	z1, err := compress(first)
	if err != nil {
		t.Fatal(err)
	}
	z2, err := compress(again)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(z1, z2) {
		t.Error("compressing the same text twice gives different bytes")
	}
}
