package office

// words are the few texts the writers add themselves, in the document's language: the title
// of the table of contents, the footer, the names of the styles the document defines.
var words = map[string]map[string]string{
	"fr": {
		"contents":  "Sommaire",
		"page":      "page",
		"of":        "sur",
		"templates": "bibliothèque de clauses",
		"digest":    "empreinte de la définition",
		// Styles of the document's own, named in its language. Standard styles (Title,
		// Heading 1, Body Text…) keep their standard names, which Word and LibreOffice show in
		// the language of their interface.
		"style.TableText":      "Texte de tableau",
		"style.TableHeading":   "En-tête de tableau",
		"style.SignatureBlock": "Bloc de signature",
		"style.SignatureSpace": "Emplacement de signature",
		"style.Preformatted":   "Texte préformaté",
		"style.Separator":      "Séparateur",
		"style.ChartLegend":    "Légende de graphique",
		"style.Provenance":     "Provenance",
		"style.DocumentTable":  "Tableau du document",
		"style.ChartTable":     "Tableau graphique",
	},
	"en": {
		"contents":             "Contents",
		"page":                 "page",
		"of":                   "of",
		"templates":            "clause library",
		"digest":               "definition digest",
		"style.TableText":      "Table Text",
		"style.TableHeading":   "Table Heading",
		"style.SignatureBlock": "Signature Block",
		"style.SignatureSpace": "Signature Space",
		"style.Preformatted":   "Preformatted Text",
		"style.Separator":      "Separator",
		"style.ChartLegend":    "Chart Legend",
		"style.Provenance":     "Provenance",
		"style.DocumentTable":  "Document Table",
		"style.ChartTable":     "Chart Table",
	},
}

// word is one of the words above, in the document's language.
func word(lang, key string) string {
	if w, ok := words[lang][key]; ok {
		return w
	}
	return words["en"][key]
}

// provenance is the line of the footer that says where the document comes from, as the PDF
// has it: definition · clause library version · digest of the definition.
func (d *document) provenance() string {
	var parts []string
	if v := d.fm["definition"]; v != "" {
		parts = append(parts, v)
	}
	if v := d.fm["templates"]; v != "" {
		parts = append(parts, word(d.lang, "templates")+" "+v)
	}
	if v := d.fm["definition_sha256"]; v != "" {
		if len(v) > 12 {
			v = v[:12]
		}
		parts = append(parts, word(d.lang, "digest")+" "+v)
	}
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += " · "
		}
		out += p
	}
	return out
}
