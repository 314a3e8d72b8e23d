package partnership

import (
	"os"
	"path/filepath"

	"github.com/commons-toolkit/commons/schema"
)

// SchemaFileName is the name under which a folder of definitions keeps a copy of the JSON
// Schema (commons schema -o partnership.schema.json), so that editors check definitions
// offline. commons init points its starters at the nearest one.
const SchemaFileName = "partnership.schema.json"

// FindSchemaFile looks for SchemaFileName in dir and in each folder above it, and returns its
// path relative to dir with forward slashes ("partnership.schema.json",
// "../partnership.schema.json"), or "" when there is none.
func FindSchemaFile(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for d := abs; ; {
		candidate := filepath.Join(d, SchemaFileName)
		if st, err := os.Stat(candidate); err == nil && st.Mode().IsRegular() {
			rel, err := filepath.Rel(abs, candidate)
			if err != nil {
				return ""
			}
			return filepath.ToSlash(rel)
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// ScaffoldWith is Scaffold whose modeline names the schema at ref, a path relative to the
// starter file or a URL. When ref is the schema's own URL (schema.ID), which needs the network,
// a comment under the modeline, in the starter's language, says how to check definitions
// offline.
func ScaffoldWith(kind Kind, lang, ref string) []byte {
	return scaffoldFile(kind, lang, ref, ref == schema.ID)
}
