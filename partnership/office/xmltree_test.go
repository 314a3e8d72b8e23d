package office

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// The tests read the archives back as an editor would: the parts of the zip, each parsed into a
// small tree of elements named with their prefixes ("w:p", "text:h").

type node struct {
	name     string
	attrs    []xml.Attr
	children []*node
	// text is the character data of a text node (name "").
	text   string
	parent *node
}

func (n *node) attr(name string) string {
	for _, a := range n.attrs {
		if qname(a.Name) == name {
			return a.Value
		}
	}
	return ""
}

func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// all lists the elements of a name under n, in document order.
func (n *node) all(name string) []*node {
	var out []*node
	var walk func(*node)
	walk = func(c *node) {
		for _, k := range c.children {
			if k.name == name {
				out = append(out, k)
			}
			walk(k)
		}
	}
	walk(n)
	return out
}

// child returns the first child element of a name.
func (n *node) child(name string) *node {
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

// content is the text under n: the text of text nodes under elements named in keep (all
// elements when keep is empty).
func (n *node) content() string {
	var b strings.Builder
	var walk func(*node)
	walk = func(c *node) {
		if c.name == "" {
			b.WriteString(c.text)
			return
		}
		switch c.name {
		case "w:tab", "text:tab":
			b.WriteString("\t")
		case "w:br", "text:line-break":
			b.WriteString(" ")
		case "text:s":
			b.WriteString(" ")
		case "w:instrText", "text:tracked-changes":
			return
		}
		for _, k := range c.children {
			walk(k)
		}
	}
	walk(n)
	return b.String()
}

func (n *node) remove() {
	p := n.parent
	for i, c := range p.children {
		if c == n {
			p.children = append(p.children[:i:i], p.children[i+1:]...)
			return
		}
	}
}

// unwrap replaces n by its children.
func (n *node) unwrap() {
	p := n.parent
	for i, c := range p.children {
		if c == n {
			for _, k := range n.children {
				k.parent = p
			}
			p.children = append(p.children[:i:i], append(n.children, p.children[i+1:]...)...)
			return
		}
	}
}

func parseXML(t testing.TB, data []byte) *node {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	root := &node{name: "#document"}
	cur := root
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: qname(tok.Name), attrs: tok.Attr, parent: cur}
			cur.children = append(cur.children, n)
			cur = n
		case xml.EndElement:
			if qname(tok.Name) != cur.name {
				t.Fatalf("XML: </%s> closes <%s>", qname(tok.Name), cur.name)
			}
			cur = cur.parent
		case xml.CharData:
			if cur != root {
				cur.children = append(cur.children, &node{text: string(tok), parent: cur})
			}
		}
	}
	if cur != root {
		t.Fatalf("XML: <%s> is not closed", cur.name)
	}
	return root
}

// parts reads the entries of an archive, in their order.
func parts(t testing.TB, data []byte) (names []string, byName map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("zip: %v", err)
	}
	byName = map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, f.Name)
		byName[f.Name] = b
	}
	return names, byName
}

// dump writes every XML part of an archive as indented XML, one element per line, for golden
// files a reviewer can read in a diff.
func dump(t testing.TB, data []byte) []byte {
	t.Helper()
	names, byName := parts(t, data)
	var b bytes.Buffer
	for _, name := range names {
		b.WriteString("-- " + name + " --\n")
		if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".rels") {
			b.Write(byName[name])
			b.WriteString("\n")
			continue
		}
		root := parseXML(t, byName[name])
		for _, c := range root.children {
			dumpNode(&b, c, 0)
		}
	}
	return b.Bytes()
}

func dumpNode(b *bytes.Buffer, n *node, depth int) {
	if n.name == "" {
		return
	}
	indent := strings.Repeat("  ", depth)
	b.WriteString(indent + "<" + n.name)
	for _, a := range n.attrs {
		if strings.HasPrefix(qname(a.Name), "xmlns") {
			continue
		}
		b.WriteString(" " + qname(a.Name) + "=" + quoted(a.Value))
	}
	// An element whose children are all text is written on one line.
	textOnly := true
	for _, c := range n.children {
		if c.name != "" {
			textOnly = false
		}
	}
	switch {
	case len(n.children) == 0:
		b.WriteString("/>\n")
	case textOnly:
		var raw strings.Builder
		for _, c := range n.children {
			raw.WriteString(c.text)
		}
		b.WriteString(">" + raw.String() + "</" + n.name + ">\n")
	default:
		b.WriteString(">\n")
		for _, c := range n.children {
			if c.name == "" {
				if strings.TrimSpace(c.text) != "" {
					b.WriteString(indent + "  " + quoted(c.text) + "\n")
				}
				continue
			}
			dumpNode(b, c, depth+1)
		}
		b.WriteString(indent + "</" + n.name + ">\n")
	}
}

func quoted(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }
