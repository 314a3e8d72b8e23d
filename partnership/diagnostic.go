package partnership

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity says whether a diagnostic stops the document (Error) or only deserves a look (Warning).
type Severity int

// The severities, from the most to the least serious.
const (
	Error Severity = iota
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText writes the severity as a word, so JSON output reads "error" rather than 0.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads "error" or "warning".
func (s *Severity) UnmarshalText(b []byte) error {
	switch string(b) {
	case "error":
		*s = Error
	case "warning":
		*s = Warning
	default:
		return fmt.Errorf("unknown severity %q", b)
	}
	return nil
}

// Pos is a 1-based line and column in a source file. The zero Pos means "unknown".
type Pos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Diagnostic is one problem found in a definition, located by file, line, column and by the JSON
// pointer (RFC 6901) of the value concerned.
//
// Its message and hint are messages of the catalogue (catalogue.go): Code and HintCode name
// them, for scripts, and Message and Hint hold their text, in English until In writes the
// diagnostic in another language. Build one with Say and WithHint (or Document.Diag), never by
// setting Message: a message without a code cannot be written in French.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	Pointer  string   `json:"pointer"`
	// Code names the message in the catalogue: "unknown-key", "missing-key"…
	Code    string `json:"code,omitempty"`
	Message string `json:"message"`
	// HintCode names the hint in the catalogue: "did-you-mean"…
	HintCode string `json:"hint_code,omitempty"`
	Hint     string `json:"hint,omitempty"`

	msg, hint Msg
	// lang is the language Message and Hint are written in: "" for English.
	lang string
}

// Say returns the diagnostic with the message code and its arguments (see M), written in
// English.
func (d Diagnostic) Say(code string, args ...any) Diagnostic {
	d.msg = M(code, args...)
	d.Code, d.Message = code, d.msg.In(English)
	return d
}

// WithHint returns the diagnostic with a hint: the message code and its arguments.
func (d Diagnostic) WithHint(code string, args ...any) Diagnostic {
	d.SetHint(code, args...)
	return d
}

// SetHint gives the diagnostic a hint: the message code and its arguments. An empty code
// removes the hint.
func (d *Diagnostic) SetHint(code string, args ...any) {
	d.hint = M(code, args...)
	d.HintCode, d.Hint = code, d.hint.In(English)
}

// SetHintMsg gives the diagnostic a hint that is a message already built (the zero Msg removes
// it).
func (d *Diagnostic) SetHintMsg(m Msg) { d.SetHint(m.Code, m.Args...) }

// Msg returns the message of the diagnostic, with its code and arguments.
func (d Diagnostic) Msg() Msg { return d.msg }

// HintMsg returns the hint of the diagnostic, with its code and arguments.
func (d Diagnostic) HintMsg() Msg { return d.hint }

// In returns the diagnostic written in lang ("fr" or "en"): its message and hint, the word
// that marks a warning and the punctuation between them. Positions, pointers and codes stay.
func (d Diagnostic) In(lang string) Diagnostic {
	if lang != French {
		lang = ""
	}
	if d.Code != "" {
		d.Message = d.msg.In(lang)
	}
	if d.HintCode != "" {
		d.Hint = d.hint.In(lang)
	}
	d.lang = lang
	return d
}

// In returns the diagnostics written in lang.
func (ds Diagnostics) In(lang string) Diagnostics {
	out := make(Diagnostics, len(ds))
	for i, d := range ds {
		out[i] = d.In(lang)
	}
	return out
}

// String formats the diagnostic as one line: file:line:col: /pointer: message; hint.
// Warnings carry a "warning: " prefix before the message. A diagnostic about the whole file
// (the root pointer, which is empty) or about a template has no pointer part. Control
// characters, line breaks and bidirectional controls in any part (a file name, a key) are
// written as escapes (see Printable): a diagnostic is always one line, which nothing in a
// definition can make into two.
func (d Diagnostic) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d:%d: ", Printable(d.File), d.Line, d.Column)
	if d.Pointer != "" {
		b.WriteString(Printable(d.Pointer))
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString(M("warning-prefix").In(d.lang))
	}
	b.WriteString(Printable(d.Message))
	if d.Hint != "" {
		b.WriteString(M("hint-separator").In(d.lang))
		b.WriteString(Printable(d.Hint))
	}
	return b.String()
}

// Diagnostics is a list of problems. A non-empty list is usable as an error.
type Diagnostics []Diagnostic

// Error joins the diagnostics one per line.
func (ds Diagnostics) Error() string {
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// HasErrors reports whether any diagnostic has severity Error.
func (ds Diagnostics) HasErrors() bool {
	return slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.Severity == Error })
}

// Count returns the number of errors and of warnings.
func (ds Diagnostics) Count() (errors, warnings int) {
	for _, d := range ds {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

func compareDiagnostics(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Column, b.Column),
		cmp.Compare(a.Pointer, b.Pointer),
		cmp.Compare(a.Severity, b.Severity),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(a.Hint, b.Hint),
	)
}

// Sorted returns the diagnostics ordered by file, line, column, pointer, severity and message,
// without duplicates. The receiver is left untouched.
func (ds Diagnostics) Sorted() Diagnostics {
	out := slices.Clone(ds)
	slices.SortFunc(out, compareDiagnostics)
	return slices.CompactFunc(out, func(a, b Diagnostic) bool { return compareDiagnostics(a, b) == 0 })
}
