// Titles and help of the schema's fields in the interface's language. The schema is written in
// English; French titles are kept here, by English title, and a field without one (a field
// added to the schema since) shows its English title and description.

const fr = {
};

export function fieldTitle(lang, title) {
  if (lang === "fr" && fr[title]) return fr[title][0];
  return title;
}

export function fieldHelp(lang, title, description) {
  if (lang === "fr" && fr[title] && fr[title][1]) return fr[title][1];
  return description;
}
