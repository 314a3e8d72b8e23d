package redline

import (
	"fmt"
	"strings"

	"github.com/commons-toolkit/commons/partnership/internal/lazyre"
	"github.com/commons-toolkit/commons/partnership/render"
	"github.com/commons-toolkit/commons/partnership/typeset"
)

// Status is what happened to an article between the two versions.
type Status int

// What can happen to an article.
const (
	// Unchanged articles read the same in both versions.
	Unchanged Status = iota
	// Renumbered articles differ only by numbers: their own, or those of the articles they
	// refer to. A renumbering is not a rewrite.
	Renumbered
	// Modified articles have words added, removed or replaced.
	Modified
	// Added articles exist in the new version only.
	Added
	// Removed articles exist in the old version only.
	Removed
)

func (s Status) String() string {
	return [...]string{"unchanged", "renumbered", "modified", "added", "removed"}[s]
}

// Article is one article of the redline, compared with its namesake (same clause id) in the
// other version.
type Article struct {
	ID     string
	Status Status
	// Old and New are the article in each version; the zero Article where it is absent.
	Old, New render.Article
	// Heading is the article's heading without its "##" and attributes, word by word; empty for
	// the title block, which has no heading of its own.
	Heading Line
	// Lines is the article's text after its heading.
	Lines []Line
}

// NumberChanged reports whether the article is in both versions under different numbers.
func (a Article) NumberChanged() bool {
	return a.Status != Added && a.Status != Removed && a.Old.Number != a.New.Number && a.Old.Number > 0 && a.New.Number > 0
}

// Changed reports whether the article's words changed (modified, added or removed).
func (a Article) Changed() bool { return a.Status >= Modified }

// Redline is the comparison of two versions of a document.
type Redline struct {
	Old, New render.Meta
	// Articles are in the order of the new version, each removed article after the one that
	// preceded it in the old version. The title block, when the document has one, comes first
	// with an empty heading.
	Articles []Article
}

// Identical reports whether the two versions read the same. Their provenance (definition
// digest, library version) may still differ: a comment changed in the definition changes no
// word of the document.
func (r *Redline) Identical() bool {
	for _, a := range r.Articles {
		if a.Status != Unchanged {
			return false
		}
	}
	return true
}

// Lang is the language the redline speaks: the new version's.
func (r *Redline) Lang() string {
	switch {
	case r.New.Lang != "":
		return r.New.Lang
	case r.Old.Lang != "":
		return r.Old.Lang
	}
	return "fr"
}

// section is a part of a rendered document: an article under its heading, or the title block.
type section struct {
	id      string
	heading string // the heading as written, without "## " and " {#id}"
	body    []string
	article render.Article
}

var articleHeading = lazyre.New(`^## (.*) \{#([^}\s]+)\}$`)

// sections cuts a rendered document at its article headings. What comes before the first one
// is the title block, named after the first clause when that clause has no heading.
func sections(doc *render.Document) ([]section, error) {
	_, body, err := typeset.SplitFrontMatter(doc.Markdown)
	if err != nil {
		return nil, err
	}
	byID := map[string]render.Article{}
	for _, a := range doc.Articles {
		byID[a.ID] = a
	}
	head := section{}
	if len(doc.Articles) > 0 && doc.Articles[0].Heading == "" {
		head.id, head.article = doc.Articles[0].ID, doc.Articles[0]
	}
	out := []section{head}
	for _, l := range strings.Split(strings.TrimRight(string(body), "\n"), "\n") {
		if m := articleHeading().FindStringSubmatch(l); m != nil {
			out = append(out, section{id: m[2], heading: m[1], article: byID[m[2]]})
			continue
		}
		cur := &out[len(out)-1]
		cur.body = append(cur.body, l)
	}
	for i := range out {
		out[i].body = trimBlank(out[i].body)
	}
	if len(out[0].body) == 0 {
		out = out[1:]
	}
	seen := map[string]bool{}
	for _, s := range out {
		if seen[s.id] {
			return nil, fmt.Errorf("compare %s: two headings have the id %q", doc.Meta.Definition, s.id)
		}
		seen[s.id] = true
	}
	return out, nil
}

