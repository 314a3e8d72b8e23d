package partnership

import "math"

// MaxAmount is the largest sum in euros a definition may hold (10^12 €, the "maximum" of every
// amount in the schema). Within it, an amount in cents is exact in a float64 and a total of
// every amount a definition can hold fits in an int64.
const MaxAmount = 1e12

// Cents converts an amount in euros, which the schema allows with at most two decimals, to an
// exact number of cents. Totals are added up in cents, so that 0.10 + 0.20 is 0.30.
func Cents(euros float64) int64 { return int64(math.Round(euros * 100)) }

// Euros converts a number of cents back to euros, for formatting.
func Euros(cents int64) float64 { return float64(cents) / 100 }
