package render_test

import (
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/render"
)

// TestSignatureLine: the line above the signatures says where and when the document is signed
// only as far as the definition says it, with the punctuation a French legal department writes:
// no comma after « Fait » when no place follows it.
func TestSignatureLine(t *testing.T) {
	const charter = `kind: charter
lang: fr
id: charte
title: Charte
%sparties:
  - {id: ville, name: Ville de Valmont, designation: la Ville, role: public_authority, representative: {name: A, capacity: Maire}}
  - {id: asso, name: Association des Amis, designation: l’Association, role: citizen_collective, representative: {name: B, capacity: Présidente}}
charter: {adopted_by: [ville, asso]}
`
	for _, c := range []struct{ name, head, fr, en string }{
		{"place and date", "place: Valmont\ndate: 2026-05-04\n",
			"Fait à Valmont, le 4 mai 2026, en deux exemplaires originaux.", "Signed at Valmont on 4 May 2026 in duplicate."},
		{"place only", "place: Valmont\n",
			"Fait à Valmont, en deux exemplaires originaux.", "Signed at Valmont in duplicate."},
		{"date only", "date: 2026-05-04\n",
			"Fait le 4 mai 2026, en deux exemplaires originaux.", "Signed on 4 May 2026 in duplicate."},
		{"neither", "",
			"Fait en deux exemplaires originaux.", "Signed in duplicate."},
	} {
		for lang, want := range map[string]string{"fr": c.fr, "en": c.en} {
			article := renderedArticle(t, strings.Replace(charter, "%s", c.head, 1), lang, "signatures")
			if !strings.Contains(article, "\n"+want+"\n") {
				t.Errorf("%s/%s: want %q in:\n%s", c.name, lang, want, article)
			}
		}
	}
}

// renderedArticle loads a definition, renders it in lang and returns the article of that id,
// with its no-break spaces made plain.
func renderedArticle(t *testing.T, src, lang, id string) string {
	t.Helper()
	doc, diags := partnership.Load("definition.yaml", []byte(src), partnership.DefaultLimits)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return nbsp(section(string(mustRender(t, doc, render.WithLang(lang)).Markdown), "{#"+id+"}"))
}
