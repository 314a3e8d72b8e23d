package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// tool returns the path of a command-line tool the PDF checks need (poppler-utils, qpdf). CI
// installs them; elsewhere the checks are skipped when they are missing.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed; .ci/run installs poppler-utils and qpdf", name)
		}
		t.Skipf("%s is not installed (apt-get install poppler-utils qpdf)", name)
	}
	return p
}

func output(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(tool(t, name), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// TestExamplesPDF typesets every example as a reader would check it: a valid file with its
// fonts embedded, an outline entry per heading, the headings in order in the extracted text with
// their accents, every page numbered, and the same bytes on a second run.
func TestExamplesPDF(t *testing.T) {
	repoRoot(t)
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	dir := t.TempDir()
	for _, file := range definitionFiles(t, "examples") {
		for _, lang := range []string{"fr", "en"} {
			name := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)) + "." + lang
			t.Run(name, func(t *testing.T) {
				pdf := filepath.Join(dir, name+".pdf")
				if code, _, stderr := commons(t, "render", "--format", "pdf", "--lang", lang, "-o", pdf, file); code != 0 {
					t.Fatalf("render: exit %d: %s", code, stderr)
				}
				_, md, _ := commons(t, "render", "--lang", lang, file)
				checkPDF(t, pdf, md, lang)
				again := filepath.Join(dir, name+".again.pdf")
				commons(t, "render", "--format", "pdf", "--lang", lang, "-o", again, file)
				a, _ := os.ReadFile(pdf)
				b, _ := os.ReadFile(again)
				if !bytes.Equal(a, b) {
					t.Error("two runs give different PDF bytes")
				}
			})
		}
	}
}

var mdHeading = regexp.MustCompile(`(?m)^(#{1,3}) (.*?)(?: \{#[a-z0-9-]+\})?$`)

// unescapeMarkdown removes the backslashes that escape user text in headings.
var mdEscape = regexp.MustCompile(`\\(.)`)

func checkPDF(t *testing.T, pdf, md, lang string) {
	t.Helper()
	if out := output(t, "qpdf", "--check", pdf); !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
	fonts := output(t, "pdffonts", pdf)
	for _, line := range strings.Split(fonts, "\n")[2:] {
		if f := strings.Fields(line); len(f) >= 5 && f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", line)
		}
	}
	if !strings.Contains(fonts, "LiberationSerif") && !strings.Contains(fonts, "liberationserif") {
		t.Errorf("the document does not use the embedded serif:\n%s", fonts)
	}

	var headings []string
	for _, m := range mdHeading.FindAllStringSubmatch(md, -1) {
		headings = append(headings, mdEscape.ReplaceAllString(m[2], "$1"))
	}
	if len(headings) < 3 {
		t.Fatalf("only %d headings in the Markdown", len(headings))
	}

	// Outline: one entry per heading, same titles, same order.
	var info struct {
		Outlines []struct {
			Title string `json:"title"`
			Kids  []struct {
				Title string `json:"title"`
				Kids  []struct {
					Title string `json:"title"`
				} `json:"kids"`
			} `json:"kids"`
		} `json:"outlines"`
		Pages []any `json:"pages"`
	}
	if err := json.Unmarshal([]byte(output(t, "qpdf", "--json", "--json-key=outlines", "--json-key=pages", pdf)), &info); err != nil {
		t.Fatal(err)
	}
	var outline []string
	for _, o := range info.Outlines {
		outline = append(outline, o.Title)
		for _, k := range o.Kids {
			outline = append(outline, k.Title)
			for _, kk := range k.Kids {
				outline = append(outline, kk.Title)
			}
		}
	}
	if strings.Join(outline, "\n") != strings.Join(headings, "\n") {
		t.Errorf("outline differs from the headings:\noutline:  %q\nheadings: %q", outline, headings)
	}

	// Extracted text: every heading, in order, accents intact.
	text := output(t, "pdftotext", "-enc", "UTF-8", pdf, "-")
	flat := strings.Join(strings.Fields(strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(text)), " ")
	pos := 0
	for _, h := range headings {
		want := strings.Join(strings.Fields(strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(h)), " ")
		i := strings.Index(flat[pos:], want)
		if i < 0 {
			t.Errorf("heading %q not found (in order) in the extracted text", want)
			continue
		}
		pos += i + len(want)
	}

	// Page numbering: "page N sur M" (or "of") on every page.
	pages := len(info.Pages)
	word := map[string]string{"fr": "sur", "en": "of"}[lang]
	for n := 1; n <= pages; n++ {
		if !strings.Contains(text, fmt.Sprintf("page %d %s %d", n, word, pages)) {
			t.Errorf("page %d does not say \"page %d %s %d\"", n, n, word, pages)
		}
	}
}
