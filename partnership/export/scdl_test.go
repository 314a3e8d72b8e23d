package export_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/export"
	"github.com/commons-toolkit/commons/partnership/validate"
)

// scdlField is one column of the SCDL « subventions » schema and the rules a cell must follow.
type scdlField struct {
	name     string
	required bool
	kind     string // "string", "date", "number" or "boolean"
	pattern  string // a regular expression the whole cell must match, when not empty
	enum     []string
	maxChars int      // 0: no limit
	min, max *float64 // bounds of a number
}

func bound(v float64) *float64 { return &v }

// scdlSubventions encodes the SCDL « subventions » schema, version 2.1.1, as OpenDataFrance
// publishes it on schema.data.gouv.fr (scdl/subventions/2.1.1, "Modèle de données"), with the
// rules the 2.x line states field by field (2.0.2 documentation) and the changelog of 2.1.0
// (idBeneficiaire no longer required, rnaBeneficiaire added, custom check "one-of-required":
// idBeneficiaire or rnaBeneficiaire is filled on every row). The tabular conventions (UTF-8,
// comma separator, point before decimals, one line per beneficiary) are those of the regulatory
// format of the arrêté du 17 novembre 2017 (etalab/format-subventions). Where the 2.1.1 page is
// looser than earlier versions (it lists no pattern for idBeneficiaire), the stricter rule is
// kept: a row that passes here passes either.
var scdlSubventions = struct {
	version string
	fields  []scdlField
}{
	version: "2.1.1",
	fields: []scdlField{
		{name: "nomAttribuant", required: true, kind: "string"},
		{name: "idAttribuant", required: true, kind: "string", pattern: `^\d{14}$`},
		{name: "dateConvention", required: true, kind: "date"},
		{name: "referenceDecision", kind: "string"},
		{name: "nomBeneficiaire", required: true, kind: "string"},
		{name: "idBeneficiaire", kind: "string", pattern: `^\d{14}$`},
		{name: "rnaBeneficiaire", kind: "string", pattern: `^W\d{9}$`},
		{name: "objet", required: true, kind: "string", maxChars: 256},
		{name: "montant", required: true, kind: "number"},
		{name: "nature", required: true, kind: "string", enum: []string{
			"aide en numéraire", "aide en nature", "aide en numéraire;aide en nature", "aide en nature;aide en numéraire"}},
		{name: "conditionsVersement", required: true, kind: "string", maxChars: 256, enum: []string{"unique", "échelonné", "autre"}},
		{name: "datesPeriodeVersement", required: true, kind: "string",
			pattern: `^[0-9]{4}\-[0-9]{2}\-[0-9]{2}(\/[0-9]{4}\-[0-9]{2}\-[0-9]{2})?$`},
		{name: "idRAE", kind: "string", maxChars: 5},
		{name: "notificationUE", required: true, kind: "boolean"},
		{name: "pourcentageSubvention", required: true, kind: "number", min: bound(0.01), max: bound(1)},
		{name: "dispositifAide", kind: "string"},
	},
}

// decimalNumber is a number as the schema writes it: digits, and a point before decimals.
var decimalNumber = regexp.MustCompile(`^-?\d+(\.\d+)?$`)

// checkSCDL checks a CSV file against every rule of scdlSubventions and returns the breaches,
// each naming its line and column.
func checkSCDL(data []byte) []string {
	var bad []string
	if !utf8.Valid(data) {
		return []string{"the file is not UTF-8"}
	}
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		bad = append(bad, "the file starts with a byte-order mark")
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = ','
	r.FieldsPerRecord = len(scdlSubventions.fields)
	records, err := r.ReadAll()
	if err != nil {
		return append(bad, fmt.Sprintf("not comma-separated values with %d columns: %v", len(scdlSubventions.fields), err))
	}
	if len(records) == 0 {
		return append(bad, "no header row")
	}
	for i, f := range scdlSubventions.fields {
		if records[0][i] != f.name {
			bad = append(bad, fmt.Sprintf("header: column %d is %q, want %q", i+1, records[0][i], f.name))
		}
	}
	for n, rec := range records[1:] {
		line := n + 2
		for i, f := range scdlSubventions.fields {
			if msg := checkCell(f, rec[i]); msg != "" {
				bad = append(bad, fmt.Sprintf("line %d, %s: %s", line, f.name, msg))
			}
		}
		// Custom check one-of-required (2.1.0): the beneficiary is identified.
		if rec[5] == "" && rec[6] == "" {
			bad = append(bad, fmt.Sprintf("line %d: neither idBeneficiaire nor rnaBeneficiaire is filled", line))
		}
		// A single payment has a date, staged payments a period.
		switch cond, dates := rec[10], rec[11]; {
		case cond == "unique" && strings.Contains(dates, "/"):
			bad = append(bad, fmt.Sprintf("line %d: a single payment has one date, not the period %q", line, dates))
		case cond == "échelonné" && !strings.Contains(dates, "/"):
			bad = append(bad, fmt.Sprintf("line %d: staged payments need a period, not the date %q", line, dates))
		}
	}
	return bad
}

