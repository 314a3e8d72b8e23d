package score

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/commons-toolkit/commons/partnership"
)

// Gate is one eligibility condition of a call, applied to an application.
type Gate struct {
	// ID names the gate: calendar, commons_type, licence, community, documentation,
	// documentation_site, challenge, communality, funding_band, rate_cap, duration.
	ID  string `json:"id"`
	Met bool   `json:"met"`
	// Found is what the application offers (a licence list, a number of contributors…), and
	// Required what the call asks, both as short texts for the report.
	Found    string `json:"found"`
	Required string `json:"required"`
}

// Application is the assessment of one application against its call.
type Application struct {
	File  string `json:"file"`
	ID    string `json:"id"`
	Title string `json:"title"`
	// Applicant is the name of the applying party.
	Applicant string `json:"applicant"`
	Date      string `json:"date,omitempty"`
	// Round is the id of the round the application answers: the one it names, else the one open
	// on its date.
	Round string `json:"round,omitempty"`
	// Valid is false when the definition has errors; only Diagnostics is then filled in.
	Valid       bool                    `json:"valid"`
	Diagnostics partnership.Diagnostics `json:"diagnostics"`
	Gates       []Gate                  `json:"gates"`
	Eligible    bool                    `json:"eligible"`
	Profile     Profile                 `json:"profile"`
	Requested   float64                 `json:"requested"`
	Costs       float64                 `json:"eligible_costs"`
	// Rate is the share of eligible costs requested, in percent.
	Rate float64 `json:"rate"`
	// Marks are the jury's marks out of 20, by criterion id.
	Marks map[string]float64 `json:"marks"`
	// Total is the weighted total out of 100, or nil until every criterion is marked.
	Total *float64 `json:"total"`
	// Rank is the place in the ranking, from 1; 0 for an application that is not ranked.
	// Applications the tie-break rule cannot separate share their rank.
	Rank int `json:"rank"`
	// Tie says, for a ranked application whose weighted total equals that of the one before it,
	// which step of the tie-break rule placed it after that one, or "shared" when none did.
	Tie string `json:"tie,omitempty"`
}

// Assessment is the result of a call's selection: every application, ranked ones first.
type Assessment struct {
	Rubric       string        `json:"rubric"`
	Version      string        `json:"version"`
	Call         string        `json:"call"`
	Title        string        `json:"title"`
	Applications []Application `json:"applications"`
	// TieBreak is the tie-break rule applied: the call's own steps, else the clause library's
	// default, whose entry of the defaults file TieBreakDefault names.
	TieBreak        []string `json:"tie_break"`
	TieBreakDefault string   `json:"tie_break_default,omitempty"`
	// TieBreakSource is the defaults file TieBreakDefault was read from: the clause library's,
	// or a house directory's that replaces it.
	TieBreakSource string `json:"tie_break_source,omitempty"`
	// ToCheck are the eligibility conditions the call writes in free text: no program can check
	// them, and the jury checks them for every application ranked.
	ToCheck []string `json:"to_check"`
	// ObjectionDays is the period of public objection after the ranking is published.
	ObjectionDays int `json:"objection_days,omitempty"`
	// Skipped are the files found in directories that are not applications to the call.
	Skipped []Skipped `json:"skipped"`
}

