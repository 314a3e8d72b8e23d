package partnership

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/commons-toolkit/commons/partnership/internal/lazyre"
	"go.yaml.in/yaml/v3"
)

// treeBuilder turns YAML or JSON into the generic value tree, recording the position of every
// value and enforcing the limits.
type treeBuilder struct {
	doc    *Document
	limits Limits
	nodes  int
	// size is the expanded size so far: the bytes of every text and of every value's pointer.
	size  int64
	diags Diagnostics
	// stop is set once a limit is exceeded: one diagnostic says so, and the rest is not read.
	stop bool
	// alias is where the alias being expanded is written, if any: a limit exceeded while
	// expanding it is reported there, where the author can act, not at its anchor.
	alias *Pos
}

// errorAt reports a problem. While an alias is expanded, the problems of the value it names
// have been reported already, at the anchor: only the limits it exceeds are reported, by fail.
func (b *treeBuilder) errorAt(p Pos, pointer, code string, args ...any) {
	if b.alias != nil {
		return
	}
	b.diags = append(b.diags, At(b.doc.File, p, pointer).Say(code, args...))
}

// fail reports a limit exceeded, at the alias being expanded if any, and stops reading.
func (b *treeBuilder) fail(p Pos, pointer, code string, args ...any) bool {
	if b.alias != nil {
		p = *b.alias
	}
	b.diags = append(b.diags, At(b.doc.File, p, pointer).Say(code, args...))
	b.stop = true
	return false
}

// count charges one value against the node budget and the expanded size, and checks the depth.
func (b *treeBuilder) count(p Pos, pointer string, depth int) bool {
	if b.stop {
		return false
	}
	b.nodes++
	if b.nodes > b.limits.MaxNodes {
		return b.fail(p, pointer, "too-many-values", b.limits.MaxNodes)
	}
	if depth > b.limits.MaxDepth {
		return b.fail(p, pointer, "too-deep", b.limits.MaxDepth)
	}
	return b.charge(p, pointer, len(pointer))
}

// charge adds n bytes to the expanded size of the definition.
func (b *treeBuilder) charge(p Pos, pointer string, n int) bool {
	b.size += int64(n)
	if b.size > b.limits.MaxExpandedBytes {
		return b.fail(p, pointer, "too-large-expanded", Size(b.limits.MaxExpandedBytes))
	}
	return true
}

// checkString checks a text value: its length, the characters it holds, and its share of the
// expanded size.
func (b *treeBuilder) checkString(p Pos, pointer, s string) bool {
	if len(s) > b.limits.MaxStringBytes {
		b.errorAt(p, pointer, "text-too-long", len(s), b.limits.MaxStringBytes)
	} else if r, at, bad := textProblem(s); bad {
		if IsBidiControl(r) {
			b.errorAt(p, pointer, "text-bidi-control", runeName(r), at)
		} else {
			b.errorAt(p, pointer, "text-control", runeName(r), at)
		}
	}
	return b.charge(p, pointer, len(s))
}

// checkKey checks a key of a mapping, which is reported at the mapping (pointer) rather than at
// a pointer that would repeat the key.
func (b *treeBuilder) checkKey(p Pos, pointer, key string) bool {
	if len(key) > b.limits.MaxKeyBytes {
		b.errorAt(p, pointer, "key-too-long", len(key), b.limits.MaxKeyBytes)
		return false
	}
	if r, at, bad := keyProblem(key); bad {
		b.errorAt(p, pointer, "key-invisible", key, runeName(r), at)
		return false
	}
	return true
}

// checkNumber checks a decimal number as written: finite, within what a double-precision number
// holds, and short, so that no value is silently rounded to zero or infinity and the schema's
// exact arithmetic never meets a number with a million digits.
func (b *treeBuilder) checkNumber(p Pos, pointer, literal string) bool {
	const maxChars = 64
	if len(literal) > maxChars {
		b.errorAt(p, pointer, "number-too-long", len(literal), maxChars)
		return false
	}
	switch strings.ToLower(literal) {
	case ".inf", "+.inf", "-.inf", ".nan":
		b.errorAt(p, pointer, "number-not-finite", literal)
		return false
	}
	clean := strings.ReplaceAll(literal, "_", "")
	f, err := strconv.ParseFloat(clean, 64)
	mantissa, exponent, _ := strings.Cut(strings.ToLower(clean), "e")
	e, _ := strconv.Atoi(exponent)
	switch {
	case err != nil && !errors.Is(err, strconv.ErrRange):
		return true // not written in decimal: the parser read it already
	case err != nil || math.IsInf(f, 0) || e > 400:
		b.errorAt(p, pointer, "number-too-large", literal)
		return false
	case f == 0 && strings.ContainsAny(mantissa, "123456789") || e < -400:
		b.errorAt(p, pointer, "number-too-small", literal)
		return false
	}
	return true
}

