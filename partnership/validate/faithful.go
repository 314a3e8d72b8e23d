package validate

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

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
	if j == "" || len(j) != 2 || isoCountries[j] {
		return
	}
	d := c.errorf("/jurisdiction", "%q is not an ISO 3166-1 alpha-2 country code", j)
	switch j {
	case "UK":
		d.Hint = `the United Kingdom is "GB"`
	case "EL":
		d.Hint = `Greece is "GR"`
	default:
		d.Hint = didYouMean(j, slices.Sorted(mapsKeys(isoCountries)))
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
	kind := string(d.Kind)
	if d.Disputes != nil && d.Disputes.Court != "" {
		c.errorf("/disputes/court", "a %s that is not legally binding cannot name a court: disputes are settled amicably", kind).Hint =
			`remove the court, or set "binding: true"`
	}
	if d.Conditions != nil && d.Conditions.OnBreach != "" {
		c.errorf("/conditions/on_breach", "a %s that is not legally binding cannot impose a sanction", kind).Hint =
			`remove on_breach, or set "binding: true"`
	}
	if s := d.Subsidiarity; s != nil && s.LastResort != nil {
		c.errorf("/subsidiarity/last_resort", "a %s that is not legally binding cannot name a guarantor of last resort", kind).Hint =
			`remove last_resort, or set "binding: true"`
	}
	if a := d.Access; a != nil && a.Continuity != nil && a.Continuity.Guarantor != "" {
		c.errorf("/access/continuity/guarantor", "a %s that is not legally binding cannot name a guarantor of continuity", kind).Hint =
			`remove the guarantor, or set "binding: true"`
	}
	if t := d.Termination; t != nil {
		if t.CureDays > 0 {
			c.warnf("/termination/cure_days", "a cure period has no effect in a %s that is not legally binding: a party withdraws, it is not terminated for breach", kind)
		}
		if t.GeneralInterest != nil && *t.GeneralInterest {
			c.warnf("/termination/general_interest", "termination on grounds of general interest has no effect in a %s that is not legally binding: any party may withdraw", kind)
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
			c.errorf(p, "party %q cannot both adopt and recognise the charter", id)
		}
	}
	if ch.Recognition != "" && len(ch.RecognisedBy) == 0 {
		c.warnf("/charter/recognition", "the act of recognition names no party that recognises the charter").Hint = "list them in recognised_by"
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
				c.errorf(pp+"/siret", "party %q is an informal group, without legal personality: it has no SIRET number", p.ID)
			}
			if p.RNA != "" {
				c.errorf(pp+"/rna", "party %q is an informal group, without legal personality: it has no RNA number", p.ID)
			}
		}
		designation := p.Designation
		if fr, ok := c.frenchDesignation(i); ok {
			designation, frenchText = fr, true
		}
		if !frenchText || designation == "" {
			continue
		}
		article, _ := partnership.SplitArticle(designation)
		a := partnership.DesignationAgreement(designation, "", false)
		switch {
		case p.Gender == "" && !a.Known:
			c.warnf(pp+"/designation", "cannot tell whether the designation %q is masculine or feminine; French agreements take the masculine", designation).Hint =
				`add "gender: feminine" or "gender: masculine" to the party`
		case p.Gender != "" && (article == "la" && p.Gender == "masculine" || article == "le" && p.Gender == "feminine"):
			c.warnf(pp+"/gender", "the gender %q contradicts the article of the designation %q", p.Gender, designation)
		}
	}
	if s := c.def.Support; s != nil {
		for i, g := range s.Grants {
			if id := c.def.GrantRecipient(g); id != "" {
				if p := c.def.PartyByID(id); p != nil && !p.HasLegalPersonality() {
					c.warnf(ptr("support", "grants", i), "party %q is an informal group, without legal personality: it cannot receive a grant in its own name", id).Hint =
						"name a legal person as the recipient, such as an association that acts for the group"
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
	const law = "loi n° 2000-321 du 12 avril 2000, art. 10, and décret n° 2001-495 du 6 juin 2001"
	if d.Kind == partnership.KindCall && d.Call != nil && d.Call.Funding != nil &&
		d.Call.Funding.MaxAmount > writtenConventionThreshold && d.Call.ResultingConvention == "" {
		c.warnf("/call/funding/max_amount", "grants of more than %s a year need a written convention with each winner (%s); say which in resulting_convention", euros(writtenConventionThreshold), law)
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
		over := fmt.Sprintf("%q receives %s", id, euros(partnership.Euros(total)))
		if g.Year != 0 {
			over += " for " + strconv.Itoa(g.Year)
		}
		if d.Kind == partnership.KindCharter {
			c.warnf(gp, "%s, more than %s a year: French law asks for a written convention with it (%s), which a charter is not", over, euros(writtenConventionThreshold), law)
			continue
		}
		if g.Purpose == "" {
			c.errorf(gp, "%s, more than %s a year: the convention must state the purpose of the grant (%s)", over, euros(writtenConventionThreshold), law).Hint =
				"add its purpose"
		}
		if !paid[g.ID] && !(len(d.Support.Grants) == 1 && paid[""]) {
			c.errorf(gp, "%s, more than %s a year: the convention must state how the grant is paid (%s)", over, euros(writtenConventionThreshold), law).Hint =
				strings.TrimSpace(fmt.Sprintf("list its payments in payment_schedule %s", grantRef(g)))
		}
	}
}

func grantRef(g partnership.Grant) string {
	if g.ID == "" {
		return ""
	}
	return fmt.Sprintf("with \"grant: %s\"", g.ID)
}

// isoCountries are the ISO 3166-1 alpha-2 codes of countries.
var isoCountries = func() map[string]bool {
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
}()
