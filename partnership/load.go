package partnership

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits bound what a definition may contain, so that a hostile or broken file is reported
// instead of exhausting memory or time.
type Limits struct {
	// MaxBytes is the largest file accepted.
	MaxBytes int64
	// MaxDepth is the deepest nesting of mappings and lists.
	MaxDepth int
	// MaxNodes is the largest number of values, counted after YAML aliases are expanded.
	MaxNodes int
	// MaxStringBytes is the longest single text value.
	MaxStringBytes int
	// MaxKeyBytes is the longest key of a mapping.
	MaxKeyBytes int
	// MaxExpandedBytes bounds the size of the definition once YAML aliases are expanded: the
	// bytes of every text plus the bytes of the path (JSON pointer) of every value, which is
	// what loading, validating and rendering hold in memory. Without aliases it stays within a
	// few times the size of the file; an alias used many times, or very long keys nested deep,
	// exceed it.
	MaxExpandedBytes int64
}

// DefaultLimits are generous for any real partnership document: the largest example is a few
// kilobytes and a dozen levels deep.
var DefaultLimits = Limits{
	MaxBytes:         1 << 20,
	MaxDepth:         64,
	MaxNodes:         100_000,
	MaxStringBytes:   64 << 10,
	MaxKeyBytes:      128,
	MaxExpandedBytes: 8 << 20,
}

// Format is the syntax a definition is written in.
type Format string

// The two syntaxes a definition may use.
const (
	FormatYAML Format = "yaml"
	FormatJSON Format = "json"
)

// Span is where a value sits in its source: the position of its key, when it has one, and of the
// value itself.
type Span struct {
	Key   Pos
	Value Pos
}

// Document is a loaded definition: its source, the generic value tree handed to the JSON Schema,
// the position of every value, and the typed Definition decoded from the tree.
type Document struct {
	// File is the name used in diagnostics, normally a slash-separated path relative to the
	// working directory.
	File   string
	Format Format
	// Value is the definition as generic data: map[string]any, []any, string, json.Number,
	// bool or nil. Dates stay strings, whatever YAML would make of them.
	Value any
	// Spans maps the JSON pointer of every value to its position.
	Spans map[string]Span
	// Definition is decoded from Value as well as the data allows; fields of the wrong type are
	// left empty (the schema reports them).
	Definition *Definition
	// Digest is the hexadecimal SHA-256 of the bytes read, which rendered documents record so
	// that a signed text can be traced to the exact definition it came from.
	Digest string
	// Call is, for an application whose call names its file, that call once loaded and found
	// valid; documents then name the call's challenges, rounds and criteria by their titles.
	Call *Document
}

// PosOf returns the position of the value at pointer. When the pointer does not exist (a
// missing key), it falls back to the nearest existing parent, so a diagnostic always has a place.
func (doc *Document) PosOf(pointer string) Pos {
	for {
		if s, ok := doc.Spans[pointer]; ok {
			return s.Value
		}
		if pointer == "" {
			return Pos{Line: 1, Column: 1}
		}
		pointer = pointer[:strings.LastIndexByte(pointer, '/')]
	}
}

// KeyPosOf returns the position of the key that holds the value at pointer, or of the value
// itself when it has no key (a list item, the root).
func (doc *Document) KeyPosOf(pointer string) Pos {
	if s, ok := doc.Spans[pointer]; ok && s.Key.Line > 0 {
		return s.Key
	}
	return doc.PosOf(pointer)
}

// Diag builds an error diagnostic located at the value of pointer, saying the message code of
// the catalogue with its arguments (see M).
func (doc *Document) Diag(pointer, code string, args ...any) Diagnostic {
	p := doc.PosOf(pointer)
	return Diagnostic{Severity: Error, File: doc.File, Line: p.Line, Column: p.Column, Pointer: pointer}.Say(code, args...)
}

// At returns an error diagnostic of file at a position, without a message yet (see Say).
func At(file string, p Pos, pointer string) Diagnostic {
	return Diagnostic{Severity: Error, File: file, Line: p.Line, Column: p.Column, Pointer: pointer}
}

// DisplayPath turns a file path into the form diagnostics use: relative to the working directory
// when it lies below it, with forward slashes.
func DisplayPath(path string) string {
	if path == "-" {
		return "<stdin>"
	}
	if filepath.IsAbs(path) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
				path = rel
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(path))
}

// ReadFile reads a definition file, refusing to read more than limits.MaxBytes (plus one byte, to
// tell a file at the limit from a larger one). "-" reads standard input.
func ReadFile(path string, stdin io.Reader, limits Limits) ([]byte, error) {
	var r io.Reader
	if path == "-" {
		r = stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		st, err := f.Stat()
		if err == nil && st.IsDir() {
			return nil, fmt.Errorf("%s is a directory", path)
		}
		if err == nil && st.Mode().IsRegular() {
			return readSized(f, st.Size(), limits.MaxBytes)
		}
		r = f
	}
	return io.ReadAll(io.LimitReader(r, limits.MaxBytes+1))
}

