package hugeheap

import (
	"slices"
	"testing"
)

func TestWanted(t *testing.T) {
	render := []string{"commons", "render", "parc.yaml"}
	for _, tc := range []struct {
		args    []string
		godebug string
		want    bool
	}{
		{render, "", true},
		{[]string{"commons", "--lang", "fr", "assess", "call.yaml", "dir"}, "", true},
		{[]string{"commons", "--version"}, "", false},
		{[]string{"commons", "serve"}, "", false},
		{[]string{"commons", "init", "charter"}, "", false},
		{render, "disablethp=1", false},
		{render, "gctrace=1,disablethp=1", false},
		{render, "disablethp=1,madvdontneed=1", false},
		{render, "disablethp=0", true},
		{render, "xdisablethp=1", true},
		// As the runtime reads GODEBUG: any number but 0 disables, the last valid setting wins.
		{render, "disablethp=10", false},
		{render, "disablethp=2", false},
		{render, "disablethp=-1", false},
		{render, "disablethp=+1", false},
		{render, "disablethp=00", true},
		{render, "disablethp=1,disablethp=0", true},
		{render, "disablethp=0,disablethp=1", false},
		{render, "disablethp=1,disablethp=x", false},
		{render, "disablethp=1,disablethp=", false},
		{render, "disablethp=x", true},
		{render, "disablethp=4294967297", true},
		{render, "disablethp=2147483647", false},
		{render, "disablethp=2147483648", true},
		{render, "disablethp=-2147483648", false},
		{render, "disablethp=-2147483649", true},
	} {
		if got := wanted(tc.args, tc.godebug); got != tc.want {
			t.Errorf("wanted(%q, %q) = %v, want %v", tc.args, tc.godebug, got, tc.want)
		}
	}
}

func TestSplit(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", []string{""}},
		{"a", []string{"a"}},
		{"a,b", []string{"a", "b"}},
		{"a,,b,", []string{"a", "", "b", ""}},
	} {
		if got := split(tc.in, ','); !slices.Equal(got, tc.want) {
			t.Errorf("split(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCommandOf(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		want  string
		index int
	}{
		{[]string{"commons"}, "", -1},
		{[]string{"commons", "render", "parc.yaml"}, "render", 1},
		{[]string{"commons", "--lang", "fr", "render", "parc.yaml"}, "render", 3},
		{[]string{"commons", "--lang=fr", "validate", "parc.yaml"}, "validate", 2},
		{[]string{"commons", "-lang", "en", "assess", "call.yaml", "dir"}, "assess", 3},
		{[]string{"commons", "--lang", "render", "render"}, "render", 3},
		{[]string{"commons", "--lang"}, "", -1},
		{[]string{"commons", "--", "render"}, "", -1},
		{[]string{"commons", "--version"}, "", -1},
	} {
		if got := CommandOf(tc.args); got != tc.want {
			t.Errorf("CommandOf(%q) = %q, want %q", tc.args, got, tc.want)
		}
		if got := CommandIndex(tc.args); got != tc.index {
			t.Errorf("CommandIndex(%q) = %d, want %d", tc.args, got, tc.index)
		}
	}
}
