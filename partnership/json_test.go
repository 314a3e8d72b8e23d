package partnership

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// readBoth reads JSON with the scanner for valid JSON and with encoding/json's decoder, and
// fails the test when they differ in any value, position or diagnostic.
func readBoth(t *testing.T, data []byte) {
	t.Helper()
	read := func(fast bool) (*Document, any, Diagnostics) {
		doc := &Document{File: "x.json", Spans: map[string]Span{}}
		b := &treeBuilder{doc: doc, limits: DefaultLimits}
		v, diags := b.readJSON(newJSONReader(data, fast))
		return doc, v, diags
	}
	fastDoc, fastValue, fastDiags := read(true)
	slowDoc, slowValue, slowDiags := read(false)
	if !reflect.DeepEqual(fastValue, slowValue) {
		t.Errorf("values differ:\nscanner  %#v\ndecoder  %#v", fastValue, slowValue)
	}
	if !reflect.DeepEqual(fastDoc.Spans, slowDoc.Spans) {
		for p, s := range slowDoc.Spans {
			if fastDoc.Spans[p] != s {
				t.Errorf("%s: scanner at %+v, decoder at %+v", p, fastDoc.Spans[p], s)
			}
		}
		if len(fastDoc.Spans) != len(slowDoc.Spans) {
			t.Errorf("%d positions by the scanner, %d by the decoder", len(fastDoc.Spans), len(slowDoc.Spans))
		}
	}
	if !reflect.DeepEqual(fastDiags, slowDiags) {
		t.Errorf("diagnostics differ:\nscanner  %v\ndecoder  %v", fastDiags, slowDiags)
	}
}

// jsonVariants writes a value as JSON in several layouts: compact, indented with spaces, with
// tabs and CRLF line ends, and with every non-ASCII character escaped.
func jsonVariants(t testing.TB, v any) [][]byte {
	compact, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	indented, _ := json.MarshalIndent(v, "", "  ")
	tabs, _ := json.MarshalIndent(v, " ", "\t")
	crlf := []byte(strings.ReplaceAll(string(tabs), "\n", "\r\n"))
	var escaped strings.Builder
	for _, r := range string(indented) {
		if r > 0x7e {
			escaped.WriteString(jsonEscape(r))
		} else {
			escaped.WriteRune(r)
		}
	}
	return [][]byte{compact, indented, tabs, crlf, []byte(escaped.String())}
}

// jsonEscape writes a character as JSON's \u escape, as a surrogate pair beyond the BMP.
func jsonEscape(r rune) string {
	if r > 0xffff {
		r -= 0x10000
		return jsonEscape(0xd800+(r>>10)) + jsonEscape(0xdc00+(r&0x3ff))
	}
	const hex = "0123456789abcdef"
	return `\u` + string([]byte{hex[r>>12&15], hex[r>>8&15], hex[r>>4&15], hex[r&15]})
}

// TestJSONScanner reads every example, written as JSON in several layouts, and JSON with
// escapes, numbers of every form, empty containers, duplicate keys and values beyond the limits,
// with both JSON readers: they give the same values at the same positions, with the same
// diagnostics.
func TestJSONScanner(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "examples", "*.yaml"))
	if len(files) == 0 {
		t.Fatal("no examples")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, diags := Load(f, data, DefaultLimits)
		if doc == nil {
			t.Fatalf("%s: %v", f, diags)
		}
		for i, variant := range jsonVariants(t, doc.Value) {
			t.Run(filepath.Base(f)+"/"+[]string{"compact", "indented", "tabs", "crlf", "escaped"}[i], func(t *testing.T) {
				readBoth(t, variant)
			})
		}
	}
	for name, data := range map[string]string{
		"escapes":          `{"a\"b": "x\\y\/z\b\f\n\r\t\u00e9\ud83d\ude00", "\u006b": ["\"", "\\", ""]}`,
		"numbers":          `{"n": [0, -0, 1, -12, 3.25, 1e3, 1E+3, 2.5e-3, -0.0, 123456789012345678901234567890]}`,
		"literals":         `{"t": true, "f": false, "z": null, "e": {}, "l": [], "nested": [[[]], {"a": {}}]}`,
		"blanks":           " \r\n\t{ \"a\" :\t1 ,\r\n \"b\" : [ 1 , 2 ] } \n",
		"duplicate key":    `{"kind": "charter", "kind": "call"}`,
		"too large":        `{"n": 1e400, "m": 1e-400, "s": "` + strings.Repeat("é", 40_000) + `"}`,
		"control":          `{"s": "a\u0007b", "bidi": "a\u202eb"}`,
		"invisible key":    `{"a\u200bb": 1}`,
		"long key":         `{"` + strings.Repeat("k", 200) + `": 1}`,
		"too deep":         strings.Repeat(`{"a": `, 70) + "1" + strings.Repeat("}", 70),
		"list at the root": `[1, 2]`,
	} {
		t.Run(name, func(t *testing.T) { readBoth(t, []byte(data)) })
	}
}

