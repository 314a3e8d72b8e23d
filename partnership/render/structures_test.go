package render_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership/render"
	"github.com/commons-toolkit/commons/partnership/score"
)

// spaces makes French typography's no-break spaces plain, for readable expectations.
var spaces = strings.NewReplacer("\u00a0", " ", "\u202f", " ")

func renderIn(t *testing.T, file, lang string) string {
	t.Helper()
	out := mustRender(t, load(t, filepath.Join(examplesDir, file)), render.WithLang(lang))
	return spaces.Replace(string(out.Markdown))
}

// TestDocumentNamesItself checks that every clause names the document as what it is: a compact,
// a declaration of civic use, a collaboration pact, a concession of use; with the agreements
// French needs.
func TestDocumentNamesItself(t *testing.T) {
	tests := []struct {
		file, lang string
		has, not   []string
	}{
		{"compact-riverside.yaml", "en",
			[]string{"adopt this Compact in the following terms", "The purpose of this Compact", "the Compact, as revised, is adopted in the same form as this Compact"},
			[]string{"this charter", "This charter", "the charter"}},
		{"compact-riverside.yaml", "fr",
			[]string{"Le présent pacte a pour objet", "Il énonce les valeurs", "le présent pacte peut être révisé", "le pacte révisé est adopté"},
			[]string{"charte"}},
		{"declaration-manifattura-rossi.yaml", "en",
			[]string{"The Assembly adopts this declaration in the following terms.", "This declaration is not legally binding", "in the light of which this declaration is to be interpreted"},
			[]string{"charter", "pacts concluded under it"}},
		{"declaration-manifattura-rossi.yaml", "fr",
			[]string{"La présente déclaration a pour objet", "La présente déclaration n’a pas de force juridique obligatoire", "à la lumière desquelles la présente déclaration est interprétée"},
			[]string{"charte", "pactes conclus"}},
		{"pacte-parc-des-glycines.yaml", "fr",
			[]string{"Le présent pacte prend effet le 15 avril 2026", "Il est renouvelé par tacite reconduction", "le pacte peut être résilié sans préavis", "Le présent pacte constitue un pacte de collaboration ordinaire."},
			[]string{"présente convention", "la convention"}},
		{"concession-can-teixidor.yaml", "fr",
			[]string{"La présente concession constitue une concession d’usage.", "Le droit d’usage qu’elle confère prend fin avec elle.",
				"La présente concession confère à l’Association le droit d’user de la ressource et de la gérer ; elle n’emporte aucun transfert de propriété : la Ville demeure propriétaire de la ressource.",
				"La résiliation de la présente concession met fin au droit d’usage qu’elle confère."},
			[]string{"présente convention"}},
		{"concession-can-teixidor.yaml", "en",
			[]string{"This concession is a concession of use.", "it does not transfer its ownership: the City Council remains the owner of the resource.",
				"Termination of this concession brings to an end the right of use that it confers."},
			[]string{"this convention"}},
		// Without an instrument, a convention and a charter keep their words.
		{"water-board.yaml", "en", []string{"This convention takes effect"}, []string{"this pact"}},
		{"charte-des-communs-valmont.yaml", "fr", []string{"La présente charte a pour objet"}, []string{"présent pacte"}},
	}
	for _, tt := range tests {
		t.Run(tt.file+"."+tt.lang, func(t *testing.T) {
			md := renderIn(t, tt.file, tt.lang)
			_, body, _ := strings.Cut(strings.TrimPrefix(md, "---\n"), "\n---\n")
			if front := strings.TrimSuffix(md, body); !strings.Contains(front, "kind_label: ") {
				t.Fatalf("no front matter:\n%s", front)
			}
			md = body
			for _, s := range tt.has {
				if !strings.Contains(md, s) {
					t.Errorf("no %q", s)
				}
			}
			for _, s := range tt.not {
				if i := strings.Index(md, s); i >= 0 {
					t.Errorf("still %q: …%s…", s, md[max(0, i-80):min(len(md), i+80)])
				}
			}
		})
	}
}

