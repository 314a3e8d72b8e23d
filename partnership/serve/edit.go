package serve

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/sergi/go-diff/diffmatchpatch"
	"go.yaml.in/yaml/v3"
)

// Op is one change a form makes to a definition, in the manner of JSON Patch (RFC 6902):
//
//   - "set" gives the value at Path, replacing what was there; the mappings on the way are
//     created when missing, a new key taking its place in the order of the schema; the last
//     token "-" appends to a list;
//   - "remove" deletes the key or the list item at Path;
//   - "move" takes the list item at From and puts it back at the index Path names in the same
//     list (reordering).
type Op struct {
	Op    string          `json:"op"`
	Path  string          `json:"path"`
	From  string          `json:"from,omitempty"`
	Value json.RawMessage `json:"value,omitempty"`
}

// Edit applies ops to the source of a definition (YAML or JSON, after format) and returns the
// new source. The ops change the node tree of the file; the new tree is then written back over
// the original text line by line, so that comments, blank lines, key order, quoting and every
// value the ops do not touch stay as they were: one field changed is one line changed.
func Edit(src []byte, format partnership.Format, ops []Op) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("the file is not valid %s: %w", strings.ToUpper(string(format)), err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, errors.New("the file does not hold a mapping of keys to values; fix it in the text tab")
	}
	enc := encoderFor(src, format, &doc)
	before, err := enc(&doc)
	if err != nil {
		return nil, err
	}
	root := doc.Content[0]
	for _, op := range ops {
		if err := apply(root, op); err != nil {
			return nil, fmt.Errorf("%s %s: %w", op.Op, op.Path, err)
		}
	}
	after, err := enc(&doc)
	if err != nil {
		return nil, err
	}
	merged := mergeLines(src, before, after)
	// The merge is checked: it must mean exactly what the edited tree means. When it cannot be
	// proved (a file laid out very differently from what the encoder writes), the tree is
	// written as the encoder writes it, which keeps comments and order but not the layout.
	if merged != nil && sameValue(merged, after) {
		return merged, nil
	}
	return after, nil
}

// encoderFor returns how the file's tree is written back: as JSON for a JSON file, else as
// YAML with the indentation the file uses.
func encoderFor(src []byte, format partnership.Format, doc *yaml.Node) func(*yaml.Node) ([]byte, error) {
	if format == partnership.FormatJSON {
		indent := jsonIndent(src)
		return func(n *yaml.Node) ([]byte, error) {
			var b bytes.Buffer
			writeJSONNode(&b, n.Content[0], indent, 0)
			b.WriteString("\n")
			return b.Bytes(), nil
		}
	}
	yamlWith := func(indent int) func(*yaml.Node) ([]byte, error) {
		return func(n *yaml.Node) ([]byte, error) {
			var b bytes.Buffer
			e := yaml.NewEncoder(&b)
			e.SetIndent(indent)
			if err := e.Encode(n); err != nil {
				return nil, err
			}
			if err := e.Close(); err != nil {
				return nil, err
			}
			return b.Bytes(), nil
		}
	}
	// The indentation that reproduces more of the file's lines is the file's.
	best, bestCommon := 2, -1
	for _, indent := range []int{2, 4} {
		out, err := yamlWith(indent)(doc)
		if err != nil {
			continue
		}
		if c := commonLines(src, out); c > bestCommon {
			best, bestCommon = indent, c
		}
	}
	return yamlWith(best)
}

// commonLines counts the lines two texts share, in order.
func commonLines(a, b []byte) int {
	n := 0
	for _, d := range lineDiff(a, b) {
		if d.Type == diffmatchpatch.DiffEqual {
			n += len(d.lines)
		}
	}
	return n
}

// lineDiffOp is a run of lines a diff keeps, deletes or inserts.
type lineDiffOp struct {
	Type  diffmatchpatch.Operation
	lines []string
}

