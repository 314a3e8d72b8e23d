package serve

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	cdpruntime "github.com/chromedp/cdproto/runtime"
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
	// An error of the pages' own scripts fails the test.
	var mu sync.Mutex
	var thrown []string
	chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*cdpruntime.EventExceptionThrown); ok && e.ExceptionDetails != nil {
			d := e.ExceptionDetails
			where := d.URL
			if d.StackTrace != nil && len(d.StackTrace.CallFrames) > 0 {
				where = d.StackTrace.CallFrames[0].URL
			}
			if strings.Contains(where, "/assets/") {
				mu.Lock()
				defer mu.Unlock()
				text := d.Text
				if d.Exception != nil {
					text += " " + d.Exception.Description
				}
				thrown = append(thrown, fmt.Sprintf("%s:%d:%d: %s", where, d.LineNumber+1, d.ColumnNumber+1, text))
			}
		}
	})
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, e := range thrown {
			t.Errorf("the page's script failed: %s", e)
		}
	})
	// No step may wait for ever (a page that asks before it is left stops a navigation).
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	t.Cleanup(cancel)
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

// The steps below find the elements they act on when they act, by id or CSS selector in the
// page's own script, and never hold a DevTools node between two calls: the editor rebuilds
// the form after each answer of the server, and a node held across that would be stale.

// waitJS waits until a JavaScript expression is true.
func waitJS(expr string) step {
	poll := chromedp.Poll[any](expr, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(30*time.Second))
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		if _, err := poll(ctx, t); err != nil {
			return chromedp.Void{}, fmt.Errorf("waiting for %s: %w", expr, err)
		}
		return chromedp.Void{}, nil
	}
}

// check fails at once, saying what, unless a JavaScript expression is true.
func check(expr, what string) step {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		ok, err := chromedp.Evaluate[bool](expr)(ctx, t)
		if err == nil && !ok {
			err = errors.New(what)
		}
		return chromedp.Void{}, err
	}
}

// waitIdle waits until the editor shows the server's answer to every change made so far, and
// checks it shows no alert (a refused change, or an error of its script while it applied one).
func waitIdle() step {
	return chromedp.Steps(
		waitJS(`document.body.dataset.state === "idle"`),
		func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
			alert, err := chromedp.Evaluate[string](`(a => a && !a.hidden ? a.textContent : "")(document.getElementById("alert"))`)(ctx, t)
			if err == nil && alert != "" {
				err = fmt.Errorf("the editor shows an alert: %s", alert)
			}
			return chromedp.Void{}, err
		},
	)
}

// afterNavigation waits for a page that is still loading: a poll the navigation interrupts
// (its page is gone) is started again on the new page.
func afterNavigation(expr string) step {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		deadline := time.Now().Add(30 * time.Second)
		for {
			_, err := waitJS(expr)(ctx, t)
			if err == nil || time.Now().After(deadline) || ctx.Err() != nil {
				return chromedp.Void{}, err
			}
		}
	}
}

// focusField gives the focus to the control of id and selects its text, as a person who
// clicks into a field and selects what it holds.
func focusField(id string) step {
	return waitJS(fmt.Sprintf(`(e => !!e && (e.scrollIntoView({block: "center"}), e.focus(), e.select && e.select(), document.activeElement === e))(document.getElementById(%q))`, id))
}

// replaceText types text over the content of a field, key by key. The field must keep the
// focus and show every key typed, and once the server has answered every change it must still
// be the same element: a form that replaced the field under the keyboard fails here.
func replaceText(id, text string) step {
	return chromedp.Steps(
		focusField(id),
		js(fmt.Sprintf(`window.typedInto = document.getElementById(%q); true`, id)),
		chromedp.KeyEvent(text),
		check(fmt.Sprintf(`document.activeElement === window.typedInto && window.typedInto.value === %q`, text),
			fmt.Sprintf("the field %s lost the focus or the keys typed into it", id)),
		waitIdle(),
		check(fmt.Sprintf(`document.getElementById(%q) === window.typedInto && document.activeElement === window.typedInto && window.typedInto.value === %q`, id, text),
			fmt.Sprintf("the field %s was replaced or changed once the server answered", id)),
	)
}

