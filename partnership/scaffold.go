package partnership

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/commons-toolkit/commons/schema"
	"github.com/commons-toolkit/commons/templates"
	"go.yaml.in/yaml/v3"
)

// scaffoldWidth is where comment lines of a starter file wrap.
const scaffoldWidth = 96

// Scaffold writes a starter definition of the given kind and language: every key that applies
// to the kind, in schema order, preceded by a comment made of its title and description in
// that language, with the schema's example in that language as a value. Where the clause
// library has a default for a key, the comment says so and the value is the default, written
// out: the definition then says itself what the document will say. The first line is a
// yaml-language-server modeline so that editors complete and check keys against the schema.
// The starter validates and renders as it is.
func Scaffold(kind Kind, lang string) []byte { return scaffoldFile(kind, lang, schema.ID, false) }

// scaffoldFile writes the starter of Scaffold whose modeline names the schema at ref, followed,
// when offline is true, by the comment that says how to check the file offline.
func scaffoldFile(kind Kind, lang, ref string, offline bool) []byte {
	if lang != "en" {
		lang = "fr"
	}
	sc := &scaffold{kind: kind, lang: lang, words: scaffoldWords[lang], values: scaffoldValues(kind, lang)}
	sc.jurisdiction, _ = sc.values["jurisdiction"].(string)
	if sc.jurisdiction == "" {
		sc.jurisdiction = DefaultJurisdiction
	}
	if data, err := templates.FS.ReadFile(DefaultsFile); err == nil {
		sc.defaults, _ = ParseDefaults(data, "templates/"+DefaultsFile)
	}
	m := Schema()
	b := &sc.b
	fmt.Fprintf(b, "# yaml-language-server: $schema=%s\n", ref)
	if offline {
		sc.commentLines(fmt.Sprintf(sc.words.offline, SchemaFileName))
	}
	sc.commentLines(fmt.Sprintf(sc.words.header, kindWords[lang][kind]))
	required := append(slices.Clone(m.Root.Required), m.Root.KindRequired[kind]...)
	for _, p := range m.Root.Properties {
		if p.Name == "$schema" || !p.Node.AppliesTo(kind) {
			continue
		}
		value := sc.values[p.Name]
		switch p.Name {
		case "kind":
			value = string(kind)
		case "lang":
			value = lang
		case "templates":
			value = "^" + compatibleVersion(templates.Version())
		}
		b.WriteString("\n")
		if _, ok := value.(commentedOut); ok {
			// A section shown but not used: its comment as it is, its keys commented out.
			sub := &scaffold{kind: sc.kind, lang: sc.lang, jurisdiction: sc.jurisdiction, words: sc.words, values: sc.values, defaults: sc.defaults}
			sub.property(p.Name, p.Name, p.Node, nil, false, 0)
			b.WriteString(commentOut(sub.b.String()))
			continue
		}
		sc.property(p.Name, p.Name, p.Node, value, slices.Contains(required, p.Name), 0)
		if p.Name == "parties" {
			// The schema's examples describe one public body; every kind of document needs a
			// collective too, so the starter has both.
			sc.object(p.Node.Resolved().Items.Resolved(), "parties", 4, "  - ", sc.collective(), true)
		}
	}
	return b.Bytes()
}

// commentLines writes text as comment lines.
func (sc *scaffold) commentLines(text string) {
	for _, line := range strings.Split(text, "\n") {
		sc.b.WriteString(strings.TrimRight("# "+line, " ") + "\n")
	}
}

// compatibleVersion is the part of a version that a range of compatible versions names: the
// major version, or the major and minor versions before 1.0.0.
func compatibleVersion(v string) string {
	parts := strings.Split(v, ".")
	if len(parts) < 2 || parts[0] != "0" {
		return parts[0]
	}
	return parts[0] + "." + parts[1]
}

type scaffold struct {
	kind         Kind
	lang         string
	jurisdiction string
	words        starterWords
	values       map[string]any
	defaults     *Defaults
	// terse leaves out the comments of nested keys, inside an item whose keys were explained
	// with the first item of its list.
	terse bool
	b     bytes.Buffer
}

// starterWords are the words of a starter file that are not in the schema. offline is the
// comment under a modeline that names the schema by its URL, which needs the network.
type starterWords struct {
	header, offline, optional, oneOf, defaultIs string
}

