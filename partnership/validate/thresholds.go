package validate

import (
	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/score"
)

// thresholdKeys are the keys of conditions.thresholds, by the axis a score check names.
var thresholdKeys = map[string]string{
	"degree":                     "degree",
	string(score.CommonInterest): "common_interest",
	string(score.Use):            "use",
	string(score.Governance):     "governance",
	string(score.Preservation):   "preservation",
}

// thresholdsMet warns, for each threshold of the definition's conditions that the facts it
// declares do not reach. A convention then states in bold that a threshold is not met: a
// sentence the authors may not mean to sign, and which nothing else tells them is there.
func (c *checker) thresholdsMet() {
	def := c.def
	if def.Kind == partnership.KindCall || def.Conditions == nil || def.Conditions.Thresholds == nil || !score.HasFacts(def) {
		return
	}
	for _, ch := range score.Evaluate(def, nil).Checks {
		if ch.Met {
			continue
		}
		key := thresholdKeys[ch.Axis]
		c.warning("/conditions/thresholds/"+key, "threshold-not-met", key, partnership.Decimal(ch.Actual), partnership.Decimal(ch.Required)).
			SetHint("threshold-not-met-hint")
	}
}
