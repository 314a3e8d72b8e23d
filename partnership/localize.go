package partnership

import (
	"maps"
	"slices"
	"strconv"
	"strings"
)

// TextLanguages are the languages a text of a definition may be given in, in the order a text
// falls back to when it lacks the language asked for and the definition's own.
var TextLanguages = []string{"fr", "en"}

// The two kinds of free text of the schema, named by the shared definitions their fields refer to.
const (
	// TextProse is a text written in a language: a plain string is in the definition's
	// language, and a mapping {fr: …, en: …} gives it in several.
	TextProse = "text"
	// TextName is a proper name (a person, a body, an address, a place): a plain string is the
	// same in every language, and a mapping gives the forms that differ.
	TextName = "name"
)

// TextKind returns TextProse or TextName when the node is a free text of the definition (a
// reference to the schema's "text" or "name" definitions), and "" otherwise.
func (s *SchemaNode) TextKind() string {
	if s != nil && (s.Ref == TextProse || s.Ref == TextName) {
		return s.Ref
	}
	return ""
}

// Localized returns the definition as it reads in lang: every text given as a mapping of
// languages is replaced by its version in lang. A text that lacks lang is shown in the
// definition's own language (else in the first language it has) and gives a warning at its
// position; when lang is not the definition's language, one more warning says how many of its
// plain texts keep their language.
func (doc *Document) Localized(lang string) (*Definition, Diagnostics) {
	return doc.LocalizedWith(lang, nil)
}

// LocalizedWith is Localized, with mark applied to every text shown in a language other than
// lang: mark receives the text and its language and returns what the Definition holds instead.
// A renderer marks such texts so that the typography of lang leaves them alone.
func (doc *Document) LocalizedWith(lang string, mark func(text, textLang string) string) (*Definition, Diagnostics) {
	tree, diags := doc.localize(lang, mark)
	return decodeDefinition(tree), diags
}

// TextDiagnostics returns the diagnostics of Localized(lang) alone, without the work of
// decoding the definition: the texts that lack lang.
func (doc *Document) TextDiagnostics(lang string) Diagnostics {
	_, diags := doc.localize(lang, nil)
	return diags
}

// localize returns the value tree as it reads in lang, and its diagnostics.
func (doc *Document) localize(lang string, mark func(text, textLang string) string) (any, Diagnostics) {
	l := &localizer{doc: doc, lang: lang, own: treeLang(doc.Value), mark: mark}
	tree, _ := l.value(doc.Value, Schema().Root, "")
	if n := len(l.plain); n > 0 {
		slices.SortFunc(l.plain, func(a, b string) int { return comparePos(doc.PosOf(a), doc.PosOf(b), a, b) })
		which := strings.Join(l.plain[:min(n, 3)], ", ")
		if n > 3 {
			which += ", …"
		}
		d := At(doc.File, doc.PosOf("/lang"), "/lang").Say("texts-keep-language", l.own, Count{n, "n-texts"}, which, lang, LangName(l.own), LangName(lang)).
			WithHint("give-text-mapping", l.own, lang)
		d.Severity = Warning
		l.diags = append(l.diags, d)
	}
	return tree, l.diags.Sorted()
}

// treeLang returns the language a definition declares, or the first of TextLanguages when it
// declares none that the toolkit knows.
func treeLang(v any) string {
	if m, ok := v.(map[string]any); ok {
		if s, ok := m["lang"].(string); ok && slices.Contains(TextLanguages, s) {
			return s
		}
	}
	return TextLanguages[0]
}

// localizer walks the value tree beside the schema, resolving texts.
type localizer struct {
	doc   *Document
	lang  string
	own   string
	mark  func(text, textLang string) string
	plain []string
	diags Diagnostics
}

// value returns v as it reads in lang, and whether that differs from v: a subtree without a
// text to resolve is returned as it is, not copied (the tree returned is only read).
func (l *localizer) value(v any, node *SchemaNode, pointer string) (any, bool) {
	if kind := node.TextKind(); kind != "" {
		return l.text(v, kind, pointer)
	}
	if node == nil {
		return v, false
	}
	// Only the structure of the node is read, so the definition it refers to serves as it is.
	r := node.target()
	switch v := v.(type) {
	case map[string]any:
		var out map[string]any
		for k, x := range v {
			child := propertyNode(r, k)
			if child == nil {
				continue
			}
			if y, changed := l.value(x, child, pointer+"/"+EscapePointerToken(k)); changed {
				if out == nil {
					out = maps.Clone(v)
				}
				out[k] = y
			}
		}
		if out == nil {
			return v, false
		}
		return out, true
	case []any:
		if r.Items == nil {
			return v, false
		}
		var out []any
		for i, x := range v {
			if y, changed := l.value(x, r.Items, pointer+"/"+strconv.Itoa(i)); changed {
				if out == nil {
					out = slices.Clone(v)
				}
				out[i] = y
			}
		}
		if out == nil {
			return v, false
		}
		return out, true
	}
	return v, false
}

// propertyNode returns the schema of a property as written, before its reference is followed,
// so that a text can be told from other strings.
func propertyNode(r *SchemaNode, name string) *SchemaNode {
	for _, p := range r.Properties {
		if p.Name == name {
			return p.Node
		}
	}
	return nil
}

// text resolves one text: a plain string, or a mapping from language to string. It says
// whether the text returned differs from v.
func (l *localizer) text(v any, kind, pointer string) (any, bool) {
	switch v := v.(type) {
	case string:
		if kind == TextProse && l.own != l.lang {
			l.plain = append(l.plain, pointer)
			m := l.marked(v, l.own)
			return m, m != v
		}
		return v, false
	case map[string]any:
		if s, ok := v[l.lang].(string); ok {
			return s, true
		}
		shown := ""
		for _, lang := range append([]string{l.own}, TextLanguages...) {
			if _, ok := v[lang].(string); ok {
				shown = lang
				break
			}
		}
		if shown == "" {
			keys := make([]string, 0, len(v))
			for k, x := range v {
				if _, ok := x.(string); ok {
					keys = append(keys, k)
				}
			}
			if len(keys) == 0 {
				return v, false // not a text at all: the schema reports it
			}
			slices.Sort(keys)
			shown = keys[0]
		}
		d := At(l.doc.File, l.doc.PosOf(pointer), pointer).Say("text-lacks-language", l.lang, shown, LangName(l.lang), LangName(shown)).WithHint("add-text-language", l.lang)
		d.Severity = Warning
		l.diags = append(l.diags, d)
		return l.marked(v[shown].(string), shown), true
	}
	return v, false
}

func (l *localizer) marked(s, lang string) string {
	if l.mark == nil || strings.TrimSpace(s) == "" {
		return s
	}
	return l.mark(s, lang)
}

// comparePos orders two values by their position in the source, then by pointer.
func comparePos(a, b Pos, pa, pb string) int {
	switch {
	case a.Line != b.Line:
		return a.Line - b.Line
	case a.Column != b.Column:
		return a.Column - b.Column
	}
	return strings.Compare(pa, pb)
}