func splitLines(b []byte) []string {
	if len(b) == 0 {
		return nil
	}
	lines := strings.SplitAfter(string(b), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// lineDiff compares two texts line by line.
func lineDiff(a, b []byte) []lineDiffOp {
	dmp := diffmatchpatch.New()
	ra, rb, table := dmp.DiffLinesToRunes(string(a), string(b))
	var out []lineDiffOp
	for _, d := range dmp.DiffMainRunes(ra, rb, false) {
		var lines []string
		for _, r := range d.Text {
			lines = append(lines, table[r])
		}
		out = append(out, lineDiffOp{Type: d.Type, lines: lines})
	}
	return out
}

// mergeLines carries the change from before to after (two writings of the tree by the encoder)
// over to src, the file as its author wrote it: a three-way merge whose base is before. It
// returns nil when the change cannot be placed in src.
//
// Most lines of before are lines of src. Those that are not come in runs (gaps) between two
// lines that are, and stand for the src lines between the same two: a text folded over several
// lines in src and written on one by the encoder, a mapping written in flow style. A change
// that replaces such a run whole replaces the src lines of the run; a change to a part of one
// cannot be placed.
func mergeLines(src, before, after []byte) []byte {
	srcLines := splitLines(src)
	m := newLineMap(srcLines, splitLines(before), lineDiff(src, before))
	// changes[i] says whether src line i is dropped and what is written before it.
	type change struct {
		drop   bool
		insert []string
	}
	changes := make([]change, len(srcLines)+1)
	bi := 0
	diffs := lineDiff(before, after)
	for k := 0; k < len(diffs); k++ {
		d := diffs[k]
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			bi += len(d.lines)
		case diffmatchpatch.DiffInsert:
			at, ok := m.insertionPoint(bi)
			if !ok {
				return nil
			}
			changes[at].insert = append(changes[at].insert, d.lines...)
		case diffmatchpatch.DiffDelete:
			dropped, ok := m.covered(bi, bi+len(d.lines))
			if !ok {
				return nil
			}
			bi += len(d.lines)
			var inserted []string
			if k+1 < len(diffs) && diffs[k+1].Type == diffmatchpatch.DiffInsert {
				inserted = diffs[k+1].lines
				k++
			}
			if len(dropped) == 0 {
				// The lines removed stand for nothing in src but blank lines and comments.
				at, ok := m.insertionPoint(bi - len(d.lines))
				if !ok {
					return nil
				}
				changes[at].insert = append(changes[at].insert, inserted...)
				continue
			}
			first, last := slices.Min(dropped), slices.Max(dropped)
			for s := first; s <= last; s++ {
				// Blank lines inside what is removed go with it; other lines of src that the
				// encoder does not write (a comment it moved) stay.
				if strings.TrimSpace(srcLines[s]) == "" || slices.Contains(dropped, s) {
					changes[s].drop = true
				}
			}
			changes[first].insert = append(changes[first].insert, inserted...)
		}
	}
	// A removal between two blank lines leaves one of them.
	var out strings.Builder
	blank := func(l string) bool { return strings.TrimSpace(l) == "" }
	lastBlank, removed := false, false
	for i := 0; i <= len(srcLines); i++ {
		for _, l := range changes[i].insert {
			out.WriteString(l)
			lastBlank, removed = blank(l), false
		}
		switch {
		case i == len(srcLines):
		case changes[i].drop:
			removed = true
		case removed && lastBlank && blank(srcLines[i]):
		default:
			out.WriteString(srcLines[i])
			lastBlank, removed = blank(srcLines[i]), false
		}
	}
	return []byte(out.String())
}

// lineMap relates the lines of before to those of src.
type lineMap struct {
	src []string
	// where maps each line of before to the line of src it is, or -1 for a line of a gap.
	where []int
}

func newLineMap(srcLines, beforeLines []string, diffs []lineDiffOp) *lineMap {
	m := &lineMap{src: srcLines, where: make([]int, len(beforeLines))}
	for i := range m.where {
		m.where[i] = -1
	}
	si, bi := 0, 0
	for _, d := range diffs {
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			for range d.lines {
				m.where[bi] = si
				si++
				bi++
			}
		case diffmatchpatch.DiffDelete:
			si += len(d.lines)
		case diffmatchpatch.DiffInsert:
			bi += len(d.lines)
		}
	}
	return m
}

// gap returns the run of lines of before that are not in src around line i, [g0, g1), and the
// lines of src between the same neighbours, [s0, s1).
func (m *lineMap) gap(i int) (g0, g1, s0, s1 int) {
	g0, g1 = i, i+1
	for g0 > 0 && m.where[g0-1] < 0 {
		g0--
	}
	for g1 < len(m.where) && m.where[g1] < 0 {
		g1++
	}
	s0, s1 = 0, len(m.src)
	if g0 > 0 {
		s0 = m.where[g0-1] + 1
	}
	if g1 < len(m.where) {
		s1 = m.where[g1]
	}
	return g0, g1, s0, s1
}

