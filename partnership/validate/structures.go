package validate

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/commons-toolkit/commons/partnership"
)

// The rules of this file check the structures real partnerships need beyond the first schema:
// what a document is (its instrument) and its currency, the contact person of an informal
// group, several governance bodies, a veto limited to price increases, evaluation instruments,
// a price by tranches, conditions of support in any category, suspension and volunteers, and
// the dates, average grant, tie-break rule and eligibility of a call.

// structures runs the rules of this file.
func (c *checker) structures() {
	c.instrument()
	c.currency()
	c.contacts()
	c.bodies()
	c.limitedVetoes()
	c.evaluations()
	c.pricing()
	c.conditionCategories()
	c.suspensionAndVolunteers()
	if call := c.def.Call; call != nil {
		c.callCalendar(call)
		c.callRules(call)
	}
}

// instrument checks that the document is an instrument of its kind.
func (c *checker) instrument() {
	d := c.def
	if d.Instrument == "" {
		return
	}
	if list, ok := partnership.Instruments[d.Kind]; ok && !partnership.InstrumentFits(d.Kind, d.Instrument) {
		c.errorf("/instrument", "a %s cannot be a %q; a %s is %s", d.Kind, d.Instrument, d.Kind, orList(quoted(list))).Hint =
			didYouMean(d.Instrument, list)
		return
	}
	if d.Variant != "" && d.Instrument != "collaboration_pact" && d.Instrument != "convention" {
		c.errorf("/variant", "the variant %q is a kind of collaboration pact of the Bologna model; this convention is a %q", d.Variant, d.Instrument).Hint =
			`remove the variant, or make the instrument "collaboration_pact"`
	}
}

// currency checks the currency code against ISO 4217.
func (c *checker) currency() {
	code := c.def.Currency
	if code == "" || partnership.KnownCurrency(code) {
		return
	}
	d := c.errorf("/currency", "%q is not an ISO 4217 currency code", code)
	switch code {
	case "UKP", "STG":
		d.Hint = `the pound sterling is "GBP"`
	default:
		d.Hint = didYouMean(code, partnership.CurrencyCodes())
	}
}

// contacts checks that only a group without legal personality has a contact person, in place of
// a representative.
func (c *checker) contacts() {
	for i, p := range c.def.Parties {
		if p.Contact == nil {
			continue
		}
		pp := ptr("parties", i)
		if p.HasLegalPersonality() {
			c.errorf(pp+"/contact", "party %q is a legal person: it acts through its representative, not a contact person", p.ID).Hint =
				`name the person who signs under representative, or set "legal_status: informal_group" for a group without legal personality`
			continue
		}
		if p.Representative != nil {
			c.errorf(pp+"/representative", "party %q is an informal group, without legal personality: it has a contact person, not a representative", p.ID).Hint =
				"keep the contact person only"
		}
	}
}

// bodies checks the governance bodies: who sits in them, how they decide, what they decide.
func (c *checker) bodies() {
	g := c.def.Governance
	if g == nil {
		return
	}
	var colleges []string
	for _, col := range g.Colleges {
		colleges = append(colleges, col.ID)
	}
	for i, b := range g.Bodies {
		p := ptr("governance", "bodies", i)
		switch {
		case b.Membership == "open" && len(b.Seats) > 0:
			c.errorf(p+"/seats", "body %q is open to anyone: it has no seats", b.ID).Hint = `remove the seats, or set "membership: seats"`
		case b.Membership == "seats" && len(b.Seats) == 0:
			c.errorf(p, "body %q has seats, but lists none; say which party or college holds how many", b.ID)
		}
		counts := map[int]bool{}
		for j, s := range b.Seats {
			sp := ptr("governance", "bodies", i, "seats", j)
			switch {
			case s.Party != "" && s.College != "":
				c.errorf(sp, "seats belong to a party or to a college, not both")
			case s.Party == "" && s.College == "":
				c.errorf(sp, "say whose seats these are, with party or college")
			case s.Party != "":
				c.party(sp+"/party", s.Party)
			default:
				c.ref(sp+"/college", s.College, colleges, "college")
			}
			counts[s.Seats] = true
		}
		if b.Parity && len(counts) > 1 {
			var seats []string
			for _, s := range b.Seats {
				seats = append(seats, strconv.Itoa(s.Seats))
			}
			c.errorf(p+"/parity", "body %q is a joint body, but its members hold %s seats; give each the same number", b.ID, joinWords(seats, "and"))
		}
		if b.Parity && len(b.Seats) < 2 {
			c.errorf(p+"/parity", "a joint body has at least two members with the same number of seats")
		}
		switch {
		case b.Method == "qualified_majority" && b.Threshold == 0:
			c.errorf(p, "body %q decides by a qualified majority, which needs a threshold, the share of votes required, such as 0.66", b.ID)
		case b.Method != "qualified_majority" && b.Threshold != 0:
			c.errorf(p+"/threshold", "a threshold only applies to a qualified majority; body %q decides %s", b.ID, cmpOr(words(b.Method), "without a decision rule"))
		}
		for j, dom := range b.Decides {
			c.ref(ptr("governance", "bodies", i, "decides", j), dom, c.domains, "decision domain")
		}
		if len(b.Decides) > 0 && b.Method == "" {
			c.errorf(p, "body %q decides in some domains but has no decision rule", b.ID).Hint = "add its method, such as consensus or simple_majority"
		}
	}
}