// point is where on the page a click lands.
type point struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// click clicks with the mouse in the middle of the element a CSS selector finds (of its first
// line), once the editor is idle and the element is enabled, in view and not covered.
func click(selector string) step {
	var at point
	find := chromedp.Poll[point](fmt.Sprintf(`(e => {
		if (!e || e.disabled) return null;
		e.scrollIntoView({block: "center"});
		const r = e.getClientRects()[0]; // the first line of a link that wraps
		if (!r) return null;
		const x = r.x + r.width / 2, y = r.y + r.height / 2;
		const top = document.elementFromPoint(x, y);
		return top && (top === e || e.contains(top)) ? {x, y} : null;
	})(document.querySelector(%q))`, selector), chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(30*time.Second))
	return chromedp.Steps(
		waitIdle(),
		into(find, &at),
		func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
			return chromedp.MouseClickXY(at.X, at.Y)(ctx, t)
		},
	)
}

// byID is the CSS selector of the element of id, which holds a JSON pointer with slashes.
func byID(id string) string { return fmt.Sprintf(`[id=%q]`, id) }

func previewHas(text string) string {
	return fmt.Sprintf(`(() => { const f = document.getElementById("preview"); const d = f && f.contentDocument; return !!(d && d.body && d.body.innerText.includes(%q)); })()`, text)
}

// textContent evaluates the text content of the element of id.
func textContent(id string, dst *string) step {
	return into(chromedp.Evaluate[string](fmt.Sprintf(`(e => e ? e.textContent : "")(document.getElementById(%q))`, id)), dst)
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
		focusField("new-name"),
		chromedp.KeyEvent(name),
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
		afterNavigation(`location.pathname === "/edit" && document.body.dataset.state === "idle"`),
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
		check(`!document.getElementById("d/date").hidden && document.getElementById("f/date").getAttribute("aria-invalid") === "true"`,
			"no error beside the date"),
		textContent("d/date", &diag),
		click(`#problem-list a[href="#f/date"]`),
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
		// Polled rather than checked once: on a loaded machine the editor may show the answer
		// to the corrected date a moment after it reports being idle.
		waitJS(`document.getElementById("d/date").hidden && document.getElementById("problem-list").children.length === 0`),
		waitJS(previewHas("2 mars 2026")),
		click("#save"),
		waitJS(`document.getElementById("status").textContent === "Enregistré."`),
	)
	if err != nil {
		t.Fatalf("correct and save: %v", err)
	}

	saved := filepath.Join(dir, name)
	if _, diags, err := validate.File(saved, partnership.DefaultLimits); err != nil || diags.HasErrors() {
		t.Fatalf("the saved file does not validate: %v\n%v", err, diags)
	}
	gitChanges(t, dir, name, `-date: "2026-02-20"`, `+date: "2026-03-02"`, `-    name: Collectif des Glycines`, `+    name: Les Amis du Jardin`)

	// The picture of the README: the editor as the person left it.
	var shot []byte
	err = chromedp.Do(ctx,
		js(`document.activeElement.blur(); document.getElementById("f/parties/1").scrollIntoView({block: "start"}); true`),
		painted(),
		into(chromedp.CaptureScreenshot(), &shot),
	)
	if err != nil {
		t.Fatal(err)
	}
	keepScreenshot(t, shot)
}

// gitChanges checks that git diff shows exactly the lines want (removed with -, added with +)
// between the last commit and the file on disk.
func gitChanges(t *testing.T, dir, name string, want ...string) {
	t.Helper()
	diff := git(t, dir, "diff", "--unified=0", "--no-color", "--", name)
	var changes []string
	for _, l := range strings.Split(diff, "\n") {
		if (strings.HasPrefix(l, "+") || strings.HasPrefix(l, "-")) && !strings.HasPrefix(l, "+++") && !strings.HasPrefix(l, "---") {
			changes = append(changes, l)
		}
	}
	if strings.Join(changes, "\n") != strings.Join(want, "\n") {
		t.Errorf("git diff shows:\n%s\nwant only:\n%s", strings.Join(changes, "\n"), strings.Join(want, "\n"))
	}
}

