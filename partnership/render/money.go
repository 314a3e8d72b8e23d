package render

import "github.com/commons-toolkit/commons/partnership"

// currencySymbols are the currencies written with a symbol; every other currency is written
// with its ISO 4217 code, which no reader can misread.
var currencySymbols = map[string]string{"EUR": "€", "GBP": "£"}

// withCurrency returns the locale writing amounts in the currency of the given ISO 4217 code
// (euros when empty).
func (l locale) withCurrency(code string) locale {
	l.currency = code
	return l
}

// currencyAround places the currency around a number already formatted: after it in French
// ("12 500 €", "12 500 CHF"), before it in English ("€12,500", "£12,500", "CHF 12,500").
func (l locale) currencyAround(number string) string {
	code := l.currency
	if code == "" {
		code = partnership.DefaultCurrency
	}
	symbol, ok := currencySymbols[code]
	switch {
	case l.lang == "en" && ok:
		return symbol + number
	case l.lang == "en":
		return code + nbsp + number
	case ok:
		return number + narrowNbsp + symbol
	}
	return number + narrowNbsp + code
}
