package typeset

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// FrontMatter is the provenance block a rendered document starts with: title, kind, language,
// definition id and digest, clause library version, parties. The typesetter shows it without
// knowing what it means. Lists are joined with newlines.
type FrontMatter map[string]string

// SplitFrontMatter separates the front-matter block ("---" lines around YAML) from the Markdown
// body. A document without one has an empty FrontMatter.
func SplitFrontMatter(md []byte) (FrontMatter, []byte, error) {
	fm := FrontMatter{}
	if !bytes.HasPrefix(md, []byte("---\n")) {
		return fm, md, nil
	}
	end := bytes.Index(md[4:], []byte("\n---\n"))
	if end < 0 {
		return nil, nil, fmt.Errorf("front matter: no closing ---")
	}
	var raw map[string]any
	if err := yaml.Unmarshal(md[4:4+end], &raw); err != nil {
		return nil, nil, fmt.Errorf("front matter: %w", err)
	}
	for k, v := range raw {
		switch v := v.(type) {
		case []any:
			items := make([]string, len(v))
			for i, it := range v {
				items[i] = fmt.Sprint(it)
			}
			fm[k] = strings.Join(items, "\n")
		case nil:
		default:
			fm[k] = fmt.Sprint(v)
		}
	}
	return fm, md[4+end+len("\n---\n"):], nil
}
