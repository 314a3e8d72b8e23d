package typeset

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
)

// The PDF is set in Liberation Serif, a free font (SIL Open Font License, which allows embedding)
// with the metrics of Times New Roman, the face French administrations use, and every character
// of French typography, the narrow no-break space included.
//
// fpdf parses a TrueType file again for every document, identifies it by hashing the JSON of
// its 65,536 glyph widths, and subsets it through a new compressor per stream: for a short
// document that costs more than the layout itself. The typesetter therefore reads each face once
// per process (its character map, advance widths and glyph locations), measures and encodes text
// itself, and embeds in each document a subset that keeps the glyph numbers of the original, so
// that subsetting is a copy of the glyphs a document uses and no glyph map is needed.

// fontFace is a parsed TrueType face, read once per process and shared, read-only, by every
// document.
type fontFace struct {
	name       string // PostScript name, for the PDF's BaseFont
	tables     map[string][]byte
	unitsPerEm int
	numGlyphs  int
	// bmp maps a character of the Basic Multilingual Plane to its glyph (0: none); other
	// characters are in extra.
	bmp       []uint16
	extra     map[rune]uint16
	advance   []uint16 // per glyph, in font units
	widths    []int32  // per glyph, in thousandths of the em
	loca      []uint32 // numGlyphs+1 offsets into glyf
	ascent    int
	descent   int
	capHeight int
	bbox      [4]int
	italic    float64
	flags     int
	stemV     int
}

// Style indexes of the four faces.
const (
	faceRegular = iota
	faceBold
	faceItalic
	faceBoldItalic
)

var builtinFaces = [4]struct {
	name string
	ttf  []byte
	once func() *fontFace
}{
	{name: "LiberationSerif", ttf: liberationserifregular.TTF},
	{name: "LiberationSerif-Bold", ttf: liberationserifbold.TTF},
	{name: "LiberationSerif-Italic", ttf: liberationserifitalic.TTF},
	{name: "LiberationSerif-BoldItalic", ttf: liberationserifbolditalic.TTF},
}

func init() {
	for i := range builtinFaces {
		i := i
		builtinFaces[i].once = sync.OnceValue(func() *fontFace {
			f, err := parseFont(builtinFaces[i].name, builtinFaces[i].ttf, i == faceItalic || i == faceBoldItalic)
			if err != nil {
				panic("typeset: embedded font does not parse: " + err.Error()) // a build defect
			}
			return f
		})
	}
}

// builtin returns one of the four faces of Liberation Serif, parsed on first use.
func builtin(i int) *fontFace { return builtinFaces[i].once() }

// Prepare reads the embedded fonts ahead of the first PDF, which a program may do in the
// background while it renders: the faces every document uses (the regular face, which also
// tells which characters the PDF can print, the bold of the headings and the italic of the
// cover). The bold italic is read when a document first uses it. It also makes the compressors
// of the PDF's streams and the buffer of its file, and has the Markdown parser build its tables.
func Prepare() {
	for _, i := range []int{faceRegular, faceBold, faceItalic} {
		builtin(i)
	}
	prepareParser()
	prepareWorkers()
	prepareOutput()
}

// glyph returns the glyph of r, 0 when the face has none.
func (f *fontFace) glyph(r rune) uint16 {
	if r >= 0 && r < 0x10000 {
		return f.bmp[r]
	}
	return f.extra[r]
}

// LoadFont reads a TrueType font file (glyph outlines in a "glyf" table: .ttf, not the CFF
// outlines of most .otf files) for use as a fallback: the PDF sets in it the characters
// Liberation Serif lacks.
func LoadFont(path string) (*Font, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &FontError{Path: path, Err: err}
	}
	f, err := parseFont("", data, false)
	if err != nil {
		return nil, &FontError{Path: path, Err: err}
	}
	return &Font{face: f}, nil
}

// Font is a TrueType font given by the user.
type Font struct{ face *fontFace }

