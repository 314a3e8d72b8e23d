package render

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"text/template/parse"
	"unicode"
	"unicode/utf8"

	"github.com/commons-toolkit/commons/partnership/internal/lazyre"
)

// Markdown is text already in Markdown, produced by a template function that escaped whatever
// came from the definition. Values of any other type are escaped when a template prints them.
type Markdown string

// inlineEscaper backslash-escapes the characters that could start Markdown syntax anywhere in a
// line: emphasis, code, links, images, raw HTML, entities, tables, strikethrough, the marks of a
// redline ({++ ++}), heading attributes and the closing sequence of a heading.
var inlineEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `\<`, `>`, `\>`, `&`, `\&`, `|`, `\|`, `~`, `\~`, `{`, `\{`, `}`, `\}`, `#`, `\#`,
)

// escapeInline makes user text inert inside a Markdown line: whatever the definition holds, it
// prints literally and can never add a heading, a link, raw HTML, a list or a table. Line breaks
// become spaces, so the text stays in the block the template puts it in.
func escapeInline(s string) string {
	s = oneLine(s)
	s = inlineEscaper.Replace(s)
	return escapeLineStart(s)
}

// oneLine is text from a definition as the front matter records it: on one line, its runs of
// spaces, tabs and line breaks made one space, which every YAML reader reads back as written.
func oneLine(s string) string {
	if singleSpaced(s) {
		return s // most texts are, and every value a clause prints goes through here
	}
	return strings.Join(strings.Fields(s), " ")
}

// singleSpaced reports whether s is already what oneLine makes of it: no space at either end
// and no space inside but single ASCII spaces, in the sense of unicode.IsSpace that
// strings.Fields uses (a no-break space counts).
func singleSpaced(s string) bool {
	prevSpace := true // a space at the start is not single spaced
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == ' ':
				if prevSpace {
					return false
				}
				prevSpace = true
			case c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
				return false
			default:
				prevSpace = false
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return false
		}
		i += n
		prevSpace = false
	}
	return !prevSpace || s == ""
}

// lineStartChars are the characters that open a block, or turn the line above into a heading,
// when they start a line: ATX headings (#), list items (- + *), thematic breaks (- * _), setext
// underlines (= -), block quotes (>), fences (` ~), tables (|), link and footnote definitions
// ([), heading attributes ({), raw HTML (<) and the definition lists of Markdown readers (:).
// Most are escaped wherever they appear; the others (- + = :) only here. So are the marks
// before which French spacing removes a space (; ! ? :): after a list marker or a heading's #,
// that space is Markdown syntax, and an escaped mark keeps it.
const lineStartChars = "#-+*_=>`~|[{<:;!?"

// orderedMarker matches the number that starts an ordered list item: digits, then a full stop or
// a closing bracket, then a space or the end of the line. CommonMark stops at nine digits; the
// steps that tidy the rendered Markdown do not count them, so every such number is escaped.
var orderedMarker = lazyre.New(`^\d+[.)](\s|$)`)

// escapeLineStart escapes what would make user text start a block of its own, wherever the
// clause puts it: at the start of a line, after a list marker, in a table cell. The escape is a
// backslash, which the text keeps through every later step: French spacing never removes one,
// so it never exposes the character again.
func escapeLineStart(s string) string {
	switch {
	case s == "":
		return s
	case strings.IndexByte(lineStartChars, s[0]) >= 0:
		return `\` + s
	case s[0] >= '0' && s[0] <= '9' && orderedMarker().MatchString(s):
		i := strings.IndexAny(s, ".)")
		return s[:i] + `\` + s[i:]
	}
	return s
}

// sentenceEnd finds the end of a sentence: a full stop, question or exclamation mark or an
// ellipsis, possibly followed by a closing quote or bracket, then a space and a capital or an
// opening quote. The third group is where the next sentence starts.
var sentenceEnd = lazyre.New(`([.!?…])((?:\s?[»”")])?)\s+((?:[«“"(]\s?)?\p{Lu})`)

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = []string{"M.", "MM.", "Mme.", "art.", "Art.", "n°.", "cf.", "p.", "al.", "etc.", "St.", "Dr.", "Mr.", "Mrs.", "Ms.", "No.", "e.g.", "i.e."}

// splitSentences cuts text into sentences, one per line, so that a change to one sentence shows
// as one changed line in a diff. Markdown reads the line breaks as spaces.
func splitSentences(s string) []string {
	s = oneLine(s)
	if s == "" {
		return nil
	}
	// One pass over the text: matches do not overlap, since each ends on the first letter of
	// the next sentence, which cannot end one.
	var out []string
	start := 0
	for _, m := range sentenceEnd().FindAllStringSubmatchIndex(s, -1) {
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
var blankLine = lazyre.New(`\n\s*\n`)

// escapeParagraphs escapes text made of several paragraphs, separated by blank lines in the
// definition (a YAML literal block), keeping the blank lines between them.
func escapeParagraphs(s string) string {
	var out []string
	for _, p := range blankLine().Split(strings.TrimSpace(s), -1) {
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

// printsMarkdown reports whether a pipeline ends with a call of a template function that
// returns Markdown, text that the function escaped already.
func printsMarkdown(p *parse.PipeNode) bool {
	if len(p.Cmds) == 0 || len(p.Cmds[len(p.Cmds)-1].Args) == 0 {
		return false
	}
	id, ok := p.Cmds[len(p.Cmds)-1].Args[0].(*parse.IdentifierNode)
	return ok && markdownFuncs()[id.Ident]
}

// markdownFuncs are the template functions whose first result is Markdown.
var markdownFuncs = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for name, f := range placeholders() {
		if t := reflect.TypeOf(f); t.NumOut() > 0 && t.Out(0) == reflect.TypeFor[Markdown]() {
			out[name] = true
		}
	}
	return out
})

// addEscaping rewrites every action that prints a value so that it pipes the value through
// escapeValue, the way html/template secures HTML. Template authors cannot forget to escape,
// and user text can never inject Markdown. An action whose value is the Markdown of a function
// is left as it is: escapeValue would return that value unchanged, at the cost of a call.
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
		if printsMarkdown(n.Pipe) {
			return // escapeValue would return the value as it is
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
