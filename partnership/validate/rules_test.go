package validate_test

import (
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/validate"
)

// baseConvention is the smallest valid convention; each case appends sections to it.
const baseConvention = `kind: convention
lang: fr
id: pacte
title: Pacte
parties:
  - id: ville
    name: Ville
    role: public_authority
    representative: {name: A, capacity: Maire}
  - id: asso
    name: Association
    role: citizen_collective
    representative: {name: B, capacity: Présidente}
commons: {name: Jardin, type: green_space, dedication: Usage de tous.}
commitments:
  - party: ville
    items: [Fournir l’eau.]
duration: {start: 2026-03-01}
`

// withDuration replaces the duration of baseConvention.
func withDuration(d string) string {
	return strings.Replace(baseConvention, "duration: {start: 2026-03-01}", "duration: "+d, 1)
}

const baseCall = `kind: call
lang: fr
id: appel
title: Appel
parties:
  - id: metropole
    name: Métropole
    role: public_authority
call:
  issuers: [metropole]
  context: Contexte.
  commons_meaning: Définition.
  challenges: [{id: sobriete, title: Sobriété, scope: thematic}]
  eligibility: {accepted_licences: [CC-BY-SA-4.0], require_community: true, require_documentation: true, require_challenge: true}
  rounds: [{id: r1, opens: 2026-01-01, closes: 2026-03-01}]
  criteria: [{id: impact, title: Impact, weight: 100}]
  funding: {min_amount: 10000, max_amount: 100000, rate_cap: 70, max_duration_months: 24}
  resulting_convention: Une convention est signée avec chaque lauréat.
`

const baseApplication = `kind: application
lang: fr
id: candidature
title: Candidature
parties:
  - id: asso
    name: Association
    role: citizen_collective
commons: {name: Données, type: data, dedication: Données ouvertes.}
application:
  call: {id: appel}
  applicant: asso
  challenges: [sobriete]
`

func diagnose(t *testing.T, src string, call string) partnership.Diagnostics {
	t.Helper()
	doc, diags := partnership.Load("t.yaml", []byte(src), partnership.DefaultLimits)
	if doc == nil {
		t.Fatalf("does not load: %v", diags)
	}
	var callDoc *partnership.Document
	if call != "" {
		callDoc, diags = partnership.Load("call.yaml", []byte(call), partnership.DefaultLimits)
		if callDoc == nil {
			t.Fatalf("call does not load: %v", diags)
		}
	}
	return validate.Validate(doc, callDoc)
}

