//go:build js && wasm

package main

import (
	"strconv"
	"syscall/js"
)

func options() (int, bool) {
	q := js.Global().Get("URLSearchParams").New(js.Global().Get("location").Get("search"))
	n, err := strconv.Atoi(q.Call("get", "n").String())
	if err != nil || n < 0 {
		n = 2000
	}
	return n, q.Call("get", "aa").String() == "1"
}

func report(fps float64, frames int) {
	b := js.Global().Get("bare")
	if !b.Truthy() {
		b = js.Global().Get("Object").New()
		js.Global().Set("bare", b)
	}
	b.Set("fps", fps)
	b.Set("frames", frames)
	b.Set("ready", frames > 0)
}
