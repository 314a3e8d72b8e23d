package render

import "github.com/commons-toolkit/commons/partnership"

// PublicGrantRecipients returns the parties that receive a grant from a public body, in the
// order of the definition. The statutes on the subsidies of public bodies (their use, their
// repayment, the financial report) concern them and no recipient of a private funder.
func (d *Data) PublicGrantRecipients() []partnership.Party {
	return d.recipients(d.publicBody, false)
}

// PubliclySupported returns the parties that receive support from a public body, in money or in
// kind, in the order of the definition: the recipients of PublicGrantRecipients, and the
// recipient of the support in kind (see InKindRecipients) when a public body provides some. The
// control of a public funder and the republican commitment contract concern them only.
func (d *Data) PubliclySupported() []partnership.Party { return d.recipients(d.publicBody, true) }

// publicBody reports whether the party of that id is a public body.
func (d *Data) publicBody(id string) bool {
	p := d.PartyByID(id)
	return p != nil && p.Status() == partnership.StatusPublicBody
}

// PublicGrant reports whether a grant comes from a public body, whose grants of later financial
// years depend on the appropriations of its budget.
func (d *Data) PublicGrant(g partnership.Grant) bool { return d.publicBody(g.Funder) }
