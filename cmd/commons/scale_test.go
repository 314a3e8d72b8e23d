package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/validate"
)

// definitionValue reads an example as generic data, to grow it into a large definition.
func definitionValue(t testing.TB, file string) map[string]any {
	t.Helper()
	doc, diags, err := validate.File(file, partnership.DefaultLimits)
	if err != nil || diags.HasErrors() {
		t.Fatalf("%s: %v %v", file, err, diags)
	}
	// A deep copy, so that changes never reach a shared value.
	data, _ := json.Marshal(doc.Value)
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func writeJSON(t testing.TB, file string, v any) {
	t.Helper()
	data, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func clone(v any) map[string]any {
	data, _ := json.Marshal(v)
	var out map[string]any
	json.Unmarshal(data, &out)
	return out
}

// pdfWords is the text of a PDF in the order it is drawn, one word per entry.
func pdfWords(t *testing.T, pdf string) []string {
	return strings.Fields(output(t, "pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"))
}

// TestManyParties typesets conventions with 60 and 200 parties and a governance of 25 colleges:
// every party is named in the article that lists them, every college in the governance article,
// and the cover, which names the first parties, says how many others there are.
func TestManyParties(t *testing.T) {
	repoRoot(t)
	tool(t, "pdftotext")
	dir := t.TempDir()
	if d := os.Getenv("COMMONS_KEEP"); d != "" {
		dir = d
	}
	for _, n := range []int{60, 200} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			def := definitionValue(t, "examples/water-board.yaml")
			def["lang"] = "fr"
			parties := def["parties"].([]any)
			model := clone(parties[len(parties)-1])
			var names []string
			for i := len(parties); i < n; i++ {
				p := clone(model)
				p["id"] = fmt.Sprintf("collectif-%03d", i)
				p["name"] = fmt.Sprintf("Collectif %03d des usagers de l’eau", i)
				p["designation"] = fmt.Sprintf("le collectif %03d", i)
				parties = append(parties, p)
			}
			for _, p := range parties {
				names = append(names, p.(map[string]any)["name"].(string))
			}
			def["parties"] = parties
			gov := def["governance"].(map[string]any)
			colleges := gov["colleges"].([]any)
			var collegeNames []string
			for i := len(colleges); i < 25; i++ {
				c := clone(colleges[len(colleges)-1])
				c["id"] = fmt.Sprintf("college-%02d", i)
				c["name"] = fmt.Sprintf("Collège territorial numéro %02d", i)
				colleges = append(colleges, c)
			}
			for _, c := range colleges {
				collegeNames = append(collegeNames, c.(map[string]any)["name"].(string))
			}
			gov["colleges"] = colleges
			file := filepath.Join(dir, fmt.Sprintf("parties-%d.json", n))
			writeJSON(t, file, def)
			pdf := filepath.Join(dir, fmt.Sprintf("parties-%d.pdf", n))
			if code, _, stderr := commons(t, "render", "--format", "pdf", "-o", pdf, file); code != 0 {
				t.Fatalf("render: exit %d\n%s", code, stderr)
			}
			text := output(t, "pdftotext", "-raw", "-enc", "UTF-8", pdf, "-")
			start := strings.Index(text, names[0]+", ")
			end := strings.Index(text, "Ci-après désignées ensemble")
			if start < 0 || end < start {
				t.Fatalf("no article naming the parties:\n%s", text[:min(len(text), 3000)])
			}
			section := strings.Join(strings.Fields(text[start:end]), " ")
			for _, name := range names {
				if !strings.Contains(section, name) {
					t.Errorf("%q is not named in the article on the parties", name)
				}
			}
			for _, name := range collegeNames {
				if !strings.Contains(strings.Join(strings.Fields(text), " "), name) {
					t.Errorf("college %q is not named", name)
				}
			}
			cover := strings.Join(strings.Fields(output(t, "pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", pdf, "-")), " ")
			others := regexp.MustCompile(`et (\d+) autres parties, désignées sous « Entre les soussignés »`).FindStringSubmatch(cover)
			if others == nil {
				t.Fatalf("the cover does not say how many parties it leaves out:\n%s", cover)
			}
			shown := 0
			for _, name := range names {
				if strings.Contains(cover, name) {
					shown++
				}
			}
			if fmt.Sprint(n-shown) != others[1] {
				t.Errorf("the cover names %d parties and says %s others, of %d", shown, others[1], n)
			}
			_, page, _ := commons(t, "render", "--format", "html", file)
			for _, name := range names {
				if !strings.Contains(page, strings.ReplaceAll(name, "’", "’")) {
					t.Errorf("the HTML does not name %q", name)
				}
			}
		})
	}
}

