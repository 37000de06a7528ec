//go:build !js

// Package wasmcheck holds a test that runs the model's golden-run and
// pinned-run tests under WebAssembly in Node.js and fails if the model's
// numbers there differ from the native ones recorded in
// model/testdata/golden_runs.txt and model/pinned_test.go; it also runs the
// test of how the page's JavaScript API reads its arguments
// (internal/jsarg). It has no non-test code.
package wasmcheck

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestModelUnderWasm runs
//
//	GOOS=js GOARCH=wasm go test -exec=$(go env GOROOT)/lib/wasm/go_js_wasm_exec \
//	    -run 'TestGoldenRuns|TestPinnedRuns|Example|TestText' -count=1 -v ./model/ ./internal/jsarg/
//
// from the module root. The digests were written by a native run, so a pass
// means the model gives the same bits under WebAssembly.
func TestModelUnderWasm(t *testing.T) {
	if os.Getenv("ESCALATE_WASM") != "1" {
		t.Skip("WebAssembly check skipped: set ESCALATE_WASM=1 or run `make test-wasm` (needs node)")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node (Node.js) is not on PATH, and the WebAssembly test runs the model's test binary in it.\n" +
			"Install it (Debian/Ubuntu: sudo apt-get install -y nodejs) or run `make test-wasm`, which installs it when run as root.")
	}
	if out, err := exec.Command(node, "--version").CombinedOutput(); err == nil {
		t.Logf("node %s at %s", strings.TrimSpace(string(out)), node)
	}

	goTool := "go" // go test puts $GOROOT/bin first on the PATH of its tests
	goroot := goEnv(t, goTool, "GOROOT")
	gomod := goEnv(t, goTool, "GOMOD")
	if gomod == "" || gomod == os.DevNull {
		t.Fatalf("not inside the module: go env GOMOD = %q", gomod)
	}
	root := filepath.Dir(gomod)
	execScript := filepath.Join(goroot, "lib", "wasm", "go_js_wasm_exec")
	if _, err := os.Stat(execScript); err != nil {
		t.Fatalf("the Go distribution has no WebAssembly runner: %v", err)
	}

	ctx := context.Background()
	if dl, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, dl.Add(-10*time.Second))
		defer cancel()
	}
	cmd := exec.CommandContext(ctx, goTool, "test", "-exec="+execScript,
		"-run", "TestGoldenRuns|TestPinnedRuns|Example|TestText", "-count=1", "-v", "./model/", "./internal/jsarg/")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err = cmd.Run()
	took := time.Since(start).Round(time.Millisecond)
	if err != nil {
		t.Fatalf("the model's tests failed under WebAssembly (GOOS=js GOARCH=wasm, %s, in %s): %v\n%s", execScript, took, err, out.String())
	}
	for _, test := range []string{"TestGoldenRuns", "TestPinnedRuns", "TestText"} {
		if !strings.Contains(out.String(), "--- PASS: "+test) {
			t.Fatalf("%s did not run under WebAssembly:\n%s", test, out.String())
		}
	}
	for _, l := range strings.Split(out.String(), "\n") {
		if strings.Contains(l, "golden digests") || strings.HasPrefix(l, "--- ") || strings.HasPrefix(l, "ok") {
			t.Log(strings.TrimSpace(l))
		}
	}
	t.Logf("native and WebAssembly digests match (%s including the wasm build)", took)
}

func goEnv(t *testing.T, goTool, name string) string {
	t.Helper()
	out, err := exec.Command(goTool, "env", name).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(out))
}
