package render

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/score"
	"github.com/commons-toolkit/commons/partnership/typeset"
	"go.yaml.in/yaml/v3"
)

// reportWords are the fixed words of the reports, which are not clauses: they are generated, not
// negotiated, and so are written here rather than in the clause library.
var reportWords = map[string]map[string]string{
	"fr": {
		"report":             "Rapport de sélection",
		"score":              "Évaluation du degré de communalité",
		"summary":            "Synthèse",
		"ranking":            "Classement",
		"ineligible":         "Candidatures inéligibles",
		"pending":            "Candidatures éligibles en attente de notation",
		"invalid":            "Candidatures non valides",
		"marks":              "Détail des notes",
		"criteria key":       "Chaque critère est désigné dans le tableau par son numéro :",
		"weight lc":          "poids",
		"total short":        "Total",
		"method":             "Méthode",
		"rank":               "Rang",
		"application":        "Candidature",
		"applicant":          "Porteur",
		"total":              "Total pondéré (sur 100)",
		"degree":             "Degré de communalité",
		"requested":          "Montant demandé",
		"rate":               "Taux",
		"scores":             "Totaux pondérés des candidatures classées",
		"criterion":          "Critère",
		"weight":             "Poids",
		"level":              "Niveau",
		"grounds":            "Fondement",
		"none":               "aucun fait déclaré : l’exclusion reste discrétionnaire",
		"thresholds":         "Seuils",
		"met":                "atteint",
		"not met":            "non atteint",
		"conditions":         "Conditions sociales et écologiques",
		"to check":           "à vérifier",
		"yes":                "remplie",
		"no":                 "non remplie",
		"from call":          "Les seuils sont ceux de l’appel à communs.",
		"from conds":         "Les seuils sont ceux des conditions du soutien public fixées par le document.",
		"result ok":          "Toutes les conditions évaluées sont remplies.",
		"result ko":          "Au moins une condition n’est pas remplie.",
		"examined":           "candidature examinée|candidatures examinées",
		"n ranked":           "classée|classées",
		"n pending":          "éligible en attente de notation|éligibles en attente de notation",
		"n ineligible":       "inéligible|inéligibles",
		"n invalid":          "non valide|non valides",
		"none examined":      "Aucune candidature n’a été examinée.",
		"contributors":       "contributeur|contributeurs",
		"months":             "mois|mois",
		"rubric":             "Grille %s, version %s : le degré de communalité est égal au niveau d’intérêt commun rapporté à 3, multiplié par la moyenne géométrique des niveaux d’usage, de gouvernance et de préservation rapportée à 4.",
		"weights":            "Le jury attribue à chaque critère une note sur 20.\nLe total pondéré d’une candidature est la somme des notes obtenues sur chaque critère multipliées par la pondération du critère, divisée par 20 ; il est exprimé sur 100.",
		"gate licence":       "aucune licence parmi celles que l’appel accepte (licences déclarées : %s ; acceptées : %s)",
		"gate community":     "la communauté compte %s, pour un minimum de %s",
		"gate community 0":   "la communauté ne compte aucun contributeur, pour un minimum de %s",
		"gate documentation": "la documentation du commun n’est pas publique",
		"gate challenge":     "la candidature ne répond à aucun défi de l’appel",
		"gate communality":   "le profil de communalité (%s) n’atteint pas les seuils de l’appel (%s)",
		"gate funding_band":  "le montant demandé (%s) sort de la fourchette de l’appel (%s)",
		"gate rate_cap":      "le taux d’aide demandé (%s %%) dépasse le plafond de l’appel (%s %%)",
		"gate duration":      "la durée demandée (%s) dépasse la durée maximale de l’appel (%s)",
	},
	"en": {
		"report":             "Selection report",
		"score":              "Communality assessment",
		"summary":            "Summary",
		"ranking":            "Ranking",
		"ineligible":         "Ineligible applications",
		"pending":            "Eligible applications awaiting marks",
		"invalid":            "Invalid applications",
		"marks":              "Marks in detail",
		"criteria key":       "Each criterion is referred to in the table by its number:",
		"weight lc":          "weight",
		"total short":        "Total",
		"method":             "Method",
		"rank":               "Rank",
		"application":        "Application",
		"applicant":          "Applicant",
		"total":              "Weighted total (out of 100)",
		"degree":             "Degree of communality",
		"requested":          "Amount requested",
		"rate":               "Rate",
		"scores":             "Weighted totals of the ranked applications",
		"criterion":          "Criterion",
		"weight":             "Weight",
		"level":              "Level",
		"grounds":            "Grounds",
		"none":               "no declared fact: exclusion remains discretionary",
		"thresholds":         "Thresholds",
		"met":                "met",
		"not met":            "not met",
		"conditions":         "Social and ecological conditions",
		"to check":           "to be checked",
		"yes":                "met",
		"no":                 "not met",
		"from call":          "The thresholds are those of the call for commons.",
		"from conds":         "The thresholds are those of the document's conditions of public support.",
		"result ok":          "Every condition assessed is met.",
		"result ko":          "At least one condition is not met.",
		"examined":           "application examined|applications examined",
		"n ranked":           "ranked|ranked",
		"n pending":          "eligible and awaiting marks|eligible and awaiting marks",
		"n ineligible":       "ineligible|ineligible",
		"n invalid":          "invalid|invalid",
		"none examined":      "No application was examined.",
		"contributors":       "contributor|contributors",
		"months":             "month|months",
		"rubric":             "Rubric %s, version %s: the degree of communality equals the level of common interest over 3, times the geometric mean of the levels of use, governance and preservation over 4.",
		"weights":            "The jury marks each criterion out of 20.\nThe weighted total of an application is the sum of its marks on each criterion multiplied by the weight of the criterion, divided by 20; it is expressed out of 100.",
		"gate licence":       "no licence among those the call accepts (declared: %s; accepted: %s)",
		"gate community":     "the community has %s, against a minimum of %s",
		"gate community 0":   "the community has no contributors, against a minimum of %s",
		"gate documentation": "the documentation of the commons is not public",
		"gate challenge":     "the application answers none of the call's challenges",
		"gate communality":   "the communality profile (%s) does not reach the call's thresholds (%s)",
		"gate funding_band":  "the amount requested (%s) lies outside the call's band (%s)",
		"gate rate_cap":      "the rate requested (%s%%) exceeds the call's cap (%s%%)",
		"gate duration":      "the duration requested (%s) exceeds the call's maximum (%s)",
	},
}

