package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/export"
	"github.com/commons-toolkit/commons/partnership/validate"
)

// The browser tests drive a real headless Chromium through the DevTools protocol, as a person
// would use the editor: keyboard, clicks, what the page shows. They are skipped when no
// Chromium is installed (Debian: apt-get install chromium).

// chromium finds the browser, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium found (apt-get install chromium, or set CHROMIUM): the browser tests are skipped")
	return ""
}

// axeSource reads axe-core's script, whose path .ci/run passes in AXE_CORE_JS, or skips.
func axeSource(t *testing.T) string {
	t.Helper()
	p := os.Getenv("AXE_CORE_JS")
	if p == "" {
		t.Skip("AXE_CORE_JS is not set (npm install axe-core, then point it at axe.min.js): the accessibility audit is skipped")
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Skipf("cannot read axe-core at %s: %v; the accessibility audit is skipped", p, err)
	}
	return string(data)
}

// browser starts a headless Chromium with a fresh profile and no network beyond this machine.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.Flag("lang", "en-GB"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 800),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800)); err != nil {
		t.Skipf("Chromium does not start (%v): the browser tests are skipped", err)
	}
	return ctx
}

// serveDir serves dir on a free loopback port until the test ends and returns its URL.
func serveDir(t *testing.T, dir string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(dir, Options{Addr: ln.Addr().String()})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { srv.Serve(ctx, ln); close(done) }()
	t.Cleanup(func() { cancel(); <-done; srv.Close() })
	return "http://" + ln.Addr().String()
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// step is an action whose value does not matter.
type step = chromedp.Action[chromedp.Void]

// into runs an action and keeps its value in dst.
func into[T any](a chromedp.Action[T], dst *T) step {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		v, err := a(ctx, t)
		*dst = v
		return chromedp.Void{}, err
	}
}

// js runs a script whose value does not matter.
func js(expr string) step {
	var ignored any
	return into(chromedp.Evaluate[any](expr), &ignored)
}

// byID selects an element by its id, which holds a JSON pointer with slashes.
func byID(id string) chromedp.CSS { return chromedp.CSS(fmt.Sprintf(`[id=%q]`, id)) }

// waitJS waits until a JavaScript expression is true.
func waitJS(expr string) step {
	var ignored any
	return into(chromedp.Poll[any](expr, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(30*time.Second)), &ignored)
}

// afterNavigation waits for a page that is still loading: a poll the navigation interrupts is
// started again on the new page.
func afterNavigation(expr string) step {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		var err error
		for range 10 {
			if _, err = waitJS(expr)(ctx, t); err == nil {
				return chromedp.Void{}, nil
			}
			time.Sleep(200 * time.Millisecond)
		}
		return chromedp.Void{}, err
	}
}

// replaceText selects the text of a field and types over it, as a person does.
func replaceText(id, text string) step {
	return chromedp.Steps(
		js(fmt.Sprintf(`(e => { e.scrollIntoView({block: "center"}); e.focus(); e.select(); true })(document.getElementById(%q))`, id)),
		chromedp.SendKeys(byID(id), text),
	)
}

func previewHas(text string) string {
	return fmt.Sprintf(`(() => { const f = document.getElementById("preview"); const d = f && f.contentDocument; return !!(d && d.body && d.body.innerText.includes(%q)); })()`, text)
}

type violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// audit runs axe-core on the page for the rules of WCAG 2.1 A and AA.
func audit(ctx context.Context, t *testing.T, axe, page string) {
	t.Helper()
	var out string
	err := chromedp.Do(ctx,
		js(axe+";true"),
		into(chromedp.Evaluate[string](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, iframes: false})
			.then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))}))))`,
			chromedp.EvalAwaitPromise), &out),
	)
	if err != nil {
		t.Fatalf("axe on the %s page: %v", page, err)
	}
	var vs []violation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Errorf("%s page: WCAG violation %s (%s): %s; at %s", page, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, ", "))
	}
}

// TestEditorInBrowser follows a person who creates a convention from the starter, fills it in,
// makes a mistake, corrects it and saves; the file on disk must then validate and differ from
// the committed starter by the changed lines only.
func TestEditorInBrowser(t *testing.T) {
	ctx := browser(t)
	dir := t.TempDir()
	git(t, dir, "init", "-q")
	base := serveDir(t, dir)
	const name = "pacte-jardin.yaml"

	// The workspace, with the keyboard only: the file name, then Tab to the language and to
	// the starters' buttons, the second of which is the convention.
	var lang string
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/"),
		waitJS(`document.querySelectorAll("#new-kinds button").length === 4`),
		chromedp.Click(chromedp.CSS("#new-name")),
		chromedp.SendKeys(chromedp.CSS("#new-name"), name),
		chromedp.KeyEvent(kb.Tab), // language of the document
		chromedp.KeyEvent(kb.Tab), // New charter
		chromedp.KeyEvent(kb.Tab), // New convention
		waitJS(`document.activeElement.value === "convention"`),
		chromedp.KeyEvent(kb.Enter),
	)
	if err != nil {
		t.Fatalf("create a convention from the workspace: %v", err)
	}
	err = chromedp.Do(ctx,
		afterNavigation(`location.pathname === "/edit" && !!document.getElementById("f/parties/1/name")`),
		waitJS(previewHas("Collectif des Glycines")),
		into(chromedp.Evaluate[string](`document.documentElement.lang`), &lang),
	)
	if err != nil {
		t.Fatalf("create a convention from the workspace: %v", err)
	}
	if lang != "fr" {
		t.Errorf("the interface of a French definition is in %q", lang)
	}
	starter, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(starter, partnership.Scaffold(partnership.KindConvention, "fr")) {
		t.Error("the new file is not the starter commons init writes")
	}
	git(t, dir, "add", name)
	git(t, dir, "commit", "-q", "-m", "starter")

	// A party's name appears in the document; an impossible date is reported beside its
	// field and in the list, whose entry leads to the field; once corrected, it is gone.
	var focused, diag string
	err = chromedp.Do(ctx,
		replaceText("f/parties/1/name", "Les Amis du Jardin"),
		waitJS(previewHas("Les Amis du Jardin")),
		replaceText("f/date", "2026-02-30"),
		waitJS(`!document.getElementById("d/date").hidden`),
		into(chromedp.Text(byID("d/date")), &diag),
		waitJS(`document.getElementById("f/date").getAttribute("aria-invalid") === "true"`),
		chromedp.Click(chromedp.CSS(`#problem-list a`)),
		into(chromedp.Evaluate[string](`document.activeElement.id`), &focused),
	)
	if err != nil {
		t.Fatalf("edit the convention: %v", err)
	}
	if !strings.Contains(diag, "date") {
		t.Errorf("the diagnostic beside the date says %q", diag)
	}
	if focused != "f/date" {
		t.Errorf("the entry of the list leads to %q, not to the date field", focused)
	}
	err = chromedp.Do(ctx,
		replaceText("f/date", "2026-03-02"),
		waitJS(`document.getElementById("d/date").hidden && document.getElementById("problem-list").children.length === 0`),
		waitJS(previewHas("2 mars 2026")),
		chromedp.Click(chromedp.CSS("#save")),
		waitJS(`document.getElementById("status").textContent === "Enregistré."`),
	)
	if err != nil {
		t.Fatalf("correct and save: %v", err)
	}

	saved := filepath.Join(dir, name)
	if _, diags, err := validate.File(saved, partnership.DefaultLimits); err != nil || diags.HasErrors() {
		t.Fatalf("the saved file does not validate: %v\n%v", err, diags)
	}
	diff := git(t, dir, "diff", "--unified=0", "--no-color", "--", name)
	var changes []string
	for _, l := range strings.Split(diff, "\n") {
		if (strings.HasPrefix(l, "+") || strings.HasPrefix(l, "-")) && !strings.HasPrefix(l, "+++") && !strings.HasPrefix(l, "---") {
			changes = append(changes, l)
		}
	}
	want := []string{`-date: "2026-02-20"`, `+date: "2026-03-02"`, `-    name: Collectif des Glycines`, `+    name: Les Amis du Jardin`}
	if strings.Join(changes, "\n") != strings.Join(want, "\n") {
		t.Errorf("git diff shows:\n%s\nwant only:\n%s", strings.Join(changes, "\n"), strings.Join(want, "\n"))
	}

	// The picture of the README: the editor as the person left it.
	var shot []byte
	err = chromedp.Do(ctx,
		js(`document.activeElement.blur(); document.getElementById("f/parties/1").scrollIntoView({block: "start"}); true`),
		chromedp.Sleep(300*time.Millisecond),
		into(chromedp.CaptureScreenshot(), &shot),
	)
	if err != nil {
		t.Fatal(err)
	}
	keepScreenshot(t, shot)
}

