package render

import (
	"fmt"
	"strings"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/score"
)

// moreReportWords are the words of the parts of the reports that follow what a call publishes
// (its tie-break rule, its calendar, its objection period, the conditions left to the jury) and
// of the scale of communality when it does not apply.
var moreReportWords = map[string]map[string]string{
	"fr": {
		"tie intro":        "À total pondéré égal, les candidatures sont départagées selon les règles suivantes, appliquées successivement tant que l’égalité persiste :",
		"tie shared":       "Les candidatures que ces règles ne départagent pas partagent le même rang.",
		"tie default":      "L’appel ne fixant pas de règle de départage, cette règle est celle que la bibliothèque de clauses applique par défaut (%s, dans %s).",
		"tie after":        "%s est classée après %s à total pondéré égal, par application de la règle suivante : %s",
		"tie same":         "%s et %s partagent le rang %d : aucune règle de départage ne les sépare.",
		"ties":             "Égalités",
		"objection":        "Le présent classement est publié ; pendant %s à compter de sa publication, toute personne peut présenter une objection, avant toute décision d’attribution.",
		"jury":             "Conditions à vérifier par le jury",
		"jury intro":       "Les conditions d’éligibilité suivantes sont rédigées en texte libre : aucun programme ne peut les vérifier, et le jury s’assure que chaque candidature classée y satisfait.",
		"gate late":        "la candidature a été déposée le %s, après la clôture de la relève %s, le %s",
		"gate early":       "la candidature a été déposée le %s, avant l’ouverture de la relève %s, le %s",
		"gate outside":     "la candidature a été déposée le %s, en dehors de toute relève de l’appel",
		"gate call closed": "la candidature a été déposée le %s, en dehors de la période d’ouverture de l’appel (%s)",
		"gate undated":     "la candidature n’indique pas la date de son dépôt",
		"gate commons":     "le commun (%s) n’est pas d’une nature que l’appel accepte (%s)",
		"gate site":        "la documentation du commun (%s) n’est pas publiée à l’une des adresses que l’appel impose (%s)",
		"not applicable":   "Échelle de communalité",
		"na call":          "L’échelle de communalité ne s’applique pas à un appel à communs : elle s’applique à chacune des candidatures qui y répondent, et commons assess la calcule pour chacune d’elles.",
		"na charter":       "L’échelle de communalité ne s’applique pas à cette charte, qui ne déclare pas les faits d’un commun qu’elle couvrirait : elle s’applique aux communs, et une charte qui porte sur un seul commun peut en déclarer les faits (communality.facts).",
		"support conds":    "Conditions du soutien",
		"none assessed":    "Aucune condition n’a encore été évaluée.",
	},
	"en": {
		"tie intro":        "Where applications have the same weighted total, they are separated by the following rules, applied in turn for as long as they remain tied:",
		"tie shared":       "Applications that these rules do not separate share the same rank.",
		"tie default":      "As the call sets no tie-break rule, this is the rule the clause library applies by default (%s, in %s).",
		"tie after":        "%s ranks after %s at the same weighted total, under the following rule: %s",
		"tie same":         "%s and %s share rank %d: no tie-break rule separates them.",
		"ties":             "Ties",
		"objection":        "This ranking is published; for %s from its publication, anyone may raise an objection, before any award is decided.",
		"jury":             "Conditions to be checked by the jury",
		"jury intro":       "The following eligibility conditions are written in free text: no program can check them, and the jury makes sure that every ranked application meets them.",
		"gate late":        "the application was filed on %s, after round %s closed on %s",
		"gate early":       "the application was filed on %s, before round %s opened on %s",
		"gate outside":     "the application was filed on %s, outside every round of the call",
		"gate call closed": "the application was filed on %s, outside the period the call is open (%s)",
		"gate undated":     "the application does not state the date it was filed",
		"gate commons":     "the commons (%s) is not of a kind the call accepts (%s)",
		"gate site":        "the documentation of the commons (%s) is not published at one of the addresses the call requires (%s)",
		"not applicable":   "Scale of communality",
		"na call":          "The scale of communality does not apply to a call for commons: it applies to each of the applications to it, and commons assess computes it for each of them.",
		"na charter":       "The scale of communality does not apply to this charter, which declares no facts of a commons it would cover: it applies to commons, and a charter that covers a single commons may declare its facts (communality.facts).",
		"support conds":    "Conditions of support",
		"none assessed":    "No condition has been assessed yet.",
	},
}

