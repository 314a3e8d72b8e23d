package partnership_test

import (
	"testing"

	"github.com/commons-toolkit/commons/partnership"
)

func TestGitHubAnnotation(t *testing.T) {
	tests := []struct {
		name string
		d    partnership.Diagnostic
		want string
	}{
		{"error with pointer and hint",
			partnership.Diagnostic{Severity: partnership.Error, File: "examples/x.yaml", Line: 28, Column: 3, Pointer: "/commons/ower", Message: `unknown key "ower"`, Hint: `did you mean "owner"?`},
			`::error file=examples/x.yaml,line=28,col=3::/commons/ower: unknown key "ower"; did you mean "owner"?`},
		{"warning",
			partnership.Diagnostic{Severity: partnership.Warning, File: "a.yaml", Line: 1, Column: 1, Pointer: "/parties/0", Message: "no representative"},
			`::warning file=a.yaml,line=1,col=1::/parties/0: no representative`},
		{"root pointer and unknown position",
			partnership.Diagnostic{Severity: partnership.Error, File: "a.yaml", Message: "file is empty"},
			`::error file=a.yaml::file is empty`},
		{"message escapes % CR and LF, keeps : and ,",
			partnership.Diagnostic{Severity: partnership.Error, File: "a.yaml", Line: 2, Column: 4, Pointer: "/rate", Message: "100% is too much,\r\nreally: yes"},
			`::error file=a.yaml,line=2,col=4::/rate: 100%25 is too much,%0D%0Areally: yes`},
		{"file property escapes , : % and line breaks",
			partnership.Diagnostic{Severity: partnership.Error, File: "C:/a,b%c\nd.yaml", Line: 1, Column: 1, Message: "m"},
			`::error file=C%3A/a%2Cb%25c%0Ad.yaml,line=1,col=1::m`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.GitHubAnnotation(); got != tt.want {
				t.Errorf("got\n  %s\nwant\n  %s", got, tt.want)
			}
		})
	}
}
