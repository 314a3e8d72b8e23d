package serve

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// checkCall checks an application that names call, as the editor does while it is edited, and
// returns the messages of its diagnostics and the whole response. It fails when the server
// takes more than a few seconds to answer.
func checkCall(t *testing.T, s *Server, call string) ([]string, string) {
	t.Helper()
	text := "kind: application\nlang: en\napplication:\n  call:\n    file: " + call + "\n"
	done := make(chan string, 1)
	go func() {
		w := request(s, http.MethodPost, "/api/check", checkRequest{Name: "water-board.yaml", Text: text}, nil)
		if w.Code != http.StatusOK {
			t.Errorf("check: %d %s", w.Code, w.Body)
		}
		done <- w.Body.String()
	}()
	var body string
	select {
	case body = <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("the call %q: no answer after 10 s", call)
	}
	var snap snapshot
	if err := json.Unmarshal([]byte(body), &snap); err != nil {
		t.Fatal(err)
	}
	var messages []string
	for _, d := range snap.Diagnostics {
		messages = append(messages, d.Pointer+": "+d.Message)
	}
	return messages, body
}

// TestCallIsReadLikeAnyFileOfTheWorkspace checks the call an application names, as the editor
// reads it: only inside the workspace (an absolute path names nothing there), only a regular file
// (a named pipe does not block the server), and a file that is not a call for commons is
// reported without a word of what it holds.
func TestCallIsReadLikeAnyFileOfTheWorkspace(t *testing.T) {
	s, dir := newTestServer(t, "water-board.yaml", "appel-a-communs-2026.yaml")
	files := map[string]string{
		"notes.yaml":  "kind: convention\ntitle: mot de passe hunter2\n",
		"broken.yaml": "hunter2: [\n",
		"other.yaml":  "kind: hunter2\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pipe := filepath.Join(dir, "pipe.yaml")
	pipes := mkfifo(pipe) == nil
	tests := []struct{ call, message string }{
		{"appel-a-communs-2026.yaml", ""},
		{"/etc/passwd", "is an absolute path"},
		{filepath.Join(dir, "appel-a-communs-2026.yaml"), "is an absolute path"},
		{"../appel-a-communs-2026.yaml", "leads outside the workspace"},
		{"notes.yaml", `the call "notes.yaml" is not a call for commons; its kind is "convention"`},
		{"other.yaml", `the call "other.yaml" is not a call for commons`},
		{"broken.yaml", `the call "broken.yaml" is not a definition that can be read`},
		{"pipe.yaml", "is not a regular file"},
	}
	for _, tt := range tests {
		t.Run(tt.call, func(t *testing.T) {
			if tt.call == "pipe.yaml" && !pipes {
				t.Skip("no named pipes on this system")
			}
			messages, body := checkCall(t, s, tt.call)
			var found bool
			for _, m := range messages {
				found = found || strings.HasPrefix(m, "/application/call/file: ") && tt.message != "" && strings.Contains(m, tt.message)
				if tt.message == "" && strings.HasPrefix(m, "/application/call/file: ") {
					t.Errorf("a call of the workspace is refused: %s", m)
				}
			}
			if tt.message != "" && !found {
				t.Errorf("no diagnostic of /application/call/file says %q:\n%s", tt.message, strings.Join(messages, "\n"))
			}
			if strings.Contains(body, "hunter2") {
				t.Errorf("the response quotes the file the application names:\n%s", body)
			}
		})
	}
}