func TestRules(t *testing.T) {
	tests := []struct {
		name string
		src  string
		call string
		// want lists "pointer: part of the message" for each expected diagnostic, in order;
		// empty means valid without warnings.
		want []string
	}{
		{"base convention is valid", baseConvention, "", nil},
		{"base call is valid", baseCall, "", nil},
		{"base application is valid", baseApplication + "  requested: {amount: 20000, eligible_costs: 40000}\n", baseCall, nil},
		{"months and end agree (day before anniversary)", withDuration("{start: 2026-03-01, end: 2027-02-28, months: 12}"), "", nil},
		{"months and end agree (anniversary)", withDuration("{start: 2026-03-01, end: 2027-03-01, months: 12}"), "", nil},
		{"months and end disagree", withDuration("{start: 2026-03-01, end: 2027-06-30, months: 12}"), "",
			[]string{"/duration/months: 12 months from 2026-03-01 end on 2027-02-28"}},
		{"renewal none with a period", withDuration("{start: 2026-03-01, renewal: {mode: none, period_months: 12}}"), "",
			[]string{`/duration/renewal: renewal mode is "none"`}},
		{"grant above its rate", baseConvention + "support:\n  grants: [{funder: ville, amount: 6000, rate: 50, eligible_costs: 10000}]\n", "",
			[]string{"/support/grants/0/amount: a grant of 6,000 € is more than 50% of 10,000 € of eligible costs (5,000 €)"}},
		{"payments above the grant", baseConvention + "support:\n  grants: [{id: g, funder: ville, amount: 6000}]\n  payment_schedule: [{grant: g, amount: 4000}, {grant: g, amount: 2500}]\n", "",
			[]string{`/support/payment_schedule: payments add up to 6,500 €, more than the grant "g" of 6,000 €`}},
		{"payment of which grant", baseConvention + "support:\n  grants: [{id: a, funder: ville, amount: 1}, {id: b, funder: ville, amount: 1}]\n  payment_schedule: [{amount: 1}]\n", "",
			[]string{"/support/payment_schedule/0: there are several grants"}},
		{"unknown funder", baseConvention + "support:\n  grants: [{funder: vile, amount: 1}]\n", "",
			[]string{`/support/grants/0/funder: party "vile" does not exist`}},
		{"unknown recipient", baseConvention + "support:\n  grants: [{funder: ville, recipient: aso, amount: 1}]\n", "",
			[]string{`/support/grants/0/recipient: party "aso" does not exist`}},
		{"known recipient", baseConvention + "support:\n  grants: [{funder: ville, recipient: asso, amount: 1, decision: \"2026-041\", eu_notification: false}]\n", "", nil},
		{"no collective in a convention", strings.Replace(baseConvention, "role: citizen_collective", "role: funder", 1), "",
			[]string{`/parties: a convention needs at least one party with role "citizen_collective" or "operator"`}},
		{"signing party without representative", strings.Replace(baseConvention, "    representative: {name: B, capacity: Présidente}\n", "", 1), "",
			[]string{`/parties/1: warning: party "asso" signs the convention but names no representative`}},
		{"party that does not sign needs no representative", strings.Replace(baseConvention, "    representative: {name: B, capacity: Présidente}\n", "    signs: false\n", 1), "", nil},
		{"proprietary licence reference is not a typo", baseConvention + "licences: [{spdx: LicenseRef-Maison, applies_to: content}]\n", "", nil},
		{"licence case is ignored", baseConvention + "licences: [{spdx: cc-by-sa-4.0, applies_to: content}]\n", "", nil},
		{"misplaced section hides its inner errors", baseConvention + "call: {issuers: 3}\n", "",
			[]string{`/call: a convention has no "call" section`}},
		{"rule silenced by the schema error it follows from", baseConvention + "governance:\n  multi_stakeholder: true\n  colleges: [{id: a, name: A, category: publics, seats: 1, admission: open}]\n", "",
			[]string{`/governance/colleges/0/category: must be one of`}},
		{"guarantor of last resort is public", baseConvention + "subsidiarity: {initiative: asso, last_resort: {guarantor: asso}}\n", "",
			[]string{"/subsidiarity/last_resort/guarantor: the guarantor of last resort must be a public authority or a guarantor"}},
		{"two vetoes of one college", baseConvention + "governance:\n  colleges: [{id: c, name: C, category: citizens, seats: 2, admission: open}]\n  domains: [{id: prix, name: Prix}, {id: cession, name: Cession}]\n  vetoes: [{college: c, domains: [prix]}, {college: c, domains: [cession]}]\n", "", nil},
		{"amount below the band", baseApplication + "  requested: {amount: 5000, eligible_costs: 40000}\n", baseCall,
			[]string{"/application/requested/amount: the call funds between 10,000 € and 100,000 €; the amount requested is 5,000 €"}},
		{"amount above eligible costs", baseApplication + "  requested: {amount: 50000, eligible_costs: 40000}\n", "",
			[]string{"/application/requested/amount: the amount requested (50,000 €) exceeds the eligible costs (40,000 €)"}},
		{"call id mismatch", strings.Replace(baseApplication, "id: appel}", "id: autre}", 1) + "  requested: {amount: 20000, eligible_costs: 40000}\n", baseCall,
			[]string{`/application/call/id: the call in call.yaml has id "appel", not "autre"`}},
		{"applicant must be a collective", strings.Replace(baseApplication, "role: citizen_collective", "role: funder", 1) + "  requested: {amount: 20000, eligible_costs: 40000}\n", "",
			[]string{"/application/applicant: the applicant must be a citizen collective or an operator"}},
		{"call file is not a call", baseApplication + "  requested: {amount: 20000, eligible_costs: 40000}\n", baseConvention,
			[]string{`/application/call/file: call.yaml is not a call for commons (its kind is "convention")`}},
		{"weights with a zero weight are left to the schema", strings.Replace(baseCall, "weight: 100", "weight: 0", 1), "",
			[]string{"/call/criteria/0/weight: must be at least 1; got 0"}},

		// A faithful document: the law of the place, what a document that is not binding cannot
		// say, the nature and grammar of parties, texts in several languages.
		{"jurisdiction is a country", strings.Replace(baseConvention, "lang: fr\n", "lang: fr\njurisdiction: UK\n", 1), "",
			[]string{`/jurisdiction: "UK" is not an ISO 3166-1 alpha-2 country code`}},
		{"jurisdiction of Italy", strings.Replace(baseConvention, "lang: fr\n", "lang: fr\njurisdiction: IT\n", 1), "", nil},
		{"a document that is not binding names no court, sanction or guarantor",
			strings.Replace(baseConvention, "lang: fr\n", "lang: fr\nbinding: false\n", 1) +
				"disputes: {court: Tribunal}\nconditions: {on_breach: repayment}\nsubsidiarity: {initiative: asso, last_resort: {guarantor: ville}}\ntermination: {cure_days: 30}\n", "",
			[]string{"/disputes/court: a convention that is not legally binding cannot name a court",
				"/conditions/on_breach: a convention that is not legally binding cannot impose a sanction",
				"/subsidiarity/last_resort: a convention that is not legally binding cannot name a guarantor of last resort",
				"/termination/cure_days: warning: a cure period has no effect"}},
		{"a document that is not binding lets no party apply to a court before conciliation ends",
			strings.Replace(baseConvention, "lang: fr\n", "lang: fr\nbinding: false\n", 1) + "disputes: {interim_relief: true}\n", "",
			[]string{"/disputes/interim_relief: a convention that is not legally binding cannot let a party apply to a court"}},
		{"interim relief in a binding document", baseConvention + "disputes: {interim_relief: true}\n", "", nil},
		{"no interim relief in a document that is not binding", strings.Replace(baseConvention, "lang: fr\n", "lang: fr\nbinding: false\n", 1) + "disputes: {interim_relief: false}\n", "", nil},
		{"an informal group has no registration and no money of its own",
			strings.Replace(baseConvention, "    role: citizen_collective\n", "    role: citizen_collective\n    legal_status: informal_group\n    rna: W123456789\n", 1) +
				"support:\n  grants: [{funder: ville, amount: 500}]\n", "",
			[]string{`/parties/1/rna: party "asso" is an informal group, without legal personality: it has no RNA number`,
				`/support/grants/0: warning: party "asso" is an informal group`}},
		{"the gender of an elided designation is known or asked for",
			strings.Replace(strings.Replace(baseConvention, "    name: Association\n", "    name: Association\n    designation: l’Association\n", 1),
				"    name: Ville\n", "    name: Ville\n    designation: l’Établissement\n", 1), "", nil},
		{"the gender of a noun the toolkit knows",
			strings.Replace(baseConvention, "    name: Association\n", "    name: Association\n    designation: l’Atelier Bleu Ciel\n", 1), "", nil},
		{"the gender of a word the toolkit does not know",
			strings.Replace(baseConvention, "    name: Association\n", "    name: Association\n    designation: l’Ourson\n", 1), "",
			[]string{`/parties/1/designation: warning: cannot tell whether the designation "l’Ourson" is masculine or feminine`}},
		{"a gender that contradicts the article",
			strings.Replace(baseConvention, "    name: Association\n", "    name: Association\n    designation: la Maison\n    gender: masculine\n", 1), "",
			[]string{`/parties/1/gender: warning: the gender "masculine" contradicts the article of the designation "la Maison"`}},
		{"a charter adopted and recognised by the same party",
			"kind: charter\nlang: fr\nid: c\ntitle: C\nparties: [{id: ville, name: Ville, role: public_authority, signs: false}]\ncharter: {adopted_by: [ville], recognised_by: [ville, mairie]}\n", "",
			[]string{`/charter/recognised_by/0: party "ville" cannot both adopt and recognise the charter`,
				`/charter/recognised_by/1: party "mairie" does not exist`}},
		{"a text lacks the language of the definition",
			strings.Replace(baseConvention, "title: Pacte\n", "title: {en: Pact}\n", 1), "",
			[]string{`/title: warning: this text has no "fr" version; it is shown in "en"`}},
		{"a bilingual text", strings.Replace(baseConvention, "title: Pacte\n", "title: {fr: Pacte, en: Pact}\n", 1), "", nil},
		{"a grant above 23,000 euros a year states its purpose and payments",
			baseConvention + "support:\n  grants: [{id: a, funder: ville, amount: 15000, year: 2026}, {id: b, funder: ville, amount: 9000, year: 2026, purpose: Travaux}]\n  payment_schedule: [{grant: b, amount: 9000}]\n", "",
			[]string{`/support/grants/0: "asso" receives 24,000 € for 2026, more than 23,000 € a year: the convention must state how the grant is paid`,
				`/support/grants/0: "asso" receives 24,000 € for 2026, more than 23,000 € a year: the convention must state the purpose of the grant`}},
		{"the 23,000 euros rule is French law", strings.Replace(baseConvention, "lang: fr\n", "lang: fr\njurisdiction: ES\n", 1) +
			"support:\n  grants: [{funder: ville, amount: 50000}]\n", "", nil},
		{"grants of different years are counted apart",
			baseConvention + "support:\n  grants: [{id: a, funder: ville, amount: 15000, year: 2026}, {id: b, funder: ville, amount: 15000, year: 2027}]\n", "", nil},
		{"a call above 23,000 euros says which convention follows", strings.Replace(baseCall, "  resulting_convention: Une convention est signée avec chaque lauréat.\n", "", 1), "",
			[]string{"/call/funding/max_amount: warning: grants of more than 23,000 € a year need a written convention with each winner"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := diagnose(t, tt.src, tt.call)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%v", len(got), len(tt.want), got)
			}
			for i, w := range tt.want {
				pointer, message, _ := strings.Cut(w, ": ")
				if got[i].Pointer != pointer || !strings.Contains(got[i].Severity.String()+": "+got[i].Message, message) {
					t.Errorf("diagnostic %d is\n  %v\nwant pointer %s and message containing %q", i, got[i], pointer, message)
				}
			}
		})
	}
}
