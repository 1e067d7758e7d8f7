package extract

import (
	"fmt"
	"testing"
)

func TestFigures(t *testing.T) {
	tests := []struct {
		text string
		want []string // "KIND value qualifier|text"
	}{
		{"more than 130,000 Syrians in Deir e-Zor province have fled their homes", []string{"DISPLACED 130000 more than|more than 130,000"}},
		{"634 have been killed", []string{"KILLED 634 |634"}},
		{"five troops were killed and four others were wounded", []string{"KILLED 5 |five", "WOUNDED 4 |four"}},
		{"At least 93 people, among them 27 civilians, have been killed", []string{"KILLED 93 at least|At least 93", "KILLED 27 |27"}},
		{"some 2.5 million people remain displaced", []string{"DISPLACED 2500000 some|some 2.5 million"}},
		{"Since 2014 the group carried out 200 strikes on the towns.", nil},
		{"In 2019, 40 detainees were released.", []string{"DETAINED 40 |40"}},
		// shares and repetitions are not counts of people
		{"about 75 percent of the population are displaced", nil},
		{"about 75 per cent of the population are displaced", nil},
		{"The families had already fled three times.", nil},
		{"a shell hit one of its schools, killing nine people", []string{"KILLED 9 |nine"}},
		{"a tank shell hit a school, killing nine displaced people", []string{"KILLED 9 |nine"}},
		{"Monitor: 93 killed in ten days of fighting", []string{"KILLED 93 |93"}},
	}
	for _, tt := range tests {
		got := []string{}
		for _, f := range Figures(tt.text) {
			if s, err := runeSlice(tt.text, f.Span); err != nil || s != f.Text {
				t.Errorf("%q: span %d:%d is %q, figure text %q", tt.text, f.Start, f.End, s, f.Text)
			}
			got = append(got, fmt.Sprintf("%s %d %s|%s", f.Kind, f.Value, f.Qualifier, f.Text))
		}
		if fmt.Sprint(got) != fmt.Sprint(append([]string{}, tt.want...)) && !(len(got) == 0 && len(tt.want) == 0) {
			t.Errorf("Figures(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