// reporter writes a report in one language.
type reporter struct {
	lib   *Library
	lang  string
	loc   locale
	words map[string]string
	b     bytes.Buffer
}

func newReporter(lib *Library, lang string) *reporter {
	if lang != "en" {
		lang = "fr"
	}
	return &reporter{lib: lib, lang: lang, loc: newLocale(lang), words: reportWords[lang]}
}

func (r *reporter) w(s string) string {
	if w, ok := r.words[s]; ok {
		return w
	}
	return moreReportWords[r.lang][s]
}

// count writes a number with the singular or plural form of a word ("one|many").
func (r *reporter) count(n int, key string) string {
	one, many, _ := strings.Cut(r.w(key), "|")
	return strconv.Itoa(n) + " " + pluralWord(r.lang, n, one, many)
}

// summaryGroups are the groups of applications the summary counts, in the order it names them.
var summaryGroups = []string{"n ranked", "n pending", "n ineligible", "n invalid"}

// summary counts the applications examined and names only the groups that hold some, the last
// after "et" or "and": "3 candidatures examinées : 2 classées et 1 inéligible."
func (r *reporter) summary(total int, groups map[string]int) string {
	if total == 0 {
		return r.w("none examined")
	}
	var parts []string
	for _, g := range summaryGroups {
		if n := groups[g]; n > 0 {
			parts = append(parts, r.count(n, g))
		}
	}
	return r.count(total, "examined") + r.colon() + " " + r.loc.join(parts) + "."
}