var scaffoldWords = map[string]starterWords{
	"fr": {
		header: "Définition de départ d’une %s. Remplacez chaque valeur par la vôtre, supprimez les clés\n" +
			"facultatives dont vous n’avez pas besoin, puis vérifiez le fichier : commons validate FICHIER",
		offline: "Pour vérifier ce fichier hors ligne, gardez une copie du schéma à côté de lui\n" +
			"(commons schema -o %s) et désignez-la à la ligne ci-dessus ;\n" +
			"commons init le fait de lui-même quand il en trouve une.",
		optional:  " (facultatif)",
		oneOf:     " Valeurs possibles : %s.",
		defaultIs: " Si la clé est omise, la bibliothèque de clauses applique la valeur par défaut %s (templates/defaults.yaml) et le signale.",
	},
	"en": {
		header: "Starter %s. Replace each value with your own, delete the keys marked optional that you do\n" +
			"not need, then check the file with: commons validate FILE",
		offline: "To check this file offline, keep a copy of the schema beside it\n" +
			"(commons schema -o %s) and name it on the line above;\n" +
			"commons init does so by itself when it finds one.",
		optional:  " (optional)",
		oneOf:     " One of: %s.",
		defaultIs: " When the key is left out, the clause library applies the default %s (templates/defaults.yaml) and says so.",
	},
}

// starterTitles are the id, title and summary of the starter of each kind, where the schema's
// examples (those of a convention) do not fit.
var starterTitles = map[string]map[Kind][3]string{
	"fr": {
		KindCharter: {"charte-communs-valmont", "Charte des communs de Valmont",
			"La Ville de Valmont et les collectifs d’habitants fixent les principes de leur coopération pour prendre soin des communs du territoire."},
		KindCall: {"appel-communs-2026", "Appel à communs 2026 de la Ville de Valmont",
			"La Ville de Valmont soutient les communs numériques utiles à la transition écologique du territoire."},
		KindApplication: {"candidature-glycines", "Candidature du Collectif des Glycines à l’appel à communs 2026",
			"Le Collectif des Glycines présente la carte ouverte des jardins partagés de Valmont."},
	},
	"en": {
		KindCharter: {"riverside-charter", "Riverside Charter of the Commons",
			"Riverside Borough Council and residents’ groups set out the principles of their cooperation in caring for the commons of the borough."},
		KindConvention: {"pact-elm-street-garden", "", ""},
		KindCall: {"call-commons-2026", "Riverside call for commons 2026",
			"The Council supports digital commons that serve the ecological transition of the borough."},
		KindApplication: {"application-elm-street", "Application of the Friends of Elm Street Garden to the 2026 call for commons",
			"The Friends present an open map of the community gardens of Riverside."},
	},
}

// socialCriterion is the id, description and check of the social criterion of starter files.
var socialCriterion = map[string][3]string{
	"fr": {"ouverture-a-tous", "Le jardin est ouvert à tous les habitants du quartier, sans condition de ressources.", "Rapport annuel d’activité du collectif"},
	"en": {"open-to-all", "The garden is open to every resident of the neighbourhood, whatever their means.", "Annual activity report of the Friends"},
}

// starterFacts are the facts a starter declares beside the schema's example: fact, statement
// and the clause that establishes it.
var starterFacts = map[string][][3]string{
	"fr": {
		{"dedicated_to_common_use", "Le jardin est affecté à la culture partagée et à la rencontre des habitants.", "Article « Objet »"},
		{"common_management", "Le jardin est géré en commun par ses jardiniers réunis en assemblée.", "Article « Gouvernance »"},
		{"use_free_of_charge", "L’accès au jardin et à ses outils est gratuit.", "Article « Garanties d’accès »"},
		{"control_public_reporting", "Le rapport annuel d’activité est rendu public.", "Article « Compte rendu et évaluation »"},
	},
	"en": {
		{"dedicated_to_common_use", "The garden is dedicated to shared growing and to residents meeting one another.", "Article “Purpose”"},
		{"common_management", "The garden is managed in common by its gardeners meeting in assembly.", "Article “Governance”"},
		{"use_free_of_charge", "Access to the garden and its tools is free of charge.", "Article “Access guarantees”"},
		{"control_public_reporting", "The annual activity report is made public.", "Article “Reporting and evaluation”"},
	},
}

var kindWords = map[string]map[Kind]string{
	"fr": {KindCharter: "charte", KindConvention: "convention", KindCall: "appel à communs", KindApplication: "candidature"},
	"en": {KindCharter: "charter", KindConvention: "convention", KindCall: "call for commons", KindApplication: "application"},
}

