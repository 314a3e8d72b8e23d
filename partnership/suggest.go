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

// EditDistance counts the insertions, deletions, substitutions and swaps of two neighbouring
// characters that turn a into b (the optimal string alignment distance), on characters rather
// than bytes: "lnit" is one swap from "lint".
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	rows := [3][]int{make([]int, len(rb)+1), make([]int, len(rb)+1), make([]int, len(rb)+1)}
	for j := range rows[1] {
		rows[1][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		// Row i is kept in rows[(i+1)%3], beside the two before it.
		prev2, prev, cur := rows[(i+2)%3], rows[i%3], rows[(i+1)%3]
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
	}
	return rows[(len(ra)+1)%3][len(rb)]
}