// Covers reports whether the font draws r.
func (f *Font) Covers(r rune) bool { return f != nil && f.face.glyph(r) != 0 }

// Name is the font's PostScript name.
func (f *Font) Name() string { return f.face.name }

var errNotTrueType = badFont("font-not-truetype")

// parseFont reads the tables of a TrueType font that the typesetter needs.
func parseFont(name string, data []byte, italic bool) (f *fontFace, err error) {
	defer func() {
		// A truncated table is reported, never a crash: the file may come from the user.
		if r := recover(); r != nil {
			f, err = nil, badFont("font-malformed", fmt.Sprint(r))
		}
	}()
	if len(data) < 12 {
		return nil, errNotTrueType
	}
	be := binary.BigEndian
	switch be.Uint32(data) {
	case 0x00010000, 0x74727565: // TrueType outlines
	default:
		return nil, errNotTrueType
	}
	f = &fontFace{name: name, tables: map[string][]byte{}}
	n := int(be.Uint16(data[4:]))
	for i := range n {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off, length := be.Uint32(rec[8:]), be.Uint32(rec[12:])
		if uint64(off)+uint64(length) > uint64(len(data)) {
			return nil, badFont("font-table-outside", tag)
		}
		f.tables[tag] = data[off : off+length]
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap"} {
		if f.tables[t] == nil {
			if t == "glyf" || t == "loca" {
				return nil, errNotTrueType
			}
			return nil, badFont("font-no-table", t)
		}
	}
	head := f.tables["head"]
	f.unitsPerEm = int(be.Uint16(head[18:]))
	if f.unitsPerEm == 0 {
		return nil, badFont("font-units-per-em")
	}
	for i := range 4 {
		f.bbox[i] = f.scale(int(int16(be.Uint16(head[36+2*i:]))))
	}
	longLoca := be.Uint16(head[50:]) == 1
	f.numGlyphs = int(be.Uint16(f.tables["maxp"][4:]))
	hhea := f.tables["hhea"]
	f.ascent = f.scale(int(int16(be.Uint16(hhea[4:]))))
	f.descent = f.scale(int(int16(be.Uint16(hhea[6:]))))
	metrics := int(be.Uint16(hhea[34:]))
	hmtx := f.tables["hmtx"]
	f.advance = make([]uint16, f.numGlyphs)
	for g := range f.numGlyphs {
		if g < metrics {
			f.advance[g] = be.Uint16(hmtx[4*g:])
		} else {
			f.advance[g] = f.advance[metrics-1]
		}
	}
	f.widths = make([]int32, f.numGlyphs)
	for g, a := range f.advance {
		f.widths[g] = int32((int(a)*1000 + f.unitsPerEm/2) / f.unitsPerEm)
	}
	loca := f.tables["loca"]
	f.loca = make([]uint32, f.numGlyphs+1)
	for g := range f.numGlyphs + 1 {
		if longLoca {
			f.loca[g] = be.Uint32(loca[4*g:])
		} else {
			f.loca[g] = uint32(be.Uint16(loca[2*g:])) * 2
		}
	}
	f.capHeight = f.ascent
	f.stemV = 80
	if os2 := f.tables["OS/2"]; len(os2) >= 90 && be.Uint16(os2) >= 2 {
		f.capHeight = f.scale(int(int16(be.Uint16(os2[88:]))))
		weight := int(be.Uint16(os2[4:]))
		f.stemV = 50 + weight*weight/(65*65)
	}
	if post := f.tables["post"]; len(post) >= 8 {
		f.italic = float64(int32(be.Uint32(post[4:]))) / 65536
	}
	f.flags = 4 // symbolic: glyphs are chosen by number, not by a standard encoding
	if italic || f.italic != 0 {
		f.flags |= 64
	}
	if f.name == "" {
		f.name = postScriptName(f.tables["name"])
	}
	if err := f.readCmap(); err != nil {
		return nil, err
	}
	return f, nil
}