// content narrows src lines [s0, s1) to what they hold between the blank lines and comments
// at either end, which belong to the layout around them.
func (m *lineMap) content(s0, s1 int) (int, int) {
	layout := func(l string) bool {
		t := strings.TrimSpace(l)
		return t == "" || strings.HasPrefix(t, "#")
	}
	for s0 < s1 && layout(m.src[s0]) {
		s0++
	}
	for s1 > s0 && layout(m.src[s1-1]) {
		s1--
	}
	return s0, s1
}

// covered lists the lines of src that lines [b0, b1) of before stand for, or reports that a
// gap is only partly among them.
func (m *lineMap) covered(b0, b1 int) ([]int, bool) {
	var out []int
	for j := b0; j < b1; j++ {
		if m.where[j] >= 0 {
			out = append(out, m.where[j])
			continue
		}
		g0, g1, s0, s1 := m.gap(j)
		if g0 < b0 || g1 > b1 {
			return nil, false
		}
		c0, c1 := m.content(s0, s1)
		for s := c0; s < c1; s++ {
			out = append(out, s)
		}
		j = g1 - 1
	}
	return out, true
}

// insertionPoint finds the line of src before which lines inserted before line bi of before go:
// just after what line bi-1 stands for, so that an appended item follows the last one rather
// than the blank line and the comment of the next key.
func (m *lineMap) insertionPoint(bi int) (int, bool) {
	switch {
	case bi == 0:
		return 0, true
	case m.where[bi-1] >= 0:
		return m.where[bi-1] + 1, true
	case bi < len(m.where) && m.where[bi] < 0:
		return 0, false // inside a gap
	}
	_, _, s0, s1 := m.gap(bi - 1)
	c0, c1 := m.content(s0, s1)
	if c0 == c1 {
		return s0, true
	}
	return c1, true
}

// sameValue reports whether two sources mean the same data.
func sameValue(a, b []byte) bool {
	var va, vb any
	if yaml.Unmarshal(a, &va) != nil || yaml.Unmarshal(b, &vb) != nil {
		return false
	}
	return reflect.DeepEqual(va, vb)
}

// apply performs one op on the root mapping.
func apply(root *yaml.Node, op Op) error {
	tokens, err := splitPointer(op.Path)
	if err != nil {
		return err
	}
	if len(tokens) == 0 {
		return errors.New("the whole definition cannot be replaced from the form")
	}
	switch op.Op {
	case "set":
		value, err := valueNode(op.Value)
		if err != nil {
			return err
		}
		parent, err := walk(root, tokens[:len(tokens)-1], true, op.Path)
		if err != nil {
			return err
		}
		schemaOrder(value, op.Path)
		return setChild(parent, tokens[len(tokens)-1], value, pointerOf(tokens[:len(tokens)-1]))
	case "remove":
		parent, err := walk(root, tokens[:len(tokens)-1], false, op.Path)
		if err != nil {
			return err
		}
		return removeChild(parent, tokens[len(tokens)-1])
	case "move":
		from, err := splitPointer(op.From)
		if err != nil {
			return err
		}
		if len(from) != len(tokens) || !slices.Equal(from[:len(from)-1], tokens[:len(tokens)-1]) {
			return errors.New("an item can only be moved within its own list")
		}
		list, err := walk(root, tokens[:len(tokens)-1], false, op.Path)
		if err != nil {
			return err
		}
		if list.Kind != yaml.SequenceNode {
			return errors.New("only the items of a list can be moved")
		}
		i, errI := index(from[len(from)-1], len(list.Content))
		j, errJ := index(tokens[len(tokens)-1], len(list.Content))
		if errI != nil || errJ != nil {
			return errors.Join(errI, errJ)
		}
		item := list.Content[i]
		list.Content = slices.Insert(slices.Delete(list.Content, i, i+1), j, item)
		return nil
	}
	return fmt.Errorf("unknown operation %q; expected set, remove or move", op.Op)
}

func splitPointer(p string) ([]string, error) {
	if p == "" {
		return nil, nil
	}
	if !strings.HasPrefix(p, "/") {
		return nil, fmt.Errorf("%q is not a JSON pointer", p)
	}
	tokens := strings.Split(p[1:], "/")
	for i, t := range tokens {
		tokens[i] = partnership.UnescapePointerToken(t)
	}
	return tokens, nil
}

