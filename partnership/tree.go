package partnership

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

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
func (b *treeBuilder) errorAt(p Pos, pointer, format string, args ...any) {
	if b.alias != nil {
		return
	}
	b.diags = append(b.diags, Diagnostic{Severity: Error, File: b.doc.File, Line: p.Line, Column: p.Column, Pointer: pointer, Message: fmt.Sprintf(format, args...)})
}

// fail reports a limit exceeded, at the alias being expanded if any, and stops reading.
func (b *treeBuilder) fail(p Pos, pointer, format string, args ...any) bool {
	if b.alias != nil {
		p = *b.alias
	}
	b.diags = append(b.diags, Diagnostic{Severity: Error, File: b.doc.File, Line: p.Line, Column: p.Column, Pointer: pointer, Message: fmt.Sprintf(format, args...)})
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
		return b.fail(p, pointer, "definition holds more than %d values (YAML aliases count once per use); it is too large or uses aliases to multiply itself", b.limits.MaxNodes)
	}
	if depth > b.limits.MaxDepth {
		return b.fail(p, pointer, "values are nested more than %d levels deep; no definition needs that much nesting", b.limits.MaxDepth)
	}
	return b.charge(p, pointer, len(pointer))
}

// charge adds n bytes to the expanded size of the definition.
func (b *treeBuilder) charge(p Pos, pointer string, n int) bool {
	b.size += int64(n)
	if b.size > b.limits.MaxExpandedBytes {
		return b.fail(p, pointer, "definition grows past %s once its YAML aliases are expanded (every use of an alias counts the whole value it names); write the values out or shorten them", formatBytes(b.limits.MaxExpandedBytes))
	}
	return true
}

// checkString checks a text value: its length, the characters it holds, and its share of the
// expanded size.
func (b *treeBuilder) checkString(p Pos, pointer, s string) bool {
	if len(s) > b.limits.MaxStringBytes {
		b.errorAt(p, pointer, "text is %d bytes long, more than the %d a single value may hold", len(s), b.limits.MaxStringBytes)
	} else if r, at, bad := textProblem(s); bad {
		if IsBidiControl(r) {
			b.errorAt(p, pointer, "text holds the bidirectional control %s at character %d; it makes a text read differently on screen and on paper, so definitions may not hold it", runeName(r), at)
		} else {
			b.errorAt(p, pointer, "text holds the control character %s at character %d; remove it", runeName(r), at)
		}
	}
	return b.charge(p, pointer, len(s))
}

// checkKey checks a key of a mapping, which is reported at the mapping (pointer) rather than at
// a pointer that would repeat the key.
func (b *treeBuilder) checkKey(p Pos, pointer, key string) bool {
	if len(key) > b.limits.MaxKeyBytes {
		b.errorAt(p, pointer, "a key is %d bytes long, more than the %d a key may have; keys are the short names the schema defines", len(key), b.limits.MaxKeyBytes)
		return false
	}
	if r, at, bad := keyProblem(key); bad {
		b.errorAt(p, pointer, "key %q holds the invisible character %s at character %d; keys may hold only visible characters", key, runeName(r), at)
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
		b.errorAt(p, pointer, "number is written with %d characters, more than the %d a number may have", len(literal), maxChars)
		return false
	}
	switch strings.ToLower(literal) {
	case ".inf", "+.inf", "-.inf", ".nan":
		b.errorAt(p, pointer, "number %s is not a finite number; write the amount or count in figures", literal)
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
		b.errorAt(p, pointer, "number %s is too large; numbers must lie between -1e308 and 1e308", literal)
		return false
	case f == 0 && strings.ContainsAny(mantissa, "123456789") || e < -400:
		b.errorAt(p, pointer, "number %s is too small to be told from zero; write 0 or a larger number", literal)
		return false
	}
	return true
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parseYAML reads exactly one YAML document.
func (b *treeBuilder) parseYAML(data []byte) (any, Diagnostics) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			b.errorAt(Pos{1, 1}, "", "file holds no YAML document; a definition needs at least kind, lang, id and title")
		} else {
			b.yamlSyntaxError(data, err)
		}
		return nil, b.diags
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		b.errorAt(Pos{next.Line, next.Column}, "", "file holds several YAML documents; put each definition in a file of its own")
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
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	if m := unknownAnchorRE.FindStringSubmatch(msg); m != nil {
		if p, ok := aliasUse(data, m[1]); ok {
			b.errorAt(p, "", "not valid YAML: the alias *%s refers to no anchor; define &%s on a value above it, or write the value out", Printable(m[1]), Printable(m[1]))
			return
		}
	}
	if p, end, ok := openQuote(data, line); ok {
		b.errorAt(p, "", "not valid YAML: the quote opened here is not closed on its line, so the lines after it are read as part of the text up to %s; close the quote", end)
		return
	}
	lines := bytes.Split(data, []byte("\n"))
	col := 1
	if line >= 1 && line <= len(lines) {
		text := lines[line-1]
		indent := text[:len(text)-len(bytes.TrimLeft(text, " \t"))]
		col = 1 + len(indent)
		if tab := bytes.IndexByte(indent, '\t'); tab >= 0 {
			col = 1 + tab
			msg += "; YAML does not allow tabs for indentation, use spaces"
		}
	}
	for _, r := range yamlExplanations {
		if strings.Contains(msg, r[0]) && !strings.Contains(msg, "tabs") {
			msg += "; " + r[1]
			break
		}
	}
	b.errorAt(Pos{line, col}, "", "not valid YAML: %s", Printable(msg))
}