func (f *fontFace) scale(v int) int { return v * 1000 / f.unitsPerEm }

// readCmap reads the Unicode character map: format 12 (every plane) when the font has it, else
// format 4 (the Basic Multilingual Plane).
func (f *fontFace) readCmap() error {
	be := binary.BigEndian
	cmap := f.tables["cmap"]
	var best []byte
	bestFormat := 0
	for i := range int(be.Uint16(cmap[2:])) {
		rec := cmap[4+8*i:]
		platform, encoding := be.Uint16(rec), be.Uint16(rec[2:])
		sub := cmap[be.Uint32(rec[4:]):]
		format := int(be.Uint16(sub))
		unicode := platform == 0 || platform == 3 && (encoding == 1 || encoding == 10)
		if unicode && (format == 12 || format == 4 && bestFormat != 12) {
			best, bestFormat = sub, format
		}
	}
	f.bmp = make([]uint16, 0x10000)
	f.extra = map[rune]uint16{}
	// A map longer than Unicode is malformed: its work is bounded all the same.
	budget := 0x110000
	set := func(r rune, g int) {
		budget--
		if g <= 0 || g >= f.numGlyphs {
			return
		}
		if r < 0x10000 {
			f.bmp[r] = uint16(g)
		} else if r <= 0x10FFFF {
			f.extra[r] = uint16(g)
		}
	}
	switch bestFormat {
	case 4:
		segs := int(be.Uint16(best[6:])) / 2
		ends, starts := best[14:], best[16+2*segs:]
		deltas, offsets := best[16+4*segs:], best[16+6*segs:]
		for s := range segs {
			end, start := int(be.Uint16(ends[2*s:])), int(be.Uint16(starts[2*s:]))
			delta, ro := int(be.Uint16(deltas[2*s:])), int(be.Uint16(offsets[2*s:]))
			for c := start; c <= end && c < 0xFFFF && budget > 0; c++ {
				g := 0
				if ro == 0 {
					g = (c + delta) & 0xFFFF
				} else {
					at := 2*s + ro + 2*(c-start)
					if g = int(be.Uint16(offsets[at:])); g != 0 {
						g = (g + delta) & 0xFFFF
					}
				}
				set(rune(c), g)
			}
		}
	case 12:
		groups := int(be.Uint32(best[12:]))
		for i := range groups {
			grp := best[16+12*i:]
			start, end, g := be.Uint32(grp), be.Uint32(grp[4:]), be.Uint32(grp[8:])
			for c := start; c <= end && c <= 0x10FFFF && budget > 0; c++ {
				set(rune(c), int(g+c-start))
			}
		}
	default:
		return badFont("font-no-cmap")
	}
	return nil
}

// postScriptName reads name 6 of the name table, for fonts given by the user.
func postScriptName(name []byte) string {
	be := binary.BigEndian
	clean := func(s []byte, wide bool) string {
		var out []byte
		for i := 0; i < len(s); i++ {
			c := s[i]
			if wide {
				if i+1 >= len(s) {
					break
				}
				c = s[i+1]
				if s[i] != 0 {
					c = '_'
				}
				i++
			}
			if c > 32 && c < 127 && c != '/' && c != '(' && c != ')' && c != '[' && c != ']' && c != '<' && c != '>' && c != '{' && c != '}' && c != '%' {
				out = append(out, c)
			}
		}
		return string(out)
	}
	if len(name) >= 6 {
		count, strings := int(be.Uint16(name[2:])), int(be.Uint16(name[4:]))
		for i := range count {
			rec := name[6+12*i:]
			if be.Uint16(rec[6:]) != 6 {
				continue
			}
			length, off := int(be.Uint16(rec[8:])), int(be.Uint16(rec[10:]))
			if strings+off+length <= len(name) {
				if s := clean(name[strings+off:strings+off+length], be.Uint16(rec) != 1); s != "" {
					return s
				}
			}
		}
	}
	return "UserFont"
}

