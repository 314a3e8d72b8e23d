package render

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/commons-toolkit/commons/partnership"
	"golang.org/x/mod/semver"
)

// ErrIncompatibleLibrary is wrapped by the error Render returns when a definition is pinned
// (its templates field) to versions of the clause library this program does not have.
var ErrIncompatibleLibrary = errors.New("incompatible clause library")

// VersionRange is a set of versions of the clause library, written the way package managers
// write them, so that a definition can say which library it was drafted against:
//
//	1.2, 0.1.0     compatible versions: >=1.2.0 <2.0.0, >=0.1.0 <0.2.0 (as ^1.2, ^0.1.0)
//	^1.2, ^0.1     the same, explicitly
//	~1.2, ~1.2.3   patch releases only: >=1.2.0 <1.3.0, >=1.2.3 <1.3.0
//	0.x, 1.2.*     any version with that prefix: >=0.0.0 <1.0.0, >=1.2.0 <1.3.0
//	>=0.1 <2       every comparator must hold (>, >=, <, <=, =)
//	1.0 - 1.4      an inclusive interval: >=1.0.0 <1.5.0
//	^1.2 || ^2.0   either range
//
// A bare version means compatible versions rather than that exact version because a clause
// library keeps the meaning of its clauses within a major version (within a minor version
// before 1.0.0); see templates/CHANGELOG.md.
type VersionRange struct {
	text string
	// alternatives are joined by ||; each is a list of bounds that must all hold.
	alternatives [][]bound
}

// bound is one comparison with a full version ("v1.2.0", in the form semver.Compare expects).
type bound struct {
	op      string // ">=", ">", "<", "<=", "="
	version string
}

// ParseVersionRange reads a version or a range of versions of the clause library.
func ParseVersionRange(s string) (VersionRange, error) {
	r := VersionRange{text: strings.TrimSpace(s)}
	if r.text == "" {
		return r, fmt.Errorf("templates: empty version range")
	}
	for _, alt := range strings.Split(r.text, "||") {
		bounds, err := parseConjunction(strings.Fields(alt))
		if err != nil {
			return r, fmt.Errorf("templates %q: %w", r.text, err)
		}
		r.alternatives = append(r.alternatives, bounds)
	}
	return r, nil
}

// parseConjunction reads the space-separated comparators of one alternative.
func parseConjunction(fields []string) ([]bound, error) {
	if len(fields) == 0 {
		return nil, fmt.Errorf("an empty alternative around ||")
	}
	if len(fields) == 3 && fields[1] == "-" {
		lo, err := parsePartial(fields[0])
		if err != nil {
			return nil, err
		}
		hi, err := parsePartial(fields[2])
		if err != nil {
			return nil, err
		}
		return append(lo.atLeast(), hi.atMost()...), nil
	}
	var out []bound
	for i := 0; i < len(fields); i++ {
		f := fields[i]
		op := ""
		for _, o := range []string{">=", "<=", ">", "<", "=", "^", "~"} {
			if strings.HasPrefix(f, o) {
				op, f = o, f[len(o):]
				break
			}
		}
		if f == "" && i+1 < len(fields) {
			// An operator written apart from its version: ">= 1.2".
			i++
			f = fields[i]
		}
		p, err := parsePartial(f)
		if err != nil {
			return nil, err
		}
		switch op {
		case "":
			if p.wild {
				out = append(out, p.wildcard()...)
			} else {
				out = append(out, p.caret()...)
			}
		case "^":
			out = append(out, p.caret()...)
		case "~":
			out = append(out, p.tilde()...)
		case "=":
			out = append(out, p.exact()...)
		case ">=":
			out = append(out, p.atLeast()...)
		case ">":
			out = append(out, p.above()...)
		case "<":
			out = append(out, p.below()...)
		case "<=":
			out = append(out, p.atMost()...)
		}
	}
	return out, nil
}

// partial is a version with perhaps fewer than three numbers ("1", "1.2", "1.x", "*").
type partial struct {
	nums [3]int
	// n is how many numbers were given; the others are wildcards.
	n int
	// wild is set when a wildcard was written ("1.x", "*").
	wild bool
	// pre is the prerelease suffix of a full version ("-rc.1"), kept for exact comparisons.
	pre string
}

func parsePartial(s string) (partial, error) {
	var p partial
	s = strings.TrimPrefix(s, "v")
	if i := strings.IndexAny(s, "-+"); i >= 0 {
		p.pre, s = s[i:], s[:i]
		if p.pre[0] == '+' {
			p.pre = "" // build metadata does not order versions
		}
	}
	parts := strings.Split(s, ".")
	if len(parts) > 3 || s == "" {
		return p, fmt.Errorf("%q is not a version (expected 1, 1.2 or 1.2.3)", s)
	}
	for i, part := range parts {
		if part == "x" || part == "X" || part == "*" {
			p.wild = true
			continue
		}
		n, err := strconv.Atoi(part)
		if err != nil || n < 0 || p.wild {
			return p, fmt.Errorf("%q is not a version (expected 1, 1.2 or 1.2.3)", s)
		}
		p.nums[i] = n
		p.n = i + 1
	}
	if p.pre != "" && p.n < 3 {
		return p, fmt.Errorf("%q: a prerelease needs a full version", s+p.pre)
	}
	return p, nil
}

