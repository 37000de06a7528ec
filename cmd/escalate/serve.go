package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	escalation "github.com/escalation-model/escalation"
	"github.com/escalation-model/escalation/internal/webserve"
)

// cmdServe serves the web page on a local address. It builds the page's
// WebAssembly with the user's Go toolchain (the model runs in the
// browser), caches it, and rebuilds it when the source changes.
func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", "[--addr 127.0.0.1:8080] [--dir DIR]", stdout)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; the default, loopback, lets only this computer open the page")
	dir := fs.String("dir", "", "serve the static site built by make web from DIR instead of building the page from the source")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	var h http.Handler
	if *dir != "" {
		sh, err := webserve.StaticHandler(*dir)
		if err != nil {
			return badInput("--dir %s: %v", *dir, err)
		}
		h = sh
	} else {
		cwd, err := os.Getwd()
		if err != nil {
			return err
		}
		root, err := webserve.FindModule(cwd)
		if err != nil {
			return usageError{err}
		}
		cache, err := os.UserCacheDir()
		if err != nil {
			cache = os.TempDir()
		}
		b := &webserve.Builder{Root: root, Cache: filepath.Join(cache, "escalate", "web"), Log: stderr}
		// Build before listening, so the first visitor does not wait.
		if _, _, err := b.Wasm(ctx); err != nil {
			return err
		}
		h = webserve.Handler(escalation.Site, b)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return badInput("--addr %s: %v", *addr, err)
	}
	if host, _, err := net.SplitHostPort(ln.Addr().String()); err == nil {
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			fmt.Fprintf(stderr, "escalate serve: warning: %s is reachable from other computers; the default 127.0.0.1:8080 is not\n", ln.Addr())
		}
	}
	fmt.Fprintf(stdout, "serving the page on http://%s/ (Ctrl-C to stop)\n", ln.Addr())
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
		return nil
	case err := <-done:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	}
}
