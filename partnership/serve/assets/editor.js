// The editor page: the form and the YAML text of one definition on the left, the rendered
// document on the right, kept in step with the server, which owns the text: every change is
// sent as ops (from the form) or as the whole text (from the text tab), and the server answers
// with the new text, its value, its diagnostics and the id of the rendered page.
//
// The page says whether it is waiting for the server in <body data-state>: "busy" while
// changes are waiting to be sent or on their way, "idle" once the page shows the last answer.
import { api } from "/assets/api.js";
import { h, morphChildren } from "/assets/dom.js";
import { lang, pickLang, setLang, t } from "/assets/i18n.js";
import { SchemaForm, fieldID } from "/assets/form.js";

const $ = (id) => document.getElementById(id);
const name = new URLSearchParams(location.search).get("name") || "";

const state = {
  text: "",
  base: "", // digest of the file on disk when read
  saved: "", // text last saved or read
  value: null,
  snapshot: null,
  pending: [], // ops not yet sent
  focusAfter: "",
  textChanged: false,
  rerender: false, // the document is wanted in another language
  renderLang: "", // the language the document is shown in, when not its own
  inflight: null,
  timer: 0,
  preview: "",
  view: "document",
  formats: [],
};

let form;

function announce(message) {
  const s = $("status");
  s.textContent = "";
  // A fresh text node is announced even when the words repeat.
  setTimeout(() => { s.textContent = message; }, 30);
}

function showAlert(message) {
  const a = $("alert");
  a.textContent = message || "";
  a.hidden = !message;
}

function dirty() {
  return state.text !== state.saved || state.pending.length > 0 || state.textChanged;
}

function schedule(delay) {
  clearTimeout(state.timer);
  state.timer = setTimeout(flush, delay);
  setBusy();
}

function waiting() {
  return state.pending.length > 0 || state.textChanged || state.rerender;
}

function setBusy() {
  document.body.dataset.state = waiting() || state.inflight ? "busy" : "idle";
}

// queue adds an op from the form. Typing in one field replaces that field's pending op.
function queue(op, structural, focusAfter) {
  const last = state.pending[state.pending.length - 1];
  if (!structural && last && last.op !== "move" && op.op !== "move" && last.path === op.path) state.pending.pop();
  state.pending.push(op);
  if (structural) state.focusAfter = focusAfter || "";
  setTitle();
  schedule(structural ? 0 : 250);
}

// flush sends what changed and applies the answer. One request at a time: changes made while
// it runs wait for the next.
async function flush() {
  if (state.inflight) {
    await state.inflight;
    if (waiting()) return flush();
    return;
  }
  if (!waiting()) {
    setBusy();
    return;
  }
  const ops = state.pending;
  const focusAfter = state.focusAfter;
  state.pending = [];
  state.focusAfter = "";
  state.textChanged = false;
  state.rerender = false;
  state.inflight = (async () => {
    try {
      const { data } = await api("/api/check", { name, text: state.text, ops, lang: state.renderLang || undefined });
      showAlert("");
      apply(data, focusAfter);
    } catch (x) {
      showAlert(x.message);
    }
  })();
  setBusy();
  await state.inflight;
  state.inflight = null;
  if (waiting()) flush();
  else setBusy();
}

async function settle() {
  clearTimeout(state.timer);
  await flush();
  while (state.inflight) await state.inflight;
}

// apply shows a snapshot of the server. The text typed in the text tab since the request left
// stays; the form is rebuilt over the page, leaving alone the controls that show something
// newer than the snapshot (see holdsNewer).
function apply(snap, focusAfter) {
  state.snapshot = snap;
  const textArea = $("text");
  if (!state.textChanged) {
    state.text = snap.text;
    if (document.activeElement !== textArea) textArea.value = snap.text;
  }
  state.value = snap.value;
  if (state.renderLang === "") $("preview-lang").value = snap.lang || "fr";
  if (snap.value) {
    const active = document.activeElement && document.activeElement.id;
    form.render(snap.value, snap.kind, snap.lang, holdsNewer);
    // A control whose kind changed (a text now written per language) is a new element: the
    // focus goes to the one that took its place.
    if (active && document.activeElement === document.body && !$("form-panel").hidden) {
      const again = document.getElementById(active);
      if (again) again.focus({ preventScroll: true });
    }
    const target = focusAfter && document.getElementById(focusAfter);
    if (target && target !== document.activeElement && !$("form-panel").hidden) form.focus(target.id.slice(1));
  } else {
    $("form-panel").replaceChildren(h("p", { class: "error" }, t("cannot edit", (snap.diagnostics[0] || {}).message || "")));
  }
  showDiagnostics(snap);
  updatePreview(snap);
  $("view-score").hidden = !snap.scored;
  $("view-redline").hidden = !snap.git;
  setTitle();
}

