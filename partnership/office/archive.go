package office

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"runtime"
	"time"
)

// archive writes the parts of a document into a zip file that is the same, byte for byte, for
// the same document: entries in the order they are added, every entry dated with the document's
// date (at DOS precision, without the extended timestamp that would record a time zone), no
// comment, no permissions.
type archive struct {
	buf  bytes.Buffer
	zw   *zip.Writer
	date time.Time
	err  error
	fw   *flate.Writer
}

func newArchive(d *document) *archive {
	a := &archive{date: d.date.UTC()}
	a.buf.Grow(d.size / 2) // compressed, a document takes a third of its Markdown
	a.zw = zip.NewWriter(&a.buf)
	a.zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		if a.fw == nil {
			a.fw = getCompressor()
		}
		a.fw.Reset(w)
		return a.fw, nil
	})
	return a
}

// compressors keeps deflate writers between entries and documents, one for each processor that
// may write a document at once: a new one allocates a megabyte of tables, more than a whole
// document costs to write. They are kept for good (a sync.Pool would drop them at every
// garbage collection, which writing documents often causes). The fastest level suits office
// parts, which are small and compress well at any level.
var compressors = make(chan *flate.Writer, runtime.GOMAXPROCS(0))

func getCompressor() *flate.Writer {
	select {
	case fw := <-compressors:
		return fw
	default:
		fw, _ := flate.NewWriter(nil, flate.BestSpeed) // the level is valid
		return fw
	}
}

func putCompressor(fw *flate.Writer) {
	select {
	case compressors <- fw:
	default:
	}
}

// dosDateTime is a date in the MS-DOS form zip headers hold; dates before 1980 are not
// representable and are recorded as the first of January 1980.
func dosDateTime(t time.Time) (date, clock uint16) {
	if t.Year() < 1980 {
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}

func (a *archive) header(name string, method uint16) *zip.FileHeader {
	h := &zip.FileHeader{Name: name, Method: method}
	h.ModifiedDate, h.ModifiedTime = dosDateTime(a.date)
	return h
}

// add compresses one part into the archive.
func (a *archive) add(name string, data []byte) {
	if a.err != nil {
		return
	}
	w, err := a.zw.CreateHeader(a.header(name, zip.Deflate))
	if err == nil {
		_, err = w.Write(data)
	}
	a.err = err
}

// part is a part compressed once and added to many archives: one that is the same for every
// document.
type part struct {
	deflated []byte
	crc      uint32
	size     int
}

func compressPart(data []byte) part {
	var b bytes.Buffer
	fw := getCompressor()
	fw.Reset(&b)
	_, _ = fw.Write(data) // writes to a bytes.Buffer do not fail
	_ = fw.Close()
	putCompressor(fw)
	return part{deflated: b.Bytes(), crc: crc32.ChecksumIEEE(data), size: len(data)}
}

// addPart adds a part compressed beforehand.
func (a *archive) addPart(name string, p part) {
	a.raw(a.header(name, zip.Deflate), p.deflated, p.crc, p.size)
}

// raw adds an entry whose data is written as it is, with its sizes in its header.
func (a *archive) raw(h *zip.FileHeader, data []byte, crc uint32, size int) {
	if a.err != nil {
		return
	}
	h.CRC32 = crc
	h.CompressedSize64 = uint64(len(data))
	h.UncompressedSize64 = uint64(size)
	w, err := a.zw.CreateRaw(h)
	if err == nil {
		_, err = w.Write(data)
	}
	a.err = err
}

// stored adds a part uncompressed, with its sizes in its header and no data descriptor: what
// ODF requires of the first entry, "mimetype", so that the type of the file can be read at a
// fixed offset.
func (a *archive) stored(name string, data []byte) {
	a.raw(a.header(name, zip.Store), data, crc32.ChecksumIEEE(data), len(data))
}

func (a *archive) bytes() ([]byte, error) {
	if a.err != nil {
		return nil, a.err
	}
	err := a.zw.Close()
	if a.fw != nil {
		putCompressor(a.fw)
		a.fw = nil
	}
	if err != nil {
		return nil, err
	}
	return a.buf.Bytes(), nil
}
