package main

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"html"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/typeset"
	"github.com/commons-toolkit/commons/partnership/validate"
)

// awkward are the pieces random texts are made of: Markdown syntax, web addresses, French
// punctuation and ordinals, other scripts (some of which the embedded font lacks), and
// characters the PDF leaves out or draws with an equivalent glyph.
var awkward = []string{
	"*", "**gras**", "_", "du_Val", "#", "# Titre", "1.", "1) ", "- tiret", "+", ">", "<b>x</b>", "&", "&amp;", "\\&", "\\",
	"[lien](https://exemple.fr)", "![img](x.png)", "`code`", "~~barré~~", "|", "{#id}", "{++ajout++}", "{--retrait--}", "---", "=",
	"https://fr.wikipedia.org/wiki/Verger_(agriculture)?action=history", "http://exemple.org/a_b*c&d=1", "contact@jardins.fr",
	"«\u00a0citation\u00a0»", "« guillemets »", "point-virgule ;", "deux-points :", "exclamation !", "question ?", "l’article",
	"1er", "1re", "2e", "3es", "XXIe", "1er juillet", "n° 12", "12 500 €", "70 %", "…", "–", "—",
	"Ελληνικά", "Кириллица", "שלום עולם", "جمعية الحديقة", "日本語", "😀", "Ա", "non\u2011sécable", "\u00ad", "zéro\u200blargeur", "Jardins & Vergers",
}

func randomText(r *rand.Rand) string {
	n := 2 + r.IntN(4)
	parts := make([]string, n)
	parts[0] = "Val" + fmt.Sprint(r.IntN(1000)) // every text is told from the others
	for i := 1; i < n; i++ {
		parts[i] = awkward[r.IntN(len(awkward))]
	}
	return strings.Join(parts, " ")
}

// squeeze is text as a comparison sees it: without spaces of any kind nor directional marks,
// since line breaks, justification, French spacing and the reordering of right-to-left runs by
// pdftotext move spaces; with hyphens alike. Every other character stays, in its order.
func squeeze(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), r == '\u202f', r == '\u00a0', r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069', r == '\u200e', r == '\u200f':
		case r == '\u2010' || r == '\u2011':
			b.WriteByte('-')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// printed is what the PDF prints for a text: the characters it cannot draw as "?" (and warned),
