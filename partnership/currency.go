package partnership

import (
	"strings"
	"sync"
)

// DefaultCurrency is the currency of a definition that names none.
const DefaultCurrency = "EUR"

// CurrencyCode returns the ISO 4217 code of the document's amounts: its own, else euros.
func (d *Definition) CurrencyCode() string {
	if d.Currency == "" {
		return DefaultCurrency
	}
	return d.Currency
}

// KnownCurrency reports whether code is an active ISO 4217 currency code.
func KnownCurrency(code string) bool { return currencies()[code] }

// CurrencyCodes lists the active ISO 4217 codes, for suggestions.
func CurrencyCodes() []string { return strings.Fields(currencyList) }

// currencyList holds the active ISO 4217 currency codes (the funds and precious metals of the
// standard are left out: no partnership is written in them).
const currencyList = `AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN
BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF
GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR
LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK
PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT
TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWG`

var currencies = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, c := range strings.Fields(currencyList) {
		m[c] = true
	}
	return m
})
