package typeset

import (
	"bytes"
	"fmt"

	"go.yaml.in/yaml/v3"
)

// FrontMatter is the provenance block a rendered document starts with: title, kind, language,
// definition id and digest, clause library version. The typesetter shows it without knowing what
// it means.
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
	if err := yaml.Unmarshal(md[4:4+end], &fm); err != nil {
		return nil, nil, fmt.Errorf("front matter: %w", err)
	}
	return fm, md[4+end+len("\n---\n"):], nil
}
