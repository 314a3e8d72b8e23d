package partnership

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// verbRE finds the verbs of a format of package fmt, with their explicit index if any.
var verbRE = regexp.MustCompile(`%(?:\[(\d+)\])?[-+# 0]*\d*(?:\.\d+)?([a-zA-Z%])`)

// formatArgs returns the verb of each argument a format takes, by position (1-based), and
// whether it names them by explicit indexes.
func formatArgs(format string) (map[int]byte, bool) {
	args := map[int]byte{}
	next, indexed := 1, false
	for _, m := range verbRE.FindAllStringSubmatch(format, -1) {
		if m[2] == "%" {
			continue
		}
		n := next
		if m[1] != "" {
			n, _ = strconv.Atoi(m[1])
			indexed = true
		}
		args[n] = m[2][0]
		next = n + 1
	}
	return args, indexed
}

// TestCatalogue checks every message: an English and a French text, taking the same arguments
// with compatible verbs, in the style of the catalogue, and French typography once written.
func TestCatalogue(t *testing.T) {
	for code, text := range catalogue {
		t.Run(code, func(t *testing.T) {
			if !regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9_]+)*$`).MatchString(code) {
				t.Errorf("code %q is not lower-case words joined by hyphens", code)
			}
			if strings.TrimSpace(text.En) == "" || strings.TrimSpace(text.Fr) == "" {
				t.Fatalf("a text is missing: %+v", text)
			}
			pairs := [][2]string{{text.En, text.Fr}}
			if strings.Contains(text.En, "|") || strings.Contains(text.Fr, "|") {
				en1, en2, okEn := strings.Cut(text.En, "|")
				fr1, fr2, okFr := strings.Cut(text.Fr, "|")
				if !okEn || !okFr {
					t.Fatalf("a count needs a singular and a plural in both languages: %+v", text)
				}
				pairs = [][2]string{{en1, fr1}, {en2, fr2}}
			}
			for _, p := range pairs {
				en, enIndexed := formatArgs(p[0])
				fr, frIndexed := formatArgs(p[1])
				if !enIndexed && !frIndexed && len(en) != len(fr) {
					t.Errorf("English takes %d arguments, French %d:\n%s\n%s", len(en), len(fr), p[0], p[1])
				}
				if frIndexed && !enIndexed && len(en) < len(fr) {
					t.Errorf("French names arguments English does not take; give English explicit indexes too")
				}
				for i, v := range en {
					if w, ok := fr[i]; ok && (v == 'd') != (w == 'd') {
						t.Errorf("argument %d is %%%c in English and %%%c in French", i, v, w)
					}
				}
			}
			fr := FrenchSpaces(text.Fr)
			for _, bad := range []string{" :", " ;", " ?", " !", "« ", " »", " %%", " €", "'"} {
				if strings.Contains(fr, bad) {
					t.Errorf("the French text has %q, which French typography does not write: %s", bad, fr)
				}
			}
			if strings.HasSuffix(text.En, ".") || strings.HasSuffix(text.Fr, ".") {
				t.Errorf("a message ends with a period: %+v", text)
			}
		})
	}
}

// TestCodesExist reads the source of the module and checks that every message code it passes
// to the functions that report messages is in the catalogue, and that the codes built from the
// schema's values (kinds, roles, voting methods) are too.
func TestCodesExist(t *testing.T) {
	reporters := map[string]int{ // function name: index of its code argument
		"M": 0, "Say": 0, "WithHint": 0, "SetHint": 0, "Diag": 1, "problem": 1, "warning": 1,
		"errorAt": 2, "fail": 2, "report": 1, "usageError": 1, "failure": 2, "say": 2, "messageError": 0, "failedStep": 0,
	}
	codeRE := regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9_]+)*$`)
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || Hidden(d.Name())) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var name string
			switch fn := call.Fun.(type) {
			case *ast.Ident:
				name = fn.Name
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			}
			i, ok := reporters[name]
			if !ok || i >= len(call.Args) {
				return true
			}
			lit, ok := call.Args[i].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			code, err := strconv.Unquote(lit.Value)
			if err != nil || !codeRE.MatchString(code) {
				return true
			}
			checked++
			if _, ok := catalogue[code]; !ok {
				t.Errorf("%s: message code %q is not in the catalogue", fset.Position(lit.Pos()), code)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 150 {
		t.Errorf("only %d message codes found in the source; the scan misses the reporting functions", checked)
	}
	var built []string
	for _, k := range Kinds {
		built = append(built, "a-"+string(k), "the-"+string(k), "every-"+string(k))
	}
	model := Schema()
	for _, r := range model.At("/parties/0/role").Enum {
		built = append(built, "a-role-"+r)
	}
	for _, m := range model.At("/governance/rules/0/method").Enum {
		built = append(built, "method-"+m)
	}
	for _, m := range model.At("/governance/bodies/0/method").Enum {
		built = append(built, "decides-by-"+m)
	}
	built = append(built, "decides-by-none", "a-condition-social", "a-condition-ecological")
	for _, ty := range []string{"string", "integer", "number", "boolean", "array", "object", "null"} {
		built = append(built, "type-"+ty)
	}
	for _, l := range TextLanguages {
		built = append(built, "lang-"+l)
	}
	for _, u := range []string{"days", "months", "years"} {
		built = append(built, "value-"+u)
	}
	for _, code := range built {
		if _, ok := catalogue[code]; !ok {
			t.Errorf("message code %q, built from a value, is not in the catalogue", code)
		}
	}
}

