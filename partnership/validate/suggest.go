package validate

import (
	"strings"

	"github.com/commons-toolkit/commons/partnership"
)

// didYouMean returns the hint `did you mean "x"?` for the candidate closest to got, when it is
// close enough to be a plausible misspelling, and the zero Msg otherwise.
func didYouMean(got string, candidates []string) partnership.Msg {
	if best := partnership.Closest(got, candidates); best != "" {
		return partnership.M("did-you-mean", best)
	}
	return partnership.Msg{}
}

// enumHint is didYouMean for a value of an enumeration, which also knows the words a French
// user tries ("financeur" for "funder").
func enumHint(got string, allowed []string) partnership.Msg {
	if v := partnership.Synonym(got, allowed); v != "" {
		return partnership.M("did-you-mean", v)
	}
	return didYouMean(got, allowed)
}

// suggest is didYouMean for a key; when nothing is close it lists the keys allowed there, as
// long as the list stays short enough to read.
func suggest(got string, allowed []string) partnership.Msg {
	if h := didYouMean(got, allowed); h.Code != "" {
		return h
	}
	if len(allowed) == 0 {
		return partnership.Msg{}
	}
	if len(allowed) > 12 {
		return partnership.M("see-schema-keys")
	}
	return partnership.M("allowed-keys", strings.Join(allowed, ", "))
}