func pointerOf(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteString("/" + partnership.EscapePointerToken(t))
	}
	return b.String()
}

// walk follows tokens from n. With create, a missing key becomes an empty mapping.
func walk(n *yaml.Node, tokens []string, create bool, path string) (*yaml.Node, error) {
	for i, t := range tokens {
		switch n.Kind {
		case yaml.MappingNode:
			child := mappingValue(n, t)
			if child == nil {
				if !create {
					return nil, fmt.Errorf("no value at %s", path)
				}
				child = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
				insertKey(n, t, child, pointerOf(tokens[:i]))
			}
			n = child
		case yaml.SequenceNode:
			k, err := index(t, len(n.Content))
			if err != nil {
				return nil, err
			}
			n = n.Content[k]
		default:
			return nil, fmt.Errorf("%s lies inside a single value", path)
		}
		if n.Kind == yaml.AliasNode {
			return nil, errors.New("values reached through a YAML alias are edited in the text tab")
		}
	}
	return n, nil
}

func index(t string, n int) (int, error) {
	i, err := strconv.Atoi(t)
	if err != nil || i < 0 || i >= n {
		return 0, fmt.Errorf("no item %q in a list of %d", t, n)
	}
	return i, nil
}

func mappingValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// insertKey adds key to mapping m (at JSON pointer at) after the last key that comes before it
// in the schema, so that a new field lands where the starter file would have put it.
func insertKey(m *yaml.Node, key string, value *yaml.Node, at string) {
	k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}
	pos := len(m.Content)
	if s := partnership.Schema().At(at); s != nil {
		order := s.PropertyNames()
		if rank := slices.Index(order, key); rank >= 0 {
			pos = 0
			for i := 0; i+1 < len(m.Content); i += 2 {
				if r := slices.Index(order, m.Content[i].Value); r >= 0 && r < rank {
					pos = i + 2
				}
			}
		}
	}
	m.Content = slices.Insert(m.Content, pos, k, value)
}

// schemaOrder puts the keys of the mappings of a new value (at JSON pointer at) in the order of
// the schema, as the starter files write them: {en, fr} becomes {fr, en}. Keys the schema does
// not know keep their order, after the others.
func schemaOrder(n *yaml.Node, at string) {
	switch n.Kind {
	case yaml.MappingNode:
		if s := partnership.Schema().At(at); s != nil {
			order := s.PropertyNames()
			rank := func(key string) int {
				if r := slices.Index(order, key); r >= 0 {
					return r
				}
				return len(order)
			}
			pairs := make([][2]*yaml.Node, 0, len(n.Content)/2)
			for i := 0; i+1 < len(n.Content); i += 2 {
				pairs = append(pairs, [2]*yaml.Node{n.Content[i], n.Content[i+1]})
			}
			slices.SortStableFunc(pairs, func(a, b [2]*yaml.Node) int { return rank(a[0].Value) - rank(b[0].Value) })
			for i, p := range pairs {
				n.Content[2*i], n.Content[2*i+1] = p[0], p[1]
			}
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			schemaOrder(n.Content[i+1], at+"/"+partnership.EscapePointerToken(n.Content[i].Value))
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			schemaOrder(c, at+"/"+strconv.Itoa(i))
		}
	}
}

func setChild(parent *yaml.Node, token string, value *yaml.Node, at string) error {
	switch parent.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(parent.Content); i += 2 {
			if parent.Content[i].Value == token {
				replaceNode(parent.Content[i+1], value)
				return nil
			}
		}
		insertKey(parent, token, value, at)
		return nil
	case yaml.SequenceNode:
		if token == "-" || token == strconv.Itoa(len(parent.Content)) {
			parent.Content = append(parent.Content, value)
			return nil
		}
		i, err := index(token, len(parent.Content))
		if err != nil {
			return err
		}
		replaceNode(parent.Content[i], value)
		return nil
	}
	return errors.New("the parent is a single value, not a mapping or a list")
}

