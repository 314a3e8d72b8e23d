package typeset

import "unicode/utf8"

// Arabic letters change shape with their neighbours. fpdf draws one glyph per character and has
// no shaping, so the typesetter chooses the contextual form itself, among the presentation forms
// of Unicode (U+FE70–U+FEFF), when the font that draws the letters has them (DejaVu Sans does;
// Liberation Serif has no Arabic). Lam followed by alef becomes their ligature. Marks are left
// where they are, unpositioned; other ligatures are not made.

// arabicLetter is a letter's first presentation form (isolated) and its number of forms: 1 for
// hamza, which never joins; 2 for the letters that join only to the letter before them (isolated,
// final); 4 for those that join on both sides (isolated, final, initial, medial).
type arabicLetter struct {
	isolated rune
	forms    int
}

var arabicLetters = func() map[rune]arabicLetter {
	// The forms follow each other in the order of the letters.
	counts := []struct {
		from, to rune
		forms    []int
	}{
		{0x0621, 0x063A, []int{1, 2, 2, 2, 2, 4, 2, 4, 2, 4, 4, 4, 4, 4, 2, 2, 2, 2, 4, 4, 4, 4, 4, 4, 4, 4}},
		{0x0641, 0x064A, []int{4, 4, 4, 4, 4, 4, 4, 2, 2, 4}},
	}
	m := map[rune]arabicLetter{}
	next := rune(0xFE80)
	for _, c := range counts {
		for i, n := range c.forms {
			m[c.from+rune(i)] = arabicLetter{isolated: next, forms: n}
			next += rune(n)
		}
	}
	return m
}()

// lamAlef gives the isolated form of the ligature of lam with each alef.
var lamAlef = map[rune]rune{0x0622: 0xFEF5, 0x0623: 0xFEF7, 0x0625: 0xFEF9, 0x0627: 0xFEFB}

// presentationBase maps a presentation form back to its letter, for copying text.
var presentationBase = func() map[rune]rune {
	m := map[rune]rune{}
	for r, l := range arabicLetters {
		for i := range l.forms {
			m[l.isolated+rune(i)] = r
		}
	}
	return m
}()

func arabicMark(r rune) bool { return r >= 0x064B && r <= 0x065F || r == 0x0670 }

// joinsForward reports whether a character joins to the letter after it.
func joinsForward(r rune) bool {
	if r == 0x0640 { // tatweel
		return true
	}
	l, ok := arabicLetters[r]
	return ok && l.forms == 4
}

// joinsBack reports whether a character joins to the letter before it.
func joinsBack(r rune) bool {
	if r == 0x0640 {
		return true
	}
	l, ok := arabicLetters[r]
	return ok && l.forms > 1
}

// shapeArabic replaces the Arabic letters of logical-order text by their contextual forms,
// where has says the font draws the form.
func shapeArabic(s string, has func(rune) bool) string {
	rs := []rune(s)
	shaped := false
	for _, r := range rs {
		if _, ok := arabicLetters[r]; ok {
			shaped = true
			break
		}
	}
	if !shaped {
		return s
	}
	// neighbour finds the letter before (step -1) or after (step 1) i, past marks.
	neighbour := func(i, step int) rune {
		for j := i + step; j >= 0 && j < len(rs); j += step {
			if !arabicMark(rs[j]) {
				return rs[j]
			}
		}
		return 0
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		l, ok := arabicLetters[r]
		if !ok {
			out = utf8.AppendRune(out, r)
			continue
		}
		prev, next := neighbour(i, -1), neighbour(i, 1)
		back := joinsForward(prev) && l.forms > 1
		if lig, isLig := lamAlef[next]; r == 0x0644 && isLig {
			form := lig
			if back {
				form++
			}
			if has(form) {
				out = utf8.AppendRune(out, form)
				for i++; i < len(rs) && rs[i] != next; i++ {
					out = utf8.AppendRune(out, rs[i]) // marks between lam and alef
				}
				continue
			}
		}
		forward := l.forms == 4 && joinsBack(next)
		form := l.isolated
		switch {
		case back && forward:
			form += 3
		case forward:
			form += 2
		case back:
			form++
		}
		if !has(form) {
			form = r
		}
		out = utf8.AppendRune(out, form)
	}
	return string(out)
}
