package partnership

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// SchemaNode is one node of the JSON Schema, read in document order so that tools built on it
// (diagnostics, starter files) present keys the way the schema lists them. Only the keywords
// the project's schema uses are kept.
type SchemaNode struct {
	// Type is the JSON type of the value; when the schema allows several (a text, which is a
	// string or a mapping of languages), it is the first and Types lists them all.
	Type        string
	Types       []string
	Title       string
	Description string
	Ref         string
	Properties  []SchemaProperty
	Required    []string
	Items       *SchemaNode
	Enum        []string
	Pattern     string
	Format      string
	Minimum     *float64
	Maximum     *float64
	MinItems    int
	Examples    []any
	// Kinds lists the document kinds a top-level section applies to (the x-kinds keyword).
	Kinds []Kind
	// KindRequired holds the root's per-kind required keys (the allOf of if/then blocks).
	KindRequired map[Kind][]string
	// Localized holds, one entry per language, the title, description and examples that
	// replace the node's own when presenting it in that language (the x-fr and x-en keywords).
	// A list, not a map: a node has one or two, and the schema's some five hundred maps were
	// half of what reading it allocated.
	Localized []LocalizedText

	root *SchemaModel
}

// SchemaText is the part of a schema node written for readers, in one language.
type SchemaText struct {
	Title       string
	Description string
	Examples    []any
}

// LocalizedText is a node's text in one language.
type LocalizedText struct {
	Lang string
	SchemaText
}

// Text returns what the node's x-LANG keyword says for lang, if it has one.
func (s *SchemaNode) Text(lang string) (SchemaText, bool) {
	for _, l := range s.Localized {
		if l.Lang == lang {
			return l.SchemaText, true
		}
	}
	return SchemaText{}, false
}

// In returns the node's title, description and examples in lang: those of its x-LANG keyword
// where it has them, else its own.
func (s *SchemaNode) In(lang string) SchemaText {
	t := SchemaText{Title: s.Title, Description: s.Description, Examples: s.Examples}
	if l, ok := s.Text(lang); ok {
		t.Title = cmp.Or(l.Title, t.Title)
		t.Description = cmp.Or(l.Description, t.Description)
		if len(l.Examples) > 0 {
			t.Examples = l.Examples
		}
	}
	return t
}

// SchemaProperty is a named property of an object schema.
type SchemaProperty struct {
	Name string
	Node *SchemaNode
}

// SchemaModel is the parsed schema: its root and its named definitions.
type SchemaModel struct {
	Root        *SchemaNode
	Definitions map[string]*SchemaNode
}

// Schema returns the model of the embedded schema. The model is compiled into the program
// (schemastatic.go, written from the schema by TestStaticSchemaFresh): reading the schema was
// some two milliseconds of every process that validates or renders, before it could start.
var Schema = sync.OnceValue(staticSchema)

// ParseSchema reads a JSON Schema document into a SchemaModel.
func ParseSchema(data []byte) (*SchemaModel, error) {
	return parseSchema(newJSONTokens(data))
}

func parseSchema(dec *jsonReader) (*SchemaModel, error) {
	if dec.fast() {
		return streamSchema(dec)
	}
	root, err := jsonNode(dec)
	if err != nil {
		return nil, fmt.Errorf("parse schema: %w", err)
	}
	if _, err := dec.dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("parse schema: more than one JSON value")
	}
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("parse schema: the root is not an object")
	}
	m := &SchemaModel{Definitions: map[string]*SchemaNode{}}
	if defs := mapGet(root, "definitions"); defs != nil {
		for i := 0; i+1 < len(defs.Content); i += 2 {
			m.Definitions[defs.Content[i].Value] = m.node(defs.Content[i+1])
		}
	}
	m.Root = m.node(root)
	m.kindRequired(mapGet(root, "allOf"))
	return m, nil
}

