package partnership

import (
	"slices"
	"sync"

	"github.com/commons-toolkit/commons/templates"
)

// The steps of a call's tie-break rule, applied in turn to applications of equal weighted total
// while they remain tied (see Call.TieBreak).
const (
	// TieMarksByWeight ranks first the higher mark on the criterion of greatest weight, then on
	// the next criterion by decreasing weight; criteria of equal weight in the call's order.
	TieMarksByWeight = "marks_by_weight"
	// TieCommunality ranks first the higher degree of communality.
	TieCommunality = "communality"
	// TieEarliestFiled ranks first the application filed first (its date).
	TieEarliestFiled = "earliest_filed"
	// TieReference ranks first the application whose reference (its id) comes first in
	// alphabetical order; no two applications share a reference, so no step can follow it.
	TieReference = "reference"
)

// TieBreakField is the key of the definition, with dots, that holds a call's tie-break rule;
// the clause library's defaults file gives its default.
const TieBreakField = "call.tie_break"

var libraryDefaults = sync.OnceValues(func() (*Defaults, error) {
	data, err := templates.FS.ReadFile(DefaultsFile)
	if err != nil {
		return nil, err
	}
	return ParseDefaults(data, "templates/"+DefaultsFile)
})

// LibraryDefaults returns the defaults of the clause library built into the program
// (templates/defaults.yaml), read once.
func LibraryDefaults() (*Defaults, error) { return libraryDefaults() }

// TieBreakSteps returns the tie-break rule of a call: its own steps, else the default of the
// defaults given for the call's jurisdiction. from is the default used, or nil when the call
// gives its own rule (or no default exists).
func (d *Definition) TieBreakSteps(defaults *Defaults) (steps []string, from *Default) {
	if d.Call != nil && len(d.Call.TieBreak) > 0 {
		return slices.Clone(d.Call.TieBreak), nil
	}
	e, ok := defaults.Value(KindCall, d.Country(), TieBreakField)
	if !ok {
		return nil, nil
	}
	list, _ := e.Value.([]any)
	for _, s := range list {
		if s, ok := s.(string); ok {
			steps = append(steps, s)
		}
	}
	return steps, &e
}

// Continuous reports whether a call with several rounds is open continuously: every round opens
// on the same day and closes at its own cut-off date.
func (c *Call) Continuous() bool {
	if len(c.Rounds) < 2 {
		return false
	}
	for _, r := range c.Rounds[1:] {
		if r.Opens != c.Rounds[0].Opens {
			return false
		}
	}
	return true
}

// RoundOf returns the round of the call an application answers: the round it names, else the
// round, of earliest closing date, that is open on the date it was filed (YYYY-MM-DD, which
// compare as text). ok is false when there is none.
func (c *Call) RoundOf(id, filed string) (Round, bool) {
	if id != "" {
		for _, r := range c.Rounds {
			if r.ID == id {
				return r, true
			}
		}
		return Round{}, false
	}
	var found Round
	ok := false
	for _, r := range c.Rounds {
		if filed >= r.Opens && filed <= r.Closes && (!ok || r.Closes < found.Closes) {
			found, ok = r, true
		}
	}
	return found, ok
}