// commentedOut marks a key the starter file shows as a comment: useful to know about, but its
// example cannot be valid everywhere the file may be saved, or does not fit the starter's case.
type commentedOut struct{}

// scaffoldValues overrides the schema's examples in starter files, by path. A nil value drops
// the key.
func scaffoldValues(kind Kind, lang string) map[string]any {
	v := map[string]any{}
	for i, key := range []string{"id", "title", "summary"} {
		if s := starterTitles[lang][kind]; s[i] != "" {
			v[key] = s[i]
		}
	}
	for k, x := range map[string]any{
		// The call's file is resolved next to the application, where the example file is absent.
		"application": map[string]any{"call": map[string]any{"file": commentedOut{}}},
		// The commons belongs to a party, so it needs no owner's name.
		"commons": map[string]any{"owner_name": commentedOut{}},
		// A commune has no number in the register of associations.
		"parties": map[string]any{"rna": nil},
		// The public body adopts the starter charter; recognition is for a charter adopted by
		// a community.
		"charter": map[string]any{"recognised_by": commentedOut{}, "recognition": commentedOut{}},
	} {
		v[k] = x
	}
	// A charter's instrument is a charter's; a convention's example, a collaboration pact.
	// The starter charter sets the framework of many commons: the commons a charter may cover
	// alone, and its facts, are shown commented out.
	if kind == KindCharter {
		v["instrument"] = "charter"
		v["commons"] = commentedOut{}
		v["communality"] = commentedOut{}
	}
	// A contact person is for a group without legal personality; the starter's parties are
	// legal persons. A body's seats belong to a party or a college, not both; it decides by
	// consensus, without a threshold. A free pricing has no tranches.
	v["governance"] = map[string]any{"bodies": map[string]any{"seats": map[string]any{"college": commentedOut{}}, "threshold": commentedOut{}, "parity": commentedOut{}}}
	// The starter's service is free of charge: a maximum fee, a unit of volume and a free
	// volume belong to priced services such as water, and are shown commented out.
	v["access"] = map[string]any{"pricing": map[string]any{"tranches": commentedOut{}, "max_fee": commentedOut{}, "unit": commentedOut{}, "free_volume": commentedOut{}}}
	// The schema's example of a criterion is ecological; the starter's social criterion is a
	// social one.
	v["conditions"] = map[string]any{"social": map[string]any{"id": socialCriterion[lang][0], "description": socialCriterion[lang][1], "check": socialCriterion[lang][2]}}
	// The schema's example of a fact (an open use) alone would leave the commons below the
	// thresholds the starter sets, and the convention would say so: the starter declares the
	// facts of a garden that meets them.
	if kind != KindCharter {
		// The schema's example names its clause by a number, which in a starter is another
		// article: the starter names it by its title, as it does the others.
		access := starterFacts[lang][2][2]
		facts := []map[string]any{{"evidence": map[string]any{"clause": access}}}
		for _, f := range starterFacts[lang] {
			facts = append(facts, map[string]any{"fact": f[0], "statement": f[1], "evidence": map[string]any{"clause": f[2], "url": nil, "document": nil}})
		}
		v["communality"] = map[string]any{"facts": facts}
	}
	// The article of a French designation tells its gender; the key is shown, not used.
	v["parties"] = map[string]any{"rna": nil, "gender": commentedOut{}, "contact": commentedOut{}}
	if lang == "en" {
		// The English starter is an English partnership, in pounds sterling: French registers
		// and the French power to terminate on grounds of general interest do not apply.
		v["jurisdiction"] = "GB"
		v["currency"] = "GBP"
		v["parties"] = map[string]any{"rna": nil, "siret": nil, "gender": commentedOut{}, "contact": commentedOut{}}
		v["termination"] = map[string]any{"general_interest": commentedOut{}}
	}
	return v
}

