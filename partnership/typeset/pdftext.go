package typeset

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
)

// The text of a PDF is written by the typesetter itself: fpdf draws the rules, boxes, links and
// outline and keeps the pages, and text goes into the page streams as glyph numbers of the faces
// read once per process (fonts.go). When the document is complete, finish adds the font objects
// and compresses the page streams with a compressor reused between streams and documents.

const ptPerMM = 72 / 25.4

// docFont is a face as one document uses it: its resource name and the glyphs it needs.
type docFont struct {
	face *fontFace
	res  string
	used []bool
	// uni is the character each glyph stands for, for copying and searching text.
	uni []rune
}

// faceFor returns the document's use of a face, adding it on first use.
func (w *pdfWriter) faceFor(face *fontFace) *docFont {
	for _, d := range w.fonts {
		if d.face == face {
			return d
		}
	}
	d := &docFont{face: face, res: "F" + strconv.Itoa(len(w.fonts)+1), used: make([]bool, face.numGlyphs), uni: make([]rune, face.numGlyphs)}
	w.fonts = append(w.fonts, d)
	return d
}

// equivalents are characters the embedded font lacks, set with the glyph of a character that
// looks the same (README, "Characters").
var equivalents = map[rune]rune{
	'\u2011': '\u2010', // non-breaking hyphen: hyphen
	'\u2012': '\u2013', // figure dash: en dash
	'\u2015': '\u2014', // horizontal bar: em dash
	'\u2212': '-',      // minus sign (when absent)
	'\u2007': '\u00a0', // figure space: no-break space
	'\u2008': ' ',      // punctuation space
	'\u2009': '\u202f', // thin space: narrow no-break space (when absent)
	'\u200a': '\u202f', // hair space
	'\u2024': '.',      // one dot leader
	'\u2027': '\u00b7', // hyphenation point
	'\u2043': '-',      // hyphen bullet
	'\u2044': '/',      // fraction slash
	'\u2215': '/',      // division slash
	'\u2236': ':',      // ratio
	'\u02bc': '\u2019', // modifier letter apostrophe
	'\u02b9': '\u2032', // modifier letter prime
	'\u2e3a': '\u2014', // two-em dash
	'\u2e3b': '\u2014', // three-em dash
	'\ufe63': '-',      // small hyphen-minus
	'\uff0d': '-',      // fullwidth hyphen-minus
	'\u00ad': 0,        // soft hyphen: only shown where a word is broken, never here
}

// invisible reports the characters that format text without being drawn: zero-width spaces and
// joiners, directional marks, the byte-order mark, variation selectors. The PDF leaves them out.
func invisible(r rune) bool {
	switch {
	case r == '\u00ad', r >= '\u200b' && r <= '\u200f', r >= '\u202a' && r <= '\u202e', r >= '\u2060' && r <= '\u206f',
		r == '\ufeff', r >= '\ufe00' && r <= '\ufe0f', r >= 0xe0100 && r <= 0xe01ef:
		return true
	}
	return false
}

// glyphOf returns the glyph that draws r in a face, through an equivalent character when the
// face lacks r itself; 0 when neither exists.
func glyphOf(face *fontFace, r rune) uint16 {
	if g := face.glyph(r); g != 0 {
		return g
	}
	if e, ok := equivalents[r]; ok && e != 0 {
		return face.glyph(e)
	}
	return 0
}

// faceOf chooses the face that draws r in a style: the style's face of Liberation Serif, else
// the fallback font, else none.
func (w *pdfWriter) faceOf(r rune, face *fontFace) (*fontFace, uint16) {
	if g := glyphOf(face, r); g != 0 {
		return face, g
	}
	if w.opts.Fallback != nil {
		if g := glyphOf(w.opts.Fallback.face, r); g != 0 {
			return w.opts.Fallback.face, g
		}
	}
	return face, 0
}

// face returns a face of Liberation Serif by style (faceRegular…).
func (w *pdfWriter) face(i int) *fontFace {
	if w.faces[i] == nil {
		w.faces[i] = builtin(i)
	}
	return w.faces[i]
}

