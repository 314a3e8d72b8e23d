package partnership

import (
	"reflect"
	"testing"

	"github.com/commons-toolkit/commons/schema"
)

// TestSchemaStreamed checks that reading a schema straight from the scanner gives the model the
// node tree gives: on the embedded schema, and on schemas whose keywords have unusual shapes.
// (The model compiled into the program is checked against it by TestStaticSchemaIsTheSchema.)
func TestSchemaStreamed(t *testing.T) {
	for _, c := range []struct{ name, json string }{
		{"embedded", string(schema.JSON)},
		{"unusual shapes", `{
			"type": ["object", "null"], "title": "Root \"quoted\" \u00e9", "x-unknown": {"a": ["}", "\\", {"b": "]"}]},
			"definitions": {"text": {"type": "string", "examples": ["a", 1, 2.5, 1e3, true, null, {"fr": "x"}, ["y"]]},
				"n": {"$ref": "#/definitions/text", "minimum": 0, "maximum": 1.5, "minItems": 2}},
			"properties": {
				"a": {"$ref": "#/definitions/text", "x-fr": {"title": "A", "description": "d", "examples": [1, "z"]}, "x-en": {"title": "A"}},
				"b": {"type": "array", "items": {"enum": ["x", "y"], "pattern": "^[a-z]+$", "format": "date"}},
				"c": {"items": [{"type": "string"}], "x-kinds": ["pact", "call"], "required": ["q"]},
				"d": "not a schema",
				"e": {"properties": ["odd", {"type": "string"}], "examples": {"k": "v"}},
				"f": {"type": 3, "title": null, "description": false, "oneOf": [{"type": "string"}]},
				"g\u00e9": {"x-en": {"title": 1, "description": {"a": "b"}, "examples": "one", "other": [1]}, "x-fr": "odd"}
			},
			"required": ["a"],
			"allOf": [{"if": {"properties": {"kind": {"const": "pact"}}}, "then": {"required": ["a", "b"]}}, {"not": {}}]
		}`},
		{"lists and numbers", `{
			"type": [], "required": ["a", 1, null, true, {"b": "c"}, ["d"]], "enum": [], "x-kinds": ["pact"], "minimum": -1e3,
			"properties": {
				"a": {"type": ["string", 2], "enum": ["x", "y\"z"], "required": "a", "minItems": 2.5, "maximum": 12},
				"b": {"type": 7, "title": -0.5, "x-kinds": [], "enum": [1.5, "x"], "minItems": "3", "maximum": [1]},
				"c": {"required": [], "x-kinds": ["call", "pact"], "x-kinds": ["charter"], "minimum": true, "format": 3}
			}
		}`},
		{"definitions not an object", `{"definitions": ["a", {"type": "string"}], "type": "object"}`},
		{"empty", `{}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			streamed, err := parseSchema(newJSONReader([]byte(c.json), true))
			if err != nil {
				t.Fatal(err)
			}
			tree, err := parseSchema(newJSONReader([]byte(c.json), false))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(streamed, tree) {
				t.Errorf("the streamed model differs from the node tree's:\nstreamed %+v\ntree     %+v", streamed.Root, tree.Root)
			}
			if c.name == "embedded" && (len(tree.Definitions) == 0 || len(tree.Root.Properties) == 0) {
				t.Errorf("the embedded schema's model is empty")
			}
		})
	}
}