var yamlLineRE = lazyre.New(`^yaml: line (\d+): (.*)$`)

// parseYAML reads exactly one YAML document.
func (b *treeBuilder) parseYAML(data []byte) (any, Diagnostics) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			b.errorAt(Pos{1, 1}, "", "yaml-empty")
		} else {
			b.yamlSyntaxError(data, err)
		}
		return nil, b.diags
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		b.errorAt(Pos{next.Line, next.Column}, "", "yaml-several-documents")
		if next.Line > 1 {
			// The "---" that starts the second document sits on the line before its content.
			b.diags[len(b.diags)-1].Line = documentMarkerLine(data, next.Line)
			b.diags[len(b.diags)-1].Column = 1
		}
		return nil, b.diags
	case !errors.Is(err, io.EOF):
		b.yamlSyntaxError(data, err)
		return nil, b.diags
	}
	node := &root
	if node.Kind == yaml.DocumentNode && len(node.Content) > 0 {
		node = node.Content[0]
	}
	v := b.yamlValue(node, "", 0, Pos{}, true)
	return v, b.diags
}

// documentMarkerLine finds the "---" line at or before line, to point at the document separator.
func documentMarkerLine(data []byte, line int) int {
	lines := bytes.Split(data, []byte("\n"))
	for l := min(line, len(lines)); l >= 1; l-- {
		if bytes.HasPrefix(lines[l-1], []byte("---")) {
			return l
		}
	}
	return line
}

// yamlSyntaxError reports a parser error. The YAML library gives the line but not the column, so
// the column is that of the first character written on the line. Two errors are placed better
// than the library does: an alias to an unknown anchor (which it reports without a line) at the
// alias, and a quote left open (which it reports where the text it swallowed stops making sense)
// at the quote.
func (b *treeBuilder) yamlSyntaxError(data []byte, err error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if m := yamlLineRE().FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	if m := unknownAnchorRE().FindStringSubmatch(msg); m != nil {
		if p, ok := aliasUse(data, m[1]); ok {
			b.errorAt(p, "", "yaml-unknown-alias", Printable(m[1]))
			return
		}
	}
	if p, end, ok := openQuote(data, line); ok {
		b.errorAt(p, "", "yaml-open-quote", end)
		return
	}
	lines := bytes.Split(data, []byte("\n"))
	col := 1
	var explanation Msg
	if line >= 1 && line <= len(lines) {
		text := lines[line-1]
		indent := text[:len(text)-len(bytes.TrimLeft(text, " \t"))]
		col = 1 + len(indent)
		if tab := bytes.IndexByte(indent, '\t'); tab >= 0 {
			col = 1 + tab
			explanation = M("yaml-tabs")
		}
	}
	for _, r := range yamlExplanations {
		if strings.Contains(msg, r[0]) && explanation.Code == "" {
			explanation = M(r[1])
			break
		}
	}
	b.errorAt(Pos{line, col}, "", "yaml-syntax", parserText{Printable(msg), yamlFrench}, Then(explanation))
}

// isDecimal reports whether s is a number written in decimal, as YAML and JSON write them:
// [-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?. Every plain text of a definition is
// asked, and a regular expression would be compiled for it in every process.
func isDecimal(s string) bool {
	i := 0
	// digits passes over the digits (and underscores, if allowed) at i and says how many.
	digits := func(underscore bool) int {
		start := i
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || underscore && s[i] == '_') {
			i++
		}
		return i - start
	}
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	switch {
	case i < len(s) && s[i] == '.':
		i++
		if digits(false) == 0 {
			return false
		}
	case i < len(s) && s[i] >= '0' && s[i] <= '9':
		digits(true)
		if i < len(s) && s[i] == '.' {
			i++
			digits(true)
		}
	default:
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		if digits(false) == 0 {
			return false
		}
	}
	return i == len(s)
}