// kindRequired reads the root's allOf of if/then blocks into the per-kind required keys.
func (m *SchemaModel) kindRequired(all *yaml.Node) {
	if all == nil {
		return
	}
	m.Root.KindRequired = map[Kind][]string{}
	for _, cond := range all.Content {
		kind := mapGet(mapGet(mapGet(mapGet(cond, "if"), "properties"), "kind"), "const")
		req := mapGet(mapGet(cond, "then"), "required")
		if kind != nil && req != nil {
			m.Root.KindRequired[Kind(kind.Value)] = scalars(req)
		}
	}
}

// jsonNode reads one JSON value into the node tree the YAML library uses, which keeps the order
// of keys as encoding/json's maps do not. Reading JSON with the YAML parser would do the same,
// three times slower, and every command pays for it once.
func jsonNode(dec *jsonReader) (*yaml.Node, error) {
	tok, err := dec.token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		if t == '{' {
			n.Kind, n.Tag = yaml.MappingNode, "!!map"
		}
		for dec.more() {
			if n.Kind == yaml.MappingNode {
				key, err := dec.token()
				if err != nil {
					return nil, err
				}
				n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: keyString(key)})
			}
			child, err := jsonNode(dec)
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, child)
		}
		if _, err := dec.token(); err != nil { // the closing delimiter
			return nil, err
		}
		return n, nil
	case string:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: t}, nil
	case json.Number:
		tag := "!!float"
		if _, err := t.Int64(); err == nil {
			tag = "!!int"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: t.String()}, nil
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(t)}, nil
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}, nil
}

func (m *SchemaModel) node(n *yaml.Node) *SchemaNode {
	s := &SchemaNode{root: m}
	for i := 0; i+1 < len(n.Content); i += 2 {
		s.apply(n.Content[i].Value, n.Content[i+1])
	}
	return s
}

// apply sets what the keyword key with the value v says of the node; keywords the model does
// not keep change nothing.
func (s *SchemaNode) apply(key string, v *yaml.Node) {
	m := s.root
	switch key {
	case "type":
		if v.Kind != yaml.SequenceNode {
			s.Type = v.Value
			return
		}
		s.applyList(key, scalars(v))
	case "required", "enum", "x-kinds":
		s.applyList(key, scalars(v))
	case "title":
		s.Title = v.Value
	case "description":
		s.Description = v.Value
	case "$ref":
		s.Ref = strings.TrimPrefix(v.Value, "#/definitions/")
	case "properties":
		for j := 0; j+1 < len(v.Content); j += 2 {
			s.Properties = append(s.Properties, SchemaProperty{Name: v.Content[j].Value, Node: m.node(v.Content[j+1])})
		}
	case "items":
		s.Items = m.node(v)
	case "pattern":
		s.Pattern = v.Value
	case "format":
		s.Format = v.Value
	case "minimum":
		s.Minimum = parseFloat(v.Value)
	case "maximum":
		s.Maximum = parseFloat(v.Value)
	case "minItems":
		s.MinItems, _ = strconv.Atoi(v.Value)
	case "examples":
		s.Examples = appendExamples(s.Examples, v)
	case "x-fr", "x-en":
		lang := strings.TrimPrefix(key, "x-")
		var t SchemaText
		if title := mapGet(v, "title"); title != nil {
			t.Title = title.Value
		}
		if d := mapGet(v, "description"); d != nil {
			t.Description = d.Value
		}
		if ex := mapGet(v, "examples"); ex != nil {
			t.Examples = appendExamples(t.Examples, ex)
		}
		s.localize(lang, t)
	}
}

// applyList sets what a keyword whose value is a list of texts (type, required, enum, x-kinds)
// says of the node.
func (s *SchemaNode) applyList(key string, items []string) {
	switch key {
	case "type":
		s.Types = items
		if len(items) > 0 {
			s.Type = items[0]
		}
	case "required":
		s.Required = items
	case "enum":
		s.Enum = items
	case "x-kinds":
		for _, k := range items {
			s.Kinds = append(s.Kinds, Kind(k))
		}
	}
}

// appendExamples appends the values of the examples keyword's node v to dst.
func appendExamples(dst []any, v *yaml.Node) []any {
	for _, e := range v.Content {
		var x any
		if e.Decode(&x) == nil {
			dst = append(dst, x)
		}
	}
	return dst
}

