package partnership

import (
	"encoding/json"
	"fmt"

	"go.yaml.in/yaml/v3"
)

// streamSchema reads a schema that is valid JSON straight from the scanner's tokens into the
// model, without first building a node for every value: the nodes of the schema (its root, its
// definitions, properties and items) are read as they come, the keywords the model keeps are
// given to SchemaNode.apply as the node tree would have given them, and the subtrees the model
// does not read are passed over. The result is the same model as the node tree's
// (TestSchemaStreamed).
func streamSchema(j *jsonReader) (*SchemaModel, error) {
	if j.next() != '{' {
		return nil, fmt.Errorf("parse schema: the root is not an object")
	}
	m := &SchemaModel{Definitions: map[string]*SchemaNode{}}
	var all *yaml.Node
	root, err := m.stream(j, func(key string) (bool, error) {
		var err error
		switch key {
		case "definitions":
			if j.next() != '{' {
				var defs *yaml.Node
				if defs, err = jsonNode(j); err == nil {
					for i := 0; i+1 < len(defs.Content); i += 2 {
						m.Definitions[defs.Content[i].Value] = m.node(defs.Content[i+1])
					}
				}
				return true, err
			}
			err = j.members(func(name string) error {
				def, err := m.stream(j, nil)
				m.Definitions[name] = def
				return err
			})
			return true, err
		case "allOf":
			all, err = jsonNode(j)
			return true, err
		}
		return false, nil
	})
	if err != nil {
		return nil, fmt.Errorf("parse schema: %w", err)
	}
	m.Root = root
	m.kindRequired(all)
	return m, nil
}

// stream reads one node of the schema. extra, when given, reads the keywords of the root that
// are not those of a node and says whether it read the value.
func (m *SchemaModel) stream(j *jsonReader, extra func(key string) (bool, error)) (*SchemaNode, error) {
	if j.next() != '{' {
		// Not an object: the node tree gives what the model made of it.
		v, err := jsonNode(j)
		if err != nil {
			return nil, err
		}
		return m.node(v), nil
	}
	s := &SchemaNode{root: m}
	err := j.members(func(key string) error {
		if extra != nil {
			if done, err := extra(key); done || err != nil {
				return err
			}
		}
		switch key {
		case "properties":
			if j.next() != '{' {
				break
			}
			return j.members(func(name string) error {
				child, err := m.stream(j, nil)
				s.Properties = append(s.Properties, SchemaProperty{Name: name, Node: child})
				return err
			})
		case "items":
			var err error
			s.Items, err = m.stream(j, nil)
			return err
		case "examples":
			if j.next() != '[' {
				break
			}
			var err error
			s.Examples, err = j.examples(s.Examples)
			return err
		case "x-fr", "x-en":
			if j.next() != '{' {
				break
			}
			var t SchemaText
			err := j.members(func(key string) error {
				var err error
				switch key {
				case "title":
					t.Title, err = j.text()
				case "description":
					t.Description, err = j.text()
				case "examples":
					if j.next() != '[' {
						var v *yaml.Node
						if v, err = jsonNode(j); err == nil {
							t.Examples = appendExamples(t.Examples, v)
						}
						break
					}
					t.Examples, err = j.examples(t.Examples)
				default:
					err = j.skip()
				}
				return err
			})
			s.localize(key[len("x-"):], t)
			return err
		case "type", "title", "description", "$ref", "required", "enum", "pattern", "format",
			"minimum", "maximum", "minItems", "x-kinds":
		default:
			return j.skip()
		}
		switch c := j.next(); {
		case c == '"':
			// A string is the commonest value; its node needs no children.
			str, err := j.str()
			if err != nil {
				return err
			}
			s.apply(key, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: str})
			return nil
		case c == '-' || c >= '0' && c <= '9':
			// A number (minimum, maximum, minItems) is read from its text, as a node holds it.
			tok, err := j.token()
			if err != nil {
				return err
			}
			n, _ := tok.(json.Number)
			s.apply(key, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: string(n)})
			return nil
		case c == '[':
			// A list of texts (type, required, enum, x-kinds) needs no node for each text.
			items, ok, err := j.texts()
			if err != nil {
				return err
			}
			if ok {
				s.applyList(key, items)
				return nil
			}
		}
		v, err := jsonNode(j)
		if err != nil {
			return err
		}
		s.apply(key, v)
		return nil
	})
	return s, err
}

