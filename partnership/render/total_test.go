package render

import (
	"testing"

	"github.com/commons-toolkit/commons/partnership"
)

// TestTotalGrantsIsExact adds grants in cents: 0.10 € and 0.20 € make 0.30 €, where adding
// floating-point numbers gives 0.30000000000000004; and the largest total a definition can hold
// prints without overflow.
func TestTotalGrantsIsExact(t *testing.T) {
	data := func(amounts ...float64) *Data {
		s := &partnership.Support{}
		for _, a := range amounts {
			s.Grants = append(s.Grants, partnership.Grant{Amount: a})
		}
		return &Data{Definition: &partnership.Definition{Support: s}}
	}
	if got := data(0.1, 0.2).TotalGrants(); got != 0.3 {
		t.Errorf("0.10 + 0.20 = %v", got)
	}
	many := make([]float64, 50_000)
	for i := range many {
		many[i] = partnership.MaxAmount
	}
	total := data(many...).TotalGrants()
	for lang, want := range map[string]string{"fr": "50\u202f000\u202f000\u202f000\u202f000\u202f000\u202f€", "en": "€50,000,000,000,000,000"} {
		if got := newLocale(lang).amount(total); got != want {
			t.Errorf("%s: 50,000 grants of the maximum (as many as the limit on values allows) print %q, want %q", lang, got, want)
		}
	}
}
