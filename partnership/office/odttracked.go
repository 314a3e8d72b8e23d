package office

import "slices"

// The changes of whole paragraphs, lists and tables in ODT follow ODF's change tracking as
// LibreOffice reads and writes it. An insertion runs from a change-start to a change-end: from
// the start of the first paragraph inserted to the start of the paragraph that follows (at the
// end of the text, from the end of the paragraph before to the end of the last one), so that
// rejecting it takes the paragraph breaks away with the paragraphs. A deletion holds what it
// deleted, whole, in its changed-region, and a text:change marks where it stood: at the end of
// the paragraph before, the deletion then starting with an empty paragraph like that one (so
// that putting the deletion back, which splits the paragraph at the mark and takes the
// deletion's first and last paragraphs as the two halves, gives back that paragraph and the
// deleted ones, each with its style); or at the start of the paragraph after, the deletion then
// ending with an empty paragraph like that one. Tables and lists deleted last stand in a
// deletion of their own, its mark at block level, where ODF puts the deletion back in place of
// the mark.

// plan places the changes of whole units: deletions first, so that insertions know which units
// are no longer in the text.
func (w *odtWriter) plan() {
	if !w.doc.revisions {
		return
	}
	w.doc.blocks = splitTables(w.doc.blocks)
	units := flatten(w.doc.blocks, nil, nil)
	for _, ch := range []change{deleted, inserted} {
		for i := 0; i < len(units); {
			j := i + 1
			if units[i].change != ch {
				i = j
				continue
			}
			for j < len(units) && units[j].change == ch && units[j].list == units[i].list {
				j++
			}
			if ch == deleted {
				w.planDeletion(units, i, j)
			} else {
				w.planInsertion(units, i, j)
			}
			i = j
		}
	}
}

// standing reports whether units[i] is a paragraph that both versions have, which a change of
// the units next to it can be anchored in.
func (w *odtWriter) standing(units []unit, i int) bool {
	return i >= 0 && i < len(units) && units[i].p != nil && units[i].change == unchanged
}

// mirror is an empty paragraph of the same element and style as p.
func (w *odtWriter) mirror(p *para) string {
	tag, attrs := w.paraTag(p, alignDefault)
	return `<` + tag + attrs + `/>`
}

// deletion records a deletion of whole units and returns its mark.
func (w *odtWriter) deletion(content string) string {
	id := w.region(`<text:deletion>` + w.changeInfo() + content + `</text:deletion>`)
	return `<text:change text:change-id="` + id + `"/>`
}

// unitsXML writes units as they stand in a deletion: whole, their text without marks.
func (w *odtWriter) unitsXML(units []unit) string {
	var x xmlWriter
	plain := w.plain
	w.plain = true
	for _, u := range units {
		switch b := u.key().(type) {
		case *para:
			w.para(&x, b, alignDefault)
		case *table:
			w.table(&x, b)
		case *chart:
			w.chartTable(&x, b)
		case *list:
			w.list(&x, b, 0)
		}
	}
	w.plain = plain
	return x.String()
}

// planDeletion places the deletion of units[i:j], consecutive units of one list (or none).
func (w *odtWriter) planDeletion(units []unit, i, j int) {
	run := units[i:j]
	k := len(run) // run[k:] are the tables and lists that end the run
	for k > 0 && run[k-1].p == nil {
		k--
	}
	if k < len(run) {
		marksOf(w.head, run[k].key()).deleted += w.deletion(w.unitsXML(run[k:]))
	}
	if k > 0 {
		body := w.unitsXML(run[:k])
		after := func(p *para) { marksOf(w.foot, p).deleted += w.deletion(w.mirror(p) + body) }
		before := func(p *para) { marksOf(w.head, p).deleted += w.deletion(body + w.mirror(p)) }
		prev, next := i-1, j
		// Paragraphs put back after a paragraph of another list would join that list, and
		// before a paragraph of another style, the first would take its style: the anchors are
		// tried from the one that gives back the paragraphs exactly.
		nextFits := k == len(run) && w.standing(units, next) && units[next].list == run[0].list
		switch {
		case w.standing(units, prev) && units[prev].list == run[0].list:
			after(units[prev].p)
		case nextFits && w.mirror(units[next].p) == w.mirror(run[0].p):
			before(units[next].p)
		case w.standing(units, prev):
			after(units[prev].p)
		case k == len(run) && w.standing(units, next):
			before(units[next].p)
		default:
			// Nothing to anchor in: the mark stands where the paragraphs stood.
			marksOf(w.head, run[0].p).deleted += w.deletion(body)
		}
	}
	for _, u := range run {
		w.gone[u.key()] = true
	}
}