// textWidth measures s in the current face and size, in millimetres.
func (w *pdfWriter) textWidth(s string) float64 {
	face := w.face(w.curFace)
	units := 0
	fallback := 0.0
	for _, r := range s {
		f, g := w.faceOf(r, face)
		if f == face {
			units += int(face.advance[g])
		} else {
			fallback += float64(f.advance[g]) / float64(f.unitsPerEm)
		}
	}
	return (float64(units)/float64(face.unitsPerEm) + fallback) * w.curSize * mmPerPt
}

// drawsForm reports whether a presentation form of an Arabic letter can be drawn: the embedded
// font has none, so it takes a fallback font that has it.
func (w *pdfWriter) drawsForm(r rune) bool {
	return w.opts.Fallback != nil && w.opts.Fallback.face.glyph(r) != 0
}

// runeWidth measures one character in the current face and size, in millimetres.
func (w *pdfWriter) runeWidth(r rune) float64 {
	f, g := w.faceOf(r, w.face(w.curFace))
	return float64(f.advance[g]) / float64(f.unitsPerEm) * w.curSize * mmPerPt
}

// text draws s with its baseline at (x, y), in the current face, size and colour. s holds only
// characters that clean let through.
func (w *pdfWriter) text(x, y float64, s string) {
	if s == "" {
		return
	}
	w.beginText()
	w.show(x, y, s)
	w.endText()
}

// beginText opens a text object, in which show sets runs of text until endText: a line of a
// paragraph is one text object, whatever the number of its words, faces and colours.
func (w *pdfWriter) beginText() {
	// The colour is set inside q and Q: fpdf's own fill colour (of table headers, of bars) is
	// never the text's.
	w.buf = append(w.buf[:0], "q BT"...)
	w.tx = textState{color: [3]uint8{1, 1, 1}}
}

// textState is what the open text object last set: fonts, sizes and colours are only written
// when they change; words on one baseline go into one TJ array, spaced by numbers.
type textState struct {
	font  *docFont
	size  float64
	color [3]uint8
	// lineX, lineY are the origin of the last Td, penX where the last glyph ended, in points.
	lineX, lineY, penX float64
	moved              bool
	inArray            bool
	inString           bool
}

func (w *pdfWriter) closeArray(b []byte) []byte {
	if w.tx.inString {
		b = append(b, ')')
		w.tx.inString = false
	}
	if w.tx.inArray {
		b = append(b, "] TJ"...)
		w.tx.inArray = false
	}
	return b
}

// show adds a run of text to the open text object, at (x, y) in millimetres.
func (w *pdfWriter) show(x, y float64, s string) {
	b := w.buf
	if w.color != w.tx.color {
		b = w.closeArray(b)
		w.tx.color = w.color
		b = append(b, ' ')
		if w.color == [3]uint8{} {
			b = append(b, "0 g"...)
		} else {
			for _, c := range w.color {
				b = appendNum(b, float64(c)/255)
				b = append(b, ' ')
			}
			b = append(b, "rg"...)
		}
	}
	px, py := x*ptPerMM, (pageHeight-y)*ptPerMM
	face := w.face(w.curFace)
	if !w.tx.moved || py != w.tx.lineY {
		b = w.closeArray(b)
		b = append(b, ' ')
		if w.tx.moved {
			b = appendNum(b, px-w.tx.lineX)
			b = append(b, ' ')
			b = appendNum(b, py-w.tx.lineY)
		} else {
			b = appendNum(b, px)
			b = append(b, ' ')
			b = appendNum(b, py)
		}
		b = append(b, " Td"...)
		w.tx.lineX, w.tx.lineY, w.tx.penX, w.tx.moved = px, py, px, true
	}
	for k, r := range s {
		f, g := w.faceOf(r, face)
		d := w.tx.font
		if d == nil || d.face != f {
			d = w.faceFor(f)
		}
		if d != w.tx.font || w.curSize != w.tx.size {
			b = w.closeArray(b)
			w.tx.font, w.tx.size = d, w.curSize
			b = append(b, " /"...)
			b = append(b, d.res...)
			b = append(b, ' ')
			b = appendNum(b, w.curSize)
			b = append(b, " Tf"...)
		}
		if !w.tx.inArray {
			b = append(b, " ["...)
			w.tx.inArray = true
		}
		if k == 0 {
			// The gap from where the text ends to where this run starts, in thousandths of the
			// type size, taken back from the advance.
			if adjust := (px - w.tx.penX) * 1000 / w.curSize; adjust > 0.05 || adjust < -0.05 {
				if w.tx.inString {
					b = append(b, ')')
					w.tx.inString = false
				}
				b = appendNum(b, -adjust)
				w.tx.penX = px
			}
		}
		if !w.tx.inString {
			b = append(b, '(')
			w.tx.inString = true
		}
		for _, c := range [2]byte{byte(g >> 8), byte(g)} {
			switch c {
			case '(', ')', '\\':
				b = append(b, '\\', c)
			case '\r':
				b = append(b, '\\', 'r')
			default:
				b = append(b, c)
			}
		}
		w.tx.penX += float64(f.width(g)) * w.curSize / 1000
		if !d.used[g] {
			d.used[g] = true
			d.uni[g] = r
			if base, ok := presentationBase[r]; ok {
				d.uni[g] = base // copied text gives the letter, not its form
			}
		}
	}
	w.buf = b
}