// replaceNode puts value in the place of old. A scalar replacing a scalar keeps its comments
// and, where the new text allows it, its quoting.
func replaceNode(old, value *yaml.Node) {
	if old.Kind == yaml.ScalarNode && value.Kind == yaml.ScalarNode {
		style := old.Style
		switch {
		case value.Tag != "!!str" || strings.Contains(value.Value, "\n") != (style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0):
			style = value.Style
		case style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0 && !needsQuotes(value.Value):
			// Quotes a text needed once (a trailing space typed on the way to the next word, a
			// date) do not stay when it no longer needs them.
			style = 0
		}
		old.Value, old.Tag, old.Style = value.Value, value.Tag, style
		return
	}
	head, line, foot := old.HeadComment, old.LineComment, old.FootComment
	*old = *value
	old.HeadComment, old.LineComment, old.FootComment = head, line, foot
}

// needsQuotes reports whether YAML must quote a text to keep it a text.
func needsQuotes(s string) bool {
	out, err := yaml.Marshal(s)
	return err != nil || len(out) == 0 || out[0] == '"' || out[0] == '\''
}

func removeChild(parent *yaml.Node, token string) error {
	switch parent.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(parent.Content); i += 2 {
			if parent.Content[i].Value == token {
				parent.Content = slices.Delete(parent.Content, i, i+2)
				return nil
			}
		}
		return nil // already absent
	case yaml.SequenceNode:
		i, err := index(token, len(parent.Content))
		if err != nil {
			return err
		}
		parent.Content = slices.Delete(parent.Content, i, i+1)
		return nil
	}
	return errors.New("the parent is a single value, not a mapping or a list")
}

// valueNode turns the JSON value of an op into nodes, keeping the order of keys, with the
// styles the encoder chooses (texts plain unless they need quotes, long texts as blocks).
func valueNode(raw json.RawMessage) (*yaml.Node, error) {
	if len(raw) == 0 {
		return nil, errors.New("a value is needed")
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil || len(doc.Content) != 1 {
		return nil, fmt.Errorf("the value is not valid JSON")
	}
	n := doc.Content[0]
	if err := uniqueKeys(n); err != nil {
		return nil, err
	}
	restyle(n)
	return n, nil
}

// uniqueKeys refuses a value whose mappings name a key twice, which a file cannot hold.
func uniqueKeys(n *yaml.Node) error {
	if n.Kind == yaml.MappingNode {
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i].Value; seen[k] {
				return fmt.Errorf("the value has the key %q twice", k)
			} else {
				seen[k] = true
			}
		}
	}
	for _, c := range n.Content {
		if err := uniqueKeys(c); err != nil {
			return err
		}
	}
	return nil
}

func restyle(n *yaml.Node) {
	n.Style = 0
	n.Line, n.Column = 0, 0
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && strings.Contains(n.Value, "\n") {
		n.Style = yaml.LiteralStyle
	}
	for _, c := range n.Content {
		restyle(c)
	}
}

// jsonIndent is the indentation of the first indented line of a JSON file.
func jsonIndent(src []byte) string {
	for _, l := range splitLines(src) {
		if t := strings.TrimLeft(l, " \t"); len(t) < len(l) && strings.TrimSpace(t) != "" {
			return l[:len(l)-len(t)]
		}
	}
	return "  "
}

// writeJSONNode writes a node tree as indented JSON, keys in their order.
func writeJSONNode(b *bytes.Buffer, n *yaml.Node, indent string, depth int) {
	pad := strings.Repeat(indent, depth)
	switch n.Kind {
	case yaml.AliasNode:
		writeJSONNode(b, n.Alias, indent, depth)
	case yaml.MappingNode:
		if len(n.Content) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{\n")
		for i := 0; i+1 < len(n.Content); i += 2 {
			fmt.Fprintf(b, "%s%s%s: ", pad, indent, jsonString(n.Content[i].Value))
			writeJSONNode(b, n.Content[i+1], indent, depth+1)
			if i+2 < len(n.Content) {
				b.WriteString(",")
			}
			b.WriteString("\n")
		}
		b.WriteString(pad + "}")
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteString("[\n")
		for i, c := range n.Content {
			b.WriteString(pad + indent)
			writeJSONNode(b, c, indent, depth+1)
			if i+1 < len(n.Content) {
				b.WriteString(",")
			}
			b.WriteString("\n")
		}
		b.WriteString(pad + "]")
	default:
		switch n.ShortTag() {
		case "!!int", "!!float", "!!bool":
			b.WriteString(n.Value)
		case "!!null":
			b.WriteString("null")
		default:
			b.WriteString(jsonString(n.Value))
		}
	}
}

// jsonString quotes a text as JSON without escaping <, > and &, as people write it.
func jsonString(s string) string {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	_ = e.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}
