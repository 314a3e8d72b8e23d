package serve

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/validate"
	"github.com/sergi/go-diff/diffmatchpatch"
)

// changedLines lists the lines removed (-) and added (+) between two texts, as git diff would.
func changedLines(a, b []byte) []string {
	var out []string
	for _, d := range lineDiff(a, b) {
		for _, l := range d.lines {
			switch d.Type {
			case diffmatchpatch.DiffDelete:
				out = append(out, "-"+strings.TrimSuffix(l, "\n"))
			case diffmatchpatch.DiffInsert:
				out = append(out, "+"+strings.TrimSuffix(l, "\n"))
			}
		}
	}
	return out
}

func raw(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

func TestEditKeepsTheShapeOfTheFile(t *testing.T) {
	starter := partnership.Scaffold(partnership.KindConvention, "fr")
	tests := []struct {
		name string
		ops  []Op
		want []string
	}{
		{
			name: "one text",
			ops:  []Op{{Op: "set", Path: "/parties/1/name", Value: raw("Les Amis du Parc")}},
			want: []string{"-    name: Collectif des Glycines", "+    name: Les Amis du Parc"},
		},
		{
			name: "a quoted date stays quoted",
			ops:  []Op{{Op: "set", Path: "/date", Value: raw("2026-03-01")}},
			want: []string{`-date: "2026-02-20"`, `+date: "2026-03-01"`},
		},
		{
			name: "a text that looks like a number is quoted",
			ops:  []Op{{Op: "set", Path: "/place", Value: raw("1789")}},
			want: []string{"-place: Valmont", `+place: "1789"`},
		},
		{
			name: "a number",
			ops:  []Op{{Op: "set", Path: "/duration/months", Value: raw(24)}},
			want: []string{"-  months: 36", "+  months: 24"},
		},
		{
			name: "a removed key takes its comment with it",
			ops:  []Op{{Op: "remove", Path: "/place"}},
			want: []string{"-# Lieu (facultatif) : Lieu de signature du document.", "-place: Valmont", "-"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Edit(starter, partnership.FormatYAML, tt.ops)
			if err != nil {
				t.Fatal(err)
			}
			changes := changedLines(starter, got)
			if strings.Join(changes, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("changed lines:\n%s\nwant:\n%s", strings.Join(changes, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestTypingThroughASpace sends a text in the middle of its typing, as the editor does after a
// pause: quotes the half-typed text needed must not stay once it is typed in full.
func TestTypingThroughASpace(t *testing.T) {
	starter := partnership.Scaffold(partnership.KindConvention, "fr")
	text := starter
	for _, typed := range []string{"Les ", "Les Amis du ", "Les Amis du Jardin"} {
		var err error
		if text, err = Edit(text, partnership.FormatYAML, []Op{{Op: "set", Path: "/parties/1/name", Value: raw(typed)}}); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"-    name: Collectif des Glycines", "+    name: Les Amis du Jardin"}
	if changes := changedLines(starter, text); strings.Join(changes, "\n") != strings.Join(want, "\n") {
		t.Errorf("changed lines: %q", changes)
	}
}

func TestEditStructure(t *testing.T) {
	src := []byte(`# A small definition.
kind: convention

lang: fr   # the language
title: Pacte

parties:
  - id: ville
    name: Ville
  - id: asso
    name: Asso

# The end.
summary: Fin
`)
	tests := []struct {
		name string
		ops  []Op
		want string
	}{
		{
			name: "a new key lands in schema order",
			ops:  []Op{{Op: "set", Path: "/id", Value: raw("pacte")}},
			want: strings.Replace(string(src), "title: Pacte\n", "id: pacte\ntitle: Pacte\n", 1),
		},
		{
			name: "a new section is created with its parents",
			ops:  []Op{{Op: "set", Path: "/commons/name", Value: raw("Jardin")}},
			want: string(src) + "commons:\n  name: Jardin\n",
		},
		{
			name: "an item is appended after the last one",
			ops:  []Op{{Op: "set", Path: "/parties/-", Value: json.RawMessage(`{"id": "metro", "name": "Métropole"}`)}},
			want: strings.Replace(string(src), "    name: Asso\n", "    name: Asso\n  - id: metro\n    name: Métropole\n", 1),
		},
		{
			name: "items are reordered",
			ops:  []Op{{Op: "move", From: "/parties/1", Path: "/parties/0"}},
			want: strings.Replace(string(src), "  - id: ville\n    name: Ville\n  - id: asso\n    name: Asso\n", "  - id: asso\n    name: Asso\n  - id: ville\n    name: Ville\n", 1),
		},
		{
			name: "an item is removed",
			ops:  []Op{{Op: "remove", Path: "/parties/0"}},
			want: strings.Replace(string(src), "  - id: ville\n    name: Ville\n", "", 1),
		},
		{
			name: "a multi-line text becomes a block",
			ops:  []Op{{Op: "set", Path: "/summary", Value: raw("Première ligne.\nSeconde ligne.")}},
			want: strings.Replace(string(src), "summary: Fin\n", "summary: |-\n  Première ligne.\n  Seconde ligne.\n", 1),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Edit(src, partnership.FormatYAML, tt.ops)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestEditJSON(t *testing.T) {
	src, err := os.ReadFile("../../examples/candidature-repair-cafe-mobile.json")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Edit(src, partnership.FormatJSON, []Op{{Op: "set", Path: "/title", Value: raw("Un café <réparation> & co")}})
	if err != nil {
		t.Fatal(err)
	}
	changes := changedLines(src, got)
	if len(changes) != 2 || !strings.Contains(changes[1], `"title": "Un café <réparation> & co",`) {
		t.Errorf("changed lines: %q", changes)
	}
}

func TestEditErrors(t *testing.T) {
	src := []byte("kind: convention\nparties:\n  - id: a\n")
	for _, op := range []Op{
		{Op: "set", Path: "", Value: raw(1)},
		{Op: "set", Path: "/parties/7/name", Value: raw("x")},
		{Op: "set", Path: "/kind/x", Value: raw("x")},
		{Op: "move", From: "/parties/0", Path: "/kind"},
		{Op: "copy", Path: "/kind"},
		{Op: "set", Path: "kind", Value: raw("x")},
		{Op: "set", Path: "/kind"},
	} {
		if _, err := Edit(src, partnership.FormatYAML, []Op{op}); err == nil {
			t.Errorf("%+v: no error", op)
		}
	}
	if _, err := Edit([]byte("- a\n- b\n"), partnership.FormatYAML, nil); err == nil {
		t.Error("a list at the root: no error")
	}
}

// TestEditLanguages follows a free text through its forms: one text, one text per language,
// one language of a mapping changed, added or removed, and one text again. Each change touches
// the lines of that text only.
func TestEditLanguages(t *testing.T) {
	starter := partnership.Scaffold(partnership.KindConvention, "fr")
	concession, err := os.ReadFile("../../examples/concession-can-teixidor.yaml")
	if err != nil {
		t.Fatal(err)
	}
	french := bytes.Replace(starter, []byte("title: Pacte"), []byte("title:\n  fr: Pacte"), 1)
	tests := []struct {
		name string
		src  []byte
		ops  []Op
		want []string
	}{
		{
			name: "a text becomes one per language, in the order of the schema",
			src:  starter,
			ops:  []Op{{Op: "set", Path: "/title", Value: json.RawMessage(`{"en": "Garden pact", "fr": "Pacte du jardin"}`)}},
			want: []string{"-title: Pacte de collaboration pour le jardin partagé des Glycines", "+title:", "+  fr: Pacte du jardin", "+  en: Garden pact"},
		},
		{
			name: "an item of a list becomes one per language",
			src:  starter,
			ops:  []Op{{Op: "set", Path: "/legal_basis/0", Value: json.RawMessage(`{"fr": "Article L. 1111-2", "en": "Section L. 1111-2"}`)}},
			want: []string{"-  - Article L. 1111-2 du code général des collectivités territoriales", "+  - fr: Article L. 1111-2", "+    en: Section L. 1111-2"},
		},
		{
			name: "one language of a mapping",
			src:  concession,
			ops:  []Op{{Op: "set", Path: "/parties/0/designation/en", Value: raw("the City")}},
			want: []string{"-      en: the City Council", "+      en: the City"},
		},
		{
			name: "a language added to a mapping",
			src:  french,
			ops:  []Op{{Op: "set", Path: "/title/en", Value: raw("Pact")}},
			want: []string{"+  en: Pact"},
		},
		{
			name: "a language removed",
			src:  concession,
			ops:  []Op{{Op: "remove", Path: "/place/en"}},
			want: []string{"-  en: Barcelona"},
		},
		{
			name: "a text folded over lines, replaced",
			src:  concession,
			ops:  []Op{{Op: "set", Path: "/summary/en", Value: raw("A concession of thirty years.")}},
			want: []string{
				"-  en: >-",
				"-    Barcelona City Council entrusts the Can Teixidor Neighbours’ Association, for thirty",
				"-    years, with the use and management of the former textile factory of the Sants",
				"-    neighbourhood, which becomes a facility open to everyone: workshops, rooms for local",
				"-    groups, a tool library and a community canteen.",
				"+  en: A concession of thirty years.",
			},
		},
		{
			name: "one text again",
			src:  concession,
			ops:  []Op{{Op: "set", Path: "/title", Value: raw("Concession Can Teixidor")}},
			want: []string{
				"-title:",
				"-  fr: Concession de gestion civique de l’ancienne fabrique Can Teixidor",
				"-  en: Civic-management concession of the former Can Teixidor factory",
				"+title: Concession Can Teixidor",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Edit(tt.src, partnership.FormatYAML, tt.ops)
			if err != nil {
				t.Fatal(err)
			}
			if changes := changedLines(tt.src, got); strings.Join(changes, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("changed lines:\n%s\nwant:\n%s", strings.Join(changes, "\n"), strings.Join(tt.want, "\n"))
			}
			if _, diags := validate.Data("x.yaml", got, partnership.DefaultLimits, nil); diags.HasErrors() {
				t.Errorf("the edited file does not validate: %v", diags)
			}
		})
	}
	// A language of a text written once cannot be set on its own: the form sends the mapping.
	if _, err := Edit(starter, partnership.FormatYAML, []Op{{Op: "set", Path: "/title/en", Value: raw("Pact")}}); err == nil {
		t.Error("a language set inside a text: no error")
	}
}
