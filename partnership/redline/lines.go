package redline

import (
	"strings"

	"github.com/commons-toolkit/commons/partnership/internal/lazyre"
)

// lineKind tells how a line of Markdown may be marked.
type lineKind int

const (
	kindText       lineKind = iota // a paragraph line, a list item, a heading: marks go after the block marker
	kindBlank                      // separates blocks: never marked
	kindFence                      // a whole fenced block (a chart): never marked inside, compared whole
	kindTableDelim                 // the row under a table's header: never marked
	kindTableRow                   // marks go inside each cell
)

// shape is a line cut into what may carry marks and what may not. The line is exactly
// prefix + seps[0] + cells[0] + seps[1] + … + cells[n-1] + seps[n] + suffix.
type shape struct {
	raw    string
	kind   lineKind
	prefix string // block markers: "## ", "- ", "1. ", "> "
	suffix string // heading attributes " {#id}", a hard line break "\"
	// cells are the stretches of inline Markdown between the pipes of a table row (one, for a
	// line that has no pipe), without the spaces around them; seps are the pipes and spaces
	// between them, kept as they are.
	cells []string
	seps  []string
	// header tells a table row that is the header of its table (the row under it follows).
	header bool
}

var (
	blockMarkers   = lazyre.New(`^[ \t]*(?:(?:>|[-+*]|\d{1,9}[.)]|#{1,6})[ \t]+)*`)
	headingAttrs   = lazyre.New(`[ \t]+\{[#.][^{}]*\}$`)
	tableDelimiter = lazyre.New(`^[ \t]*\|?(\s*:?-+:?\s*\|)+\s*:?-*:?\s*$`)
	fenceOpening   = lazyre.New("^ {0,3}(`{3,}|~{3,})")
	listNumber     = lazyre.New(`\d+`)
)

// shapes cuts the lines of a Markdown text. A fenced block, from its opening line to its
// closing one (or to the end of the text), is one shape: its lines mean something only
// together (a chart is one line of JSON between its fences), so a block that changed is
// replaced whole.
func shapes(lines []string) []shape {
	out := make([]shape, 0, len(lines))
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		m := fenceOpening().FindStringSubmatch(l)
		if m == nil {
			out = append(out, shapeOf(l))
			continue
		}
		end := i + 1
		for end < len(lines) && !closesFence(lines[end], m[1]) {
			end++
		}
		end = min(end, len(lines)-1)
		out = append(out, shape{raw: strings.Join(lines[i:end+1], "\n"), kind: kindFence})
		i = end
	}
	for k := 1; k < len(out); k++ {
		out[k-1].header = out[k-1].kind == kindTableRow && out[k].kind == kindTableDelim
	}
	return out
}

// closesFence reports whether a line closes the fenced block opened by fence: the same
// character, at least as many times, and nothing else.
func closesFence(l, fence string) bool {
	t := strings.TrimRight(strings.TrimLeft(l, " "), " \t")
	return len(l)-len(strings.TrimLeft(l, " ")) <= 3 && len(t) >= len(fence) && strings.Trim(t, fence[:1]) == ""
}

// shapeOf cuts a line that is not in a fenced block.
func shapeOf(l string) shape {
	s := shape{raw: l}
	trimmed := strings.TrimSpace(l)
	switch {
	case trimmed == "":
		s.kind = kindBlank
		return s
	case tableDelimiter().MatchString(l) && strings.Contains(l, "|"):
		s.kind = kindTableDelim
		s.cells, s.seps = splitCells(trimmed) // counts the columns
		return s
	case strings.HasPrefix(trimmed, "|"):
		s.kind = kindTableRow
	default:
		s.kind = kindText
		s.prefix = blockMarkers().FindString(l)
	}
	body := l[len(s.prefix):]
	if strings.Contains(s.prefix, "#") {
		if m := headingAttrs().FindString(body); m != "" {
			s.suffix = m
			body = body[:len(body)-len(m)]
		}
	}
	if n := runLengthBack(body, '\\'); n%2 == 1 {
		s.suffix = `\` + s.suffix
		body = body[:len(body)-1]
	}
	s.cells, s.seps = splitCells(body)
	return s
}

// runLengthBack counts the bytes c at the end of s.
func runLengthBack(s string, c byte) int {
	n := 0
	for n < len(s) && s[len(s)-1-n] == c {
		n++
	}
	return n
}

// splitCells cuts inline Markdown at the pipes that are not escaped, so that no mark spans a
// pipe, which could end a table cell; a pipe inside a link stays in it, since a mark may not
// cut a link either. The spaces around each cell go with the pipes.
func splitCells(body string) (cells, seps []string) {
	var pieces []string
	start := 0
	for i := 0; i < len(body); {
		switch body[i] {
		case '|':
			pieces = append(pieces, body[start:i])
			start = i + 1
			i++
		case '\\', '[', '<', '`':
			i = skipInline(body, i)
		default:
			i++
		}
	}
	pieces = append(pieces, body[start:])
	sep := ""
	for i, p := range pieces {
		if i > 0 {
			sep += "|"
		}
		core := strings.TrimLeft(p, " \t")
		sep += p[:len(p)-len(core)]
		text := strings.TrimRight(core, " \t")
		cells = append(cells, text)
		seps = append(seps, sep)
		sep = core[len(text):]
	}
	return cells, append(seps, sep)
}