var unknownAnchorRE = lazyre.New(`^unknown anchor '(.*)' referenced$`)

// aliasUse finds where the alias *name is first used: a "*" that starts a token, followed by the
// name and then a blank, a flow indicator or the end of the line.
func aliasUse(data []byte, name string) (Pos, bool) {
	token := []byte("*" + name)
	for i := 0; i < len(data); {
		k := bytes.Index(data[i:], token)
		if k < 0 {
			break
		}
		at, end := i+k, i+k+len(token)
		startsToken := at == 0 || bytes.IndexByte([]byte(" \t\n[{,:-"), data[at-1]) >= 0
		endsToken := end == len(data) || bytes.IndexByte([]byte(" \t\r\n]},#"), data[end]) >= 0
		if startsToken && endsToken {
			return offsetPos(data, at), true
		}
		i = end
	}
	return Pos{}, false
}

// openQuote looks for a quoted text that does not close on the line where it opens and runs on
// past the line of a syntax error: YAML allows a quoted text to span lines, so a missing closing
// quote swallows the lines that follow and the parser fails somewhere below. It returns the
// position of the opening quote and, in words, where the text ends ("line 17", "the end of the
// file").
func openQuote(data []byte, errLine int) (Pos, Msg, bool) {
	lines := strings.Split(string(data), "\n")
	for i := 0; i < len(lines) && i < errLine; i++ {
		col, quote, ok := valueQuote(lines[i])
		if !ok {
			continue
		}
		if closeQuote(lines[i][col+1:], quote) >= 0 {
			continue
		}
		// The text spans lines: find where it ends.
		j := i + 1
		for ; j < len(lines); j++ {
			if closeQuote(lines[j], quote) >= 0 {
				break
			}
		}
		if j+1 < errLine {
			i = j // a text over several lines, closed before the error: legitimate
			continue
		}
		end := M("end-of-file")
		if j < len(lines) {
			end = M("line-n", j+1)
		}
		return Pos{Line: i + 1, Column: 1 + utf8.RuneCountInString(lines[i][:col])}, end, true
	}
	return Pos{}, Msg{}, false
}

// valueQuote finds a quote that opens a value on a line of block YAML: after the indentation,
// list dashes, or a key and its colon. Quotes inside a plain text (l’été, "it's") open nothing.
func valueQuote(line string) (col int, quote byte, ok bool) {
	rest := strings.TrimLeft(line, " ")
	for strings.HasPrefix(rest, "- ") {
		rest = strings.TrimLeft(rest[2:], " ")
	}
	if rest == "" || rest[0] == '#' {
		return 0, 0, false
	}
	if rest[0] != '"' && rest[0] != '\'' {
		k := strings.Index(rest, ": ")
		if k < 0 || strings.ContainsAny(rest[:k], "\"'#") {
			return 0, 0, false
		}
		rest = strings.TrimLeft(rest[k+2:], " ")
		if rest == "" || rest[0] != '"' && rest[0] != '\'' {
			return 0, 0, false
		}
	}
	return len(line) - len(rest), rest[0], true
}

// closeQuote returns the index of the quote that closes a quoted text in s, or -1: in double
// quotes a backslash escapes the next character, in single quotes a doubled quote is a quote.
func closeQuote(s string, quote byte) int {
	for i := 0; i < len(s); i++ {
		switch {
		case quote == '"' && s[i] == '\\':
			i++
		case s[i] == quote && quote == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++
		case s[i] == quote:
			return i
		}
	}
	return -1
}

// yamlExplanations name the messages that say in plain words what the usual YAML syntax errors
// mean.
var yamlExplanations = [][2]string{
	{"found unexpected end of stream", "yaml-explain-end-of-stream"},
	{"did not find expected key", "yaml-explain-expected-key"},
	{"mapping values are not allowed in this context", "yaml-explain-mapping-values"},
	{"could not find expected ':'", "yaml-explain-colon"},
	{"did not find expected '-' indicator", "yaml-explain-dash"},
	{"found character that cannot start any token", "yaml-explain-token"},
	{"unknown anchor", "yaml-explain-anchor"},
}

