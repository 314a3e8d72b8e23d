package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/internal/lazyre"
)

// SCDLVersion is the version of the SCDL « subventions » schema (OpenDataFrance, published on
// schema.data.gouv.fr) that Subsidies and WriteSCDL follow.
const SCDLVersion = "2.1.1"

// SCDLColumns are the sixteen columns of the SCDL « subventions » schema, in their order.
var SCDLColumns = []string{
	"nomAttribuant", "idAttribuant", "dateConvention", "referenceDecision",
	"nomBeneficiaire", "idBeneficiaire", "rnaBeneficiaire", "objet", "montant", "nature",
	"conditionsVersement", "datesPeriodeVersement", "idRAE", "notificationUE",
	"pourcentageSubvention", "dispositifAide",
}

// The values of the schema's vocabularies that a grant can take.
const (
	natureMoney     = "aide en numéraire"
	paidOnce        = "unique"
	paidInStages    = "échelonné"
	notifiedYes     = "oui"
	notifiedNo      = "non"
	wholeGrantShare = "1.00"
	maxObjetChars   = 256
)

var (
	siretPattern = lazyre.New(`^\d{14}$`)
	rnaPattern   = lazyre.New(`^W\d{9}$`)
	datePattern  = lazyre.New(`^\d{4}-\d{2}-\d{2}$`)
)

// SubsidyRow is one row of SCDL subsidy data: one grant and its beneficiary. Every field is the
// text written in the CSV cell; optional fields are empty when the definition does not say.
type SubsidyRow struct {
	NomAttribuant         string
	IDAttribuant          string
	DateConvention        string
	ReferenceDecision     string
	NomBeneficiaire       string
	IDBeneficiaire        string
	RNABeneficiaire       string
	Objet                 string
	Montant               string
	Nature                string
	ConditionsVersement   string
	DatesPeriodeVersement string
	IDRAE                 string
	NotificationUE        string
	PourcentageSubvention string
	DispositifAide        string
}

// Record returns the cells of the row in the order of SCDLColumns.
func (r SubsidyRow) Record() []string {
	return []string{
		r.NomAttribuant, r.IDAttribuant, r.DateConvention, r.ReferenceDecision,
		r.NomBeneficiaire, r.IDBeneficiaire, r.RNABeneficiaire, r.Objet, r.Montant, r.Nature,
		r.ConditionsVersement, r.DatesPeriodeVersement, r.IDRAE, r.NotificationUE,
		r.PourcentageSubvention, r.DispositifAide,
	}
}