// holdsNewer tells whether a control of the form shows something newer than the last
// snapshot: it has the focus, or a change to its value (or to a value that holds it) waits to
// be sent.
function holdsNewer(el) {
  if (el === document.activeElement) return true;
  const p = el.dataset && el.dataset.list !== undefined ? el.dataset.list : el.id && el.id.startsWith("f/") ? el.id.slice(1) : null;
  return p !== null && state.pending.some((op) => op.path === p || p.startsWith(op.path + "/"));
}

function setTitle() {
  const snap = state.snapshot;
  $("file-name").textContent = name + (dirty() ? " •" : "");
  document.title = `${dirty() ? "• " : ""}${snap && snap.title ? snap.title : name} – commons`;
  const counts = $("counts");
  if (!snap) return;
  counts.replaceChildren(snap.errors || snap.warnings
    ? h("span", { class: snap.errors ? "errors" : "warnings" }, t("counts", snap.errors, snap.warnings))
    : t("counts ok"));
}

let lastAnnounced = "";

function showDiagnostics(snap) {
  const mine = snap.diagnostics;
  const targets = snap.value ? form.showDiagnostics(mine.filter((d) => d.file === name)) : [];
  const list = $("problem-list");
  let k = 0;
  morphChildren(list, h("ul", {}, mine.map((d) => {
    const target = d.file === name ? targets[k++] : null;
    const where = d.file === name ? `${d.line}:${d.column}` : `${d.file}:${d.line}:${d.column}`;
    const text = `${where} ${d.pointer ? d.pointer + ": " : ""}${d.message}${d.hint ? "; " + d.hint : ""}`;
    const sev = t(d.severity === "error" ? "error" : "warning");
    const content = target !== null && target !== undefined
      ? h("a", { href: "#" + fieldID(target), onclick: (e) => { e.preventDefault(); showTab("form"); form.focus(d.pointer || ""); } }, `${sev}: ${text}`)
      : `${sev}: ${text}`;
    return h("li", { class: d.severity }, content);
  })), () => false);
  $("no-problems").hidden = mine.length > 0;
  const summary = snap.errors || snap.warnings ? t("counts", snap.errors, snap.warnings) : t("counts ok");
  const first = mine.find((d) => d.severity === "error");
  const message = summary + (first ? ". " + first.message : "");
  if (message !== lastAnnounced) {
    lastAnnounced = message;
    announce(message);
  }
}

function updatePreview(snap) {
  if (state.view !== "document") return;
  if (snap.preview) {
    showPage(snap.preview);
    note("");
  } else {
    note(state.preview ? t("not rendered") : t("no preview"));
  }
}

function note(text) {
  $("view-note").textContent = text;
  $("view-note").hidden = !text;
}

// showPage loads a rendered page into the frame, keeping the reader's place.
function showPage(id) {
  if (id === state.preview) return;
  const frame = $("preview");
  let y = 0;
  try { y = frame.contentWindow.scrollY; } catch { y = 0; }
  state.preview = id;
  frame.addEventListener("load", () => {
    try { frame.contentWindow.scrollTo(0, y); } catch { /* nothing to restore */ }
  }, { once: true });
  frame.src = "/preview/" + encodeURIComponent(id);
}

function showTab(which) {
  const formTab = which === "form";
  $("tab-form").setAttribute("aria-selected", String(formTab));
  $("tab-text").setAttribute("aria-selected", String(!formTab));
  $("tab-form").tabIndex = formTab ? 0 : -1;
  $("tab-text").tabIndex = formTab ? -1 : 0;
  $("form-panel").hidden = !formTab;
  $("text-panel").hidden = formTab;
  if (formTab && state.snapshot && state.snapshot.value) {
    form.render(state.snapshot.value, state.snapshot.kind, state.snapshot.lang, holdsNewer);
    showDiagnostics(state.snapshot);
  }
}

// Tabs follow the ARIA pattern: arrows move between tabs, Home and End to the ends.
function tablist(list, onSelect) {
  const tabs = () => [...list.querySelectorAll("[role=tab]:not([hidden])")];
  list.addEventListener("keydown", (e) => {
    const all = tabs();
    const i = all.indexOf(document.activeElement);
    if (i < 0) return;
    let j = -1;
    if (e.key === "ArrowRight") j = (i + 1) % all.length;
    if (e.key === "ArrowLeft") j = (i - 1 + all.length) % all.length;
    if (e.key === "Home") j = 0;
    if (e.key === "End") j = all.length - 1;
    if (j < 0) return;
    e.preventDefault();
    all[j].focus();
    onSelect(all[j]);
  });
  for (const tab of tabs()) tab.addEventListener("click", () => onSelect(tab));
}

