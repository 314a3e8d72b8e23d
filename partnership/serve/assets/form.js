// The form of a definition, generated from the JSON Schema: one field per property that
// applies to the kind of document, labelled with the schema's title and described with its
// description; the input follows the type (choices for enumerations and for references to
// parties, colleges… defined elsewhere in the file; dates; amounts; lists that can be added to,
// reordered and pruned; alternatives for oneOf). Changes leave as ops (JSON Patch in spirit),
// which the server applies to the YAML node tree.
import { h } from "/assets/api.js";
import { t, lang } from "/assets/i18n.js";
import { fieldTitle, helpLang } from "/assets/fields.js";

export function esc(token) {
  return String(token).replace(/~/g, "~0").replace(/\//g, "~1");
}

function unesc(token) {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

export function tokens(pointer) {
  return pointer === "" ? [] : pointer.slice(1).split("/").map(unesc);
}

export function getIn(value, pointer) {
  let v = value;
  for (const tok of tokens(pointer)) {
    if (v === null || typeof v !== "object") return undefined;
    v = v[tok];
  }
  return v;
}

function kindOfValue(v) {
  if (Array.isArray(v)) return "array";
  if (v === null || v === undefined) return "null";
  return typeof v === "object" ? "object" : typeof v;
}

// The id of the control of a pointer, of its help and of its diagnostics.
export const fieldID = (p) => "f" + p;
const helpID = (p) => "h" + p;
const diagID = (p) => "d" + p;

const idPattern = /^Short identifier of the ([^,.]+)/i;
const refPattern = /^Ids? of the (.+)/i;

export class SchemaForm {
  constructor(root, schema, labels, onOp) {
    this.root = root;
    this.schema = schema;
    this.labels = labels;
    this.onOp = onOp;
    this.value = {};
    this.kind = "";
    this.collections = [];
    this.findCollections(schema, [], 0);
  }

  resolve(node) {
    let n = node || {};
    for (let depth = 0; n.$ref && depth < 16; depth++) {
      const target = (this.schema.definitions || {})[n.$ref.replace("#/definitions/", "")] || {};
      const r = { ...target };
      for (const k of ["title", "description", "x-kinds"]) if (n[k] !== undefined) r[k] = n[k];
      if (!target.$ref) delete r.$ref;
      n = r;
    }
    return n;
  }

  typeOf(n) {
    let ty = n.type;
    if (Array.isArray(ty)) ty = ty.find((x) => x !== "null");
    if (ty) return ty;
    if (n.properties) return "object";
    if (n.items) return "array";
    if (n.enum) return "string";
    return "";
  }

  // findCollections records the lists whose items have an id that other fields refer to
  // (parties, colleges, decision domains, grants…), from the descriptions of their ids.
  findCollections(node, path, depth) {
    const n = this.resolve(node);
    if (depth > 8) return;
    const ty = this.typeOf(n);
    if (ty === "object") {
      for (const [name, child] of Object.entries(n.properties || {})) this.findCollections(child, [...path, name], depth + 1);
    } else if (ty === "array") {
      const item = this.resolve(n.items);
      const id = item.properties && this.resolve(item.properties.id);
      const m = id && idPattern.exec(id.description || "");
      if (m) this.collections.push({ noun: m[1].toLowerCase(), path, title: item.title || "" });
      this.findCollections(n.items, [...path, "*"], depth + 1);
    }
  }

  // referenceOf tells which collection a field refers to, from its description ("Id of the
  // party that…", "Ids of the decision domains…"); a reference to another file (the call's
  // criteria) has none.
  referenceOf(n) {
    const m = refPattern.exec(n.description || "");
    if (!m) return null;
    const phrase = m[1].toLowerCase();
    const words = phrase.split(/\s+/);
    if (/['’]s$/.test(words[0])) return null;
    let best = null;
    for (const c of this.collections) {
      const forms = [c.noun, c.noun + "s", c.noun.replace(/y$/, "ies")];
      for (const start of [phrase, words.slice(1).join(" ")]) {
        if (forms.some((f) => start === f || start.startsWith(f + " ")) && (!best || c.noun.length > best.noun.length)) best = c;
      }
    }
    return best;
  }

  // ids lists the items of a collection in the current value: [{id, name}].
  ids(c) {
    const out = [];
    const walk = (v, i) => {
      if (i === c.path.length) {
        if (Array.isArray(v)) for (const item of v) if (item && typeof item.id === "string" && item.id) out.push({ id: item.id, name: item.name || item.title || "" });
        return;
      }
      if (v === null || typeof v !== "object") return;
      if (c.path[i] === "*") { if (Array.isArray(v)) for (const x of v) walk(x, i + 1); } else walk(v[c.path[i]], i + 1);
    };
    walk(this.value, 0);
    return out;
  }

  // signature changes when the ids other fields may choose from change.
  signature() {
    return JSON.stringify(this.collections.map((c) => this.ids(c).map((x) => x.id + "=" + x.name)));
  }

  title(n, name) {
    return fieldTitle(lang(), n.title || name) || name;
  }

  help(n) {
    return n.description || "";
  }

  // enumLabel gives the words of the clause library for an enumerated value.
  enumLabel(values, v) {
    const groups = this.labels[lang()] || {};
    for (const words of Object.values(groups)) {
      if (values.every((x) => x in words)) return `${words[v]} (${v})`;
    }
    return v;
  }

  kindRequired() {
    for (const cond of this.schema.allOf || []) {
      const k = cond.if && cond.if.properties && cond.if.properties.kind && cond.if.properties.kind.const;
      if (k === this.kind && cond.then) return cond.then.required || [];
    }
    return [];
  }

  render(value, kind) {
    this.value = value || {};
    this.kind = kind;
    const root = this.resolve(this.schema);
    const required = new Set([...(root.required || []), ...this.kindRequired()]);
    const general = [];
    const sections = [];
    for (const [name, node] of Object.entries(root.properties || {})) {
      if (name === "$schema") continue;
      const n = this.resolve(node);
      const kinds = n["x-kinds"];
      if (kinds && kind && !kinds.includes(kind)) continue;
      const ptr = "/" + esc(name);
      const v = this.value[name];
      const ty = this.typeOf(n);
      if (ty === "object" || ty === "array" || n.oneOf || n.anyOf) {
        sections.push(this.section(ptr, n, v, required.has(name), name));
      } else {
        general.push(this.field(ptr, node, v, required.has(name), name, false));
      }
    }
    const generalSection = h("details", { open: true, id: fieldID("#general") },
      h("summary", {}, t("general")), h("div", { class: "section" }, general));
    this.root.replaceChildren(generalSection, ...sections);
  }

  section(ptr, n, v, required, name) {
    const present = v !== undefined;
    const ty = this.typeOf(n);
    const body = ty === "object" && !(n.oneOf || n.anyOf)
      ? this.objectFields(ptr, n, v)
      : [this.field(ptr, n, v, required, name, true)];
    const help = this.help(n);
    return h("details", { open: present || required, id: fieldID(ptr), tabindex: "-1", "data-ptr": ptr },
      h("summary", {}, this.title(n, name), required ? h("span", { class: "required", "aria-hidden": "true" }, " *") : null),
      h("div", { class: "section" },
        ty === "object" && help ? h("p", { class: "help", id: helpID(ptr), lang: helpLang }, help) : null,
        ty === "object" ? h("p", { class: "diag", id: diagID(ptr), hidden: true }) : null,
        body));
  }

  objectFields(ptr, n, v) {
    const req = new Set(n.required || []);
    const obj = v && typeof v === "object" && !Array.isArray(v) ? v : {};
    return Object.entries(n.properties || {}).map(([name, child]) =>
      this.field(ptr + "/" + esc(name), child, obj[name], req.has(name), name, false));
  }

  // field builds the control of one value. bare leaves out the label, which the enclosing
  // section already gives.
  field(ptr, node, v, required, name, bare) {
    const n = this.resolve(node);
    const alts = n.oneOf || n.anyOf;
    if (alts) return this.alternatives(ptr, n, alts.map((a) => this.resolve(a)), v, required, name);
    switch (this.typeOf(n)) {
      case "object": return this.object(ptr, n, v, required, name);
      case "array": return this.array(ptr, n, v, required, name, bare);
      case "boolean": return this.boolean(ptr, n, v, required, name);
      case "number":
      case "integer": return this.number(ptr, n, v, required, name);
      default: return this.string(ptr, n, v, required, name);
    }
  }

  wrap(ptr, n, name, required, control, extra) {
    const id = fieldID(ptr);
    control.id = id;
    const help = this.help(n);
    control.setAttribute("aria-describedby", (help ? helpID(ptr) + " " : "") + diagID(ptr));
    if (required) control.setAttribute("aria-required", "true");
    return h("div", { class: "field", "data-ptr": ptr },
      h("label", { for: id }, this.title(n, name), required ? h("span", { class: "required", "aria-hidden": "true" }, " *") : null),
      help ? h("p", { class: "help", id: helpID(ptr), lang: helpLang }, help) : null,
      extra ? h("div", { class: "unit" }, control, h("span", { "aria-hidden": "true" }, extra)) : control,
      h("p", { class: "diag", id: diagID(ptr), hidden: true }));
  }

  emit(ptr, raw, numeric, inList) {
    let v = raw;
    if (numeric) {
      const s = raw.trim().replace(/\s/g, "").replace(",", ".");
      if (/^-?\d+(\.\d+)?$/.test(s)) v = Number(s);
    }
    if (raw === "" && !inList) this.onOp({ op: "remove", path: ptr }, false);
    else this.onOp({ op: "set", path: ptr, value: v }, false);
  }

  string(ptr, n, v, required, name, inList) {
    const value = v === undefined || v === null ? "" : String(v);
    let control;
    const ref = this.referenceOf(n);
    if (n.enum) {
      control = h("select", { class: "short", onchange: (e) => this.emit(ptr, e.target.value, false, inList) },
        h("option", { value: "" }, t("not set")),
        n.enum.map((x) => h("option", { value: x, selected: x === value }, this.enumLabel(n.enum, x))));
    } else if (ref && this.ids(ref).length) {
      control = h("select", { class: "short", "data-ref": this.collections.indexOf(ref), onchange: (e) => this.emit(ptr, e.target.value, false, inList) });
      this.fillRef(control, ref, value);
    } else if (n.format === "date" || /YYYY-MM-DD/.test(n.description || "")) {
      control = h("input", { type: "text", class: "short", inputmode: "numeric", autocomplete: "off", placeholder: t("date hint"), value,
        oninput: (e) => this.emit(ptr, e.target.value, false, inList) });
    } else if (value.includes("\n") || (n.examples && String(n.examples[0]).length > 70)) {
      control = h("textarea", { rows: Math.min(8, Math.max(2, Math.ceil(value.length / 70))), oninput: (e) => this.emit(ptr, e.target.value, false, inList) }, value);
    } else {
      control = h("input", { type: n.format === "uri" ? "url" : "text", autocomplete: "off", value, oninput: (e) => this.emit(ptr, e.target.value, false, inList) });
    }
    return inList ? control : this.wrap(ptr, n, name, required, control);
  }

  fillRef(select, ref, value) {
    const ids = this.ids(ref);
    const options = [h("option", { value: "" }, t("not set"))];
    for (const x of ids) options.push(h("option", { value: x.id, selected: x.id === value }, x.name ? `${x.name} (${x.id})` : x.id));
    if (value && !ids.some((x) => x.id === value)) options.push(h("option", { value, selected: true }, t("unknown ref", value)));
    select.replaceChildren(...options);
  }

  number(ptr, n, v, required, name, inList) {
    const d = n.description || "";
    const unit = /Amount in euros/i.test(d) ? t("euros") : /Percentage/i.test(d) ? t("percent") : "";
    const control = h("input", { type: "text", inputmode: n.type === "integer" ? "numeric" : "decimal", autocomplete: "off",
      value: v === undefined || v === null ? "" : String(v), oninput: (e) => this.emit(ptr, e.target.value, true, inList) });
    return inList ? control : this.wrap(ptr, n, name, required, control, unit);
  }

  boolean(ptr, n, v, required, name) {
    const control = h("select", { class: "short", onchange: (e) => {
      const x = e.target.value;
      this.onOp(x === "" ? { op: "remove", path: ptr } : { op: "set", path: ptr, value: x === "true" }, false);
    } },
    h("option", { value: "" }, t("not set")),
    h("option", { value: "true", selected: v === true }, t("yes")),
    h("option", { value: "false", selected: v === false }, t("no")));
    return this.wrap(ptr, n, name, required, control);
  }

  group(ptr, n, name, required, children, tag) {
    const help = this.help(n);
    return h(tag || "fieldset", { id: fieldID(ptr), tabindex: "-1", "data-ptr": ptr, "aria-describedby": (help ? helpID(ptr) + " " : "") + diagID(ptr) },
      h("legend", {}, this.title(n, name), required ? h("span", { class: "required", "aria-hidden": "true" }, " *") : null),
      help ? h("p", { class: "help", id: helpID(ptr), lang: helpLang }, help) : null,
      h("p", { class: "diag", id: diagID(ptr), hidden: true }),
      children);
  }

  object(ptr, n, v, required, name) {
    return this.group(ptr, n, name, required, this.objectFields(ptr, n, v));
  }

  itemLabel(n, item, i) {
    const base = n.title ? this.title(n, "") : "";
    let extra = "";
    if (item && typeof item === "object" && !Array.isArray(item)) extra = item.name || item.title || item.id || "";
    else if (typeof item === "string") extra = item.length > 40 ? item.slice(0, 40) + "…" : item;
    return t("item", base, i + 1).trim() + (extra && typeof item === "object" ? " – " + extra : "");
  }

  array(ptr, n, v, required, name, bare) {
    const items = Array.isArray(v) ? v : [];
    const itemNode = this.resolve(n.items);
    const ity = this.typeOf(itemNode);
    const ref = this.referenceOf(n) || this.referenceOf(itemNode);
    const choices = itemNode.enum ? itemNode.enum.map((x) => ({ id: x, name: this.enumLabel(itemNode.enum, x) }))
      : ref && this.ids(ref).length ? this.ids(ref).map((x) => ({ id: x.id, name: x.name ? `${x.name} (${x.id})` : x.id })) : null;
    if (choices && (ity === "string" || itemNode.enum)) {
      for (const x of items) if (typeof x === "string" && !choices.some((c) => c.id === x)) choices.push({ id: x, name: t("unknown ref", x) });
      const boxes = choices.map((c, i) => {
        const id = `${fieldID(ptr)}#${i}`;
        return h("span", {}, h("input", { type: "checkbox", id, value: c.id, checked: items.includes(c.id), onchange: () => {
          const picked = [...this.root.querySelectorAll(`input[type=checkbox][data-list="${CSS.escape(ptr)}"]`)].filter((b) => b.checked).map((b) => b.value);
          this.onOp(picked.length ? { op: "set", path: ptr, value: picked } : { op: "remove", path: ptr }, false);
        }, "data-list": ptr }), " ", h("label", { for: id }, c.name));
      });
      return this.group(ptr, n, name, required, h("div", { class: "choices" }, boxes));
    }
    const itemTitle = itemNode.title || n.title || name;
    const list = h("ol", {});
    items.forEach((item, i) => {
      const ip = `${ptr}/${i}`;
      const label = this.itemLabel({ title: itemTitle }, item, i);
      const tools = h("div", { class: "item-tools" },
        h("button", { type: "button", class: "small", disabled: i === 0, "aria-label": `${t("move up")}: ${label}`,
          onclick: () => this.onOp({ op: "move", from: ip, path: `${ptr}/${i - 1}` }, true, fieldID(`${ptr}/${i - 1}`)) }, t("move up")),
        h("button", { type: "button", class: "small", disabled: i === items.length - 1, "aria-label": `${t("move down")}: ${label}`,
          onclick: () => this.onOp({ op: "move", from: ip, path: `${ptr}/${i + 1}` }, true, fieldID(`${ptr}/${i + 1}`)) }, t("move down")),
        h("button", { type: "button", class: "small danger", "aria-label": `${t("remove")}: ${label}`,
          onclick: () => this.onOp({ op: "remove", path: ip }, true, fieldID(ptr)) }, t("remove")));
      if (ity === "object" || itemNode.oneOf || itemNode.anyOf) {
        const inner = ity === "object" && !(itemNode.oneOf || itemNode.anyOf)
          ? this.objectFields(ip, itemNode, item)
          : [this.field(ip, itemNode, item, true, label, true)];
        list.append(h("li", {}, h("fieldset", { id: fieldID(ip), tabindex: "-1", "data-ptr": ip, "aria-describedby": diagID(ip) },
          h("legend", {}, label), h("p", { class: "diag", id: diagID(ip), hidden: true }), inner, tools)));
      } else {
        const control = ity === "number" || ity === "integer"
          ? this.number(ip, itemNode, item, true, label, true)
          : this.string(ip, itemNode, item, true, label, true);
        control.id = fieldID(ip);
        control.setAttribute("aria-label", label);
        control.setAttribute("aria-describedby", diagID(ip));
        list.append(h("li", { "data-ptr": ip }, h("div", { class: "scalar-item" }, control, tools),
          h("p", { class: "diag", id: diagID(ip), hidden: true })));
      }
    });
    const fresh = ity === "object" ? {} : ity === "number" || ity === "integer" ? 0 : "";
    const add = h("button", { type: "button", class: "small", onclick: () => {
      const op = items.length || Array.isArray(v) ? { op: "set", path: `${ptr}/-`, value: fresh } : { op: "set", path: ptr, value: [fresh] };
      this.onOp(op, true, fieldID(`${ptr}/${items.length}`));
    } }, t("add item", this.title(itemNode.title ? itemNode : n, name)));
    const body = h("div", { class: "list" }, list, h("div", { class: "item-tools" }, add));
    return this.group(ptr, n, name, required, body, bare ? "div" : "fieldset");
  }

  alternatives(ptr, n, alts, v, required, name) {
    let pick = alts.findIndex((a) => {
      const ty = this.typeOf(a);
      const vk = kindOfValue(v);
      return ty === vk || (vk === "number" && ty === "integer");
    });
    if (pick < 0) pick = 0;
    const radios = alts.map((a, i) => {
      const id = `${fieldID(ptr)}#alt${i}`;
      const ty = this.typeOf(a);
      return h("span", {}, h("input", { type: "radio", id, name: `${fieldID(ptr)}#alt`, checked: i === pick, onchange: () => {
        this.onOp({ op: "set", path: ptr, value: this.convert(v, ty, a) }, true, fieldID(ptr));
      } }), " ", h("label", { for: id }, a.title ? this.title(a, "") : t("alt." + ty)));
    });
    const chosen = alts[pick];
    const inner = this.field(ptr, { ...chosen, title: chosen.title || n.title, description: chosen.description || "" }, v, required, name, true);
    return h("div", { class: "field", "data-ptr": ptr },
      h("fieldset", {}, h("legend", {}, this.title(n, name), required ? h("span", { class: "required", "aria-hidden": "true" }, " *") : null),
        this.help(n) ? h("p", { class: "help", lang: helpLang }, this.help(n)) : null,
        h("div", { class: "alternatives", role: "radiogroup", "aria-label": t("choose") }, radios),
        inner));
  }

  // convert keeps what can be kept when the user switches between the forms of a value: a
  // text becomes the text of the document's language in a map of languages, and back.
  convert(v, ty, alt) {
    const docLang = this.value.lang || "fr";
    if (ty === "object") {
      if (typeof v === "string") return { [docLang]: v };
      return {};
    }
    if (ty === "string") {
      if (v && typeof v === "object" && !Array.isArray(v)) return String(v[docLang] || Object.values(v)[0] || "");
      return "";
    }
    if (ty === "array") return typeof v === "string" ? [v] : [];
    if (ty === "boolean") return false;
    if (ty === "number" || ty === "integer") return alt.minimum || 0;
    return "";
  }

  // refresh updates what depends on other fields without rebuilding the form: the choices of
  // references, after a name or an id changed.
  refresh(value) {
    this.value = value || {};
    for (const sel of this.root.querySelectorAll("select[data-ref]")) {
      const ref = this.collections[Number(sel.dataset.ref)];
      if (ref) this.fillRef(sel, ref, sel.value);
    }
  }

  // slot finds where a diagnostic at pointer is shown: the field of the pointer, or of its
  // nearest parent on the form.
  slot(pointer) {
    let p = pointer;
    for (;;) {
      const el = document.getElementById(diagID(p));
      if (el) return { pointer: p, diag: el, control: document.getElementById(fieldID(p)) };
      if (p === "") return null;
      p = p.slice(0, p.lastIndexOf("/"));
    }
  }

  showDiagnostics(diags) {
    for (const el of this.root.querySelectorAll(".diag")) {
      el.hidden = true;
      el.replaceChildren();
      el.className = "diag";
    }
    for (const el of this.root.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    const targets = [];
    for (const d of diags) {
      const s = this.slot(d.pointer || "");
      if (!s) { targets.push(null); continue; }
      s.diag.hidden = false;
      if (s.diag.childNodes.length) s.diag.append(h("br"));
      s.diag.append(d.message + (d.hint ? "; " + d.hint : ""));
      if (d.severity === "error") {
        s.diag.className = "diag error";
        if (s.control && s.control.matches("input, select, textarea")) s.control.setAttribute("aria-invalid", "true");
      } else if (s.diag.className !== "diag error") {
        s.diag.className = "diag warning";
      }
      targets.push(s.pointer);
    }
    return targets;
  }

  // focus brings the field of a pointer into view and gives it the focus.
  focus(pointer) {
    const s = this.slot(pointer);
    const el = (s && s.control) || (s && s.diag && s.diag.closest("[data-ptr]"));
    if (!el) return false;
    for (let d = el.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) d.open = true;
    el.scrollIntoView({ block: "center" });
    el.focus({ preventScroll: true });
    const box = el.closest(".field, fieldset, details") || el;
    box.classList.remove("flash");
    void box.offsetWidth;
    box.classList.add("flash");
    return true;
  }
}