// yamlFrench are the errors of the YAML parser in French.
var yamlFrench = []parserPhrase{
	{lazyre.New(`^found unexpected end of stream$`), "fin du texte inattendue"},
	{lazyre.New(`^did not find expected key$`), "clé attendue introuvable"},
	{lazyre.New(`^mapping values are not allowed in this context$`), "une valeur de clé n’est pas permise à cet endroit"},
	{lazyre.New(`^could not find expected ':'$`), "deux-points « : » attendu introuvable"},
	{lazyre.New(`^did not find expected '-' indicator$`), "tiret « - » attendu introuvable"},
	{lazyre.New(`^found character that cannot start any token$`), "caractère qui ne peut commencer aucune valeur"},
	{lazyre.New(`^did not find expected node content$`), "valeur attendue introuvable"},
	{lazyre.New(`^block sequence entries are not allowed in this context$`), "un élément de liste n’est pas permis à cet endroit"},
	{lazyre.New(`^found a tab character that violates indentation$`), "tabulation qui rompt l’indentation"},
	{lazyre.New(`^found a tab character where an indentation space is expected$`), "tabulation à la place d’une espace d’indentation"},
	{lazyre.New(`^did not find expected alphabetic or numeric character$`), "lettre ou chiffre attendu introuvable"},
	{lazyre.New(`^found undefined tag handle$`), "préfixe d’étiquette non défini"},
	{lazyre.New(`^did not find expected ',' or '(\]|\})'$`), "virgule ou « $1 » attendu introuvable"},
	{lazyre.New(`^unknown anchor '(.*)' referenced$`), "ancre « $1 » inconnue"},
	{lazyre.New(`^did not find expected comment or line break$`), "commentaire ou fin de ligne attendu introuvable"},
	{lazyre.New(`^control characters are not allowed$`), "caractères de contrôle non permis"},
	{lazyre.New(`^found unknown escape character$`), "séquence d’échappement inconnue"},
	{lazyre.New(`^found unexpected ':'$`), "deux-points « : » inattendu"},
}

// parserPhrase translates an error of a parser: the English text it matches, and its French
// replacement (with $1 for what the expression captures).
type parserPhrase struct {
	re     func() *regexp.Regexp
	french string
}

// parserText is an error message of the YAML or JSON parser: the library's English text, which
// French messages replace by a translation when they know it.
type parserText struct {
	text   string
	french []parserPhrase
}

func (p parserText) In(lang string) string {
	if lang != French {
		return p.text
	}
	for _, ph := range p.french {
		if re := ph.re(); re.MatchString(p.text) {
			return re.ReplaceAllString(p.text, ph.french)
		}
	}
	return p.text
}

// Then is an optional continuation of a message: its text after the separator of a hint
// ("; " in English), or nothing for the zero Msg.
type Then Msg

// In writes the continuation in lang.
func (t Then) In(lang string) string {
	if t.Code == "" {
		return ""
	}
	return M("hint-separator").In(lang) + Msg(t).In(lang)
}

func (b *treeBuilder) record(pointer string, key, value Pos) {
	b.doc.Spans[pointer] = Span{Key: key, Value: value}
}