// collective is the second party of every starter file: the collective the schema's examples
// refer to.
func (sc *scaffold) collective() map[string]any {
	if sc.lang == "en" {
		return map[string]any{
			"id":           "collectif-glycines",
			"name":         "Friends of Elm Street Garden",
			"designation":  "the Friends",
			"gender":       nil,
			"plural":       true,
			"role":         string(RoleCitizenCollective),
			"legal_status": string(StatusAssociation),
			"legal_form":   "charitable incorporated organisation",
			"siret":        nil,
			"rna":          nil,
			"address":      "14 Elm Street, Riverside RV2 3BB",
			"representative": map[string]any{
				"name":      "Nadia Roussel",
				"capacity":  "Chair",
				"authority": "Resolution of the board of trustees of 3 February 2026",
			},
			"signs":   true,
			"contact": nil,
		}
	}
	return map[string]any{
		"id":           "collectif-glycines",
		"name":         "Collectif des Glycines",
		"designation":  "le Collectif",
		"gender":       nil,
		"plural":       nil,
		"role":         string(RoleCitizenCollective),
		"legal_status": string(StatusAssociation),
		"legal_form":   "Association déclarée (loi du 1er juillet 1901)",
		"siret":        nil,
		"rna":          "W421004321",
		"address":      "14 rue des Glycines, 12345 Valmont",
		"representative": map[string]any{
			"name":      "Nadia Roussel",
			"capacity":  "Présidente",
			"authority": "Décision du conseil d’administration du 3 février 2026",
		},
		"signs":   true,
		"contact": nil,
	}
}

// property writes one key with its comment. override replaces the example when not nil; path
// is the key's place in the definition, with dots.
func (sc *scaffold) property(name, path string, node *SchemaNode, override any, required bool, indent int) {
	if override == nil {
		override = sc.defaultFor(path)
	}
	sc.comment(node, path, required, indent)
	sc.value(name, path, node.Resolved(), override, indent)
}

// defaultFor returns the clause library's default for a key, in the starter's language.
func (sc *scaffold) defaultFor(path string) any {
	if d, ok := sc.defaults.Value(sc.kind, sc.jurisdiction, path); ok {
		return d.Text(sc.lang)
	}
	return nil
}

// value writes one key and its value, without comment.
func (sc *scaffold) value(name, path string, r *SchemaNode, override any, indent int) {
	b := &sc.b
	pad := strings.Repeat(" ", indent)
	switch {
	case r.Type == "object" && r.TextKind() == "" && len(r.Properties) > 0 && r.Properties[0].Name != "fr":
		fmt.Fprintf(b, "%s%s:\n", pad, name)
		values, _ := override.(map[string]any)
		sc.object(r, path, indent+2, "", values, sc.terse)
	case r.Type == "array" && r.Items.Resolved().Type == "object" && !isText(r.Items.Resolved()):
		// An override of a list of objects applies to the keys of its item; a list of
		// overrides writes one item for each, the keys explained with the first.
		fmt.Fprintf(b, "%s%s:\n", pad, name)
		if items, ok := override.([]map[string]any); ok {
			for i, values := range items {
				sc.object(r.Items.Resolved(), path, indent+4, pad+"  - ", values, i > 0)
			}
			break
		}
		values, _ := override.(map[string]any)
		sc.object(r.Items.Resolved(), path, indent+4, pad+"  - ", values, sc.terse)
	case override != nil:
		if list, ok := override.([]any); ok {
			fmt.Fprintf(b, "%s%s:\n", pad, name)
			for _, v := range list {
				fmt.Fprintf(b, "%s  - %s\n", pad, yamlScalar(v))
			}
			break
		}
		fmt.Fprintf(b, "%s%s: %s\n", pad, name, yamlScalar(override))
	case r.Type == "array":
		fmt.Fprintf(b, "%s%s:\n", pad, name)
		item := r.Items.Resolved()
		for _, v := range sc.arrayExample(r, item) {
			fmt.Fprintf(b, "%s  - %s\n", pad, yamlScalar(v))
		}
	default:
		fmt.Fprintf(b, "%s%s: %s\n", pad, name, yamlScalar(sc.example(r)))
	}
}

// isText reports whether a resolved node is the schema's text or name: a string, or a mapping
// of languages.
func isText(r *SchemaNode) bool {
	return slices.Contains(r.Types, "string") && len(r.Properties) > 0 && r.Properties[0].Name == "fr"
}

