// The workspace page: the definitions of the directory, and the starters of each kind.
import { api } from "/assets/api.js";
import { h } from "/assets/dom.js";
import { pickLang, setLang, t } from "/assets/i18n.js";

const status = document.getElementById("status");

function stateCell(f) {
  if (!f.kind && f.errors) return h("td", { class: "state-errors" }, t("unreadable"));
  if (f.errors) return h("td", { class: "state-errors" }, t("errors", f.errors));
  if (f.warnings) return h("td", { class: "state-warnings" }, t("warnings", f.warnings));
  return h("td", { class: "state-ok" }, t("valid"));
}

async function load() {
  const { data } = await api("/api/workspace");
  document.getElementById("dir").textContent = data.dir;
  document.title = `${t("workspace")} ${data.dir} – commons`;
  const body = document.querySelector("#files tbody");
  body.replaceChildren(...data.files.map((f) => h("tr", {},
    h("td", {}, h("a", { href: "/edit?name=" + encodeURIComponent(f.name) }, f.name)),
    h("td", {}, f.kind ? t("kind." + f.kind) : ""),
    h("td", { lang: f.lang || undefined }, f.title || ""),
    h("td", {}, f.lang || ""),
    stateCell(f))));
  document.getElementById("files").hidden = data.files.length === 0;
  document.getElementById("empty").hidden = data.files.length !== 0;
  const kinds = document.getElementById("new-kinds");
  kinds.replaceChildren(...data.kinds.map((k) => h("button", { type: "submit", name: "kind", value: k, class: "primary" }, t("new." + k))));
  status.textContent = t("loaded", data.files.length);
}

document.getElementById("new").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = e.target;
  const err = document.getElementById("new-error");
  const input = document.getElementById("new-name");
  let name = input.value.trim();
  if (name && !/\.(ya?ml)$/i.test(name)) name += ".yaml";
  err.textContent = "";
  input.removeAttribute("aria-invalid");
  try {
    await api("/api/new", { name, kind: e.submitter ? e.submitter.value : "convention", lang: form.lang.value });
    location.href = "/edit?name=" + encodeURIComponent(name);
  } catch (x) {
    err.textContent = x.message;
    input.setAttribute("aria-invalid", "true");
    input.focus();
  }
});

setLang(pickLang());
load().catch((x) => { status.textContent = x.message; });