// TestApplicantAgreement renders application clauses for an applicant designated in the
// plural, in French and in English.
func TestApplicantAgreement(t *testing.T) {
	fr := renderIn(t, "candidature-velo-cargo-libre.yaml", "fr")
	for _, s := range []string{"Les Ateliers organisent la gouvernance", "Les Ateliers prennent les engagements suivants", "Les Ateliers déclarent les faits suivants", "Les Ateliers sollicitent une subvention"} {
		if !strings.Contains(fr, s) {
			t.Errorf("fr: no %q", s)
		}
	}
	doc := load(t, filepath.Join(examplesDir, "candidature-velo-cargo-libre.yaml"))
	party := doc.Value.(map[string]any)["parties"].([]any)[0].(map[string]any)
	party["designation"] = "the Workshops"
	party["plural"] = true
	party["representative"] = nil
	delete(party, "representative")
	en := spaces.Replace(string(mustRender(t, doc, render.WithLang("en")).Markdown))
	for _, s := range []string{"The Workshops organise the governance", "The Workshops make the following undertakings", "The Workshops declare the following facts", "The Workshops request a grant", "The Workshops certify that"} {
		if !strings.Contains(en, s) {
			t.Errorf("en: no %q", s)
		}
	}
}

// TestEveryStructureHasItsClause renders, in both languages, the example that shows each new
// structure, and looks for the words of its clause.
func TestEveryStructureHasItsClause(t *testing.T) {
	tests := []struct {
		structure, file string
		fr, en          []string
	}{
		{"several governance bodies", "pacte-tiers-lieu-la-fabrique.yaml",
			[]string{"### Instances", "**Commission paritaire de suivi du pacte** (commission de suivi)", "- Composition : deux membres désignés par la Commune et deux membres désignés par l’Association, à parité.", "- Composition : ouverte à toute personne intéressée."},
			[]string{"### Bodies", "(follow-up commission)", "with equal representation", "- Membership: open to anyone concerned."}},
		{"a veto limited to price increases", "water-board.yaml",
			[]string{"dispose d’un droit de veto sur les décisions qui augmentent un prix ou un tarif, parmi celles relevant du domaine « Pricing »"},
			[]string{"holds a veto over decisions that raise a price or a tariff, among those in the domain “Pricing”"}},
		{"a price by tranches with a free vital volume", "water-board.yaml",
			[]string{"Un volume vital de 15 m³ par personne et par an est fourni gratuitement.", "| Jusqu’à 30 m³ | 1,20 € par m³ |", "| De 30 à 120 m³ | 2,10 € par m³ |", "| Au-delà de 120 m³ | 3,40 € par m³ |"},
			[]string{"A vital volume of 15 m³ per person per year is supplied free of charge.", "| Up to 30 m³ | €1.20 per m³ |", "| Above 120 m³ | €3.40 per m³ |"}},
		{"evaluation instruments", "concession-can-teixidor.yaml",
			[]string{"| Bilan communautaire (Balanç Comunitari) | Tous les deux ans | L’Association ; La Xarxa", "Ancrage dans le quartier, Retour social, Démocratie interne et Soin des personnes et des lieux | Rendus publics |"},
			[]string{"| Community balance (Balanç Comunitari) | Every two years | The Association; The Xarxa", "| Made public |"}},
		{"the yearly report's contents", "pacte-parc-des-glycines.yaml",
			[]string{"- Nombre d’heures de bénévolat consacrées au parc."}, nil},
		{"suspension", "pacte-parc-des-glycines.yaml",
			[]string{"## Article 17 – Suspension {#suspension}", "La Commune peut décider une suspension dans les cas suivants :", "Elle ne met pas fin au présent pacte, dont la résiliation obéit aux conditions prévues à l’[article 18](#termination).", "Elle ne peut excéder 60 jours."},
			[]string{"## Article 17 – Suspension {#suspension}", "La Commune may order a suspension in the following cases:", "It does not bring the pact to an end; the pact may be terminated only as provided in [Article 18](#termination).", "It may not last longer than 60 days."}},
		{"volunteers", "pacte-parc-des-glycines.yaml",
			[]string{"## Article 14 – Bénévoles {#volunteers}", "ne perçoivent aucune rémunération, sous quelque forme que ce soit.", "Les bénévoles sont assurés par l’Association, au titre de la garantie suivante"},
			[]string{"## Article 14 – Volunteers {#volunteers}", "receive no remuneration in any form.", "The volunteers are insured by l’Association, under the following cover"}},
		{"the contact person of an informal group", "pacte-vicolo-dei-tigli.yaml",
			[]string{"agissant par l’intermédiaire de sa personne référente, Giulia Rossi, référente désignée par la réunion des résidents du 3 mars 2026 (vicolo.tigli@example.org)", "signataire : Giulia Rossi"},
			[]string{"acting through its contact person, Giulia Rossi", "signed by Giulia Rossi"}},
		{"conditions of support in any category", "compact-riverside.yaml",
			[]string{"Les critères de transparence suivants doivent être remplis :", "| Riverside CVS publishes its annual accounts and report on its website. |"},
			[]string{"The following transparency criteria must be met:", "| Riverside CVS publishes the minutes of the meetings of its board of trustees within one month. |"}},
		{"a currency", "compact-riverside.yaml",
			[]string{"| 48 000 £ |", "| 12 500 £ |"},
			[]string{"| £48,000 |", "| £12,500 |"}},
		{"ownership of the commons a charter covers", "declaration-manifattura-rossi.yaml",
			[]string{"- Propriétaire : Comune di Napoli", "## Annexe 1 – Évaluation du degré de communalité {#communality-annex}"},
			[]string{"- Owner: Comune di Napoli", "## Annex 1 – Communality assessment {#communality-annex}"}},
		{"a call's calendar, objection period and average grant", "appel-communs-numeriques-2027.yaml",
			[]string{"Le présent appel est ouvert du 4 janvier 2027 au 30 septembre 2027.", "Les candidatures peuvent être déposées en continu pendant toute cette période.", "Une candidature déposée après la date de clôture de sa relève est déclarée inéligible.", "pendant sept jours à compter de sa publication, toute personne peut présenter une objection", "Le présent appel prévoit un montant moyen de subvention de 35 000 €."},
			[]string{"This call is open from 4 January 2027 to 30 September 2027.", "An application filed after the closing date of its round is declared ineligible.", "for seven days from its publication, anyone may raise an objection", "The call expects an average grant of €35,000."}},
		{"a call's machine-checkable eligibility", "appel-communs-numeriques-2027.yaml",
			[]string{"- Le commun relève de l’une des catégories suivantes : ressource numérique, données ou connaissances.", "- La documentation du commun est publiée sous l’une des adresses suivantes : <https://forge.valmont-metropole.fr/>, <https://framagit.org/> ou <https://github.com/>."},
			[]string{"- The commons falls within one of the following categories: digital resource, data or knowledge."}},
	}
	for _, tt := range tests {
		t.Run(tt.structure, func(t *testing.T) {
			for lang, want := range map[string][]string{"fr": tt.fr, "en": tt.en} {
				md := renderIn(t, tt.file, lang)
				for _, s := range want {
					if !strings.Contains(md, s) {
						t.Errorf("%s: no %q", lang, s)
					}
				}
			}
		})
	}
}

