package redline

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership/typeset"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"words and spaces", "au moins deux", []string{"au", " ", "moins", " ", "deux"}},
		{"final punctuation apart", "2026. Fin, soit", []string{"2026", ".", " ", "Fin", ",", " ", "soit"}},
		{"no-break space stays in the word", "suivants\u00a0:", []string{"suivants\u00a0", ":"}},
		{"amount with narrow spaces", "1\u202f850\u202f€", []string{"1\u202f850\u202f€"}},
		{"bold stays whole", "**Commune de Valmont**, collectivité", []string{"**Commune de Valmont**", ",", " ", "collectivité"}},
		{"cross-reference stays whole", "l’[article 3](#subsidiarity).", []string{"l’[article 3](#subsidiarity)", "."}},
		{"autolink", "(<https://example.org/a b>)", []string{"(<https://example.org/a", " ", "b>", ")"}},
		{"autolink whole", "voir <https://example.org/x>.", []string{"voir", " ", "<https://example.org/x>", "."}},
		{"escapes stay with their character", `\*\[x\] 1\.`, []string{`\*\[x\]`, " ", `1\.`}},
		{"a lone star is a word", "5 * 3", []string{"5", " ", "*", " ", "3"}},
		{"unclosed bracket", "[a b", []string{"[a", " ", "b"}},
		{"code span", "`a b` c", []string{"`a b`", " ", "c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tokenize(tt.in); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// markdownOf writes lines as the tracked Markdown does: a fenced block inserted or deleted
// whole carries its mark on its opening line.
func markdownOf(lines ...Line) string {
	var b bytes.Buffer
	for i, l := range lines {
		if i > 0 {
			b.WriteString("\n")
		}
		if op, text, ok := l.block(); ok {
			writeMarkedBlock(&b, op, text)
			continue
		}
		writeMarkdownLine(&b, l)
	}
	return b.String()
}

func TestDiffWords(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{"same", "a b c", "a b c", "a b c"},
		{"replaced word", "au moins quatre fois", "au moins deux fois", "au moins {--quatre--} {++deux++} fois"},
		{"inserted words", "le 1er mai 2026.", "le 1er mai 2026 pour douze mois.", "le 1er mai 2026{++ pour douze mois++}."},
		{"deleted words", "a b c d", "a d", "a {--b c--} d"},
		{"first word", "Les parties", "Des parties", "{--Les--} {++Des++} parties"},
		{"renumbered reference is not a change", "à l’[article 3](#x).", "à l’[article 4](#x).", "à l’[article 4](#x)."},
		{"reference to another article", "à l’[article 3](#x).", "à l’[article 3](#y).", "à {--l’[article 3](#x)--}{++l’[article 3](#y)++}."},
		{"bold name", "**Ville de A**, commune", "**Ville de B**, commune", "{--**Ville de A**--}{++**Ville de B**++}, commune"},
		{"everything", "un", "deux", "{--un--} {++deux++}"},
		{"no space before a comma in either version", "ouverte à tous et les usagers ont un veto", "ouverte à tous, sans barrière",
			"ouverte à tous{-- et les usagers ont un veto--}{++, sans barrière++}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			segs, _ := diffWords(tt.old, tt.new)
			if got := markdownOf(segs); got != tt.want {
				t.Errorf("diffWords(%q, %q)\n got %s\nwant %s", tt.old, tt.new, got, tt.want)
			}
		})
	}
}

