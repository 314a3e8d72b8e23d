// Building elements, and bringing a part of the page up to date without replacing what the
// user is looking at or typing in.
//
// The form is rebuilt from the definition after every change. Replacing it would lose the
// caret, the focus, the scroll position and the state of the sections the user opened, and
// would pull the field being typed in from under the keyboard. morph instead carries the
// new tree over the old one: elements with the same id (or the same data-ptr) stay the same
// nodes, and only their attributes, texts and handlers change.

// h builds an element: h("button", {type: "button", onclick: f}, "text", child…). Handlers
// are kept on the element (el.handlers) so that morph can give an element the handlers of its
// newer copy: they close over the value they were built for.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) on(el, k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function on(el, type, fn) {
  if (!el.handlers) el.handlers = {};
  if (!el.handlers[type]) el.addEventListener(type, (e) => { const f = el.handlers[type]; if (f) f(e); });
  el.handlers[type] = fn;
}

function keyOf(node) {
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  return node.id ? "#" + node.id : node.dataset.ptr !== undefined ? "@" + node.nodeName + node.dataset.ptr : null;
}

// morphChildren makes the children of old those of fresh, keeping the old nodes that match.
// keep(el) tells which controls hold something newer than fresh (the user is typing in them):
// their value is left alone.
export function morphChildren(old, fresh, keep) {
  const next = [...fresh.childNodes];
  const keyed = new Map();
  for (const c of old.childNodes) {
    const k = keyOf(c);
    if (k && !keyed.has(k)) keyed.set(k, c);
  }
  next.forEach((n, i) => {
    const at = old.childNodes[i] || null;
    const k = keyOf(n);
    let match = null;
    if (k) match = keyed.get(k) || null;
    else if (at && keyOf(at) === null && at.nodeName === n.nodeName) match = at;
    if (k) keyed.delete(k);
    if (!match) {
      old.insertBefore(n, at);
      return;
    }
    if (match !== at) old.insertBefore(match, at);
    morph(match, n, keep);
  });
  while (old.childNodes.length > next.length) old.lastChild.remove();
}

// Attributes that hold the user's state rather than the definition's: the value and checked
// state of controls are set as properties below, a section stays open or closed as the user
// left it, and a field that flashes finishes flashing.
const own = new Set(["value", "checked", "selected", "open", "data-flash"]);

// morph makes old look and behave like fresh, and returns the node left in the page: old
// itself, unless the two are different kinds of element.
export function morph(old, fresh, keep) {
  if (old.nodeType !== fresh.nodeType || old.nodeName !== fresh.nodeName || keyOf(old) !== keyOf(fresh) ||
      (old.nodeName === "INPUT" && old.type !== fresh.type)) {
    old.replaceWith(fresh);
    return fresh;
  }
  if (old.nodeType !== Node.ELEMENT_NODE) {
    if (old.nodeValue !== fresh.nodeValue) old.nodeValue = fresh.nodeValue;
    return old;
  }
  for (const a of [...old.attributes]) if (!own.has(a.name) && !fresh.hasAttribute(a.name)) old.removeAttribute(a.name);
  for (const a of fresh.attributes) if (!own.has(a.name) && old.getAttribute(a.name) !== a.value) old.setAttribute(a.name, a.value);
  if (fresh.handlers) for (const [type, fn] of Object.entries(fresh.handlers)) on(old, type, fn);
  if (old.handlers) for (const type of Object.keys(old.handlers)) if (!fresh.handlers || !fresh.handlers[type]) old.handlers[type] = null;
  const kept = keep(old);
  switch (old.nodeName) {
    case "TEXTAREA":
      if (!kept && old.value !== fresh.value) old.value = fresh.value;
      return old;
    case "INPUT":
      if (old.type === "checkbox" || old.type === "radio") {
        if (!kept) old.checked = fresh.checked;
      } else if (!kept && old.value !== fresh.value) {
        old.value = fresh.value;
      }
      return old;
    case "SELECT":
      morphChildren(old, fresh, keep);
      if (!kept && old.value !== fresh.value) old.value = fresh.value;
      return old;
  }
  morphChildren(old, fresh, keep);
  return old;
}