// next returns the first byte of the next token of valid JSON, or 0 at the end.
func (j *jsonReader) next() byte {
	if i := j.start(); i < len(j.data) {
		return j.data[i]
	}
	return 0
}

// members reads the object that comes next in valid JSON, calling member with each key when the
// reader is at its value; member must read the value.
func (j *jsonReader) members(member func(key string) error) error {
	if _, err := j.token(); err != nil { // the opening brace
		return err
	}
	for j.more() {
		key, err := j.str()
		if err != nil {
			return err
		}
		if err := member(key); err != nil {
			return err
		}
	}
	_, err := j.token() // the closing brace
	return err
}

// str reads the string that comes next in valid JSON, as token does but without making it a
// json.Token.
func (j *jsonReader) str() (string, error) {
	i := j.start()
	k, escaped := j.stringEnd(i + 1)
	j.off = k + 1
	if !escaped {
		if w, ok := schemaWord(j.data[i+1 : k]); ok {
			return w, nil
		}
		return string(j.data[i+1 : k]), nil
	}
	var s string
	err := json.Unmarshal(j.data[i:k+1], &s)
	return s, err
}

// texts reads the array that comes next in valid JSON when all its values are strings, and says
// whether they were; when they were not, the reader is where it was.
func (j *jsonReader) texts() ([]string, bool, error) {
	at := j.off
	if _, err := j.token(); err != nil { // the opening bracket
		return nil, false, err
	}
	var items []string
	for j.more() {
		if j.next() != '"' {
			j.off = at
			return nil, false, nil
		}
		str, err := j.str()
		if err != nil {
			return nil, false, err
		}
		items = append(items, str)
	}
	_, err := j.token() // the closing bracket
	return items, true, err
}

// text reads the next value of valid JSON as the node tree's text of it: a string as it is,
// another scalar as written, an object or an array as nothing.
func (j *jsonReader) text() (string, error) {
	if j.next() == '"' {
		return j.str()
	}
	v, err := jsonNode(j)
	if err != nil {
		return "", err
	}
	return v.Value, nil
}

// examples reads the array of examples that comes next in valid JSON, appending its values to
// dst as appendExamples does from the node tree.
func (j *jsonReader) examples(dst []any) ([]any, error) {
	if _, err := j.token(); err != nil { // the opening bracket
		return dst, err
	}
	for j.more() {
		if j.next() == '"' {
			str, err := j.str()
			if err != nil {
				return dst, err
			}
			dst = append(dst, str)
			continue
		}
		v, err := jsonNode(j)
		if err != nil {
			return dst, err
		}
		var x any
		if v.Decode(&x) == nil {
			dst = append(dst, x)
		}
	}
	_, err := j.token() // the closing bracket
	return dst, err
}

// skip passes over the next value of valid JSON without reading it.
func (j *jsonReader) skip() error {
	i := j.start()
	if c := j.data[i]; c != '{' && c != '[' {
		_, err := j.token()
		return err
	}
	for depth := 0; ; i++ {
		switch j.data[i] {
		case '"':
			i, _ = j.stringEnd(i + 1)
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				j.off = i + 1
				return nil
			}
		}
	}
}

// schemaWord returns, without allocating it, a text that JSON Schemas repeat hundreds of times:
// a keyword or the name of a type. The schema is read in every process that validates (to be
// compiled), and its keys would otherwise each be a new string.
func schemaWord(b []byte) (string, bool) {
	switch string(b) {
	case "type":
		return "type", true
	case "title":
		return "title", true
	case "description":
		return "description", true
	case "properties":
		return "properties", true
	case "required":
		return "required", true
	case "items":
		return "items", true
	case "enum":
		return "enum", true
	case "pattern":
		return "pattern", true
	case "format":
		return "format", true
	case "minimum":
		return "minimum", true
	case "maximum":
		return "maximum", true
	case "minItems":
		return "minItems", true
	case "minLength":
		return "minLength", true
	case "uniqueItems":
		return "uniqueItems", true
	case "multipleOf":
		return "multipleOf", true
	case "additionalProperties":
		return "additionalProperties", true
	case "examples":
		return "examples", true
	case "$ref":
		return "$ref", true
	case "x-fr":
		return "x-fr", true
	case "x-en":
		return "x-en", true
	case "x-kinds":
		return "x-kinds", true
	case "string":
		return "string", true
	case "object":
		return "object", true
	case "array":
		return "array", true
	case "integer":
		return "integer", true
	case "number":
		return "number", true
	case "boolean":
		return "boolean", true
	}
	return "", false
}
