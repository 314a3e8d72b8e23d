package typeset

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestAppendNum checks the numbers of the page streams against strconv's rounding, on values
// chosen to be hard (halves of a thousandth, their neighbours, negative zero, large values) and
// on random coordinates of a page.
func TestAppendNum(t *testing.T) {
	want := func(v float64) string {
		s := strconv.FormatFloat(v, 'f', 3, 64)
		s = strings.TrimRight(s, "0")
		return strings.TrimSuffix(s, ".")
	}
	values := []float64{0, math.Copysign(0, -1), -0.0001, 0.0005, 0.0015, 0.0025, 1.0005, -1.0005, 2.675, 10, 100, 1000.5,
		595.28, 841.89, 0.1 + 0.2, 1e6 + 0.0005, 1e8, 1e12, -1e12, math.Inf(1), math.NaN(), 123.4565, 123.4575}
	for _, v := range slices.Clone(values) {
		for _, d := range []float64{-1, 0, 1} {
			values = append(values, math.Nextafter(v, v+d))
		}
	}
	rng := rand.New(rand.NewPCG(19, 14))
	for range 200000 {
		v := (rng.Float64() - 0.2) * 900
		if rng.IntN(4) == 0 {
			v = math.Round(v*2000) / 2000 // a half of a thousandth, as near as a float gets
		}
		values = append(values, v)
	}
	for _, v := range values {
		if got := string(appendNum(nil, v)); got != want(v) {
			t.Fatalf("appendNum(%v) = %q, want %q", v, got, want(v))
		}
	}
}
