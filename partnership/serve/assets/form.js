// The form of a definition, generated from the JSON Schema: one field per property that
// applies to the kind of document, labelled with the schema's title and described with its
// description in the interface's language (the server gives each node its texts under
// x-text); the input follows the type (choices for enumerations and for references to
// parties, colleges… defined elsewhere in the file; dates; amounts; free texts that may be
// written once or once per language; lists that can be added to, reordered and pruned;
// alternatives for oneOf). Changes leave as ops (JSON Patch in spirit), which the server
// applies to the YAML node tree.
//
// The form is rebuilt from the definition after each change and carried over the page by
// morph, so that the field being typed in, the focus and the open sections stay as they are.
import { h, morphChildren } from "/assets/dom.js";
import { t, lang } from "/assets/i18n.js";

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

const isMap = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

// The id of the control of a pointer, of its help and of its diagnostics.
export const fieldID = (p) => "f" + p;
const helpID = (p) => "h" + p;
const diagID = (p) => "d" + p;

// The schema's English descriptions say which lists hold the things other fields refer to.
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
    this.docLang = "fr";
    this.keep = (el) => el === document.activeElement;
    this.diagnostics = [];
    // Texts the user asked to write once per language while they are still empty, and the
    // languages a text had before it was made one text again (to give them back).
    this.split = new Set();
    this.stash = new Map();
    this.collections = [];
    this.findCollections(schema, [], 0);
  }

  resolve(node) {
    let n = node || {};
    for (let depth = 0; n.$ref && depth < 16; depth++) {
      const target = (this.schema.definitions || {})[n.$ref.replace("#/definitions/", "")] || {};
      const r = { ...target };
      for (const k of ["title", "description", "examples", "x-kinds", "x-text"]) if (n[k] !== undefined) r[k] = n[k];
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

  // languagesOf returns the languages of a free text that may be written once or once per
  // language (a string or a mapping of languages, the schema's text and name), else null.
  languagesOf(n) {
    const ty = Array.isArray(n.type) ? n.type : [];
    if (!ty.includes("string") || !ty.includes("object") || !n.properties) return null;
    const langs = Object.keys(n.properties);
    return langs.length > 0 && langs.every((l) => /^[a-z]{2}$/.test(l)) ? langs : null;
  }

  // findCollections records the lists whose items have an id that other fields refer to
  // (parties, colleges, decision domains, grants…), from the descriptions of their ids.
  findCollections(node, path, depth) {
    const n = this.resolve(node);
    if (depth > 8) return;
    const ty = this.typeOf(n);
    if (ty === "object" && !this.languagesOf(n)) {
      for (const [name, child] of Object.entries(n.properties || {})) this.findCollections(child, [...path, name], depth + 1);
    } else if (ty === "array") {
      const item = this.resolve(n.items);
      const id = item.properties && this.resolve(item.properties.id);
      const m = id && idPattern.exec(id.description || "");
      if (m) this.collections.push({ noun: m[1].toLowerCase(), path });
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

  // plain gives a free text as the document's language reads it.
  plain(v) {
    if (typeof v === "string") return v;
    if (isMap(v)) return String(v[this.docLang] || Object.values(v).find((x) => typeof x === "string" && x) || "");
    return "";
  }

  // ids lists the items of a collection in the current value: [{id, name}].
  ids(c) {
    const out = [];
    const walk = (v, i) => {
      if (i === c.path.length) {
        if (Array.isArray(v)) for (const item of v) if (item && typeof item.id === "string" && item.id) out.push({ id: item.id, name: this.plain(item.name) || this.plain(item.title) });
        return;
      }
      if (v === null || typeof v !== "object") return;
      if (c.path[i] === "*") { if (Array.isArray(v)) for (const x of v) walk(x, i + 1); } else walk(v[c.path[i]], i + 1);
    };
    walk(this.value, 0);
    return out;
  }

  // text is what the form shows of a node in a language (by default the interface's): its
  // title, description and examples, and the language they are written in.
  text(n, l) {
    const x = n["x-text"] || {};
    return x[l || lang()] || { title: n.title, description: n.description, examples: n.examples, lang: "en" };
  }

  title(n, name) {
    return this.text(n).title || name;
  }

  // helpOf builds the paragraph of help of a node, marked with its language where the schema
  // has no text in the interface's.
  helpOf(n, id) {
    const x = this.text(n);
    if (!x.description) return null;
    return h("p", { class: "help", id, lang: x.lang && x.lang !== lang() ? x.lang : null }, x.description);
  }

  // example gives the placeholder of a field: the schema's first example in language l.
  example(n, l, i) {
    const ex = (this.text(n, l).examples || [])[0];
    let v = ex;
    if (Array.isArray(ex)) v = ex.length ? ex[(i || 0) % ex.length] : undefined;
    if (v === undefined || v === null || typeof v === "object" || typeof v === "boolean") return null;
    return t("example", String(v));
  }

  label(n, name, required, id) {
    const x = this.text(n);
    return h("label", { for: id, lang: x.lang && x.lang !== lang() ? x.lang : null }, this.title(n, name),
      required ? h("span", { class: "required", "aria-hidden": "true" }, " *") : null);
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

  // render builds the form of value and carries it over the page. keep tells which controls
  // hold a value newer than value (the one being typed in, those whose changes are on their
  // way): they keep what they show.
  render(value, kind, docLang, keep) {
    this.value = value || {};
    this.kind = kind;
    if (docLang) this.docLang = docLang;
    if (keep) this.keep = keep;
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
      if (!this.languagesOf(n) && (ty === "object" || ty === "array" || n.oneOf || n.anyOf)) {
        sections.push(this.section(ptr, n, v, required.has(name), name));
      } else {
        general.push(this.field(ptr, node, v, required.has(name), name, false));
      }
    }
    const generalSection = h("details", { open: true, id: fieldID("#general") },
      h("summary", {}, t("general")), h("div", { class: "section" }, general));
    const fresh = h("form", {}, generalSection, ...sections);
    morphChildren(this.root, fresh, this.keep);
    this.showDiagnostics(this.diagnostics);
  }

  // relayout rebuilds the form after a change that is the form's own (no op), then moves the
  // focus to the control of id.
  relayout(id) {
    this.render(this.value, this.kind);
    const el = document.getElementById(id);
    if (el) el.focus();
  }

  section(ptr, n, v, required, name) {
    const present = v !== undefined;
    const ty = this.typeOf(n);
    const body = ty === "object" && !(n.oneOf || n.anyOf)
      ? this.objectFields(ptr, n, v)
      : [this.field(ptr, n, v, required, name, true)];
    return h("details", { open: present || required, id: fieldID(ptr), tabindex: "-1", "data-ptr": ptr },
      h("summary", {}, this.title(n, name), required ? h("span", { class: "required", "aria-hidden": "true" }, " *") : null),
      h("div", { class: "section" },
        ty === "object" ? this.helpOf(n, helpID(ptr)) : null,
        ty === "object" ? h("p", { class: "diag", id: diagID(ptr), hidden: true }) : null,
        body));
  }

  objectFields(ptr, n, v) {
    const req = new Set(n.required || []);
    const obj = isMap(v) ? v : {};
    return Object.entries(n.properties || {}).map(([name, child]) =>
      this.field(ptr + "/" + esc(name), child, obj[name], req.has(name), name, false));
  }

  // field builds the control of one value. bare leaves out the label, which the enclosing
  // section already gives.
  field(ptr, node, v, required, name, bare) {
    const n = this.resolve(node);
    const langs = this.languagesOf(n);
    if (langs) return this.textField(ptr, n, v, langs, { required, name });
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
    const help = this.helpOf(n, helpID(ptr));
    control.setAttribute("aria-describedby", (help ? helpID(ptr) + " " : "") + diagID(ptr));
    if (required) control.setAttribute("aria-required", "true");
    return h("div", { class: "field", "data-ptr": ptr },
      this.label(n, name, required, id),
      help,
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

  // textInput is the input or text area of a free text: a text area for texts that run over
  // lines, that the schema's example says are long, or that were one already (a field never
  // changes under the cursor).
  textInput(ptr, n, value, attrs, oninput) {
    const was = document.getElementById(fieldID(ptr));
    const ex = (n.examples || [])[0];
    const long = value.includes("\n") || (typeof ex === "string" && ex.length > 70) || (was && was.tagName === "TEXTAREA");
    if (long) return h("textarea", { ...attrs, rows: Math.min(8, Math.max(2, Math.ceil(value.length / 70))), oninput }, value);
    return h("input", { type: n.format === "uri" ? "url" : "text", autocomplete: "off", ...attrs, value, oninput });
  }

  string(ptr, n, v, required, name, inList, place) {
    const value = v === undefined || v === null ? "" : String(v);
    let control;
    const ref = this.referenceOf(n);
    const oninput = (e) => this.emit(ptr, e.target.value, false, inList);
    if (n.enum) {
      control = h("select", { class: "short", onchange: oninput },
        h("option", { value: "" }, t("not set")),
        n.enum.map((x) => h("option", { value: x, selected: x === value }, this.enumLabel(n.enum, x))));
    } else if (ref && this.ids(ref).length) {
      control = h("select", { class: "short", onchange: oninput }, this.refOptions(ref, value));
    } else if (n.format === "date" || /YYYY-MM-DD/.test(n.description || "")) {
      control = h("input", { type: "text", class: "short", inputmode: "numeric", autocomplete: "off", placeholder: t("date hint"), value, oninput });
    } else {
      control = this.textInput(ptr, n, value, { placeholder: place === undefined ? this.example(n) : place }, oninput);
    }
    return inList ? control : this.wrap(ptr, n, name, required, control);
  }

  refOptions(ref, value) {
    const ids = this.ids(ref);
    const options = [h("option", { value: "" }, t("not set"))];
    for (const x of ids) options.push(h("option", { value: x.id, selected: x.id === value }, x.name ? `${x.name} (${x.id})` : x.id));
    if (value && !ids.some((x) => x.id === value)) options.push(h("option", { value, selected: true }, t("unknown ref", value)));
    return options;
  }

  // textField is a free text, written once (one input, in the document's language) or once per
  // language (an input for each language of the schema). A text the file gives as a mapping of
  // languages is shown per language; the user turns one into the other with a button, and the
  // file keeps the shape it has until then. opts: required and name; label, in a list, is the
  // item's label, and examples the list's.
  textField(ptr, n, v, langs, opts) {
    const { required, name, label, inList, examples } = opts;
    const perLang = this.perLanguage(ptr, v);
    const title = label || this.title(n, name);
    const help = inList ? null : this.helpOf(n, helpID(ptr));
    const describedBy = (help ? helpID(ptr) + " " : "") + diagID(ptr);
    const place = (l) => this.example(examples || n, l, opts.index);
    if (!perLang) {
      const value = typeof v === "string" ? v : "";
      const control = this.textInput(ptr, n, value, {
        id: fieldID(ptr), lang: this.docLang, placeholder: place(this.docLang), "aria-describedby": describedBy,
        "aria-required": required && !inList ? "true" : null, "aria-label": inList ? label : null,
      }, (e) => this.emit(ptr, e.target.value, false, inList));
      const split = h("button", { type: "button", class: "small", id: fieldID(ptr) + "#langs",
        "aria-label": `${t("per language")}: ${title}`, onclick: () => this.splitText(ptr, langs) }, t("per language"));
      if (inList) return h("div", { class: "text-item" }, control, split);
      return h("div", { class: "field", "data-ptr": ptr },
        this.label(n, name, required, fieldID(ptr)), help,
        h("div", { class: "text-row" }, control, split),
        h("p", { class: "diag", id: diagID(ptr), hidden: true }));
    }
    const map = isMap(v) ? v : {};
    const one = h("button", { type: "button", class: "small", id: fieldID(ptr) + "#one",
      "aria-label": `${t("one text", t("lang." + this.docLang))}: ${title}`, onclick: () => this.joinText(ptr, inList) },
    t("one text", t("lang." + this.docLang)));
    const inputs = langs.map((l) => {
      const p = `${ptr}/${esc(l)}`;
      const sub = this.resolve((n.properties || {})[l]);
      const value = typeof map[l] === "string" ? map[l] : "";
      const control = this.textInput(p, n, value, { id: fieldID(p), lang: l, placeholder: place(l), "aria-describedby": diagID(p) },
        (e) => this.typeLang(ptr, l, langs, e.target.value, inList));
      return h("div", { class: "field", "data-ptr": p }, this.label(sub, l, false, fieldID(p)), control,
        h("p", { class: "diag", id: diagID(p), hidden: true }));
    });
    const group = h("fieldset", { id: fieldID(ptr), class: "languages", tabindex: "-1", "data-ptr": ptr, "aria-describedby": describedBy },
      h("legend", {}, title, required && !inList ? h("span", { class: "required", "aria-hidden": "true" }, " *") : null),
      help, h("p", { class: "diag", id: diagID(ptr), hidden: true }), inputs, h("div", { class: "item-tools" }, one));
    return inList ? group : h("div", { class: "field", "data-ptr": ptr }, group);
  }

  // perLanguage tells whether a text is shown once per language: a mapping of languages, or
  // an empty text the user asked to write so.
  perLanguage(ptr, v) {
    return isMap(v) || ((v === undefined || v === null || v === "") && this.split.has(ptr));
  }

  // splitText turns a text into one text per language, the one written so far being the
  // document's language's.
  splitText(ptr, langs) {
    this.split.add(ptr);
    const v = getIn(this.value, ptr);
    const target = fieldID(`${ptr}/${esc(this.docLang)}`);
    if (typeof v === "string" && v !== "") {
      const before = { ...(this.stash.get(ptr) || {}), [this.docLang]: v };
      const value = {};
      for (const l of langs) if (before[l]) value[l] = before[l];
      this.onOp({ op: "set", path: ptr, value }, true, target);
    } else {
      this.relayout(target);
    }
  }

  // joinText makes a text one text again: the document language's, or the first there is. The
  // other languages are kept for the session, should the user change their mind.
  joinText(ptr, inList) {
    this.split.delete(ptr);
    const v = getIn(this.value, ptr);
    if (isMap(v)) {
      this.stash.set(ptr, v);
      const text = this.plain(v);
      this.onOp(text || inList ? { op: "set", path: ptr, value: text } : { op: "remove", path: ptr }, true, fieldID(ptr));
    } else {
      this.relayout(fieldID(ptr));
    }
  }

  // typeLang sends what is typed in the input of one language. While the file holds no mapping
  // for the text yet, the mapping is sent whole, from what the inputs show.
  typeLang(ptr, l, langs, raw, inList) {
    if (isMap(getIn(this.value, ptr))) {
      const others = langs.filter((x) => x !== l).some((x) => {
        const el = document.getElementById(fieldID(`${ptr}/${esc(x)}`));
        return el && el.value !== "";
      });
      if (raw !== "") this.onOp({ op: "set", path: `${ptr}/${esc(l)}`, value: raw }, false);
      else if (others) this.onOp({ op: "remove", path: `${ptr}/${esc(l)}` }, false);
      else this.onOp(inList ? { op: "set", path: ptr, value: "" } : { op: "remove", path: ptr }, false);
      return;
    }
    const value = {};
    for (const x of langs) {
      const el = document.getElementById(fieldID(`${ptr}/${esc(x)}`));
      if (el && el.value !== "") value[x] = el.value;
    }
    if (Object.keys(value).length) this.onOp({ op: "set", path: ptr, value }, false);
    else this.onOp(inList ? { op: "set", path: ptr, value: "" } : { op: "remove", path: ptr }, false);
  }

  number(ptr, n, v, required, name, inList, place) {
    const d = n.description || "";
    const unit = /Amount in euros/i.test(d) ? t("euros") : /Percentage/i.test(d) ? t("percent") : "";
    const control = h("input", { type: "text", inputmode: n.type === "integer" ? "numeric" : "decimal", autocomplete: "off",
      placeholder: place === undefined ? this.example(n) : place,
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
    const help = this.helpOf(n, helpID(ptr));
    return h(tag || "fieldset", { id: fieldID(ptr), tabindex: "-1", "data-ptr": ptr, "aria-describedby": (help ? helpID(ptr) + " " : "") + diagID(ptr) },
      h("legend", {}, this.title(n, name), required ? h("span", { class: "required", "aria-hidden": "true" }, " *") : null),
      help,
      h("p", { class: "diag", id: diagID(ptr), hidden: true }),
      children);
  }

  object(ptr, n, v, required, name) {
    return this.group(ptr, n, name, required, this.objectFields(ptr, n, v));
  }

  itemLabel(n, item, i) {
    const base = this.title(n, "");
    let extra = "";
    if (isMap(item)) extra = this.plain(item.name) || this.plain(item.title) || (typeof item.id === "string" ? item.id : "");
    return t("item", base, i + 1).trim() + (extra ? " – " + extra : "");
  }

  array(ptr, n, v, required, name, bare) {
    const items = Array.isArray(v) ? v : [];
    const itemNode = this.resolve(n.items);
    const ity = this.typeOf(itemNode);
    const langs = this.languagesOf(itemNode);
    const ref = this.referenceOf(n) || this.referenceOf(itemNode);
    const choices = itemNode.enum ? itemNode.enum.map((x) => ({ id: x, name: this.enumLabel(itemNode.enum, x) }))
      : ref && this.ids(ref).length ? this.ids(ref).map((x) => ({ id: x.id, name: x.name ? `${x.name} (${x.id})` : x.id })) : null;
    if (choices && !langs && (ity === "string" || itemNode.enum)) {
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
    // An item is named after the title of the items (a party), or of the list (recitals).
    const titled = !langs && this.text(itemNode).title ? itemNode : n;
    const list = h("ol", {});
    items.forEach((item, i) => {
      const ip = `${ptr}/${i}`;
      const label = this.itemLabel(titled, item, i);
      const tools = h("div", { class: "item-tools" },
        h("button", { type: "button", class: "small", disabled: i === 0, "aria-label": `${t("move up")}: ${label}`,
          onclick: () => this.onOp({ op: "move", from: ip, path: `${ptr}/${i - 1}` }, true, fieldID(`${ptr}/${i - 1}`)) }, t("move up")),
        h("button", { type: "button", class: "small", disabled: i === items.length - 1, "aria-label": `${t("move down")}: ${label}`,
          onclick: () => this.onOp({ op: "move", from: ip, path: `${ptr}/${i + 1}` }, true, fieldID(`${ptr}/${i + 1}`)) }, t("move down")),
        h("button", { type: "button", class: "small danger", "aria-label": `${t("remove")}: ${label}`,
          onclick: () => this.onOp({ op: "remove", path: ip }, true, fieldID(ptr)) }, t("remove")));
      if (langs) {
        // A text takes the width of the list, its buttons under it.
        list.append(h("li", { class: "text-entry", "data-ptr": ip },
          this.textField(ip, itemNode, item, langs, { label, inList: true, examples: n, index: i }),
          this.perLanguage(ip, item) ? null : h("p", { class: "diag", id: diagID(ip), hidden: true }), tools));
      } else if (ity === "object" || itemNode.oneOf || itemNode.anyOf) {
        const inner = ity === "object" && !(itemNode.oneOf || itemNode.anyOf)
          ? this.objectFields(ip, itemNode, item)
          : [this.field(ip, itemNode, item, true, label, true)];
        list.append(h("li", {}, h("fieldset", { id: fieldID(ip), tabindex: "-1", "data-ptr": ip, "aria-describedby": diagID(ip) },
          h("legend", {}, label), h("p", { class: "diag", id: diagID(ip), hidden: true }), inner, tools)));
      } else {
        const place = this.example(n, undefined, i);
        const control = ity === "number" || ity === "integer"
          ? this.number(ip, itemNode, item, true, label, true, place)
          : this.string(ip, itemNode, item, true, label, true, place);
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
    } }, t("add item", this.title(titled, name)));
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
      } }), " ", h("label", { for: id }, this.text(a).title || t("alt." + ty)));
    });
    const chosen = alts[pick];
    const inner = this.field(ptr, { ...chosen, title: chosen.title || n.title, description: chosen.description || "", "x-text": chosen["x-text"] || n["x-text"] }, v, required, name, true);
    return h("div", { class: "field", "data-ptr": ptr },
      h("fieldset", {}, h("legend", {}, this.title(n, name), required ? h("span", { class: "required", "aria-hidden": "true" }, " *") : null),
        this.helpOf(n),
        h("div", { class: "alternatives", role: "radiogroup", "aria-label": t("choose") }, radios),
        inner));
  }

  // convert keeps what can be kept when the user switches between the forms of a value.
  convert(v, ty, alt) {
    if (ty === "object") return isMap(v) ? v : {};
    if (ty === "string") return typeof v === "string" ? v : this.plain(v);
    if (ty === "array") return typeof v === "string" ? [v] : [];
    if (ty === "boolean") return false;
    if (ty === "number" || ty === "integer") return alt.minimum || 0;
    return "";
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

  // showDiagnostics shows each diagnostic beside its field, and returns the pointer of the
  // field each one is shown at (null for those the form has no place for).
  showDiagnostics(diags) {
    this.diagnostics = diags;
    for (const el of this.root.querySelectorAll(".diag")) {
      if (el.hidden && !el.childNodes.length) continue;
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
    // The field flashes; the mark is an attribute morph leaves alone, removed at the end.
    const box = el.closest(".field, fieldset, details") || el;
    box.removeAttribute("data-flash");
    void box.offsetWidth;
    box.setAttribute("data-flash", "");
    box.addEventListener("animationend", () => box.removeAttribute("data-flash"), { once: true });
    return true;
  }
}