// planInsertion places the insertion of units[i:j], consecutive units of one list (or none).
func (w *odtWriter) planInsertion(units []unit, i, j int) {
	run := units[i:j]
	for _, u := range run {
		w.whole[u.key()] = true
	}
	id := w.region(`<text:insertion>` + w.changeInfo() + `</text:insertion>`)
	start := `<text:change-start text:change-id="` + id + `"/>`
	end := `<text:change-end text:change-id="` + id + `"/>`
	next := j
	for next < len(units) && w.gone[units[next].key()] {
		next++
	}
	prev := i - 1
	for prev >= 0 && w.gone[units[prev].key()] {
		prev--
	}
	first, last := run[0], run[len(run)-1]
	switch {
	case next < len(units) && units[next].firstPara() != nil:
		at := first.key()
		if p := first.firstPara(); p != nil {
			at = p
		}
		marksOf(w.head, at).opening += start
		marksOf(w.head, units[next].firstPara()).closing += end
	case last.p == nil:
		// A table last, before a table or at the end: the insertion ends after it.
		marksOf(w.head, first.key()).opening += start
		if next < len(units) {
			marksOf(w.head, units[next].key()).closing += end
		} else {
			w.tail += end
		}
	case w.standing(units, prev):
		// The last paragraphs of the text, or paragraphs before a table: from the end of the
		// paragraph before them to the end of the last one.
		marksOf(w.foot, units[prev].p).opening += start
		marksOf(w.foot, last.p).closing += end
	default:
		// Nothing to anchor in: rejecting leaves an empty paragraph.
		marksOf(w.head, first.key()).opening += start
		marksOf(w.foot, last.p).closing += end
	}
}

// splitTables replaces each table that stays but has rows a redline inserted or deleted by the
// table of the old version, deleted whole, and that of the new one, inserted whole: ODF has no
// tracked change of a table row.
func splitTables(blocks []block) []block {
	var out []block
	for _, b := range blocks {
		switch b := b.(type) {
		case *table:
			if b.whole() == unchanged && slices.ContainsFunc(b.marks, func(c change) bool { return c != unchanged }) {
				out = append(out, b.view(deleted), b.view(inserted))
				continue
			}
		case *list:
			for i := range b.items {
				b.items[i] = splitTables(b.items[i])
			}
		case *quote:
			b.blocks = splitTables(b.blocks)
		}
		out = append(out, b)
	}
	return out
}

// view is the table as one version has it (deleted: the old one, inserted: the new one),
// marked as wholly that change.
func (t *table) view(v change) *table {
	out := &table{aligns: t.aligns}
	for i, row := range t.rows {
		if t.marks[i] != unchanged && t.marks[i] != v {
			continue
		}
		cells := make([][]run, len(row))
		for j, c := range row {
			for _, r := range c {
				if r.change == unchanged || r.change == v {
					r.change = unchanged
					cells[j] = append(cells[j], r)
				}
			}
		}
		out.rows = append(out.rows, cells)
		out.marks = append(out.marks, v)
	}
	out.widths = columnWidths(out.rows, len(out.aligns))
	return out
}