// painted waits until the page has painted what its last change laid out: two frames.
func painted() step {
	var ignored any
	return into(chromedp.Evaluate[any](`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`, chromedp.EvalAwaitPromise), &ignored)
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

// pageLanguage is the language of an editor page and of its help.
type pageLanguage struct {
	Lang string `json:"lang"`
	// Help is the help of the title field.
	Help string `json:"help"`
	// Marked counts the labels and help of the form marked as written in another language.
	Marked int `json:"marked"`
}

// TestAccessibility audits the workspace and the editor with axe-core, for the rules of WCAG
// 2.1 levels A and AA, and checks that the form explains its fields in the language of the
// page (WCAG 3.1.2: a part in another language would have to say so).
func TestAccessibility(t *testing.T) {
	axe := axeSource(t)
	ctx := browser(t)
	dir := t.TempDir()
	// A French pact, an English convention, texts given per language, and errors.
	examples := []string{"pacte-tiers-lieu-la-fabrique.yaml", "water-board.yaml", "concession-can-teixidor.yaml"}
	copyExamples(t, dir, examples...)
	if err := os.WriteFile(filepath.Join(dir, "broken.yaml"), []byte("kind: convention\nlang: fr\ndate: 2026-13-45\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	base := serveDir(t, dir)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), waitJS(`document.querySelectorAll("#files tbody tr").length === 4`)); err != nil {
		t.Fatal(err)
	}
	audit(ctx, t, axe, "workspace")
	for _, f := range append(examples, "broken.yaml") {
		// The help is in the language of the page, and says so by saying nothing: the schema
		// has every text in both languages.
		var page pageLanguage
		if err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/edit?name="+f),
			waitJS(`document.body.dataset.state === "idle" && document.getElementById("form-panel").children.length > 1 && document.getElementById("counts").textContent !== ""`),
			into(chromedp.Evaluate[pageLanguage](`({lang: document.documentElement.lang, help: document.getElementById("h/title").textContent,
				marked: document.querySelectorAll("#form-panel .help[lang], #form-panel label[lang], #form-panel legend[lang]").length})`), &page),
		); err != nil {
			t.Fatal(err)
		}
		if want := partnership.Schema().At("/title").In(page.Lang).Description; page.Help != want || page.Marked != 0 {
			t.Errorf("editor of %s in %q: the help of the title is %q, want %q; %d texts marked in another language", f, page.Lang, page.Help, want, page.Marked)
		}
		audit(ctx, t, axe, "editor of "+f)
	}
	// A text the user is writing per language, with the document shown in another language.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/edit?name=pacte-tiers-lieu-la-fabrique.yaml"),
		waitJS(`document.body.dataset.state === "idle" && !!document.getElementById("f/summary")`),
		click(byID("f/summary#langs")),
		waitIdle(),
		waitJS(`!!document.getElementById("f/summary/en")`),
		focusField("preview-lang"),
		chromedp.KeyEvent(kb.ArrowDown),
		waitJS(`document.getElementById("preview-lang").value === "en"`),
		waitIdle(),
		waitJS(`(d => !!d && !!d.documentElement && d.documentElement.lang === "en")(document.getElementById("preview").contentDocument)`),
	); err != nil {
		t.Fatal(err)
	}
	audit(ctx, t, axe, "editor of a text per language")
}