func cmpOr(s, alt string) string {
	if s == "" {
		return alt
	}
	return "by " + s
}

// limitedVetoes warns about a veto limited to price increases in a definition without prices.
func (c *checker) limitedVetoes() {
	g := c.def.Governance
	if g == nil {
		return
	}
	for i, v := range g.Vetoes {
		if v.LimitedTo == "price_increase" && (c.def.Access == nil || c.def.Access.Pricing == nil) {
			c.warnf(ptr("governance", "vetoes", i, "limited_to"), "the veto is limited to decisions that raise a price, but the definition sets no pricing").Hint =
				"describe the pricing under access.pricing"
		}
	}
}

// evaluations checks who carries out each evaluation.
func (c *checker) evaluations() {
	r := c.def.Reporting
	if r == nil {
		return
	}
	for i, ev := range r.Instruments {
		for j, id := range ev.By {
			c.party(ptr("reporting", "instruments", i, "by", j), id)
		}
	}
}

// pricing checks a price by tranches: ordered volumes, a unit, and no price under a free
// pricing.
func (c *checker) pricing() {
	a := c.def.Access
	if a == nil || a.Pricing == nil {
		return
	}
	pr := a.Pricing
	if (len(pr.Tranches) > 0 || pr.FreeVolume != nil) && pr.Unit == "" {
		c.errorf("/access/pricing", "a free volume or a price by tranches needs the unit of the service, such as m³ or kWh").Hint = "add unit"
	}
	last := 0.0
	for i, t := range pr.Tranches {
		p := ptr("access", "pricing", "tranches", i)
		if t.UpTo == 0 && i < len(pr.Tranches)-1 {
			c.errorf(p, "only the last tranche applies without an upper volume; give this one its up_to")
		}
		if t.UpTo != 0 && t.UpTo <= last {
			c.errorf(p+"/up_to", "tranches go up in volume: this one ends at %s, the previous one at %s", num(t.UpTo), num(last))
		}
		if t.UpTo > last {
			last = t.UpTo
		}
		if pr.Mode == "free" && t.Price > 0 {
			c.errorf(p+"/price", "the pricing is free, but this tranche has a price of %s", num(t.Price)).Hint = `choose another mode, such as "solidarity" or "regulated"`
		}
	}
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// conditionCategories checks the ids of the conditions of support in any category.
func (c *checker) conditionCategories() {
	cond := c.def.Conditions
	if cond == nil {
		return
	}
	used := map[string]string{}
	for _, cr := range cond.Social {
		used[cr.ID] = "social"
	}
	for _, cr := range cond.Ecological {
		used[cr.ID] = "ecological"
	}
	for i, cr := range cond.Criteria {
		if list, ok := used[cr.ID]; ok && cr.ID != "" {
			c.errorf(ptr("conditions", "criteria", i, "id"), "id %q is already used by a %s condition; give each condition its own id", cr.ID, list)
		}
	}
}

// suspensionAndVolunteers checks who decides a suspension and who insures the volunteers.
func (c *checker) suspensionAndVolunteers() {
	if s := c.def.Suspension; s != nil {
		for i, id := range s.DecidedBy {
			c.party(ptr("suspension", "decided_by", i), id)
		}
	}
	if v := c.def.Volunteers; v != nil && v.Insurer != "" {
		if c.party("/volunteers/insurer", v.Insurer) {
			if p := c.def.PartyByID(v.Insurer); p != nil && !p.HasLegalPersonality() {
				c.errorf("/volunteers/insurer", "party %q is an informal group, without legal personality: it cannot hold an insurance policy", v.Insurer).Hint =
					"name the party whose policy covers the volunteers"
			}
		}
	}
}

// callCalendar checks the rounds against each other and against the call's own dates: rounds
// follow one another, or, for a call open continuously, all open on the same day and close at
// successive cut-off dates.
func (c *checker) callCalendar(call *partnership.Call) {
	opens, okOpen := date(call.Opens)
	closes, okClose := date(call.Closes)
	if okOpen && okClose && !closes.After(opens) {
		c.errorf("/call/closes", "the call closes on %s, which is not after it opens (%s)", call.Closes, call.Opens)
	}
	for i, r := range call.Rounds {
		p := ptr("call", "rounds", i)
		ro, okRO := date(r.Opens)
		rc, okRC := date(r.Closes)
		if okRO && okRC && !rc.After(ro) {
			c.errorf(p+"/closes", "round %q closes on %s, which is not after it opens (%s)", r.ID, r.Closes, r.Opens)
		}
		if i > 0 {
			prev := call.Rounds[i-1]
			pc, okPC := date(prev.Closes)
			switch {
			case okRO && okPC && ro.Before(pc) && r.Opens != prev.Opens:
				c.errorf(p+"/opens", "round %q opens on %s, before the previous round closes (%s); list rounds in chronological order", r.ID, r.Opens, prev.Closes).Hint =
					"a call open continuously has rounds that all open on the same day and close at successive cut-off dates"
			case r.Opens == prev.Opens && okRC && okPC && !rc.After(pc):
				c.errorf(p+"/closes", "round %q closes on %s, not after the previous cut-off date (%s); list the cut-off dates in chronological order", r.ID, r.Closes, prev.Closes)
			}
		}
		if decision, ok := date(r.Decision); ok && okRC && decision.Before(rc) {
			c.errorf(p+"/decision", "the decision on round %q (%s) comes before the round closes (%s)", r.ID, r.Decision, r.Closes)
		}
		if okOpen && okRO && ro.Before(opens) {
			c.errorf(p+"/opens", "round %q opens on %s, before the call opens (%s)", r.ID, r.Opens, call.Opens)
		}
		if okClose && okRC && rc.After(closes) {
			c.errorf(p+"/closes", "round %q closes on %s, after the call closes (%s)", r.ID, r.Closes, call.Closes)
		}
	}
}

// callRules checks the average grant and the tie-break rule.
func (c *checker) callRules(call *partnership.Call) {
	if f := call.Funding; f != nil && f.AverageAmount > 0 {
		if f.AverageAmount < f.MinAmount || f.MaxAmount > 0 && f.AverageAmount > f.MaxAmount {
			c.errorf("/call/funding/average_amount", "the average grant %s lies outside the band of the call (%s to %s)",
				c.money(f.AverageAmount), c.money(f.MinAmount), c.money(f.MaxAmount))
		}
	}
	for i, step := range call.TieBreak {
		if step == partnership.TieReference && i < len(call.TieBreak)-1 {
			c.errorf(ptr("call", "tie_break", i+1), "no step can follow %q: two applications never share a reference", partnership.TieReference).Hint =
				fmt.Sprintf("move %q to the end, or remove what follows it", partnership.TieReference)
		}
	}
	if slices.Contains(call.TieBreak, partnership.TieMarksByWeight) && len(call.Criteria) == 0 {
		c.errorf("/call/tie_break", "the tie-break rule uses the marks by weight, but the call has no criteria")
	}
}

// money formats an amount for a message in the definition's currency: 12,500 € for euros (as
// euros does), 12,500 GBP for another currency.
func (c *checker) money(v float64) string {
	s := euros(v)
	if code := c.def.CurrencyCode(); code != partnership.DefaultCurrency {
		s = strings.TrimSuffix(s, " €") + " " + code
	}
	return s
}
