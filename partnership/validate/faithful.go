package validate

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/commons-toolkit/commons/partnership"
)

// The rules of this file keep a document faithful to its definition: texts in the language of
// the document, a jurisdiction that exists, a document that is not legally binding naming no
// court, sanction or guarantor, parties whose legal nature and grammar the clauses can rely
// on, and what French subsidy law asks of a convention.

// faithful runs the rules of this file.
func (c *checker) faithful() {
	c.texts()
	c.jurisdiction()
	c.binding()
	c.adoption()
	c.partyNature()
	c.frenchSubsidies()
}

// texts warns about a text given in several languages that lacks the definition's own.
func (c *checker) texts() {
	if c.def.Lang == "" {
		return
	}
	c.diags = append(c.diags, c.doc.TextDiagnostics(c.def.Lang)...)
}

// jurisdiction checks the country code against ISO 3166-1.
func (c *checker) jurisdiction() {
	j := c.def.Jurisdiction
	if j == "" || len(j) != 2 || isoCountries()[j] {
		return
	}
	d := c.problem("/jurisdiction", "not-country-code", j)
	switch j {
	case "UK":
		d.SetHint("uk-is-gb")
	case "EL":
		d.SetHint("el-is-gr")
	default:
		d.SetHintMsg(didYouMean(j, slices.Sorted(mapsKeys(isoCountries()))))
	}
}

func mapsKeys(m map[string]bool) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// binding rejects what a document that is not legally binding cannot say: a court, a sanction,
// a guarantor.
func (c *checker) binding() {
	d := c.def
	if d.IsBinding() {
		return
	}
	kind := partnership.M("a-" + string(d.Kind))
	if d.Disputes != nil && d.Disputes.Court != "" {
		c.problem("/disputes/court", "not-binding-court", kind).SetHint("remove-court-or-bind")
	}
	if d.Disputes != nil && d.Disputes.InterimRelief {
		c.problem("/disputes/interim_relief", "not-binding-interim-relief", kind).SetHint("remove-key-or-bind", "interim_relief")
	}
	if d.Conditions != nil && d.Conditions.OnBreach != "" {
		c.problem("/conditions/on_breach", "not-binding-sanction", kind).SetHint("remove-key-or-bind", "on_breach")
	}
	if s := d.Subsidiarity; s != nil && s.LastResort != nil {
		c.problem("/subsidiarity/last_resort", "not-binding-last-resort", kind).SetHint("remove-key-or-bind", "last_resort")
	}
	if a := d.Access; a != nil && a.Continuity != nil && a.Continuity.Guarantor != "" {
		c.problem("/access/continuity/guarantor", "not-binding-continuity", kind).SetHint("remove-guarantor-or-bind")
	}
	if t := d.Termination; t != nil {
		if t.CureDays > 0 {
			c.warning("/termination/cure_days", "not-binding-cure", kind)
		}
		if t.GeneralInterest != nil && *t.GeneralInterest {
			c.warning("/termination/general_interest", "not-binding-general-interest", kind)
		}
	}
}

// adoption checks who adopts and who recognises a charter.
func (c *checker) adoption() {
	ch := c.def.Charter
	if ch == nil {
		return
	}
	for i, id := range ch.AdoptedBy {
		c.party(ptr("charter", "adopted_by", i), id)
	}
	for i, id := range ch.RecognisedBy {
		p := ptr("charter", "recognised_by", i)
		if c.party(p, id) && slices.Contains(ch.AdoptedBy, id) {
			c.problem(p, "adopt-and-recognise", id)
		}
	}
	if ch.Recognition != "" && len(ch.RecognisedBy) == 0 {
		c.warning("/charter/recognition", "recognition-without-party").SetHint("list-recognised-by")
	}
}

