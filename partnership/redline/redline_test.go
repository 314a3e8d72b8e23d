package redline_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership/internal/golden"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/redline"
	"github.com/commons-toolkit/commons/partnership/render"
	"github.com/commons-toolkit/commons/partnership/typeset"
	"github.com/commons-toolkit/commons/partnership/validate"
)

const examplesDir = "../../examples"

// load reads and validates a definition, after replacing old by new in its text (nothing when
// old is empty).
func load(t *testing.T, file, old, new string) *partnership.Document {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if old != "" {
		if !bytes.Contains(data, []byte(old)) {
			t.Fatalf("%s does not contain %q", file, old)
		}
		data = bytes.Replace(data, []byte(old), []byte(new), 1)
	}
	doc, diags := partnership.Load(partnership.DisplayPath(file), data, partnership.DefaultLimits)
	if doc != nil {
		diags = append(diags, validate.Validate(doc, nil)...)
	}
	if diags.HasErrors() {
		t.Fatalf("%s: %v", file, diags)
	}
	return doc
}

func renderDoc(t *testing.T, doc *partnership.Document, opts ...render.Option) *render.Document {
	t.Helper()
	r, err := render.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	out, err := r.Render(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func compare(t *testing.T, old, new *render.Document) *redline.Redline {
	t.Helper()
	rl, err := redline.Compare(old, new)
	if err != nil {
		t.Fatal(err)
	}
	checkRedline(t, rl, old, new)
	return rl
}

// ids lists the ids of articles with a status.
func ids(rl *redline.Redline, keep func(redline.Article) bool) []string {
	var out []string
	for _, a := range rl.Articles {
		if keep(a) {
			out = append(out, a.ID)
		}
	}
	return out
}

func changed(a redline.Article) bool { return a.Status != redline.Unchanged }

// TestOneFieldChangesOneArticle changes one field of an example at a time: the redline reports
// exactly the one article that prints the field, and every other article unchanged.
func TestOneFieldChangesOneArticle(t *testing.T) {
	tests := []struct {
		name, file, old, new, article string
	}{
		{"meetings", "pacte-parc-des-glycines.yaml", "meetings_per_year: 2", "meetings_per_year: 3", "governance"},
		{"cure period", "pacte-parc-des-glycines.yaml", "cure_days: 30", "cure_days: 45", "termination"},
		{"in-kind value", "pacte-parc-des-glycines.yaml", "value: 1850", "value: 2000", "in-kind"},
		{"opening hours", "pacte-parc-des-glycines.yaml", "de 7 h à 21 h", "de 7 h à 22 h", "access"},
		{"renewal notice", "pacte-parc-des-glycines.yaml", "notice_months: 2", "notice_months: 3", "duration"},
		{"place", "pacte-parc-des-glycines.yaml", "place: Valmont", "place: Valmont-le-Haut", "signatures"},
		{"water board meetings", "water-board.yaml", "meetings_per_year: 6", "meetings_per_year: 4", "governance"},
		{"water board seats", "water-board.yaml", "seats: 6", "seats: 7", "governance"},
		{"water board mediation", "water-board.yaml", "days: 45", "days: 60", "disputes"},
		{"charter review", "charte-des-communs-valmont.yaml", "review_years: 3", "review_years: 4", "review"},
		{"charter seats", "charte-des-communs-valmont.yaml", "seats: 4", "seats: 5", "governance"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(examplesDir, tt.file)
			old := renderDoc(t, load(t, file, "", ""))
			new := renderDoc(t, load(t, file, tt.old, tt.new))
			rl := compare(t, old, new)
			if got := ids(rl, changed); !slices.Equal(got, []string{tt.article}) {
				t.Errorf("changed articles %v, want [%s]", got, tt.article)
			}
			s := rl.Summary()
			if len(s.Modified) != 1 || len(s.Changed) != 1 || s.RenumberedFrom != 0 {
				t.Errorf("summary %+v", s)
			}
			if rl.Identical() {
				t.Error("Identical() on a changed definition")
			}
		})
	}
}

// TestOptionalClauseIsAddedNotRewritten renders an example without its optional article on
// subsidiarity (the third), then with it: one article added, the later ones renumbered, and
// only the article whose text refers to the new one modified. Removing it is the mirror image.
func TestOptionalClauseIsAddedNotRewritten(t *testing.T) {
	file := filepath.Join(examplesDir, "pacte-parc-des-glycines.yaml")
	without := load(t, file, "", "")
	// Rendering reads the definition as written (its value tree), in the language it is rendered in.
	delete(without.Value.(map[string]any), "subsidiarity")
	old, new := renderDoc(t, without), renderDoc(t, load(t, file, "", ""))
	// The articles whose words depend on the new one: they refer to it.
	var refer []string
	for _, a := range new.Articles {
		if a.Heading != "" && a.ID != "subsidiarity" && articleText(t, new, a.ID, "(#subsidiarity)") {
			refer = append(refer, a.ID)
		}
	}

	rl := compare(t, old, new)
	s := rl.Summary()
	if got := ids(rl, func(a redline.Article) bool { return a.Status == redline.Added }); !slices.Equal(got, []string{"subsidiarity"}) {
		t.Errorf("added %v, want [subsidiarity]", got)
	}
	if got := ids(rl, func(a redline.Article) bool { return a.Status == redline.Modified }); !slices.Equal(got, refer) {
		t.Errorf("modified %v, want only the articles that refer to the new one: %v", got, refer)
	}
	if s.RenumberedFrom != 3 {
		t.Errorf("renumbered from %d, want 3", s.RenumberedFrom)
	}
	if len(s.Renumbered) < 10 {
		t.Errorf("%d articles renumbered without a change of words, want the dozen after the third", len(s.Renumbered))
	}
	want := "Ajout de l’article 3, modification de l’article 8 (ancien article 7), renumérotation des articles à partir de l’article 3."
	if got := s.String(); got != want {
		t.Errorf("summary:\n got %s\nwant %s", got, want)
	}

	back := compare(t, new, old)
	if got := ids(back, func(a redline.Article) bool { return a.Status == redline.Removed }); !slices.Equal(got, []string{"subsidiarity"}) {
		t.Errorf("removed %v, want [subsidiarity]", got)
	}
	if i := slices.IndexFunc(back.Articles, func(a redline.Article) bool { return a.ID == "subsidiarity" }); i < 1 || back.Articles[i-1].ID != "objectives" {
		t.Errorf("the removed article is not where it stood, after objectives")
	}
	if got := back.Summary().String(); !strings.HasPrefix(got, "Suppression de l’article 3, ") {
		t.Errorf("summary %q", got)
	}
}

// articleText reports whether the text of an article of a rendered document contains s.
func articleText(t *testing.T, doc *render.Document, id, s string) bool {
	t.Helper()
	md := string(doc.Markdown)
	start := strings.Index(md, "{#"+id+"}\n")
	if start < 0 {
		t.Fatalf("no article %s", id)
	}
	end := strings.Index(md[start:], "\n## ")
	if end < 0 {
		end = len(md) - start
	}
	return strings.Contains(md[start:start+end], s)
}

// TestHouseClauseChange renders definitions with two directories of house clauses that differ
// in one clause: the redline reports exactly the articles written with that clause.
func TestHouseClauseChange(t *testing.T) {
	lib, err := render.EmbeddedLibrary()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, clause, old, new string
		files                  []string
		want                   string
	}{
		{"a convention's clause", "convention/fr/amendment.md",
			"fait l’objet d’un avenant écrit", "fait l’objet d’un avenant écrit et daté",
			[]string{"pacte-parc-des-glycines.yaml", "pacte-tiers-lieu-la-fabrique.yaml"}, "amendment"},
		{"a clause shared by every kind", "common/fr/signatures.md",
			"exemplaires originaux", "exemplaires originaux paraphés",
			[]string{"pacte-parc-des-glycines.yaml", "charte-des-communs-valmont.yaml"}, "signatures"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var text string
			for _, c := range lib.Clauses() {
				if c.Path == tt.clause {
					text = c.Text
				}
			}
			if !strings.Contains(text, tt.old) {
				t.Fatalf("%s does not say %q", tt.clause, tt.old)
			}
			before, after := t.TempDir(), t.TempDir()
			writeFile(t, filepath.Join(before, tt.clause), text)
			writeFile(t, filepath.Join(after, tt.clause), strings.Replace(text, tt.old, tt.new, 1))
			for _, f := range tt.files {
				doc := load(t, filepath.Join(examplesDir, f), "", "")
				rl := compare(t, renderDoc(t, doc, render.WithHouseClauses(before)), renderDoc(t, doc, render.WithHouseClauses(after)))
				if got := ids(rl, changed); !slices.Equal(got, []string{tt.want}) {
					t.Errorf("%s: changed articles %v, want [%s]", f, got, tt.want)
				}
			}
		})
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestIdenticalVersions(t *testing.T) {
	file := filepath.Join(examplesDir, "pacte-tiers-lieu-la-fabrique.yaml")
	// A comment changes the definition's digest, not the document's words.
	old := renderDoc(t, load(t, file, "", ""))
	new := renderDoc(t, load(t, file, "kind: convention", "# amended\nkind: convention"))
	rl := compare(t, old, new)
	if !rl.Identical() || !rl.Summary().Identical() {
		t.Errorf("a comment made the versions differ: %v", ids(rl, changed))
	}
	if got := rl.Summary().String(); got != "Aucune modification du texte." {
		t.Errorf("summary %q", got)
	}
	if got := string(rl.Text(false)); got != "Aucune modification du texte.\n" {
		t.Errorf("text %q", got)
	}
}

// TestGolden writes the redline of the two versions in testdata, in both languages, as Markdown
// and as text.
func TestGolden(t *testing.T) {
	old := load(t, "testdata/pacte-v1.yaml", "", "")
	new := load(t, "testdata/pacte-v2.yaml", "", "")
	for _, lang := range []string{"fr", "en"} {
		t.Run(lang, func(t *testing.T) {
			rl := compare(t, renderDoc(t, old, render.WithLang(lang)), renderDoc(t, new, render.WithLang(lang)))
			golden.Compare(t, "testdata/pacte."+lang+".redline.md", rl.Markdown())
			golden.Compare(t, "testdata/pacte."+lang+".redline.txt", rl.Text(false))
		})
	}
}

var (
	insertion = regexp.MustCompile(`\{\+\+(.*?)\+\+\}`)
	deletion  = regexp.MustCompile(`\{--(.*?)--\}`)
	spaces    = regexp.MustCompile(`[ \t]+`)
	classes   = regexp.MustCompile(` \{#([^ }]+)[^}]*\}`)
	// onlyMarkers matches what is left of a line once its words are gone: block markers, pipes.
	onlyMarkers  = regexp.MustCompile(`^[\s>#*+|0-9.)-]*$`)
	delimiterRow = regexp.MustCompile(`^\|?(\s*:?-+:?\s*\|)+\s*$`)
)

// checkRedline checks what every redline must satisfy: the diff-friendly shape of rendered
// Markdown; accepting its insertions and dropping its deletions gives back the new text word for
// word; every mark it writes is paired when the typesetter reads it (none is left as text).
func checkRedline(t *testing.T, rl *redline.Redline, old, new *render.Document) {
	t.Helper()
	md := rl.Markdown()
	switch s := string(md); {
	case !strings.HasSuffix(s, "\n") || strings.HasSuffix(s, "\n\n"):
		t.Error("the redline does not end with exactly one newline")
	case strings.Contains(s, "\n\n\n"):
		t.Error("the redline has two blank lines in a row")
	case strings.Contains(s, " \n"):
		t.Error("the redline has a line with trailing spaces")
	}
	_, body, err := typeset.SplitFrontMatter(md)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	dropped := false
	for _, l := range strings.Split(string(body), "\n") {
		// The summary and the lines that show a reworded heading are the redline's own.
		if strings.HasPrefix(l, ">") || strings.HasPrefix(l, "*Intitulé*") || strings.HasPrefix(l, "*Heading*") {
			continue
		}
		// A line whose words were all deleted goes, with the row under a deleted table header.
		accepted := deletion.ReplaceAllString(l, "")
		if accepted != l && onlyMarkers.MatchString(accepted) || dropped && delimiterRow.MatchString(l) {
			dropped = true
			continue
		}
		dropped = false
		l = insertion.ReplaceAllString(accepted, "$1")
		l = classes.ReplaceAllString(l, " {#$1}")
		if l = strings.TrimSpace(spaces.ReplaceAllString(l, " ")); l != "" {
			kept = append(kept, l)
		}
	}
	_, newBody, _ := typeset.SplitFrontMatter(new.Markdown)
	var want []string
	for _, l := range strings.Split(string(newBody), "\n") {
		if l = strings.TrimSpace(spaces.ReplaceAllString(l, " ")); l != "" {
			want = append(want, l)
		}
	}
	// Removed articles leave an empty heading behind once their deletions are dropped.
	kept = slices.DeleteFunc(kept, func(l string) bool { return strings.HasPrefix(l, "## {#") })
	if !slices.Equal(kept, want) {
		for i := range min(len(kept), len(want)) {
			if kept[i] != want[i] {
				t.Fatalf("accepting every change does not give the new text, line %d:\nwant: %s\ngot:  %s", i+1, want[i], kept[i])
			}
		}
		t.Fatalf("accepting every change gives %d lines, want %d", len(kept), len(want))
	}
	checkTables(t, body)
	html, err := typeset.HTML(md)
	if err != nil {
		t.Fatal(err)
	}
	for _, mark := range []string{"{++", "++}", "{--", "--}"} {
		if bytes.Contains(html, []byte(mark)) {
			i := bytes.Index(html, []byte(mark))
			t.Fatalf("the mark %s is left unpaired in the HTML: …%s…", mark, html[max(i-80, 0):min(i+80, len(html))])
		}
	}
}

// checkTables checks that every table of a redline is whole: a header, the row under it, then
// rows, with a blank line before and after, so that no row is read as a line of a paragraph and
// no paragraph line as a row.
func checkTables(t *testing.T, body []byte) {
	t.Helper()
	lines := strings.Split(string(body), "\n")
	isRow := func(k int) bool { return k >= 0 && k < len(lines) && strings.HasPrefix(lines[k], "|") }
	isDelim := func(k int) bool { return k >= 0 && k < len(lines) && delimiterRow.MatchString(lines[k]) }
	blank := func(k int) bool { return k < 0 || k >= len(lines) || strings.TrimSpace(lines[k]) == "" }
	for k := range lines {
		switch {
		case isDelim(k):
			if !isRow(k-1) || !blank(k-2) {
				t.Errorf("line %d: the row under a table's header follows %q, not a header after a blank line", k+1, lines[max(k-1, 0)])
			}
		case isRow(k):
			if blank(k-1) && !isDelim(k+1) || !blank(k-1) && !isRow(k-1) && !isDelim(k-1) {
				t.Errorf("line %d: the table row %q is not in a table", k+1, lines[k])
			}
			if !blank(k+1) && !isRow(k+1) && !isDelim(k+1) {
				t.Errorf("line %d: the table row is followed by %q, which would be read as a row", k+1, lines[k+1])
			}
		}
	}
}

// TestRedlineOfUnrelatedDocuments compares documents that have little in common (two different
// conventions, one document in French and in English): whatever the amount of change, accepting
// every change gives the new text and every mark is paired.
func TestRedlineOfUnrelatedDocuments(t *testing.T) {
	entries, err := os.ReadDir(examplesDir)
	if err != nil {
		t.Fatal(err)
	}
	byKind := map[partnership.Kind][]*partnership.Document{}
	for _, e := range entries {
		if e.IsDir() || !partnership.IsDefinitionFile(e.Name()) {
			continue
		}
		doc := load(t, filepath.Join(examplesDir, e.Name()), "", "")
		byKind[doc.Definition.Kind] = append(byKind[doc.Definition.Kind], doc)
		t.Run(e.Name()+"/fr-en", func(t *testing.T) {
			rl := compare(t, renderDoc(t, doc, render.WithLang("fr")), renderDoc(t, doc, render.WithLang("en")))
			if rl.Identical() {
				t.Error("French and English versions are identical")
			}
		})
	}
	for kind, docs := range byKind {
		for i := 1; i < len(docs); i++ {
			t.Run(string(kind)+"/"+docs[i-1].Definition.ID+"-"+docs[i].Definition.ID, func(t *testing.T) {
				compare(t, renderDoc(t, docs[i-1]), renderDoc(t, docs[i]))
				compare(t, renderDoc(t, docs[i]), renderDoc(t, docs[i-1]))
			})
		}
	}
}

func TestTextColours(t *testing.T) {
	file := filepath.Join(examplesDir, "pacte-parc-des-glycines.yaml")
	old := renderDoc(t, load(t, file, "", ""))
	new := renderDoc(t, load(t, file, "cure_days: 30", "cure_days: 45"))
	rl := compare(t, old, new)
	plain, coloured := string(rl.Text(false)), string(rl.Text(true))
	if strings.Contains(plain, "\x1b[") {
		t.Error("escape codes without colour")
	}
	for _, want := range []string{"\x1b[31m[-30-]\x1b[0m", "\x1b[32m{+45+}\x1b[0m", "\x1b[1m## Article 18 – Résiliation"} {
		if !strings.Contains(coloured, want) {
			t.Errorf("coloured text lacks %q:\n%s", want, coloured)
		}
	}
}
