package validate

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/commons-toolkit/commons/partnership"
)

// checker runs the semantic rules over one definition.
type checker struct {
	doc   *partnership.Document
	def   *partnership.Definition
	diags partnership.Diagnostics

	parties map[string]partnership.Party
	domains []string
}

// problem reports an error at the value of pointer: the message code of the catalogue
// (partnership/catalogue.go) with its arguments. It returns the diagnostic, to set its hint.
func (c *checker) problem(pointer, code string, args ...any) *partnership.Diagnostic {
	c.diags = append(c.diags, c.doc.Diag(pointer, code, args...))
	return &c.diags[len(c.diags)-1]
}

// warning is problem for a warning.
func (c *checker) warning(pointer, code string, args ...any) *partnership.Diagnostic {
	d := c.problem(pointer, code, args...)
	d.Severity = partnership.Warning
	return d
}

// ptr is partnership.Pointer, short because the rules use it on nearly every line.
var ptr = partnership.Pointer

// checkRules runs every semantic rule. The definition may be partly empty when the schema
// rejected some of its values; every rule copes with missing data.
func checkRules(doc *partnership.Document, call *partnership.Document) partnership.Diagnostics {
	c := &checker{doc: doc, def: doc.Definition, parties: map[string]partnership.Party{}}
	if c.def == nil {
		return nil
	}
	c.partyIndex()
	c.partyRoles()
	c.references()
	c.governance()
	c.duration()
	c.support()
	c.licences()
	c.facts()
	c.uniqueIDs()
	c.faithful()
	c.thresholdsMet()
	c.structures()
	if c.def.Call != nil {
		c.call(c.def.Call)
	}
	if c.def.Application != nil {
		c.application(c.def.Application, call)
	}
	return c.diags
}

// misplacedSections rejects a section given for a kind of document it does not apply to, using
// the schema's x-kinds annotations as the single source of truth.
func misplacedSections(doc *partnership.Document) partnership.Diagnostics {
	root, ok := doc.Value.(map[string]any)
	if !ok || doc.Definition == nil || !slices.Contains(partnership.Kinds, doc.Definition.Kind) {
		return nil
	}
	kind := doc.Definition.Kind
	var diags partnership.Diagnostics
	schemaRoot := partnership.Schema().Root
	for key := range root {
		node := schemaRoot.Property(key)
		if node == nil || node.AppliesTo(kind) {
			continue
		}
		kinds := make([]string, len(node.Kinds))
		for i, k := range node.Kinds {
			kinds[i] = string(k)
		}
		diags = append(diags, partnership.At(doc.File, doc.KeyPosOf(ptr(key)), ptr(key)).
			Say("misplaced-section", partnership.M("a-"+string(kind)), key, kindList(kinds)))
	}
	return diags
}

// kindList names kinds of document as a sentence does: "a convention or a call".
type kindList []string

func (k kindList) In(lang string) string {
	words := make([]string, len(k))
	for i, kind := range k {
		words[i] = partnership.M("a-" + kind).In(lang)
	}
	return partnership.OrList(words).In(lang)
}

func (c *checker) partyIndex() {
	for _, p := range c.def.Parties {
		if _, dup := c.parties[p.ID]; !dup && p.ID != "" {
			c.parties[p.ID] = p
		}
	}
	if g := c.def.Governance; g != nil {
		for _, d := range g.Domains {
			c.domains = append(c.domains, d.ID)
		}
	}
}

func (c *checker) partyIDs() []string {
	ids := make([]string, 0, len(c.def.Parties))
	for _, p := range c.def.Parties {
		ids = append(ids, p.ID)
	}
	return ids
}

// ref checks that id names one of known; what names, in the catalogue, the kind of thing it
// should name: "thing-party", "thing-college"…
func (c *checker) ref(pointer, id string, known []string, what string) bool {
	if id == "" || slices.Contains(known, id) {
		return true
	}
	d := c.problem(pointer, "does-not-exist", partnership.M(what), id)
	d.SetHintMsg(didYouMean(id, known))
	if d.HintCode == "" && len(known) > 0 && len(known) <= 12 {
		d.SetHint("known-ids", strings.Join(known, ", "))
	}
	return false
}