// units writes a number given as text with its unit in the singular or the plural ("one|many"
// words of key); a text that is not a number keeps the plural.
func (r *reporter) units(s, key string) string {
	one, many, _ := strings.Cut(r.w(key), "|")
	if v, err := strconv.ParseFloat(s, 64); err == nil && v == float64(int(v)) {
		return s + " " + pluralWord(r.lang, int(v), one, many)
	}
	return s + " " + many
}

// colon is a colon as the language writes it after a word: spaced in French.
func (r *reporter) colon() string {
	if r.lang == "fr" {
		return " :"
	}
	return ":"
}

func (r *reporter) label(enum, value string) string {
	if s, ok := r.lib.Label(r.lang, enum, value); ok {
		return s
	}
	return value
}

// line writes a line of Markdown, with French spacing where the language wants it.
func (r *reporter) line(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	if r.lang == "fr" {
		s = frenchSpacing(s) // the reports write one line at a time
	}
	r.b.WriteString(s + "\n")
}

func (r *reporter) frontMatter(m Meta) {
	data, _ := yaml.Marshal(m)
	r.b.WriteString("---\n")
	r.b.Write(data)
	r.b.WriteString("---\n\n")
}

// ScoreReport writes the communality assessment of one definition as a Markdown document.
func (r *Renderer) ScoreReport(doc *partnership.Document, res score.Result, lang string) []byte {
	if lang == "" {
		lang = doc.Definition.Lang
	}
	rp := newReporter(r.lib, lang)
	def := doc.Definition
	rp.frontMatter(Meta{Title: rp.w("score") + " – " + def.Title, Kind: "report", KindLabel: rp.w("score"), Lang: rp.lang,
		Definition: def.ID, DefinitionSHA256: doc.Digest, Templates: r.lib.Version})
	rp.line("# %s", rp.w("score"))
	rp.line("")
	rp.line("%s", escapeInline(def.Title))
	rp.line("")
	if res.Applies {
		rp.profile(res.Profile, res.Checks)
	} else {
		rp.notApplicable(res)
	}
	if len(res.Checks) > 0 {
		rp.line("")
		rp.line("## %s {#thresholds}", rp.w("thresholds"))
		rp.line("")
		if res.ThresholdsFrom == "call" {
			rp.line("%s", rp.w("from call"))
		} else {
			rp.line("%s", rp.w("from conds"))
		}
		rp.line("")
		for _, c := range res.Checks {
			state := rp.w("met")
			if !c.Met {
				state = "**" + rp.w("not met") + "**"
			}
			rp.line("- %s%s %s / %s, %s", capFirstPlain(rp.label("axis", c.Axis)), rp.colon(), rp.loc.number(c.Actual), rp.loc.number(c.Required), state)
		}
	}
	if len(res.Criteria) > 0 {
		rp.line("")
		rp.line("## %s {#conditions}", rp.conditionsHeading(res))
		rp.line("")
		for _, c := range res.Criteria {
			state := rp.w("to check")
			if c.Met != nil && *c.Met {
				state = rp.w("yes")
			} else if c.Met != nil {
				state = "**" + rp.w("no") + "**"
			}
			rp.line("- %s%s %s", escapeInline(c.Description), rp.colon(), state)
		}
	}
	rp.line("")
	switch {
	case !res.Met:
		rp.line("**%s**", rp.w("result ko"))
		rp.line("")
	case assessed(res):
		rp.line("%s", rp.w("result ok"))
		rp.line("")
	case len(res.Criteria) > 0:
		rp.line("%s", rp.w("none assessed"))
		rp.line("")
	}
	rp.line(rp.w("rubric"), res.Profile.Rubric, res.Profile.Version)
	return rp.b.Bytes()
}