// endText closes the text object and writes it to the page: the typesetter keeps the text,
// and the page holds a mark where finish puts it back.
func (w *pdfWriter) endText() {
	w.buf = append(w.closeArray(w.buf), " ET Q"...)
	w.pageText.add(w.f.PageNo(), w.buf)
	w.f.RawWriteStr(textMark)
}

// appendNum writes a number with at most three decimals, as PDF operands are written: as
// strconv.AppendFloat(b, v, 'f', 3, 64) writes it, without the zeros that end the decimals.
func appendNum(b []byte, v float64) []byte {
	// In thousandths, a coordinate is rounded as an integer, unless it lies so close to half a
	// thousandth that the product's rounding error could tip it: then the exact decimal
	// expansion decides, as strconv does.
	x := math.Abs(v * 1000)
	if x < 1e9 && math.Abs(x-math.Floor(x)-0.5) > 1e-6 {
		n := int64(math.Round(x))
		if math.Signbit(v) {
			b = append(b, '-')
		}
		b = strconv.AppendInt(b, n/1000, 10)
		if f := n % 1000; f != 0 {
			digits := [3]byte{byte('0' + f/100), byte('0' + f/10%10), byte('0' + f%10)}
			k := 3
			for digits[k-1] == '0' {
				k--
			}
			b = append(append(b, '.'), digits[:k]...)
		}
		return b
	}
	b = strconv.AppendFloat(b, v, 'f', 3, 64)
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	return b
}