// partyNature checks what the clauses rely on about each party: an informal group has no
// registration number and holds no money; a French designation shows its gender.
func (c *checker) partyNature() {
	frenchText := c.def.Lang == "fr"
	for i, p := range c.def.Parties {
		pp := ptr("parties", i)
		if !p.HasLegalPersonality() {
			if p.SIRET != "" {
				c.problem(pp+"/siret", "informal-no-number", p.ID, "SIRET")
			}
			if p.RNA != "" {
				c.problem(pp+"/rna", "informal-no-number", p.ID, "RNA")
			}
		}
		designation := p.Designation
		if fr, ok := c.frenchDesignation(i); ok {
			designation, frenchText = fr, true
		}
		if !frenchText {
			continue
		}
		if designation == "" {
			// French agrees with the name of a party that has no designation.
			if p.Gender == "" && !partnership.DesignationAgreement(p.Name, "", p.Plural).Known {
				c.warning(pp+"/name", "unknown-gender-name", p.Name).SetHint("add-gender")
			}
			continue
		}
		article, _ := partnership.SplitArticle(designation)
		a := partnership.DesignationAgreement(designation, "", false)
		switch {
		case p.Gender == "" && !a.Known:
			c.warning(pp+"/designation", "unknown-gender", designation).SetHint("add-gender")
		case p.Gender != "" && (article == "la" && p.Gender == "masculine" || article == "le" && p.Gender == "feminine"):
			c.warning(pp+"/gender", "gender-contradicts", p.Gender, designation)
		}
	}
	if s := c.def.Support; s != nil {
		for i, g := range s.Grants {
			if id := c.def.GrantRecipient(g); id != "" {
				if p := c.def.PartyByID(id); p != nil && !p.HasLegalPersonality() {
					c.warning(ptr("support", "grants", i), "informal-grant", id).SetHint("name-legal-person")
				}
			}
		}
	}
}

// frenchDesignation returns the French version of a party's designation when the definition
// gives it in several languages.
func (c *checker) frenchDesignation(i int) (string, bool) {
	root, _ := c.doc.Value.(map[string]any)
	parties, _ := root["parties"].([]any)
	if i >= len(parties) {
		return "", false
	}
	party, _ := parties[i].(map[string]any)
	m, ok := party["designation"].(map[string]any)
	if !ok {
		return "", false
	}
	s, ok := m["fr"].(string)
	return s, ok
}

// writtenConventionThreshold is the yearly amount of subsidies above which French law asks for a
// written convention that sets the purpose, amount, payment terms and conditions of use of the
// subsidy (loi n° 2000-321 du 12 avril 2000, art. 10; décret n° 2001-495 du 6 juin 2001).
const writtenConventionThreshold = 23000

// frenchSubsidies applies, under French law, the rule of the written convention for subsidies
// above 23,000 € a year to a private body.
func (c *checker) frenchSubsidies() {
	d := c.def
	if d.Country() != partnership.DefaultJurisdiction {
		return
	}
	law := partnership.M("law-written-convention")
	if d.Kind == partnership.KindCall && d.Call != nil && d.Call.Funding != nil &&
		d.Call.Funding.MaxAmount > writtenConventionThreshold && d.Call.ResultingConvention == "" {
		c.warning("/call/funding/max_amount", "call-needs-convention", partnership.Amount(writtenConventionThreshold), law)
	}
	if d.Support == nil || (d.Kind != partnership.KindConvention && d.Kind != partnership.KindCharter) {
		return
	}
	type key struct {
		recipient string
		year      int
	}
	yearly := map[key]int64{}
	for _, g := range d.Support.Grants {
		yearly[key{d.GrantRecipient(g), g.Year}] += partnership.Cents(g.Amount)
	}
	paid := map[string]bool{}
	for _, p := range d.Support.PaymentSchedule {
		paid[cmp.Or(p.Grant, "")] = true
	}
	for i, g := range d.Support.Grants {
		id := d.GrantRecipient(g)
		p := d.PartyByID(id)
		total := yearly[key{id, g.Year}]
		if p == nil || !p.IsPrivateBody() || total <= writtenConventionThreshold*100 || d.Kind == partnership.KindCharter && g.Recipient == "" {
			continue
		}
		gp := ptr("support", "grants", i)
		over := partnership.M("receives", id, c.money(partnership.Euros(total)))
		if g.Year != 0 {
			over = partnership.M("receives-in", id, c.money(partnership.Euros(total)), g.Year)
		}
		if d.Kind == partnership.KindCharter {
			c.warning(gp, "charter-over-threshold", over, partnership.Amount(writtenConventionThreshold), law)
			continue
		}
		if g.Purpose == "" {
			c.problem(gp, "grant-needs-purpose", over, partnership.Amount(writtenConventionThreshold), law).SetHint("add-purpose")
		}
		if !paid[g.ID] && !(len(d.Support.Grants) == 1 && paid[""]) {
			d := c.problem(gp, "grant-needs-payments", over, partnership.Amount(writtenConventionThreshold), law)
			if g.ID == "" {
				d.SetHint("list-payments")
			} else {
				d.SetHint("list-payments-of", g.ID)
			}
		}
	}
}

// isoCountries are the ISO 3166-1 alpha-2 codes of countries.
var isoCountries = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, c := range strings.Fields(`AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
		BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES
		ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO
		IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK
		ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR
		PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK
		TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW`) {
		m[c] = true
	}
	return m
})
