package partnership

import "slices"

// Instruments lists, for the kinds of document that may say what they are, the instruments
// they may declare (the key instrument); the first of each list is what a document of that kind
// is when it says nothing.
var Instruments = map[Kind][]string{
	KindCharter:    {"charter", "compact", "civic_use_declaration"},
	KindConvention: {"convention", "collaboration_pact", "occupancy_agreement", "concession_of_use", "subsidy_agreement"},
}

// InstrumentOf returns what the document is: its instrument, else the first instrument of its
// kind, else its kind ("call", "application").
func (d *Definition) InstrumentOf() string {
	if d.Instrument != "" {
		return d.Instrument
	}
	if list := Instruments[d.Kind]; len(list) > 0 {
		return list[0]
	}
	return string(d.Kind)
}

// InstrumentFits reports whether a document of the given kind may declare the instrument.
func InstrumentFits(kind Kind, instrument string) bool {
	return slices.Contains(Instruments[kind], instrument)
}

// ConfersUse reports whether the document confers on a party a right to use a resource without
// transferring its ownership: an occupancy agreement or a concession of use.
func (d *Definition) ConfersUse() bool {
	switch d.Instrument {
	case "occupancy_agreement", "concession_of_use":
		return true
	}
	return false
}

// CoversOneCommons reports whether a charter covers a single commons (a declaration of civic
// use of a building, for example) rather than setting the framework of many.
func (d *Definition) CoversOneCommons() bool { return d.Kind == KindCharter && d.Commons != nil }
