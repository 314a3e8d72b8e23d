package render_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/commons-toolkit/commons/partnership/internal/golden"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/render"
	"github.com/commons-toolkit/commons/partnership/typeset"
	"github.com/commons-toolkit/commons/partnership/validate"
	"github.com/commons-toolkit/commons/templates"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

const examplesDir = "../../examples"

func examples(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(examplesDir)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		if !e.IsDir() && partnership.IsDefinitionFile(e.Name()) {
			files = append(files, filepath.Join(examplesDir, e.Name()))
		}
	}
	return files
}

// houseDir writes a directory of house clauses that replace French clauses of a convention,
// each file name (object.md) with its text, and returns it.
func houseDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		file := filepath.Join(dir, "convention", "fr", name)
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func load(t *testing.T, file string) *partnership.Document {
	t.Helper()
	doc, diags, err := validate.File(file, partnership.DefaultLimits)
	if err != nil || diags.HasErrors() {
		t.Fatalf("%s: %v %v", file, err, diags)
	}
	return doc
}

func mustRender(t *testing.T, doc *partnership.Document, opts ...render.Option) *render.Document {
	t.Helper()
	r, err := render.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	out, err := r.Render(doc)
	if err != nil {
		t.Fatalf("%s: %v", doc.File, err)
	}
	return out
}

// TestExamplesRender renders every example in both languages, to Markdown and HTML, and
// compares with the files checked in beside the example (NAME.LANG.md, NAME.LANG.html).
func TestExamplesRender(t *testing.T) {
	for _, file := range examples(t) {
		doc := load(t, file)
		base := strings.TrimSuffix(file, filepath.Ext(file))
		for _, lang := range render.Languages {
			t.Run(filepath.Base(base)+"."+lang, func(t *testing.T) {
				out := mustRender(t, doc, render.WithLang(lang))
				checkMarkdownHygiene(t, out.Markdown)
				golden.Compare(t, base+"."+lang+".md", out.Markdown)
				html, err := typeset.HTML(out.Markdown)
				if err != nil {
					t.Fatal(err)
				}
				golden.Compare(t, base+"."+lang+".html", html)
				again := mustRender(t, load(t, file), render.WithLang(lang))
				if !bytes.Equal(out.Markdown, again.Markdown) {
					t.Error("two renders of the same definition differ")
				}
			})
		}
	}
}

// checkMarkdownHygiene enforces the diff-friendly shape lawyers rely on.
func checkMarkdownHygiene(t *testing.T, md []byte) {
	t.Helper()
	s := string(md)
	switch {
	case !strings.HasSuffix(s, "\n") || strings.HasSuffix(s, "\n\n"):
		t.Error("the document must end with exactly one newline")
	case strings.Contains(s, "\r"):
		t.Error("the document contains a carriage return")
	case strings.Contains(s, "\n\n\n"):
		t.Error("the document has more than one blank line in a row")
	case strings.Contains(s, "<no value>"):
		t.Error("the document prints <no value>")
	case strings.ContainsAny(s, "\ufdd0\ufdd1"):
		t.Error("the document keeps the mark of a text in another language")
	}
	for i, line := range strings.Split(s, "\n") {
		if strings.TrimRight(line, " \t") != line {
			t.Errorf("line %d has trailing spaces: %q", i+1, line)
		}
		if strings.HasPrefix(line, "#") && !regexp.MustCompile(`^#{1,3} \S`).MatchString(line) {
			t.Errorf("line %d is not an ATX heading: %q", i+1, line)
		}
	}
}

// TestMinimalDefinitionsRender checks that clauses drop out cleanly when their data is absent,
// and that the remaining articles are numbered without gaps.
func TestMinimalDefinitionsRender(t *testing.T) {
	files, _ := filepath.Glob("testdata/minimal-*.yaml")
	for _, file := range files {
		for _, lang := range render.Languages {
			t.Run(filepath.Base(file)+"."+lang, func(t *testing.T) {
				out := mustRender(t, load(t, file), render.WithLang(lang))
				checkMarkdownHygiene(t, out.Markdown)
				n := 0
				for _, a := range out.Articles {
					if a.Number > 0 {
						n++
						if a.Number != n {
							t.Errorf("article %s is numbered %d, want %d", a.ID, a.Number, n)
						}
					}
				}
				if regexp.MustCompile(`(?m)^## .*\n\n## `).Match(out.Markdown) {
					t.Error("a heading has no text under it")
				}
			})
		}
	}
}

