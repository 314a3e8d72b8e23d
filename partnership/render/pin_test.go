package render_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership/render"
)

func TestVersionRange(t *testing.T) {
	tests := []struct {
		pin    string
		bounds string
		in     []string
		out    []string
	}{
		{"1.2", ">=1.2.0 <2.0.0", []string{"1.2.0", "1.9.3"}, []string{"1.1.9", "2.0.0", "0.1.0"}},
		{"0.1.0", ">=0.1.0 <0.2.0", []string{"0.1.0", "0.1.7"}, []string{"0.2.0", "0.0.9", "1.0.0"}},
		{"0.1", ">=0.1.0 <0.2.0", []string{"0.1.0", "0.1.2"}, []string{"0.2.0"}},
		{"^0.1", ">=0.1.0 <0.2.0", []string{"0.1.0"}, []string{"0.2.0"}},
		{"^1.2.3", ">=1.2.3 <2.0.0", []string{"1.2.3", "1.4.0"}, []string{"1.2.2", "2.0.0"}},
		{"^0.0.3", ">=0.0.3 <0.0.4", []string{"0.0.3"}, []string{"0.0.4", "0.1.0"}},
		{"^0", ">=0.0.0 <1.0.0", []string{"0.1.0", "0.9.0"}, []string{"1.0.0"}},
		{"~1.2", ">=1.2.0 <1.3.0", []string{"1.2.0", "1.2.9"}, []string{"1.3.0", "1.1.0"}},
		{"~1.2.3", ">=1.2.3 <1.3.0", []string{"1.2.3"}, []string{"1.2.2", "1.3.0"}},
		{"~1", ">=1.0.0 <2.0.0", []string{"1.5.0"}, []string{"2.0.0"}},
		{"0.x", ">=0.0.0 <1.0.0", []string{"0.1.0", "0.99.1"}, []string{"1.0.0"}},
		{"1.2.*", ">=1.2.0 <1.3.0", []string{"1.2.5"}, []string{"1.3.0"}},
		{"*", ">=0.0.0", []string{"0.1.0", "7.0.0"}, nil},
		{">=0.1 <2", ">=0.1.0 <2.0.0", []string{"0.1.0", "1.9.9"}, []string{"0.0.1", "2.0.0"}},
		{">= 0.1 < 2", ">=0.1.0 <2.0.0", []string{"1.0.0"}, []string{"2.0.0"}},
		{">1.2", ">=1.3.0", []string{"1.3.0"}, []string{"1.2.9"}},
		{"<=1.2", "<1.3.0", []string{"1.2.9"}, []string{"1.3.0"}},
		{"=1.2.0", "=1.2.0", []string{"1.2.0"}, []string{"1.2.1"}},
		{"1.0 - 1.4", ">=1.0.0 <1.5.0", []string{"1.0.0", "1.4.9"}, []string{"1.5.0", "0.9.0"}},
		{"^0.1 || ^2.0", ">=0.1.0 <0.2.0 or >=2.0.0 <3.0.0", []string{"0.1.3", "2.1.0"}, []string{"1.0.0"}},
		{"v1.2.0", ">=1.2.0 <2.0.0", []string{"1.2.0"}, nil},
		{"1.2.0-rc.1", ">=1.2.0-rc.1 <2.0.0", []string{"1.2.0-rc.2", "1.2.0"}, []string{"1.1.0"}},
	}
	for _, tt := range tests {
		t.Run(tt.pin, func(t *testing.T) {
			r, err := render.ParseVersionRange(tt.pin)
			if err != nil {
				t.Fatal(err)
			}
			if got := r.String(); got != tt.bounds {
				t.Errorf("%q stands for %q, want %q", tt.pin, got, tt.bounds)
			}
			for _, v := range tt.in {
				if !r.Contains(v) {
					t.Errorf("%q does not contain %s", tt.pin, v)
				}
			}
			for _, v := range tt.out {
				if r.Contains(v) {
					t.Errorf("%q contains %s", tt.pin, v)
				}
			}
		})
	}
}

func TestVersionRangeErrors(t *testing.T) {
	for _, pin := range []string{"", "1.2.3.4", "abc", "^", "1.x || ", ">=1.2 <", "1.2-rc", "1.x.3"} {
		t.Run(pin, func(t *testing.T) {
			if r, err := render.ParseVersionRange(pin); err == nil {
				t.Errorf("%q parsed as %s; want an error", pin, r)
			}
		})
	}
}

// TestRenderChecksThePin renders a definition pinned to the library it has, to an older and
// to a newer one: only the first renders, and the error names both versions.
func TestRenderChecksThePin(t *testing.T) {
	have := mustLibrary(t).Version
	tests := []struct {
		pin  string
		want string // "" when the render must succeed
	}{
		{"", ""},
		{have, ""},
		{"^" + have, ""},
		{"0.x", ""},
		{">=0.1 <2", ""},
		{"^0.99", "asks for version ^0.99 of the clause library (>=0.99.0 <0.100.0); this program has version " + have},
		{"1.2", "asks for version 1.2 of the clause library (>=1.2.0 <2.0.0); this program has version " + have},
		{"2.x", "this program has version " + have},
	}
	for _, tt := range tests {
		t.Run(tt.pin, func(t *testing.T) {
			doc := load(t, "testdata/minimal-charter.yaml")
			doc.Definition.Templates = tt.pin
			r, err := render.New()
			if err != nil {
				t.Fatal(err)
			}
			_, err = r.Render(doc)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("templates %q: %v", tt.pin, err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("templates %q: error %v, want one containing %q", tt.pin, err, tt.want)
			case tt.want != "" && !errors.Is(err, render.ErrIncompatibleLibrary):
				t.Errorf("templates %q: error %v does not wrap ErrIncompatibleLibrary", tt.pin, err)
			}
		})
	}
}

func mustLibrary(t *testing.T) *render.Library {
	t.Helper()
	lib, err := render.EmbeddedLibrary()
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

// ExampleParseVersionRange shows what a definition's templates field accepts: a bare version
// means the versions compatible with it.
func ExampleParseVersionRange() {
	for _, pin := range []string{"1.2", "^0.1", "~1.2", "0.x", ">=0.1 <2"} {
		r, _ := render.ParseVersionRange(pin)
		fmt.Printf("%-9s %-16s contains 0.1.0: %v\n", pin, r, r.Contains("0.1.0"))
	}
	// Output:
	// 1.2       >=1.2.0 <2.0.0   contains 0.1.0: false
	// ^0.1      >=0.1.0 <0.2.0   contains 0.1.0: true
	// ~1.2      >=1.2.0 <1.3.0   contains 0.1.0: false
	// 0.x       >=0.0.0 <1.0.0   contains 0.1.0: true
	// >=0.1 <2  >=0.1.0 <2.0.0   contains 0.1.0: true
}