// keepScreenshot writes the editor's picture in the test's directory for a look, and into
// examples/serve.png, which the README shows, with UPDATE_SCREENSHOT=1: the pixels depend on
// the fonts of the machine, so regenerating golden files leaves it alone.
func keepScreenshot(t *testing.T, shot []byte) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("the screenshot is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 800 {
		t.Errorf("the screenshot is %v, want 1280×800", b.Size())
	}
	if blank(img) {
		t.Error("the screenshot is blank")
	}
	out := filepath.Join(os.TempDir(), "commons-serve-editor.png")
	if os.Getenv("UPDATE_SCREENSHOT") != "" {
		out = filepath.Join("..", "..", "examples", "serve.png")
	}
	if err := os.WriteFile(out, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot of the editor: %s", out)
}

func blank(img image.Image) bool {
	b := img.Bounds()
	first := img.At(b.Min.X, b.Min.Y)
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			if img.At(x, y) != first {
				return false
			}
		}
	}
	return true
}

// TestAccessibility audits the workspace and the editor with axe-core, for the rules of WCAG
// 2.1 levels A and AA.
func TestAccessibility(t *testing.T) {
	axe := axeSource(t)
	ctx := browser(t)
	dir := t.TempDir()
	for _, f := range []string{"pacte-tiers-lieu-la-fabrique.yaml", "water-board.yaml"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "examples", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.yaml"), []byte("kind: convention\nlang: fr\ndate: 2026-13-45\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	base := serveDir(t, dir)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), waitJS(`document.querySelectorAll("#files tbody tr").length === 3`)); err != nil {
		t.Fatal(err)
	}
	audit(ctx, t, axe, "workspace")
	for _, f := range []string{"pacte-tiers-lieu-la-fabrique.yaml", "water-board.yaml", "broken.yaml"} {
		if err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/edit?name="+f),
			waitJS(`document.getElementById("form-panel").children.length > 1 && document.getElementById("counts").textContent !== ""`),
		); err != nil {
			t.Fatal(err)
		}
		audit(ctx, t, axe, "editor of "+f)
	}
}

// TestReferencesAreChoices checks the form against the library: every id the export package
// resolves to a party, college, decision domain or grant is shown as a choice among those the
// file defines, with the right one chosen.
func TestReferencesAreChoices(t *testing.T) {
	ctx := browser(t)
	examples := []string{"water-board.yaml", "pacte-tiers-lieu-la-fabrique.yaml", "appel-a-communs-2026.yaml", "candidature-cartocommuns.yaml"}
	dir := t.TempDir()
	for _, f := range examples {
		data, err := os.ReadFile(filepath.Join("..", "..", "examples", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base := serveDir(t, dir)
	for _, f := range examples {
		t.Run(f, func(t *testing.T) {
			doc, diags, err := validate.File(filepath.Join(dir, f), partnership.DefaultLimits)
			if err != nil || diags.HasErrors() {
				t.Fatalf("%v %v", err, diags)
			}
			var call *partnership.Definition
			if doc.Call != nil {
				call = doc.Call.Definition
			}
			norm, err := export.Normalize(doc, call)
			if err != nil {
				t.Fatal(err)
			}
			var refs []export.Reference
			for _, r := range norm.References {
				if !r.Default {
					refs = append(refs, r)
				}
			}
			if len(refs) == 0 {
				t.Fatal("no reference to check")
			}
			list, _ := json.Marshal(refs)
			var wrong []string
			err = chromedp.Do(ctx,
				chromedp.Navigate(base+"/edit?name="+f),
				waitJS(`document.getElementById("form-panel").children.length > 1`),
				into(chromedp.Evaluate[[]string](`((refs) => refs.filter(r => {
					const el = document.getElementById("f" + r.pointer);
					if (el) return !(el.tagName === "SELECT" && el.value === r.id);
					const list = r.pointer.slice(0, r.pointer.lastIndexOf("/"));
					const box = [...document.querySelectorAll("input[type=checkbox]")].find(b => b.dataset.list === list && b.value === r.id);
					return !(box && box.checked);
				}).map(r => r.pointer + " (" + r.kind + " " + r.id + ")"))(`+string(list)+`)`), &wrong),
			)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range wrong {
				t.Errorf("%s is not a choice among those defined", w)
			}
		})
	}
}
