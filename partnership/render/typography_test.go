package render

import (
	"strings"
	"testing"
)

func TestLocale(t *testing.T) {
	fr, en := newLocale("fr"), newLocale("en")
	nn, nb := narrowNbsp, nbsp
	tests := []struct {
		name, got, want string
	}{
		{"fr first of month", fr.date("2026-03-01"), "1er mars 2026"},
		{"fr date", fr.date("2026-08-15"), "15 août 2026"},
		{"en date", en.date("2026-03-01"), "1 March 2026"},
		{"free-text date kept", fr.date("au printemps"), "au printemps"},
		{"fr amount", fr.amount(12500), "12" + nn + "500" + nn + "€"},
		{"fr amount with cents", fr.amount(12500.5), "12" + nn + "500,50" + nn + "€"},
		{"fr small amount", fr.amount(950), "950" + nn + "€"},
		{"fr million", fr.amount(1700000), "1" + nn + "700" + nn + "000" + nn + "€"},
		{"en amount", en.amount(12500), "€12,500"},
		{"en amount with cents", en.amount(0.5), "€0.50"},
		{"fr number", fr.number(1234.5), "1" + nn + "234,5"},
		{"fr percent", fr.percent(70), "70" + nn + "%"},
		{"en percent", en.percent(66.7), "66.7%"},
		{"fr ordinal", fr.ordinal(1) + " " + fr.ordinal(2), "1er 2e"},
		{"en ordinal", en.ordinal(1) + en.ordinal(2) + en.ordinal(3) + en.ordinal(11) + en.ordinal(22), "1st2nd3rd11th22nd"},
		{"fr article number", fr.articleNumber(1) + " " + fr.articleNumber(2), "1er 2"},
		{"fr join", fr.join([]string{"a", "b", "c"}), "a, b et c"},
		{"en join", en.join([]string{"a", "b"}), "a and b"},
		{"fr spell", fr.spell(2) + " " + fr.spell(17) + " " + fr.spell(21), "deux dix-sept 21"},
		{"fr quote", fr.quote("la Commune"), "«" + nb + "la Commune" + nb + "»"},
		{"en quote", en.quote("the Town"), "“the Town”"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestFrenchSpacing(t *testing.T) {
	nn, nb := narrowNbsp, nbsp
	tests := []struct{ in, want string }{
		{"Vu : la loi ; le décret ! Quoi ? Oui.", "Vu" + nb + ": la loi" + nn + "; le décret" + nn + "! Quoi" + nn + "? Oui."},
		{"Pourquoi?", "Pourquoi" + nn + "?"},
		{"« la Commune »", "«" + nb + "la Commune" + nb + "»"},
		{"«la Commune»", "«" + nb + "la Commune" + nb + "»"},
		{"Voir <https://example.org/a?b=c;d> : ici", "Voir <https://example.org/a?b=c;d>" + nb + ": ici"},
		{"Voir [article 3](#termination) ?", "Voir [article 3](#termination)" + nn + "?"},
		{"## Article 1er – Objet {#object}", "## Article 1er – Objet {#object}"},
		{"de 10:00 à 12:00", "de 10:00 à 12:00"},
		{`un point\!`, `un point\!`},
		// Addresses, code and texts in another language are left as they are.
		{"Voir https://fr.wikipedia.org/wiki/Verger\\_(agriculture)?action=history ?", "Voir https://fr.wikipedia.org/wiki/Verger\\_(agriculture)?action=history" + nn + "?"},
		{"(voir https://exemple.org/a?b) ; fin", "(voir https://exemple.org/a?b)" + nn + "; fin"},
		{"Écrire à jardins@valmont.fr ; merci", "Écrire à jardins@valmont.fr" + nn + "; merci"},
		{"Tapez `a ; b` : fait", "Tapez `a ; b`" + nb + ": fait"},
		{markOpen + "English; as written: yes!" + markClose + " ; fin", markOpen + "English; as written: yes!" + markClose + nn + "; fin"},
		{"Autolien <mailto:a@b.fr?subject=x;y> !", "Autolien <mailto:a@b.fr?subject=x;y>" + nn + "!"},
		// Numbers are set apart from % and €.
		{"5 € et 10% ou 20 %", "5" + nn + "€ et 10" + nn + "% ou 20" + nn + "%"},
		{"un tiers % deux", "un tiers % deux"},
	}
	for _, tt := range tests {
		if got := frenchSpacing(tt.in); got != tt.want {
			t.Errorf("frenchSpacing(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestEscapeInline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"# titre", `\# titre`},
		{"1. premier", `1\. premier`},
		{"2026) fin", `2026\) fin`},
		{"- puce", `\- puce`},
		{"---", `\---`},
		{"a * b _c_ `d`", "a \\* b \\_c\\_ \\`d\\`"},
		{"[x](javascript:y)", `\[x\](javascript:y)`},
		{"<script>", `\<script\>`},
		{"a | b", `a \| b`},
		{"AT&T", `AT\&T`},
		{"ligne\n\n## deux", `ligne \#\# deux`},
		{"Saint-Étienne, 2026-014", "Saint-Étienne, 2026-014"},
	}
	for _, tt := range tests {
		if got := escapeInline(tt.in); got != tt.want {
			t.Errorf("escapeInline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitSentences(t *testing.T) {
	in := "La Commune prête les outils. M. Martin les range ; il signe. Qui paie ? L’Association. « Voilà. » Fin… Suite"
	want := []string{"La Commune prête les outils.", "M. Martin les range ; il signe.", "Qui paie ?", "L’Association.", "« Voilà. »", "Fin…", "Suite"}
	got := splitSentences(in)
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("splitSentences:\n got %q\nwant %q", got, want)
	}
}
