package validate_test

import (
	"strings"
	"testing"
)

// TestURLsAreURLs runs the reproduction of the issue: a web address with a space or trailing
// junk validated, and the link silently became plain text. Each address of an annex is checked
// as a reader follows it.
func TestURLsAreURLs(t *testing.T) {
	tests := []struct {
		url, message string
	}{
		{"https://example.org/rapport-2025.pdf", ""},
		{"https://fr.wikipedia.org/wiki/Verger_(agriculture)?action=history", ""},
		{"https://ville-de-valmont.fr/délibérations/2026-014", ""},
		{"http://[2001:db8::1]:8080/x", ""},
		{"https://example.org/a b", "it holds a space"},
		{"https://example.org/ (voir le rapport)", "it holds a space"},
		{"https://example.org/x>junk", `it holds '>'`},
		{"https://example.org/{id}", `it holds '{'`},
		{"https://", "it names no host"},
		{"https://exa_mple.org/", `its host "exa_mple.org" is not a domain name`},
		{"https://xn--valmont-9ya.fr/", ""},
		{"https://mairie.例え.jp./", ""},
		{"https://-valmont.fr/", `its host "-valmont.fr" is not a domain name`},
		{"https://valmont-.fr/", `its host "valmont-.fr" is not a domain name`},
		{"https://valmont..fr/", `its host "valmont..fr" is not a domain name`},
		{"https://ville.fr@example.org/", "a user name or a password"},
		{"https://example.org:99999/", `its port "99999"`},
		{"https://example.org/\u200b", "invisible character U+200B"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			src := strings.Replace(baseConvention, "commons: {", "annexes: [{id: a, title: Rapport, url: \""+tt.url+"\"}]\ncommons: {", 1)
			diags := check("x.yaml", src)
			if tt.message == "" {
				if len(diags) > 0 {
					t.Errorf("a valid address is refused: %v", diags)
				}
				return
			}
			if len(diags) != 1 || !strings.Contains(diags[0].Message, tt.message) || diags[0].Pointer != "/annexes/0/url" || diags[0].Line != 14 {
				t.Errorf("want one diagnostic at line 14, /annexes/0/url, saying %q; got:\n%v", tt.message, diags)
			}
		})
	}
}

// TestInvisibleCharactersInIdentifiers: an identifier that looks right but holds a zero-width
// character is refused, and the message names the character, which the reader cannot see.
func TestInvisibleCharactersInIdentifiers(t *testing.T) {
	src := strings.Replace(baseConvention, "  - id: ville\n", "  - id: \"ville\\u200b\"\n", 1)
	diags := check("x.yaml", src)
	want := `/parties/0/id: holds the invisible character U+200B (zero width space), which an identifier may not hold; got "ville\u200b"`
	if !strings.Contains(diags.Error(), want) {
		t.Errorf("want %q in:\n%v", want, diags)
	}
}