// TestCallAndReportSaySameRule checks that the call document and the selection report print
// the tie-break rule from the same data, in the same words, and the mark scale in the same
// words; and that the report applies the call's rule.
func TestCallAndReportSaySameRule(t *testing.T) {
	callDoc := load(t, filepath.Join(examplesDir, "appel-communs-numeriques-2027.yaml"))
	var apps []score.Application
	for _, name := range []string{"candidature-atlas-sols-vivants.yaml", "candidature-velo-cargo-libre.yaml", "candidature-fabrique-des-ombres.yaml"} {
		apps = append(apps, score.AssessApplication(load(t, filepath.Join(examplesDir, name)), callDoc.Definition))
	}
	a := score.Rank(callDoc.Definition, apps)
	r, err := render.New()
	if err != nil {
		t.Fatal(err)
	}
	numbered := regexp.MustCompile(`(?m)^\d\. .*$`)
	for _, lang := range render.Languages {
		call := renderIn(t, "appel-communs-numeriques-2027.yaml", lang)
		report := spaces.Replace(string(r.SelectionReport(callDoc, a, lang)))
		inCall, inReport := numbered.FindAllString(call, -1), numbered.FindAllString(report, -1)
		if len(inCall) != 3 || strings.Join(inCall, "\n") != strings.Join(inReport, "\n") {
			t.Errorf("%s: the call says\n%s\nthe report says\n%s", lang, strings.Join(inCall, "\n"), strings.Join(inReport, "\n"))
		}
		scale := map[string]string{
			"fr": "Le total pondéré d’une candidature est la somme des notes obtenues sur chaque critère multipliées par la pondération du critère, divisée par 20 ; il est exprimé sur 100.",
			"en": "The weighted total of an application is the sum of its marks on each criterion multiplied by the weight of the criterion, divided by 20; it is expressed out of 100.",
		}[lang]
		if !strings.Contains(call, scale) || !strings.Contains(report, scale) {
			t.Errorf("%s: the mark scale is not said in the same words", lang)
		}
		if !strings.Contains(report, map[string]string{"fr": "Total pondéré (sur 100)", "en": "Weighted total (out of 100)"}[lang]) {
			t.Errorf("%s: the report does not say the total is out of 100", lang)
		}
	}
	fr := spaces.Replace(string(r.SelectionReport(callDoc, a, "fr")))
	en := spaces.Replace(string(r.SelectionReport(callDoc, a, "en")))
	for _, s := range []string{
		"- candidature-atlas-sols-vivants est classée après candidature-velo-cargo-libre à total pondéré égal, par application de la règle suivante : la candidature déposée la première l’emporte.",
		"- la candidature a été déposée le 3 avril 2027, après la clôture de la relève « Relève de mars », le 31 mars 2027",
		"## Conditions à vérifier par le jury {#to-check}",
		"- Le porteur est à jour de ses obligations fiscales et sociales.",
		"pendant sept jours à compter de sa publication, toute personne peut présenter une objection",
		"| 30 000 € |", "| 66,7 % |",
	} {
		if !strings.Contains(fr, s) {
			t.Errorf("fr report: no %q", s)
		}
	}
	for _, s := range []string{
		"- the application was filed on 3 April 2027, after round “Relève de mars” closed on 31 March 2027",
		"## Conditions to be checked by the jury {#to-check}",
		"for seven days from its publication, anyone may raise an objection",
		"| €30,000 |", "| 66.7% |",
	} {
		if !strings.Contains(en, s) {
			t.Errorf("en report: no %q", s)
		}
	}
	if strings.Contains(fr, "Les candidatures que ces règles ne départagent pas") {
		t.Error("the report says ties may remain, though the rule ends with the reference")
	}
}