// tieBreak writes the tie-break rule the ranking applied, from the same data and words as the
// call document, then how each tie was settled.
func (rp *reporter) tieBreak(a score.Assessment, ranked []score.Application) {
	if len(a.TieBreak) > 0 {
		rp.line("%s", rp.w("tie intro"))
		rp.line("")
		for i, step := range a.TieBreak {
			rp.line("%d. %s.", i+1, capFirstPlain(rp.label("tie_break", step)))
		}
	}
	var after []string
	if len(a.TieBreak) == 0 || a.TieBreak[len(a.TieBreak)-1] != partnership.TieReference {
		after = append(after, rp.w("tie shared"))
	}
	if a.TieBreakDefault != "" {
		source := a.TieBreakSource
		if source == "" {
			source = "templates/" + partnership.DefaultsFile
		}
		after = append(after, fmt.Sprintf(rp.w("tie default"), a.TieBreakDefault, source))
	}
	if len(after) > 0 {
		if len(a.TieBreak) > 0 {
			rp.line("")
		}
		for _, l := range after {
			rp.line("%s", l)
		}
	}
	var notes []string
	for i, app := range ranked {
		switch {
		case i == 0 || app.Tie == "":
		case app.Tie == "shared":
			notes = append(notes, fmt.Sprintf(rp.w("tie same"), escapeInline(ranked[i-1].ID), escapeInline(app.ID), app.Rank))
		default:
			notes = append(notes, fmt.Sprintf(rp.w("tie after"), escapeInline(app.ID), escapeInline(ranked[i-1].ID), rp.label("tie_break", app.Tie)+"."))
		}
	}
	if len(notes) > 0 {
		rp.line("")
		rp.line("### %s", rp.w("ties"))
		rp.line("")
		for _, n := range notes {
			rp.line("- %s", n)
		}
	}
}

// objection writes the period of public objection that follows the publication of the ranking.
func (rp *reporter) objection(days int) {
	if days <= 0 {
		return
	}
	rp.line("")
	rp.line(rp.w("objection"), rp.loc.count(days, map[string]string{"fr": "jour", "en": "day"}[rp.lang], map[string]string{"fr": "jours", "en": "days"}[rp.lang]))
}

// toCheck lists the eligibility conditions written in free text, which the jury checks.
func (rp *reporter) toCheck(call *partnership.Definition) {
	if call.Call == nil || call.Call.Eligibility == nil || len(call.Call.Eligibility.Other) == 0 {
		return
	}
	rp.line("")
	rp.line("## %s {#to-check}", rp.w("jury"))
	rp.line("")
	rp.line("%s", rp.w("jury intro"))
	rp.line("")
	for _, c := range call.Call.Eligibility.Other {
		rp.line("- %s", escapeInline(unmark(c)))
	}
}

// calendarReason says why an application fails the calendar of the call: filed late, early,
// outside every round or the call's period, or not dated.
func (rp *reporter) calendarReason(g score.Gate, app score.Application, call *partnership.Definition) string {
	if g.Found == "" {
		return rp.w("gate undated")
	}
	filed := rp.loc.date(g.Found)
	from, to, _ := strings.Cut(g.Required, "/")
	if app.Round == "" || call.Call == nil {
		if len(call.Call.Rounds) > 0 {
			return fmt.Sprintf(rp.w("gate outside"), filed)
		}
		return fmt.Sprintf(rp.w("gate call closed"), filed, rp.period(from, to))
	}
	r, _ := call.Call.RoundOf(app.Round, "")
	name := rp.loc.quote(escapeInline(unmark(r.Name)))
	if r.Name == "" {
		name = escapeInline(r.ID)
	}
	switch {
	case g.Found > to:
		return fmt.Sprintf(rp.w("gate late"), filed, name, rp.loc.date(to))
	case g.Found < from:
		return fmt.Sprintf(rp.w("gate early"), filed, name, rp.loc.date(from))
	}
	return fmt.Sprintf(rp.w("gate call closed"), filed, rp.period(call.Call.Opens, call.Call.Closes))
}

// period writes the period between two dates, either of which may be missing.
func (rp *reporter) period(from, to string) string {
	words := map[string][3]string{"fr": {"du %s au %s", "à partir du %s", "jusqu’au %s"}, "en": {"from %s to %s", "from %s", "until %s"}}[rp.lang]
	switch {
	case from != "" && to != "":
		return fmt.Sprintf(words[0], rp.loc.date(from), rp.loc.date(to))
	case from != "":
		return fmt.Sprintf(words[1], rp.loc.date(from))
	}
	return fmt.Sprintf(words[2], rp.loc.date(to))
}

// moreGateReason says in plain words why an application fails one of the gates of a call's
// calendar and machine-checkable eligibility; ok is false for the other gates.
func (rp *reporter) moreGateReason(g score.Gate, app score.Application, call *partnership.Definition) (string, bool) {
	switch g.ID {
	case "calendar":
		return rp.calendarReason(g, app, call), true
	case "commons_type":
		var kinds []string
		for _, k := range strings.Split(g.Required, ", ") {
			kinds = append(kinds, rp.label("commons_type", k))
		}
		found := "–"
		if g.Found != "" {
			found = rp.label("commons_type", g.Found)
		}
		return fmt.Sprintf(rp.w("gate commons"), escapeInline(found), escapeInline(rp.loc.join(kinds))), true
	case "documentation_site":
		found := g.Found
		if found == "" {
			found = "–"
		}
		return fmt.Sprintf(rp.w("gate site"), escapeInline(found), escapeInline(g.Required)), true
	}
	return "", false
}

// notApplicable says why the scale of communality does not apply to a definition.
func (rp *reporter) notApplicable(res score.Result) {
	rp.line("%s", rp.w("na "+res.NotApplicable))
}

// conditionsHeading names the conditions of support a score lists: social and ecological, or
// of any category.
func (rp *reporter) conditionsHeading(res score.Result) string {
	for _, c := range res.Criteria {
		if c.Kind != "social" && c.Kind != "ecological" {
			return rp.w("support conds")
		}
	}
	return rp.w("conditions")
}
