package render

import (
	"slices"

	"github.com/commons-toolkit/commons/partnership"
)

// The methods of this file give clause templates the structures that are not a plain field of
// the definition: conditions grouped by category, the parties that hold a right of use.

// ConditionCategories lists the categories of the conditions of support given in any category
// (conditions.criteria), in the order they first appear.
func (d *Data) ConditionCategories() []string {
	if d.Conditions == nil {
		return nil
	}
	var out []string
	for _, c := range d.Conditions.Criteria {
		if !slices.Contains(out, c.Category) {
			out = append(out, c.Category)
		}
	}
	return out
}

// ConditionsIn returns the conditions of support of one category, in the definition's order.
func (d *Data) ConditionsIn(category string) []partnership.Condition {
	if d.Conditions == nil {
		return nil
	}
	var out []partnership.Condition
	for i, c := range d.Conditions.Criteria {
		if c.Category == category {
			d.use(partnership.Pointer("conditions", "criteria", i))
			out = append(out, c)
		}
	}
	return out
}

// UseHolders returns the parties a right of use is conferred on: the citizen collectives and
// operators, in the definition's order.
func (d *Data) UseHolders() []partnership.Party {
	return d.PartiesWithRole(string(partnership.RoleCitizenCollective), string(partnership.RoleOperator))
}

// TieBreak returns the steps of a call's tie-break rule (see partnership.Call.TieBreak): the
// call's own, else the clause library's default, which is then reported as every default is.
func (d *Data) TieBreak() ([]string, error) {
	if d.Call == nil {
		return nil, nil
	}
	if len(d.Call.TieBreak) > 0 {
		d.use("/call/tie_break")
		return d.Call.TieBreak, nil
	}
	if d.applyDefault == nil {
		return nil, nil
	}
	v, err := d.applyDefault(partnership.TieBreakField, d.Call.TieBreak)
	list, _ := v.([]any)
	steps := make([]string, 0, len(list))
	for _, s := range list {
		if s, ok := s.(string); ok {
			steps = append(steps, s)
		}
	}
	return steps, err
}
