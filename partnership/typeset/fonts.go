package typeset

import (
	"sync"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"golang.org/x/image/font/sfnt"
)

// The PDF is set in Liberation Serif, a free font (SIL Open Font License, which allows embedding)
// with the metrics of Times New Roman, the face French administrations use, and every character
// of French typography, the narrow no-break space included.
const fontFamily = "LiberationSerif"

// fontStyle is one face of the family: "", "B", "I" or "BI" as fpdf names them.
type fontFace struct {
	style string
	ttf   []byte
}

var faces = []fontFace{
	{"", liberationserifregular.TTF},
	{"B", liberationserifbold.TTF},
	{"I", liberationserifitalic.TTF},
	{"BI", liberationserifbolditalic.TTF},
}

// glyphs tells which characters of the Basic Multilingual Plane the font can draw, one bit per
// character, computed once per process. fpdf prints a character the font lacks as an empty box
// without a word, so every character is checked before it is drawn; the four faces cover the
// same characters, and the regular face answers for all.
var glyphs = sync.OnceValue(func() *[0x10000 / 64]uint64 {
	f, err := sfnt.Parse(liberationserifregular.TTF)
	if err != nil {
		panic("typeset: embedded font does not parse: " + err.Error()) // a build defect
	}
	var set [0x10000 / 64]uint64
	var buf sfnt.Buffer
	for r := rune(0); r < 0x10000; r++ {
		if i, err := f.GlyphIndex(&buf, r); err == nil && i != 0 {
			set[r/64] |= 1 << (r % 64)
		}
	}
	return &set
})

// hasGlyph reports whether the font draws r. fpdf also refuses any character beyond U+FFFF.
func hasGlyph(r rune) bool {
	if r < 0 || r > 0xFFFF {
		return false
	}
	return glyphs()[r/64]&(1<<(r%64)) != 0
}

// Prepare computes the font's character set ahead of the first PDF, which a program may do in
// the background while it renders.
func Prepare() { glyphs() }