// those that are never drawn left out.
func printed(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\u00ad' || r >= '\u200b' && r <= '\u200f':
		case !typeset.Covers(r, nil):
			b.WriteByte('?')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

var tags = regexp.MustCompile(`<[^>]*>`)

// TestPDFShowsEveryValue fills every free-text field of example definitions with random mixes of
// Markdown syntax, addresses, French punctuation and other scripts (a field is free text when
// the definition stays valid with any text in it), then reads the PDF back with pdftotext: each
// value that the document prints is there as written, with "?" for the characters the font
// lacks, each of which is warned about at the field's position, and the HTML shows the text.
func TestPDFShowsEveryValue(t *testing.T) {
	repoRoot(t)
	pdftotext := tool(t, "pdftotext")
	_ = pdftotext
	dir := t.TempDir()
	if d := os.Getenv("COMMONS_KEEP"); d != "" {
		dir = d
	}
	for _, base := range []string{"examples/pacte-parc-des-glycines.yaml", "examples/charte-des-communs-valmont.yaml", "examples/appel-a-communs-2026.yaml", "examples/water-board.yaml"} {
		for seed := range uint64(2) {
			name := fmt.Sprintf("%s-%d", strings.TrimSuffix(filepath.Base(base), ".yaml"), seed)
			t.Run(name, func(t *testing.T) {
				h := fnv.New64a()
				h.Write([]byte(base))
				r := rand.New(rand.NewPCG(seed, h.Sum64()))
				file := filepath.Join(dir, name+".json")
				values := fillFreeText(t, base, file, r)
				if len(values) < 10 {
					t.Fatalf("only %d free-text fields", len(values))
				}
				pdf := filepath.Join(dir, name+".pdf")
				code, _, stderr := commons(t, "render", "--format", "pdf", "-o", pdf, file)
				if code != 0 {
					t.Fatalf("render: exit %d\n%s", code, stderr)
				}
				// The text in the order it is drawn (-raw: pdftotext would otherwise join a line
				// that ends with a hyphen to the next), without the running header and footer.
				page := squeeze(output(t, "pdftotext", "-raw", "-enc", "UTF-8", "-y", "60", "-H", "715", "-W", "600", pdf, "-"))
				_, htmlOut, _ := commons(t, "render", "--format", "html", file)
				body := htmlOut[strings.Index(htmlOut, "<main>"):]
				text := squeeze(html.UnescapeString(tags.ReplaceAllString(body, " ")))
				checked := 0
				for pointer, v := range values {
					want := squeeze(v)
					if !strings.Contains(text, want) && !strings.Contains(text, capFirst(want)) {
						continue // a field this document does not print
					}
					checked++
					got := squeeze(printed(v))
					for _, part := range drawnParts(v) {
						if !strings.Contains(page, part) && !strings.Contains(page, capFirst(part)) {
							t.Errorf("%s: the PDF does not show %q as %q (%q is missing)", pointer, v, got, part)
						}
					}
					lacks := strings.ContainsFunc(v, func(r rune) bool { return !typeset.Covers(r, nil) })
					if warned := strings.Contains(stderr, ": "+pointer+": warning: the PDF font has no glyph"); lacks != warned {
						t.Errorf("%s: %q is printed as %q; warned at its place: %v", pointer, v, got, warned)
					}
				}
				if checked < len(values)/2 {
					t.Errorf("only %d of %d free-text values are printed", checked, len(values))
				}
				t.Logf("%d values checked", checked)
			})
		}
	}
}

// drawnParts cuts a text where it changes direction: a right-to-left run is drawn (and read
// back by pdftotext -raw) word by word from the right, so each of its words is looked for on its
// own, and so is the text around it.
func drawnParts(s string) []string {
	rtl := regexp.MustCompile(`[\p{Hebrew}\p{Arabic}][^\p{L}\p{N}]*(?:[\p{Hebrew}\p{Arabic}][^\p{L}\p{N}]*)*`)
	var parts []string
	last := 0
	for _, m := range rtl.FindAllStringIndex(s, -1) {
		parts = append(parts, squeeze(printed(s[last:m[0]])))
		for _, word := range strings.Fields(s[m[0]:m[1]]) {
			if strings.ContainsFunc(word, func(r rune) bool { return unicode.In(r, unicode.Hebrew, unicode.Arabic) }) {
				parts = append(parts, squeeze(printed(strings.TrimFunc(word, func(r rune) bool { return !unicode.In(r, unicode.Hebrew, unicode.Arabic) }))))
			}
		}
		last = m[1]
	}
	parts = append(parts, squeeze(printed(s[last:])))
	return slices.DeleteFunc(parts, func(p string) bool { return p == "" })
}

func capFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

// fillFreeText writes to file, as JSON, the definition of base with random texts in every field
// that accepts them, and returns those texts by JSON pointer.
func fillFreeText(t *testing.T, base, file string, r *rand.Rand) map[string]string {
	t.Helper()
	doc, diags, err := validate.File(base, partnership.DefaultLimits)
	if err != nil || diags.HasErrors() {
		t.Fatalf("%s: %v %v", base, err, diags)
	}
	// A copy of the call beside the file, for an application that names it.
	if data, err := os.ReadFile("examples/appel-a-communs-2026.yaml"); err == nil {
		os.WriteFile(filepath.Join(filepath.Dir(file), "appel-a-communs-2026.yaml"), data, 0o644)
	}
	root := doc.Value
	var pointers []string
	var leaves []func(string)
	var walk func(v any, pointer string, set func(any))
	walk = func(v any, pointer string, set func(any)) {
		switch v := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				walk(v[k], pointer+"/"+partnership.EscapePointerToken(k), func(x any) { v[k] = x })
			}
		case []any:
			for i := range v {
				walk(v[i], fmt.Sprintf("%s/%d", pointer, i), func(x any) { v[i] = x })
			}
		case string:
			pointers = append(pointers, pointer)
			leaves = append(leaves, func(s string) { set(s) })
			_ = v
		}
	}
	walk(root, "", nil)
	values := map[string]string{}
	current := func(pointer string) string {
		v := root
		for _, tok := range strings.Split(pointer, "/")[1:] {
			switch c := v.(type) {
			case map[string]any:
				v = c[partnership.UnescapePointerToken(tok)]
			case []any:
				var i int
				fmt.Sscan(tok, &i)
				v = c[i]
			}
		}
		s, _ := v.(string)
		return s
	}
	write := func() bool {
		data, err := json.Marshal(root)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, diags, err := validate.File(file, partnership.DefaultLimits)
		return err == nil && !diags.HasErrors()
	}
	for i, pointer := range pointers {
		old := current(pointer)
		text := randomText(r)
		leaves[i](text)
		if write() {
			values[pointer] = text
		} else {
			leaves[i](old)
		}
	}
	if !write() {
		t.Fatal("the definition no longer validates")
	}
	return values
}

