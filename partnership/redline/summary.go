package redline

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/commons-toolkit/commons/partnership/internal/lazyre"
)

// Summary is what changed between two versions, article by article, as a lawyer reports it.
type Summary struct {
	// Lang is the language of the sentence: "fr" or "en".
	Lang string
	// Changed lists the articles whose words changed, in reading order; Modified, Added and
	// Removed are the same articles by kind of change.
	Changed, Modified, Added, Removed []Article
	// RenumberedFrom is the former number of the first article whose number changed; 0 when
	// no number changed.
	RenumberedFrom int
	// Renumbered lists the articles that kept their words but not their numbers, or not the
	// numbers of the articles they refer to.
	Renumbered []Article
	// sections is set when the document numbers sections ("3.") rather than articles.
	sections bool
}

// Summary sums up the redline.
func (r *Redline) Summary() Summary {
	s := Summary{Lang: r.Lang()}
	for _, a := range r.Articles {
		if a.Changed() {
			s.Changed = append(s.Changed, a)
		}
		switch a.Status {
		case Modified:
			s.Modified = append(s.Modified, a)
		case Added:
			s.Added = append(s.Added, a)
		case Removed:
			s.Removed = append(s.Removed, a)
		case Renumbered:
			s.Renumbered = append(s.Renumbered, a)
		}
		if a.NumberChanged() && (s.RenumberedFrom == 0 || a.Old.Number < s.RenumberedFrom) {
			s.RenumberedFrom = a.Old.Number
		}
		if isSection(a.New.Heading) || isSection(a.Old.Heading) {
			s.sections = true
		}
	}
	return s
}

var sectionHeading = lazyre.New(`^\d+\. `)

func isSection(heading string) bool { return sectionHeading().MatchString(heading) }

// Identical reports whether nothing changed, numbers included.
func (s Summary) Identical() bool {
	return len(s.Changed)+len(s.Renumbered) == 0
}

// String writes the summary as a sentence in the document's language: "Article 5 modified,
// Article 9 added, Article 12 removed, articles renumbered from 9." or "Modification de
// l’article 5, ajout de l’article 9, suppression de l’article 12, renumérotation des articles à
// partir de l’article 9."
func (s Summary) String() string { return s.sentence(false) }

// markdown is the sentence for a Markdown document: headings quoted as they are written there,
// escapes included.
func (s Summary) markdown() string { return s.sentence(true) }

func (s Summary) sentence(md bool) string {
	fr := s.Lang == "fr"
	var parts []string
	for _, a := range s.Changed {
		name := s.name(a, md)
		switch {
		case fr:
			parts = append(parts, map[Status]string{Modified: "modification de ", Added: "ajout de ", Removed: "suppression de "}[a.Status]+name)
		default:
			parts = append(parts, name+" "+a.Status.String())
		}
	}
	if s.RenumberedFrom > 0 {
		n := s.RenumberedFrom
		switch {
		case fr && s.sections:
			parts = append(parts, "renumérotation des sections à partir de la section "+strconv.Itoa(n))
		case fr:
			parts = append(parts, "renumérotation des articles à partir de l’article "+articleNumberFR(n))
		case s.sections:
			parts = append(parts, "sections renumbered from "+strconv.Itoa(n))
		default:
			parts = append(parts, "articles renumbered from "+strconv.Itoa(n))
		}
	}
	switch {
	case len(parts) > 0:
	case s.Identical() && fr:
		return "Aucune modification du texte."
	case s.Identical():
		return "No change to the text."
	case fr:
		return "Seuls des renvois ont été renumérotés."
	default:
		return "Only cross-references were renumbered."
	}
	sentence := strings.Join(parts, ", ") + "."
	sentence = strings.ReplaceAll(sentence, "de le ", "du ")
	r, size := utf8.DecodeRuneInString(sentence)
	return string(unicode.ToUpper(r)) + sentence[size:]
}

// name is how the sentence refers to an article: by its number ("Article 5", "l’article 5"),
// by its heading when it has none ("“Recitals”", "la rubrique « Visas »"), or as the title.
func (s Summary) name(a Article, md bool) string {
	fr := s.Lang == "fr"
	number, heading := a.New.Number, a.New.Heading
	if a.Status == Removed {
		number, heading = a.Old.Number, a.Old.Heading
	}
	section := isSection(heading)
	switch {
	case number > 0:
		name := numbered(number, section, fr)
		if a.Status == Modified && a.NumberChanged() {
			if fr {
				former := "ancien article " + articleNumberFR(a.Old.Number)
				if section {
					former = "ancienne section " + strconv.Itoa(a.Old.Number)
				}
				name += " (" + former + ")"
			} else {
				name += " (formerly " + strconv.Itoa(a.Old.Number) + ")"
			}
		}
		return name
	case heading == "" && fr:
		return "le titre"
	case heading == "":
		return "the title"
	}
	if !md {
		heading = unescape(heading)
	}
	if fr {
		return "la rubrique «\u00a0" + heading + "\u00a0»"
	}
	return "“" + heading + "”"
}

func numbered(n int, section, fr bool) string {
	switch {
	case fr && section:
		return "la section " + strconv.Itoa(n)
	case fr:
		return "l’article " + articleNumberFR(n)
	case section:
		return "Section " + strconv.Itoa(n)
	}
	return "Article " + strconv.Itoa(n)
}

// articleNumberFR writes an article number the French way: "1er", "2"…
func articleNumberFR(n int) string {
	if n == 1 {
		return "1er"
	}
	return strconv.Itoa(n)
}

var markdownEscape = lazyre.New("\\\\([!-/:-@\\[-`{-~])")

// unescape removes the backslashes that escape punctuation in Markdown.
func unescape(s string) string { return markdownEscape().ReplaceAllString(s, "$1") }