func checkCell(f scdlField, v string) string {
	if v == "" { // the schema's missing value
		if f.required {
			return "required value is empty"
		}
		return ""
	}
	if v != strings.TrimSpace(v) || strings.ContainsAny(v, "\r\n") {
		return fmt.Sprintf("%q has surrounding spaces or line breaks", v)
	}
	if f.pattern != "" && !regexp.MustCompile(f.pattern).MatchString(v) {
		return fmt.Sprintf("%q does not match %s", v, f.pattern)
	}
	if f.enum != nil && !slices.Contains(f.enum, v) {
		return fmt.Sprintf("%q is not one of %q", v, f.enum)
	}
	if f.maxChars > 0 && utf8.RuneCountInString(v) > f.maxChars {
		return fmt.Sprintf("%d characters, more than %d", utf8.RuneCountInString(v), f.maxChars)
	}
	switch f.kind {
	case "date":
		if _, err := time.Parse("2006-01-02", v); err != nil {
			return fmt.Sprintf("%q is not a date YYYY-MM-DD", v)
		}
	case "number":
		if !decimalNumber.MatchString(v) {
			return fmt.Sprintf("%q is not a number with a decimal point", v)
		}
		x, _ := strconv.ParseFloat(v, 64)
		if f.min != nil && x < *f.min || f.max != nil && x > *f.max {
			return fmt.Sprintf("%s is outside [%v, %v]", v, *f.min, *f.max)
		}
	case "boolean":
		if v != "oui" && v != "non" {
			return fmt.Sprintf("%q is neither oui nor non", v)
		}
	}
	if f.name == "datesPeriodeVersement" {
		from, to, period := strings.Cut(v, "/")
		a, errA := time.Parse("2006-01-02", from)
		if errA != nil {
			return fmt.Sprintf("%q does not start with a real date", v)
		}
		if period {
			b, errB := time.Parse("2006-01-02", to)
			if errB != nil || b.Before(a) {
				return fmt.Sprintf("%q is not a period from one date to a later one", v)
			}
		}
	}
	return ""
}

func TestSchemaVersion(t *testing.T) {
	if export.SCDLVersion != scdlSubventions.version {
		t.Errorf("the exporter follows SCDL subventions %s; the rules checked here are those of %s", export.SCDLVersion, scdlSubventions.version)
	}
	var names []string
	for _, f := range scdlSubventions.fields {
		names = append(names, f.name)
	}
	if !slices.Equal(export.SCDLColumns, names) {
		t.Errorf("columns\n  %q\nwant\n  %q", export.SCDLColumns, names)
	}
}

// TestExamplesExportValidSCDL is the acceptance test of the export: every example convention
// with grants gives one row per grant, and the CSV satisfies every rule of the schema.
func TestExamplesExportValidSCDL(t *testing.T) {
	files, err := filepath.Glob("../../examples/*.*")
	if err != nil {
		t.Fatal(err)
	}
	var rows []export.SubsidyRow
	grants := 0
	for _, f := range files {
		if !partnership.IsDefinitionFile(f) {
			continue
		}
		doc, diags, err := validate.File(f, partnership.DefaultLimits)
		if err != nil || diags.HasErrors() {
			t.Fatalf("%s: %v %v", f, err, diags)
		}
		r, diags := export.Subsidies(doc)
		if len(diags) > 0 {
			t.Errorf("%s: %v", f, diags)
		}
		if def := doc.Definition; def.Kind == partnership.KindConvention && def.Support != nil && def.Country() == partnership.DefaultJurisdiction {
			grants += len(def.Support.Grants)
		}
		rows = append(rows, r...)
	}
	if len(rows) != grants || grants < 4 {
		t.Errorf("%d rows for %d grants of conventions, want one per grant (at least 4 in the examples)", len(rows), grants)
	}
	var b bytes.Buffer
	if err := export.WriteSCDL(&b, rows); err != nil {
		t.Fatal(err)
	}
	for _, msg := range checkSCDL(b.Bytes()) {
		t.Error(msg)
	}
}