// Subsidies returns one SCDL row per grant of a convention, in the order of the grants: the
// attribuant is the grant's funder, the beneficiary its recipient (the party named by
// "recipient", else the document's only citizen collective or operator). Other kinds of
// document, conventions without grants and conventions governed by another law than French law
// give no row.
//
// The definition must have passed validation. Whatever the schema requires and the definition
// lacks (the date of the convention, the funder's SIRET, the beneficiary's SIRET or RNA number,
// the object of the grant, the dates of its payments) is reported as an error located at the
// value that should hold it, and the convention then gives no row at all.
func Subsidies(doc *partnership.Document) ([]SubsidyRow, partnership.Diagnostics) {
	def := doc.Definition
	if def == nil || def.Kind != partnership.KindConvention || def.Support == nil || len(def.Support.Grants) == 0 ||
		def.Country() != partnership.DefaultJurisdiction {
		// The SCDL publishes the subsidies of French public bodies: a convention governed by
		// another law gives no row.
		return nil, nil
	}
	var diags partnership.Diagnostics
	missing := func(pointer string, what partnership.Msg, column any, hint partnership.Msg) {
		d := doc.Diag(pointer, "scdl-needs", what, column)
		d.SetHintMsg(hint)
		diags = append(diags, d)
	}
	if !datePattern().MatchString(def.Date) {
		missing("", partnership.M("scdl-date"), "dateConvention", partnership.M("scdl-add-date"))
	}
	grants := def.Support.Grants
	rows := make([]SubsidyRow, 0, len(grants))
	for i, g := range grants {
		at := fmt.Sprintf("/support/grants/%d", i)
		row := SubsidyRow{
			DateConvention:        def.Date,
			ReferenceDecision:     clean(g.Decision),
			Objet:                 clean(g.Purpose),
			Montant:               amount(g.Amount),
			Nature:                natureMoney,
			NotificationUE:        notifiedNo,
			PourcentageSubvention: wholeGrantShare,
		}
		if g.EUNotification {
			row.NotificationUE = notifiedYes
		}

		if k, funder := party(def, g.Funder); funder != nil {
			row.NomAttribuant = clean(funder.Name)
			row.IDAttribuant = funder.SIRET
			if !siretPattern().MatchString(funder.SIRET) {
				missing(fmt.Sprintf("/parties/%d", k), partnership.M("scdl-funder-siret", funder.ID), "idAttribuant",
					partnership.M("scdl-add-siret"))
			}
		}

		recipient := def.GrantRecipient(g)
		if recipient == "" {
			diags = append(diags, doc.Diag(at, "scdl-needs-beneficiary").WithHint("scdl-add-recipient"))
		} else if k, r := party(def, recipient); r != nil {
			row.NomBeneficiaire = clean(r.Name)
			row.IDBeneficiaire = r.SIRET
			row.RNABeneficiaire = r.RNA
			switch {
			case r.SIRET == "" && r.RNA == "":
				missing(fmt.Sprintf("/parties/%d", k), partnership.M("scdl-beneficiary-number", r.ID), partnership.OrList([]string{"idBeneficiaire", "rnaBeneficiaire"}),
					partnership.M("scdl-add-number"))
			case r.RNA != "" && !rnaPattern().MatchString(r.RNA):
				diags = append(diags, doc.Diag(fmt.Sprintf("/parties/%d/rna", k), "scdl-rna", r.RNA))
			}
		}

		switch n := utf8.RuneCountInString(row.Objet); {
		case n == 0:
			missing(at, partnership.M("scdl-object"), "objet", partnership.M("scdl-add-purpose", maxObjetChars))
		case n > maxObjetChars:
			diags = append(diags, doc.Diag(at+"/purpose", "scdl-object-too-long", maxObjetChars, n))
		}

		dates, bad := paymentDates(def, g, i)
		for _, k := range bad {
			missing(fmt.Sprintf("/support/payment_schedule/%d", k), partnership.M("scdl-payment-date"), "datesPeriodeVersement", partnership.M("scdl-add-payment-date"))
		}
		switch {
		case len(dates) == 0 && len(bad) == 0:
			missing(at, partnership.M("scdl-payment-dates", grantLabel(g, i)), "datesPeriodeVersement",
				partnership.M("scdl-add-payments"))
		case len(dates) == 1 && len(bad) == 0:
			row.ConditionsVersement, row.DatesPeriodeVersement = paidOnce, dates[0]
		case len(dates) > 1:
			slices.Sort(dates)
			row.ConditionsVersement, row.DatesPeriodeVersement = paidInStages, dates[0]+"/"+dates[len(dates)-1]
		}
		rows = append(rows, row)
	}
	if len(diags) > 0 {
		return nil, diags.Sorted()
	}
	return rows, nil
}

// paymentDates returns the dates of the payments of grant i, and the indices of its payments
// that have no date. A payment without "grant" belongs to the only grant.
func paymentDates(def *partnership.Definition, g partnership.Grant, i int) (dates []string, undated []int) {
	only := len(def.Support.Grants) == 1
	for k, p := range def.Support.PaymentSchedule {
		if !(p.Grant != "" && p.Grant == g.ID || p.Grant == "" && only) {
			continue
		}
		if datePattern().MatchString(p.Date) {
			dates = append(dates, p.Date)
		} else {
			undated = append(undated, k)
		}
	}
	return dates, undated
}

func grantLabel(g partnership.Grant, i int) partnership.Msg {
	if g.ID != "" {
		return partnership.M("quoted", g.ID)
	}
	return partnership.M("number-hash", i+1)
}

// party returns the index and the party with the given id, or -1 and nil.
func party(def *partnership.Definition, id string) (int, *partnership.Party) {
	for k := range def.Parties {
		if def.Parties[k].ID == id {
			return k, &def.Parties[k]
		}
	}
	return -1, nil
}

// amount writes euros with a point before the cents, and no cents for a whole amount:
// 24000, 1225.55.
func amount(v float64) string {
	cents := math.Round(v * 100)
	if math.Mod(cents, 100) == 0 {
		return strconv.FormatFloat(cents/100, 'f', 0, 64)
	}
	return strconv.FormatFloat(cents/100, 'f', 2, 64)
}

// clean folds the line breaks and runs of spaces of a text into single spaces: a cell of open
// data is one line.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// WriteSCDL writes SCDL subsidy data as CSV: UTF-8 without a byte-order mark, comma-separated,
// cells quoted only when they must be, the header row first, one line per row.
func WriteSCDL(w io.Writer, rows []SubsidyRow) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(SCDLColumns); err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write(r.Record()); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