// width is the advance of a glyph in thousandths of the em.
func (f *fontFace) width(g uint16) int { return int(f.widths[g]) }

// components appends the glyphs a composite glyph is built from.
func (f *fontFace) components(g uint16, out []uint16) []uint16 {
	be := binary.BigEndian
	glyf := f.tables["glyf"]
	start, end := f.loca[g], f.loca[g+1]
	if end <= start || int(end) > len(glyf) || end-start < 10 || int16(be.Uint16(glyf[start:])) >= 0 {
		return out
	}
	p := glyf[start+10 : end]
	for len(p) >= 4 {
		flags, comp := be.Uint16(p), be.Uint16(p[2:])
		out = append(out, comp)
		skip := 4 + 4
		if flags&0x0001 == 0 { // ARG_1_AND_2_ARE_WORDS
			skip = 4 + 2
		}
		switch {
		case flags&0x0008 != 0: // WE_HAVE_A_SCALE
			skip += 2
		case flags&0x0040 != 0: // WE_HAVE_AN_X_AND_Y_SCALE
			skip += 4
		case flags&0x0080 != 0: // WE_HAVE_A_TWO_BY_TWO
			skip += 8
		}
		if flags&0x0020 == 0 || skip > len(p) { // MORE_COMPONENTS
			break
		}
		p = p[skip:]
	}
	return out
}

