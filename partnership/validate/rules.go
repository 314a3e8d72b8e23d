package validate

import (
	"fmt"
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

func (c *checker) errorf(pointer, format string, args ...any) *partnership.Diagnostic {
	c.diags = append(c.diags, c.doc.Diag(pointer, format, args...))
	return &c.diags[len(c.diags)-1]
}

func (c *checker) warnf(pointer, format string, args ...any) *partnership.Diagnostic {
	d := c.errorf(pointer, format, args...)
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
		p := doc.KeyPosOf(ptr(key))
		diags = append(diags, partnership.Diagnostic{
			Severity: partnership.Error, File: doc.File, Line: p.Line, Column: p.Column, Pointer: ptr(key),
			Message: fmt.Sprintf("a %s has no %q section; it belongs in a %s", kind, key, orList(kinds)),
		})
	}
	return diags
}

func orList(items []string) string { return joinWords(items, "or") }

// joinWords joins items as a sentence does: "a", "a or b", "a, b or c".
func joinWords(items []string, conjunction string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + conjunction + " " + items[len(items)-1]
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

// ref checks that id names one of known; what says what kind of thing it should name.
func (c *checker) ref(pointer, id string, known []string, what string) bool {
	if id == "" || slices.Contains(known, id) {
		return true
	}
	d := c.errorf(pointer, "%s %q does not exist", what, id)
	d.Hint = didYouMean(id, known)
	if d.Hint == "" && len(known) > 0 && len(known) <= 12 {
		d.Hint = "known: " + strings.Join(known, ", ")
	}
	return false
}

func (c *checker) party(pointer, id string) bool {
	return c.ref(pointer, id, c.partyIDs(), "party")
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
					c.errorf("/subsidiarity/last_resort/guarantor", "the guarantor of last resort must be a public authority or a guarantor; %q is a %s", p.ID, words(string(p.Role)))
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

func words(s string) string { return strings.ReplaceAll(s, "_", " ") }

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
			c.errorf("/parties", "a convention needs at least one party with role %q", partnership.RolePublicAuthority)
		}
		if !c.hasRole(partnership.RoleCitizenCollective, partnership.RoleOperator) {
			c.errorf("/parties", "a convention needs at least one party with role %q or %q", partnership.RoleCitizenCollective, partnership.RoleOperator)
		}
	case partnership.KindCharter:
		if !c.hasRole(partnership.RolePublicAuthority) {
			c.errorf("/parties", "a charter needs at least one party with role %q", partnership.RolePublicAuthority)
		}
	}
	if d.Kind != partnership.KindConvention && d.Kind != partnership.KindCharter {
		return
	}
	for i, p := range d.Parties {
		if (p.Signs == nil || *p.Signs) && p.Representative == nil && p.Contact == nil && !p.HasLegalPersonality() {
			c.warnf(ptr("parties", i), "party %q signs the %s but names no contact person; the signature block will be left without a name", p.ID, d.Kind).Hint =
				"add its contact person with name and capacity, or \"signs: false\""
		} else if (p.Signs == nil || *p.Signs) && p.Representative == nil && p.Contact == nil {
			c.warnf(ptr("parties", i), "party %q signs the %s but names no representative; the signature block will be left without a name", p.ID, d.Kind).Hint =
				`add a representative with name and capacity, or "signs: false"`
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
			if !c.ref(p, dom, c.domains, "decision domain") {
				continue
			}
			if other, taken := majority[dom]; taken {
				c.errorf(p, "colleges %q and %q cannot both hold the majority on %q", g.Colleges[other].ID, col.ID, dom)
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
			c.errorf("/governance/colleges", "a multi-stakeholder governance needs at least three colleges: public actors, operators and citizens; no college has category %s", orList(quoted(missing))).Hint =
				"add the missing colleges, or set multi_stakeholder to false"
		}
	}
	ruled := map[string]int{}
	for i, r := range g.Rules {
		p := ptr("governance", "rules", i)
		if c.ref(p+"/domain", r.Domain, c.domains, "decision domain") && r.Domain != "" {
			if first, dup := ruled[r.Domain]; dup {
				c.errorf(p+"/domain", "domain %q already has a voting rule (rule %d); give one rule per domain", r.Domain, first+1)
			} else {
				ruled[r.Domain] = i
			}
		}
		switch {
		case r.Method == "qualified_majority" && r.Threshold == 0:
			c.errorf(p, "a qualified majority needs a threshold, the share of votes required, such as 0.66")
		case r.Method != "qualified_majority" && r.Method != "" && r.Threshold != 0:
			c.errorf(p+"/threshold", "a threshold only applies to a qualified majority; this rule uses %s", words(r.Method))
		}
	}
	for i, v := range g.Vetoes {
		p := ptr("governance", "vetoes", i)
		c.ref(p+"/college", v.College, colleges, "college")
		for j, dom := range v.Domains {
			c.ref(ptr("governance", "vetoes", i, "domains", j), dom, c.domains, "decision domain")
		}
	}
}