func (c *checker) party(pointer, id string) bool {
	return c.ref(pointer, id, c.partyIDs(), "thing-party")
}

// references checks every reference to a party that is not handled with its own section.
func (c *checker) references() {
	d := c.def
	if d.Commons != nil {
		c.party("/commons/owner", d.Commons.Owner)
	}
	for i, a := range d.Actions {
		c.party(ptr("actions", i, "party"), a.Party)
	}
	for i, cm := range d.Commitments {
		c.party(ptr("commitments", i, "party"), cm.Party)
	}
	if a := d.Access; a != nil && a.Continuity != nil {
		c.party("/access/continuity/guarantor", a.Continuity.Guarantor)
	}
	if s := d.Subsidiarity; s != nil {
		c.party("/subsidiarity/initiative", s.Initiative)
		if s.LastResort != nil {
			if c.party("/subsidiarity/last_resort/guarantor", s.LastResort.Guarantor) {
				if p, ok := c.parties[s.LastResort.Guarantor]; ok && p.Role != partnership.RolePublicAuthority && p.Role != partnership.RoleGuarantor {
					c.problem("/subsidiarity/last_resort/guarantor", "last-resort-role", p.ID, roleWord(p.Role))
				}
			}
		}
	}
	if in := d.Insurance; in != nil {
		for i, p := range in.Policies {
			c.party(ptr("insurance", "policies", i, "party"), p.Party)
		}
	}
	if t := d.Termination; t != nil {
		for i, a := range t.Assets {
			c.party(ptr("termination", "assets", i, "owner"), a.Owner)
		}
	}
	if s := d.Support; s != nil {
		for i, g := range s.Grants {
			c.party(ptr("support", "grants", i, "recipient"), g.Recipient)
		}
	}
}

// roleWord names a role in a message: "a citizen collective".
func roleWord(r partnership.Role) partnership.Msg { return partnership.M("a-role-" + string(r)) }

func (c *checker) hasRole(roles ...partnership.Role) bool {
	return slices.ContainsFunc(c.def.Parties, func(p partnership.Party) bool { return slices.Contains(roles, p.Role) })
}

// partyRoles checks that the document has the parties its kind needs, and that every party
// that signs can be named in a signature block.
func (c *checker) partyRoles() {
	d := c.def
	if len(d.Parties) == 0 {
		return
	}
	switch d.Kind {
	case partnership.KindConvention:
		if !c.hasRole(partnership.RolePublicAuthority) {
			c.problem("/parties", "needs-role", partnership.M("a-convention"), partnership.QuotedOr([]string{string(partnership.RolePublicAuthority)}))
		}
		if !c.hasRole(partnership.RoleCitizenCollective, partnership.RoleOperator) {
			c.problem("/parties", "needs-role", partnership.M("a-convention"), partnership.QuotedOr([]string{string(partnership.RoleCitizenCollective), string(partnership.RoleOperator)}))
		}
	case partnership.KindCharter:
		if !c.hasRole(partnership.RolePublicAuthority) {
			c.problem("/parties", "needs-role", partnership.M("a-charter"), partnership.QuotedOr([]string{string(partnership.RolePublicAuthority)}))
		}
	}
	if d.Kind != partnership.KindConvention && d.Kind != partnership.KindCharter {
		return
	}
	for i, p := range d.Parties {
		if (p.Signs == nil || *p.Signs) && p.Representative == nil && p.Contact == nil && !p.HasLegalPersonality() {
			c.warning(ptr("parties", i), "no-contact-person", p.ID, partnership.M("the-"+string(d.Kind))).SetHint("add-contact-person")
		} else if (p.Signs == nil || *p.Signs) && p.Representative == nil && p.Contact == nil {
			c.warning(ptr("parties", i), "no-representative", p.ID, partnership.M("the-"+string(d.Kind))).SetHint("add-representative")
		}
	}
}

