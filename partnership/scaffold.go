package partnership

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/commons-toolkit/commons/schema"
	"github.com/commons-toolkit/commons/templates"
	"go.yaml.in/yaml/v3"
)

// scaffoldWidth is where comment lines of a starter file wrap.
const scaffoldWidth = 96

// Scaffold writes a starter definition of the given kind and language: every key that applies
// to the kind, in schema order, preceded by a comment made of its title and description, with
// the schema's example as a value. The first line is a yaml-language-server modeline so that
// editors complete and check keys against the schema.
func Scaffold(kind Kind, lang string) []byte {
	m := Schema()
	var b bytes.Buffer
	fmt.Fprintf(&b, "# yaml-language-server: $schema=%s\n", schema.ID)
	fmt.Fprintf(&b, "#\n# Starter %s. Replace each value with your own, delete the keys marked optional that\n", kind)
	b.WriteString("# you do not need, then check the file with: commons validate FILE\n")
	required := append(slices.Clone(m.Root.Required), m.Root.KindRequired[kind]...)
	for _, p := range m.Root.Properties {
		if p.Name == "$schema" || !p.Node.AppliesTo(kind) {
			continue
		}
		value := scaffoldValues[p.Name]
		switch p.Name {
		case "kind":
			value = string(kind)
		case "lang":
			value = lang
		}
		b.WriteString("\n")
		writeProperty(&b, p.Name, p.Node, value, slices.Contains(required, p.Name), 0)
		if p.Name == "parties" {
			// The schema's examples describe one public body; the examples elsewhere refer to
			// a collective too, and every kind of document needs one, so the starter has both.
			writeObject(&b, p.Node.Resolved().Items.Resolved(), 4, "  - ", scaffoldCollective, true)
		}
	}
	return b.Bytes()
}

// commentedOut marks a key the starter file shows as a comment: useful to know about, but its
// example cannot be valid everywhere the file may be saved.
type commentedOut struct{}

// scaffoldValues overrides the schema's examples in starter files, by path.
var scaffoldValues = map[string]any{
	// The schema's example names a version to come; a starter file must render with the
	// library of the program that wrote it.
	"templates": "^" + strings.Join(strings.SplitN(templates.Version(), ".", 3)[:2], "."),
	// The call's file is resolved next to the application, where the example file is absent.
	"application": map[string]any{"call": map[string]any{"file": commentedOut{}}},
}

// scaffoldCollective is the second party of every starter file: the collective the schema's
// examples refer to.
var scaffoldCollective = map[string]any{
	"id":          "collectif-glycines",
	"name":        "Collectif des Glycines",
	"designation": "le Collectif",
	"role":        string(RoleCitizenCollective),
	"legal_form":  "Association déclarée (loi du 1er juillet 1901)",
	"siret":       nil,
	"rna":         "W421004321",
	"address":     "14 rue des Glycines, 12345 Valmont",
	"representative": map[string]any{
		"name":      "Nadia Roussel",
		"capacity":  "Présidente",
		"authority": "Décision du conseil d’administration du 3 février 2026",
	},
	"signs": true,
}

// writeProperty writes one key with its comment. override replaces the example when not nil.
func writeProperty(b *bytes.Buffer, name string, node *SchemaNode, override any, required bool, indent int) {
	writeComment(b, node, required, indent)
	writeValue(b, name, node.Resolved(), override, indent)
}