// decimalRE matches a number written in decimal, as YAML and JSON write them.
var decimalRE = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$`)

var unknownAnchorRE = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

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
func openQuote(data []byte, errLine int) (Pos, string, bool) {
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
		end := "the end of the file"
		if j < len(lines) {
			end = "line " + strconv.Itoa(j+1)
		}
		return Pos{Line: i + 1, Column: 1 + utf8.RuneCountInString(lines[i][:col])}, end, true
	}
	return Pos{}, "", false
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

// yamlExplanations say in plain words what the usual YAML syntax errors mean.
var yamlExplanations = [][2]string{
	{"found unexpected end of stream", "a quoted text or a bracket opened here is probably not closed"},
	{"did not find expected key", "this line is probably not indented like the keys around it"},
	{"mapping values are not allowed in this context", "a text containing \": \" must be put in quotes"},
	{"could not find expected ':'", "a key is missing its colon, or a quote opened before is not closed"},
	{"did not find expected '-' indicator", "the items of this list are not all indented the same way"},
	{"found character that cannot start any token", "a value may not start with this character unless it is put in quotes"},
	{"unknown anchor", "an alias (*name) refers to an anchor (&name) that is not defined above it"},
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
		b.errorAt(p, pointer, "explicit YAML tags such as %s are not supported; remove the tag and write the value as plain text", strconv.Quote(n.Tag))
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
				b.errorAt(kp, pointer, "a key must be a plain word, not a list or a mapping")
				continue
			}
			if k.Tag == "!!merge" {
				b.errorAt(kp, pointer, "merge keys (<<) are not supported; write the keys out in full")
				continue
			}
			if !b.checkKey(kp, pointer, k.Value) {
				continue
			}
			child := pointer + "/" + EscapePointerToken(k.Value)
			if at, dup := first[k.Value]; dup {
				b.errorAt(kp, child, "key %q appears twice in the same mapping (first at line %d); keep one", k.Value, at.Line)
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
		if n.Style == 0 && decimalRE.MatchString(n.Value) && !b.checkNumber(p, pointer, n.Value) {
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
	return b.readJSON(data, json.Valid(data))
}

// readJSON reads JSON with the scanner for valid JSON (fast) or with encoding/json's decoder.
func (b *treeBuilder) readJSON(data []byte, fast bool) (any, Diagnostics) {
	j := newJSONReader(data, fast)
	j.b = b
	v, ok := j.value("", 0, Pos{})
	if !ok {
		return nil, b.diags
	}
	if j.fast {
		return v, b.diags
	}
	trailing := j.start()
	if _, err := j.dec.Token(); !errors.Is(err, io.EOF) {
		b.errorAt(j.pos(trailing), "", "not valid JSON: unexpected content after the end of the definition")
	}
	return v, b.diags
}

// newJSONTokens returns a reader of the tokens of data: the scanner when data is valid JSON,
// encoding/json's decoder otherwise.
func newJSONTokens(data []byte) *jsonReader { return newJSONReader(data, json.Valid(data)) }

// newJSONReader returns a reader of the tokens of data, with the scanner for valid JSON (fast)
// or with encoding/json's decoder.
func newJSONReader(data []byte, fast bool) *jsonReader {
	j := &jsonReader{data: data, fast: fast}
	if !fast {
		j.dec = json.NewDecoder(bytes.NewReader(data))
		j.dec.UseNumber()
	}
	return j
}

type jsonReader struct {
	b    *treeBuilder
	data []byte
	// fast says the data is valid JSON, read by token and more from off; otherwise dec reads it.
	fast bool
	off  int
	dec  *json.Decoder
	// cursor remembers the last position computed: tokens come in order, so each position is
	// found by scanning forward from the previous one, not from the start of the file (which
	// made a long one-line file quadratic).
	cursor struct {
		offset int
		pos    Pos
	}
}

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
	if !j.fast {
		i = int(j.dec.InputOffset())
	}
	for i < len(j.data) && strings.IndexByte(" \t\r\n:,", j.data[i]) >= 0 {
		i++
	}
	return i
}

// token reads the next token, as encoding/json's Decoder.Token does with UseNumber: a json.Delim,
// a string, a json.Number, a bool or nil.
func (j *jsonReader) token() (json.Token, error) {
	if !j.fast {
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
	for k < len(j.data) && strings.IndexByte("+-.0123456789eE", j.data[k]) >= 0 {
		k++
	}
	j.off = k
	return json.Number(j.data[i:k]), nil
}

// more reports whether the object or array being read has another element.
func (j *jsonReader) more() bool {
	if !j.fast {
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
		offset = int(syn.Offset)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		offset = len(j.data)
		msg = "the file ends before the definition is complete (a closing } or ] is missing)"
	}
	msg = strings.TrimPrefix(msg, "json: ")
	for _, r := range jsonExplanations {
		if strings.Contains(msg, r[0]) {
			msg += "; " + r[1]
			break
		}
	}
	j.b.errorAt(j.pos(offset), "", "not valid JSON: %s", msg)
}

// jsonExplanations say in plain words what the usual JSON syntax errors mean.
var jsonExplanations = [][2]string{
	{"after object key:value pair", "a comma or a closing } is missing before it"},
	{"after array element", "a comma or a closing ] is missing before it"},
	{"looking for beginning of object key string", "keys must be in double quotes, and no comma may follow the last one"},
	{"looking for beginning of value", "a value is missing or not valid JSON (texts need double quotes, and no comma may follow the last item)"},
	{"after object key", "a colon is missing between the key and its value"},
	{"in string literal", "texts may not contain raw tabs or line breaks; write \\t or \\n"},
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
			j.b.errorAt(kp, child, "key %q appears twice in the same object (first at line %d); keep one", key, at.Line)
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
