// Calls to the server's API. Errors carry the server's message and, when it sent them, the
// diagnostics of the definition.

import { lang } from "/assets/i18n.js";

export class APIError extends Error {
  constructor(message, status, data) {
    super(message);
    this.status = status;
    this.data = data;
  }
}

// Every request names the language of the interface, in which the server writes its messages.
export async function api(path, body) {
  const headers = { "Commons-Lang": lang() };
  const init = body === undefined ? { headers } : {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  };
  const res = await fetch(path, init);
  const type = res.headers.get("Content-Type") || "";
  const data = type.startsWith("application/json") ? await res.json() : await res.blob();
  if (!res.ok) {
    const message = data && data.error ? data.error : res.statusText;
    throw new APIError(message, res.status, data);
  }
  return { data, res };
}
