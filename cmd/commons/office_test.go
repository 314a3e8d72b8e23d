package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/commons-toolkit/commons/partnership/typeset"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// soffice returns LibreOffice's command, which the office checks need. CI installs it
// (libreoffice-writer-nogui); elsewhere the checks are skipped when it is missing.
func soffice(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("starts LibreOffice")
	}
	p, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("soffice is not installed; .ci/run installs libreoffice-writer-nogui")
		}
		t.Skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui): the DOCX and ODT documents are not opened")
	}
	return p
}

// convert opens every file in LibreOffice, once for all of them (it takes seconds to start),
// with a profile of its own, and converts them to format in dir.
func convert(t *testing.T, bin, format, dir string, files []string) {
	t.Helper()
	profile := "file://" + filepath.ToSlash(filepath.Join(t.TempDir(), "profile"))
	args := append([]string{"-env:UserInstallation=" + profile, "--headless", "--norestore", "--convert-to", format, "--outdir", dir}, files...)
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice --convert-to %s: %v\n%s", format, err, out)
	}
}

// TestExamplesInLibreOffice writes every example in both languages as DOCX and ODT, opens them
// in LibreOffice as a reader would, and checks that it reads the words of the Markdown in the
// same order, and, in the PDF it makes of the DOCX, one outline entry per article.
func TestExamplesInLibreOffice(t *testing.T) {
	bin := soffice(t)
	repoRoot(t)
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	dir := t.TempDir()
	var docs, docx []string
	markdown := map[string]string{}
	for _, file := range definitionFiles(t, "examples") {
		for _, lang := range []string{"fr", "en"} {
			name := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)) + "." + lang
			_, md, _ := commons(t, "render", "--lang", lang, file)
			for _, format := range []string{"docx", "odt"} {
				out := filepath.Join(dir, name+"-"+format+"."+format)
				if code, _, stderr := commons(t, "render", "--format", format, "--lang", lang, "-o", out, file); code != 0 {
					t.Fatalf("render %s: exit %d: %s", out, code, stderr)
				}
				docs = append(docs, out)
				markdown[name+"-"+format] = md
				if format == "docx" {
					docx = append(docx, out)
				}
			}
		}
	}
	convert(t, bin, "txt:Text (encoded):UTF8", dir, docs)
	convert(t, bin, "pdf", dir, docx)
	for _, doc := range docs {
		name := strings.TrimSuffix(filepath.Base(doc), filepath.Ext(doc))
		t.Run(name, func(t *testing.T) {
			txt, err := os.ReadFile(filepath.Join(dir, name+".txt"))
			if err != nil {
				t.Fatalf("LibreOffice did not open the document: %v", err)
			}
			want := markdownWords(t, []byte(markdown[name]))
			got := officeWords(string(txt))
			if len(want) < 200 {
				t.Fatalf("only %d words in the Markdown", len(want))
			}
			if i := firstDifference(got, want); i >= 0 {
				t.Errorf("LibreOffice reads other words than the Markdown's, from word %d:\n got %q\nwant %q", i+1, around(got, i), around(want, i))
			}
			if !strings.HasSuffix(name, "-docx") {
				return
			}
			articles := len(regexp.MustCompile(`(?m)^## Article `).FindAllString(markdown[name], -1))
			if got := outlineArticles(t, filepath.Join(dir, name+".pdf")); got != articles {
				t.Errorf("the PDF LibreOffice makes of the DOCX has %d articles in its outline, want %d", got, articles)
			}
		})
	}
}

func firstDifference(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	if len(a) != len(b) {
		return min(len(a), len(b))
	}
	return -1
}

func around(words []string, i int) []string {
	return words[max(i-3, 0):min(i+5, len(words))]
}

// listMarker is the marker LibreOffice writes before a list item in text: a bullet or a number.
var listMarker = regexp.MustCompile(`^\s+(?:[•–◦▪-]|\d+\.)\s+`)

