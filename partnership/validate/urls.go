package validate

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/commons-toolkit/commons/partnership"
)

// checkURLs checks every web address of a definition (the values the schema gives the format
// "uri") as a browser and a PDF reader will read it: an http or https address with a host,
// without spaces, quotes, angle brackets or other characters a link cannot hold, and without a
// user name or password. The schema only asks for a start in http:// or https://, so an address
// with a space or trailing words validated and then printed as plain text instead of a link.
func checkURLs(doc *partnership.Document) partnership.Diagnostics {
	model := partnership.Schema()
	var diags partnership.Diagnostics
	for pointer := range doc.Spans {
		if model.FormatAt(pointer) != "uri" {
			continue
		}
		s, ok := valueAt(doc.Value, pointer).(string)
		if !ok {
			continue
		}
		if problem := urlProblem(s); problem.Code != "" {
			diags = append(diags, doc.Diag(pointer, "url-unfollowable", problem, partnership.Value{V: s}))
		}
	}
	return diags
}

// hostLabel tells whether label is one label of a host name: letters (of any script, for
// internationalised domain names), digits and inner hyphens.
func hostLabel(label string) bool {
	if label == "" || label[0] == '-' || label[len(label)-1] == '-' {
		return false
	}
	for _, r := range label {
		if r != '-' && !unicode.IsLetter(r) && !unicode.IsNumber(r) {
			return false
		}
	}
	return true
}

// urlProblem says what is wrong with a web address, or returns the zero Msg.
func urlProblem(s string) partnership.Msg {
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			return partnership.M("url-space")
		case r < 0x20 || r == 0x7f || !unicode.IsPrint(r):
			return partnership.M("url-invisible", fmt.Sprintf("U+%04X", r))
		case strings.ContainsRune("<>\"{}|\\^`", r):
			return partnership.M("url-character", r)
		}
	}
	u, err := url.Parse(s)
	if err != nil {
		return partnership.M("url-unreadable", strings.TrimPrefix(err.Error(), "parse "+strconv.Quote(s)+": "))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return partnership.M("url-scheme")
	}
	if u.User != nil {
		return partnership.M("url-user")
	}
	host := u.Hostname()
	if host == "" {
		return partnership.M("url-no-host")
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return partnership.M("url-port", p)
		}
	}
	if strings.HasPrefix(u.Host, "[") {
		return partnership.Msg{} // an IPv6 address, which url.Parse has checked
	}
	for _, label := range strings.Split(strings.TrimSuffix(host, "."), ".") {
		if !hostLabel(label) {
			return partnership.M("url-host", host)
		}
	}
	return partnership.Msg{}
}
