package render

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/score"
)

// scoreTextWords are the words of commons score's report for a terminal.
var scoreTextWords = map[string]map[string]string{
	"fr": {
		"head":          "%s : degré de communalité %s / 100 (grille %s %s)",
		"na":            "%s : %s",
		"unbacked":      "non retenu, faute de stipulation ou de pièce contraignante : %s",
		"rule":          "niveau %d, règle %s : %s",
		"at":            "%s en %s",
		"thresholds":    "seuils (%s) :",
		"from call":     "de l’appel à communs",
		"from conds":    "des conditions du soutien fixées par le document",
		"threshold":     "%s, au moins %s : %s",
		"no thresholds": "aucun seuil ne s’applique",
		"conditions":    "conditions du soutien :",
		"met":           "atteint",
		"not met":       "NON ATTEINT",
		"cond met":      "remplie",
		"cond not met":  "NON REMPLIE",
		"to check":      "à vérifier",
		"ok":            "résultat : toutes les conditions évaluées sont remplies",
		"ko":            "résultat : au moins une condition N’EST PAS remplie",
		"none assessed": "résultat : aucune condition n’a encore été évaluée",
		"clause":        "stipulation",
		"document":      "pièce",
		"url":           "adresse",
	},
	"en": {
		"head":          "%s: degree of communality %s / 100 (rubric %s %s)",
		"na":            "%s: %s",
		"unbacked":      "not counted, no binding clause or document: %s",
		"rule":          "level %d, rule %s: %s",
		"at":            "%s at %s",
		"thresholds":    "thresholds (from %s):",
		"from call":     "the call",
		"from conds":    "the definition's conditions of support",
		"threshold":     "%s, at least %s: %s",
		"no thresholds": "no thresholds apply",
		"conditions":    "conditions of support:",
		"met":           "met",
		"not met":       "NOT MET",
		"cond met":      "met",
		"cond not met":  "NOT MET",
		"to check":      "to be checked",
		"ok":            "result: every condition assessed is met",
		"ko":            "result: at least one condition is NOT MET",
		"none assessed": "result: no condition has been assessed yet",
		"clause":        "clause",
		"document":      "document",
		"url":           "url",
	},
}

// ScoreText explains a score for a terminal, in the language given (else the definition's):
// the degree, each level with the rule and the facts that gave it, the thresholds and the
// conditions of support. Numbers follow the language ("62,5" in French).
func (r *Renderer) ScoreText(doc *partnership.Document, res score.Result, lang string) []byte {
	if lang == "" {
		lang = doc.Definition.Lang
	}
	rp := newReporter(r.lib, lang)
	words := scoreTextWords[rp.lang]
	var b bytes.Buffer
	p := res.Profile
	width := 0
	for _, a := range append([]score.Axis{score.CommonInterest}, score.Axes...) {
		width = max(width, len([]rune(rp.label("axis", string(a)))))
	}
	if !res.Applies {
		fmt.Fprintf(&b, words["na"]+"\n", partnership.Printable(doc.File), rp.w("na "+res.NotApplicable))
	} else {
		fmt.Fprintf(&b, words["head"]+"\n\n", partnership.Printable(doc.File), rp.loc.number(p.Degree), p.Rubric, p.Version)
		fmt.Fprintf(&b, "  %-*s %d / 3\n", width, rp.label("axis", string(score.CommonInterest)), p.CommonInterest)
		for _, s := range p.CommonInterestSources {
			fmt.Fprintf(&b, "      %s\n", rp.source(s, words))
		}
		for _, s := range p.Unbacked {
			fmt.Fprintf(&b, "      "+words["unbacked"]+"\n", rp.source(s, words))
		}
		for _, a := range score.Axes {
			fmt.Fprintf(&b, "  %-*s %d / 4\n", width, rp.label("axis", string(a)), p.Level(a))
			for _, f := range p.Findings {
				if f.Axis != a {
					continue
				}
				for _, rule := range score.Rules {
					if rule.ID == f.Rule {
						fmt.Fprintf(&b, "      "+words["rule"]+"\n", f.Level, rule.ID, rule.Text[rp.lang])
					}
				}
				for _, s := range f.Sources {
					fmt.Fprintf(&b, "          %s\n", rp.source(s, words))
				}
			}
		}
		if len(res.Checks) > 0 {
			from := words["from conds"]
			if res.ThresholdsFrom == "call" {
				from = words["from call"]
			}
			fmt.Fprintf(&b, "\n"+words["thresholds"]+"\n", from)
			for _, ch := range res.Checks {
				state := words["met"]
				if !ch.Met {
					state = words["not met"]
				}
				fmt.Fprintf(&b, "  %-*s "+words["threshold"]+"\n", width, rp.label("axis", ch.Axis), rp.loc.number(ch.Actual), rp.loc.number(ch.Required), state)
			}
		} else {
			fmt.Fprintf(&b, "\n%s\n", words["no thresholds"])
		}
	}
	if len(res.Criteria) > 0 {
		fmt.Fprintf(&b, "\n%s\n", words["conditions"])
		for _, cr := range res.Criteria {
			state := words["to check"]
			if cr.Met != nil && *cr.Met {
				state = words["cond met"]
			} else if cr.Met != nil {
				state = words["cond not met"]
			}
			fmt.Fprintf(&b, "  %-16s %s%s %s\n", rp.label("condition_category", cr.Kind), partnership.Printable(cr.ID), rp.colon(), state)
		}
	}
	switch {
	case !res.Met:
		fmt.Fprintf(&b, "\n%s\n", words["ko"])
	case assessed(res):
		fmt.Fprintf(&b, "\n%s\n", words["ok"])
	case len(res.Criteria) > 0:
		fmt.Fprintf(&b, "\n%s\n", words["none assessed"])
	}
	return b.Bytes()
}

// source writes a fact that counted, with where it is declared and its evidence.
func (rp *reporter) source(s score.Source, words map[string]string) string {
	out := fmt.Sprintf(words["at"], s.Fact, s.Pointer)
	if e := s.Evidence; e != nil {
		var ev []string
		for _, part := range [][2]string{{"clause", e.Clause}, {"document", e.Document}, {"url", e.URL}} {
			if part[1] != "" {
				ev = append(ev, words[part[0]]+rp.colon()+" "+part[1])
			}
		}
		if len(ev) > 0 {
			out += " (" + strings.Join(ev, "; ") + ")"
		}
	}
	// The evidence is text of the definition: a line break in it must not start a line of
	// the report.
	return partnership.Printable(out)
}

// assessed reports whether anything of a score was assessed: a threshold checked, or a
// condition of support declared met or not met. A result with nothing assessed is not "met".
func assessed(res score.Result) bool {
	if res.Applies && len(res.Checks) > 0 {
		return true
	}
	for _, c := range res.Criteria {
		if c.Met != nil {
			return true
		}
	}
	return res.Applies && len(res.Criteria) == 0
}
