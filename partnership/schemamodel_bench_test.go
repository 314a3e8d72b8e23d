package partnership_test

import (
	"testing"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/schema"
)

// BenchmarkParseSchema measures reading the embedded schema's model, which every command that
// validates, renders or explains pays once.
func BenchmarkParseSchema(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := partnership.ParseSchema(schema.JSON); err != nil {
			b.Fatal(err)
		}
	}
}