// governance checks colleges, domains, voting rules and vetoes for consistency.
func (c *checker) governance() {
	g := c.def.Governance
	if g == nil {
		return
	}
	var colleges []string
	majority := map[string]int{}
	for i, col := range g.Colleges {
		colleges = append(colleges, col.ID)
		for j, m := range col.Members {
			c.party(ptr("governance", "colleges", i, "members", j), m)
		}
		for j, dom := range col.MajorityOn {
			p := ptr("governance", "colleges", i, "majority_on", j)
			if !c.ref(p, dom, c.domains, "thing-domain") {
				continue
			}
			if other, taken := majority[dom]; taken {
				c.problem(p, "two-majorities", g.Colleges[other].ID, col.ID, dom)
			} else {
				majority[dom] = i
			}
		}
	}
	if g.MultiStakeholder {
		var missing []string
		for _, cat := range []partnership.CollegeCategory{partnership.CollegePublic, partnership.CollegeOperators, partnership.CollegeCitizens} {
			if !slices.ContainsFunc(g.Colleges, func(col partnership.College) bool { return col.Category == cat }) {
				missing = append(missing, string(cat))
			}
		}
		if len(missing) > 0 {
			c.problem("/governance/colleges", "three-colleges", partnership.QuotedOr(missing)).SetHint("add-colleges")
		}
	}
	ruled := map[string]int{}
	for i, r := range g.Rules {
		p := ptr("governance", "rules", i)
		if c.ref(p+"/domain", r.Domain, c.domains, "thing-domain") && r.Domain != "" {
			if first, dup := ruled[r.Domain]; dup {
				c.problem(p+"/domain", "domain-ruled-twice", r.Domain, first+1)
			} else {
				ruled[r.Domain] = i
			}
		}
		switch {
		case r.Method == "qualified_majority" && r.Threshold == 0:
			c.problem(p, "needs-threshold", partnership.Decimal(0.66))
		case r.Method != "qualified_majority" && r.Method != "" && r.Threshold != 0:
			c.problem(p+"/threshold", "threshold-not-qualified", partnership.M("method-"+r.Method))
		}
	}
	for i, v := range g.Vetoes {
		p := ptr("governance", "vetoes", i)
		c.ref(p+"/college", v.College, colleges, "thing-college")
		for j, dom := range v.Domains {
			c.ref(ptr("governance", "vetoes", i, "domains", j), dom, c.domains, "thing-domain")
		}
	}
}