// profile writes the table of levels with the rules and facts behind them, and the chart.
func (rp *reporter) profile(p score.Profile, checks []score.Check) {
	rp.line("%s%s **%s / 100**", capFirstPlain(rp.label("axis", "degree")), rp.colon(), rp.loc.number(p.Degree))
	rp.line("")
	rp.line("| %s | %s | %s |", rp.w("criterion"), rp.w("level"), rp.w("grounds"))
	rp.line("| --- | :---: | --- |")
	var ci []string
	for _, s := range p.CommonInterestSources {
		ci = append(ci, escapeInline(rp.label("fact", s.Fact))+" ("+s.Pointer+")")
	}
	if len(ci) == 0 {
		ci = append(ci, rp.w("none"))
	}
	rp.line("| %s | %d / 3 | %s |", capFirstPlain(rp.label("axis", "common_interest")), p.CommonInterest, strings.Join(ci, "; "))
	for _, a := range score.Axes {
		grounds := rp.w("none")
		for _, f := range p.Findings {
			if f.Axis != a || f.Level != p.Level(a) {
				continue
			}
			for _, rule := range score.Rules {
				if rule.ID == f.Rule {
					var srcs []string
					for _, s := range f.Sources {
						srcs = append(srcs, s.Pointer)
					}
					grounds = escapeInline(rule.Text[rp.lang]) + " (" + strings.Join(srcs, ", ") + ")"
				}
			}
			break
		}
		rp.line("| %s | %d / 4 | %s |", capFirstPlain(rp.label("axis", string(a))), p.Level(a), grounds)
	}
	rp.line("")
	c := typeset.Chart{Title: capFirstPlain(rp.label("axis", "degree")), Max: 4}
	for _, a := range score.Axes {
		bar := typeset.Bar{Label: capFirstPlain(rp.label("axis", string(a))), Value: float64(p.Level(a)), Text: strconv.Itoa(p.Level(a)) + " / 4"}
		for _, ch := range checks {
			if ch.Axis == string(a) {
				bar.Threshold = ch.Required
				c.ThresholdLabel = map[string]string{"fr": "seuil requis", "en": "required threshold"}[rp.lang]
			}
		}
		c.Bars = append(c.Bars, bar)
	}
	rp.b.WriteString(typeset.ChartBlock(c) + "\n")
}

// Rank ranks the applications to a call (see score.RankWith) with the defaults of the
// renderer's clause library, house directories included, so that the report and the ranking
// follow the same tie-break rule. When the call sets none, the default applied is returned as
// a warning at the position of the call's section, as every default of a document is.
func (r *Renderer) Rank(call *partnership.Document, apps []score.Application) (score.Assessment, partnership.Diagnostics) {
	a := score.RankWith(call.Definition, apps, r.lib.Defaults())
	if a.TieBreakDefault == "" {
		return a, nil
	}
	steps := make([]any, len(a.TieBreak))
	for i, s := range a.TieBreak {
		steps[i] = s
	}
	field := strings.TrimPrefix(partnership.TieBreakField, "call.")
	return a, partnership.Diagnostics{defaultWarning(call, AppliedDefault{Pointer: "/call/" + field, Key: a.TieBreakDefault, Value: steps, Source: a.TieBreakSource})}
}

