package render

import (
	"fmt"
	"slices"
	"strings"

	"github.com/commons-toolkit/commons/partnership"
)

// MissingGlyphs reports the texts of a definition that hold characters the PDF cannot draw,
// each at the position of its value: covers tells which characters it can (typeset.Covers with
// the fallback font in use). The severity is Warning, or Error when the user asked for every
// character to be printed. It also returns every character it reported.
func MissingGlyphs(doc *partnership.Document, covers func(rune) bool, severity partnership.Severity) (partnership.Diagnostics, []rune) {
	var diags partnership.Diagnostics
	var all []rune
	var walk func(v any, pointer string)
	walk = func(v any, pointer string) {
		switch v := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				walk(v[k], pointer+"/"+partnership.EscapePointerToken(k))
			}
		case []any:
			for i, item := range v {
				walk(item, fmt.Sprintf("%s/%d", pointer, i))
			}
		case string:
			var missing []rune
			for _, r := range v {
				if !covers(r) && !slices.Contains(missing, r) {
					missing = append(missing, r)
					if !slices.Contains(all, r) {
						all = append(all, r)
					}
				}
			}
			if len(missing) == 0 {
				return
			}
			code := "no-glyph"
			if severity == partnership.Warning {
				code = "no-glyph-replaced"
			}
			d := doc.Diag(pointer, code, glyphList(missing)).WithHint("give-font")
			d.Severity = severity
			diags = append(diags, d)
		}
	}
	walk(doc.Value, "")
	return diags, all
}

// glyphList names characters in a message: `"ج" (U+062C), "م" (U+0645) and 3 more`, five at
// most.
type glyphList []rune

func (g glyphList) In(lang string) string {
	var names []string
	for _, r := range g[:min(len(g), 5)] {
		names = append(names, fmt.Sprintf("%s (%U)", partnership.Quote(string(r), lang), r))
	}
	list := strings.Join(names, ", ")
	if len(g) > 5 {
		list += partnership.M("and-n-more", len(g)-5).In(lang)
	}
	return list
}
