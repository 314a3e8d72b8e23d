package partnership

// A JSONFilter says which values DecodeJSON reads. For a member of an object it is called with
// the member's key and an index of -1, for an element of an array with "" and the element's
// index; it tells whether to read the value, and the filter of the values inside it (nil: read
// all of them).
type JSONFilter func(key string, index int) (read bool, inside JSONFilter)

// DecodeJSON decodes data, which must be valid JSON, into the values encoding/json's decoder
// gives with UseNumber (map[string]any, []any, string, json.Number, bool and nil), passing over
// without reading them the values filter leaves out: a document of which a program needs a
// small part is read without building the rest. A nil filter reads every value. Data must also
// be valid UTF-8: texts are kept as written, where encoding/json would replace each invalid byte
// with U+FFFD (files are checked for UTF-8 when they are loaded; the embedded schema is).
func DecodeJSON(data []byte, filter JSONFilter) (any, error) {
	return newJSONReader(data, true).decode(filter)
}

// decode reads the next value of valid JSON, leaving out those filter leaves out.
func (j *jsonReader) decode(filter JSONFilter) (any, error) {
	read := func(key string, index int) (bool, JSONFilter) {
		if filter == nil {
			return true, nil
		}
		return filter(key, index)
	}
	switch j.next() {
	case '{':
		m := map[string]any{}
		err := j.members(func(key string) error {
			ok, inside := read(key, -1)
			if !ok {
				return j.skip()
			}
			v, err := j.decode(inside)
			m[key] = v
			return err
		})
		return m, err
	case '[':
		if _, err := j.token(); err != nil { // the opening bracket
			return nil, err
		}
		s := []any{}
		for i := 0; j.more(); i++ {
			ok, inside := read("", i)
			if !ok {
				if err := j.skip(); err != nil {
					return nil, err
				}
				continue
			}
			v, err := j.decode(inside)
			if err != nil {
				return nil, err
			}
			s = append(s, v)
		}
		_, err := j.token() // the closing bracket
		return s, err
	}
	return j.token()
}
