// Package webserve serves the web page: it builds the page's WebAssembly
// (./wasm, GOOS=js GOARCH=wasm) with the user's Go toolchain, keeps it
// gzip-compressed in a cache keyed by a hash of the module's Go sources,
// rebuilds it when they change, and serves only the page's files.
package webserve

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// ModulePath is the module whose ./wasm package is the page.
const ModulePath = "github.com/escalation-model/escalation"

// FindModule returns the root of the escalation module at or above dir.
func FindModule(dir string) (string, error) {
	d, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		data, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil {
			if modulePath(data) == ModulePath {
				if _, err := os.Stat(filepath.Join(d, "wasm", "main.go")); err == nil {
					return d, nil
				}
			}
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("%s is not inside the escalation repository (module %s): the page is built from its source, so run escalate serve from the repository, or serve a static site built by make web with --dir", dir, ModulePath)
		}
		d = parent
	}
}

func modulePath(gomod []byte) string {
	for _, l := range strings.Split(string(gomod), "\n") {
		if f := strings.Fields(l); len(f) == 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`)
		}
	}
	return ""
}

// SourceHash hashes what the page's WebAssembly is built from: every
// non-test Go file of the module, go.mod and go.sum (skipping .git, out,
// web and testdata), plus the Go version.
func SourceHash(root, goVersion string) (string, error) {
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (strings.HasPrefix(name, ".") || name == "out" || name == "build" || name == "web" || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if (strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go")) || ((name == "go.mod" || name == "go.sum") && filepath.Dir(p) == root) ||
			(strings.HasSuffix(name, ".toml") && strings.Contains(filepath.ToSlash(p), "/assets/")) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	h := sha256.New()
	fmt.Fprintf(h, "go %s js/wasm\n", goVersion)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		rel, _ := filepath.Rel(root, f)
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Builder builds the page's WebAssembly and caches it.
type Builder struct {
	Root  string    // the module's root
	Cache string    // directory of cached builds
	Go    string    // the go command; "go" when empty
	Log   io.Writer // progress messages; none when nil

	mu      sync.Mutex
	hash    string
	gz      []byte
	version string
	goroot  string
}

func (b *Builder) goCmd() string {
	if b.Go == "" {
		return "go"
	}
	return b.Go
}

func (b *Builder) logf(format string, args ...any) {
	if b.Log != nil {
		fmt.Fprintf(b.Log, format+"\n", args...)
	}
}

// goEnv returns go env values.
func (b *Builder) goEnv(ctx context.Context, names ...string) ([]string, error) {
	out, err := exec.CommandContext(ctx, b.goCmd(), append([]string{"env"}, names...)...).Output()
	if err != nil {
		return nil, fmt.Errorf("go env: %w (is Go installed and on PATH?)", err)
	}
	vals := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(vals) != len(names) {
		return nil, fmt.Errorf("go env %s: unexpected output %q", strings.Join(names, " "), out)
	}
	return vals, nil
}

// GOROOT returns the toolchain's root, where wasm_exec.js lives.
func (b *Builder) GOROOT(ctx context.Context) (string, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.initEnv(ctx); err != nil {
		return "", err
	}
	return b.goroot, nil
}

func (b *Builder) initEnv(ctx context.Context) error {
	if b.version != "" {
		return nil
	}
	vals, err := b.goEnv(ctx, "GOVERSION", "GOROOT")
	if err != nil {
		return err
	}
	b.version, b.goroot = vals[0], vals[1]
	return nil
}

// Wasm returns the gzip-compressed WebAssembly of the current source and
// its hash, building it when the source changed since the cached build.
func (b *Builder) Wasm(ctx context.Context) ([]byte, string, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.initEnv(ctx); err != nil {
		return nil, "", err
	}
	hash, err := SourceHash(b.Root, b.version)
	if err != nil {
		return nil, "", err
	}
	if hash == b.hash && b.gz != nil {
		return b.gz, hash, nil
	}
	cached := filepath.Join(b.Cache, "escalate-"+hash[:20]+".wasm.gz")
	if data, err := os.ReadFile(cached); err == nil && len(data) > 0 {
		b.hash, b.gz = hash, data
		return data, hash, nil
	}
	b.logf("building the page's WebAssembly with %s (GOOS=js GOARCH=wasm go build ./wasm; the first build takes about half a minute)...", b.version)
	start := time.Now()
	if err := os.MkdirAll(b.Cache, 0o755); err != nil {
		return nil, "", err
	}
	tmp, err := os.MkdirTemp(b.Cache, "build-")
	if err != nil {
		return nil, "", err
	}
	defer os.RemoveAll(tmp)
	raw := filepath.Join(tmp, "escalate.wasm")
	cmd := exec.CommandContext(ctx, b.goCmd(), "build", "-trimpath", "-ldflags=-s -w", "-o", raw, "./wasm")
	cmd.Dir = b.Root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, "", fmt.Errorf("building the page (GOOS=js GOARCH=wasm go build ./wasm in %s): %v\n%s", b.Root, err, stderr.String())
	}
	data, err := os.ReadFile(raw)
	if err != nil {
		return nil, "", err
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		return nil, "", err
	}
	part := filepath.Join(tmp, "escalate.wasm.gz")
	if err := os.WriteFile(part, gz.Bytes(), 0o644); err != nil {
		return nil, "", err
	}
	if err := os.Rename(part, cached); err != nil {
		return nil, "", err
	}
	b.prune(cached)
	b.logf("built in %.1fs: %.1f MB, %.1f MB gzip-compressed, cached in %s", time.Since(start).Seconds(), float64(len(data))/1e6, float64(gz.Len())/1e6, b.Cache)
	b.hash, b.gz = hash, gz.Bytes()
	return b.gz, hash, nil
}

// prune keeps the three most recent cached builds.
func (b *Builder) prune(keep string) {
	matches, _ := filepath.Glob(filepath.Join(b.Cache, "escalate-*.wasm.gz"))
	type f struct {
		p string
		t time.Time
	}
	var fs []f
	for _, m := range matches {
		if st, err := os.Stat(m); err == nil {
			fs = append(fs, f{m, st.ModTime()})
		}
	}
	sort.Slice(fs, func(i, j int) bool { return fs[i].t.After(fs[j].t) })
	for i, x := range fs {
		if i >= 3 && x.p != keep {
			os.Remove(x.p)
		}
	}
}

// Handler serves the page and nothing else: / (index.html), /assets/web/*
// from site, /wasm_exec.js from the Go toolchain that built the
// WebAssembly, and /escalate.wasm.gz (gzip bytes, which the page unpacks:
// the same form a static host serves).
func Handler(site fs.FS, b *Builder) http.Handler {
	mux := http.NewServeMux()
	files := http.FileServerFS(site)
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		serveFile(w, r, site, "index.html")
	})
	mux.HandleFunc("GET /index.html", func(w http.ResponseWriter, r *http.Request) {
		serveFile(w, r, site, "index.html")
	})
	mux.HandleFunc("GET /assets/web/", func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	})
	mux.HandleFunc("GET /wasm_exec.js", func(w http.ResponseWriter, r *http.Request) {
		root, err := b.GOROOT(r.Context())
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeFile(w, r, filepath.Join(root, "lib", "wasm", "wasm_exec.js"))
	})
	mux.HandleFunc("GET /escalate.wasm.gz", func(w http.ResponseWriter, r *http.Request) {
		data, hash, err := b.Wasm(r.Context())
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("ETag", `"`+hash[:20]+`"`)
		http.ServeContent(w, r, "escalate.wasm.gz", time.Time{}, bytes.NewReader(data))
	})
	return headers(mux)
}

func serveFile(w http.ResponseWriter, r *http.Request, site fs.FS, name string) {
	data, err := fs.ReadFile(site, name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, path.Base(name), time.Time{}, bytes.NewReader(data))
}

// headers adds the headers every response carries.
func headers(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, r)
	})
}

// StaticHandler serves a static site built by make web, with the same
// routes as Handler.
func StaticHandler(dir string) (http.Handler, error) {
	for _, f := range []string{"index.html", "escalate.wasm.gz", "wasm_exec.js"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return nil, fmt.Errorf("%s is not a site built by make web: %w", dir, err)
		}
	}
	files := http.FileServer(http.Dir(dir))
	return headers(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		ok := p == "/" || p == "/index.html" || p == "/wasm_exec.js" || p == "/escalate.wasm.gz" ||
			(strings.HasPrefix(p, "/assets/web/") && !strings.HasSuffix(p, "/"))
		if !ok || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
			http.NotFound(w, r)
			return
		}
		if p == "/escalate.wasm.gz" {
			w.Header().Set("Content-Type", "application/octet-stream")
		}
		w.Header().Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	})), nil
}
