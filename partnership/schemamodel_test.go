package partnership_test

import (
	"path/filepath"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
)

// TestFormatAt checks FormatAt against the format of the node At gives, at every value of every
// example and at pointers the schema does not reach.
func TestFormatAt(t *testing.T) {
	model := partnership.Schema()
	files, _ := filepath.Glob(filepath.Join("..", "examples", "*.yaml"))
	if len(files) == 0 {
		t.Fatal("no examples")
	}
	pointers := []string{"", "/nowhere", "/parties/0/nowhere/1", "/annexes/0/url"}
	for _, f := range files {
		doc, _, err := partnership.LoadFile(f, partnership.DefaultLimits)
		if err != nil || doc == nil {
			t.Fatalf("%s: %v", f, err)
		}
		for p := range doc.Spans {
			pointers = append(pointers, p)
		}
	}
	uris := 0
	for _, p := range pointers {
		want := ""
		if node := model.At(p); node != nil {
			want = node.Format
		}
		if got := model.FormatAt(p); got != want {
			t.Errorf("FormatAt(%q) = %q, want %q", p, got, want)
		}
		if want == "uri" {
			uris++
		}
	}
	if uris == 0 {
		t.Error("no example has a web address: the test checks nothing of interest")
	}
}