// FuzzJSONScanner checks that the scanner for valid JSON reads whatever valid JSON it is given
// as encoding/json's decoder does (in UTF-8, as Load reads only UTF-8), and that appendTreeJSON
// writes what it read as json.Marshal does.
func FuzzJSONScanner(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "examples", "*.yaml"))
	if len(files) == 0 {
		f.Fatal("no examples found")
	}
	for _, file := range files[:min(len(files), 4)] {
		data, _ := os.ReadFile(file)
		if doc, _ := Load(file, data, DefaultLimits); doc != nil {
			for _, v := range jsonVariants(f, doc.Value) {
				f.Add(v)
			}
		}
	}
	f.Add([]byte(`{"a\"b": "x\\y\u00e9", "n": [1e3, -0.5, true, false, null, {}, []]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) || !utf8.Valid(data) {
			return
		}
		readBoth(t, data)
		doc := &Document{File: "x.json", Spans: map[string]Span{}}
		if v, diags := (&treeBuilder{doc: doc, limits: DefaultLimits}).readJSON(newJSONReader(data, true)); !diags.HasErrors() {
			sameDecoding(t, v)
		}
	})
}

// sameDecoding fails the test when a value tree written by appendTreeJSON does not decode, into
// generic data and into a Definition, as the same tree written by json.Marshal does. For a tree
// appendTreeJSON refuses, decodeDefinition must still give what json.Marshal's writing gives.
func sameDecoding(t *testing.T, v any) {
	t.Helper()
	var want *Definition
	theirs, err := json.Marshal(v)
	if err != nil {
		want = &Definition{}
	} else {
		want = &Definition{}
		var typeErr *json.UnmarshalTypeError
		if err := json.Unmarshal(theirs, want); err != nil && !errors.As(err, &typeErr) {
			want = &Definition{}
		}
	}
	if got := decodeDefinition(v); !reflect.DeepEqual(got, want) {
		t.Errorf("decodeDefinition differs from json.Marshal and json.Unmarshal for %#v", v)
	}
	mine, ok := appendTreeJSON(nil, v)
	if !ok || err != nil {
		return
	}
	var a, b any
	if err := json.Unmarshal(mine, &a); err != nil {
		t.Fatalf("appendTreeJSON wrote invalid JSON: %v\n%s", err, mine)
	}
	json.Unmarshal(theirs, &b)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("decoded differently:\nmine    %s\nMarshal %s", mine, theirs)
	}
}

// TestTreeJSON writes every example's value tree, in every language, and trees of awkward
// values, and checks that they decode as json.Marshal's writing of them does.
func TestTreeJSON(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "examples", "*.yaml"))
	if len(files) == 0 {
		t.Fatal("no examples found")
	}
	for _, f := range files {
		data, _ := os.ReadFile(f)
		doc, diags := Load(f, data, DefaultLimits)
		if doc == nil {
			t.Fatalf("%s: %v", f, diags)
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			sameDecoding(t, doc.Value)
			l := &localizer{doc: doc, lang: "en", own: treeLang(doc.Value)}
			localized, _ := l.value(doc.Value, Schema().Root, "")
			sameDecoding(t, localized)
		})
	}
	for name, v := range map[string]any{
		"controls and quotes": map[string]any{"title": "a\"b\\c\n\t\r\x01\x1f <&> \u2028 é 😀", "id": "x"},
		"keys in two cases":   map[string]any{"Title": "upper", "title": "lower", "TITLE": "all"},
		"wrong types":         map[string]any{"parties": "none", "title": json.Number("12"), "date": true, "lang": nil},
		"numbers":             []any{json.Number("0"), json.Number("-1.5e+21"), json.Number("1E-7")},
		"not a number":        map[string]any{"n": json.Number("1_000")},
		"empty number":        map[string]any{"n": json.Number("")},
		"not UTF-8":           map[string]any{"title": "a\xffb"},
		"other type":          map[string]any{"n": 3},
		"empty":               map[string]any{"e": map[string]any{}, "l": []any{}},
	} {
		t.Run(name, func(t *testing.T) { sameDecoding(t, v) })
	}
}