// TestCheckerCatchesBreaches makes sure the checker is not a rubber stamp: each broken cell is
// reported.
func TestCheckerCatchesBreaches(t *testing.T) {
	good := export.SubsidyRow{
		NomAttribuant: "Ville", IDAttribuant: "21420231200018", DateConvention: "2026-06-12",
		NomBeneficiaire: "Asso", RNABeneficiaire: "W423007136", Objet: "Objet", Montant: "1225.55",
		Nature: "aide en numéraire", ConditionsVersement: "unique", DatesPeriodeVersement: "2026-07-01",
		NotificationUE: "non", PourcentageSubvention: "1.00",
	}
	tests := []struct {
		name   string
		change func(r *export.SubsidyRow)
		want   string
	}{
		{"valid row", func(r *export.SubsidyRow) {}, ""},
		{"SIRET of 13 digits", func(r *export.SubsidyRow) { r.IDAttribuant = "2142023120001" }, "idAttribuant"},
		{"RNA with a letter", func(r *export.SubsidyRow) { r.RNABeneficiaire = "W42300713A" }, "rnaBeneficiaire"},
		{"no beneficiary id", func(r *export.SubsidyRow) { r.RNABeneficiaire = "" }, "neither idBeneficiaire nor rnaBeneficiaire"},
		{"decimal comma", func(r *export.SubsidyRow) { r.Montant = "1225,55" }, "montant"},
		{"unknown nature", func(r *export.SubsidyRow) { r.Nature = "numéraire" }, "nature"},
		{"unknown conditions", func(r *export.SubsidyRow) { r.ConditionsVersement = "mensuel" }, "conditionsVersement"},
		{"percentage out of range", func(r *export.SubsidyRow) { r.PourcentageSubvention = "100" }, "pourcentageSubvention"},
		{"boolean in English", func(r *export.SubsidyRow) { r.NotificationUE = "false" }, "notificationUE"},
		{"period with an underscore", func(r *export.SubsidyRow) { r.DatesPeriodeVersement = "2026-07-01_2026-12-01" }, "datesPeriodeVersement"},
		{"not a date", func(r *export.SubsidyRow) { r.DateConvention = "2026-02-30" }, "dateConvention"},
		{"object too long", func(r *export.SubsidyRow) { r.Objet = strings.Repeat("é", 257) }, "objet"},
		{"single payment over a period", func(r *export.SubsidyRow) { r.DatesPeriodeVersement = "2026-07-01/2026-12-01" }, "a single payment"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			row := good
			tt.change(&row)
			var b bytes.Buffer
			if err := export.WriteSCDL(&b, []export.SubsidyRow{row}); err != nil {
				t.Fatal(err)
			}
			got := strings.Join(checkSCDL(b.Bytes()), "\n")
			if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
				t.Errorf("checker says %q, want a breach mentioning %q", got, tt.want)
			}
		})
	}
}

const convention = `kind: convention
lang: fr
id: pacte
title: Pacte
date: 2026-03-01
parties:
  - id: ville
    name: Ville de Valmont
    role: public_authority
    siret: "21420231200018"
    representative: {name: A, capacity: Maire}
  - id: asso
    name: Les Jardiniers, association
    role: citizen_collective
    rna: W423007136
    representative: {name: B, capacity: Présidente}
commons: {name: Jardin, type: green_space, dedication: Usage de tous.}
commitments:
  - party: ville
    items: [Fournir l’eau.]
duration: {start: 2026-03-01}
support:
  grants:
    - {id: g, funder: ville, amount: 24000.5, purpose: "Outils,
        graines et   compost", decision: D-12}
  payment_schedule:
    - {grant: g, date: 2026-04-01, amount: 12000}
    - {grant: g, date: 2026-03-15, amount: 12000.5}
`

func load(t *testing.T, src string) *partnership.Document {
	t.Helper()
	doc, diags := partnership.Load("pacte.yaml", []byte(src), partnership.DefaultLimits)
	if doc == nil {
		t.Fatalf("does not load: %v", diags)
	}
	if diags := validate.Validate(doc, nil); diags.HasErrors() {
		t.Fatalf("not valid: %v", diags)
	}
	return doc
}