// TestNumbersCloseUp removes an optional section and checks that the articles after it move
// up by one while their cross-references follow.
func TestNumbersCloseUp(t *testing.T) {
	file := filepath.Join(examplesDir, "pacte-tiers-lieu-la-fabrique.yaml")
	full := mustRender(t, load(t, file))
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, diags := partnership.Load(file, src, partnership.DefaultLimits)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	delete(doc.Value.(map[string]any), "subsidiarity")
	less := mustRender(t, doc)
	number := func(d *render.Document) map[string]int {
		m := map[string]int{}
		for _, a := range d.Articles {
			m[a.ID] = a.Number
		}
		return m
	}
	before, after := number(full), number(less)
	if before["subsidiarity"] == 0 || after["subsidiarity"] != 0 {
		t.Fatalf("subsidiarity article: %d before, %d after", before["subsidiarity"], after["subsidiarity"])
	}
	for id, n := range before {
		switch {
		case id == "subsidiarity" || n == 0:
		case n < before["subsidiarity"] && after[id] != n, n > before["subsidiarity"] && after[id] != n-1:
			t.Errorf("article %s: %d before, %d after", id, n, after[id])
		}
	}
	// Every cross-reference points at the number of its target.
	refs := regexp.MustCompile(`\[(?:article|Article|section) (\d+)(?:er)?\]\(#([a-z-]+)\)`)
	for _, m := range refs.FindAllStringSubmatch(string(less.Markdown), -1) {
		if fmt.Sprint(after[m[2]]) != m[1] {
			t.Errorf("reference %q points at %s, which is article %d", m[0], m[2], after[m[2]])
		}
	}
}

