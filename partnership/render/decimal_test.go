package render

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// cldrDecimal is what golang.org/x/text, which implements CLDR's decimal formats, writes for v
// in the locale's language, with the narrow no-break space French typography groups digits
// with.
func cldrDecimal(l locale, v float64, cents bool) string {
	tag := language.French
	if l.lang == "en" {
		tag = language.BritishEnglish
	}
	opts := []number.Option{number.MaxFractionDigits(2)}
	if cents {
		opts = append(opts, number.MinFractionDigits(2))
	}
	s := message.NewPrinter(tag).Sprint(number.Decimal(v, opts...))
	return strings.ReplaceAll(s, nbsp, narrowNbsp)
}

// TestDecimalAsCLDR checks that numbers and amounts are written as CLDR writes them, which the
// documents did before they were written without golang.org/x/text: ties, values just under
// and over them, signs, zeros, grouping, huge and tiny values.
func TestDecimalAsCLDR(t *testing.T) {
	values := []float64{0, math.Copysign(0, -1), 1, -1, 0.125, 0.135, 2.675, 1.005, 0.005, 0.015, 0.025,
		-0.001, -0.004, -0.005, -0.006, 0.5, 1e-7, 5e-324, 12, 100, 999, 1000, 1234, 12500, 12500.5,
		999.994, 999.995, 999999.999, 1234567.891, -1234.5, -12345.678, 1e15, 1e20, 1e21, 1.5e300,
		123456789012345678, math.MaxFloat64, -math.MaxFloat64, math.NaN(), math.Inf(1), math.Inf(-1)}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		values = append(values, math.Round(r.Float64()*1e8)/100, r.NormFloat64()*1e6, r.Float64()*1000, float64(r.IntN(1e9)))
	}
	for _, lang := range []string{"fr", "en"} {
		l := newLocale(lang)
		for _, v := range values {
			for _, cents := range []bool{false, true} {
				if got, want := l.decimal(v, cents), cldrDecimal(l, v, cents); got != want {
					t.Errorf("%s decimal(%v, %v) = %q, want %q", lang, v, cents, got, want)
				}
			}
		}
	}
}

func FuzzDecimalAsCLDR(f *testing.F) {
	for _, v := range []float64{0, 0.125, 2.675, -1234.5, 1e21} {
		f.Add(v, false)
	}
	f.Fuzz(func(t *testing.T, v float64, cents bool) {
		for _, lang := range []string{"fr", "en"} {
			l := newLocale(lang)
			if got, want := l.decimal(v, cents), cldrDecimal(l, v, cents); got != want {
				t.Errorf("%s decimal(%v, %v) = %q, want %q", lang, v, cents, got, want)
			}
		}
	})
}