func quoted(items []string) []string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = strconv.Quote(s)
	}
	return out
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
		c.errorf("/duration/end", "the end date %s must come after the start date %s", du.End, du.Start)
		return
	}
	if okStart && okEnd && du.Months > 0 {
		byMonths := start.AddDate(0, du.Months, 0)
		if !end.Equal(byMonths) && !end.Equal(byMonths.AddDate(0, 0, -1)) {
			c.errorf("/duration/months", "%d months from %s end on %s, but the end date says %s; give one of them or make them agree",
				du.Months, du.Start, byMonths.AddDate(0, 0, -1).Format(time.DateOnly), du.End)
		}
	}
	if r := du.Renewal; r != nil && r.Mode == "none" && (r.PeriodMonths > 0 || r.MaxRenewals > 0) {
		c.errorf("/duration/renewal", "renewal mode is \"none\", so period_months and max_renewals have no effect; remove them or choose \"tacit\" or \"express\"")
	}
}

// euros formats an amount for a message: 12,500 € or 12,500.50 €.
func euros(v float64) string {
	cents := int64(math.Round(v * 100))
	whole := strconv.FormatInt(cents/100, 10)
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if cents%100 != 0 {
		fmt.Fprintf(&b, ".%02d", cents%100)
	}
	return b.String() + " €"
}

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
			c.errorf(p+"/amount", "a grant of %s is more than %s%% of %s of eligible costs (%s)",
				euros(g.Amount), strconv.FormatFloat(g.Rate, 'f', -1, 64), euros(g.EligibleCosts), euros(g.EligibleCosts*g.Rate/100))
		}
		if g.EligibleCosts > 0 && g.Amount > g.EligibleCosts+0.005 {
			c.errorf(p+"/amount", "a grant of %s exceeds its eligible costs of %s", euros(g.Amount), euros(g.EligibleCosts))
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
				c.errorf(p, "there are several grants; say which one this payment belongs to with \"grant\"")
				continue
			}
		} else if !c.ref(p+"/grant", pay.Grant, grants, "grant") {
			continue
		}
		paid[key] += partnership.Cents(pay.Amount)
		if du := c.def.Duration; du != nil && pay.Date != "" {
			when, ok := date(pay.Date)
			start, okStart := date(du.Start)
			end, okEnd := date(du.End)
			if ok && okStart && when.Before(start) || ok && okEnd && when.After(end) {
				c.warnf(p+"/date", "payment date %s falls outside the term of the document (%s to %s)", pay.Date, du.Start, orOpen(du.End))
			}
		}
	}
	for i, g := range s.Grants {
		key := g.ID
		if len(s.Grants) == 1 && paid[""] > 0 {
			key = ""
		}
		if paid[key] > partnership.Cents(g.Amount) {
			c.errorf(ptr("support", "payment_schedule"), "payments add up to %s, more than the grant %s of %s", euros(partnership.Euros(paid[key])), label(g.ID, i), euros(g.Amount))
		}
	}
	for i, k := range s.InKind {
		c.party(ptr("support", "in_kind", i, "provider"), k.Provider)
	}
}

func orOpen(end string) string {
	if end == "" {
		return "its end"
	}
	return end
}

func label(id string, i int) string {
	if id != "" {
		return strconv.Quote(id)
	}
	return fmt.Sprintf("n° %d", i+1)
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
	d := c.warnf(pointer, "%q is not an SPDX licence identifier this toolkit knows", id)
	d.Hint = didYouMean(id, partnership.LicenceIDs())
	if d.Hint == "" {
		d.Hint = "use the identifier from the SPDX list, or LicenseRef-… for a licence of your own"
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
			c.warnf(ptr("communality", "facts", i, "fact"), "fact %q is declared twice", f.Fact)
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
				c.errorf(list+"/"+strconv.Itoa(i)+"/id", "id %q is already used by item %d of this list", id, j+1)
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
				c.errorf(p, "the issuer of a call must be a public authority or a funder; %q is a %s", id, words(string(party.Role)))
			}
		}
	}
	if len(call.Criteria) > 0 {
		sum := 0
		for _, cr := range call.Criteria {
			sum += cr.Weight
		}
		if sum != 100 && !slices.ContainsFunc(call.Criteria, func(cr partnership.WeightedCriterion) bool { return cr.Weight == 0 }) {
			c.errorf("/call/criteria", "the weights of the selection criteria add up to %d; they must add up to 100", sum)
		}
	}
	if f := call.Funding; f != nil && f.MaxAmount > 0 && f.MinAmount > f.MaxAmount {
		c.errorf("/call/funding/min_amount", "the minimum amount %s is more than the maximum %s", euros(f.MinAmount), euros(f.MaxAmount))
	}
	if f := call.Funding; f != nil && f.TotalBudget > 0 && f.MinAmount > f.TotalBudget {
		c.errorf("/call/funding/total_budget", "the total budget %s cannot fund even one grant of the minimum amount %s", euros(f.TotalBudget), euros(f.MinAmount))
	}
}

