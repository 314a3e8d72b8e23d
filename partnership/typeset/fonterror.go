package typeset

import (
	"errors"
	"io/fs"

	"github.com/commons-toolkit/commons/partnership"
)

// FontError is a font file given by the user that cannot be used: it cannot be read, or it is
// not a TrueType font with the tables and glyphs the typesetter needs. Its message is one of the
// catalogue, written in the user's language by partnership.ErrorText.
type FontError struct {
	Path string
	Err  error
}

func (e *FontError) Error() string { return e.Msg().In(partnership.English) }

// Msg is the message of the error: the font's path and what is wrong with it.
func (e *FontError) Msg() partnership.Msg {
	var pe *fs.PathError
	if errors.As(e.Err, &pe) {
		return partnership.M("font-problem", e.Path, partnership.Reason{Err: e.Err})
	}
	return partnership.M("font-problem", e.Path, partnership.ErrorArg{Err: e.Err})
}

func (e *FontError) Unwrap() error { return e.Err }

// fontProblem is what is wrong with the tables of a font, a message of the catalogue.
type fontProblem struct{ msg partnership.Msg }

func (e fontProblem) Error() string        { return e.msg.In(partnership.English) }
func (e fontProblem) Msg() partnership.Msg { return e.msg }

// badFont returns the problem of a font named by the code of its message in the catalogue.
func badFont(code string, args ...any) error { return fontProblem{partnership.M(code, args...)} }