func TestSubsidyRow(t *testing.T) {
	rows, diags := export.Subsidies(load(t, convention))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	want := []export.SubsidyRow{{
		NomAttribuant: "Ville de Valmont", IDAttribuant: "21420231200018", DateConvention: "2026-03-01",
		ReferenceDecision: "D-12", NomBeneficiaire: "Les Jardiniers, association", RNABeneficiaire: "W423007136",
		Objet: "Outils, graines et compost", Montant: "24000.50", Nature: "aide en numéraire",
		ConditionsVersement: "échelonné", DatesPeriodeVersement: "2026-03-15/2026-04-01",
		NotificationUE: "non", PourcentageSubvention: "1.00",
	}}
	if !slices.Equal(rows, want) {
		t.Errorf("rows\n  %+v\nwant\n  %+v", rows, want)
	}
	var b bytes.Buffer
	if err := export.WriteSCDL(&b, rows); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `,"Les Jardiniers, association",`) {
		t.Errorf("a name with a comma is not quoted:\n%s", b.String())
	}
	for _, msg := range checkSCDL(b.Bytes()) {
		t.Error(msg)
	}
}

// TestMissingData checks that what SCDL requires and the definition lacks is reported at the
// value that should hold it, and that the convention then gives no row.
func TestMissingData(t *testing.T) {
	tests := []struct {
		name   string
		change func(string) string
		// want lists "line:column pointer: part of the message".
		want []string
	}{
		{"no date", func(s string) string { return strings.Replace(s, "date: 2026-03-01\n", "", 1) },
			[]string{"1:1 : the date of the convention (dateConvention)"}},
		{"funder without SIRET", func(s string) string { return strings.Replace(s, "    siret: \"21420231200018\"\n", "", 1) },
			[]string{`7:5 /parties/0: the SIRET number of the funder "ville" (idAttribuant)`}},
		{"beneficiary without SIRET or RNA", func(s string) string { return strings.Replace(s, "    rna: W423007136\n", "", 1) },
			[]string{`12:5 /parties/1: the SIRET or RNA number of the beneficiary "asso"`}},
		{"RNA with letters", func(s string) string { return strings.Replace(s, "W423007136", "W42300713A", 1) },
			[]string{`15:10 /parties/1/rna: only RNA numbers made of W and 9 digits`}},
		// Above 23,000 € a year the validator already asks for the purpose and the payments of
		// a grant (décret n° 2001-495); a smaller grant reaches the export's own checks.
		{"no purpose", func(s string) string {
			s = strings.Replace(s, "amount: 24000.5,", "amount: 20000.5,", 1)
			s = strings.Replace(s, "amount: 12000.5}", "amount: 8000.5}", 1)
			return strings.Replace(s, "purpose: \"Outils,\n        graines et   compost\", ", "", 1)
		}, []string{"24:7 /support/grants/0: the object of the grant (objet)"}},
		{"purpose too long", func(s string) string {
			return strings.Replace(s, "graines et   compost", strings.Repeat("x", 260), 1)
		}, []string{"24:56 /support/grants/0/purpose: at most 256 characters"}},
		{"no payment", func(s string) string {
			s = strings.Replace(s, "amount: 24000.5,", "amount: 20000.5,", 1)
			return s[:strings.Index(s, "  payment_schedule:")]
		},
			[]string{`24:7 /support/grants/0: the dates of payment of grant "g" (datesPeriodeVersement)`}},
		{"undated payment", func(s string) string { return strings.Replace(s, "date: 2026-04-01, ", "", 1) },
			[]string{"27:7 /support/payment_schedule/0: the date of every payment"}},
		{"two collectives, no recipient", func(s string) string {
			return strings.Replace(s, "commons:", "  - {id: autre, name: Autre, role: operator, signs: false}\ncommons:", 1)
		}, []string{"25:7 /support/grants/0: the beneficiary of the grant (nomBeneficiaire)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, diags := export.Subsidies(load(t, tt.change(convention)))
			if rows != nil {
				t.Errorf("a convention with missing data gives rows: %+v", rows)
			}
			if len(diags) != len(tt.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%v", len(diags), len(tt.want), diags)
			}
			for i, w := range tt.want {
				pos, rest, _ := strings.Cut(w, " ")
				pointer, message, _ := strings.Cut(rest, ": ")
				d := diags[i]
				if fmt.Sprintf("%d:%d", d.Line, d.Column) != pos || d.Pointer != pointer || !strings.Contains(d.Message, message) || d.Severity != partnership.Error {
					t.Errorf("diagnostic %d is\n  %v\nwant %s %s and a message containing %q", i, d, pos, pointer, message)
				}
			}
		})
	}
}

func TestNoRowWithoutGrants(t *testing.T) {
	for _, f := range []string{"../../examples/pacte-parc-des-glycines.yaml", "../../examples/charte-des-communs-valmont.yaml"} {
		doc, _, err := validate.File(f, partnership.DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		if rows, diags := export.Subsidies(doc); rows != nil || diags != nil {
			t.Errorf("%s (%s): rows %v, diagnostics %v; want none", f, doc.Definition.Kind, rows, diags)
		}
	}
}