func trimBlank(lines []string) []string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// numberedHeading matches the number of an article's heading: "Article 9 – ", "Article 1er – "
// or "9. ".
var numberedHeading = lazyre.New(`^(?:(Article) (\d+(?:er)?) – |(\d+)\. )`)

// splitNumber separates the number of a numbered heading from its title.
func splitNumber(heading string) (number, title string) {
	if m := numberedHeading().FindString(heading); m != "" {
		return m, heading[len(m):]
	}
	return "", heading
}

// sameText reports whether two sections read the same once numbers are set aside.
func sameText(a, b section) bool {
	_, ta := splitNumber(a.heading)
	_, tb := splitNumber(b.heading)
	if ta != tb || len(a.body) != len(b.body) {
		return false
	}
	for i := range a.body {
		if withoutNumbers(a.body[i]) != withoutNumbers(b.body[i]) {
			return false
		}
	}
	return true
}

func equalSections(a, b section) bool {
	return a.heading == b.heading && strings.Join(a.body, "\n") == strings.Join(b.body, "\n")
}

// Compare compares two rendered versions of a document, article by article.
func Compare(old, new *render.Document) (*Redline, error) {
	olds, err := sections(old)
	if err != nil {
		return nil, err
	}
	news, err := sections(new)
	if err != nil {
		return nil, err
	}
	inNew := map[string]bool{}
	for _, s := range news {
		inNew[s.id] = true
	}
	oldByID := map[string]section{}
	// removedAfter lists the removed sections under the id of the section that preceded them
	// in the old version ("" for those before any section both versions have).
	removedAfter := map[string][]section{}
	anchor := ""
	for _, s := range olds {
		oldByID[s.id] = s
		if inNew[s.id] {
			anchor = s.id
			continue
		}
		removedAfter[anchor] = append(removedAfter[anchor], s)
	}
	r := &Redline{Old: old.Meta, New: new.Meta}
	for _, s := range removedAfter[""] {
		r.Articles = append(r.Articles, removedArticle(s))
	}
	for _, s := range news {
		o, ok := oldByID[s.id]
		if !ok {
			r.Articles = append(r.Articles, addedArticle(s))
		} else {
			r.Articles = append(r.Articles, compareArticle(o, s))
		}
		for _, rem := range removedAfter[s.id] {
			r.Articles = append(r.Articles, removedArticle(rem))
		}
	}
	return r, nil
}

func addedArticle(s section) Article {
	a := Article{ID: s.id, Status: Added, New: s.article, Lines: wholeText(s.body, Insert)}
	if s.heading != "" {
		a.Heading = Line{{Insert, s.heading}}
	}
	return a
}

func removedArticle(s section) Article {
	a := Article{ID: s.id, Status: Removed, Old: s.article, Lines: wholeText(s.body, Delete)}
	if s.heading != "" {
		a.Heading = Line{{Delete, s.heading}}
	}
	return a
}

func compareArticle(old, new section) Article {
	a := Article{ID: new.id, Old: old.article, New: new.article}
	switch {
	case equalSections(old, new):
		a.Status = Unchanged
	case sameText(old, new):
		a.Status = Renumbered
	default:
		a.Status = Modified
	}
	if a.Status != Modified {
		if new.heading != "" {
			a.Heading = Line{{Equal, new.heading}}
		}
		a.Lines = equalText(new.body)
		return a
	}
	if new.heading != "" {
		number, title := splitNumber(new.heading)
		_, oldTitle := splitNumber(old.heading)
		segs, _ := diffWords(oldTitle, title)
		a.Heading = append(Line{{Equal, number}}, segs...)
	}
	a.Lines = diffLines(old.body, new.body)
	return a
}
