package partnership

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// TestReadSized reads texts whose size is told right, too small, too large or unknown, in one
// read or byte by byte, within the limit or beyond it: it gives what io.ReadAll of at most
// limit+1 bytes gives.
func TestReadSized(t *testing.T) {
	const limit = 100
	for _, n := range []int{0, 1, 50, 99, 100, 101, 250} {
		text := strings.Repeat("x", n)
		for _, size := range []int64{int64(n), 0, int64(n) / 2, int64(n) * 2, -1, limit + 50} {
			for name, r := range map[string]func() io.Reader{
				"whole":        func() io.Reader { return strings.NewReader(text) },
				"byte by byte": func() io.Reader { return iotest.OneByteReader(strings.NewReader(text)) },
			} {
				want, _ := io.ReadAll(io.LimitReader(r(), limit+1))
				got, err := readSized(r(), size, limit)
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("%d bytes said to be %d, %s: got %d bytes (%v), want %d", n, size, name, len(got), err, len(want))
				}
			}
		}
	}
	if _, err := readSized(iotest.ErrReader(io.ErrUnexpectedEOF), 10, limit); err == nil {
		t.Error("a read error is lost")
	}
}
