//go:build !(js && wasm)

package main

import (
	"os"
	"strconv"
)

func options() (int, bool) {
	n := 2000
	if len(os.Args) > 1 {
		if v, err := strconv.Atoi(os.Args[1]); err == nil && v >= 0 {
			n = v
		}
	}
	return n, len(os.Args) > 2 && os.Args[2] == "aa"
}

func report(float64, int) {}
