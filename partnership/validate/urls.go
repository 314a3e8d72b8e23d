package validate

import (
	"fmt"
	"net/url"
	"regexp"
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
		node := model.At(pointer)
		if node == nil || node.Format != "uri" {
			continue
		}
		s, ok := valueAt(doc.Value, pointer).(string)
		if !ok {
			continue
		}
		if problem := urlProblem(s); problem != "" {
			d := doc.Diag(pointer, "must be a web address that a reader can follow: %s; got %s", problem, partnership.Describe(s))
			diags = append(diags, d)
		}
	}
	return diags
}

// hostLabel is one label of a host name: letters (of any script, for internationalised domain
// names), digits and inner hyphens.
var hostLabel = regexp.MustCompile(`^[\p{L}\p{N}]([\p{L}\p{N}-]*[\p{L}\p{N}])?$`)

// urlProblem says what is wrong with a web address, or returns "".
func urlProblem(s string) string {
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			return "it holds a space; write %20 or remove what follows the address"
		case r < 0x20 || r == 0x7f || !unicode.IsPrint(r):
			return fmt.Sprintf("it holds the invisible character U+%04X", r)
		case strings.ContainsRune("<>\"{}|\\^`", r):
			return fmt.Sprintf("it holds %q, which a web address may not hold unencoded", r)
		}
	}
	u, err := url.Parse(s)
	if err != nil {
		return "it cannot be read as an address (" + strings.TrimPrefix(err.Error(), "parse "+strconv.Quote(s)+": ") + ")"
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "it must start with http:// or https://"
	}
	if u.User != nil {
		return "it holds a user name or a password before the host"
	}
	host := u.Hostname()
	if host == "" {
		return "it names no host"
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return "its port " + strconv.Quote(p) + " is not a number from 1 to 65535"
		}
	}
	if strings.HasPrefix(u.Host, "[") {
		return "" // an IPv6 address, which url.Parse has checked
	}
	for _, label := range strings.Split(strings.TrimSuffix(host, "."), ".") {
		if !hostLabel.MatchString(label) {
			return "its host " + strconv.Quote(host) + " is not a domain name"
		}
	}
	return ""
}