// localize sets the node's text in lang (an x-LANG keyword).
func (s *SchemaNode) localize(lang string, t SchemaText) {
	for i := range s.Localized {
		if s.Localized[i].Lang == lang {
			s.Localized[i].SchemaText = t // a keyword written twice: the last counts
			return
		}
	}
	s.Localized = append(s.Localized, LocalizedText{Lang: lang, SchemaText: t})
}

// Resolved follows a $ref to the definition it names, keeping the referring node's own title,
// description and examples when it has them.
func (s *SchemaNode) Resolved() *SchemaNode {
	if s == nil || s.Ref == "" {
		return s
	}
	target, ok := s.definitions()[s.Ref]
	if !ok {
		return s
	}
	r := *target
	if s.Title != "" {
		r.Title = s.Title
	}
	if s.Description != "" {
		r.Description = s.Description
	}
	if len(s.Kinds) > 0 {
		r.Kinds = s.Kinds
	}
	if len(s.Examples) > 0 {
		r.Examples = s.Examples
	}
	if len(s.Localized) > 0 {
		r.Localized = s.Localized
	}
	return &r
}

// Property returns the schema of the named property, resolved, or nil.
func (s *SchemaNode) Property(name string) *SchemaNode {
	for _, p := range s.Resolved().Properties {
		if p.Name == name {
			return p.Node.Resolved()
		}
	}
	return nil
}

// PropertyNames lists the property names in schema order.
func (s *SchemaNode) PropertyNames() []string {
	var names []string
	for _, p := range s.Resolved().Properties {
		names = append(names, p.Name)
	}
	return names
}

// At returns the schema that governs the value at a JSON pointer, or nil when the pointer leads
// outside the schema.
func (m *SchemaModel) At(pointer string) *SchemaNode { return m.at(pointer).Resolved() }

// FormatAt returns the format the schema gives the value at a JSON pointer ("uri", "date"…), or
// "" when it gives none: At(pointer).Format, without a copy of the node for each value asked
// about.
func (m *SchemaModel) FormatAt(pointer string) string {
	if s := m.at(pointer); s != nil {
		return s.target().Format
	}
	return ""
}

// at is At without resolving the node reached.
func (m *SchemaModel) at(pointer string) *SchemaNode {
	s := m.Root
	if pointer == "" {
		return s
	}
	// The way down follows the definitions a node refers to without copying them, as Resolved
	// does to give the node its own title: At resolves only the node reached.
	for rest, more := pointer[1:], true; more && s != nil; {
		var tok string
		tok, rest, more = strings.Cut(rest, "/")
		t := s.target()
		if t.Type == "array" {
			s = t.Items
			continue
		}
		s = nil
		name := UnescapePointerToken(tok)
		for _, p := range t.Properties {
			if p.Name == name {
				s = p.Node
				break
			}
		}
	}
	return s
}

// definitions are the definitions a $ref of the node names: those of its model. The nodes of the
// embedded schema's model, compiled into the program, have none of their own.
func (s *SchemaNode) definitions() map[string]*SchemaNode {
	if s.root != nil {
		return s.root.Definitions
	}
	return Schema().Definitions
}

// target is the definition a node refers to, or the node itself.
func (s *SchemaNode) target() *SchemaNode {
	if s.Ref != "" {
		if t, ok := s.definitions()[s.Ref]; ok {
			return t
		}
	}
	return s
}

// AppliesTo reports whether a top-level section applies to a kind of document.
func (s *SchemaNode) AppliesTo(k Kind) bool {
	if len(s.Kinds) == 0 {
		return true
	}
	for _, x := range s.Kinds {
		if x == k {
			return true
		}
	}
	return false
}

func mapGet(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func scalars(n *yaml.Node) []string {
	var out []string
	for _, c := range n.Content {
		out = append(out, c.Value)
	}
	return out
}

func parseFloat(s string) *float64 {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil
	}
	return &f
}

// keyString returns the text of an object's key, which JSON makes a string.
func keyString(key json.Token) string {
	if s, ok := key.(string); ok {
		return s
	}
	return fmt.Sprint(key)
}
