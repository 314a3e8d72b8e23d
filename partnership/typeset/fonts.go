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

// charset tells which characters the font can draw. fpdf prints a character the font lacks as an
// empty box without a word, so every character is checked before it is drawn. The four faces
// cover the same characters; the regular face answers for all.
var charset = sync.OnceValue(func() *sfnt.Font {
	f, err := sfnt.Parse(liberationserifregular.TTF)
	if err != nil {
		panic("typeset: embedded font does not parse: " + err.Error()) // a build defect
	}
	return f
})

// hasGlyph reports whether the font draws r. fpdf also refuses any character beyond U+FFFF.
func hasGlyph(r rune) bool {
	if r > 0xFFFF {
		return false
	}
	var buf sfnt.Buffer
	i, err := charset().GlyphIndex(&buf, r)
	return err == nil && i != 0
}
