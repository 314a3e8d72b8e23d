package redline

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/commons-toolkit/commons/partnership/render"
	"go.yaml.in/yaml/v3"
)

// frontMatter is the provenance of a redline: the new version's, and what it was compared with.
type frontMatter struct {
	render.Meta         `yaml:",inline"`
	OldDefinition       string `yaml:"old_definition"`
	OldDefinitionSHA256 string `yaml:"old_definition_sha256"`
	OldTemplates        string `yaml:"old_templates"`
}

// words are the few phrases a redline writes itself, in the document's language.
var words = map[string]map[string]string{
	"fr": {
		"title":   "Comparaison des versions.",
		"earlier": "Version antérieure\u00a0: définition %s, empreinte %s, bibliothèque de clauses %s.",
		"legend":  "Le texte supprimé est {--barré--}, le texte ajouté {++souligné++}\u202f; un trait dans la marge signale chaque article modifié.",
		"heading": "Intitulé",
	},
	"en": {
		"title":   "Comparison of versions.",
		"earlier": "Earlier version: definition %s, digest %s, clause library %s.",
		"legend":  "Deleted text is {--struck through--}, added text {++underlined++}; a bar in the margin marks each article that changed.",
		"heading": "Heading",
	},
}

func (r *Redline) word(key string) string {
	if w, ok := words[r.Lang()][key]; ok {
		return w
	}
	return words["en"][key]
}

// Markdown writes the redline as a Markdown document the typesetter turns into HTML or PDF:
// the new version's text, with insertions and deletions marked ({++…++}, {--…--}), removed
// articles struck through under their former heading, and the class "changed" on the heading
// of every article whose words changed. A summary in a quotation follows the title block.
func (r *Redline) Markdown() []byte {
	var b bytes.Buffer
	front, err := yaml.Marshal(frontMatter{Meta: r.New, OldDefinition: r.Old.Definition,
		OldDefinitionSHA256: r.Old.DefinitionSHA256, OldTemplates: r.Old.Templates})
	if err != nil {
		panic("redline: front matter: " + err.Error()) // plain strings always marshal
	}
	b.WriteString("---\n")
	b.Write(front)
	b.WriteString("---\n")
	summaryWritten := false
	for _, a := range r.Articles {
		if len(a.Heading) > 0 && !summaryWritten {
			r.writeSummary(&b)
			summaryWritten = true
		}
		b.WriteString("\n")
		lines := a.Lines
		if len(a.Heading) > 0 {
			heading := a.Heading
			if a.Heading.Changed() && mixed(a.Heading) {
				// A heading is typeset as plain text in a PDF outline and table of contents: it
				// shows the new words, and the line under it shows what changed.
				heading = Line{{Equal, a.Heading.text(Insert)}}
				lines = append([]Line{r.headingChange(a.Heading), {}}, lines...)
			}
			b.WriteString("## ")
			writeMarkdownLine(&b, heading)
			b.WriteString(" {#" + a.ID)
			if a.Changed() {
				b.WriteString(" .changed")
			}
			b.WriteString("}\n\n")
		}
		writeMarkdownLines(&b, lines, r.headingChange)
	}
	if !summaryWritten {
		r.writeSummary(&b)
	}
	return b.Bytes()
}

// mixed reports whether a line has words that stayed as well as words that changed, or both
// insertions and deletions.
func mixed(l Line) bool {
	ops := map[Op]bool{}
	for _, s := range l {
		if strings.TrimSpace(s.Text) != "" {
			ops[s.Op] = true
		}
	}
	return len(ops) > 1
}

// headingChange is the line that shows how a heading was reworded, under the new heading.
func (r *Redline) headingChange(heading Line) Line {
	segs := heading
	if len(segs) > 0 && segs[0].Op == Equal {
		if number, rest := splitNumber(segs[0].Text); number != "" {
			segs = append(Line{{Equal, rest}}, segs[1:]...) // the number is in the heading above
		}
	}
	label := "*" + r.word("heading") + "*"
	if r.Lang() == "fr" {
		label += "\u00a0: "
	} else {
		label += ": "
	}
	return append(Line{{Equal, label}}, segs...)
}

func (r *Redline) writeSummary(b *bytes.Buffer) {
	s := r.Summary()
	b.WriteString("\n> **" + r.word("title") + "** " + s.markdown() + "\n")
	b.WriteString(">\n")
	b.WriteString("> " + fmt.Sprintf(r.word("earlier"), escapeText(r.Old.Definition), short(r.Old.DefinitionSHA256), escapeText(r.Old.Templates)) + "\n")
	b.WriteString("> " + r.word("legend") + "\n")
}