// TestReferencesAreChoices checks the form against the library: every id the export package
// resolves to a party, college, decision domain or grant is shown as a choice among those the
// file defines, with the right one chosen.
func TestReferencesAreChoices(t *testing.T) {
	ctx := browser(t)
	examples := []string{"water-board.yaml", "pacte-tiers-lieu-la-fabrique.yaml", "appel-a-communs-2026.yaml", "candidature-cartocommuns.yaml",
		"charte-des-communs-valmont.yaml", "declaration-manifattura-rossi.yaml"}
	dir := t.TempDir()
	copyExamples(t, dir, examples...)
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
			// The parties that adopt or recognise a charter.
			if c := doc.Definition.Charter; c != nil {
				for key, ids := range map[string][]string{"adopted_by": c.AdoptedBy, "recognised_by": c.RecognisedBy} {
					for i, id := range ids {
						refs = append(refs, export.Reference{Pointer: fmt.Sprintf("/charter/%s/%d", key, i), Kind: "party", ID: id})
					}
				}
			}
			if len(refs) == 0 {
				t.Fatal("no reference to check")
			}
			list, _ := json.Marshal(refs)
			var wrong []string
			err = chromedp.Do(ctx,
				chromedp.Navigate(base+"/edit?name="+f),
				waitJS(`document.body.dataset.state === "idle" && document.getElementById("form-panel").children.length > 1`),
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

// TestTextInTwoLanguagesInBrowser follows a person who gives the title of a French pact in
// French and English, saves, reads the document in both languages, then makes the title one
// text again; and one who edits a text a file already gives per language.
func TestTextInTwoLanguagesInBrowser(t *testing.T) {
	ctx := browser(t)
	dir := t.TempDir()
	git(t, dir, "init", "-q")
	const name = "pacte.yaml"
	starter := partnership.Scaffold(partnership.KindConvention, "fr")
	if err := os.WriteFile(filepath.Join(dir, name), starter, 0o644); err != nil {
		t.Fatal(err)
	}
	copyExamples(t, dir, "concession-can-teixidor.yaml")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "start")
	base := serveDir(t, dir)
	const (
		fr = "Pacte pour le jardin des Tilleuls"
		en = "Pact for the Lime Tree garden"
	)

	// One text becomes two: the French input holds the text written so far and has the focus.
	var focused, kept string
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/edit?name="+name),
		waitJS(`document.body.dataset.state === "idle" && !!document.getElementById("f/title")`),
		check(`document.getElementById("f/title").lang === "fr" && !document.getElementById("f/title/en")`, "the title is not one French input"),
		click(byID("f/title#langs")),
		waitIdle(),
		waitJS(`!!document.getElementById("f/title/fr") && !!document.getElementById("f/title/en")`),
		into(chromedp.Evaluate[string](`document.activeElement.id`), &focused),
		into(chromedp.Evaluate[string](`document.getElementById("f/title/fr").value`), &kept),
		check(`document.getElementById("f/title/fr").lang === "fr" && document.getElementById("f/title/en").lang === "en"`, "the inputs are not marked with their languages"),
		check(`document.getElementById("f/title/en").placeholder.includes("Elm Street")`, "the English input does not show the English example"),
		replaceText("f/title/fr", fr),
		replaceText("f/title/en", en),
		waitJS(previewHas(fr)),
		click("#save"),
		waitJS(`document.getElementById("status").textContent === "Enregistré."`),
	)
	if err != nil {
		t.Fatalf("write the title in two languages: %v", err)
	}
	if focused != "f/title/fr" || kept != "Pacte de collaboration pour le jardin partagé des Glycines" {
		t.Errorf("after the switch the focus is on %q and the French text is %q", focused, kept)
	}
	gitChanges(t, dir, name, "-title: Pacte de collaboration pour le jardin partagé des Glycines", "+title:", "+  fr: "+fr, "+  en: "+en)
	if _, diags, err := validate.File(filepath.Join(dir, name), partnership.DefaultLimits); err != nil || diags.HasErrors() {
		t.Fatalf("the saved file does not validate: %v\n%v", err, diags)
	}

	// The document in English has the English title, and says which texts stay French.
	var warnings int
	err = chromedp.Do(ctx,
		focusField("preview-lang"),
		chromedp.KeyEvent(kb.ArrowDown),
		waitJS(`document.getElementById("preview-lang").value === "en"`),
		waitIdle(),
		waitJS(previewHas(en)),
		check(`!`+previewHas(fr), "the English document shows the French title"),
		into(chromedp.Evaluate[int](`document.querySelectorAll("#problem-list li.warning").length`), &warnings),
		focusField("preview-lang"),
		chromedp.KeyEvent(kb.ArrowUp),
		waitIdle(),
		waitJS(previewHas(fr)),
	)
	if err != nil {
		t.Fatalf("read the document in both languages: %v", err)
	}
	if warnings == 0 {
		t.Error("the English document of a French pact warns of no text left in French")
	}

	// One text again: the French one, written as a single line; the English one comes back
	// when the user changes their mind.
	err = chromedp.Do(ctx,
		click(byID("f/title#one")),
		waitIdle(),
		waitJS(`(e => !!e && e.tagName === "INPUT" && e.value === `+strconv.Quote(fr)+`)(document.getElementById("f/title"))`),
		check(`document.activeElement.id === "f/title"`, "the focus is not on the title once it is one text"),
		click("#save"),
		waitJS(`document.title.startsWith("Pacte pour") && !document.getElementById("file-name").textContent.includes("•")`),
	)
	if err != nil {
		t.Fatalf("make the title one text again: %v", err)
	}
	gitChanges(t, dir, name, "-title: Pacte de collaboration pour le jardin partagé des Glycines", "+title: "+fr)
	err = chromedp.Do(ctx,
		click(byID("f/title#langs")),
		waitIdle(),
		waitJS(`(e => !!e && e.value === `+strconv.Quote(en)+`)(document.getElementById("f/title/en"))`),
		click("#save"),
		waitJS(`!document.getElementById("file-name").textContent.includes("•")`),
	)
	if err != nil {
		t.Fatalf("the English title is not given back: %v", err)
	}
	gitChanges(t, dir, name, "-title: Pacte de collaboration pour le jardin partagé des Glycines", "+title:", "+  fr: "+fr, "+  en: "+en)

	// A file that gives texts per language shows them so; a change to one language is one line.
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/edit?name=concession-can-teixidor.yaml"),
		waitJS(`document.body.dataset.state === "idle" && !!document.getElementById("f/parties/0/designation/en")`),
		check(`document.getElementById("f/parties/0/designation/fr").value === "la Ville"`, "the French designation is not shown"),
		replaceText("f/parties/0/designation/en", "the City"),
		click("#save"),
		waitJS(`!document.getElementById("file-name").textContent.includes("•")`),
	)
	if err != nil {
		t.Fatalf("edit a text given per language: %v", err)
	}
	gitChanges(t, dir, "concession-can-teixidor.yaml", "-      en: the City Council", "+      en: the City")
}

