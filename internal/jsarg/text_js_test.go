//go:build js && wasm

package jsarg

import (
	"syscall/js"
	"testing"
)

// TestText: JavaScript values read as Format writes them. It runs under
// Node: GOOS=js GOARCH=wasm go test
// -exec="$(go env GOROOT)/lib/wasm/go_js_wasm_exec" ./internal/jsarg/
func TestText(t *testing.T) {
	for _, c := range []struct {
		v    js.Value
		want string
	}{
		{js.ValueOf(0.1), "0.1"},
		{js.ValueOf(365), "365"},
		{js.ValueOf(true), "true"},
		{js.ValueOf("0.25"), "0.25"},
		{js.Null(), ""},
		{js.Undefined(), ""},
		{js.Global().Get("Object").New(), "<object>"},
	} {
		if got := Text(c.v); got != c.want {
			t.Errorf("Text(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}
