package validate_test

import (
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/validate"
)

// TestAmountsOutOfRange runs the reproductions of the issue "numbers out of range": amounts that
// validated and then printed "0 €" (1e400), a negative number with a misplaced decimal (1e300),
// or a total printed wrongly (1e20). Each is now refused at its position, as are amounts with
// fractions of a cent.
func TestAmountsOutOfRange(t *testing.T) {
	grant := func(amount string) string {
		return baseConvention + "support:\n  grants:\n    - {id: g, funder: ville, amount: " + amount + "}\n"
	}
	tests := []struct {
		name, file, src string
		line, column    int
		message         string
	}{
		{"1e400 in YAML", "x.yaml", grant("1e400"), 21, 38, "number 1e400 is too large"},
		{"1e400 in JSON", "x.json", `{"kind": "convention", "support": {"grants": [{"amount": 1e400}]}}`, 1, 58, "number 1e400 is too large"},
		{"1e300", "x.yaml", grant("1e300"), 21, 38, "must be at most 1000000000000; got 1e+300"},
		{"1e20", "x.yaml", grant("1e20"), 21, 38, "must be at most 1000000000000; got 1e+20"},
		{"a thousandth of a euro", "x.yaml", grant("12.345"), 21, 38, "an amount has at most two decimals (cents); got 12.345"},
		{"infinity", "x.yaml", grant(".inf"), 21, 38, "not a finite number"},
		{"payment over the maximum", "x.yaml", baseConvention + "support:\n  grants: [{id: g, funder: ville, amount: 10}]\n  payment_schedule: [{grant: g, amount: 1000000000000.01}]\n", 21, 41, "must be at most 1000000000000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			diags := check(tt.file, tt.src)
			found := false
			for _, d := range diags {
				if strings.Contains(d.Message, tt.message) {
					found = true
					if d.Line != tt.line || d.Column != tt.column {
						t.Errorf("at %d:%d, want %d:%d: %s", d.Line, d.Column, tt.line, tt.column, d)
					}
				}
			}
			if !found {
				t.Errorf("no diagnostic says %q; got:\n%v", tt.message, diags)
			}
		})
	}
}

// TestAmountsAtTheLimitAreExact checks that the largest amounts validate, and that payments are
// added up in cents: ten payments of 0.10 € make a grant of 1 €, and 1.01 € is one cent too much.
func TestAmountsAtTheLimitAreExact(t *testing.T) {
	payments := func(amount string, n int) string {
		return strings.Repeat("    - {grant: g, amount: "+amount+"}\n", n)
	}
	tests := []struct {
		name, grant, payments string
		message               string
	}{
		{"the maximum", "1000000000000", payments("999999999999.99", 1) + payments("0.01", 1), ""},
		{"ten tenths", "1", payments("0.1", 10), ""},
		{"a cent too much", "1", payments("0.1", 10) + payments("0.01", 1), "payments add up to 1.01 €, more than the grant \"g\" of 1 €"},
		{"a cent too much at the maximum", "1000000000000", payments("999999999999.99", 1) + payments("0.02", 1), "payments add up to 1,000,000,000,000.01 €"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The purpose: French law asks for it above 23,000 € a year.
			src := baseConvention + "support:\n  grants: [{id: g, funder: ville, amount: " + tt.grant + ", purpose: Entretien du jardin}]\n  payment_schedule:\n" + tt.payments
			diags := check("x.yaml", src)
			if tt.message == "" && diags.HasErrors() {
				t.Fatalf("unexpected errors:\n%v", diags)
			}
			if tt.message != "" && !strings.Contains(diags.Error(), tt.message) {
				t.Errorf("no diagnostic says %q; got:\n%v", tt.message, diags)
			}
		})
	}
}

// check loads and validates a definition given as text.
func check(file, src string) partnership.Diagnostics {
	doc, diags := partnership.Load(file, []byte(src), partnership.DefaultLimits)
	if doc != nil {
		diags = append(diags, validate.Validate(doc, nil)...)
	}
	return diags.Sorted()
}
