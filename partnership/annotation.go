package partnership

import (
	"strconv"
	"strings"
)

// GitHubAnnotation formats the diagnostic as a GitHub Actions workflow command, which the
// platform shows as a comment on the line of the file in a pull request:
//
//	::error file=examples/x.yaml,line=12,col=7::/parties/1/role: must be one of …
//
// Warnings give ::warning. The message is the pointer, the message and the hint, as String
// prints them after the position. Line and column are left out when unknown (zero). As the
// workflow-command format requires, "%", "\r" and "\n" are escaped in the message, and ":" and
// "," too in the properties; other control characters and bidirectional controls are written
// as escapes (see Printable).
func (d Diagnostic) GitHubAnnotation() string {
	var b strings.Builder
	b.WriteString("::")
	b.WriteString(d.Severity.String())
	b.WriteString(" file=")
	b.WriteString(escapeAnnotationProperty(printableLines(d.File)))
	if d.Line > 0 {
		b.WriteString(",line=" + strconv.Itoa(d.Line))
		if d.Column > 0 {
			b.WriteString(",col=" + strconv.Itoa(d.Column))
		}
	}
	b.WriteString("::")
	var msg strings.Builder
	if d.Pointer != "" {
		msg.WriteString(d.Pointer)
		msg.WriteString(": ")
	}
	msg.WriteString(d.Message)
	if d.Hint != "" {
		msg.WriteString("; ")
		msg.WriteString(d.Hint)
	}
	b.WriteString(escapeAnnotationData(printableLines(msg.String())))
	return b.String()
}

var (
	annotationData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	annotationProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// escapeAnnotationData escapes the message of a workflow command.
func escapeAnnotationData(s string) string { return annotationData.Replace(s) }

// escapeAnnotationProperty escapes the value of a property (file=…) of a workflow command.
func escapeAnnotationProperty(s string) string { return annotationProperty.Replace(s) }