// writeSubset writes a TrueType file with the glyphs used and every glyph number unchanged:
// the outlines of other glyphs are left out, so a document embeds a few kilobytes per face. The
// file is written as it is made, without being held in memory; it returns its size.
func (f *fontFace) writeSubset(used []bool, out io.Writer) int {
	be := binary.BigEndian
	keep := make([]bool, f.numGlyphs)
	keep[0] = true
	var stack []uint16
	for g, u := range used {
		if u {
			stack = append(stack, uint16(g))
		}
	}
	for len(stack) > 0 {
		g := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if int(g) >= f.numGlyphs || keep[g] && g != 0 {
			continue
		}
		keep[g] = true
		stack = f.components(g, stack)
	}
	glyfIn, hmtxIn := f.tables["glyf"], f.tables["hmtx"]
	// glyph tells whether the outline of g is copied, and its size with the padding that keeps
	// the next one on four bytes.
	glyph := func(g int) (bool, uint32) {
		if keep[g] && f.loca[g+1] > f.loca[g] && int(f.loca[g+1]) <= len(glyfIn) {
			return true, (f.loca[g+1] - f.loca[g] + 3) &^ 3
		}
		return false, 0
	}
	// The glyphs' outlines, their offsets (long ones) and their advances: the advances of unused
	// glyphs are left out too, as zeros, which cost nothing once compressed. Each outline starts
	// on four bytes, so the checksum of the table is the sum of theirs.
	var glyfSize, glyfSum, locaSum, hmtxSum uint32
	for g := range f.numGlyphs {
		locaSum += glyfSize
		if ok, size := glyph(g); ok {
			glyfSum += checksum(glyfIn[f.loca[g]:f.loca[g+1]])
			glyfSize += size
		}
	}
	locaSum += glyfSize
	metrics := int(be.Uint16(f.tables["hhea"][34:]))
	hmtxEntry := func(g int) (at, n int) {
		if g >= metrics {
			return 4*metrics + 2*(g-metrics), 2
		}
		return 4 * g, 4
	}
	for g, k := range keep {
		at, n := hmtxEntry(g)
		if !k || at+n > len(hmtxIn) {
			continue
		}
		v := uint32(be.Uint16(hmtxIn[at:])) << 16
		if n == 4 {
			v = be.Uint32(hmtxIn[at:])
		} else if at%4 != 0 {
			v >>= 16
		}
		hmtxSum += v
	}
	var head [54]byte
	headIn := f.tables["head"]
	copy(head[:], headIn)
	be.PutUint32(head[8:], 0)  // checkSumAdjustment: no longer meaningful
	be.PutUint16(head[50:], 1) // long offsets in loca
	headData := head[:min(len(headIn), len(head))]
	if len(headIn) > len(head) {
		headData = append(headData, headIn[len(head):]...)
	}
	type table struct {
		tag    string
		data   []byte // nil for the tables written as they are made
		length int
		sum    uint32
	}
	tables := []table{
		{tag: "cvt ", data: f.tables["cvt "]}, {tag: "fpgm", data: f.tables["fpgm"]},
		{tag: "glyf", length: int(glyfSize), sum: glyfSum}, {tag: "head", data: headData},
		{tag: "hhea", data: f.tables["hhea"]}, {tag: "hmtx", length: len(hmtxIn), sum: hmtxSum},
		{tag: "loca", length: 4 * (f.numGlyphs + 1), sum: locaSum}, {tag: "maxp", data: f.tables["maxp"]},
		{tag: "prep", data: f.tables["prep"]},
	}
	n := 0
	for i, t := range tables {
		if t.data != nil {
			tables[i].length, tables[i].sum = len(t.data), checksum(t.data)
		}
		if t.data != nil || t.tag == "glyf" || t.tag == "hmtx" || t.tag == "loca" {
			tables[n] = tables[i]
			n++
		}
	}
	tables = tables[:n]
	dir := make([]byte, 12+16*n, 12+16*len(tables))
	be.PutUint32(dir, 0x00010000)
	be.PutUint16(dir[4:], uint16(n))
	pow := 1
	for pow*2 <= n {
		pow *= 2
	}
	be.PutUint16(dir[6:], uint16(16*pow))
	be.PutUint16(dir[8:], uint16(bitsLen(pow)-1))
	be.PutUint16(dir[10:], uint16(16*n-16*pow))
	at := len(dir)
	for i, t := range tables {
		rec := dir[12+16*i:]
		copy(rec, t.tag)
		be.PutUint32(rec[4:], t.sum)
		be.PutUint32(rec[8:], uint32(at))
		be.PutUint32(rec[12:], uint32(t.length))
		at += (t.length + 3) &^ 3
	}
	out.Write(dir)
	var zeros [4]byte
	var buf [1024]byte
	for _, t := range tables {
		switch t.tag {
		case "glyf":
			for g := range f.numGlyphs {
				if ok, size := glyph(g); ok {
					out.Write(glyfIn[f.loca[g]:f.loca[g+1]])
					out.Write(zeros[:size-(f.loca[g+1]-f.loca[g])])
				}
			}
		case "loca":
			b := buf[:0]
			offset := uint32(0)
			for g := range f.numGlyphs + 1 {
				if len(b) == len(buf) {
					out.Write(b)
					b = buf[:0]
				}
				b = be.AppendUint32(b, offset)
				if g < f.numGlyphs {
					_, size := glyph(g)
					offset += size
				}
			}
			out.Write(b)
		case "hmtx":
			b := buf[:0]
			done := 0 // bytes of the table written
			for g, k := range keep {
				at, n := hmtxEntry(g)
				if at+n > len(hmtxIn) {
					break
				}
				if len(b)+n > len(buf) {
					out.Write(b)
					b = buf[:0]
				}
				if k {
					b = append(b, hmtxIn[at:at+n]...)
				} else {
					b = append(b, zeros[:n]...)
				}
				done = at + n
			}
			for done < len(hmtxIn) {
				if len(b) == len(buf) {
					out.Write(b)
					b = buf[:0]
				}
				b = append(b, 0)
				done++
			}
			out.Write(b)
		default:
			out.Write(t.data)
		}
		out.Write(zeros[:(4-t.length%4)%4])
	}
	return at
}

func bitsLen(n int) int {
	l := 0
	for n > 0 {
		l++
		n >>= 1
	}
	return l
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
