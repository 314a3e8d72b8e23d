package render

import (
	"fmt"
	"slices"
	"strconv"
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
			var names []string
			for _, r := range missing[:min(len(missing), 5)] {
				names = append(names, fmt.Sprintf("%s (%U)", strconv.Quote(string(r)), r))
			}
			list := strings.Join(names, ", ")
			if len(missing) > 5 {
				list += fmt.Sprintf(" and %d more", len(missing)-5)
			}
			msg := "the PDF font has no glyph for " + list
			if severity == partnership.Warning {
				msg += "; the PDF prints \"?\" instead"
			}
			d := doc.Diag(pointer, "%s", msg)
			d.Severity = severity
			d.Hint = "give a TrueType font that has them with --font FILE.ttf"
			diags = append(diags, d)
		}
	}
	walk(doc.Value, "")
	return diags, all
}
