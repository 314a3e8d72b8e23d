package partnership

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// TestLoadBadInput feeds the loader what users and attackers produce and checks that each gets
// one positioned error, never a panic.
func TestLoadBadInput(t *testing.T) {
	aliasBomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for i, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		prev := string(rune('a' + i))
		aliasBomb += fmt.Sprintf("%s: &%s [%s]\n", name, name, strings.Repeat("*"+prev+", ", 9)+"*"+prev)
	}
	unclosedFar := "kind: charter\ntitle: \"Charte des communs\n" + strings.Repeat("summary: texte\n", 14) + "place: \"Valmont\"\n"
	longKey := `{"` + strings.Repeat("k", 500_000) + `": [` + strings.Repeat("1,", 90_000) + `1]}`
	deepKeys := strings.Repeat(`{"`+strings.Repeat("k", 128)+`": `, 63) + "[" + strings.Repeat("1,", 99_000) + "1]" + strings.Repeat("}", 63)
	big := "kind: charter\nsummary: |\n" + strings.Repeat("  Une ligne de texte parmi beaucoup d’autres, pour grossir le fichier.\n", 450_000)
	tests := []struct {
		name    string
		file    string
		data    string
		line    int
		column  int
		message string
	}{
		{"empty", "x.yaml", "", 1, 1, "file is empty"},
		{"blank", "x.yaml", "\n  \n", 1, 1, "file is empty"},
		{"comments only", "x.yaml", "# nothing\n", 1, 1, "no YAML document"},
		{"binary", "x.yaml", "kind: x\n\x00\x01", 2, 1, "binary"},
		{"latin-1", "x.yaml", "kind: charter\ntitle: \xe9t\xe9\n", 2, 8, "not valid UTF-8"},
		{"list at root", "x.yaml", "- a\n- b\n", 1, 1, "must be a mapping"},
		{"text at root", "x.yaml", "hello\n", 1, 1, "must be a mapping"},
		{"null at root", "x.yaml", "~\n", 1, 1, "must be a mapping"},
		{"json list at root", "x.json", "[1, 2]", 1, 1, "must be a mapping"},
		{"yaml duplicate key", "x.yaml", "kind: a\nid: b\nkind: c\n", 3, 1, `key "kind" appears twice`},
		{"json duplicate key", "x.json", "{\"kind\": \"a\",\n \"kind\": \"b\"}", 2, 2, `key "kind" appears twice`},
		{"several documents", "x.yaml", "kind: a\n---\nkind: b\n", 2, 1, "several YAML documents"},
		{"unclosed quote", "x.yaml", "kind: a\ntitle: \"abc\nid: x\n", 2, 8, "the quote opened here is not closed"},
		// The parser notices the missing quote 15 lines later, where the swallowed text meets the
		// next quote; the diagnostic points at the quote that is not closed.
		{"unclosed quote far above", "x.yaml", unclosedFar, 2, 8, "up to line 17"},
		{"undefined alias", "x.yaml", "kind: charter\nparties:\n  - name: x\n    address: *adresse\n", 4, 14, "the alias *adresse refers to no anchor"},
		{"binary tag", "x.yaml", "kind: charter\ntitle: !!binary Q2hhcnRl\n", 2, 8, `explicit YAML tags such as "!!binary"`},
		{"custom tag", "x.yaml", "kind: charter\nparties: !party [x]\n", 2, 10, `explicit YAML tags such as "!party"`},
		{"alias bomb of bytes", "x.yaml", aliasBytes(40_000), 134, 5, "grows past 8 MiB once its YAML aliases are expanded"},
		{"alias bomb that used to validate", "x.yaml", aliasBytes(1_000), 0, 0, "grows past 8 MiB"},
		{"long json key", "x.json", longKey, 1, 2, "a key is 500000 bytes long, more than the 128"},
		{"long yaml key", "x.yaml", "kind: charter\n" + strings.Repeat("k", 200) + ": 1\n", 2, 1, "a key is 200 bytes long"},
		{"long keys nested deep", "x.json", deepKeys, 1, 0, "grows past 8 MiB"},
		{"bidi override", "x.yaml", "kind: convention\nsummary: \"La commune verse \\u202e0001\\u202c euros\"\n", 2, 10, "bidirectional control U+202E (right-to-left override) at character 18"},
		{"bidi isolate in json", "x.json", `{"title": "a\u2067b"}`, 1, 11, "bidirectional control U+2067 (right-to-left isolate)"},
		{"escape character", "x.yaml", "title: \"\\e[2Jeffacé\"\n", 1, 8, "control character U+001B (escape)"},
		{"zero-width key", "x.yaml", "kind\u200b: charter\n", 1, 1, "key \"kind\\u200b\" holds the invisible character U+200B (zero width space)"},
		{"line break in key", "x.json", "{\"x\\n::error file=README.md,line=1::forged\": 1}", 1, 2, "invisible character U+000A (line break)"},
		{"json number too large", "x.json", `{"amount": 1e400}`, 1, 12, "number 1e400 is too large"},
		{"yaml number too large", "x.yaml", "amount: 1e400\n", 1, 9, "number 1e400 is too large"},
		{"yaml integer too large", "x.yaml", "amount: 1" + strings.Repeat("0", 400) + "\n", 1, 9, "more than the 64 a number may have"},
		{"number too small", "x.json", `{"amount": 1e-400}`, 1, 12, "too small to be told from zero"},
		{"huge exponent of zero", "x.json", `{"amount": 0e999999}`, 1, 12, "too large"},
		{"infinity", "x.yaml", "amount: .inf\n", 1, 9, "not a finite number"},
		{"not a number", "x.yaml", "amount: .NaN\n", 1, 9, "not a finite number"},
		{"bad indentation", "x.yaml", "kind: a\n  id: x\n", 2, 3, "not valid YAML"},
		{"tab indentation", "x.yaml", "parties:\n\t- id: x\n", 2, 1, "tabs for indentation"},
		{"json missing comma", "x.json", "{\"a\": 1\n \"b\": 2}", 2, 2, "comma"},
		{"json truncated", "x.json", "{\"a\": [1, 2", 1, 12, "ends before"},
		{"json trailing comma", "x.json", "{\"a\": 1,}", 1, 9, "not valid JSON"},
		{"json trailing data", "x.json", "{\"a\": 1} {}", 1, 10, "after the end"},
		{"json comma after the end", "x.json", "{\"a\": 1},\n", 1, 9, "after the end"},
		{"json colon after the end", "x.json", "{\"a\": 1}\n  :\n\n", 2, 3, "after the end"},
		// The decoder counts the offset of an error inside a text, a number or a literal from
		// the start of the values it has read, not of the file.
		{"json bad literal", "x.json", "{\"kind\": \"charter\",\n \"binding\": tru}", 2, 16, "in literal true"},
		{"json bad escape", "x.json", "{\"kind\": \"charter\",\n \"title\": \"a\\qb\"}", 2, 14, "escape"},
		{"json bad escape in a key", "x.json", "{\"kind\": \"charter\",\n \"ti\\xle\": 1}", 2, 6, "escape"},
		{"json bad number", "x.json", "{\"kind\": \"charter\",\n \"seats\": 1.}", 2, 13, "numeric literal"},
		{"json raw tab in a text", "x.json", "{\"kind\": \"charter\",\n \"title\": \"a\tb\"}", 2, 13, "raw tabs"},
		{"json bare word", "x.json", "{\"kind\": \"charter\",\n \"title\": oui}", 2, 11, "beginning of value"},
		{"json text after an element", "x.json", "{\"kind\": \"charter\",\n \"recitals\": [\"a\" \"b\\q\"]}", 2, 19, "after array element"},
		{"json detected by content", "definition", "{\"a\": 1,}", 1, 9, "not valid JSON"},
		{"merge key", "x.yaml", "a: &a {x: 1}\nb:\n  <<: *a\n", 3, 3, "merge keys"},
		{"alias bomb", "x.yaml", aliasBomb, 0, 0, "more than 100000 values"},
		{"deep yaml", "x.yaml", "a: " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n", 1, 0, "nested more than 64 levels"},
		{"very deep yaml", "x.yaml", "a: " + strings.Repeat("[", 20_000) + "\n", 1, 0, "not valid YAML"},
		{"deep json", "x.json", "{\"a\": " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "}", 1, 0, "nested more than 64 levels"},
		{"very deep json", "x.json", strings.Repeat("[", 100_000), 1, 0, "nested more than 64 levels"},
		{"long string", "x.yaml", "title: " + strings.Repeat("a", 70_000) + "\n", 1, 8, "more than the 65536"},
		{"too large", "x.yaml", big, 1, 1, "larger than 1 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, diags := Load(tt.file, []byte(tt.data), DefaultLimits)
			if doc != nil && !diags.HasErrors() {
				t.Fatalf("loaded without error")
			}
			if len(diags) == 0 {
				t.Fatalf("no diagnostic")
			}
			d := diags[0]
			if !strings.Contains(d.Message, tt.message) {
				t.Errorf("message %q does not contain %q", d.Message, tt.message)
			}
			if d.Line < 1 || d.Column < 1 {
				t.Errorf("diagnostic %v has no position", d)
			}
			if tt.line > 0 && d.Line != tt.line || tt.column > 0 && d.Column != tt.column {
				t.Errorf("at %d:%d, want %d:%d (%s)", d.Line, d.Column, tt.line, tt.column, d.Message)
			}
			if d.File != tt.file {
				t.Errorf("file %q, want %q", d.File, tt.file)
			}
		})
	}
}

