//go:build unix

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServeFinishesASaveOnInterrupt interrupts commons serve while a save is on its way: the
// request has arrived, its body is still coming, and comes in full only after the grace every
// other command gets. The save is finished, not cut (no hidden temporary file is left in the
// workspace), and the program then stops with the status 130.
func TestServeFinishesASaveOnInterrupt(t *testing.T) {
	repoRoot(t)
	bin := program(t)
	dir := t.TempDir()
	const name = "pacte.yaml"
	data, err := os.ReadFile("examples/pacte-parc-des-glycines.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", dir)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := bufio.NewReader(stderr)
	first, err := lines.ReadString('\n')
	addr := regexp.MustCompile(`http://([^/\s]+)/`).FindStringSubmatch(first)
	if err != nil || addr == nil {
		t.Fatalf("commons serve says %q (%v)", first, err)
	}
	host := addr[1]

	res, err := http.Get("http://" + host + "/api/file?name=" + url.QueryEscape(name))
	if err != nil {
		t.Fatal(err)
	}
	var file struct{ Digest string }
	json.NewDecoder(res.Body).Decode(&file)
	res.Body.Close()
	edited := strings.Replace(string(data), "\ntitle:", "\n# saved while stopping\ntitle:", 1)
	body, _ := json.Marshal(map[string]any{"name": name, "text": edited, "base": file.Digest})

	conn, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// The server says "100 Continue" once the handler of the save reads the body: the save is
	// then in flight.
	fmt.Fprintf(conn, "POST /api/save HTTP/1.1\r\nHost: %s\r\nOrigin: http://%s\r\nContent-Type: application/json\r\n"+
		"Content-Length: %d\r\nExpect: 100-continue\r\n\r\n", host, host, len(body))
	answers := bufio.NewReader(conn)
	if resp, err := http.ReadResponse(answers, nil); err != nil || resp.StatusCode != http.StatusContinue {
		t.Fatalf("the save does not start: %v %v", resp, err)
	}
	half := len(body) / 2
	conn.Write(body[:half])
	cmd.Process.Signal(syscall.SIGINT)
	time.Sleep(2 * interruptGrace)
	conn.Write(body[half:])
	resp, err := http.ReadResponse(answers, nil)
	if err != nil {
		t.Fatalf("the save in flight got no answer: %v", err)
	}
	answer, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Errorf("the save in flight: %s %s", resp.Status, answer)
	}

	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	rest, _ := io.ReadAll(lines)
	select {
	case <-exited:
	case <-time.After(10 * time.Second):
		t.Fatal("commons serve does not stop after the save")
	}
	if code := cmd.ProcessState.ExitCode(); code != exitInterrupted || !bytes.Contains(rest, []byte("interrupted")) {
		t.Errorf("exit %d, stderr:\n%s", code, rest)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, name)); string(got) != edited {
		t.Error("the file does not hold the text saved")
	}
	if tmp := leftoverTemps(t, dir); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}