// TestSynonyms checks that the French words a user tries for a value of an enumeration lead to
// it, and that every value the table names is a value of the schema.
func TestSynonyms(t *testing.T) {
	roles := Schema().At("/parties/0/role").Enum
	tests := []struct {
		got     string
		allowed []string
		want    string
	}{
		{"financeur", roles, "funder"},
		{"Financeurs", roles, "funder"},
		{"collectivité", roles, "public_authority"},
		{"Collectivite territoriale", roles, "public_authority"},
		{"association", roles, "citizen_collective"},
		{"opérateur", roles, "operator"},
		{"tacite", Schema().At("/duration/renewal/mode").Enum, "tacit"},
		{"majorité qualifiée", Schema().At("/governance/rules/0/method").Enum, "qualified_majority"},
		{"charte", Schema().At("/kind").Enum, "charter"},
		{"logiciel", Schema().At("/commons/type").Enum, "digital"},
		{"owner", roles, ""},
		{"financeur", []string{"ordinary", "complex"}, ""},
	}
	for _, tt := range tests {
		if got := Synonym(tt.got, tt.allowed); got != tt.want {
			t.Errorf("Synonym(%q) = %q, want %q", tt.got, got, tt.want)
		}
	}
	values := map[string]bool{}
	var walk func(n *SchemaNode, seen map[*SchemaNode]bool)
	walk = func(n *SchemaNode, seen map[*SchemaNode]bool) {
		if n == nil || seen[n] {
			return
		}
		seen[n] = true
		for _, v := range n.Enum {
			values[v] = true
		}
		walk(n.Resolved(), seen)
		walk(n.Items, seen)
		for _, p := range n.Properties {
			walk(p.Node, seen)
		}
	}
	walk(Schema().Root, map[*SchemaNode]bool{})
	values["true"], values["false"] = true, true // booleans written in words
	for v := range frenchSynonyms {
		if !values[v] {
			t.Errorf("the synonyms name %q, which no enumeration of the schema has", v)
		}
	}
	if !values["funder"] || !values["citizens"] {
		t.Fatal("the walk of the schema found no enumeration")
	}
}

