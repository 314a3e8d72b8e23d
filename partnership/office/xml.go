package office

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// xmlText escapes text for an XML element or attribute, and drops the characters XML 1.0 cannot
// hold (control characters other than tab and line feeds), which no editor could open.
func xmlText(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '&' || c == '<' || c == '>' || c == '"' || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c >= utf8.RuneSelf {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\t', r == '\n', r == '\r':
			b.WriteRune(r)
		case r < 0x20, r == 0xFFFE, r == 0xFFFF, r == utf8.RuneError:
			// not representable in XML 1.0
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// xmlWriter builds an XML part: a buffer with helpers for the common cases.
type xmlWriter struct{ bytes.Buffer }

func (w *xmlWriter) s(parts ...string) {
	for _, p := range parts {
		w.WriteString(p)
	}
}

// text writes escaped text.
func (w *xmlWriter) text(s string) { w.WriteString(xmlText(s)) }

// attr writes ` name="value"` with the value escaped.
func (w *xmlWriter) attr(name, value string) {
	w.WriteString(" " + name + `="`)
	w.WriteString(xmlText(value))
	w.WriteString(`"`)
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
