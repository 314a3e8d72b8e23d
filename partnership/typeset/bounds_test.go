package typeset

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestPDFIsBounded checks that no input makes the layout run away: a column narrower than a
// character, a cell taller than a page, a document longer than the page limit, a cancelled
// context.
func TestPDFIsBounded(t *testing.T) {
	var many strings.Builder
	many.WriteString("| " + strings.Repeat("a | ", 120) + "\n|" + strings.Repeat(" --- |", 120) + "\n")
	for range 3 {
		many.WriteString("| " + strings.Repeat("Candidature | ", 120) + "\n")
	}
	tall := "| Poste | Détail |\n| --- | --- |\n| Long | " + strings.Repeat("Une phrase qui remplit la cellule. ", 900) + " |\n| Court | fin |\n"
	var long strings.Builder
	for i := range 400 {
		fmt.Fprintf(&long, "## Article %d {#a%d}\n\n%s\n\n", i+1, i+1, strings.Repeat("Texte de l’article. ", 40))
	}
	tests := []struct {
		name    string
		md      string
		opts    PDFOptions
		ctx     func() context.Context
		wantErr error
		check   func(t *testing.T, doc *PDFDocument)
	}{
		{name: "columns narrower than a character", md: many.String(), check: func(t *testing.T, doc *PDFDocument) {
			// Each letter on a line of its own, and every letter there.
			if n := strings.Count(pdfText(t, doc.Data, 0), "C"); n < 360 {
				t.Errorf("%d pages, %d of the 360 capital letters", doc.Pages, n)
			}
		}},
		{name: "a row taller than a page", md: tall, check: func(t *testing.T, doc *PDFDocument) {
			text := pdfText(t, doc.Data, 0)
			if doc.Pages < 3 || !strings.Contains(text, "Court") || strings.Count(text, "Détail") < doc.Pages-1 {
				t.Errorf("%d pages; the row is not split with the header on every page:\n%s", doc.Pages, text[:300])
			}
		}},
		{name: "page limit", md: long.String(), opts: PDFOptions{MaxPages: 20}, wantErr: ErrTooManyPages},
		{name: "cancelled", md: long.String(), ctx: func() context.Context {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx
		}, wantErr: context.Canceled},
		{name: "time limit", md: long.String(), opts: PDFOptions{Timeout: time.Nanosecond}, wantErr: context.DeadlineExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			if tt.ctx != nil {
				ctx = tt.ctx()
			}
			doc, err := PDFContext(ctx, []byte(testFront+tt.md), tt.opts)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("got %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, doc)
		})
	}
}

// TestTextAsWritten checks what the PDF prints of escaped Markdown, ordinals and links.
func TestTextAsWritten(t *testing.T) {
	md := testFront + "## Article 1er – Objet {#objet}\n\n" +
		"Jardins \\& Vergers du\\_Val, Président \\*par intérim\\*, \\# Ville, 1\\. Association, &amp; et \\&amp;.\n\n" +
		"Le 1er juillet, la 2e fois, [le 1er lien](https://fr.wikipedia.org/wiki/Verger_(agriculture)?action=history).\n\n" +
		"L’association جمعية الحديقة (Lyon) et שלום עולם.\n"
	doc := typeset(t, md)
	text := strings.Join(strings.Fields(pdfText(t, doc.Data, 0)), " ")
	for _, want := range []string{"Jardins & Vergers du_Val, Président *par intérim*, # Ville, 1. Association, & et &amp;.", "Article 1er – Objet", "Le 1er juillet, la 2e fois"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF does not say %q:\n%s", want, text)
		}
	}
	if !strings.Contains(string(doc.Data), "/URI (https://fr.wikipedia.org/wiki/Verger_(agriculture)?action=history)") &&
		!strings.Contains(string(doc.Data), `/URI (https://fr.wikipedia.org/wiki/Verger_\(agriculture\)?action=history)`) {
		t.Error("the link does not point at the address as written")
	}
	page, err := HTML([]byte(md))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`Article 1<sup>er</sup> – Objet`, `Le 1<sup>er</sup> juillet, la 2<sup>e</sup> fois`, `href="https://fr.wikipedia.org/wiki/Verger_(agriculture)?action=history">le 1er lien</a>`,
		`L’association <bdi>جمعية الحديقة</bdi> (Lyon) et <bdi>שלום עולם</bdi>.`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the HTML does not have %q", want)
		}
	}
}

func ExampleCovers() {
	fmt.Println(Covers('é', nil), Covers('Ж', nil), Covers('\u2011', nil), Covers('😀', nil))
	// Output: true true true false
}
