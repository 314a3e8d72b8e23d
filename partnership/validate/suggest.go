package validate

import (
	"strings"

	"github.com/commons-toolkit/commons/partnership"
)

// didYouMean returns `did you mean "x"?` for the candidate closest to got, when it is close
// enough to be a plausible misspelling, and "" otherwise.
func didYouMean(got string, candidates []string) string {
	if best := partnership.Closest(got, candidates); best != "" {
		return `did you mean "` + best + `"?`
	}
	return ""
}

// suggest is didYouMean for a key; when nothing is close it lists the keys allowed there, as
// long as the list stays short enough to read.
func suggest(got string, allowed []string) string {
	if h := didYouMean(got, allowed); h != "" {
		return h
	}
	if len(allowed) == 0 {
		return ""
	}
	if len(allowed) > 12 {
		return `run "commons schema" to see the keys allowed here`
	}
	return "allowed keys here: " + strings.Join(allowed, ", ")
}
