package partnership

import "io"

// readSized reads r to its end, or to limit+1 bytes, into a buffer sized for size bytes (a file's
// size as Stat gives it), so that a file is read in one go rather than through a buffer that
// doubles from 512 bytes. A file that grew since Stat is still read whole, up to the limit.
func readSized(r io.Reader, size, limit int64) ([]byte, error) {
	if size < 0 || size > limit {
		size = limit
	}
	r = io.LimitReader(r, limit+1)
	data := make([]byte, 0, size+1) // one more byte, to see the end of the file in one read
	for {
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
		if int64(len(data)) > limit {
			return data, nil // the caller sees a file over its limit; no need to read on
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}