// yamlValue converts one node. record is false when expanding an alias: the value then keeps
// the position where the alias was written, and what lies below it the anchor's positions.
func (b *treeBuilder) yamlValue(n *yaml.Node, pointer string, depth int, keyPos Pos, record bool) any {
	p := Pos{n.Line, n.Column}
	if !b.count(p, pointer, depth) {
		return nil
	}
	if record {
		b.record(pointer, keyPos, p)
	}
	if n.Style&yaml.TaggedStyle != 0 {
		b.errorAt(p, pointer, "yaml-tag", n.Tag)
		return nil
	}
	switch n.Kind {
	case yaml.AliasNode:
		if b.alias == nil {
			b.alias = &p
			defer func() { b.alias = nil }()
		}
		return b.yamlValue(n.Alias, pointer, depth+1, keyPos, false)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		first := map[string]Pos{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			kp := Pos{k.Line, k.Column}
			if k.Kind != yaml.ScalarNode {
				b.errorAt(kp, pointer, "key-not-scalar")
				continue
			}
			if k.Tag == "!!merge" {
				b.errorAt(kp, pointer, "yaml-merge-key")
				continue
			}
			if !b.checkKey(kp, pointer, k.Value) {
				continue
			}
			child := pointer + "/" + EscapePointerToken(k.Value)
			if at, dup := first[k.Value]; dup {
				b.errorAt(kp, child, "duplicate-key", k.Value, at.Line)
				continue
			}
			first[k.Value] = kp
			m[k.Value] = b.yamlValue(v, child, depth+1, kp, true)
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for i, item := range n.Content {
			s = append(s, b.yamlValue(item, pointer+"/"+strconv.Itoa(i), depth+1, Pos{}, true))
		}
		return s
	case yaml.ScalarNode:
		return b.yamlScalar(n, p, pointer)
	}
	return nil
}

// yamlScalar keeps YAML's reading of null, booleans and numbers, and turns everything else,
// timestamps included, into text: dates are compared as written.
func (b *treeBuilder) yamlScalar(n *yaml.Node, p Pos, pointer string) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		if v, err := strconv.ParseBool(strings.ToLower(n.Value)); err == nil {
			return v
		}
	case "!!int":
		if v, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); err == nil {
			return json.Number(strconv.FormatInt(v, 10))
		}
		if !b.checkNumber(p, pointer, n.Value) {
			return nil
		}
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
		}
	case "!!float":
		if !b.checkNumber(p, pointer, n.Value) {
			return nil
		}
		if f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); err == nil {
			return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
		}
	case "!!str":
		// YAML reads a number too large for it as text; say what is wrong with it.
		if n.Style == 0 && isDecimal(n.Value) && !b.checkNumber(p, pointer, n.Value) {
			return nil
		}
	}
	b.checkString(p, pointer, n.Value)
	return n.Value
}

// parseJSON reads one JSON value token by token, so that every value gets its exact position
// and duplicate keys are caught (encoding/json would silently keep the last one).
//
// Valid JSON, the usual case, is read by a scanner of its own, several times faster than
// encoding/json's tokens; JSON with a syntax error is read by encoding/json's decoder, whose
// messages say where and what the error is. Both give the builder the same tokens at the same
// offsets.
func (b *treeBuilder) parseJSON(data []byte) (any, Diagnostics) {
	return b.readJSON(newJSONTokens(data))
}

// readJSON reads one JSON value from j, with the scanner for valid JSON or with encoding/json's
// decoder.
func (b *treeBuilder) readJSON(j *jsonReader) (any, Diagnostics) {
	j.b = b
	v, ok := j.value("", 0, Pos{})
	if !ok {
		return nil, b.diags
	}
	if j.fast() {
		return v, b.diags
	}
	// Only blanks may follow the value: a colon or a comma there is itself what is wrong.
	rest := j.data[j.dec.InputOffset():]
	trailing := len(j.data) - len(bytes.TrimLeft(rest, " \t\r\n"))
	if _, err := j.dec.Token(); !errors.Is(err, io.EOF) {
		b.errorAt(j.pos(trailing), "", "json-trailing")
	}
	return v, b.diags
}

// newJSONTokens returns a reader of the tokens of data: the scanner when data is valid JSON,
// encoding/json's decoder otherwise.
func newJSONTokens(data []byte) *jsonReader { return newJSONReader(data, json.Valid(data)) }

// newJSONReader returns a reader of the tokens of data, with the scanner for valid JSON (fast)
// or with encoding/json's decoder.
func newJSONReader(data []byte, fast bool) *jsonReader {
	j := &jsonReader{data: data}
	if !fast {
		j.dec = json.NewDecoder(bytes.NewReader(data))
		j.dec.UseNumber()
	}
	return j
}

type jsonReader struct {
	b    *treeBuilder
	data []byte
	// Valid JSON is read by token and more from off; otherwise dec reads it.
	off int
	dec *json.Decoder
	// cursor remembers the last position computed: tokens come in order, so each position is
	// found by scanning forward from the previous one, not from the start of the file (which
	// made a long one-line file quadratic).
	cursor struct {
		offset int
		pos    Pos
	}
}

// fast reports whether the data is valid JSON, read by the scanner rather than by dec.
func (j *jsonReader) fast() bool { return j.dec == nil }