// officeWords are the words of LibreOffice's text export.
func officeWords(txt string) []string {
	var words []string
	for _, line := range strings.Split(strings.TrimPrefix(txt, "\ufeff"), "\n") {
		words = append(words, splitWords(listMarker.ReplaceAllString(line, ""))...)
	}
	return words
}

func splitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u202f' || r == '\u00a0' })
}

// markdownWords are the words a reader reads in rendered Markdown: its blocks in order, the
// labels and values of a chart, and, for a document of twelve articles or more, the table of
// contents after the title block.
func markdownWords(t *testing.T, md []byte) []string {
	t.Helper()
	fm, body, err := typeset.SplitFrontMatter(md)
	if err != nil {
		t.Fatal(err)
	}
	root := typeset.Markdown().Parser().Parse(text.NewReader(body))
	var words, contents []string
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 2 {
			contents = append(contents, splitWords(inlineText(h, body))...)
		}
	}
	if len(contents) > 0 && strings.Count(string(body), "\n## ") >= 12 {
		contents = append(splitWords(map[string]string{"fr": "Sommaire", "en": "Contents"}[fm["lang"]]), contents...)
	} else {
		contents = nil
	}
	tocDone := false
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level == 2 && !tocDone {
				words, tocDone = append(words, contents...), true
			}
			words = append(words, splitWords(inlineText(n, body))...)
			return
		case *ast.Paragraph, *ast.TextBlock:
			words = append(words, splitWords(inlineText(n, body))...)
			return
		case *east.TableCell:
			words = append(words, splitWords(inlineText(n, body))...)
			return
		case *ast.FencedCodeBlock:
			if c, ok := typeset.ChartOf(n, body); ok {
				words = append(words, splitWords(c.Title)...)
				for _, b := range c.Bars {
					words = append(words, splitWords(b.Label+" "+b.ValueText())...)
				}
				words = append(words, splitWords(c.ThresholdLabel)...)
			}
			return
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c)
		}
	}
	walk(root)
	return words
}

// inlineText is the text of inline Markdown, line breaks as spaces.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// outlineArticles counts the outline entries of a PDF that are articles ("Article 1er – …").
func outlineArticles(t *testing.T, pdf string) int {
	t.Helper()
	out := output(t, "qpdf", "--json", "--json-key=outlines", pdf)
	var doc struct {
		Outlines []outline `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var count func([]outline) int
	count = func(os []outline) int {
		n := 0
		for _, o := range os {
			if strings.HasPrefix(o.Title, "Article ") {
				n++
			}
			n += count(o.Kids)
		}
		return n
	}
	return count(doc.Outlines)
}

type outline struct {
	Title string    `json:"title"`
	Kids  []outline `json:"kids"`
}

// TestRedlineInLibreOffice opens the DOCX and ODT redlines in LibreOffice, which shows their
// tracked changes: its text holds the words of both versions.
func TestRedlineInLibreOffice(t *testing.T) {
	bin := soffice(t)
	repoRoot(t)
	dir := t.TempDir()
	v1, v2 := "partnership/redline/testdata/pacte-v1.yaml", "partnership/redline/testdata/pacte-v2.yaml"
	var files []string
	for _, format := range []string{"docx", "odt"} {
		out := filepath.Join(dir, "redline-"+format+"."+format)
		if code, _, stderr := commons(t, "diff", "--format", format, "--author", "Service juridique", "-o", out, v1, v2); code != 1 {
			t.Fatalf("diff: exit %d, want 1: %s", code, stderr)
		}
		files = append(files, out)
	}
	convert(t, bin, "txt:Text (encoded):UTF8", dir, files)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
		txt, err := os.ReadFile(filepath.Join(dir, name+".txt"))
		if err != nil {
			t.Fatalf("%s: LibreOffice did not open it: %v", name, err)
		}
		for _, s := range []string{"quatre", "deux", "Subsidiarité horizontale", "Dissolution de l’association."} {
			if !bytes.Contains(txt, []byte(s)) {
				t.Errorf("%s: LibreOffice does not show %q", name, s)
			}
		}
	}
}
