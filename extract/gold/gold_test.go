package gold

import "testing"

// TestEvaluateCounts checks the scorer on a small article whose right
// answers are known, one convention of ANNOTATION.md at a time.
func TestEvaluateCounts(t *testing.T) {
	named := false
	g := Annotation{
		File: "t.txt",
		Entities: []Entity{
			{Name: "Jabhat a-Nusra", Type: "ARMED_GROUP"},
			{Name: "Assad regime forces", Type: "ARMED_GROUP", Accept: []string{"ORGANIZATION"}, Aliases: []string{"the regime"}},
			{Name: "Khalid Niklawi", Type: "PERSON", Aliases: []string{"Niklawi"}},
			{Name: "Facebook", Type: "ORGANIZATION", Optional: true},
			{Name: "Idlib", Type: "PLACE"},
		},
		Claims: []Claim{
			{Speaker: "Khalid Niklawi", Cue: "said", Content: "the campaign is politicized and serves the regime"},
			{Speaker: "local activists", SpeakerNamed: &named, Cue: "said", Content: "twenty people were killed in Idlib"},
		},
		Relations: []Relation{
			{Subject: "Jabhat al-Nusra", Predicate: "FIGHTS", Object: "Assad regime forces", Polarity: true, Speaker: "Wire"},
			{Subject: "Jabhat a-Nusra", Predicate: "CONTROLS", Object: "Idlib", Polarity: true, Speaker: "Khalid Niklawi"},
		},
	}
	sys := System{
		Publisher: "Wire", PublisherID: "pub",
		Entities: []SysEntity{
			{ID: "n", Names: []string{"Jabhat al-Nusra"}, Type: "ARMED_GROUP", Mentioned: true},                     // folded match
			{ID: "r", Names: []string{"Syrian regime forces", "the regime"}, Type: "ORGANIZATION", Mentioned: true}, // accepted type, alias
			{ID: "k", Names: []string{"Niklawi"}, Type: "PERSON", Mentioned: true},
			{ID: "f", Names: []string{"Facebook"}, Type: "ORGANIZATION", Mentioned: true},             // optional: neither right nor wrong
			{ID: "g", Names: []string{"rebels"}, Type: "ARMED_GROUP", Mentioned: true, Generic: true}, // generic: not wrong
			{ID: "x", Names: []string{"Twitter"}, Type: "ORGANIZATION", Mentioned: true},              // wrong
			{ID: "pub", Names: []string{"Wire"}, Type: "ORGANIZATION"},                                // not mentioned: not scored
		},
		Claims: []SysClaim{
			{Kind: "INDIRECT", SpeakerID: "k", Text: "the campaign is politicized and serves the regime"},
			{Kind: "INDIRECT", SpeakerText: "Local activists", Text: "twenty people were killed"}, // holds 60%? 3 of 4 words
			{Kind: "INDIRECT", SpeakerID: "r", Text: "the campaign is politicized"},               // wrong speaker
			{Kind: "NARRATIVE", SpeakerID: "pub", Text: "not scored"},
		},
		Relations: []SysRelation{
			{SubjectID: "r", Predicate: "FIGHTS", ObjectID: "n", Polarity: true, SpeakerID: "pub"},  // either direction
			{SubjectID: "n", Predicate: "CONTROLS", ObjectID: "i", Polarity: true, SpeakerID: "k"},  // Idlib not found
			{SubjectID: "n", Predicate: "FIGHTS", ObjectID: "r", Polarity: false, SpeakerID: "pub"}, // wrong polarity
		},
	}
	sc := Evaluate(g, sys)
	want := struct{ entities, claims, relations Counts }{
		entities:  Counts{TPSys: 3, System: 4, Found: 3, Gold: 4},
		claims:    Counts{TPSys: 2, System: 3, Found: 2, Gold: 2},
		relations: Counts{TPSys: 1, System: 3, Found: 1, Gold: 2},
	}
	if sc.Entities != want.entities {
		t.Errorf("entities %+v, want %+v (missed %v, wrong %v)", sc.Entities, want.entities, sc.MissedEntities, sc.WrongEntities)
	}
	if sc.Claims != want.claims {
		t.Errorf("claims %+v, want %+v (missed %v, wrong %v)", sc.Claims, want.claims, sc.MissedClaims, sc.WrongClaims)
	}
	if sc.Relations != want.relations {
		t.Errorf("relations %+v, want %+v (missed %v, wrong %v)", sc.Relations, want.relations, sc.MissedRelations, sc.WrongRelations)
	}
	if sc.RelationsAnySpeaker != 1 {
		t.Errorf("relations found whoever asserts them: %d, want 1", sc.RelationsAnySpeaker)
	}
	if sc.ContentFound != 2 || sc.ExactSpan != 1 {
		t.Errorf("content found %d (want 2), exact spans %d (want 1)", sc.ContentFound, sc.ExactSpan)
	}
	// named speakers on gold content: Niklawi's (right) and the regime's
	// (wrong); the unnamed activists' claim has no named speaker
	if sc.NamedAttributed != 2 || sc.NamedWrong != 1 {
		t.Errorf("named-speaker claims on gold content %d (want 2), wrong speaker %d (want 1): %v", sc.NamedAttributed, sc.NamedWrong, sc.WrongSpeakers)
	}
}

func TestFoldedNames(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"Jabhat al-Nusra", "Jabhat a-Nusra"},
		{"the regime", "regime"},
		{"Deir ez-Zor", "Deir e-Zor"},
	} {
		if norm(tc.a) != norm(tc.b) {
			t.Errorf("%q and %q should match", tc.a, tc.b)
		}
	}
	if norm("Homs") == norm("Hama") {
		t.Error("Homs and Hama should not match")
	}
}