// finish completes fpdf's output: it adds the objects of the fonts the text uses, names them
// in the resource dictionary, compresses the page streams and writes the cross-reference table
// again.
func (w *pdfWriter) finish(raw []byte) ([]byte, error) {
	xrefAt := bytes.LastIndex(raw, []byte("\nxref\n"))
	if xrefAt < 0 {
		return nil, errors.New("no cross-reference table")
	}
	xref := raw[xrefAt+len("\nxref\n"):]
	line, rest, _ := bytes.Cut(xref, []byte("\n"))
	var first, count int
	if _, err := fmt.Sscanf(string(line), "%d %d", &first, &count); err != nil || first != 0 || count < 3 {
		return nil, errors.New("unexpected cross-reference table")
	}
	offsets := make([]int, count)
	for i := range count {
		if len(rest) < 20 {
			return nil, errors.New("short cross-reference table")
		}
		if i > 0 {
			offsets[i], _ = strconv.Atoi(string(rest[:10]))
		}
		rest = rest[20:]
	}
	trailer, _, ok := bytes.Cut(bytes.TrimPrefix(rest, []byte("trailer\n")), []byte("\nstartxref"))
	if !ok {
		return nil, errors.New("no trailer")
	}
	order := make([]int, 0, count-1)
	for i := 1; i < count; i++ {
		order = append(order, i)
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })

	// The pages' streams, in the order of the file, compressed with the fonts' (streams.go).
	type object struct {
		at, end int
		job     *streamJob // nil for an object copied as it is
	}
	objects := make([]object, len(order))
	var pages []*streamJob
	size := offsets[order[0]] + len(raw) - xrefAt
	for k, i := range order {
		end := xrefAt + 1
		if k+1 < len(order) {
			end = offsets[order[k+1]]
		}
		objects[k] = object{at: offsets[i], end: end}
		obj := raw[offsets[i]:end]
		head := []byte(strconv.Itoa(i) + " 0 obj\n<</Length ")
		numEnd := -1 // where the length ends, in an object that starts as a page's stream does
		if bytes.HasPrefix(obj, head) {
			numEnd = bytes.Index(obj[len(head):], []byte(">>\nstream\n"))
		}
		if numEnd >= 0 {
			if n, err := strconv.Atoi(string(obj[len(head) : len(head)+numEnd])); err == nil {
				start := len(head) + numEnd + len(">>\nstream\n")
				if start+n <= len(obj) {
					// fpdf numbers the objects of page p 2p+1 and, for its content, 2p+2.
					page, stream := (i-2)/2, obj[start:start+n]
					objects[k].job = &streamJob{put: func(z io.Writer) (string, error) {
						return "", w.pageText.expand(page, stream, z)
					}}
					pages = append(pages, objects[k].job)
					continue
				}
			}
		}
		size += len(obj)
	}
	w.streams.finish(pages)
	for _, j := range w.streams.jobs() {
		if j.err != nil {
			return nil, j.err
		}
		size += j.end - j.start + 128
	}

	out := outputBuffer(size + fontObjectsSize*len(w.fonts))
	out.Write(raw[:offsets[order[0]]])
	newOffsets := make([]int, count, count+5*len(w.fonts))
	fontRefs := w.fontResources(count)
	for k, i := range order {
		newOffsets[i] = out.Len()
		if j := objects[k].job; j != nil {
			w.putStream(out, i, j)
			continue
		}
		obj := raw[objects[k].at:objects[k].end]
		if i == 2 {
			obj = bytes.Replace(obj, []byte("/Font <<\n>>"), []byte("/Font <<"+fontRefs+">>"), 1)
		}
		out.Write(obj)
	}
	newOffsets = w.putFonts(out, count, newOffsets)
	at := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", len(newOffsets))
	for _, o := range newOffsets[1:] {
		fmt.Fprintf(out, "%010d 00000 n \n", o)
	}
	sizeEntry := []byte("/Size " + strconv.Itoa(count))
	trailer = bytes.Replace(trailer, sizeEntry, []byte("/Size "+strconv.Itoa(len(newOffsets))), 1)
	out.WriteString("trailer\n")
	out.Write(trailer)
	fmt.Fprintf(out, "\nstartxref\n%d\n%%%%EOF\n", at)
	w.streams.release()
	return out.Bytes(), nil
}

// fontResources names the font objects, numbered from next, in the resource dictionary.
func (w *pdfWriter) fontResources(next int) string {
	var b []byte
	for i, d := range w.fonts {
		b = fmt.Appendf(b, "/%s %d 0 R ", d.res, next+5*i)
	}
	return string(b)
}

// putStream writes a stream object of a compressed job.
func (w *pdfWriter) putStream(out *bytes.Buffer, n int, j *streamJob) {
	w.buf = fmt.Appendf(w.buf[:0], "%d 0 obj\n<</Filter /FlateDecode /Length %d%s>>\nstream\n", n, j.end-j.start, j.dict)
	out.Write(w.buf)
	out.Write(j.data())
	out.WriteString("\nendstream\nendobj\n")
}

// fontObjectsSize is about what the objects of a font take besides its two streams.
const fontObjectsSize = 4 << 10

// fontJobs are the streams of the fonts the text uses: for each, the subset font file and the
// map back to characters. The text must be complete: they depend on the glyphs it uses.
func (w *pdfWriter) fontJobs() []*streamJob {
	jobs := make([]*streamJob, 0, 2*len(w.fonts))
	for _, d := range w.fonts {
		jobs = append(jobs, &streamJob{put: func(z io.Writer) (string, error) {
			return " /Length1 " + strconv.Itoa(d.face.writeSubset(d.used, z)), nil
		}}, &streamJob{put: func(z io.Writer) (string, error) {
			toUnicode(d, z)
			return "", nil
		}})
	}
	return jobs
}

