package validate

import (
	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/score"
)

// thresholdsMet warns, for each threshold of the definition's conditions that the facts it
// declares do not reach. A convention then states in bold that a threshold is not met: a
// sentence the authors may not mean to sign, and which nothing else tells them is there. A
// check names its axis by the key of conditions.thresholds it compares.
func (c *checker) thresholdsMet() {
	def := c.def
	if def.Kind == partnership.KindCall || def.Conditions == nil || def.Conditions.Thresholds == nil || !score.HasFacts(def) {
		return
	}
	for _, ch := range score.Evaluate(def, nil).Checks {
		if ch.Met {
			continue
		}
		c.warning("/conditions/thresholds/"+ch.Axis, "threshold-not-met", ch.Axis, partnership.Decimal(ch.Actual), partnership.Decimal(ch.Required)).
			SetHint("threshold-not-met-hint")
	}
}
