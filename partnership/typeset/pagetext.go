package typeset

import (
	"bytes"
	"errors"
	"io"
)

// The text objects are most of a PDF's bytes before compression. Written into fpdf's pages, each
// would be copied five times or more before it is compressed: into a page buffer that grows by
// doubling, into a string, into fpdf's output buffer (growing by doubling again) and into the
// writer fpdf's output goes to. The typesetter therefore keeps the text objects itself, in
// blocks that are filled once and never copied, and gives fpdf a one-byte mark in their place;
// finish compresses each page's stream from fpdf's bytes with the text put back at its marks,
// which gives the same stream as text written in place.

// textMark stands for a text object in fpdf's page streams. fpdf writes nothing into a page but
// operators, numbers and names, so a NUL byte cannot be anything else.
const textMark = "\x00"

// textBlockSize is the size of the blocks the text objects are kept in.
const textBlockSize = 32 << 10

// textRef locates a text object in the blocks.
type textRef struct{ block, start, end int32 }

// pageText holds the text objects of a document, page by page, in the order they were written.
type pageText struct {
	blocks [][]byte
	pages  [][]textRef // by page number
	size   int         // the bytes of text held
}

// add keeps a text object of a page.
func (t *pageText) add(page int, b []byte) {
	n := len(t.blocks)
	if n == 0 || len(t.blocks[n-1])+len(b) > cap(t.blocks[n-1]) {
		t.blocks = append(t.blocks, make([]byte, 0, max(textBlockSize, len(b))))
		n++
	}
	block := t.blocks[n-1]
	t.blocks[n-1] = append(block, b...)
	for len(t.pages) <= page {
		t.pages = append(t.pages, nil)
	}
	t.pages[page] = append(t.pages[page], textRef{int32(n - 1), int32(len(block)), int32(len(block) + len(b))})
	t.size += len(b)
}

var errTextMarks = errors.New("the text of a page does not match its marks")

// expand writes the stream of a page with its text objects in place of the marks.
func (t *pageText) expand(page int, stream []byte, out io.Writer) error {
	var refs []textRef
	if page >= 0 && page < len(t.pages) {
		refs = t.pages[page]
	}
	for _, r := range refs {
		k := bytes.IndexByte(stream, textMark[0])
		if k < 0 {
			return errTextMarks
		}
		out.Write(stream[:k])
		out.Write(t.blocks[r.block][r.start:r.end])
		stream = stream[k+1:]
	}
	if bytes.IndexByte(stream, textMark[0]) >= 0 {
		return errTextMarks
	}
	out.Write(stream)
	return nil
}

// finisher receives fpdf's output and completes it in place (finish) instead of copying it:
// fpdf writes its whole output in one call.
type finisher struct {
	w     *pdfWriter
	calls int
	data  []byte
	err   error
}

func (f *finisher) Write(p []byte) (int, error) {
	f.calls++
	if f.calls > 1 {
		f.data, f.err = nil, errors.New("the output came in more than one piece")
		return len(p), nil
	}
	f.data, f.err = f.w.finish(p)
	return len(p), nil
}
