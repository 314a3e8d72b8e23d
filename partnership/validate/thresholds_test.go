package validate_test

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// TestThresholdsNotMet: a convention whose declared facts miss a threshold of its conditions
// states so in bold; validation warns at each threshold missed, and only there. The largest
// example reaches levels 3, 3, 3 and 3 of 3, 4, 4 and 4, against thresholds of 2, 3, 2 and 2.
func TestThresholdsNotMet(t *testing.T) {
	src, err := os.ReadFile("../../examples/pacte-tiers-lieu-la-fabrique.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		from, to string
		want     []string
	}{
		{"all met", "", "", nil},
		{"met exactly", "    use: 3\n", "    use: 3\n", nil},
		{"one missed", "    governance: 2\n", "    governance: 4\n", []string{"/conditions/thresholds/governance"}},
		{"two missed", "    use: 3\n    governance: 2\n", "    use: 4\n    governance: 4\n", []string{"/conditions/thresholds/use", "/conditions/thresholds/governance"}},
		{"degree missed", "    common_interest: 2\n", "    degree: 90\n    common_interest: 2\n", []string{"/conditions/thresholds/degree"}},
		{"no facts", "communality:\n", "unused_communality:\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def := string(src)
			if tt.from != "" {
				if !strings.Contains(def, tt.from) {
					t.Fatalf("the example no longer holds %q", tt.from)
				}
				def = strings.Replace(def, tt.from, tt.to, 1)
			}
			var got []string
			for _, d := range check("pacte.yaml", def) {
				if strings.Contains(d.Message, "below its threshold") {
					got = append(got, d.Pointer)
				}
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(tt.want))
			if !slices.Equal(got, want) {
				t.Errorf("warned at %v, want %v", got, want)
			}
		})
	}
}
