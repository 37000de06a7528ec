package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestServeBadFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--dir", filepath.Join(t.TempDir(), "nope")}, "is not a site built by make web"},
		{[]string{"serve", "--nonsense"}, "unknown flag --nonsense"},
		{[]string{"serve", "extra"}, "unexpected argument"},
	} {
		code, _, stderr := call(t, tc.args...)
		if code != exitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, %q; want exit %d and %q", tc.args, code, stderr, exitUsage, tc.want)
		}
	}
}

// escalate serve --dir serves a static site on loopback until interrupted.
func TestServeStaticSite(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"index.html", "escalate.wasm.gz", "wasm_exec.js", "assets/web/app.js"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(f)), 0o755)
		os.WriteFile(filepath.Join(dir, f), []byte("file "+f), 0o644)
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- cmdServe(ctx, []string{"--dir", dir, "--addr", "127.0.0.1:0"}, pw, io.Discard)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, pr)
	url := strings.Fields(strings.TrimPrefix(line, "serving the page on "))[0]
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("serve said %q", line)
	}
	resp, err := http.Get(url + "assets/web/app.js")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "file assets/web/app.js" {
		t.Errorf("GET assets/web/app.js = %q", body)
	}
	if resp, err := http.Get(url + "secret"); err != nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /secret: %v %v", resp.StatusCode, err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after the interrupt", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop after the interrupt")
	}
}
