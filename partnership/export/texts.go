package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/commons-toolkit/commons/partnership"
)

// multilingual collects the texts a definition gives in several languages ({fr: …, en: …}), by
// the JSON pointer of each, from the value tree as it was written.
func multilingual(v any, node *partnership.SchemaNode, pointer string, out map[string]map[string]any) {
	if node.TextKind() != "" {
		if m, ok := v.(map[string]any); ok {
			out[pointer] = m
		}
		return
	}
	r := node.Resolved()
	if r == nil {
		return
	}
	switch v := v.(type) {
	case map[string]any:
		for _, p := range r.Properties {
			if x, ok := v[p.Name]; ok {
				multilingual(x, p.Node, pointer+"/"+partnership.EscapePointerToken(p.Name), out)
			}
		}
	case []any:
		if r.Items == nil {
			return
		}
		for i, x := range v {
			multilingual(x, r.Items, pointer+"/"+strconv.Itoa(i), out)
		}
	}
}

// MarshalJSON writes the normalised form with every text of the definition in all the languages
// the definition gives it in: Definition, a typed value, holds each text in the definition's own
// language only, and the JSON puts back the mapping of languages where the definition has one.
func (n Normalized) MarshalJSON() ([]byte, error) {
	type plain Normalized // the same fields, without this method
	data, err := json.Marshal(plain(n))
	if err != nil || len(n.texts) == 0 {
		return data, err
	}
	texts := make(map[string]map[string]any, len(n.texts))
	for p, m := range n.texts {
		texts["/definition"+p] = m
	}
	return replaceStrings(data, texts)
}

// replaceStrings rewrites compact JSON with the string at each pointer of with replaced by the
// value given for it; objects keep the order of their keys.
func replaceStrings(data []byte, with map[string]map[string]any) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	type frame struct {
		object bool
		n      int    // members or items written so far
		key    string // the object's key whose value comes next
		value  bool   // the object waits for the value of key
	}
	var stack []frame
	var b bytes.Buffer
	pointer := func() string {
		var p string
		for _, f := range stack {
			if f.object {
				p += "/" + partnership.EscapePointerToken(f.key)
			} else {
				p += "/" + strconv.Itoa(f.n-1)
			}
		}
		return p
	}
	write := func(v any) error {
		raw, err := json.Marshal(v)
		b.Write(raw)
		return err
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return b.Bytes(), nil
		}
		if err != nil {
			return nil, err
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			b.WriteByte(byte(d))
			if len(stack) > 0 && stack[len(stack)-1].object {
				stack[len(stack)-1].value = false
			}
			continue
		}
		if len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.object && !top.value {
				key, ok := tok.(string)
				if !ok {
					return nil, fmt.Errorf("replace texts: expected a key, got %v", tok)
				}
				if top.n > 0 {
					b.WriteByte(',')
				}
				top.n++
				top.key, top.value = key, true
				if err := write(key); err != nil {
					return nil, err
				}
				b.WriteByte(':')
				continue
			}
			if !top.object {
				if top.n > 0 {
					b.WriteByte(',')
				}
				top.n++
			}
		}
		switch tok := tok.(type) {
		case json.Delim:
			b.WriteByte(byte(tok))
			stack = append(stack, frame{object: tok == '{'})
			continue
		case string:
			if m, ok := with[pointer()]; ok {
				err = write(m)
			} else {
				err = write(tok)
			}
		case json.Number:
			b.WriteString(tok.String())
		default:
			err = write(tok)
		}
		if err != nil {
			return nil, err
		}
		if len(stack) > 0 && stack[len(stack)-1].object {
			stack[len(stack)-1].value = false
		}
	}
}
