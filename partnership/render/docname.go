package render

import (
	"strings"

	"github.com/commons-toolkit/commons/partnership"
)

// DocumentName is how a document names itself: "la présente charte", "le présent pacte", "this
// Compact". It follows what the definition says the document is (its instrument, else its kind),
// in words the clause library's labels give, so that a house directory can change them.
type DocumentName struct {
	this, the, name string
	lang            string
	agreement       partnership.Agreement
}

// Document returns how the document names itself, for clause templates: {{$.Document.This}}
// writes "la présente charte", {{capfirst $.Document.This}} "La présente charte", {{de
// $.Document.The}} "du pacte", {{$.Document.Agree "adopté"}} "adoptée".
func (d *Data) Document() DocumentName {
	key := d.InstrumentOf()
	if d.Instrument != "" {
		d.use("/instrument")
	}
	word := func(enum string) string {
		if s, ok := d.lib.Label(d.lang, enum, key); ok {
			return s
		}
		s, _ := d.lib.Label(d.lang, enum, string(d.Kind))
		return s
	}
	n := DocumentName{this: word("instrument_this"), the: word("instrument_the"), name: word("instrument"), lang: d.lang}
	n.agreement = partnership.DesignationAgreement(n.the, "", false)
	return n
}

// This is the document as it names itself in its own text: "la présente charte", "this pact".
func (n DocumentName) This() Markdown { return Markdown(escapeInline(n.this)) }

// The is the document named with the definite article: "la charte", "the pact".
func (n DocumentName) The() Markdown { return Markdown(escapeInline(n.the)) }

// Name is the full name of what the document is: "pacte de collaboration", "concession of use".
func (n DocumentName) Name() Markdown { return Markdown(escapeInline(n.name)) }

// Agree writes a French participle, adjective or pronoun given in the masculine singular as the
// document's noun requires: "adopté" gives "adoptée" for a charter, "il" gives "elle". English
// words are returned as they are.
func (n DocumentName) Agree(word string) string {
	if n.lang != "fr" {
		return word
	}
	return agreeFrench(word, n.agreement)
}

// A is the full name of what the document is, with the indefinite article: "une concession
// d’usage", "un pacte de collaboration", "an occupancy agreement".
func (n DocumentName) A() Markdown {
	name := escapeInline(n.name)
	switch {
	case n.lang == "fr" && n.agreement.Feminine:
		return Markdown("une " + name)
	case n.lang == "fr":
		return Markdown("un " + name)
	case strings.ContainsRune("aeiou", rune(strings.ToLower(n.name + "x")[0])):
		return Markdown("an " + name)
	}
	return Markdown("a " + name)
}
