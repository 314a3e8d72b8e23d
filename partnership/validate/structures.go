package validate

import (
	"cmp"
	"slices"
	"strconv"

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
		c.problem("/instrument", "instrument-of-kind", partnership.M("a-"+string(d.Kind)), d.Instrument, partnership.QuotedOr(list)).
			SetHintMsg(didYouMean(d.Instrument, list))
		return
	}
	if d.Variant != "" && d.Instrument != "collaboration_pact" && d.Instrument != "convention" {
		c.problem("/variant", "variant-needs-pact", d.Variant, d.Instrument).SetHint("remove-variant")
	}
}

// currency checks the currency code against ISO 4217.
func (c *checker) currency() {
	code := c.def.Currency
	if code == "" || partnership.KnownCurrency(code) {
		return
	}
	d := c.problem("/currency", "unknown-currency", code)
	switch code {
	case "UKP", "STG":
		d.SetHint("pound-is-gbp")
	default:
		d.SetHintMsg(didYouMean(code, partnership.CurrencyCodes()))
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
			c.problem(pp+"/contact", "contact-of-legal-person", p.ID).SetHint("contact-to-representative")
			continue
		}
		if p.Representative != nil {
			c.problem(pp+"/representative", "representative-of-group", p.ID).SetHint("keep-contact")
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
			c.problem(p+"/seats", "open-body-seats", b.ID).SetHint("remove-seats")
		case b.Membership == "seats" && len(b.Seats) == 0:
			c.problem(p, "body-lists-no-seats", b.ID)
		}
		counts := map[int]bool{}
		for j, s := range b.Seats {
			sp := ptr("governance", "bodies", i, "seats", j)
			switch {
			case s.Party != "" && s.College != "":
				c.problem(sp, "seats-party-and-college")
			case s.Party == "" && s.College == "":
				c.problem(sp, "seats-of-whom")
			case s.Party != "":
				c.party(sp+"/party", s.Party)
			default:
				c.ref(sp+"/college", s.College, colleges, "thing-college")
			}
			counts[s.Seats] = true
		}
		if b.Parity && len(counts) > 1 {
			var seats []string
			for _, s := range b.Seats {
				seats = append(seats, strconv.Itoa(s.Seats))
			}
			c.problem(p+"/parity", "joint-body-unequal", b.ID, partnership.List{Items: seats, And: true})
		}
		if b.Parity && len(b.Seats) < 2 {
			c.problem(p+"/parity", "joint-body-two")
		}
		switch {
		case b.Method == "qualified_majority" && b.Threshold == 0:
			c.problem(p, "body-needs-threshold", b.ID, partnership.Decimal(0.66))
		case b.Method != "qualified_majority" && b.Threshold != 0:
			c.problem(p+"/threshold", "body-threshold-not-qualified", b.ID, partnership.M("decides-by-"+cmp.Or(b.Method, "none")))
		}
		for j, dom := range b.Decides {
			c.ref(ptr("governance", "bodies", i, "decides", j), dom, c.domains, "thing-domain")
		}
		if len(b.Decides) > 0 && b.Method == "" {
			c.problem(p, "body-no-method", b.ID).SetHint("add-method")
		}
	}
}

// limitedVetoes warns about a veto limited to price increases in a definition without prices.
func (c *checker) limitedVetoes() {
	g := c.def.Governance
	if g == nil {
		return
	}
	for i, v := range g.Vetoes {
		if v.LimitedTo == "price_increase" && (c.def.Access == nil || c.def.Access.Pricing == nil) {
			c.warning(ptr("governance", "vetoes", i, "limited_to"), "veto-price-no-pricing").SetHint("describe-pricing")
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
		c.problem("/access/pricing", "pricing-needs-unit").SetHint("add-unit")
	}
	last := 0.0
	for i, t := range pr.Tranches {
		p := ptr("access", "pricing", "tranches", i)
		if t.UpTo == 0 && i < len(pr.Tranches)-1 {
			c.problem(p, "tranche-needs-up-to")
		}
		if t.UpTo != 0 && t.UpTo <= last {
			c.problem(p+"/up_to", "tranches-ascending", partnership.Decimal(t.UpTo), partnership.Decimal(last))
		}
		if t.UpTo > last {
			last = t.UpTo
		}
		if pr.Mode == "free" && t.Price > 0 {
			c.problem(p+"/price", "free-pricing-price", c.money(t.Price)).SetHint("choose-pricing-mode")
		}
	}
}

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
			c.problem(ptr("conditions", "criteria", i, "id"), "condition-id-used", cr.ID, partnership.M("a-condition-"+list))
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
				c.problem("/volunteers/insurer", "insurer-informal-group", v.Insurer).SetHint("name-insurer")
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
		c.problem("/call/closes", "call-closes-early", call.Closes, call.Opens)
	}
	for i, r := range call.Rounds {
		p := ptr("call", "rounds", i)
		ro, okRO := date(r.Opens)
		rc, okRC := date(r.Closes)
		if okRO && okRC && !rc.After(ro) {
			c.problem(p+"/closes", "round-closes-early", r.ID, r.Closes, r.Opens)
		}
		if i > 0 {
			prev := call.Rounds[i-1]
			pc, okPC := date(prev.Closes)
			switch {
			case okRO && okPC && ro.Before(pc) && r.Opens != prev.Opens:
				c.problem(p+"/opens", "round-order", r.ID, r.Opens, prev.Closes).SetHint("continuous-call-rounds")
			case r.Opens == prev.Opens && okRC && okPC && !rc.After(pc):
				c.problem(p+"/closes", "cutoff-order", r.ID, r.Closes, prev.Closes)
			}
		}
		if decision, ok := date(r.Decision); ok && okRC && decision.Before(rc) {
			c.problem(p+"/decision", "round-decision-early", r.ID, r.Decision, r.Closes)
		}
		if okOpen && okRO && ro.Before(opens) {
			c.problem(p+"/opens", "round-before-call", r.ID, r.Opens, call.Opens)
		}
		if okClose && okRC && rc.After(closes) {
			c.problem(p+"/closes", "round-after-call", r.ID, r.Closes, call.Closes)
		}
	}
}

// callRules checks the average grant and the tie-break rule.
func (c *checker) callRules(call *partnership.Call) {
	if f := call.Funding; f != nil && f.AverageAmount > 0 {
		if f.AverageAmount < f.MinAmount || f.MaxAmount > 0 && f.AverageAmount > f.MaxAmount {
			c.problem("/call/funding/average_amount", "average-outside-band", c.money(f.AverageAmount), c.money(f.MinAmount), c.money(f.MaxAmount))
		}
	}
	for i, step := range call.TieBreak {
		if step == partnership.TieReference && i < len(call.TieBreak)-1 {
			c.problem(ptr("call", "tie_break", i+1), "tie-after-reference", partnership.TieReference).SetHint("move-reference", partnership.TieReference)
		}
	}
	if slices.Contains(call.TieBreak, partnership.TieMarksByWeight) && len(call.Criteria) == 0 {
		c.problem("/call/tie_break", "tie-marks-no-criteria")
	}
}

// money is an amount of the definition in a message, in its currency: 12,500 € for euros,
// 12,500 GBP for another currency.
func (c *checker) money(v float64) partnership.Money {
	return partnership.Money{V: v, Currency: c.def.CurrencyCode()}
}
