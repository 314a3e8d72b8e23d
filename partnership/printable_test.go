package partnership

import "testing"

func TestPrintable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"examples/parc.yaml", "examples/parc.yaml"},
		{"Jardins d’Été « partagés »", "Jardins d’Été « partagés »"},
		{"x\n::error file=README.md::forged", `x\n::error file=README.md::forged`},
		{"a\tb\rc", `a\tb\rc`},
		{"\x1b[2J", `\x1b[2J`},
		{"La commune verse \u202e0001\u202c euros", `La commune verse \u202e0001\u202c euros`},
		{"ville\u200b", `ville\u200b`},
		{"ligne\u2028suite", `ligne\u2028suite`},
		{"\u0085", `\u0085`},
		{"\xff", `\xff`},
	}
	for _, tt := range tests {
		if got := Printable(tt.in); got != tt.want {
			t.Errorf("Printable(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestDiagnosticIsOneLine: whatever its file name, key or message holds, a diagnostic prints on
// one line, and its GitHub annotation too.
func TestDiagnosticIsOneLine(t *testing.T) {
	d := Diagnostic{File: "a\n::error file=x::b.yaml", Line: 1, Column: 1, Pointer: "/k\r\n", Message: "m\x1b[2J", Hint: "h\u202e"}
	if got, want := d.String(), `a\n::error file=x::b.yaml:1:1: /k\r\n: m\x1b[2J; h\u202e`; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got, want := d.GitHubAnnotation(), `::error file=a%0A%3A%3Aerror file=x%3A%3Ab.yaml,line=1,col=1::/k%0D%0A: m\x1b[2J; h\u202e`; got != want {
		t.Errorf("GitHubAnnotation() = %q, want %q", got, want)
	}
}