// aliasBytes is the reproduction of issue "memory bombs through aliases": one 64,000-byte text
// named by an anchor, then used n times.
func aliasBytes(n int) string {
	var b strings.Builder
	b.WriteString("kind: charter\ntitle: &t \"" + strings.Repeat("x", 64_000) + "\"\nrecitals:\n")
	for range n {
		b.WriteString("  - *t\n")
	}
	return b.String()
}

// TestAliasesWithinLimits checks that aliases used as they are meant to be, to share a value,
// still load, and that the expanded size counts each use.
func TestAliasesWithinLimits(t *testing.T) {
	src := "kind: convention\naddress: &a \"2 place de la Mairie, 42710 Valmont\"\nparties:\n  - address: *a\n  - address: *a\n"
	doc, diags := Load("a.yaml", []byte(src), DefaultLimits)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if got := doc.Value.(map[string]any)["parties"].([]any)[1].(map[string]any)["address"]; got != "2 place de la Mairie, 42710 Valmont" {
		t.Errorf("alias gives %v", got)
	}
	// 130 uses of a 64,000-byte text stay within 8 MiB; the 131st, on line 134, crosses it, and
	// the diagnostic names that use.
	if _, diags := Load("a.yaml", []byte(aliasBytes(130)), DefaultLimits); diags.HasErrors() {
		t.Errorf("130 uses: %v", diags)
	}
	_, diags = Load("a.yaml", []byte(aliasBytes(140)), DefaultLimits)
	if len(diags) != 1 || diags[0].Line != 134 || diags[0].Column != 5 {
		t.Errorf("140 uses: diagnostics %v, want one at 134:5", diags)
	}
}