// application checks an application on its own and, when its call is known, against the call.
func (c *checker) application(app *partnership.Application, callDoc *partnership.Document) {
	if c.party("/application/applicant", app.Applicant) {
		if p, ok := c.parties[app.Applicant]; ok && p.Role != partnership.RoleCitizenCollective && p.Role != partnership.RoleOperator {
			c.errorf("/application/applicant", "the applicant must be a citizen collective or an operator; %q is a %s", p.ID, words(string(p.Role)))
		}
	}
	if r := app.Requested; r != nil && r.EligibleCosts > 0 && r.Amount > r.EligibleCosts+0.005 {
		c.errorf("/application/requested/amount", "the amount requested (%s) exceeds the eligible costs (%s)", euros(r.Amount), euros(r.EligibleCosts))
	}
	marked := map[string]int{}
	for i, m := range app.Marks {
		if j, dup := marked[m.Criterion]; dup && m.Criterion != "" {
			c.errorf(ptr("application", "marks", i, "criterion"), "criterion %q is already marked (mark %d)", m.Criterion, j+1)
		}
		marked[m.Criterion] = i
	}
	if callDoc == nil || callDoc.Definition == nil {
		return
	}
	cd := callDoc.Definition
	if cd.Kind != partnership.KindCall || cd.Call == nil {
		c.errorf("/application/call/file", "%s is not a call for commons (its kind is %q)", callDoc.File, cd.Kind)
		return
	}
	if app.Call.ID != "" && cd.ID != "" && app.Call.ID != cd.ID {
		c.errorf("/application/call/id", "the call in %s has id %q, not %q", callDoc.File, cd.ID, app.Call.ID)
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
		c.ref(ptr("application", "challenges", i), ch, challenges, "challenge")
	}
	c.ref("/application/round", app.Round, rounds, "round")
	for i, m := range app.Marks {
		c.ref(ptr("application", "marks", i, "criterion"), m.Criterion, criteria, "criterion")
	}
	if len(app.Marks) > 0 {
		var unmarked []string
		for _, cr := range call.Criteria {
			if _, ok := marked[cr.ID]; !ok && cr.ID != "" {
				unmarked = append(unmarked, strconv.Quote(cr.ID))
			}
		}
		if len(unmarked) > 0 {
			c.warnf("/application/marks", "the jury has not marked %s of the call; the weighted total cannot be computed", joinWords(unmarked, "and")).Hint =
				"mark every criterion, or remove the marks until the jury has met"
		}
	}
	r, f := app.Requested, call.Funding
	if r == nil || f == nil {
		return
	}
	if r.Amount < f.MinAmount || f.MaxAmount > 0 && r.Amount > f.MaxAmount {
		c.errorf("/application/requested/amount", "the call funds between %s and %s; the amount requested is %s", euros(f.MinAmount), euros(f.MaxAmount), euros(r.Amount))
	}
	if r.EligibleCosts > 0 && f.RateCap > 0 {
		if rate := r.Amount / r.EligibleCosts * 100; rate > f.RateCap+1e-9 {
			c.errorf("/application/requested/amount", "the amount requested is %s%% of the eligible costs; the call funds at most %s%% (%s of %s)",
				strconv.FormatFloat(math.Round(rate*10)/10, 'f', -1, 64), strconv.FormatFloat(f.RateCap, 'f', -1, 64),
				euros(r.EligibleCosts*f.RateCap/100), euros(r.EligibleCosts))
		}
	}
	if f.MaxDurationMonths > 0 && r.DurationMonths > f.MaxDurationMonths {
		c.errorf("/application/requested/duration_months", "the call funds projects of at most %d months; the application asks for %d", f.MaxDurationMonths, r.DurationMonths)
	}
}