// date parses a YYYY-MM-DD date; invalid dates are the schema's to report.
func date(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

// duration checks that the term is coherent: start before end, end agreeing with months.
func (c *checker) duration() {
	du := c.def.Duration
	if du == nil {
		return
	}
	start, okStart := date(du.Start)
	end, okEnd := date(du.End)
	if okStart && okEnd && !end.After(start) {
		c.problem("/duration/end", "end-before-start", du.End, du.Start)
		return
	}
	if okStart && okEnd && du.Months > 0 {
		byMonths := start.AddDate(0, du.Months, 0)
		if !end.Equal(byMonths) && !end.Equal(byMonths.AddDate(0, 0, -1)) {
			c.problem("/duration/months", "months-disagree", partnership.Count{N: du.Months, Code: "n-months"}, du.Start, byMonths.AddDate(0, 0, -1).Format(time.DateOnly), du.End)
		}
	}
	if r := du.Renewal; r != nil && r.Mode == "none" && (r.PeriodMonths > 0 || r.MaxRenewals > 0) {
		c.problem("/duration/renewal", "renewal-none")
	}
}

// euros is an amount in a message: 12,500 € or 12 500 €.

// support checks funders, the coherence of each grant and the payment schedule.
func (c *checker) support() {
	s := c.def.Support
	if s == nil {
		return
	}
	var grants []string
	for i, g := range s.Grants {
		p := ptr("support", "grants", i)
		c.party(p+"/funder", g.Funder)
		if g.Rate > 0 && g.EligibleCosts > 0 && g.Amount > g.EligibleCosts*g.Rate/100+0.005 {
			c.problem(p+"/amount", "grant-over-rate",
				c.money(g.Amount), partnership.Decimal(g.Rate), c.money(g.EligibleCosts), c.money(g.EligibleCosts*g.Rate/100))
		}
		if g.EligibleCosts > 0 && g.Amount > g.EligibleCosts+0.005 {
			c.problem(p+"/amount", "grant-over-costs", c.money(g.Amount), c.money(g.EligibleCosts))
		}
		if g.ID != "" {
			grants = append(grants, g.ID)
		}
	}
	paid := map[string]int64{} // in cents, added up exactly
	for i, pay := range s.PaymentSchedule {
		p := ptr("support", "payment_schedule", i)
		key := pay.Grant
		if key == "" {
			if len(s.Grants) > 1 {
				c.problem(p, "payment-which-grant")
				continue
			}
		} else if !c.ref(p+"/grant", pay.Grant, grants, "thing-grant") {
			continue
		}
		paid[key] += partnership.Cents(pay.Amount)
		if du := c.def.Duration; du != nil && pay.Date != "" {
			when, ok := date(pay.Date)
			start, okStart := date(du.Start)
			end, okEnd := date(du.End)
			if ok && okStart && when.Before(start) || ok && okEnd && when.After(end) {
				c.warning(p+"/date", "payment-outside-term", pay.Date, du.Start, orOpen(du.End))
			}
		}
	}
	for i, g := range s.Grants {
		key := g.ID
		if len(s.Grants) == 1 && paid[""] > 0 {
			key = ""
		}
		if paid[key] > partnership.Cents(g.Amount) {
			c.problem(ptr("support", "payment_schedule"), "payments-over-grant", c.money(partnership.Euros(paid[key])), label(g.ID, i), c.money(g.Amount))
		}
	}
	for i, k := range s.InKind {
		c.party(ptr("support", "in_kind", i, "provider"), k.Provider)
	}
}

// orOpen is the end of a term in a message: its date, or "its end".
func orOpen(end string) any {
	if end == "" {
		return partnership.M("its-end")
	}
	return end
}

// label names a grant in a message: its id quoted, or its number.
func label(id string, i int) partnership.Msg {
	if id != "" {
		return partnership.M("quoted", id)
	}
	return partnership.M("number-n", i+1)
}

// licences warns about licence identifiers that are not on the SPDX list.
func (c *checker) licences() {
	for i, l := range c.def.Licences {
		c.spdx(ptr("licences", i, "spdx"), l.SPDX)
	}
	if call := c.def.Call; call != nil && call.Eligibility != nil {
		for i, id := range call.Eligibility.AcceptedLicences {
			c.spdx(ptr("call", "eligibility", "accepted_licences", i), id)
		}
	}
}

func (c *checker) spdx(pointer, id string) {
	if id == "" || strings.HasPrefix(id, "LicenseRef-") || partnership.KnownLicence(id) {
		return
	}
	d := c.warning(pointer, "unknown-licence", id)
	d.SetHintMsg(didYouMean(id, partnership.LicenceIDs()))
	if d.HintCode == "" {
		d.SetHint("use-spdx")
	}
}

// facts warns about a communality fact declared twice.
func (c *checker) facts() {
	if c.def.Communality == nil {
		return
	}
	seen := map[string]bool{}
	for i, f := range c.def.Communality.Facts {
		if f.Fact != "" && seen[f.Fact] {
			c.warning(ptr("communality", "facts", i, "fact"), "fact-twice", f.Fact)
		}
		seen[f.Fact] = true
	}
}

// uniqueIDs checks that ids are unique within each list where other parts refer to them.
func (c *checker) uniqueIDs() {
	d := c.def
	unique := func(list string, ids []string) {
		first := map[string]int{}
		for i, id := range ids {
			if id == "" {
				continue
			}
			if j, dup := first[id]; dup {
				c.problem(list+"/"+strconv.Itoa(i)+"/id", "duplicate-id", id, j+1)
				continue
			}
			first[id] = i
		}
	}
	ids := func(n int, get func(int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = get(i)
		}
		return out
	}
	unique("/parties", ids(len(d.Parties), func(i int) string { return d.Parties[i].ID }))
	unique("/actions", ids(len(d.Actions), func(i int) string { return d.Actions[i].ID }))
	unique("/annexes", ids(len(d.Annexes), func(i int) string { return d.Annexes[i].ID }))
	if g := d.Governance; g != nil {
		unique("/governance/colleges", ids(len(g.Colleges), func(i int) string { return g.Colleges[i].ID }))
		unique("/governance/domains", ids(len(g.Domains), func(i int) string { return g.Domains[i].ID }))
		unique("/governance/bodies", ids(len(g.Bodies), func(i int) string { return g.Bodies[i].ID }))
	}
	if s := d.Support; s != nil {
		unique("/support/grants", ids(len(s.Grants), func(i int) string { return s.Grants[i].ID }))
	}
	if r := d.Reporting; r != nil {
		unique("/reporting/indicators", ids(len(r.Indicators), func(i int) string { return r.Indicators[i].ID }))
	}
	if cond := d.Conditions; cond != nil {
		unique("/conditions/social", ids(len(cond.Social), func(i int) string { return cond.Social[i].ID }))
		unique("/conditions/ecological", ids(len(cond.Ecological), func(i int) string { return cond.Ecological[i].ID }))
		unique("/conditions/criteria", ids(len(cond.Criteria), func(i int) string { return cond.Criteria[i].ID }))
	}
	if ch := d.Charter; ch != nil {
		unique("/charter/principles", ids(len(ch.Principles), func(i int) string { return ch.Principles[i].ID }))
		unique("/charter/instruments", ids(len(ch.Instruments), func(i int) string { return ch.Instruments[i].ID }))
	}
	if call := d.Call; call != nil {
		unique("/call/challenges", ids(len(call.Challenges), func(i int) string { return call.Challenges[i].ID }))
		unique("/call/criteria", ids(len(call.Criteria), func(i int) string { return call.Criteria[i].ID }))
		unique("/call/rounds", ids(len(call.Rounds), func(i int) string { return call.Rounds[i].ID }))
	}
}

// call checks a call for commons: issuers, criteria weights, rounds and the funding band.
func (c *checker) call(call *partnership.Call) {
	for i, id := range call.Issuers {
		p := ptr("call", "issuers", i)
		if c.party(p, id) {
			if party, ok := c.parties[id]; ok && party.Role != partnership.RolePublicAuthority && party.Role != partnership.RoleFunder {
				c.problem(p, "issuer-role", id, roleWord(party.Role))
			}
		}
	}
	if len(call.Criteria) > 0 {
		sum := 0
		for _, cr := range call.Criteria {
			sum += cr.Weight
		}
		if sum != 100 && !slices.ContainsFunc(call.Criteria, func(cr partnership.WeightedCriterion) bool { return cr.Weight == 0 }) {
			c.problem("/call/criteria", "weights-sum", sum)
		}
	}
	if f := call.Funding; f != nil && f.MaxAmount > 0 && f.MinAmount > f.MaxAmount {
		c.problem("/call/funding/min_amount", "min-over-max", c.money(f.MinAmount), c.money(f.MaxAmount))
	}
	if f := call.Funding; f != nil && f.TotalBudget > 0 && f.MinAmount > f.TotalBudget {
		c.problem("/call/funding/total_budget", "budget-under-min", c.money(f.TotalBudget), c.money(f.MinAmount))
	}
}

// application checks an application on its own and, when its call is known, against the call.
func (c *checker) application(app *partnership.Application, callDoc *partnership.Document) {
	if c.party("/application/applicant", app.Applicant) {
		if p, ok := c.parties[app.Applicant]; ok && p.Role != partnership.RoleCitizenCollective && p.Role != partnership.RoleOperator {
			c.problem("/application/applicant", "applicant-role", p.ID, roleWord(p.Role))
		}
	}
	if r := app.Requested; r != nil && r.EligibleCosts > 0 && r.Amount > r.EligibleCosts+0.005 {
		c.problem("/application/requested/amount", "requested-over-costs", c.money(r.Amount), c.money(r.EligibleCosts))
	}
	marked := map[string]int{}
	for i, m := range app.Marks {
		if j, dup := marked[m.Criterion]; dup && m.Criterion != "" {
			c.problem(ptr("application", "marks", i, "criterion"), "marked-twice", m.Criterion, j+1)
		}
		marked[m.Criterion] = i
	}
	if callDoc == nil || callDoc.Definition == nil {
		return
	}
	cd := callDoc.Definition
	if cd.Kind != partnership.KindCall || cd.Call == nil {
		c.problem("/application/call/file", "call-file-not-call", callDoc.File, string(cd.Kind))
		return
	}
	if app.Call.ID != "" && cd.ID != "" && app.Call.ID != cd.ID {
		c.problem("/application/call/id", "call-id-mismatch", callDoc.File, cd.ID, app.Call.ID)
	}
	call := cd.Call
	var challenges, rounds, criteria []string
	for _, ch := range call.Challenges {
		challenges = append(challenges, ch.ID)
	}
	for _, r := range call.Rounds {
		rounds = append(rounds, r.ID)
	}
	for _, cr := range call.Criteria {
		criteria = append(criteria, cr.ID)
	}
	for i, ch := range app.Challenges {
		c.ref(ptr("application", "challenges", i), ch, challenges, "thing-challenge")
	}
	c.ref("/application/round", app.Round, rounds, "thing-round")
	for i, m := range app.Marks {
		c.ref(ptr("application", "marks", i, "criterion"), m.Criterion, criteria, "thing-criterion")
	}
	if len(app.Marks) > 0 {
		var unmarked []string
		for _, cr := range call.Criteria {
			if _, ok := marked[cr.ID]; !ok && cr.ID != "" {
				unmarked = append(unmarked, cr.ID)
			}
		}
		if len(unmarked) > 0 {
			c.warning("/application/marks", "criteria-unmarked", partnership.QuotedAnd(unmarked)).SetHint("mark-every-criterion")
		}
	}
	r, f := app.Requested, call.Funding
	if r == nil || f == nil {
		return
	}
	// The amounts of an application are in its call's currency, unless it names its own.
	money := func(v float64) partnership.Money {
		if c.def.Currency == "" {
			return partnership.Money{V: v, Currency: cd.CurrencyCode()}
		}
		return c.money(v)
	}
	if r.Amount < f.MinAmount || f.MaxAmount > 0 && r.Amount > f.MaxAmount {
		c.problem("/application/requested/amount", "requested-outside-band", money(f.MinAmount), money(f.MaxAmount), money(r.Amount))
	}
	if r.EligibleCosts > 0 && f.RateCap > 0 {
		if rate := r.Amount / r.EligibleCosts * 100; rate > f.RateCap+1e-9 {
			c.problem("/application/requested/amount", "requested-over-rate",
				partnership.Decimal(math.Round(rate*10)/10), partnership.Decimal(f.RateCap),
				money(r.EligibleCosts*f.RateCap/100), money(r.EligibleCosts))
		}
	}
	if f.MaxDurationMonths > 0 && r.DurationMonths > f.MaxDurationMonths {
		c.problem("/application/requested/duration_months", "requested-over-duration", partnership.Count{N: f.MaxDurationMonths, Code: "n-months"}, r.DurationMonths)
	}
}