// TestLoadKeepsPositions checks the position recorded for keys and values in both syntaxes.
func TestLoadKeepsPositions(t *testing.T) {
	yamlSrc := "kind: convention\nparties:\n  - id: ville\n    name: \"Ville d’Été\"\n    seats: 3\n"
	jsonSrc := "{\n  \"kind\": \"convention\",\n  \"parties\": [\n    {\"id\": \"ville\", \"name\": \"Ville d’Été\", \"seats\": 3}\n  ]\n}\n"
	tests := []struct {
		name, file, src, pointer string
		key, value               Pos
	}{
		{"yaml root", "a.yaml", yamlSrc, "", Pos{}, Pos{1, 1}},
		{"yaml key", "a.yaml", yamlSrc, "/kind", Pos{1, 1}, Pos{1, 7}},
		{"yaml list item", "a.yaml", yamlSrc, "/parties/0", Pos{}, Pos{3, 5}},
		{"yaml quoted", "a.yaml", yamlSrc, "/parties/0/name", Pos{4, 5}, Pos{4, 11}},
		{"yaml number", "a.yaml", yamlSrc, "/parties/0/seats", Pos{5, 5}, Pos{5, 12}},
		{"json key", "a.json", jsonSrc, "/kind", Pos{2, 3}, Pos{2, 11}},
		{"json list item", "a.json", jsonSrc, "/parties/0", Pos{}, Pos{4, 5}},
		// Columns count characters, not bytes: "’" and "É" are one column each.
		{"json after accents", "a.json", jsonSrc, "/parties/0/seats", Pos{4, 44}, Pos{4, 53}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, diags := Load(tt.file, []byte(tt.src), DefaultLimits)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			got, ok := doc.Spans[tt.pointer]
			if !ok {
				t.Fatalf("no span for %q", tt.pointer)
			}
			if got.Key != tt.key || got.Value != tt.value {
				t.Errorf("span %+v, want key %v value %v", got, tt.key, tt.value)
			}
		})
	}
}