// pos converts a byte offset to a line and column, scanning forward from the last call.
func (j *jsonReader) pos(offset int) Pos {
	c := &j.cursor
	if offset < c.offset || c.pos.Line == 0 {
		c.offset, c.pos = 0, Pos{Line: 1, Column: 1}
	}
	for c.offset < offset && c.offset < len(j.data) {
		r, size := utf8.DecodeRune(j.data[c.offset:])
		if r == '\n' {
			c.pos.Line++
			c.pos.Column = 1
		} else {
			c.pos.Column++
		}
		c.offset += size
	}
	return c.pos
}

// start returns the offset where the next token begins: the decoder's offset points just past
// the previous token, and only blanks and separators may lie between two tokens.
func (j *jsonReader) start() int {
	i := j.off
	if !j.fast() {
		i = int(j.dec.InputOffset())
	}
	for i < len(j.data) && separator(j.data[i]) {
		i++
	}
	return i
}

// separator reports whether c may lie between two tokens of JSON: a blank, a colon or a comma.
// The schema, read in every process, is mostly indentation.
func separator(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', ':', ',':
		return true
	}
	return false
}

// numeric reports whether c may be part of a number of JSON.
func numeric(c byte) bool {
	return c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.' || c == 'e' || c == 'E'
}

// stringEnd returns the offset of the quote that closes the string of valid JSON whose content
// starts at k, and whether the string has escapes.
func (j *jsonReader) stringEnd(k int) (int, bool) {
	escaped := false
	for {
		q := bytes.IndexByte(j.data[k:], '"')
		e := bytes.IndexByte(j.data[k:k+q], '\\')
		if e < 0 {
			return k + q, escaped
		}
		escaped = true
		k += e + 2 // past the backslash and the character it escapes
	}
}

// token reads the next token, as encoding/json's Decoder.Token does with UseNumber: a json.Delim,
// a string, a json.Number, a bool or nil.
func (j *jsonReader) token() (json.Token, error) {
	if !j.fast() {
		return j.dec.Token()
	}
	// The data is valid JSON: each token can be told by its first byte, and ends where the
	// grammar says.
	i := j.start()
	switch c := j.data[i]; c {
	case '{', '}', '[', ']':
		j.off = i + 1
		return json.Delim(c), nil
	case '"':
		return j.str()
	case 't':
		j.off = i + len("true")
		return true, nil
	case 'f':
		j.off = i + len("false")
		return false, nil
	case 'n':
		j.off = i + len("null")
		return nil, nil
	}
	k := i
	for k < len(j.data) && numeric(j.data[k]) {
		k++
	}
	j.off = k
	return json.Number(j.data[i:k]), nil
}

// more reports whether the object or array being read has another element.
func (j *jsonReader) more() bool {
	if !j.fast() {
		return j.dec.More()
	}
	i := j.start()
	return i < len(j.data) && j.data[i] != '}' && j.data[i] != ']'
}

func (j *jsonReader) fail(err error) {
	offset := j.start()
	var syn *json.SyntaxError
	msg := err.Error()
	switch {
	case errors.As(err, &syn):
		offset = j.syntaxErrorOffset(syn)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		j.b.errorAt(j.pos(len(j.data)), "", "json-truncated")
		return
	}
	msg = strings.TrimPrefix(msg, "json: ")
	var explanation Msg
	for _, r := range jsonExplanations {
		if strings.Contains(msg, r[0]) {
			explanation = M(r[1])
			break
		}
	}
	j.b.errorAt(j.pos(offset), "", "json-syntax", parserText{Printable(msg), jsonFrench}, Then(explanation))
}

// syntaxErrorOffset returns the offset of the character a syntax error of the decoder is about.
// For an error between two tokens the decoder gives it; for an error inside a text, a number or
// a literal it gives the count of the bytes of the values read so far, which says nothing of
// where the error is in the file: that value is then read again alone, from where it starts.
func (j *jsonReader) syntaxErrorOffset(syn *json.SyntaxError) int {
	if j.fast() {
		return int(syn.Offset)
	}
	start := int(j.dec.InputOffset())
	if start >= len(j.data) || strings.IndexByte("[]{}:,", j.data[start]) >= 0 {
		return int(syn.Offset)
	}
	var v any
	var alone *json.SyntaxError
	err := json.NewDecoder(bytes.NewReader(j.data[start:])).Decode(&v)
	if errors.As(err, &alone) && alone.Error() == syn.Error() {
		return start + int(alone.Offset) - 1
	}
	return int(syn.Offset)
}

