package render

import (
	"fmt"
	"regexp"
	"strings"
	"text/template/parse"
	"unicode"
)

// Markdown is text already in Markdown, produced by a template function that escaped whatever
// came from the definition. Values of any other type are escaped when a template prints them.
type Markdown string

// inlineEscaper backslash-escapes the characters that could start Markdown syntax anywhere in a
// line: emphasis, code, links, images, raw HTML, entities, tables and strikethrough.
var inlineEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `\<`, `>`, `\>`, `&`, `\&`, `|`, `\|`, `~`, `\~`, `{`, `\{`, `}`, `\}`,
)

// blockStart matches what makes a line start a block: a heading, a quote, a list item, a
// thematic break or a setext underline.
var blockStart = regexp.MustCompile(`^(#|>|[-+*=](\s|$)|[-=_*]{3,}|\d{1,9}[.)](\s|$))`)

// escapeInline makes user text inert inside a Markdown line: whatever the definition holds, it
// prints literally and can never add a heading, a link, raw HTML, a list or a table. Line breaks
// become spaces, so the text stays in the block the template puts it in.
func escapeInline(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = inlineEscaper.Replace(s)
	return escapeLineStart(s)
}

// escapeLineStart escapes the first character of a line that would otherwise start a block.
func escapeLineStart(s string) string {
	if m := blockStart.FindString(s); m != "" {
		if m[0] >= '0' && m[0] <= '9' {
			i := strings.IndexAny(s, ".)")
			return s[:i] + `\` + s[i:]
		}
		return `\` + s
	}
	return s
}

// sentenceEnd finds the end of a sentence: a full stop, question or exclamation mark or an
// ellipsis, possibly followed by a closing quote or bracket, then a space and a capital or an
// opening quote. The third group is where the next sentence starts.
var sentenceEnd = regexp.MustCompile(`([.!?…])((?:\s?[»”")])?)\s+((?:[«“"(]\s?)?\p{Lu})`)

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = []string{"M.", "MM.", "Mme.", "art.", "Art.", "n°.", "cf.", "p.", "al.", "etc.", "St.", "Dr.", "Mr.", "Mrs.", "Ms.", "No.", "e.g.", "i.e."}

// splitSentences cuts text into sentences, one per line, so that a change to one sentence shows
// as one changed line in a diff. Markdown reads the line breaks as spaces.
func splitSentences(s string) []string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return nil
	}
	// One pass over the text: matches do not overlap, since each ends on the first letter of
	// the next sentence, which cannot end one.
	var out []string
	start := 0
	for _, m := range sentenceEnd.FindAllStringSubmatchIndex(s, -1) {
		word := s[start+strings.LastIndexByte(s[start:m[2]], ' ')+1 : m[3]]
		if isAbbreviation(word) {
			continue
		}
		out = append(out, strings.TrimSpace(s[start:m[6]]))
		start = m[6]
	}
	return append(out, s[start:])
}

func isAbbreviation(word string) bool {
	for _, a := range abbreviations {
		if word == a {
			return true
		}
	}
	// A single capital letter (an initial: "J. Martin").
	return len([]rune(word)) == 2 && unicode.IsUpper([]rune(word)[0])
}

// escapeParagraph escapes user text and puts each sentence on a line of its own.
func escapeParagraph(s string) string {
	sentences := splitSentences(s)
	for i, sentence := range sentences {
		sentences[i] = escapeInline(sentence)
	}
	return strings.Join(sentences, "\n")
}

// blankLine separates two paragraphs of a text.
var blankLine = regexp.MustCompile(`\n\s*\n`)

// escapeParagraphs escapes text made of several paragraphs, separated by blank lines in the
// definition (a YAML literal block), keeping the blank lines between them.
func escapeParagraphs(s string) string {
	var out []string
	for _, p := range blankLine.Split(strings.TrimSpace(s), -1) {
		if strings.TrimSpace(p) != "" {
			out = append(out, escapeParagraph(p))
		}
	}
	return strings.Join(out, "\n\n")
}

// escapeValue is the function every template action ends with: Markdown passes through, any
// other value is printed as escaped text.
func escapeValue(v any) Markdown {
	switch v := v.(type) {
	case Markdown:
		return v
	case nil:
		return ""
	case string:
		return Markdown(escapeInline(v))
	}
	return Markdown(escapeInline(fmt.Sprint(v)))
}

// escapeFuncName is the name under which escapeValue is registered; it cannot collide with a
// documented function because it is not a valid identifier for authors to guess.
const escapeFuncName = "_md"

// addEscaping rewrites every action that prints a value so that it pipes the value through
// escapeValue, the way html/template secures HTML. Template authors cannot forget to escape,
// and user text can never inject Markdown.
func addEscaping(node parse.Node) {
	switch n := node.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			addEscaping(c)
		}
	case *parse.ActionNode:
		if len(n.Pipe.Decl) > 0 {
			return // {{$x := …}} prints nothing
		}
		n.Pipe.Cmds = append(n.Pipe.Cmds, &parse.CommandNode{
			NodeType: parse.NodeCommand,
			Pos:      n.Pos,
			Args:     []parse.Node{&parse.IdentifierNode{NodeType: parse.NodeIdentifier, Pos: n.Pos, Ident: escapeFuncName}},
		})
	case *parse.IfNode:
		addEscaping(n.List)
		addEscaping(n.ElseList)
	case *parse.RangeNode:
		addEscaping(n.List)
		addEscaping(n.ElseList)
	case *parse.WithNode:
		addEscaping(n.List)
		addEscaping(n.ElseList)
	}
}