// writeValue writes one key and its value, without comment.
func writeValue(b *bytes.Buffer, name string, r *SchemaNode, override any, indent int) {
	pad := strings.Repeat(" ", indent)
	switch {
	case r.Type == "object":
		fmt.Fprintf(b, "%s%s:\n", pad, name)
		values, _ := override.(map[string]any)
		writeObject(b, r, indent+2, "", values, false)
	case override != nil:
		fmt.Fprintf(b, "%s%s: %s\n", pad, name, yamlScalar(override))
	case r.Type == "array":
		fmt.Fprintf(b, "%s%s:\n", pad, name)
		item := r.Items.Resolved()
		if item.Type == "object" {
			writeObject(b, item, indent+4, pad+"  - ", nil, false)
			return
		}
		for _, v := range arrayExample(r, item) {
			fmt.Fprintf(b, "%s  - %s\n", pad, yamlScalar(v))
		}
	default:
		fmt.Fprintf(b, "%s%s: %s\n", pad, name, yamlScalar(example(r)))
	}
}

// writeObject writes the properties of an object. When first is not empty, the first key is
// written after it (the "- " of a list item) instead of being indented. values overrides the
// schema's examples by key, at any depth; a nil value drops the key. terse leaves out comments,
// for a second item whose keys were explained with the first.
func writeObject(b *bytes.Buffer, node *SchemaNode, indent int, first string, values map[string]any, terse bool) {
	for i, p := range node.Properties {
		var sub bytes.Buffer
		v, overridden := values[p.Name]
		if overridden && v == nil {
			continue
		}
		r := p.Node.Resolved()
		_, comment := v.(commentedOut)
		if comment {
			v = nil
		}
		if terse {
			writeValue(&sub, p.Name, r, v, indent)
		} else {
			writeProperty(&sub, p.Name, p.Node, v, slices.Contains(node.Required, p.Name), indent)
		}
		if comment {
			lines := strings.SplitAfter(sub.String(), "\n")
			for j, l := range lines {
				if trimmed := strings.TrimLeft(l, " "); trimmed != "" && !strings.HasPrefix(trimmed, "#") {
					lines[j] = l[:len(l)-len(trimmed)] + "# " + trimmed
				}
			}
			sub.Reset()
			sub.WriteString(strings.Join(lines, ""))
		}
		text := sub.String()
		if i == 0 && first != "" {
			// Comments stay above the item; the key moves onto the "- " line.
			lines := strings.SplitAfter(text, "\n")
			for j, l := range lines {
				if !strings.HasPrefix(strings.TrimLeft(l, " "), "#") {
					lines[j] = first + strings.TrimLeft(l, " ")
					break
				}
			}
			text = strings.Join(lines, "")
		}
		b.WriteString(text)
	}
}

func writeComment(b *bytes.Buffer, node *SchemaNode, required bool, indent int) {
	text := node.Title
	if !required {
		text += " (optional)"
	}
	if node.Description != "" {
		text += ": " + node.Description
	}
	if r := node.Resolved(); len(r.Enum) > 0 && !strings.Contains(node.Description, r.Enum[0]) {
		text += " One of: " + strings.Join(r.Enum, ", ") + "."
	}
	prefix := strings.Repeat(" ", indent) + "# "
	line := prefix
	for _, w := range strings.Fields(text) {
		if len(line) > len(prefix) && len(line)+1+len(w) > scaffoldWidth {
			b.WriteString(line + "\n")
			line = prefix
		}
		if len(line) > len(prefix) {
			line += " "
		}
		line += w
	}
	b.WriteString(line + "\n")
}

func example(n *SchemaNode) any {
	if len(n.Examples) > 0 {
		return n.Examples[0]
	}
	if len(n.Enum) > 0 {
		return n.Enum[0]
	}
	switch n.Type {
	case "boolean":
		return false
	case "integer", "number":
		if n.Minimum != nil {
			return *n.Minimum
		}
		return 0
	}
	return "…"
}

func arrayExample(list, item *SchemaNode) []any {
	if len(list.Examples) > 0 {
		if items, ok := list.Examples[0].([]any); ok && len(items) > 0 {
			return items
		}
	}
	return []any{example(item)}
}

// yamlScalar renders one value as YAML would write it, quoting where YAML needs it (dates
// included, so they stay text).
func yamlScalar(v any) string {
	out, err := yaml.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSuffix(string(out), "\n")
}