// TestCharactersTheFontLacks checks the warning at the field's place, the error with --strict,
// and a fallback font given with --font.
func TestCharactersTheFontLacks(t *testing.T) {
	repoRoot(t)
	dir := t.TempDir()
	def := definitionValue(t, "examples/pacte-parc-des-glycines.yaml")
	parties := def["parties"].([]any)
	parties[1].(map[string]any)["name"] = "جمعية الحديقة Ա 😀"
	file := filepath.Join(dir, "pacte.json")
	writeJSON(t, file, def)
	pdf := filepath.Join(dir, "pacte.pdf")
	at := regexp.MustCompile(regexp.QuoteMeta(file) + `:\d+:\d+: /parties/1/name: warning: the PDF font has no glyph for "ج" \(U\+062C\)`)

	code, _, stderr := commons(t, "render", "--format", "pdf", "-o", pdf, file)
	if code != 0 || !at.MatchString(stderr) {
		t.Errorf("exit %d, want 0 and a warning at /parties/1/name:\n%s", code, stderr)
	}
	code, _, stderr = commons(t, "render", "--format", "pdf", "--strict", "-o", filepath.Join(dir, "strict.pdf"), file)
	if code != 1 || !strings.Contains(stderr, ": /parties/1/name: the PDF font has no glyph") {
		t.Errorf("--strict: exit %d, want 1 and an error at /parties/1/name:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "strict.pdf")); err == nil {
		t.Error("--strict wrote the PDF all the same")
	}
	code, _, stderr = commons(t, "render", "--format", "pdf", "--font", "README.md", "-o", pdf, file)
	if code != 2 || !strings.Contains(stderr, "not a TrueType font") {
		t.Errorf("--font with a file that is no font: exit %d\n%s", code, stderr)
	}
	const dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
	if _, err := os.Stat(dejavu); err != nil {
		t.Skip("no DejaVu Sans to try --font with (apt-get install fonts-dejavu-core)")
	}
	code, _, stderr = commons(t, "render", "--format", "pdf", "--font", dejavu, "-o", pdf, file)
	if code != 0 || strings.Contains(stderr, "warning") {
		t.Errorf("--font: exit %d, with warnings:\n%s", code, stderr)
	}
	if fonts := output(t, "pdffonts", pdf); !strings.Contains(fonts, "+DejaVuSans") {
		t.Errorf("the fallback font is not embedded:\n%s", fonts)
	}
	// Arabic letters are drawn in their joined forms, and copied as the letters written.
	if text := output(t, "pdftotext", "-enc", "UTF-8", pdf, "-"); !strings.Contains(text, "Ա 😀") || !strings.Contains(text, "جمعية الحديقة") {
		t.Errorf("the characters of the fallback font are not in the text as written")
	}
}
