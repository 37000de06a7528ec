package webserve

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestFindModule(t *testing.T) {
	root, err := FindModule(".")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "wasm", "main.go")); err != nil {
		t.Errorf("FindModule(.) = %s, which has no wasm/main.go", root)
	}
	if _, err := FindModule(t.TempDir()); err == nil || !strings.Contains(err.Error(), "make web") {
		t.Errorf("outside the repository: %v", err)
	}
}

// fakeModule writes a tiny module that looks like the repository.
func fakeModule(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module "+ModulePath+"\n\ngo 1.26\n")
	write("wasm/main.go", "package main\n\nfunc main() {}\n")
	write("model/model.go", "package model\n")
	return root
}

func TestSourceHashFollowsTheSource(t *testing.T) {
	root := fakeModule(t)
	h := func() string {
		t.Helper()
		s, err := SourceHash(root, "go1.26")
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	base := h()
	if again := h(); again != base {
		t.Fatal("the hash of unchanged sources changed")
	}
	for _, name := range []string{"model/model_test.go", "out/x.go", "web/escalate.wasm.gz", ".git/HEAD", "README.md", "model/testdata/golden.txt"} {
		p := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
		if got := h(); got != base {
			t.Errorf("writing %s changed the hash: the page's build does not depend on it", name)
		}
	}
	if v, _ := SourceHash(root, "go1.27"); v == base {
		t.Error("another Go version gave the same hash")
	}
	os.WriteFile(filepath.Join(root, "model", "model.go"), []byte("package model\n\nconst X = 1\n"), 0o644)
	if got := h(); got == base {
		t.Error("changing a Go source did not change the hash")
	}
}

// A builder whose cache already holds the build of the current source
// serves it without building; the handler serves only the page's files.
func TestHandlerServesOnlyThePage(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go is not on PATH")
	}
	root := fakeModule(t)
	cache := t.TempDir()
	b := &Builder{Root: root, Cache: cache}
	goroot, err := b.GOROOT(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	hash, err := SourceHash(root, b.version)
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("\x00asm fake"))
	zw.Close()
	if err := os.WriteFile(filepath.Join(cache, "escalate-"+hash[:20]+".wasm.gz"), gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	site := fstest.MapFS{
		"index.html":        {Data: []byte("<!doctype html><title>page</title>")},
		"assets/web/app.js": {Data: []byte("// app")},
	}
	srv := httptest.NewServer(Handler(site, b))
	defer srv.Close()
	get := func(method, path string) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest(method, srv.URL+path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp, string(body)
	}
	if resp, body := get("GET", "/"); resp.StatusCode != 200 || !strings.Contains(body, "<title>page") {
		t.Errorf("GET / = %d %q", resp.StatusCode, body)
	}
	if resp, body := get("GET", "/assets/web/app.js"); resp.StatusCode != 200 || body != "// app" {
		t.Errorf("GET /assets/web/app.js = %d %q", resp.StatusCode, body)
	}
	resp, body := get("GET", "/escalate.wasm.gz")
	if resp.StatusCode != 200 || body != gz.String() {
		t.Errorf("GET /escalate.wasm.gz = %d, %d bytes", resp.StatusCode, len(body))
	}
	if ce := resp.Header.Get("Content-Encoding"); ce != "" {
		t.Errorf("the wasm is served with Content-Encoding %q: the page unpacks it itself", ce)
	}
	want, _ := os.ReadFile(filepath.Join(goroot, "lib", "wasm", "wasm_exec.js"))
	if resp, body := get("GET", "/wasm_exec.js"); resp.StatusCode != 200 || body != string(want) {
		t.Errorf("GET /wasm_exec.js = %d, %d bytes; want the toolchain's %d", resp.StatusCode, len(body), len(want))
	}
	for _, path := range []string{"/go.mod", "/assets/web/", "/assets/presets/status-quo.toml", "/../go.mod", "/wasm/main.go", "/index.html/x"} {
		if resp, _ := get("GET", path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, resp.StatusCode)
		}
	}
	if resp, _ := get("POST", "/"); resp.StatusCode < 400 {
		t.Errorf("POST / = %d", resp.StatusCode)
	}
}

func TestStaticHandler(t *testing.T) {
	if _, err := StaticHandler(t.TempDir()); err == nil {
		t.Error("an empty directory was taken for a site")
	}
	dir := t.TempDir()
	for _, f := range []string{"index.html", "escalate.wasm.gz", "wasm_exec.js", "assets/web/app.css", "secret.txt"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(f)), 0o755)
		os.WriteFile(filepath.Join(dir, f), []byte(f), 0o644)
	}
	h, err := StaticHandler(dir)
	if err != nil {
		t.Fatal(err)
	}
	for path, code := range map[string]int{"/": 200, "/index.html": 200, "/escalate.wasm.gz": 200, "/assets/web/app.css": 200, "/secret.txt": 404, "/assets/web/": 404} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != code && !(code == 200 && rec.Code == http.StatusMovedPermanently) {
			t.Errorf("GET %s = %d, want %d", path, rec.Code, code)
		}
	}
}

// The real build: the page's WebAssembly from this repository, cached.
// It takes a while, so it runs with the browser tests.
func TestBuilderBuildsThePage(t *testing.T) {
	if os.Getenv("ESCALATE_BROWSER") != "1" {
		t.Skip("building the page skipped: set ESCALATE_BROWSER=1 or run `make test-browser`")
	}
	root, err := FindModule(".")
	if err != nil {
		t.Fatal(err)
	}
	b := &Builder{Root: root, Cache: t.TempDir()}
	start := time.Now()
	gz, hash, err := b.Wasm(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("built in %s: %.2f MB gzip-compressed", time.Since(start).Round(time.Millisecond), float64(len(gz))/1e6)
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	head := make([]byte, 4)
	if _, err := io.ReadFull(zr, head); err != nil || string(head) != "\x00asm" {
		t.Fatalf("the build is not WebAssembly: %q %v", head, err)
	}
	start = time.Now()
	again, hash2, err := (&Builder{Root: root, Cache: b.Cache}).Wasm(context.Background())
	if err != nil || hash2 != hash || !bytes.Equal(again, gz) {
		t.Fatalf("a second builder did not reuse the cached build: %v", err)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("reusing the cache took %s", took)
	}
}
