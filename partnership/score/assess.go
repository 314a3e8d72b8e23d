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
	// ID names the gate: licence, community, documentation, challenge, communality,
	// funding_band, rate_cap, duration.
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
	Rank int `json:"rank"`
}

// Assessment is the result of a call's selection: every application, ranked ones first.
type Assessment struct {
	Rubric       string        `json:"rubric"`
	Version      string        `json:"version"`
	Call         string        `json:"call"`
	Title        string        `json:"title"`
	Applications []Application `json:"applications"`
}

// TieBreak documents how equal weighted totals are ordered. Reports print it.
var TieBreak = map[string]string{
	"fr": "À total pondéré égal, la candidature la mieux notée sur le critère de plus fort poids l’emporte, puis sur le critère suivant dans l’ordre des poids décroissants ; à notes égales, celle dont le degré de communalité est le plus élevé, puis celle déposée la première, puis l’ordre alphabétique de leur identifiant.",
	"en": "At equal weighted totals, the application with the higher mark on the criterion of greatest weight ranks first, then on the next criterion by decreasing weight; at equal marks, the one with the higher degree of communality, then the one submitted first, then the alphabetical order of their ids.",
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

// Rank orders the applications: eligible and fully marked ones by weighted total (ties broken
// as TieBreak says) and numbered from 1, then eligible ones awaiting marks, then ineligible
// ones, then invalid ones, each group in file order.
func Rank(call *partnership.Definition, apps []Application) Assessment {
	out := Assessment{Rubric: RubricID, Version: RubricVersion, Call: call.ID, Title: call.Title}
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
	sorted := slices.Clone(apps)
	slices.SortStableFunc(sorted, func(a, b Application) int {
		if ga, gb := group(a), group(b); ga != gb || ga != 0 {
			return cmp.Compare(ga, gb)
		}
		if c := cmp.Compare(*b.Total, *a.Total); c != 0 {
			return c
		}
		for _, cr := range byWeight {
			if c := cmp.Compare(b.Marks[cr.ID], a.Marks[cr.ID]); c != 0 {
				return c
			}
		}
		return cmp.Or(
			cmp.Compare(b.Profile.Degree, a.Profile.Degree),
			compareDates(a.Date, b.Date),
			cmp.Compare(a.ID, b.ID),
		)
	})
	for i := range sorted {
		if group(sorted[i]) == 0 {
			sorted[i].Rank = i + 1
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