// key is what a line is compared by: its text with the numbers of cross-references set aside.
func (s shape) key() string { return withoutNumbers(s.raw) }

// pairable reports whether two lines have the same structure, so that one can be shown as the
// other rewritten word by word.
func pairable(a, b shape) bool {
	switch {
	case a.kind != b.kind || len(a.cells) != len(b.cells):
		return false
	case a.kind == kindTableRow, a.kind == kindTableDelim:
		return true
	case a.kind == kindText:
		return listNumber().ReplaceAllString(a.prefix, "1") == listNumber().ReplaceAllString(b.prefix, "1")
	}
	return false
}

// whole is a line that exists in one version only, marked as such; a fenced block is one
// segment, inserted or deleted whole (see Line.block).
func whole(s shape, op Op) Line {
	switch s.kind {
	case kindBlank:
		return Line{}
	case kindFence:
		return Line{{op, s.raw}}
	case kindTableDelim:
		return Line{{Equal, s.raw}}
	}
	l := Line{{Equal, s.prefix}}
	for i, c := range s.cells {
		l = append(l, Segment{Equal, s.seps[i]})
		if c != "" {
			l = append(l, Segment{op, c})
		}
	}
	return append(l, Segment{Equal, s.seps[len(s.cells)] + s.suffix})
}

// rewrite shows a line rewritten word by word, cell by cell; the two shapes must be pairable.
func rewrite(old, new shape) (l Line, similarity float64) {
	if new.kind == kindTableDelim {
		return Line{{Equal, new.raw}}, 1 // a new alignment of the same columns
	}
	l = Line{{Equal, new.prefix}}
	var sum float64
	n := 0 // the cells that hold words in either version: the empty ones outside a row's pipes do not make two rows alike
	for i := range new.cells {
		segs, sim := diffWords(old.cells[i], new.cells[i])
		if old.cells[i] != "" || new.cells[i] != "" {
			sum += sim
			n++
		}
		l = append(l, Segment{Equal, new.seps[i]})
		l = append(l, segs...)
	}
	if n == 0 {
		sum, n = 1, 1
	}
	return append(l, Segment{Equal, new.seps[len(new.cells)] + new.suffix}), sum / float64(n)
}

// minSimilarity is the share of common words from which two lines are shown as one sentence
// rewritten rather than one sentence deleted and another inserted.
const minSimilarity = 0.4

// diffLines compares two texts line by line (the renderer writes one sentence per line), then
// word by word inside the lines that were rewritten. Lines are compared with the numbers of
// cross-references set aside; equal lines are shown as the new version has them.
func diffLines(oldLines, newLines []string) []Line {
	olds, news := shapes(oldLines), shapes(newLines)
	key := func(s shape) string { return s.key() }
	oldKeys, newKeys := make([]string, len(olds)), make([]string, len(news))
	for i, s := range olds {
		oldKeys[i] = key(s)
	}
	for i, s := range news {
		newKeys[i] = key(s)
	}
	var out []Line
	oi, ni := 0, 0
	var dels, ins []shape
	prev := kindBlank // the kind of the last line shown as it is
	flush := func() {
		next := kindBlank
		if ni < len(news) {
			next = news[ni].kind
		}
		out = append(out, replace(prev, next, dels, ins)...)
		dels, ins = nil, nil
	}
	for _, e := range diffTokens(oldKeys, newKeys, func(s string) string { return s }) {
		switch e.op {
		case Equal:
			flush()
			for range e.a {
				out = append(out, Line{{Equal, news[ni].raw}})
				prev = news[ni].kind
				oi, ni = oi+1, ni+1
			}
		case Delete:
			dels = append(dels, olds[oi:oi+len(e.a)]...)
			oi += len(e.a)
		case Insert:
			ins = append(ins, news[ni:ni+len(e.b)]...)
			ni += len(e.b)
		}
	}
	flush()
	return out
}