// TestLoadValues checks what YAML scalars become: dates stay text, numbers stay exact.
func TestLoadValues(t *testing.T) {
	src := "date: 2026-03-01\nyes: yes\nflag: true\ncount: 0x10\namount: 12500.50\nnothing: ~\nbig: 1_000\n"
	doc, diags := Load("v.yaml", []byte(src), DefaultLimits)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	got, _ := json.Marshal(doc.Value)
	want := `{"amount":12500.5,"big":1000,"count":16,"date":"2026-03-01","flag":true,"nothing":null,"yes":"yes"}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestDetectFormat(t *testing.T) {
	tests := []struct {
		file, data string
		want       Format
	}{
		{"a.json", "kind: x", FormatJSON},
		{"a.YML", "{}", FormatYAML},
		{"-", "  \n{\"a\": 1}", FormatJSON},
		{"-", "\xef\xbb\xbf{\"a\": 1}", FormatJSON},
		{"-", "a: 1", FormatYAML},
	}
	for _, tt := range tests {
		if got := detectFormat(tt.file, []byte(tt.data)); got != tt.want {
			t.Errorf("detectFormat(%q, %q) = %s, want %s", tt.file, tt.data, got, tt.want)
		}
	}
}

func TestDiagnosticsSortedAndDeduplicated(t *testing.T) {
	ds := Diagnostics{
		{File: "b.yaml", Line: 1, Column: 1, Message: "z"},
		{File: "a.yaml", Line: 3, Column: 2, Pointer: "/x", Message: "m"},
		{File: "a.yaml", Line: 3, Column: 2, Pointer: "/x", Message: "m"},
		{File: "a.yaml", Line: 3, Column: 1, Message: "m", Severity: Warning},
	}
	got := ds.Sorted()
	var lines []string
	for _, d := range got {
		lines = append(lines, d.String())
	}
	want := []string{
		"a.yaml:3:1: warning: m",
		"a.yaml:3:2: /x: m",
		"b.yaml:1:1: z",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if len(ds) != 4 {
		t.Errorf("Sorted modified its receiver")
	}
}

func TestPointerTokens(t *testing.T) {
	for _, s := range []string{"plain", "a/b", "a~b", "~/~1"} {
		if got := UnescapePointerToken(EscapePointerToken(s)); got != s {
			t.Errorf("round trip of %q gives %q", s, got)
		}
	}
	if got := EscapePointerToken("a/b~c"); got != "a~1b~0c" {
		t.Errorf("EscapePointerToken = %q", got)
	}
}

func BenchmarkLoadLargeFile(b *testing.B) {
	data := []byte("kind: charter\nsummary: |\n" + strings.Repeat("  Une ligne de texte parmi beaucoup d’autres.\n", 1_000_000))
	for b.Loop() {
		Load("big.yaml", data, DefaultLimits)
	}
}

func BenchmarkLoadAliasBomb(b *testing.B) {
	var src bytes.Buffer
	src.WriteString("a: &a [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 9; i++ {
		fmt.Fprintf(&src, "%c: &%c [%s*%c]\n", 'a'+i, 'a'+i, strings.Repeat(fmt.Sprintf("*%c, ", 'a'+i-1), 9), 'a'+i-1)
	}
	for b.Loop() {
		Load("bomb.yaml", src.Bytes(), DefaultLimits)
	}
}