// TestDiffLines checks that marks stay inside their blocks: after a list marker, inside table
// cells, never in a fenced block (which is replaced whole), and that a table whose columns
// changed is not run into the one it replaces.
func TestDiffLines(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     string
	}{
		{"sentence rewritten",
			"Intro.\nElle se réunit deux fois.\nFin.",
			"Intro.\nElle se réunit trois fois.\nFin.",
			"Intro.\nElle se réunit {--deux--} {++trois++} fois.\nFin."},
		{"list item added and removed",
			"- a\n- b\n- c",
			"- a\n- c\n- d",
			"- a\n- {--b--}\n- c\n- {++d++}"},
		{"sentence replaced by another",
			"Le premier jour.\nSuite.",
			"Tout autre chose ici.\nSuite.",
			"{--Le premier jour.--}\n{++Tout autre chose ici.++}\nSuite."},
		{"table cell",
			"| a | b |\n| --- | ---: |\n| x | 1\u202f500\u202f€ |",
			"| a | b |\n| --- | ---: |\n| x | 1\u202f850\u202f€ |",
			"| a | b |\n| --- | ---: |\n| x | {--1\u202f500\u202f€--} {++1\u202f850\u202f€++} |"},
		{"table with a new column",
			"| a | b |\n| --- | --- |\n| x | y |",
			"| a | b | c |\n| --- | --- | --- |\n| x | y | z |",
			"| {--a--} | {--b--} |\n| --- | --- |\n| {--x--} | {--y--} |\n\n| {++a++} | {++b++} | {++c++} |\n| --- | --- | --- |\n| {++x++} | {++y++} | {++z++} |"},
		{"rows kept with their table, before the text deleted after it",
			"| a | b |\n| --- | --- |\n| Collège des collectifs | citoyens et usagers |\n\nLes séances sont publiques.",
			"| a | b |\n| --- | --- |\n| Council members and officers | public actors |",
			"| a | b |\n| --- | --- |\n| {--Collège des collectifs--} | {--citoyens et usagers--} |\n| {++Council members and officers++} | {++public actors++} |\n\n{--Les séances sont publiques.--}"},
		{"headers of tables in two languages shown as one",
			"Une phrase en français.\n\n| Relève | Clôture |\n| --- | --- |\n| Première | juin |",
			"A sentence in English.\n\n| Round | Closes |\n| --- | --- |\n| First | June |",
			"{--Une phrase en français.--}\n\n{++A sentence in English.++}\n\n| {--Relève--} {++Round++} | {--Clôture--} {++Closes++} |\n| --- | --- |\n| {--Première--} | {--juin--} |\n| {++First++} | {++June++} |"},
		{"fenced block",
			"Avant.\n~~~chart\n{\"v\":1}\n~~~\n\nAprès.",
			"Avant.\n~~~chart\n{\"v\":2}\n~~~\n\nAprès.",
			"Avant.\n~~~chart {--}\n{\"v\":1}\n~~~\n~~~chart {++}\n{\"v\":2}\n~~~\n\nAprès."},
		{"fenced block unchanged",
			"Avant.\n~~~chart\n{\"v\":1}\n~~~",
			"Après.\n~~~chart\n{\"v\":1}\n~~~",
			"{--Avant--}{++Après++}.\n~~~chart\n{\"v\":1}\n~~~"},
		{"fenced block removed",
			"Avant.\n\n~~~chart\n{\"v\":1}\n~~~",
			"Avant.",
			"Avant.\n\n~~~chart {--}\n{\"v\":1}\n~~~"},
		{"sub-heading",
			"### Annexe 1 – Plan\n\nTexte.",
			"### Annexe 1 – Plan du parc\n\nTexte.",
			"### Annexe 1 – Plan {++du parc++}\n\nTexte."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := markdownOf(diffLines(strings.Split(tt.old, "\n"), strings.Split(tt.new, "\n"))...)
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestBlocksShown checks the redline to read (HTML, PDF, terminal): a fenced block cannot be
// struck through, so one that changed is shown as the new version has it, and one removed is
// left out.
func TestBlocksShown(t *testing.T) {
	tests := []struct{ name, old, new, want string }{
		{"changed", "Avant.\n~~~chart\n1\n~~~\n\nAprès.", "Avant.\n~~~chart\n2\n~~~\n\nAprès.", "Avant.\n~~~chart\n2\n~~~\n\nAprès.\n"},
		{"removed", "Avant.\n\n~~~chart\n1\n~~~\n\nAprès.", "Avant.\n\nAprès.", "Avant.\n\nAprès.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			writeMarkdownLines(&b, diffLines(strings.Split(tt.old, "\n"), strings.Split(tt.new, "\n")), func(l Line) Line { return l })
			if b.String() != tt.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), tt.want)
			}
		})
	}
}

// renderable reports whether a text could come out of the renderer, which escapes whatever comes
// from a definition and indents nothing: no brace, backquote, angle bracket or lone backslash,
// square brackets only in whole links, no run of spaces (which could make code blocks).
func renderable(s string) bool {
	if strings.ContainsAny(s, "{}`<>\r\t") || strings.Contains(s, "  ") {
		return false
	}
	if strings.ContainsAny(wholeLink.ReplaceAllString(s, ""), "[]") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			if i+1 == len(s) || !strings.ContainsRune("!\"#$%&'()*+,-./:;=?@[\\]^_|~", rune(s[i+1])) {
				return false
			}
			i++
		}
	}
	return true
}

var wholeLink = regexp.MustCompile(`\[[^\[\]\n\\]*\]\([^()\s\\]*\)`)

// FuzzDiffLines compares arbitrary texts such as the renderer writes: the redline never panics,
// and every mark it writes is paired when goldmark reads it.
func FuzzDiffLines(f *testing.F) {
	f.Add("Elle se réunit deux fois.\n- a\n- b", "Elle se réunit trois fois.\n- a\n- c")
	f.Add("| a | b |\n| --- | --- |\n| x | y |", "| a | b | c |\n| --- | --- | --- |\n| x | y | z |")
	f.Add("**Ville**, l’[article 3](#x).\n~~~chart\n1\n~~~", "**Commune**, l’[article 4](#x) ; <https://a.b>.")
	f.Add("## Titre {#id}\n\n### Annexe 1 – Plan\\\nx", "## Titre modifié {#id}\n\n### Annexe 2 – Plan\\\ny")
	f.Fuzz(func(t *testing.T, old, new string) {
		if !renderable(old) || !renderable(new) || len(old)+len(new) > 4000 {
			return
		}
		var b bytes.Buffer
		writeMarkdownLines(&b, diffLines(strings.Split(old, "\n"), strings.Split(new, "\n")), func(l Line) Line { return l })
		out := b.Bytes()
		var html bytes.Buffer
		if err := typeset.Markdown().Convert(out, &html); err != nil {
			t.Fatal(err)
		}
		for _, mark := range []string{"{++", "++}", "{--", "--}"} {
			if bytes.Contains(html.Bytes(), []byte(mark)) {
				t.Fatalf("unpaired %s in\n%s\nfrom the redline\n%s", mark, html.String(), out)
			}
		}
	})
}
