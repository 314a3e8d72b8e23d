package office

import (
	"bytes"
	"unicode/utf8"
)

// xmlWriter builds an XML part: a buffer with helpers for the common cases.
type xmlWriter struct{ bytes.Buffer }

func (w *xmlWriter) s(parts ...string) {
	for _, p := range parts {
		w.WriteString(p)
	}
}

// text writes text escaped for an XML element or attribute, and drops the characters XML 1.0
// cannot hold (control characters other than tab and line feeds, U+FFFE, U+FFFF, bytes that are
// not UTF-8), which no editor could open. It copies the runs of text that need nothing, so that
// text (most of a document, accented or not) costs no allocation.
func (w *xmlWriter) text(s string) {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			var esc string
			switch {
			case c == '&':
				esc = "&amp;"
			case c == '<':
				esc = "&lt;"
			case c == '>':
				esc = "&gt;"
			case c == '"':
				esc = "&quot;"
			case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
			default:
				i++
				continue
			}
			w.WriteString(s[start:i])
			w.WriteString(esc)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == 0xFFFE || r == 0xFFFF {
			w.WriteString(s[start:i])
			start = i + size
		}
		i += size
	}
	w.WriteString(s[start:])
}

// xmlText is s escaped as text writes it.
func xmlText(s string) string {
	var w xmlWriter
	w.text(s)
	return w.String()
}

// attr writes ` name="value"` with the value escaped.
func (w *xmlWriter) attr(name, value string) {
	w.s(" ", name, `="`)
	w.text(value)
	w.WriteString(`"`)
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