// freeTextPointers lists the pointers of the text values of a document that the schema leaves
// free: no enumeration, no pattern, no format.
func freeTextPointers(doc *partnership.Document) []string {
	var out []string
	for p := range doc.Spans {
		node := partnership.Schema().At(p)
		if node == nil || node.Type != "string" || len(node.Enum) > 0 || node.Pattern != "" || node.Format != "" {
			continue
		}
		if strings.HasSuffix(p, "/$schema") {
			continue
		}
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

func setAt(v any, pointer string, value string) any {
	parts := strings.Split(pointer[1:], "/")
	cur := v
	for i, tok := range parts {
		last := i == len(parts)-1
		switch c := cur.(type) {
		case map[string]any:
			if last {
				c[tok] = value
			}
			cur = c[tok]
		case []any:
			var j int
			fmt.Sscan(tok, &j)
			if last {
				c[j] = value
			}
			cur = c[j]
		}
	}
	return v
}

// skeleton lists the kinds of the nodes of a Markdown document, which user text must never
// change.
func skeleton(md []byte) string {
	_, body, _ := typeset.SplitFrontMatter(md)
	root := typeset.Markdown().Parser().Parse(text.NewReader(body))
	var b strings.Builder
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() != ast.KindText {
			b.WriteString(n.Kind().String())
			if l, ok := n.(*ast.Link); ok {
				b.WriteString("(" + string(l.Destination) + ")")
			}
			b.WriteString(" ")
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// TestUserTextIsInert puts Markdown and HTML injection payloads into every free-text field of
// the examples and checks that the structure of the document does not change: no heading, link,
// raw HTML or table can come from a definition.
func TestUserTextIsInert(t *testing.T) {
	payloads := []string{
		"# Titre injecté",
		"<script>alert(1)</script>",
		"**gras** et _italique_ `code`",
		"[clic](javascript:alert(1))",
		"| a | b |\n| --- | --- |\n| c | d |",
		"---",
		"1. premier\n2. second",
		"- puce",
		"> citation",
		"![image](http://x/y.png)",
		"&lt;b&gt; &amp; &#60;",
		"a\n\n## sous-titre",
		"<https://example.org>",
		"texte {#ancre}",
		"\\",
	}
	for _, file := range examples(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			doc := load(t, file)
			pointers := freeTextPointers(doc)
			if len(pointers) < 10 {
				t.Fatalf("only %d free-text fields found", len(pointers))
			}
			withAll := func(value func(i int) string) *partnership.Document {
				var tree any
				raw, _ := json.Marshal(doc.Value)
				json.Unmarshal(raw, &tree)
				for i, p := range pointers {
					setAt(tree, p, value(i))
				}
				data, _ := json.Marshal(tree)
				d, diags := partnership.Load("injected.json", data, partnership.DefaultLimits)
				if d == nil || validate.Validate(d, nil).HasErrors() {
					t.Fatalf("injected definition is invalid: %v", diags)
				}
				return d
			}
			benign := mustRender(t, withAll(func(i int) string { return "texte" }))
			hostile := mustRender(t, withAll(func(i int) string { return payloads[i%len(payloads)] }))
			if os.Getenv("DUMP_INJECTION") != "" {
				os.WriteFile("/tmp/benign.md", benign.Markdown, 0o644)
				os.WriteFile("/tmp/hostile.md", hostile.Markdown, 0o644)
			}
			if a, b := skeleton(benign.Markdown), skeleton(hostile.Markdown); a != b {
				i := 0
				for i < min(len(a), len(b)) && a[i] == b[i] {
					i++
				}
				from := max(0, strings.LastIndex(a[:i], "Heading"))
				t.Errorf("user text changed the structure of the document, from:\nbenign:  %.300s\nhostile: %.300s", a[from:], b[from:])
			}
			html, err := typeset.HTML(hostile.Markdown)
			if err != nil {
				t.Fatal(err)
			}
			for _, bad := range []string{"<script", "href=\"javascript:", "<h1>Titre", "<table>\n<thead>\n<tr>\n<th>a", "<img", "href=\"http://x"} {
				if bytes.Contains(html, []byte(bad)) {
					t.Errorf("HTML contains %q", bad)
				}
			}
		})
	}
}

// TestHouseClauses overrides one clause and checks that exactly that clause changes.
func TestHouseClauses(t *testing.T) {
	dir := t.TempDir()
	clause := filepath.Join(dir, "convention", "fr", "amendment.md")
	if err := os.MkdirAll(filepath.Dir(clause), 0o755); err != nil {
		t.Fatal(err)
	}
	house := "{{define \"title\"}}Avenants{{end -}}\nToute modification fait l’objet d’un avenant approuvé par le conseil municipal.\n"
	if err := os.WriteFile(clause, []byte(house), 0o644); err != nil {
		t.Fatal(err)
	}
	doc := load(t, filepath.Join(examplesDir, "pacte-parc-des-glycines.yaml"))
	plain := mustRender(t, doc)
	housed := mustRender(t, doc, render.WithHouseClauses(dir))
	sections := func(md []byte) map[string]string {
		m := map[string]string{}
		for _, part := range strings.Split(string(md), "\n## ")[1:] {
			id := regexp.MustCompile(`\{#([a-z-]+)\}`).FindStringSubmatch(part)[1]
			m[id] = part
		}
		return m
	}
	a, b := sections(plain.Markdown), sections(housed.Markdown)
	if len(a) != len(b) {
		t.Fatalf("%d clauses without house clauses, %d with", len(a), len(b))
	}
	for id := range a {
		changed := a[id] != b[id]
		if changed != (id == "amendment") {
			t.Errorf("clause %s changed: %v", id, changed)
		}
	}
	if !strings.Contains(b["amendment"], "approuvé par le conseil municipal") {
		t.Errorf("house clause not used:\n%s", b["amendment"])
	}

	// A house clause that names no clause of the library is refused.
	stray := filepath.Join(dir, "convention", "fr", "amendement.md")
	os.WriteFile(stray, []byte("x"), 0o644)
	if _, err := render.New(render.WithHouseClauses(dir)); err == nil || !strings.Contains(err.Error(), "amendement.md") {
		t.Errorf("a misnamed house clause is not reported: %v", err)
	}
}

// TestLintFindsUnknownFields plants unknown fields in a house clause and checks that lint
// reports each at its line and column, and that the library itself is clean.
func TestLintFindsUnknownFields(t *testing.T) {
	lib, err := render.EmbeddedLibrary()
	if err != nil {
		t.Fatal(err)
	}
	if diags := render.Lint(lib); len(diags) > 0 {
		t.Fatalf("the clause library does not lint:\n%v", diags)
	}
	house := fstest.MapFS{"convention/fr/object.md": {Data: []byte(
		"{{define \"title\"}}Objet{{end -}}\n{{with .Commons}}{{.Name}}\n{{.Nom}}{{end}}\n{{range .Parties}}{{.Role}} {{.Rol}}{{end}}\n{{.Duraton.Start}}\n{{nope}}\n")}}
	// An unknown function is a parse error: fix it first, as an author would.
	lib, err = render.LoadLibrary(templates.FS, "templates", render.Override{FS: house, Name: "house"})
	if err != nil {
		t.Fatal(err)
	}
	got := render.Lint(lib).Error()
	if !strings.Contains(got, `house/convention/fr/object.md:6:`) || !strings.Contains(got, `function "nope" not defined`) {
		t.Errorf("unknown function not reported at its line:\n%s", got)
	}
	house["convention/fr/object.md"].Data = bytes.Replace(house["convention/fr/object.md"].Data, []byte("{{nope}}\n"), nil, 1)
	lib, _ = render.LoadLibrary(templates.FS, "templates", render.Override{FS: house, Name: "house"})
	want := []string{
		"house/convention/fr/object.md:3:3: Commons has no field .Nom; did you mean .Name?",
		"house/convention/fr/object.md:4:31: Party has no field .Rol; did you mean .Role?",
		"house/convention/fr/object.md:5:3: the definition has no field .Duraton; did you mean .Duration?",
	}
	if got := render.Lint(lib).Error(); got != strings.Join(want, "\n") {
		t.Errorf("lint reports\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}

// TestMissingFieldFailsTheRender checks that a clause reaching into absent data stops the
// render with the template's position, instead of printing a placeholder.
func TestMissingFieldFailsTheRender(t *testing.T) {
	house := fstest.MapFS{"convention/fr/object.md": {Data: []byte("{{define \"title\"}}Objet{{end -}}\nSubventions : {{.Support.BudgetTotal}}\n")}}
	lib, err := render.LoadLibrary(templates.FS, "templates", render.Override{FS: house, Name: "house"})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := render.New(render.WithLibrary(lib))
	_, err = r.Render(load(t, "testdata/minimal-convention.yaml"))
	if err == nil || !strings.Contains(err.Error(), "house/convention/fr/object.md:2:") || !strings.Contains(err.Error(), "nil pointer") {
		t.Errorf("render of an absent field: %v", err)
	}
}