// TestDownloadsInBrowser checks the download buttons: one per format the server offers, named
// in the interface's language, each giving the file of its format, in the language the
// document is shown in.
func TestDownloadsInBrowser(t *testing.T) {
	ctx := browser(t)
	dir := t.TempDir()
	const name = "pacte-parc-des-glycines.yaml"
	copyExamples(t, dir, name)
	base := serveDir(t, dir)
	downloads := t.TempDir()
	var labels []string
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/edit?name="+name),
		waitJS(`document.body.dataset.state === "idle" && document.querySelectorAll("#downloads button").length > 0`),
		into(chromedp.Evaluate[[]string](`[...document.querySelectorAll("#downloads button")].map(b => b.textContent + " | " + b.getAttribute("aria-label"))`), &labels),
		func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
			_, err := chromedp.Call(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
				Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: downloads, EventsEnabled: new(true),
			})
			return chromedp.Void{}, err
		},
	)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, f := range Formats {
		want = append(want, f.Label+" | Télécharger en "+f.Label)
	}
	if strings.Join(labels, "\n") != strings.Join(want, "\n") {
		t.Errorf("the download buttons:\n%s\nwant:\n%s", strings.Join(labels, "\n"), strings.Join(want, "\n"))
	}

	// download clicks the button of a format and returns the file's suggested name and content.
	download := func(label string) (string, []byte) {
		t.Helper()
		begin := chromedp.Events(ctx, cdpbrowser.DownloadWillBegin)
		progress := chromedp.Events(ctx, cdpbrowser.DownloadProgress)
		if err := chromedp.Do(ctx, click(fmt.Sprintf(`#downloads button[aria-label=%q]`, "Télécharger en "+label))); err != nil {
			t.Fatalf("%s: %v", label, err)
		}
		var suggested string
		for ev, err := range begin {
			if err != nil {
				t.Fatalf("%s: %v", label, err)
			}
			suggested = ev.SuggestedFilename
			break
		}
		for ev, err := range progress {
			if err != nil {
				t.Fatalf("%s: %v", label, err)
			}
			if ev.State == cdpbrowser.DownloadProgressStateCompleted {
				data, err := os.ReadFile(filepath.Join(downloads, ev.GUID))
				if err != nil {
					t.Fatal(err)
				}
				return suggested, data
			}
			if ev.State == cdpbrowser.DownloadProgressStateCanceled {
				t.Fatalf("%s: the download was cancelled", label)
			}
		}
		t.Fatalf("%s: no download", label)
		return "", nil
	}
	// part reads a part of an office document, a zip archive.
	part := func(data []byte, name string) string {
		t.Helper()
		z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatalf("not a zip archive: %v", err)
		}
		f, err := z.Open(name)
		if err != nil {
			t.Fatalf("no %s in the archive: %v", name, err)
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		return string(b)
	}

	file, data := download("Word (DOCX)")
	if file != "pacte-parc-des-glycines.docx" || !strings.Contains(part(data, "word/document.xml"), "Glycines") {
		t.Errorf("the DOCX download is %s, without the document", file)
	}
	file, data = download("OpenDocument (ODT)")
	if file != "pacte-parc-des-glycines.odt" || part(data, "mimetype") != "application/vnd.oasis.opendocument.text" || !strings.Contains(part(data, "content.xml"), "Glycines") {
		t.Errorf("the ODT download is %s, without the document", file)
	}
	// In English, as the document is shown.
	if err := chromedp.Do(ctx, focusField("preview-lang"), chromedp.KeyEvent(kb.ArrowDown), waitIdle(), waitJS(previewHas("Between the undersigned"))); err != nil {
		t.Fatal(err)
	}
	file, data = download("OpenDocument (ODT)")
	if content := part(data, "content.xml"); file != "pacte-parc-des-glycines.en.odt" || !strings.Contains(content, "Between the undersigned") {
		t.Errorf("the English ODT download is %s", file)
	}
	file, data = download("PDF")
	if file != "pacte-parc-des-glycines.en.pdf" || !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Errorf("the English PDF download is %s", file)
	}
}