// putFonts writes five objects per face: the composite font, its descendant with the widths of
// the glyphs used, the descriptor, the subset font file and the map back to characters.
func (w *pdfWriter) putFonts(out *bytes.Buffer, next int, offsets []int) []int {
	jobs := w.streams.first
	for i, d := range w.fonts {
		f := d.face
		tag := subsetTag(d.used)
		name := tag + "+" + f.name
		n := next
		next += 5
		offsets = append(offsets, out.Len())
		fmt.Fprintf(out, "%d 0 obj\n<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>\nendobj\n", n, name, n+1, n+4)
		offsets = append(offsets, out.Len())
		fmt.Fprintf(out, "%d 0 obj\n<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R /CIDToGIDMap /Identity /DW %d /W [", n+1, name, n+2, f.width(0))
		b := w.buf[:0]
		for g := 0; g < len(d.used); g++ {
			if !d.used[g] {
				continue
			}
			b = append(strconv.AppendInt(b, int64(g), 10), " ["...)
			for ; g < len(d.used) && d.used[g]; g++ {
				b = append(strconv.AppendInt(b, int64(f.width(uint16(g))), 10), ' ')
			}
			b = append(b, "] "...)
		}
		w.buf = append(b, "]>>\nendobj\n"...)
		out.Write(w.buf)
		offsets = append(offsets, out.Len())
		fmt.Fprintf(out, "%d 0 obj\n<</Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle %s /Ascent %d /Descent %d /CapHeight %d /StemV %d /FontFile2 %d 0 R>>\nendobj\n",
			n+2, name, f.flags, f.bbox[0], f.bbox[1], f.bbox[2], f.bbox[3], strconv.FormatFloat(f.italic, 'f', -1, 64), f.ascent, f.descent, f.capHeight, f.stemV, n+3)
		offsets = append(offsets, out.Len())
		w.putStream(out, n+3, jobs[2*i])
		offsets = append(offsets, out.Len())
		w.putStream(out, n+4, jobs[2*i+1])
	}
	return offsets
}

// subsetTag names a subset after the glyphs it holds, as PDF asks: six capital letters.
func subsetTag(used []bool) string {
	h := fnv.New32a()
	var b [2]byte
	for g, u := range used {
		if u {
			binary.BigEndian.PutUint16(b[:], uint16(g))
			h.Write(b[:])
		}
	}
	v := h.Sum32()
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = byte('A' + v%26)
		v /= 26
	}
	return string(tag)
}

// toUnicode writes the CMap that maps glyphs back to characters, for text extraction.
func toUnicode(d *docFont, out io.Writer) {
	b := make([]byte, 0, 2048)
	b = append(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"...)
	left := 0
	for _, u := range d.used {
		if u {
			left++
		}
	}
	// The entries go by a hundred, each in a block that says how many it holds.
	inBlock := 0
	for g, u := range d.used {
		if !u {
			continue
		}
		if inBlock == 0 {
			b = fmt.Appendf(b, "%d beginbfchar\n", min(100, left))
		}
		b = fmt.Appendf(b, "<%04X> <", g)
		for _, c := range utf16Units(d.uni[g]) {
			b = fmt.Appendf(b, "%04X", c)
		}
		b = append(b, ">\n"...)
		left--
		if inBlock++; inBlock == 100 || left == 0 {
			b = append(b, "endbfchar\n"...)
			inBlock = 0
		}
		if len(b) > 1536 {
			out.Write(b)
			b = b[:0]
		}
	}
	b = append(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"...)
	out.Write(b)
}

func utf16Units(r rune) []uint16 {
	if r >= 0x10000 {
		r -= 0x10000
		return []uint16{uint16(0xD800 + r>>10), uint16(0xDC00 + r&0x3FF)}
	}
	return []uint16{uint16(r)}
}

// utf16Text encodes a text string the way PDF reads UTF-16: a byte-order mark, then big-endian
// code units.
func utf16Text(s string) string {
	b := []byte{0xFE, 0xFF}
	for _, r := range s {
		for _, u := range utf16Units(r) {
			b = append(b, byte(u>>8), byte(u))
		}
	}
	return string(b)
}

// Covers reports whether the PDF draws r as itself or as an equivalent character (README,
// "Characters"), with the embedded font or with fallback (which may be nil). Characters that
// are not drawn at all (zero-width spaces, directional marks) count as covered; the others are
// printed as "?".
func Covers(r rune, fallback *Font) bool {
	if r == '\n' || r == '\t' || invisible(r) {
		return true
	}
	if r < ' ' || r == utf8.RuneError {
		return false
	}
	if glyphOf(builtin(faceRegular), r) != 0 {
		return true
	}
	return fallback != nil && glyphOf(fallback.face, r) != 0
}