// jsonExplanations name the messages that say in plain words what the usual JSON syntax errors
// mean.
var jsonExplanations = [][2]string{
	{"after object key:value pair", "json-explain-pair"},
	{"after array element", "json-explain-element"},
	{"looking for beginning of object key string", "json-explain-key"},
	{"looking for beginning of value", "json-explain-value"},
	{"after object key", "json-explain-colon"},
	{"in string literal", "json-explain-string"},
}

// jsonFrench are the errors of the JSON parser in French.
var jsonFrench = []parserPhrase{
	{lazyre.New(`^invalid character (.+) after object key:value pair$`), "caractère $1 inattendu après une paire clé-valeur"},
	{lazyre.New(`^invalid character (.+) after array element$`), "caractère $1 inattendu après un élément de liste"},
	{lazyre.New(`^invalid character (.+) looking for beginning of object key string$`), "caractère $1 inattendu à la place d’une clé"},
	{lazyre.New(`^invalid character (.+) looking for beginning of value$`), "caractère $1 inattendu à la place d’une valeur"},
	{lazyre.New(`^invalid character (.+) after object key$`), "caractère $1 inattendu après une clé"},
	{lazyre.New(`^invalid character (.+) in string literal$`), "caractère $1 non permis dans un texte"},
	{lazyre.New(`^invalid character (.+) in string escape code$`), "caractère $1 non permis dans une séquence d’échappement"},
	{lazyre.New(`^invalid character (.+) in literal (true|false|null) \(expecting (.+)\)$`), "caractère $1 inattendu dans $2 ($3 attendu)"},
	{lazyre.New(`^invalid character (.+) in numeric literal$`), "caractère $1 inattendu dans un nombre"},
	{lazyre.New(`^invalid character (.+) after top-level value$`), "caractère $1 inattendu après la fin de la définition"},
	{lazyre.New(`^invalid character (.+) (.*)$`), "caractère $1 inattendu"},
}

func (j *jsonReader) value(pointer string, depth int, keyPos Pos) (any, bool) {
	p := j.pos(j.start())
	tok, err := j.token()
	if err != nil {
		j.fail(err)
		return nil, false
	}
	if !j.b.count(p, pointer, depth) {
		return nil, false
	}
	j.b.record(pointer, keyPos, p)
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			return j.object(pointer, depth)
		}
		return j.array(pointer, depth)
	case string:
		return t, j.b.checkString(p, pointer, t)
	case json.Number:
		j.b.checkNumber(p, pointer, string(t))
		return t, true
	default:
		return t, true
	}
}

func (j *jsonReader) object(pointer string, depth int) (any, bool) {
	m := map[string]any{}
	first := map[string]Pos{}
	for j.more() {
		kp := j.pos(j.start())
		tok, err := j.token()
		if err != nil {
			j.fail(err)
			return nil, false
		}
		key, _ := tok.(string)
		if !j.b.checkKey(kp, pointer, key) {
			return nil, false
		}
		child := pointer + "/" + EscapePointerToken(key)
		firstSpan := j.b.doc.Spans[child]
		v, ok := j.value(child, depth+1, kp)
		if !ok {
			return nil, false
		}
		if at, dup := first[key]; dup {
			j.b.errorAt(kp, child, "duplicate-key-json", key, at.Line)
			j.b.record(child, firstSpan.Key, firstSpan.Value)
			continue
		}
		first[key] = kp
		m[key] = v
	}
	if _, err := j.token(); err != nil {
		j.fail(err)
		return nil, false
	}
	return m, true
}

func (j *jsonReader) array(pointer string, depth int) (any, bool) {
	s := []any{}
	for i := 0; j.more(); i++ {
		v, ok := j.value(pointer+"/"+strconv.Itoa(i), depth+1, Pos{})
		if !ok {
			return nil, false
		}
		s = append(s, v)
	}
	if _, err := j.token(); err != nil {
		j.fail(err)
		return nil, false
	}
	return s, true
}