// SelectionReport writes the report of a call's selection: the ranking, the ineligible
// applications with their reasons, the invalid ones with their diagnostics, the marks.
func (r *Renderer) SelectionReport(call *partnership.Document, a score.Assessment, lang string) []byte {
	def := call.Definition
	if lang == "" {
		lang = def.Lang
	}
	rp := newReporter(r.lib, lang)
	rp.loc = rp.loc.withCurrency(def.Currency)
	if local, _ := call.LocalizedWith(rp.lang, nil); local != nil {
		def = local
	}
	rp.frontMatter(Meta{Title: rp.w("report") + " – " + def.Title, Kind: "report", KindLabel: rp.w("report"), Lang: rp.lang,
		Definition: def.ID, DefinitionSHA256: call.Digest, Templates: r.lib.Version})
	rp.line("# %s", rp.w("report"))
	rp.line("")
	rp.line("%s", escapeInline(def.Title))
	var ranked, pending, ineligible, invalid []score.Application
	for _, app := range a.Applications {
		switch {
		case !app.Valid:
			invalid = append(invalid, app)
		case !app.Eligible:
			ineligible = append(ineligible, app)
		case app.Rank == 0:
			pending = append(pending, app)
		default:
			ranked = append(ranked, app)
		}
	}
	rp.line("")
	rp.line("## %s {#summary}", rp.w("summary"))
	rp.line("")
	rp.line("%s", rp.summary(len(a.Applications), map[string]int{"n ranked": len(ranked), "n pending": len(pending),
		"n ineligible": len(ineligible), "n invalid": len(invalid)}))
	if len(ranked) > 0 {
		rp.line("")
		rp.line("## %s {#ranking}", rp.w("ranking"))
		rp.line("")
		rp.table(ranked, true)
		rp.line("")
		chart := typeset.Chart{Title: rp.w("scores"), Max: 100}
		for _, app := range ranked {
			chart.Bars = append(chart.Bars, typeset.Bar{Label: fmt.Sprintf("%d. %s", app.Rank, app.ID), Value: *app.Total, Text: rp.loc.number(*app.Total)})
		}
		rp.b.WriteString(typeset.ChartBlock(chart) + "\n")
		rp.line("")
		rp.tieBreak(a, ranked)
		rp.objection(a.ObjectionDays)
	}
	rp.toCheck(def)
	if len(pending) > 0 {
		rp.line("")
		rp.line("## %s {#pending}", rp.w("pending"))
		rp.line("")
		rp.table(pending, false)
	}
	if len(ineligible) > 0 {
		rp.line("")
		rp.line("## %s {#ineligible}", rp.w("ineligible"))
		for _, app := range ineligible {
			rp.line("")
			rp.line("### %s", escapeInline(app.Title))
			rp.line("")
			rp.line("%s (%s), `%s`", escapeInline(app.Applicant), app.ID, app.File)
			rp.line("")
			for _, g := range app.Gates {
				if !g.Met {
					if reason, ok := rp.moreGateReason(g, app, def); ok {
						rp.line("- %s", reason)
						continue
					}
					rp.line("- %s", rp.gateReason(g))
				}
			}
		}
	}
	if len(invalid) > 0 {
		rp.line("")
		rp.line("## %s {#invalid}", rp.w("invalid"))
		for _, app := range invalid {
			rp.line("")
			rp.line("### `%s`", app.File)
			rp.line("")
			for _, d := range app.Diagnostics {
				if d.Severity == partnership.Error {
					// Diagnostics are written in English: French spacing stays out of them.
					rp.b.WriteString("- " + escapeInline(d.String()) + "\n")
				}
			}
		}
	}
	if len(def.Call.Criteria) > 0 && len(ranked)+len(pending) > 0 {
		rp.marks(def.Call.Criteria, append(append([]score.Application{}, ranked...), pending...))
	}
	rp.line("")
	rp.line("## %s {#method}", rp.w("method"))
	rp.line("")
	rp.line("%s", rp.w("weights"))
	rp.line(rp.w("rubric"), a.Rubric, a.Version)
	return rp.b.Bytes()
}