// TestDiagnosticsInThePageLanguage opens definitions in French and in English in an English
// browser: the page speaks the definition's language, and the problems it lists are written in
// that language too, also after the definition's own language is edited.
func TestDiagnosticsInThePageLanguage(t *testing.T) {
	ctx := browser(t)
	dir := t.TempDir()
	files := map[string]string{
		"broken-fr.yaml": "kind: convention\nlang: fr\ndate: 2026-13-45\n",
		"broken-en.yaml": "kind: convention\nlang: en\ndate: 2026-13-45\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base := serveDir(t, dir)
	listed := `Array.from(document.querySelectorAll("#problem-list li"), (li) => li.textContent)`
	for _, tt := range []struct{ name, text, edited, want string }{
		{"broken-fr.yaml", files["broken-fr.yaml"], strings.Replace(files["broken-fr.yaml"], "lang: fr", "lang: en", 1), "fr"},
		{"broken-en.yaml", files["broken-en.yaml"], strings.Replace(files["broken-en.yaml"], "lang: en", "lang: fr", 1), "en"},
	} {
		// A tab of its own: the edited page asks before it is left.
		tab, cancel := chromedp.NewContext(ctx)
		defer cancel()
		if err := chromedp.Do(tab, chromedp.Navigate(base+"/edit?name="+tt.name), waitIdle()); err != nil {
			t.Fatal(err)
		}
		for _, text := range []string{tt.text, tt.edited} {
			_, diags := validate.Data(tt.name, []byte(text), partnership.DefaultLimits, nil)
			var steps []step
			if text == tt.edited {
				edit, _ := json.Marshal(text)
				steps = append(steps, js(`(a => { a.value = `+string(edit)+`; a.dispatchEvent(new Event("input")); })(document.getElementById("text"))`), waitIdle())
			}
			var lang string
			var problems []string
			steps = append(steps, into(chromedp.Evaluate[string](`document.documentElement.lang`), &lang),
				into(chromedp.Evaluate[[]string](listed), &problems))
			if err := chromedp.Do(tab, steps...); err != nil {
				t.Fatal(err)
			}
			want := diags.In(tt.want)
			if lang != tt.want || len(problems) != len(want) {
				t.Fatalf("%s: page in %q, problems %q; want the page in %q and %d problems", tt.name, lang, problems, tt.want, len(want))
			}
			for i, d := range want {
				if !strings.Contains(problems[i], d.Message) {
					t.Errorf("%s: problem %q, want the message %q", tt.name, problems[i], d.Message)
				}
			}
		}
	}
}
