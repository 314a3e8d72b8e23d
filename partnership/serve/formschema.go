package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/schema"
	"go.yaml.in/yaml/v3"
)

// interfaceLangs are the languages of the editor's interface.
var interfaceLangs = []string{"en", "fr"}

// baseLang is the language the schema's own titles and descriptions are written in; its x-fr
// and x-en keywords give them in each language.
const baseLang = "en"

// formText is what the form shows of a schema node in one language.
type formText struct {
	Title       string
	Description string
	Examples    []any
	// Lang is the language Title and Description are actually written in: the one asked for,
	// or the schema's own when the node has no text in it.
	Lang string
}

// formSchema is the JSON Schema the form is built from: the schema itself, where each node the
// library reads (the root, the definitions, their properties and items) carries its title,
// description and examples in every language of the interface under "x-text", as
// partnership.SchemaNode.In gives them; the x-fr and x-en keywords are left out.
var formSchema = sync.OnceValues(func() ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(schema.JSON, &doc); err != nil || len(doc.Content) != 1 {
		return nil, fmt.Errorf("read the schema: %v", err)
	}
	m := partnership.Schema()
	root := doc.Content[0]
	annotate(root, m.Root)
	if defs := mapping(root, "definitions"); defs != nil {
		for i := 0; i+1 < len(defs.Content); i += 2 {
			annotate(defs.Content[i+1], m.Definitions[defs.Content[i].Value])
		}
	}
	var b bytes.Buffer
	writeJSONNode(&b, root, "", 0)
	return b.Bytes(), nil
})

// annotate adds the texts of node s to the JSON node n and walks their properties and items
// together. A node the library does not read (an if/then block) only loses its x- texts.
func annotate(n *yaml.Node, s *partnership.SchemaNode) {
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); {
		if k := n.Content[i].Value; k == "x-fr" || k == "x-en" {
			n.Content = append(n.Content[:i], n.Content[i+2:]...)
			continue
		}
		i += 2
	}
	if s != nil {
		texts := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		for _, lang := range interfaceLangs {
			data, _ := json.Marshal(textOf(s, lang)) // texts and examples read from JSON
			var v yaml.Node
			if err := yaml.Unmarshal(data, &v); err == nil && len(v.Content) == 1 {
				texts.Content = append(texts.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: lang}, v.Content[0])
			}
		}
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "x-text"}, texts)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, child := n.Content[i].Value, n.Content[i+1]
		switch key {
		case "properties":
			for j := 0; j+1 < len(child.Content); j += 2 {
				annotate(child.Content[j+1], property(s, child.Content[j].Value))
			}
		case "items":
			var items *partnership.SchemaNode
			if s != nil {
				items = s.Items
			}
			annotate(child, items)
		case "definitions":
			// annotated from the model's definitions by formSchema
		case "examples", "enum", "const", "default", "required":
			// values, not schemas
		default:
			if child.Kind == yaml.MappingNode {
				annotate(child, nil)
			} else {
				for _, c := range child.Content {
					annotate(c, nil)
				}
			}
		}
	}
}

// textOf reads the texts of a node in lang, following its $ref as the library does.
func textOf(s *partnership.SchemaNode, lang string) map[string]any {
	r := s.Resolved()
	t := r.In(lang)
	written := lang
	if lang != baseLang {
		own, _ := r.Text(lang)
		if (r.Title != "" && own.Title == "") || (r.Description != "" && own.Description == "") {
			written = baseLang
		}
	}
	out := map[string]any{"title": t.Title, "description": t.Description, "lang": written}
	if len(t.Examples) > 0 {
		out["examples"] = t.Examples
	}
	return out
}

// property is the schema node of a property of s, as written (before its $ref is followed).
func property(s *partnership.SchemaNode, name string) *partnership.SchemaNode {
	if s == nil {
		return nil
	}
	for _, p := range s.Properties {
		if p.Name == name {
			return p.Node
		}
	}
	return nil
}

func mapping(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}