// marks writes the jury's marks with one row per application, however many there are, and one
// column per criterion, named by its number; the criteria are listed above the table.
func (rp *reporter) marks(criteria []partnership.WeightedCriterion, apps []score.Application) {
	rp.line("")
	rp.line("## %s {#marks}", rp.w("marks"))
	rp.line("")
	rp.line("%s", rp.w("criteria key"))
	rp.line("")
	for i, cr := range criteria {
		rp.line("- C%d%s %s (%s %s)", i+1, rp.colon(), escapeInline(cr.Title), rp.w("weight lc"), rp.loc.percent(float64(cr.Weight)))
	}
	rp.line("")
	head, delim := "| "+rp.w("rank")+" | "+rp.w("application"), "| ---: | ---"
	for i := range criteria {
		head += fmt.Sprintf(" | C%d", i+1)
		delim += " | ---:"
	}
	rp.line("%s | %s |", head, rp.w("total short"))
	rp.line("%s | ---: |", delim)
	for _, app := range apps {
		rank, total := "–", "–"
		if app.Rank > 0 {
			rank = strconv.Itoa(app.Rank)
		}
		if app.Total != nil {
			total = rp.loc.number(*app.Total)
		}
		row := "| " + rank + " | " + escapeInline(app.ID)
		for _, cr := range criteria {
			if m, ok := app.Marks[cr.ID]; ok {
				row += " | " + rp.loc.number(m)
			} else {
				row += " | –"
			}
		}
		rp.line("%s | %s |", row, total)
	}
}

func (rp *reporter) table(apps []score.Application, ranked bool) {
	head := "| "
	if ranked {
		head += rp.w("rank") + " | "
	}
	head += fmt.Sprintf("%s | %s | %s | %s | %s | %s |", rp.w("application"), rp.w("applicant"), rp.w("total"), rp.w("degree"), rp.w("requested"), rp.w("rate"))
	rp.line("%s", head)
	delim := "| "
	if ranked {
		delim += "---: | "
	}
	rp.line("%s--- | --- | ---: | ---: | ---: | ---: |", delim)
	for _, app := range apps {
		row := "| "
		if ranked {
			row += strconv.Itoa(app.Rank) + " | "
		}
		total := "–"
		if app.Total != nil {
			total = rp.loc.number(*app.Total)
		}
		row += fmt.Sprintf("%s | %s | %s | %s | %s | %s |", escapeInline(app.Title), escapeInline(app.Applicant), total,
			rp.loc.number(app.Profile.Degree), rp.loc.amount(app.Requested), rp.loc.percent(app.Rate))
		rp.line("%s", row)
	}
}

// gateReason says in plain words why an application fails a gate.
func (rp *reporter) gateReason(g score.Gate) string {
	format := rp.w("gate " + g.ID)
	switch g.ID {
	case "licence":
		found := g.Found
		if found == "" {
			found = "–"
		}
		return fmt.Sprintf(format, escapeInline(found), escapeInline(g.Required))
	case "communality":
		var pairs []string
		for _, a := range []string{"common_interest", "use", "governance", "preservation", "degree"} {
			pairs = append(pairs, a, rp.label("axis", a))
		}
		words := strings.NewReplacer(pairs...)
		return fmt.Sprintf(format, escapeInline(words.Replace(g.Found)), escapeInline(words.Replace(g.Required)))
	case "community":
		if g.Found == "0" {
			return fmt.Sprintf(rp.w("gate community 0"), escapeInline(g.Required))
		}
		return fmt.Sprintf(format, escapeInline(rp.units(g.Found, "contributors")), escapeInline(g.Required))
	case "duration":
		return fmt.Sprintf(format, escapeInline(rp.units(g.Found, "months")), escapeInline(rp.units(g.Required, "months")))
	case "rate_cap":
		return fmt.Sprintf(format, escapeInline(g.Found), escapeInline(g.Required))
	case "funding_band":
		lo, hi, _ := strings.Cut(g.Required, "–")
		return fmt.Sprintf(format, rp.amountText(g.Found), rp.amountText(lo)+" – "+rp.amountText(hi))
	}
	return format
}

func (rp *reporter) amountText(s string) string {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	return rp.loc.amount(v)
}
