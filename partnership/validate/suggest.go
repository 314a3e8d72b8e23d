package validate

import (
	"strings"
	"unicode/utf8"
)

// maxSuggestDistance is the largest edit distance at which a misspelling is recognised.
const maxSuggestDistance = 2

// didYouMean returns `did you mean "x"?` for the candidate closest to got, when it is close
// enough to be a plausible misspelling, and "" otherwise. Ties go to the earlier candidate, so
// the hint does not depend on map order.
func didYouMean(got string, candidates []string) string {
	best, bestDist := "", maxSuggestDistance+1
	for _, c := range candidates {
		d := levenshtein(strings.ToLower(got), strings.ToLower(c))
		if d < bestDist && d < max(utf8.RuneCountInString(c), 2) {
			best, bestDist = c, d
		}
	}
	if best == "" {
		return ""
	}
	return `did you mean "` + best + `"?`
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

// levenshtein counts the insertions, deletions and substitutions that turn a into b.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
