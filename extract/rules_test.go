package extract

import (
	"fmt"
	"strings"
	"testing"
)

// TestRuleTables runs every example of every rule table: what it must
// find is found and recorded under one of the rule's names, and what it
// must not find is not. Every rule has an example, and no two rules
// share a name.
func TestRuleTables(t *testing.T) {
	x := newTestExtractor(t)
	names := map[string]bool{}
	for _, rule := range relationRules {
		if names[rule.Name] {
			t.Errorf("two relation rules named %q", rule.Name)
		}
		names[rule.Name] = true
		if rule.Doc == "" || len(rule.Records) == 0 || len(rule.Examples) == 0 {
			t.Errorf("relation rule %q lacks a doc, the names it records or an example", rule.Name)
		}
		for _, ex := range rule.Examples {
			t.Run(rule.Name+"/"+ex.Text, func(t *testing.T) {
				r := x.Extract(Article{Text: ex.Text, Publisher: "Test Wire"})
				found := false
				var got []string
				for i, line := range summarize(r).Relations {
					got = append(got, line)
					if ex.Not != "" && strings.Contains(line, ex.Not) {
						t.Errorf("unwanted %q in %q", ex.Not, line)
					}
					if strings.Contains(line, ex.Want) && recordedBy(r.Relations[i].Rule, rule.Records) {
						found = true
					}
				}
				if !found {
					t.Errorf("want %q recorded as one of %v; got %q", ex.Want, rule.Records, got)
				}
			})
		}
	}
}

// TestNameRules runs every example of the name rules: the entity it must
// find is there and was named by the rule (its Rule), and the one it must
// not find is not.
func TestNameRules(t *testing.T) {
	x := newTestExtractor(t)
	names := map[string]bool{}
	for _, rule := range nameRules {
		if names[rule.Name] {
			t.Errorf("two name rules named %q", rule.Name)
		}
		names[rule.Name] = true
		if rule.Doc == "" || len(rule.Examples) == 0 {
			t.Errorf("name rule %q lacks a doc or an example", rule.Name)
		}
		for _, ex := range rule.Examples {
			t.Run(rule.Name+"/"+ex.Text, func(t *testing.T) {
				r := x.Extract(Article{Text: ex.Text, Publisher: "Test Wire"})
				found := ex.Want == ""
				var got []string
				for _, e := range r.Entities {
					line := string(e.Type) + " " + e.Name
					got = append(got, line+" ("+e.Rule+")")
					if line == ex.Not {
						t.Errorf("unwanted %q", ex.Not)
					}
					if line == ex.Want && e.Rule == rule.Name {
						found = true
					}
				}
				if !found {
					t.Errorf("want %q named by %s; got %q", ex.Want, rule.Name, got)
				}
			})
		}
	}
}

// TestClaimRules runs every example of the claim rules: the claim it
// must make is there, recorded under one of the rule's names.
func TestClaimRules(t *testing.T) {
	x := newTestExtractor(t)
	names := map[string]bool{}
	for _, rule := range claimRules {
		if names[rule.Name] {
			t.Errorf("two claim rules named %q", rule.Name)
		}
		names[rule.Name] = true
		if rule.Doc == "" || len(rule.Records) == 0 || len(rule.Examples) == 0 {
			t.Errorf("claim rule %q lacks a doc, the names it records or an example", rule.Name)
		}
		for _, ex := range rule.Examples {
			t.Run(rule.Name+"/"+ex.Text, func(t *testing.T) {
				r := x.Extract(Article{Text: ex.Text, Publisher: "Test Wire"})
				var got []string
				for _, c := range r.Claims {
					spk := "~" + c.SpeakerText
					if c.Speaker != NoEntity {
						spk = r.Entities[c.Speaker].Name
					}
					line := fmt.Sprintf("%s %s: %s", c.Kind, spk, c.Text)
					if line == ex.Want && recordedBy(c.Rule, rule.Records) {
						return
					}
					got = append(got, line+" ("+c.Rule+")")
				}
				t.Errorf("want %q recorded as one of %v; got %q", ex.Want, rule.Records, got)
			})
		}
	}
}

// recordedBy reports whether a relation's rule name is one of names (a
// name ending in "-" matches as a prefix).
func recordedBy(rule string, names []string) bool {
	for _, n := range names {
		if rule == n || strings.HasSuffix(n, "-") && strings.HasPrefix(rule, n) {
			return true
		}
	}
	return false
}

// TestFigurePlaceRules runs every example of the figure place rules: the
// figure is placed where the example says, by that rule (or by none when
// the example wants no place), and every rule has a doc and an example.
func TestFigurePlaceRules(t *testing.T) {
	x := newTestExtractor(t)
	names := map[string]bool{}
	for _, rule := range figurePlaceRules {
		if names[rule.Name] {
			t.Errorf("two figure place rules named %q", rule.Name)
		}
		names[rule.Name] = true
		if rule.Doc == "" || len(rule.Examples) == 0 {
			t.Errorf("figure place rule %q lacks a doc or an example", rule.Name)
		}
		for _, ex := range rule.Examples {
			t.Run(rule.Name+"/"+ex.Text, func(t *testing.T) {
				r := x.Extract(Article{Text: ex.Text, Publisher: "Test Wire"})
				var got []string
				found := false
				for _, f := range r.Figures {
					place, wantRule := "-", ""
					if f.Place != NoEntity {
						place, wantRule = r.Entities[f.Place].Name, rule.Name
					}
					line := fmt.Sprintf("%s %d @ %s", f.Kind, f.Value, place)
					got = append(got, line+" ("+f.PlaceRule+")")
					if line == ex.Want && f.PlaceRule == wantRule {
						found = true
					}
				}
				if !found {
					t.Errorf("want %q placed by %s; got %q", ex.Want, rule.Name, got)
				}
			})
		}
	}
}