// largeCall writes into dir a call with 40 challenges and n applications to it (one in ten
// ineligible, the others marked), and returns the call's path.
func largeCall(t testing.TB, dir string, n int) string {
	t.Helper()
	call := definitionValue(t, "examples/appel-a-communs-2026.yaml")
	body := call["call"].(map[string]any)
	challenges := body["challenges"].([]any)
	for i := len(challenges); i < 40; i++ {
		c := clone(challenges[i%len(challenges)])
		c["id"] = fmt.Sprintf("defi-%02d", i+1)
		c["title"] = fmt.Sprintf("Défi numéro %02d du territoire", i+1)
		challenges = append(challenges, c)
	}
	body["challenges"] = challenges
	callFile := filepath.Join(dir, "appel.json")
	writeJSON(t, callFile, call)
	model := definitionValue(t, "examples/candidature-cartocommuns.yaml")
	for i := range n {
		app := clone(model)
		app["id"] = fmt.Sprintf("cand-%04d", i+1)
		app["title"] = fmt.Sprintf("Candidature numéro %d à l’appel à communs", i+1)
		a := app["application"].(map[string]any)
		a["call"].(map[string]any)["file"] = "appel.json"
		a["challenges"] = []any{fmt.Sprintf("defi-%02d", 11+i%30)}
		if i%10 == 9 {
			a["documentation"].(map[string]any)["public"] = false
		}
		for j, m := range a["marks"].([]any) {
			m.(map[string]any)["mark"] = (i*7 + j*3) % 21
		}
		writeJSON(t, filepath.Join(dir, fmt.Sprintf("cand-%04d.json", i+1)), app)
	}
	return callFile
}

// TestLargeCall renders a call with 40 challenges, and the selection report of 200 applications
// to it in PDF: every challenge and every application is there, and no word of the tables is
// cut inside a group of letters.
func TestLargeCall(t *testing.T) {
	repoRoot(t)
	tool(t, "pdftotext")
	dir := t.TempDir()
	if d := os.Getenv("COMMONS_KEEP"); d != "" {
		dir = d
	}
	callFile := largeCall(t, dir, 200)
	callPDF := filepath.Join(dir, "appel.pdf")
	if code, _, stderr := commons(t, "render", "--format", "pdf", "-o", callPDF, callFile); code != 0 {
		t.Fatalf("render the call: exit %d\n%s", code, stderr)
	}
	callText := strings.Join(pdfWords(t, callPDF), " ")
	for i := range 40 {
		if i >= 10 && !strings.Contains(callText, fmt.Sprintf("Défi numéro %02d du territoire", i+1)) {
			t.Errorf("challenge %d is missing from the call", i+1)
		}
	}
	report := filepath.Join(dir, "selection.pdf")
	if code, _, stderr := commons(t, "assess", "--quiet", "--format", "pdf", "-o", report, callFile, dir); code != 0 {
		t.Fatalf("assess: exit %d\n%s", code, stderr)
	}
	words := pdfWords(t, report)
	count := map[string]int{}
	for _, w := range words {
		count[strings.Trim(w, "(),.;:`")]++
	}
	for i := range 200 {
		id := fmt.Sprintf("cand-%04d", i+1)
		// Ranked applications are in the ranking chart and the marks table; ineligible ones
		// with their reasons.
		if count[id] == 0 {
			t.Errorf("%s is missing from the report", id)
		}
	}
	for _, w := range []string{"Rang", "Candidature", "Porteur", "Total", "C1", "C5", "Détail", "notes", "communalité"} {
		if count[w] == 0 {
			t.Errorf("the word %q is not whole anywhere in the report", w)
		}
	}
	// A word cut inside a group of letters would leave pieces of it as words of their own.
	for _, piece := range []string{"Candida", "ture", "Cri", "tère", "Por", "teur", "cand-0", "0001"} {
		if count[piece] > 0 {
			t.Errorf("%q appears as a word: a word of a table is cut inside its letters", piece)
		}
	}
}
