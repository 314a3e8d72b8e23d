package partnership

import (
	"strings"
	"unicode/utf8"
)

// maxSuggestDistance is the largest edit distance at which a misspelling is recognised.
const maxSuggestDistance = 2

// Closest returns the candidate closest to got, ignoring case, when it is close enough to be a
// plausible misspelling (at most two edits, and fewer edits than the candidate has letters), or
// "" otherwise. Ties go to the earlier candidate, so a hint never depends on map order.
func Closest(got string, candidates []string) string {
	best, bestDist := "", maxSuggestDistance+1
	for _, c := range candidates {
		d := EditDistance(strings.ToLower(got), strings.ToLower(c))
		if d < bestDist && d < max(utf8.RuneCountInString(c), 2) {
			best, bestDist = c, d
		}
	}
	return best
}

// EditDistance counts the insertions, deletions and substitutions that turn a into b
// (Levenshtein distance), on characters rather than bytes.
func EditDistance(a, b string) int {
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
