package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/commons-toolkit/commons/schema"
	"github.com/xeipuuv/gojsonschema"
)

// compileSchema compiles the embedded JSON Schema without its annotations: titles,
// descriptions, examples, comments and the x- keywords of our own take most of its bytes, play
// no part in validation, and would be parsed and kept for nothing (partnership.Schema reads them
// for messages and forms). Every command that validates pays for the compilation once.
func compileSchema() (*gojsonschema.Schema, error) {
	dec := json.NewDecoder(bytes.NewReader(schema.JSON))
	dec.UseNumber() // as gojsonschema's own loaders decode
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	stripAnnotations(v)
	// gojsonschema parses every schema under "definitions" for nothing, and then each one again
	// where a $ref first names it; under another key only the second happens.
	if root, ok := v.(map[string]any); ok {
		if defs, ok := root["definitions"]; ok {
			delete(root, "definitions")
			root[definitions] = defs
			moveRefs(v)
		}
	}
	sharePatterns(v)
	return gojsonschema.NewSchema(gojsonschema.NewRawLoader(v))
}

// definitions is where compileSchema moves the definitions, the name later drafts of JSON
// Schema give them, which draft-07 does not read.
const definitions = "$defs"

// moveRefs rewrites every "$ref" to a definition to its new place.
func moveRefs(v any) {
	switch v := v.(type) {
	case map[string]any:
		for key, sub := range v {
			if ref, ok := sub.(string); ok && key == "$ref" {
				if name, ok := strings.CutPrefix(ref, "#/definitions/"); ok {
					v[key] = "#/" + definitions + "/" + name
				}
				continue
			}
			moveRefs(sub)
		}
	case []any:
		for _, sub := range v {
			moveRefs(sub)
		}
	}
}

// stripAnnotations removes, in place, the annotations of a JSON Schema (draft-07) and of every
// schema it holds. Keywords whose values are data (enum, const, default, required…) are left
// alone, so that a property called "title" or "description" is kept.
func stripAnnotations(v any) {
	s, ok := v.(map[string]any)
	if !ok {
		return
	}
	for key, sub := range s {
		switch {
		case key == "title" || key == "description" || key == "examples" || key == "$comment" || strings.HasPrefix(key, "x-"):
			delete(s, key)
		case key == "properties" || key == "patternProperties" || key == "definitions" || key == "dependencies":
			if m, ok := sub.(map[string]any); ok {
				for _, schema := range m {
					stripAnnotations(schema)
				}
			}
		case key == "allOf" || key == "anyOf" || key == "oneOf" || key == "items":
			if list, ok := sub.([]any); ok {
				for _, schema := range list {
					stripAnnotations(schema)
				}
				continue
			}
			stripAnnotations(sub)
		case key == "additionalItems" || key == "additionalProperties" || key == "contains" || key == "propertyNames" ||
			key == "not" || key == "if" || key == "then" || key == "else":
			stripAnnotations(sub)
		}
	}
}

// sharePatterns makes every schema with a "pattern" refer, through allOf, to one definition per
// distinct pattern: gojsonschema compiles the regular expression of every "pattern" it meets,
// and the same few patterns (identifiers, dates, e-mail addresses) recur dozens of times, but it
// parses each referenced definition once. A value breaks the shared pattern where it broke the
// original, with the same error at the same place; the allOf adds an error of its own, which
// checkSchema leaves out as it does every summary of errors reported one by one.
func sharePatterns(v any) {
	root, ok := v.(map[string]any)
	if !ok {
		return
	}
	defs, _ := root[definitions].(map[string]any)
	if defs == nil {
		defs = map[string]any{}
		root[definitions] = defs
	}
	names := map[string]string{}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for key, sub := range v {
				if key != "enum" && key != "const" && key != "default" && key != "required" {
					walk(sub)
				}
			}
			p, ok := v["pattern"].(string)
			if !ok {
				return
			}
			name, ok := names[p]
			if !ok {
				name = fmt.Sprintf("pattern-%d", len(names))
				names[p] = name
			}
			delete(v, "pattern")
			all, _ := v["allOf"].([]any)
			v["allOf"] = append(all, map[string]any{"$ref": "#/" + definitions + "/" + name})
		case []any:
			for _, sub := range v {
				walk(sub)
			}
		}
	}
	walk(root)
	for p, name := range names {
		defs[name] = map[string]any{"pattern": p}
	}
}
