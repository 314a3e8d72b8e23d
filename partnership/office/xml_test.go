package office

import (
	"encoding/xml"
	"strings"
	"testing"
)

// TestXMLText checks the escaping of text: what XML reserves is escaped, what XML 1.0 cannot
// hold is dropped, the rest is copied as it is, without allocating.
func TestXMLText(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain", "Article 1er – Objet", "Article 1er – Objet"},
		{"accents and apostrophes", "l’Association, « déclarée »", "l’Association, « déclarée »"},
		{"reserved", `a & b < c > d "e"`, "a &amp; b &lt; c &gt; d &quot;e&quot;"},
		{"tabs and line feeds kept", "a\tb\nc\r", "a\tb\nc\r"},
		{"control characters dropped", "a\x00b\x1fc", "abc"},
		{"not UTF-8 dropped", "a\xffb\xc3", "ab"},
		{"non-characters dropped", "a\uFFFEb\uFFFFc", "abc"},
		{"replacement character kept", "a\uFFFDb", "a\uFFFDb"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := xmlText(tc.in)
			if got != tc.want {
				t.Errorf("xmlText(%q) = %q, want %q", tc.in, got, tc.want)
			}
			var back string
			if err := xml.Unmarshal([]byte("<t>"+got+"</t>"), &back); err != nil {
				t.Errorf("%q does not read back as XML: %v", got, err)
			}
		})
	}
	var w xmlWriter
	text := strings.Repeat("Les parties conviennent de ce qui suit – l’Association « Les Glycines ». ", 20)
	w.Grow(4 * len(text))
	if n := testing.AllocsPerRun(10, func() { w.Reset(); w.text(text) }); n != 0 {
		t.Errorf("writing text allocates %v times, want none", n)
	}
}
