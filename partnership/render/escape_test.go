package render

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"text/template"
)

// TestOneLine checks that oneLine, which returns most texts as they are, gives what
// strings.Fields and a join give, on the spaces strings.Fields knows and on random texts.
func TestOneLine(t *testing.T) {
	tests := []string{
		"", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\nb", "a\u00a0b", "10\u202f000", "a\u2028b",
		"\x00a", "a\x85b", "a\u0085b", "é è", "\xff \xfe", "«\u00a0citation\u00a0»", "a \u3000 b", "\x7f",
	}
	alphabet := []string{"a", "é", " ", "  ", "\t", "\n", "\u00a0", "\u202f", "\u2009", "\x00", "\x1f", "\xff", "€", "\u0085", "\r"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		tests = append(tests, b.String())
	}
	for _, s := range tests {
		if got, want := oneLine(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("oneLine(%q) = %q; want %q", s, got, want)
		}
	}
}

// TestAddEscaping checks which actions the escaping function is added to: every action that
// prints a value, but the Markdown that functions return, escaped by them already.
func TestAddEscaping(t *testing.T) {
	tests := []struct {
		action  string
		escaped bool
	}{
		{"{{.Title}}", true},
		{`{{plural 2 "partie" "parties"}}`, true},
		{`{{printf "%d" 3}}`, true},
		{`{{or .Title "x"}}`, true},
		{"{{date .Date}}", false},
		{"{{.Title | capfirst}}", false},
		{"{{capfirst .Title | printf `%s`}}", true},
		{"{{$x := .Title}}", false},
	}
	for _, tt := range tests {
		c := Clause{ID: "test", Source: "test", Path: "test.md", Text: tt.action}
		tmpl, err := parseClause(c)
		if err != nil {
			t.Fatalf("%s: %v", tt.action, err)
		}
		if got := strings.Contains(tmpl.Tree.Root.String(), escapeFuncName); got != tt.escaped {
			t.Errorf("%s became %s; escaped %v, want %v", tt.action, tmpl.Tree.Root.String(), got, tt.escaped)
		}
	}
}

// TestCalledFuncs checks that calledFuncs finds the functions a clause calls wherever they
// stand: the templates bound for a render have only those (templateFor).
func TestCalledFuncs(t *testing.T) {
	names := []string{"action", "arg", "chain", "cond", "elseif", "listed", "empty", "scope", "defined", "passed", "unused"}
	funcs := template.FuncMap{}
	for _, n := range names {
		funcs[n] = func(...any) string { return "" }
	}
	tmpl, err := template.New("clause").Funcs(funcs).Parse(`{{action .X}} {{printf "%s" (arg .Y)}} {{(chain).Field}}
{{if cond}}a{{else if elseif}}b{{end}}
{{range listed}}c{{else}}{{empty}}{{end}}
{{with scope}}d{{end}}
{{define "part"}}{{defined | len}}{{end}}{{template "part" passed}}`)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"action", "arg", "chain", "cond", "defined", "elseif", "empty", "len", "listed", "passed", "printf", "scope"}
	if got := calledFuncs(tmpl); !slices.Equal(got, want) {
		t.Errorf("calledFuncs = %q, want %q", got, want)
	}
}

// TestParseClauseAsTemplateParse checks that parseClause, which parses in a clone of a template
// that has the functions, reads every clause of the library, and broken ones, as Template.Parse
// given the functions does: the same templates, or the same error.
func TestParseClauseAsTemplateParse(t *testing.T) {
	lib, err := EmbeddedLibrary()
	if err != nil {
		t.Fatal(err)
	}
	clauses := lib.Clauses()
	for _, text := range []string{"{{nosuchfunc .}}", "{{.Title", "{{define \"x\"}}a{{end}}{{template \"x\"}}", "{{if}}x{{end}}",
		"{{range .Parties}}{{.Name}}{{else}}none{{end}}", "{{block \"title\" .}}T{{end}}", "{{/* a comment */}}x", "{{end}}", "{{len}}"} {
		clauses = append(clauses, Clause{ID: "broken", Source: "test", Path: "broken.md", Text: text})
	}
	for _, c := range clauses {
		want, wantErr := template.New(templateName(c)).Option("missingkey=error").Funcs(placeholders()).Parse(c.Text)
		got, gotErr := parseClause(c)
		if wantErr != nil || gotErr != nil {
			if gotErr == nil || wantErr == nil || gotErr.Error() != fmt.Sprintf("clause %s: %v", c.ID, wantErr) {
				t.Errorf("%s: error %v, want %v", c.Path, gotErr, wantErr)
			}
			continue
		}
		for _, tt := range want.Templates() {
			if tt.Tree != nil {
				addEscaping(tt.Tree.Root)
				addTicks(tt.Tree)
			}
		}
		if len(got.Templates()) != len(want.Templates()) {
			t.Errorf("%s: %d templates, want %d", c.Path, len(got.Templates()), len(want.Templates()))
		}
		for _, w := range want.Templates() {
			g := got.Lookup(w.Name())
			if (g == nil || g.Tree == nil) != (w.Tree == nil) || (w.Tree != nil && g.Tree.Root.String() != w.Tree.Root.String()) {
				t.Errorf("%s: template %s differs", c.Path, w.Name())
			}
		}
	}
}
