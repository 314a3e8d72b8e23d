package templates

import (
	"regexp"
	"testing"
)

func TestVersionIsSemantic(t *testing.T) {
	if v := Version(); !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(v) {
		t.Errorf("VERSION %q is not a semantic version", v)
	}
}
