package validate_test

import (
	"strings"
	"testing"
)

// TestStructureRules checks the rules of the structures real partnerships need: what the
// document is, its currency, the contact person of an informal group, several governance
// bodies, a veto limited to price increases, evaluations, a price by tranches, conditions of any
// category, suspension and volunteers, and the calendar, average grant and tie-break of a call.
func TestStructureRules(t *testing.T) {
	informal := strings.Replace(baseConvention, "    role: citizen_collective\n    representative: {name: B, capacity: Présidente}\n",
		"    role: citizen_collective\n    legal_status: informal_group\n    contact: {name: B, email: groupe@example.org}\n", 1)
	governance := "governance:\n  colleges: [{id: habitants, name: Habitants, category: citizens, seats: 3, admission: open}]\n  domains: [{id: tarifs, name: Tarifs}]\n"
	continuous := strings.Replace(baseCall, "  rounds: [{id: r1, opens: 2026-01-01, closes: 2026-03-01}]\n",
		"  opens: 2026-01-01\n  closes: 2026-09-30\n  rounds:\n    - {id: r1, opens: 2026-01-01, closes: 2026-03-31}\n    - {id: r2, opens: 2026-01-01, closes: 2026-06-30}\n    - {id: r3, opens: 2026-01-01, closes: 2026-09-30}\n", 1)
	tests := []struct {
		name, src string
		want      []string
	}{
		{"a convention that is a concession of use", strings.Replace(baseConvention, "lang: fr\n", "lang: fr\ninstrument: concession_of_use\ncurrency: CHF\n", 1), nil},
		{"a charter is no concession", "kind: charter\nlang: fr\nid: c\ntitle: C\ninstrument: concession_of_use\nparties: [{id: ville, name: Ville, role: public_authority, signs: false}]\ncharter: {values: [Ouverture]}\n",
			[]string{`/instrument: a charter cannot be a "concession_of_use"; a charter is "charter", "compact" or "civic_use_declaration"`}},
		{"a variant of the Bologna model is a pact", strings.Replace(baseConvention, "lang: fr\n", "lang: fr\nvariant: complex\ninstrument: occupancy_agreement\n", 1),
			[]string{`/variant: the variant "complex" is a kind of collaboration pact of the Bologna model; this convention is a "occupancy_agreement"`}},
		{"an unknown currency", strings.Replace(baseConvention, "lang: fr\n", "lang: fr\ncurrency: EUD\n", 1),
			[]string{`/currency: "EUD" is not an ISO 4217 currency code; did you mean`}},
		{"the pound sterling", strings.Replace(baseConvention, "lang: fr\n", "lang: fr\ncurrency: UKP\n", 1),
			[]string{`/currency: "UKP" is not an ISO 4217 currency code; the pound sterling is "GBP"`}},
		{"an informal group acts through its contact person", informal, nil},
		{"a legal person has no contact person", strings.Replace(baseConvention, "    representative: {name: B, capacity: Présidente}\n", "    representative: {name: B, capacity: Présidente}\n    contact: {name: C}\n", 1),
			[]string{`/parties/1/contact: party "asso" is a legal person: it acts through its representative, not a contact person`}},
		{"an informal group has no representative", strings.Replace(informal, "    contact:", "    representative: {name: B, capacity: Référente}\n    contact:", 1),
			[]string{`/parties/1/representative: party "asso" is an informal group, without legal personality: it has a contact person, not a representative`}},
		{"an informal group that signs names its contact person", strings.Replace(informal, "    contact: {name: B, email: groupe@example.org}\n", "", 1),
			[]string{`/parties/1: warning: party "asso" signs the convention but names no contact person`}},
		{"several governance bodies", baseConvention + governance +
			"  bodies:\n    - {id: assemblee, name: Assemblée, role: decision, membership: open, method: consensus, decides: [tarifs]}\n" +
			"    - {id: suivi, name: Commission, role: follow_up, membership: seats, parity: true, seats: [{party: ville, seats: 2}, {party: asso, seats: 2}]}\n", nil},
		{"what a body cannot be", baseConvention + governance + "  bodies:\n" +
			"    - {id: a, name: A, role: decision, membership: open, seats: [{party: ville, seats: 1}]}\n" +
			"    - {id: b, name: B, role: control, membership: seats}\n" +
			"    - {id: c, name: C, role: follow_up, membership: seats, parity: true, seats: [{party: ville, college: habitants, seats: 2}, {party: vile, seats: 3}], method: unanimity, threshold: 0.7, decides: [prix]}\n" +
			"    - {id: a, name: D, role: advisory, membership: open, decides: [tarifs]}\n",
			[]string{`/governance/bodies/0/seats: body "a" is open to anyone: it has no seats`,
				`/governance/bodies/1: body "b" has seats, but lists none`,
				`/governance/bodies/2/parity: body "c" is a joint body, but its members hold 2 and 3 seats`,
				`/governance/bodies/2/seats/0: seats belong to a party or to a college, not both`,
				`/governance/bodies/2/seats/1/party: party "vile" does not exist; did you mean "ville"?`,
				`/governance/bodies/2/threshold: a threshold only applies to a qualified majority; body "c" decides by unanimity`,
				`/governance/bodies/2/decides/0: decision domain "prix" does not exist`,
				`/governance/bodies/3: body "a" decides in some domains but has no decision rule`,
				`/governance/bodies/3/id: id "a" is already used by item 1 of this list`}},
		{"a veto limited to price increases needs prices", baseConvention + governance + "  vetoes: [{college: habitants, domains: [tarifs], limited_to: price_increase}]\n",
			[]string{`/governance/vetoes/0/limited_to: warning: the veto is limited to decisions that raise a price, but the definition sets no pricing`}},
		{"a veto limited to price increases", baseConvention + governance + "  vetoes: [{college: habitants, domains: [tarifs], limited_to: price_increase}]\naccess: {equal_access: true, non_discrimination: true, inalienable: true, pricing: {mode: solidarity}}\n", nil},
		{"who carries out an evaluation", baseConvention + "reporting:\n  frequency: annual\n  contents: [Heures de bénévolat, Photographies]\n  instruments: [{name: Bilan, period_months: 24, by: [asso, mairie], published: true}]\n",
			[]string{`/reporting/instruments/0/by/1: party "mairie" does not exist`}},
		{"a price by tranches", baseConvention + "access:\n  equal_access: true\n  non_discrimination: true\n  inalienable: true\n  pricing:\n    mode: solidarity\n    unit: m³\n    free_volume: {volume: 15, per: person, period: year}\n    tranches: [{up_to: 30, price: 1.2}, {up_to: 120, price: 2.1}, {price: 3.4}]\n", nil},
		{"tranches out of order", baseConvention + "access:\n  equal_access: true\n  non_discrimination: true\n  inalienable: true\n  pricing:\n    mode: free\n    tranches: [{up_to: 30, price: 0}, {price: 2.1}, {up_to: 20, price: 3.4}]\n",
			[]string{`/access/pricing: a free volume or a price by tranches needs the unit of the service`,
				`/access/pricing/tranches/1: only the last tranche applies without an upper volume`,
				`/access/pricing/tranches/1/price: the pricing is free, but this tranche has a price of 2.1`,
				`/access/pricing/tranches/2/up_to: tranches go up in volume: this one ends at 20, the previous one at 30`,
				`/access/pricing/tranches/2/price: the pricing is free, but this tranche has a price of 3.4`}},
		{"a price per unit in cents", baseConvention + "access: {equal_access: true, non_discrimination: true, inalienable: true, pricing: {mode: solidarity, unit: kWh, tranches: [{price: 0.155}]}}\n",
			[]string{`/access/pricing/tranches/0/price: `}},
		{"conditions of any category", baseConvention + "conditions:\n  social: [{id: ouverture, description: Ouvert à tous.}]\n  criteria:\n    - {id: comptes, category: transparency, description: Comptes publiés.}\n    - {id: ouverture, category: democratic_life, description: Assemblée ouverte.}\n",
			[]string{`/conditions/criteria/1/id: id "ouverture" is already used by a social condition`}},
		{"suspension and volunteers", baseConvention + "suspension: {grounds: [Risque pour la sécurité], decided_by: [ville], max_days: 30}\nvolunteers: {unpaid: true, insurer: ville}\n", nil},
		{"who decides a suspension and who insures volunteers", informal + "suspension: {grounds: [Risque], decided_by: [vile]}\nvolunteers: {unpaid: true, insurer: asso}\n",
			[]string{`/suspension/decided_by/0: party "vile" does not exist`,
				`/volunteers/insurer: party "asso" is an informal group, without legal personality: it cannot hold an insurance policy`}},
		{"a call open continuously with three cut-off dates", continuous, nil},
		{"cut-off dates out of order", strings.Replace(continuous, "closes: 2026-06-30}", "closes: 2026-03-15}", 1),
			[]string{`/call/rounds/1/closes: round "r2" closes on 2026-03-15, not after the previous cut-off date (2026-03-31)`}},
		{"rounds inside the call's dates", strings.Replace(strings.Replace(continuous, "  opens: 2026-01-01\n", "  opens: 2026-02-01\n", 1), "  closes: 2026-09-30\n", "  closes: 2026-08-31\n", 1),
			[]string{`/call/rounds/0/opens: round "r1" opens on 2026-01-01, before the call opens (2026-02-01)`,
				`/call/rounds/1/opens: round "r2" opens on 2026-01-01, before the call opens (2026-02-01)`,
				`/call/rounds/2/opens: round "r3" opens on 2026-01-01, before the call opens (2026-02-01)`,
				`/call/rounds/2/closes: round "r3" closes on 2026-09-30, after the call closes (2026-08-31)`}},
		{"an average grant in the band, an objection period and a tie-break rule",
			strings.Replace(baseCall, "max_amount: 100000,", "max_amount: 100000, average_amount: 40000,", 1) + "  objection_days: 7\n  tie_break: [earliest_filed, marks_by_weight, reference]\n", nil},
		{"an average grant outside the band", strings.Replace(baseCall, "max_amount: 100000,", "max_amount: 100000, average_amount: 5000,", 1),
			[]string{`/call/funding/average_amount: the average grant 5,000 € lies outside the band of the call (10,000 € to 100,000 €)`}},
		{"an average grant outside the band, in pounds", strings.Replace(strings.Replace(baseCall, "max_amount: 100000,", "max_amount: 100000, average_amount: 5000,", 1), "lang: fr\n", "lang: fr\ncurrency: GBP\n", 1),
			[]string{`/call/funding/average_amount: the average grant 5,000 GBP lies outside the band of the call (10,000 GBP to 100,000 GBP)`}},
		{"nothing follows the reference", baseCall + "  tie_break: [reference, communality]\n",
			[]string{`/call/tie_break/1: no step can follow "reference": two applications never share a reference`}},
		{"machine-checkable eligibility", strings.Replace(baseCall, "require_challenge: true}", "require_challenge: true, commons_types: [digital, data], documentation_sites: [\"https://framagit.org/\"]}", 1), nil},
		{"a kind of commons that does not exist", strings.Replace(baseCall, "require_challenge: true}", "require_challenge: true, commons_types: [numerique]}", 1),
			[]string{`/call/eligibility/commons_types/0: must be one of`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := diagnose(t, tt.src, "")
			if len(got) != len(tt.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%v", len(got), len(tt.want), got)
			}
			for i, w := range tt.want {
				pointer, message, _ := strings.Cut(w, ": ")
				if got[i].Pointer != pointer || !strings.Contains(got[i].Severity.String()+": "+got[i].Message+"; "+got[i].Hint, message) {
					t.Errorf("diagnostic %d is\n  %v\nwant pointer %s and message containing %q", i, got[i], pointer, message)
				}
				if got[i].Line < 1 || got[i].Column < 1 {
					t.Errorf("diagnostic %d has no position: %v", i, got[i])
				}
			}
		})
	}
}

// TestStructureRulePositions checks that a rule of the new structures points at the value it
// is about, so that an editor puts the message on the right line.
func TestStructureRulePositions(t *testing.T) {
	src := baseConvention + "suspension:\n  grounds: [Risque]\n  decided_by:\n    - ville\n    - mairie\n"
	got := diagnose(t, src, "")
	if len(got) != 1 || got[0].Line != strings.Count(src, "\n") || got[0].Column != 7 {
		t.Errorf("want one diagnostic at line %d, column 7; got %v", strings.Count(src, "\n"), got)
	}
}
