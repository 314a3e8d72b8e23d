package office

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"

	"github.com/commons-toolkit/commons/partnership/internal/lazyre"
)

// Generator returns the name of the program that wrote a DOCX or ODT file, as its properties
// record it ("commons 0.1.0"), or "" when data is not such a file or names none. It lets a
// program recognise the documents it wrote before it replaces one.
func Generator(data []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	for _, f := range zr.File {
		var re *regexp.Regexp
		switch f.Name {
		case "docProps/app.xml":
			re = appGenerator()
		case "meta.xml":
			re = odtGenerator()
		default:
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return ""
		}
		part, err := io.ReadAll(io.LimitReader(rc, 1<<20))
		rc.Close()
		if err != nil {
			return ""
		}
		if m := re.FindSubmatch(part); m != nil {
			return string(m[1])
		}
		return ""
	}
	return ""
}

var (
	appGenerator = lazyre.New(`<Application>([^<]*)</Application>`)
	odtGenerator = lazyre.New(`<meta:generator>([^<]*)</meta:generator>`)
)
