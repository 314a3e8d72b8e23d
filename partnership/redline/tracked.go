package redline

import (
	"bytes"
	"strings"

	"github.com/commons-toolkit/commons/partnership/typeset"
	"go.yaml.in/yaml/v3"
)

// TrackedMarkdown writes the redline for the tracked changes of a word processor: the new
// version's text with its insertions and deletions marked ({++added++}, {--removed--}) where
// they stand, in headings too, and nothing else. A block that cannot be compared word by word
// (a chart, whose text is data) is deleted whole and inserted whole when it changed: its
// opening line ends with typeset.BlockDeleted or typeset.BlockInserted. Accepting every mark
// gives the text of the new version; rejecting every mark gives the text of the old one, except
// for article numbers and the numbers of cross-references, which a renumbering changes and
// which are not changes. The summary, which belongs to neither version, is recorded in the
// front matter ("summary") rather than in the text.
func (r *Redline) TrackedMarkdown() []byte {
	var b bytes.Buffer
	front, err := yaml.Marshal(struct {
		frontMatter `yaml:",inline"`
		Summary     string `yaml:"summary"`
	}{frontMatter{Meta: r.New, OldDefinition: r.Old.Definition, OldDefinitionSHA256: r.Old.DefinitionSHA256,
		OldTemplates: r.Old.Templates}, r.Summary().String()})
	if err != nil {
		panic("redline: front matter: " + err.Error()) // plain strings always marshal
	}
	b.WriteString("---\n")
	b.Write(front)
	b.WriteString("---\n")
	for _, a := range r.Articles {
		b.WriteString("\n")
		if len(a.Heading) > 0 {
			b.WriteString("## ")
			writeMarkdownLine(&b, a.Heading)
			b.WriteString(" {#" + a.ID + "}\n\n")
		}
		blank := true
		for _, l := range a.Lines {
			if len(l) == 0 || strings.TrimSpace(l.text(Insert)+l.text(Delete)) == "" {
				if !blank {
					b.WriteString("\n")
					blank = true
				}
				continue
			}
			if op, text, ok := l.block(); ok {
				writeMarkedBlock(&b, op, text)
			} else {
				writeMarkdownLine(&b, l)
			}
			b.WriteString("\n")
			blank = false
		}
	}
	return b.Bytes()
}

// writeMarkedBlock writes a fenced block inserted or deleted whole, its mark at the end of its
// opening line.
func writeMarkedBlock(b *bytes.Buffer, op Op, text string) {
	opening, rest, _ := strings.Cut(text, "\n")
	mark := typeset.BlockInserted
	if op == Delete {
		mark = typeset.BlockDeleted
	}
	b.WriteString(opening + " " + mark)
	if rest != "" {
		b.WriteString("\n" + rest)
	}
}