// Load parses a definition written in YAML or JSON. The format follows the file extension
// (.json, .yaml, .yml) and otherwise the content: a document that starts with "{" is JSON.
// Problems are returned as diagnostics; the Document is nil when the file could not be parsed
// into a mapping at all.
func Load(file string, data []byte, limits Limits) (*Document, Diagnostics) {
	sum := sha256.Sum256(data)
	doc := &Document{File: file, Format: detectFormat(file, data), Spans: make(map[string]Span, spansHint(data)), Digest: hex.EncodeToString(sum[:])}
	if d, ok := checkBytes(file, data, limits); !ok {
		return nil, Diagnostics{d}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var diags Diagnostics
	b := &treeBuilder{doc: doc, limits: limits}
	if doc.Format == FormatJSON {
		doc.Value, diags = b.parseJSON(data)
	} else {
		doc.Value, diags = b.parseYAML(data)
	}
	if diags.HasErrors() {
		return nil, diags
	}
	if _, ok := doc.Value.(map[string]any); !ok {
		return nil, append(diags, At(file, doc.PosOf(""), "").Say("not-a-mapping", Value{doc.Value}))
	}
	doc.Definition, _ = doc.Localized(treeLang(doc.Value))
	return doc, diags
}

// spansHint guesses how many values a definition holds, so that the map of their positions is
// made once at its size rather than grown and copied a dozen times: about one a line in YAML
// and in indented JSON, within a bound that keeps a file of empty lines from reserving much.
func spansHint(data []byte) int {
	return min(bytes.Count(data, []byte("\n"))+1, 1<<12)
}

// LoadFile reads and loads one definition file. I/O problems are returned as an error; problems
// with the content as diagnostics.
func LoadFile(path string, limits Limits) (*Document, Diagnostics, error) {
	data, err := ReadFile(path, os.Stdin, limits)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", DisplayPath(path), err)
	}
	doc, diags := Load(DisplayPath(path), data, limits)
	return doc, diags, nil
}

func detectFormat(file string, data []byte) Format {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".json":
		return FormatJSON
	case ".yaml", ".yml":
		return FormatYAML
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] == '{' {
		return FormatJSON
	}
	return FormatYAML
}

// checkBytes rejects what no parser should see: oversized, empty, binary or non-UTF-8 files.
func checkBytes(file string, data []byte, limits Limits) (Diagnostic, bool) {
	at := func(offset int, code string, args ...any) (Diagnostic, bool) {
		return At(file, offsetPos(data, offset), "").Say(code, args...), false
	}
	if int64(len(data)) > limits.MaxBytes {
		return at(0, "file-too-large", Size(limits.MaxBytes))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return at(0, "file-empty")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return at(i, "file-binary")
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			i += size
		}
		return at(i, "file-not-utf8", fmt.Sprintf("0x%02X", data[i]))
	}
	return Diagnostic{}, true
}

func formatBytes(n int64) string { return Size(n).In(English) }

// Size is a number of bytes, written in MiB or KiB: "1 MiB" in English, "1 Mio" in French.
type Size int64

// In writes the size in lang.
func (n Size) In(lang string) string {
	unit, v := "MiB", int64(n)>>20
	if n%(1<<20) != 0 {
		unit, v = "KiB", int64(n)>>10
	}
	if lang == French {
		return strconv.FormatInt(v, 10) + nbsp + strings.Replace(unit, "iB", "io", 1)
	}
	return strconv.FormatInt(v, 10) + " " + unit
}

// offsetPos converts a byte offset into a 1-based line and a 1-based column counted in characters.
func offsetPos(data []byte, offset int) Pos {
	offset = min(max(offset, 0), len(data))
	line := 1 + bytes.Count(data[:offset], []byte("\n"))
	start := bytes.LastIndexByte(data[:offset], '\n') + 1
	return Pos{Line: line, Column: 1 + utf8.RuneCount(data[start:offset])}
}

// Describe names a value of the generic tree the way a message to a reader does: a quoted
// text (cut after 60 characters), a number, true or false, a list, a mapping, nothing.
func Describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "nothing"
	case map[string]any:
		return "a mapping"
	case []any:
		return "a list"
	case string:
		if r := []rune(v); len(r) > 60 {
			v = string(r[:60]) + "…"
		}
		return strconv.Quote(v)
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	}
	return fmt.Sprint(v)
}

// decodeDefinition fills a Definition from the generic tree. encoding/json skips fields of the
// wrong type and keeps going, which is what we want: the schema has already reported them, and
// the semantic rules work on whatever is well-typed. decodeTree does the same without the JSON
// text, for every tree it reads as encoding/json would.
func decodeDefinition(v any) *Definition {
	var def Definition
	if decodeTree(v, &def) {
		return &def
	}
	return decodeDefinitionJSON(v)
}

// decodeDefinitionJSON is decodeDefinition through the tree's JSON and encoding/json.
func decodeDefinitionJSON(v any) *Definition {
	raw, ok := appendTreeJSON(nil, v)
	if !ok {
		var err error
		if raw, err = json.Marshal(v); err != nil {
			return &Definition{}
		}
	}
	var def Definition
	var typeErr *json.UnmarshalTypeError
	if err := json.Unmarshal(raw, &def); err != nil && !errors.As(err, &typeErr) {
		return &Definition{}
	}
	return &def
}

// Pointer builds a JSON pointer from its reference tokens: keys (strings, escaped) and list
// indexes (ints). Pointer("parties", 2, "role") is "/parties/2/role".
func Pointer(tokens ...any) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteString("/")
		switch t := t.(type) {
		case string:
			b.WriteString(EscapePointerToken(t))
		case int:
			b.WriteString(strconv.Itoa(t))
		}
	}
	return b.String()
}

// EscapePointerToken escapes one reference token of a JSON pointer (RFC 6901).
func EscapePointerToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// UnescapePointerToken reverses EscapePointerToken.
func UnescapePointerToken(s string) string {
	if !strings.Contains(s, "~") {
		return s
	}
	return strings.NewReplacer("~1", "/", "~0", "~").Replace(s)
}