// short abbreviates a digest the way git abbreviates commits.
func short(digest string) string {
	if len(digest) > 12 {
		return digest[:12]
	}
	return digest
}

// markdownSpecial escapes the characters of a provenance value (a definition id) that could
// start Markdown syntax, as the renderer escapes the definition's text.
var markdownSpecial = strings.NewReplacer(`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `\<`, `>`, `\>`, `&`, `\&`, `|`, `\|`, `~`, `\~`, `{`, `\{`, `}`, `\}`)

func escapeText(s string) string {
	return markdownSpecial.Replace(strings.Join(strings.Fields(s), " "))
}

// writeMarkdownLines writes the lines of an article, one blank line at most between blocks.
// A heading inside the article (an annex's) that was reworded is written as its new version,
// followed by the line that shows the change.
func writeMarkdownLines(b *bytes.Buffer, lines []Line, headingChange func(Line) Line) {
	blank := true
	for _, l := range lines {
		l, ok := l.shown()
		if !ok {
			continue
		}
		if len(l) == 0 || strings.TrimSpace(l.text(Insert)+l.text(Delete)) == "" {
			if !blank {
				b.WriteString("\n")
				blank = true
			}
			continue
		}
		if isHeadingLine(l) && l.Changed() && mixed(l[1:]) {
			prefix := l[0].Text
			writeMarkdownLine(b, Line{{Equal, prefix + Line(l[1:]).text(Insert)}})
			b.WriteString("\n")
			if !strings.HasPrefix(prefix, "# ") {
				b.WriteString("\n")
				writeMarkdownLine(b, headingChange(l[1:]))
				b.WriteString("\n")
			}
			blank = false
			continue
		}
		writeMarkdownLine(b, l)
		b.WriteString("\n")
		blank = false
	}
}

// isHeadingLine reports whether a line of an article is an ATX heading.
func isHeadingLine(l Line) bool {
	return len(l) > 1 && l[0].Op == Equal && strings.HasPrefix(strings.TrimLeft(l[0].Text, " "), "#")
}

// writeMarkdownLine writes a line with CriticMarkup.
func writeMarkdownLine(b *bytes.Buffer, l Line) {
	for _, s := range l {
		switch s.Op {
		case Equal:
			b.WriteString(s.Text)
		case Insert:
			b.WriteString("{++" + s.Text + "++}")
		case Delete:
			b.WriteString("{--" + s.Text + "--}")
		}
	}
}

// ANSI colours for a terminal.
const (
	ansiRed   = "\x1b[31m"
	ansiGreen = "\x1b[32m"
	ansiBold  = "\x1b[1m"
	ansiReset = "\x1b[0m"
)

// Text writes the redline for a terminal: the summary, then each article whose words changed,
// with [-deleted-] and {+inserted+} words, as git diff --word-diff does. With colour, deleted
// words are also red and inserted ones green.
func (r *Redline) Text(colour bool) []byte {
	var b bytes.Buffer
	b.WriteString(r.Summary().String() + "\n")
	for _, a := range r.Articles {
		if !a.Changed() {
			continue
		}
		blank := true
		if len(a.Heading) > 0 { // the title block has none: its first line is the title
			b.WriteString("\n")
			if colour {
				b.WriteString(ansiBold)
			}
			writeTextLine(&b, append(Line{{Equal, "## "}}, a.Heading...), colour)
			if colour {
				b.WriteString(ansiReset)
			}
			b.WriteString("\n")
		}
		for _, l := range a.Lines {
			l, ok := l.shown()
			if !ok {
				continue
			}
			if len(l) == 0 || strings.TrimSpace(l.text(Insert)+l.text(Delete)) == "" {
				blank = true
				continue
			}
			if blank {
				b.WriteString("\n")
			}
			writeTextLine(&b, l, colour)
			b.WriteString("\n")
			blank = false
		}
	}
	return b.Bytes()
}

// writeTextLine writes a line with git's word-diff marks.
func writeTextLine(b *bytes.Buffer, l Line, colour bool) {
	for _, s := range l {
		switch {
		case s.Op == Equal:
			b.WriteString(s.Text)
		case s.Op == Delete && colour:
			b.WriteString(ansiRed + "[-" + s.Text + "-]" + ansiReset)
		case s.Op == Delete:
			b.WriteString("[-" + s.Text + "-]")
		case colour:
			b.WriteString(ansiGreen + "{+" + s.Text + "+}" + ansiReset)
		default:
			b.WriteString("{+" + s.Text + "+}")
		}
	}
}