async function showView(view) {
  state.view = view;
  for (const [v, id] of [["document", "view-document"], ["score", "view-score"], ["redline", "view-redline"]]) {
    $(id).setAttribute("aria-selected", String(v === view));
    $(id).tabIndex = v === view ? 0 : -1;
  }
  $("view-panel").setAttribute("aria-labelledby", "view-" + view);
  if (view === "document") {
    state.preview = "";
    if (state.snapshot) updatePreview(state.snapshot);
    return;
  }
  await settle();
  try {
    const { data } = await api("/api/" + (view === "score" ? "score" : "redline"), { name, text: state.text, lang: state.renderLang || undefined });
    state.preview = "";
    showPage(data.preview);
    if (view === "score") note(data.met ? t("score met") : t("score not met"));
    else note(data.identical ? t("identical") : data.summary);
    announce($("view-note").textContent);
  } catch (x) {
    note(x.message);
    announce(x.message);
  }
}

async function save(overwrite) {
  await settle();
  announce(t("saving"));
  try {
    const { data } = await api("/api/save", { name, text: state.text, base: state.base, overwrite: !!overwrite });
    state.base = data.digest;
    state.saved = state.text;
    setTitle();
    announce(t("saved"));
  } catch (x) {
    if (x.status === 409) {
      state.conflict = x.data;
      $("conflict").showModal();
      return;
    }
    showAlert(x.message);
  }
}

async function download(format) {
  await settle();
  try {
    const { data, res } = await api("/api/export", { name, text: state.text, format: format.name, lang: state.renderLang || undefined });
    const disposition = res.headers.get("Content-Disposition") || "";
    const m = /filename="?([^";]+)"?/.exec(disposition);
    const a = h("a", { href: URL.createObjectURL(data), download: m ? m[1] : "document." + format.ext, hidden: true });
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  } catch (x) {
    showAlert(x.message);
    announce(x.message);
  }
}

async function open() {
  const path = "/api/file?name=" + encodeURIComponent(name);
  let { data } = await api(path);
  // The interface speaks the definition's language when it can: the file is read again when
  // that changes the language, so that its messages come in the new one.
  if (pickLang(data.lang) !== lang()) {
    setLang(pickLang(data.lang));
    ({ data } = await api(path));
  }
  state.base = data.digest;
  state.saved = data.text;
  state.preview = "";
  state.renderLang = "";
  apply(data, "");
  setBusy();
}

// showIn shows the document in another language than its own (or in its own again).
function showIn(l) {
  state.renderLang = state.snapshot && l === state.snapshot.lang ? "" : l;
  if (state.view === "document") {
    state.rerender = true;
    schedule(0);
  } else {
    showView(state.view);
  }
}

async function main() {
  setLang(pickLang());
  if (!name) {
    showAlert(t("not a commons file"));
    return;
  }
  const [schema, labels, formats] = await Promise.all([
    api("/api/schema").then((r) => r.data),
    api("/api/labels").then((r) => r.data),
    api("/api/formats").then((r) => r.data),
  ]);
  form = new SchemaForm($("form-panel"), schema, labels, queue);
  state.formats = formats;
  await open();
  $("downloads").replaceChildren(...formats.map((f) =>
    h("button", { type: "button", "aria-label": t("download as", f.label), onclick: () => download(f) }, f.label)));

  $("form-panel").addEventListener("submit", (e) => e.preventDefault());
  $("text").addEventListener("input", (e) => {
    state.text = e.target.value;
    state.textChanged = true;
    setTitle();
    schedule(400);
  });
  $("preview-lang").addEventListener("change", (e) => showIn(e.target.value));
  tablist(document.querySelector(".left .tabs"), (tab) => showTab(tab.id === "tab-form" ? "form" : "text"));
  tablist(document.querySelector(".right .tabs"), (tab) => showView(tab.id.replace("view-", "")));
  $("save").addEventListener("click", () => save(false));
  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === "s") {
      e.preventDefault();
      save(false);
    }
  });
  $("conflict-reload").addEventListener("click", async () => {
    $("conflict").close();
    state.pending = [];
    await open();
    announce(t("reload"));
  });
  $("conflict-overwrite").addEventListener("click", () => {
    $("conflict").close();
    save(true);
  });
  $("conflict-cancel").addEventListener("click", () => $("conflict").close());
  window.addEventListener("beforeunload", (e) => {
    if (dirty()) e.preventDefault();
  });
}

main().catch((x) => showAlert(x.message));