// TestScoreSaysWhenTheScaleDoesNotApply: score on a call or a charter without facts says the
// scale does not apply, not "0 / 100", and never that every condition assessed is met when
// none was assessed; the report is in the language asked for.
func TestScoreSaysWhenTheScaleDoesNotApply(t *testing.T) {
	r, err := render.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		file, lang string
		has, not   []string
	}{
		{"appel-communs-numeriques-2027.yaml", "fr", []string{"L’échelle de communalité ne s’applique pas à un appel à communs"}, []string{"/ 100", "remplies"}},
		{"charte-des-communs-valmont.yaml", "fr", []string{"ne s’applique pas à cette charte", "résultat : aucune condition n’a encore été évaluée"}, []string{"/ 100", "toutes les conditions évaluées sont remplies"}},
		{"charte-des-communs-valmont.yaml", "en", []string{"does not apply to this charter", "result: no condition has been assessed yet"}, []string{"/ 100", "every condition assessed is met"}},
		{"declaration-manifattura-rossi.yaml", "en", []string{"degree of communality 43.7 / 100"}, nil},
		{"pacte-tiers-lieu-la-fabrique.yaml", "fr", []string{"degré de communalité 65,5 / 100 (grille commons-communality 1.0.0)", "  intérêt commun ", "seuils (des conditions du soutien fixées par le document) :"}, []string{"degree"}},
	} {
		doc := load(t, filepath.Join(examplesDir, tt.file))
		res := score.Evaluate(doc.Definition, nil)
		text := spaces.Replace(string(r.ScoreText(doc, res, tt.lang)))
		md := spaces.Replace(string(r.ScoreReport(doc, res, tt.lang)))
		for _, s := range tt.has {
			if !strings.Contains(text, s) {
				t.Errorf("%s (%s): no %q in\n%s", tt.file, tt.lang, s, text)
			}
		}
		for _, s := range tt.not {
			if strings.Contains(text, s) {
				t.Errorf("%s (%s): %q in\n%s", tt.file, tt.lang, s, text)
			}
		}
		if !res.Applies && strings.Contains(md, "/ 100") {
			t.Errorf("%s: the Markdown report gives a degree:\n%s", tt.file, md)
		}
	}
}

// TestCurrencyOfTheDocument writes every amount in the currency the definition names: a symbol
// for the euro and the pound, the ISO code otherwise, placed as each language places it.
func TestCurrencyOfTheDocument(t *testing.T) {
	for currency, want := range map[string][2]string{
		"GBP": {"| 48 000 £ |", "| £48,000 |"},
		"CHF": {"| 48 000 CHF |", "| CHF 48,000 |"},
		"EUR": {"| 48 000 € |", "| €48,000 |"},
	} {
		doc := load(t, filepath.Join(examplesDir, "compact-riverside.yaml"))
		doc.Value.(map[string]any)["currency"] = currency
		for i, lang := range []string{"fr", "en"} {
			md := spaces.Replace(string(mustRender(t, doc, render.WithLang(lang)).Markdown))
			if !strings.Contains(md, want[i]) {
				t.Errorf("%s in %s: no %q", currency, lang, want[i])
			}
		}
	}
}