// AssessApplication checks one valid application against its call.
func AssessApplication(app *partnership.Document, call *partnership.Definition) Application {
	def := app.Definition
	a := Application{File: app.File, ID: def.ID, Title: def.Title, Date: def.Date, Valid: true, Diagnostics: partnership.Diagnostics{}, Marks: map[string]float64{}, Gates: []Gate{}}
	ap := def.Application
	for _, p := range def.Parties {
		if ap != nil && p.ID == ap.Applicant {
			a.Applicant = p.Name
		}
	}
	a.Profile = Compute(def)
	c := call.Call
	el := c.Eligibility
	if el == nil {
		el = &partnership.Eligibility{}
	}
	gate := func(id string, met bool, found, required string) {
		a.Gates = append(a.Gates, Gate{ID: id, Met: met, Found: found, Required: required})
	}
	calendarGate(&a, def, c, gate)
	if len(el.CommonsTypes) > 0 {
		found := ""
		if def.Commons != nil {
			found = def.Commons.Type
		}
		gate("commons_type", slices.Contains(el.CommonsTypes, found), found, strings.Join(el.CommonsTypes, ", "))
	}
	if len(el.AcceptedLicences) > 0 {
		var ids []string
		met := false
		for _, l := range def.Licences {
			ids = append(ids, l.SPDX)
			if slices.ContainsFunc(el.AcceptedLicences, func(acc string) bool { return strings.EqualFold(acc, l.SPDX) }) {
				met = true
			}
		}
		gate("licence", met, strings.Join(ids, ", "), strings.Join(el.AcceptedLicences, ", "))
	}
	if el.RequireCommunity {
		need := max(el.MinContributors, 1)
		n := 0
		if ap != nil && ap.Community != nil {
			n = ap.Community.Contributors
		}
		gate("community", n >= need, itoa(n), itoa(need))
	}
	if el.RequireDocumentation {
		public := ap != nil && ap.Documentation != nil && ap.Documentation.Public
		url := ""
		if ap != nil && ap.Documentation != nil {
			url = ap.Documentation.URL
		}
		gate("documentation", public, url, "")
	}
	if len(el.DocumentationSites) > 0 {
		url := ""
		if ap != nil && ap.Documentation != nil {
			url = ap.Documentation.URL
		}
		met := slices.ContainsFunc(el.DocumentationSites, func(site string) bool { return underSite(url, site) })
		gate("documentation_site", met, url, strings.Join(el.DocumentationSites, ", "))
	}
	if el.RequireChallenge {
		var answered []string
		if ap != nil {
			for _, ch := range ap.Challenges {
				if slices.ContainsFunc(c.Challenges, func(x partnership.Challenge) bool { return x.ID == ch }) {
					answered = append(answered, ch)
				}
			}
		}
		gate("challenge", len(answered) > 0, strings.Join(answered, ", "), "1")
	}
	if el.Thresholds != nil {
		checks := Thresholds(a.Profile, el.Thresholds)
		met := true
		var found, required []string
		for _, ch := range checks {
			met = met && ch.Met
			found = append(found, ch.Axis+" "+ftoa(ch.Actual))
			required = append(required, ch.Axis+" "+ftoa(ch.Required))
		}
		gate("communality", met, strings.Join(found, ", "), strings.Join(required, ", "))
	}
	if ap != nil && ap.Requested != nil {
		r := ap.Requested
		a.Requested, a.Costs = r.Amount, r.EligibleCosts
		if r.EligibleCosts > 0 {
			a.Rate = math.Round(r.Amount/r.EligibleCosts*1000) / 10
		}
		if f := c.Funding; f != nil {
			gate("funding_band", r.Amount >= f.MinAmount && (f.MaxAmount == 0 || r.Amount <= f.MaxAmount), ftoa(r.Amount), ftoa(f.MinAmount)+"–"+ftoa(f.MaxAmount))
			if f.RateCap > 0 && r.EligibleCosts > 0 {
				gate("rate_cap", r.Amount/r.EligibleCosts*100 <= f.RateCap+1e-9, ftoa(a.Rate), ftoa(f.RateCap))
			}
			if f.MaxDurationMonths > 0 && r.DurationMonths > 0 {
				gate("duration", r.DurationMonths <= f.MaxDurationMonths, itoa(r.DurationMonths), itoa(f.MaxDurationMonths))
			}
		}
	}
	a.Eligible = !slices.ContainsFunc(a.Gates, func(g Gate) bool { return !g.Met })
	if ap != nil {
		for _, m := range ap.Marks {
			a.Marks[m.Criterion] = m.Mark
		}
	}
	if len(c.Criteria) > 0 {
		total, complete := 0.0, true
		for _, cr := range c.Criteria {
			m, ok := a.Marks[cr.ID]
			if !ok {
				complete = false
				break
			}
			total += float64(cr.Weight) * m / 20
		}
		if complete {
			total = math.Round(total*100) / 100
			a.Total = &total
		}
	}
	return a
}

// Invalid records an application that could not be assessed, with its diagnostics.
func Invalid(file string, doc *partnership.Document, diags partnership.Diagnostics) Application {
	a := Application{File: file, Diagnostics: diags, Gates: []Gate{}, Marks: map[string]float64{}}
	if doc != nil && doc.Definition != nil {
		a.ID, a.Title, a.Date = doc.Definition.ID, doc.Definition.Title, doc.Definition.Date
	}
	return a
}

// Rank orders the applications: eligible and fully marked ones by weighted total, ties broken
// by the call's tie-break rule (its own, else the default of the clause library built into the
// program), numbered from 1; then eligible ones awaiting marks, then ineligible ones, then
// invalid ones, each group in file order. Applications the rule cannot separate share their
// rank.
func Rank(call *partnership.Definition, apps []Application) Assessment {
	defaults, _ := partnership.LibraryDefaults()
	return RankWith(call, apps, defaults)
}

