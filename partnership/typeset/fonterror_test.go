package typeset

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/go-fonts/liberation/liberationserifregular"
)

// TestFontErrors gives --font files that cannot be used: each is refused with a message of the
// catalogue that names the file, in English and in French.
func TestFontErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A TrueType header whose table directory names a table past the end of the file, and one
	// that lists no table at all.
	outside := binary.BigEndian.AppendUint32(nil, 0x00010000)
	outside = binary.BigEndian.AppendUint16(outside, 1)
	outside = append(outside, make([]byte, 6)...)
	outside = append(outside, "glyf"...)
	outside = binary.BigEndian.AppendUint32(outside, 0)
	outside = binary.BigEndian.AppendUint32(outside, 1000)
	outside = binary.BigEndian.AppendUint32(outside, 10)
	noTables := append(binary.BigEndian.AppendUint32(nil, 0x00010000), make([]byte, 8)...)
	// A header that announces a hundred tables and holds none.
	short := binary.BigEndian.AppendUint16(binary.BigEndian.AppendUint32(nil, 0x00010000), 100)
	short = append(short, make([]byte, 6)...)
	tests := []struct {
		name, path, en, fr string
	}{
		{"a missing file", filepath.Join(dir, "absente.ttf"), "no such file or directory", "fichier ou dossier introuvable"},
		{"a text file", write("notes.ttf", []byte("not a font at all\n")),
			"not a TrueType font with glyph outlines", "ce n’est pas une police TrueType à contours de glyphes"},
		{"a table outside the file", write("outside.ttf", outside), `table "glyf" lies outside the file`, "la table « glyf » déborde du fichier"},
		{"no tables", write("empty.ttf", noTables), `no "head" table`, "la table « head » manque"},
		{"a truncated directory", write("short.ttf", short), "malformed font: ", "police mal formée : "},
		{"a truncated font", write("truncated.ttf", liberationserifregular.TTF[:2000]), "lies outside the file", "déborde du fichier"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadFont(tt.path)
			var fe *FontError
			if !errors.As(err, &fe) || fe.Path != tt.path {
				t.Fatalf("error %v, want a FontError of %s", err, tt.path)
			}
			en, fr := partnership.ErrorText(err, partnership.English), partnership.ErrorText(err, partnership.French)
			if en != err.Error() || !strings.HasPrefix(en, "font "+tt.path+": ") || !strings.Contains(en, tt.en) {
				t.Errorf("in English: %s", en)
			}
			if !strings.HasPrefix(fr, "police "+tt.path+"\u00a0: ") || !strings.Contains(fr, partnership.FrenchSpaces(tt.fr)) {
				t.Errorf("in French: %s", fr)
			}
		})
	}
}