// replace shows a block of deleted lines and the block of inserted lines that took its place:
// lines that are versions of each other are rewritten word by word, the others are shown
// deleted then inserted. prev and next are the kinds of the lines shown just before and just
// after the block (kindBlank at either end of the text).
//
// Deleted and inserted lines end up side by side although they never were in the same
// version, so the block structure of each version is kept by hand: rows inserted at the head of
// the block stay with the table they continue, before the deleted lines that followed that
// table, and a blank line comes between lines that would otherwise merge into one block (see
// needsBlank).
func replace(prev, next lineKind, dels, ins []shape) []Line {
	var out []Line
	last := prev
	emit := func(s shape, l Line) {
		if s.kind == kindBlank {
			out = append(out, Line{})
		} else {
			if needsBlank(last, s) {
				out = append(out, Line{})
			}
			out = append(out, l)
		}
		last = s.kind
	}
	var pendDel, pendIns []shape
	flush := func() {
		var gone []shape
		for k, s := range pendDel {
			// The row under a table's header is kept only when the header itself went.
			if s.kind == kindTableDelim && (k == 0 || pendDel[k-1].kind != kindTableRow) {
				continue
			}
			gone = append(gone, s)
		}
		dc, ic := continuingRows(gone), continuingRows(pendIns)
		if dc == 0 && last != kindTableRow && last != kindTableDelim {
			ic = 0
		}
		for _, s := range gone[:dc] {
			emit(s, whole(s, Delete))
		}
		for _, s := range pendIns[:ic] {
			emit(s, whole(s, Insert))
		}
		for _, s := range gone[dc:] {
			emit(s, whole(s, Delete))
		}
		for _, s := range pendIns[ic:] {
			emit(s, whole(s, Insert))
		}
		pendDel, pendIns = nil, nil
	}
	pair := func(a, b shape) (Line, bool) {
		if !pairable(a, b) {
			return nil, false
		}
		l, sim := rewrite(a, b)
		return l, sim >= minSimilarity
	}
	// A block followed by the row under a table's header that both versions share ends with the
	// header in each version: they are shown as one header rewritten, however different, since
	// a table has a single header.
	var header []shape
	if n, m := len(dels), len(ins); next == kindTableDelim && n > 0 && m > 0 && dels[n-1].kind == kindTableRow && pairable(dels[n-1], ins[m-1]) {
		header, dels, ins = []shape{dels[n-1], ins[m-1]}, dels[:n-1], ins[:m-1]
	}
	i, j := 0, 0
	for i < len(dels) && j < len(ins) {
		if l, ok := pair(dels[i], ins[j]); ok {
			// The rows under two headers pair: so do the headers, however different.
			var hd, hi shape
			n, m := len(pendDel), len(pendIns)
			forced := dels[i].kind == kindTableDelim && n > 0 && m > 0 && pendDel[n-1].kind == kindTableRow && pairable(pendDel[n-1], pendIns[m-1])
			if forced {
				hd, hi, pendDel, pendIns = pendDel[n-1], pendIns[m-1], pendDel[:n-1], pendIns[:m-1]
			}
			flush()
			if forced {
				h, _ := rewrite(hd, hi)
				emit(hi, h)
			}
			emit(ins[j], l)
			i, j = i+1, j+1
			continue
		}
		if j+1 < len(ins) {
			if _, ok := pair(dels[i], ins[j+1]); ok {
				pendIns = append(pendIns, ins[j])
				j++
				continue
			}
		}
		if i+1 < len(dels) {
			if _, ok := pair(dels[i+1], ins[j]); ok {
				pendDel = append(pendDel, dels[i])
				i++
				continue
			}
		}
		pendDel, pendIns = append(pendDel, dels[i]), append(pendIns, ins[j])
		i, j = i+1, j+1
	}
	pendDel, pendIns = append(pendDel, dels[i:]...), append(pendIns, ins[j:]...)
	flush()
	if header != nil {
		l, _ := rewrite(header[0], header[1])
		emit(header[1], l)
	}
	if next != kindBlank && needsBlank(last, shape{kind: next}) {
		out = append(out, Line{})
	}
	return out
}

// needsBlank reports whether a blank line must come between a line of kind last and the line
// next, which were not next to each other in one version, for each to stay in its own block: a
// paragraph line or the header of another table right after a table would be read as rows of
// it, and a row right after a paragraph line would be read as part of the paragraph.
func needsBlank(last lineKind, next shape) bool {
	switch last {
	case kindTableRow, kindTableDelim:
		return next.kind == kindText || next.kind == kindTableRow && next.header
	case kindText:
		return next.kind == kindTableRow || next.kind == kindTableDelim
	}
	return false
}

// continuingRows counts the table rows at the head of lines that are not the header of a
// table: rows that continue the table shown before them.
func continuingRows(lines []shape) int {
	n := 0
	for n < len(lines) && lines[n].kind == kindTableRow && !lines[n].header {
		n++
	}
	return n
}

// wholeText marks every line of a text as inserted or deleted: an article added or removed.
func wholeText(lines []string, op Op) []Line {
	var out []Line
	for _, s := range shapes(lines) {
		out = append(out, whole(s, op))
	}
	return out
}

// equalText shows every line of a text unchanged.
func equalText(lines []string) []Line {
	out := make([]Line, len(lines))
	for i, l := range lines {
		out[i] = Line{{Equal, l}}
	}
	return out
}
