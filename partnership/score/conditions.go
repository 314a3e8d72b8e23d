package score

import (
	"github.com/commons-toolkit/commons/partnership"
)

// Check is one threshold of the scale compared with the profile.
type Check struct {
	// Axis is the axis checked, or "degree" for the headline figure.
	Axis     string  `json:"axis"`
	Required float64 `json:"required"`
	Actual   float64 `json:"actual"`
	Met      bool    `json:"met"`
}

// CriterionResult is a condition of support and whether it is met.
type CriterionResult struct {
	// Kind is the category of the condition: social, ecological, transparency, open_data,
	// democratic_life, economic or other.
	Kind        string `json:"kind"`
	ID          string `json:"id"`
	Description string `json:"description"`
	// Met is nil when the definition does not say: the condition is then still to be checked.
	Met *bool `json:"met"`
}

// Result is the profile of a definition with the conditions that apply to it.
type Result struct {
	// Applies is false when the scale of communality does not apply to the definition: a call
	// (its applications are scored, not the call), or a charter that declares no facts of a
	// commons it covers. Profile and Checks then say nothing.
	Applies bool `json:"applies"`
	// NotApplicable says why the scale does not apply: "call" or "charter".
	NotApplicable string  `json:"not_applicable,omitempty"`
	Profile       Profile `json:"profile"`
	// ThresholdsFrom says where the thresholds come from: "conditions" (the convention's own
	// conditional-support criteria), "call" (the call an application answers), or "" when none
	// apply.
	ThresholdsFrom string            `json:"thresholds_from"`
	Checks         []Check           `json:"checks"`
	Criteria       []CriterionResult `json:"criteria"`
	// Met is false when a threshold is not reached or a condition is declared unmet. Conditions
	// nobody has assessed yet do not fail the result; they are listed to be checked.
	Met bool `json:"met"`
}

// Evaluate computes the profile of a definition and checks the thresholds that apply: those of
// the call when an application's call is given, else the definition's own conditions.
func Evaluate(def *partnership.Definition, call *partnership.Definition) Result {
	r := Result{Applies: true, Profile: Compute(def), Checks: []Check{}, Criteria: []CriterionResult{}, Met: true}
	switch {
	case def.Kind == partnership.KindCall:
		r.Applies, r.NotApplicable = false, string(partnership.KindCall)
		return r
	case def.Kind == partnership.KindCharter && !HasFacts(def):
		r.Applies, r.NotApplicable = false, string(partnership.KindCharter)
	}
	var th *partnership.Thresholds
	switch {
	case call != nil && call.Call != nil && call.Call.Eligibility != nil && call.Call.Eligibility.Thresholds != nil:
		th, r.ThresholdsFrom = call.Call.Eligibility.Thresholds, "call"
	case def.Conditions != nil && def.Conditions.Thresholds != nil:
		th, r.ThresholdsFrom = def.Conditions.Thresholds, "conditions"
	}
	if th != nil && r.Applies {
		r.Checks = Thresholds(r.Profile, th)
	}
	for _, c := range r.Checks {
		r.Met = r.Met && c.Met
	}
	if cond := def.Conditions; cond != nil {
		for _, c := range cond.Social {
			r.Criteria = append(r.Criteria, CriterionResult{"social", c.ID, c.Description, c.Met})
		}
		for _, c := range cond.Ecological {
			r.Criteria = append(r.Criteria, CriterionResult{"ecological", c.ID, c.Description, c.Met})
		}
		for _, c := range cond.Criteria {
			r.Criteria = append(r.Criteria, CriterionResult{c.Category, c.ID, c.Description, c.Met})
		}
	}
	for _, c := range r.Criteria {
		if c.Met != nil && !*c.Met {
			r.Met = false
		}
	}
	return r
}

// Thresholds compares a profile with the thresholds given (zero values are not thresholds).
func Thresholds(p Profile, th *partnership.Thresholds) []Check {
	var checks []Check
	add := func(axis string, required float64, actual float64) {
		if required > 0 {
			checks = append(checks, Check{Axis: axis, Required: required, Actual: actual, Met: actual >= required})
		}
	}
	add("degree", th.Degree, p.Degree)
	add(string(CommonInterest), float64(th.CommonInterest), float64(p.CommonInterest))
	add(string(Use), float64(th.Use), float64(p.Use))
	add(string(Governance), float64(th.Governance), float64(p.Governance))
	add(string(Preservation), float64(th.Preservation), float64(p.Preservation))
	return checks
}
