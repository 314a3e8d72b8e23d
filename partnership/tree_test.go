package partnership

import (
	"regexp"
	"testing"
)

// TestIsDecimal checks isDecimal against the regular expression it stands for, on numbers as
// YAML writes them and on near misses.
func TestIsDecimal(t *testing.T) {
	re := regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$`)
	parts := []string{"", "-", "+", ".", "0", "7", "12", "_", "1_000", "e", "E", "e5", "E-3", "e+", "x", " ", "..", "0x1F", ".inf", "é"}
	var cases []string
	for _, a := range parts {
		for _, b := range parts {
			for _, c := range parts {
				cases = append(cases, a+b+c)
			}
		}
	}
	for _, s := range cases {
		if got, want := isDecimal(s), re.MatchString(s); got != want {
			t.Errorf("isDecimal(%q) = %v, want %v", s, got, want)
		}
	}
}