func version(major, minor, patch int) string {
	return fmt.Sprintf("v%d.%d.%d", major, minor, patch)
}

// lowest is the smallest version the partial version stands for.
func (p partial) lowest() string {
	return version(p.nums[0], p.nums[1], p.nums[2]) + p.pre
}

// next is the smallest version above every version the partial version stands for; "" when
// there is none (a lone wildcard).
func (p partial) next() string {
	switch p.n {
	case 0:
		return ""
	case 1:
		return version(p.nums[0]+1, 0, 0)
	case 2:
		return version(p.nums[0], p.nums[1]+1, 0)
	}
	return version(p.nums[0], p.nums[1], p.nums[2]+1)
}

func (p partial) atLeast() []bound { return []bound{{">=", p.lowest()}} }

func (p partial) above() []bound {
	if p.n < 3 {
		if n := p.next(); n != "" {
			return []bound{{">=", n}}
		}
		return []bound{{"<", "v0.0.0"}} // above every version: nothing
	}
	return []bound{{">", p.lowest()}}
}

func (p partial) below() []bound { return []bound{{"<", p.lowest()}} }

func (p partial) atMost() []bound {
	if p.n < 3 {
		if n := p.next(); n != "" {
			return []bound{{"<", n}}
		}
		return nil
	}
	return []bound{{"<=", p.lowest()}}
}

func (p partial) exact() []bound {
	if p.n < 3 {
		return p.wildcard()
	}
	return []bound{{"=", p.lowest()}}
}

// wildcard is every version that starts with the numbers given.
func (p partial) wildcard() []bound {
	b := p.atLeast()
	if n := p.next(); n != "" {
		b = append(b, bound{"<", n})
	}
	return b
}

// caret allows the changes that keep the leftmost non-zero number: ^1.2 is >=1.2.0 <2.0.0,
// ^0.1 is >=0.1.0 <0.2.0, ^0.0.3 is >=0.0.3 <0.0.4.
func (p partial) caret() []bound {
	k := p.n
	for i := range p.n {
		if p.nums[i] != 0 {
			k = i + 1
			break
		}
	}
	return partial{nums: p.nums, n: k}.withLow(p)
}

// tilde allows patch releases: ~1.2 and ~1.2.3 stay below 1.3.0, ~1 below 2.0.0.
func (p partial) tilde() []bound {
	n := min(p.n, 2)
	if n == 0 {
		return nil
	}
	return partial{nums: p.nums, n: n}.withLow(p)
}

// withLow is the interval from low's lowest version to the next version above p's prefix.
func (p partial) withLow(low partial) []bound {
	b := low.atLeast()
	if n := p.next(); n != "" {
		b = append(b, bound{"<", n})
	}
	return b
}

// Contains reports whether a version ("0.1.0") lies in the range.
func (r VersionRange) Contains(v string) bool {
	sv := "v" + strings.TrimPrefix(strings.TrimSpace(v), "v")
	if !semver.IsValid(sv) {
		return false
	}
	for _, alt := range r.alternatives {
		if allHold(alt, sv) {
			return true
		}
	}
	return false
}

func allHold(bounds []bound, v string) bool {
	for _, b := range bounds {
		c := semver.Compare(v, b.version)
		ok := false
		switch b.op {
		case ">=":
			ok = c >= 0
		case ">":
			ok = c > 0
		case "<":
			ok = c < 0
		case "<=":
			ok = c <= 0
		case "=":
			ok = c == 0
		}
		if !ok {
			return false
		}
	}
	return true
}

// String writes the range as the bounds it stands for: ">=0.1.0 <0.2.0".
func (r VersionRange) String() string {
	var alts []string
	for _, alt := range r.alternatives {
		var parts []string
		for _, b := range alt {
			parts = append(parts, b.op+strings.TrimPrefix(b.version, "v"))
		}
		if len(parts) == 0 {
			parts = append(parts, "any version")
		}
		alts = append(alts, strings.Join(parts, " "))
	}
	return strings.Join(alts, " or ")
}

// checkPin refuses to render a definition pinned to library versions other than the one this
// program has, so that a signed text is never silently reworded by a newer library. An empty
// pin accepts any library.
func checkPin(pin, have string) error {
	if strings.TrimSpace(pin) == "" {
		return nil
	}
	r, err := ParseVersionRange(pin)
	if err != nil {
		return err
	}
	if r.Contains(have) {
		return nil
	}
	return &pinError{msg: partnership.M("incompatible-library", r.text, r.String(), have)}
}

// pinError is the refusal of checkPin: a message of the catalogue, written in English by Error
// and in the user's language by the command line (through Msg).
type pinError struct{ msg partnership.Msg }

func (e *pinError) Error() string        { return e.msg.In(partnership.English) }
func (e *pinError) Msg() partnership.Msg { return e.msg }
func (e *pinError) Unwrap() error        { return ErrIncompatibleLibrary }