// RankWith is Rank with the defaults of a given clause library (with its house directories'
// defaults in place): a call that sets no tie-break rule is ranked by the rule these defaults
// give, and the Assessment names the entry used and its file.
func RankWith(call *partnership.Definition, apps []Application, defaults *partnership.Defaults) Assessment {
	steps, from := call.TieBreakSteps(defaults)
	out := Assessment{Rubric: RubricID, Version: RubricVersion, Call: call.ID, Title: call.Title, TieBreak: steps, ToCheck: []string{}, Skipped: []Skipped{}}
	if out.TieBreak == nil {
		out.TieBreak = []string{}
	}
	if from != nil {
		out.TieBreakDefault, out.TieBreakSource = from.Key, from.Source
	}
	if c := call.Call; c != nil {
		out.ObjectionDays = c.ObjectionDays
		if c.Eligibility != nil {
			out.ToCheck = append(out.ToCheck, c.Eligibility.Other...)
		}
	}
	byWeight := slices.Clone(call.Call.Criteria)
	slices.SortStableFunc(byWeight, func(a, b partnership.WeightedCriterion) int { return cmp.Compare(b.Weight, a.Weight) })
	group := func(a Application) int {
		switch {
		case !a.Valid:
			return 3
		case !a.Eligible:
			return 2
		case a.Total == nil:
			return 1
		}
		return 0
	}
	// tie compares two ranked applications of equal total, step by step; it returns the
	// comparison and the step that decided it.
	tie := func(a, b Application) (int, string) {
		for _, step := range steps {
			c := 0
			switch step {
			case partnership.TieMarksByWeight:
				for _, cr := range byWeight {
					if c = cmp.Compare(b.Marks[cr.ID], a.Marks[cr.ID]); c != 0 {
						break
					}
				}
			case partnership.TieCommunality:
				c = cmp.Compare(b.Profile.Degree, a.Profile.Degree)
			case partnership.TieEarliestFiled:
				c = compareDates(a.Date, b.Date)
			case partnership.TieReference:
				c = cmp.Compare(a.ID, b.ID)
			}
			if c != 0 {
				return c, step
			}
		}
		return 0, ""
	}
	sorted := slices.Clone(apps)
	slices.SortStableFunc(sorted, func(a, b Application) int {
		if ga, gb := group(a), group(b); ga != gb || ga != 0 {
			return cmp.Compare(ga, gb)
		}
		if c := cmp.Compare(*b.Total, *a.Total); c != 0 {
			return c
		}
		c, _ := tie(a, b)
		return c
	})
	for i := range sorted {
		if group(sorted[i]) != 0 {
			continue
		}
		sorted[i].Rank = i + 1
		if i == 0 || *sorted[i-1].Total != *sorted[i].Total {
			continue
		}
		if _, step := tie(sorted[i-1], sorted[i]); step != "" {
			sorted[i].Tie = step
		} else {
			sorted[i].Rank, sorted[i].Tie = sorted[i-1].Rank, "shared"
		}
	}
	out.Applications = sorted
	return out
}

// compareDates puts a known date before an unknown one, and earlier before later.
func compareDates(a, b string) int {
	switch {
	case a == b:
		return 0
	case a == "":
		return 1
	case b == "":
		return -1
	}
	return cmp.Compare(a, b)
}

func itoa(n int) string { return strconv.Itoa(n) }

// ftoa writes a number as short as it can, with at most two decimals, for reports and CSV.
func ftoa(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) }

// calendarGate checks the date an application was filed against the call's calendar: the call's
// own opening and closing dates, and the round it answers (the one it names, else the one open
// on its date). Found is the date; Required is the period it had to fall in, "FROM/TO".
func calendarGate(a *Application, def *partnership.Definition, c *partnership.Call, gate func(string, bool, string, string)) {
	if len(c.Rounds) == 0 && c.Opens == "" && c.Closes == "" {
		return
	}
	filed, named := def.Date, ""
	if def.Application != nil {
		named = def.Application.Round
	}
	from, to := c.Opens, c.Closes
	r, ok := c.RoundOf(named, filed)
	if ok {
		a.Round = r.ID
		from, to = r.Opens, r.Closes
	}
	met := filed != "" && (ok || len(c.Rounds) == 0) && (from == "" || filed >= from) && (to == "" || filed <= to) &&
		(c.Opens == "" || filed >= c.Opens) && (c.Closes == "" || filed <= c.Closes)
	gate("calendar", met, filed, from+"/"+to)
}

// underSite reports whether a web address lies under a site's address: same scheme and host,
// and a path that starts with the site's, letter case aside.
func underSite(url, site string) bool {
	u, s := strings.ToLower(url), strings.ToLower(site)
	if u == "" || s == "" {
		return false
	}
	if !strings.HasSuffix(s, "/") {
		return u == s || strings.HasPrefix(u, s+"/")
	}
	return strings.HasPrefix(u, s) || u+"/" == s
}
