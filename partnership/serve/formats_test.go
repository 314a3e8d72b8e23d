package serve

import (
	"bytes"
	"context"
	"testing"

	"github.com/commons-toolkit/commons/partnership/typeset"
)

// TestPDFDownloadStopsWithItsRequest checks that the PDF of a download is typeset within the
// request's context: a request the browser gave up on stops with an error, not a document.
func TestPDFDownloadStopsWithItsRequest(t *testing.T) {
	f, ok := formatNamed("pdf")
	if !ok {
		t.Fatal("no pdf format")
	}
	md := []byte("---\nlang: en\n---\n# Pact\n\nThe parties agree.\n")
	opts := typeset.PDFOptions{Creator: "test"}
	data, err := f.Typeset(context.Background(), md, opts)
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("live request: %v, %.8q", err, data)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if data, err := f.Typeset(ctx, md, opts); err == nil {
		t.Fatalf("request gone: typeset %d bytes, want an error", len(data))
	}
}
