package partnership

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// IsBidiControl reports whether r is one of the controls that embed, override or isolate a run of
// text in another direction (U+202A–U+202E, U+2066–U+2069). They change the order in which a
// browser shows characters without changing the characters, so that "0001" may read "1000" on
// screen and "0001" on paper.
func IsBidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// isControl reports whether r is a C0 or C1 control character or DEL. Tabs and line breaks are
// controls too; callers that accept them test for them first.
func isControl(r rune) bool {
	return r < 0x20 || r >= 0x7f && r <= 0x9f
}

// needsEscape tells which characters Printable writes as escapes: controls, the bidirectional
// controls, the line and paragraph separators, and invisible format characters.
func needsEscape(r rune) bool {
	return isControl(r) || IsBidiControl(r) || r == 0x2028 || r == 0x2029 || r == utf8.RuneError || unicode.Is(unicode.Cf, r)
}

// Printable returns s as a terminal or a log should show it: every control character, line
// break, bidirectional control and invisible format character is written as an escape (\n, \t,
// \x1b, \u202e). A key, a file name or a text taken from a definition then prints on one line,
// in the order it is written, and cannot start a line of its own (a GitHub Actions command, a
// forged diagnostic) or move the cursor.
func Printable(s string) string {
	if !strings.ContainsFunc(s, needsEscape) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80 && isControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case needsEscape(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// printableLines is Printable, except for line breaks, which the caller encodes itself.
func printableLines(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r != '\n' && r != '\r' && needsEscape(r) }) {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		parts := strings.Split(l, "\r")
		for j, p := range parts {
			parts[j] = Printable(p)
		}
		lines[i] = strings.Join(parts, "\r")
	}
	return strings.Join(lines, "\n")
}

// runeName names the characters a definition may not hold, for messages.
func runeName(r rune) string {
	names := map[rune]string{
		0x202a: "left-to-right embedding", 0x202b: "right-to-left embedding", 0x202c: "pop directional formatting",
		0x202d: "left-to-right override", 0x202e: "right-to-left override", 0x2066: "left-to-right isolate",
		0x2067: "right-to-left isolate", 0x2068: "first strong isolate", 0x2069: "pop directional isolate",
		0x200b: "zero width space", 0x200c: "zero width non-joiner", 0x200d: "zero width joiner",
		0x200e: "left-to-right mark", 0x200f: "right-to-left mark", 0x2060: "word joiner", 0xfeff: "zero width no-break space",
		0x00ad: "soft hyphen", 0x1b: "escape", 0x7f: "delete", 0x09: "tab", 0x0a: "line break", 0x0d: "carriage return",
	}
	if n, ok := names[r]; ok {
		return fmt.Sprintf("U+%04X (%s)", r, n)
	}
	return fmt.Sprintf("U+%04X", r)
}

// textProblem finds the first character a text value may not hold: a control character other
// than a tab or a line break, or a bidirectional control. It returns the character and its
// index, counted in characters from 1.
func textProblem(s string) (r rune, at int, ok bool) {
	n := 0
	for _, r := range s {
		n++
		if r == '\t' || r == '\n' || r == '\r' {
			continue
		}
		if isControl(r) || IsBidiControl(r) {
			return r, n, true
		}
	}
	return 0, 0, false
}

// keyProblem finds the first character a key may not hold: any character that does not print
// (controls, line breaks, bidirectional controls, zero-width and other invisible characters), so
// that two keys that look the same are the same.
func keyProblem(s string) (r rune, at int, ok bool) {
	n := 0
	for _, r := range s {
		n++
		if !unicode.IsPrint(r) {
			return r, n, true
		}
	}
	return 0, 0, false
}

// InvisibleRune returns the first character of s that does not print (a zero-width space, a
// control, a bidirectional control…), for the message of a value that must be an identifier.
func InvisibleRune(s string) (string, bool) {
	r, _, ok := keyProblem(s)
	if !ok {
		return "", false
	}
	return runeName(r), true
}