// TestMessagesInFrench writes messages in both languages: arguments that read differently in
// each language, and the spaces of French typography.
func TestMessagesInFrench(t *testing.T) {
	tests := []struct {
		msg    Msg
		en, fr string
	}{
		{M("unknown-key", "ower"), `unknown key "ower"`, "clé inconnue «\u00a0ower\u00a0»"},
		{M("did-you-mean", "owner"), `did you mean "owner"?`, "vouliez-vous dire «\u00a0owner\u00a0»\u202f?"},
		{M("must-be-one-of", QuotedOr([]string{"a", "b", "c"}), Value{"x"}), `must be one of "a", "b" or "c"; got "x"`,
			"doit être l’une des valeurs «\u00a0a\u00a0», «\u00a0b\u00a0» ou «\u00a0c\u00a0»\u202f; valeur donnée\u00a0: «\u00a0x\u00a0»"},
		{M("grant-over-costs", Amount(12500.5), Amount(10000)), "a grant of 12,500.50 € exceeds its eligible costs of 10,000 €",
			"une subvention de 12\u202f500,50\u202f€ dépasse ses dépenses éligibles de 10\u202f000\u202f€"},
		{M("min-items", Count{1, "n-items"}), "must list at least 1 item", "doit compter au moins 1 élément"},
		{M("min-items", Count{2, "n-items"}), "must list at least 2 items", "doit compter au moins 2 éléments"},
		{M("text-lacks-language", "en", "fr", LangName("en"), LangName("fr")), `this text has no "en" version; it is shown in "fr"`,
			"ce texte n’a pas de version en anglais\u202f; il est affiché en français"},
		{M("yaml-syntax", parserText{"did not find expected key", yamlFrench}, Then(M("yaml-explain-expected-key"))),
			"not valid YAML: did not find expected key; this line is probably not indented like the keys around it",
			"YAML non valide\u00a0: clé attendue introuvable\u202f; cette ligne n’est sans doute pas indentée comme les clés qui l’entourent"},
		{M("url-space"), "it holds a space; write %20 or remove what follows the address", "elle contient une espace\u202f; écrivez «\u00a0%20\u00a0» ou retirez ce qui suit l’adresse"},
	}
	for _, tt := range tests {
		if got := tt.msg.In(English); got != tt.en {
			t.Errorf("%s in English:\n got %q\nwant %q", tt.msg.Code, got, tt.en)
		}
		if got := tt.msg.In(French); got != tt.fr {
			t.Errorf("%s in French:\n got %q\nwant %q", tt.msg.Code, got, tt.fr)
		}
	}
}

// TestDiagnosticIn writes a diagnostic in French: same position, pointer and code, its message
// and hint in French, and the word that marks a warning.
func TestDiagnosticIn(t *testing.T) {
	d := At("pacte.yaml", Pos{Line: 28, Column: 3}, "/commons/ower").Say("unknown-key", "ower").WithHint("did-you-mean", "owner")
	if got, want := d.String(), `pacte.yaml:28:3: /commons/ower: unknown key "ower"; did you mean "owner"?`; got != want {
		t.Errorf("English:\n got %s\nwant %s", got, want)
	}
	fr := d.In(French)
	if got, want := fr.String(), "pacte.yaml:28:3: /commons/ower: clé inconnue «\u00a0ower\u00a0»\u202f; vouliez-vous dire «\u00a0owner\u00a0»\u202f?"; got != want {
		t.Errorf("French:\n got %s\nwant %s", got, want)
	}
	if fr.Code != "unknown-key" || fr.HintCode != "did-you-mean" || fr.Line != 28 || fr.Pointer != "/commons/ower" {
		t.Errorf("French diagnostic lost its code or place: %+v", fr)
	}
	if fr.In(English).String() != d.String() {
		t.Error("a diagnostic written in French cannot be written in English again")
	}
	w := d
	w.Severity = Warning
	if got := w.In(French).String(); !strings.Contains(got, "/commons/ower: avertissement\u00a0: clé inconnue") {
		t.Errorf("French warning: %s", got)
	}
}

func TestMessageLang(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"LANG": "fr_FR.UTF-8"}, "fr"},
		{map[string]string{"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en"},
		{map[string]string{"LANG": "en_GB.UTF-8", "LC_MESSAGES": "fr_BE", "LC_ALL": "fr_CA.UTF-8"}, "fr"},
		{map[string]string{"LANG": "fr_FR.UTF-8", "LC_ALL": "C"}, ""},
		{map[string]string{"LANG": "de_DE.UTF-8"}, ""},
		{map[string]string{"LANG": "fr"}, "fr"},
		{map[string]string{}, ""},
	}
	for _, tt := range tests {
		if got := MessageLang(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("MessageLang(%v) = %q, want %q", tt.env, got, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"", "abc", 3}, {"owner", "owner", 0}, {"ower", "owner", 1},
		{"lnit", "lint", 1}, {"lnit", "list", 2}, {"rendr", "render", 1}, {"teh", "the", 1},
		{"citizen_colective", "citizen_collective", 1}, {"clé", "cle", 1}, {"abcd", "badc", 2}, {"kitten", "sitting", 3},
	}
	for _, tt := range tests {
		if got := EditDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	if got := Closest("lnit", []string{"list", "lint"}); got != "lint" {
		t.Errorf("Closest(lnit) = %q, want the swap of two letters, lint", got)
	}
}