// object writes the properties of an object. When first is not empty, the first key is written
// after it (the "- " of a list item) instead of being indented. values overrides the schema's
// examples by key, at any depth; a nil value drops the key. terse leaves out comments, for a
// second item whose keys were explained with the first.
func (sc *scaffold) object(node *SchemaNode, path string, indent int, first string, values map[string]any, terse bool) {
	b := &sc.b
	terse = terse || sc.terse
	written := 0
	for _, p := range node.Properties {
		v, overridden := values[p.Name]
		if overridden && v == nil {
			continue
		}
		r := p.Node.Resolved()
		_, comment := v.(commentedOut)
		if comment {
			v = nil
		}
		var sub scaffold
		sub.kind, sub.lang, sub.jurisdiction, sub.words, sub.values, sub.defaults = sc.kind, sc.lang, sc.jurisdiction, sc.words, sc.values, sc.defaults
		sub.terse = terse
		child := path + "." + p.Name
		if terse {
			sub.value(p.Name, child, r, v, indent)
		} else {
			sub.property(p.Name, child, p.Node, v, slices.Contains(node.Required, p.Name), indent)
		}
		text := sub.b.String()
		if comment {
			text = commentOut(text)
		}
		if written == 0 && first != "" {
			// Comments stay above the item; the key moves onto the "- " line.
			lines := strings.SplitAfter(text, "\n")
			for j, l := range lines {
				if !strings.HasPrefix(strings.TrimLeft(l, " "), "#") {
					lines[j] = first + strings.TrimLeft(l, " ")
					break
				}
			}
			text = strings.Join(lines, "")
		}
		written++
		b.WriteString(text)
	}
}

func (sc *scaffold) comment(node *SchemaNode, path string, required bool, indent int) {
	t := node.In(sc.lang)
	text := t.Title
	if !required {
		text += sc.words.optional
	}
	if t.Description != "" {
		text += " : "
		if sc.lang == "en" {
			text = strings.TrimSuffix(text, " : ") + ": "
		}
		text += t.Description
	}
	if r := node.Resolved(); len(r.Enum) > 0 && !strings.Contains(t.Description, r.Enum[0]) {
		text += fmt.Sprintf(sc.words.oneOf, strings.Join(r.Enum, ", "))
	}
	if d := sc.defaultFor(path); d != nil {
		written := yamlScalar(d)
		if list, ok := d.([]any); ok {
			written = yamlFlow(list)
		}
		text += fmt.Sprintf(sc.words.defaultIs, written)
	}
	prefix := strings.Repeat(" ", indent) + "# "
	line := prefix
	for _, w := range commentWords(text) {
		if len(line) > len(prefix) && len(line)+1+len(w) > scaffoldWidth {
			sc.b.WriteString(line + "\n")
			line = prefix
		}
		if len(line) > len(prefix) {
			line += " "
		}
		line += w
	}
	sc.b.WriteString(line + "\n")
}

// commentWords splits a comment into the units a line may break between: words, with French
// quotation marks and punctuation kept with the word they belong to.
func commentWords(text string) []string {
	var out []string
	for _, w := range strings.Split(text, " ") {
		switch {
		case w == "":
		case len(out) > 0 && (strings.HasSuffix(out[len(out)-1], "«") || startsWithAny(w, "»", ":", ";", "!", "?")):
			out[len(out)-1] += " " + w
		default:
			out = append(out, w)
		}
	}
	return out
}

func (sc *scaffold) example(n *SchemaNode) any {
	if ex := n.In(sc.lang).Examples; len(ex) > 0 {
		return ex[0]
	}
	if len(n.Enum) > 0 {
		return n.Enum[0]
	}
	switch n.Type {
	case "boolean":
		return false
	case "integer", "number":
		if n.Minimum != nil {
			return *n.Minimum
		}
		return 0
	}
	return "…"
}

func (sc *scaffold) arrayExample(list, item *SchemaNode) []any {
	if ex := list.In(sc.lang).Examples; len(ex) > 0 {
		if items, ok := ex[0].([]any); ok && len(items) > 0 {
			return items
		}
	}
	return []any{sc.example(item)}
}

// yamlScalar renders one value as YAML would write it, quoting where YAML needs it (dates
// included, so they stay text).
func yamlScalar(v any) string {
	out, err := yaml.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSuffix(string(out), "\n")
}

func startsWithAny(s string, prefixes ...string) bool {
	return slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(s, p) })
}

// yamlFlow writes a list of words as YAML's flow style does, for a comment: [a, b, c].
func yamlFlow(list []any) string {
	items := make([]string, len(list))
	for i, v := range list {
		items[i] = fmt.Sprint(v)
	}
	return "[" + strings.Join(items, ", ") + "]"
}

// commentOut turns the keys and values of a piece of a starter file into comments, leaving its
// comments as they are.
func commentOut(text string) string {
	lines := strings.SplitAfter(text, "\n")
	for j, l := range lines {
		if trimmed := strings.TrimLeft(l, " "); trimmed != "" && !strings.HasPrefix(trimmed, "#") {
			lines[j] = l[:len(l)-len(trimmed)] + "# " + trimmed
		}
	}
	return strings.Join(lines, "")
}
