// Command wasm is the escalation model's visual front end: the world as
// states, firms and people, attacks as arcs, live charts and a narration of
// what happens. Compiled to WebAssembly it runs in the web page that
// `escalate serve` and `make web` provide (index.html, docs/web.md);
// compiled natively it opens a desktop window for lecturers offline:
//
//	go run ./wasm [scenario=road-rage] [seed=7] [lecture=1] ... [keys=B]>]
//
// takes the page's address parameters, and keys=, keys to press once the
// address's day has run (docs/web.md). It is a thin Ebiten adapter: the
// simulation is package model, driven through internal/live; what runs when
// (play, pause, speed, selection, ...) is internal/player; the layout and
// animation are internal/scene; and the panels here draw the session.
package main

import (
	"log"
	"os"

	"github.com/hajimehoshi/ebiten/v2"
)

func main() {
	h := newHost(os.Args[1:])
	g := newGame(h)
	h.attach(g)
	ebiten.SetWindowTitle("Cyber road rage — the escalation model")
	ebiten.SetWindowSize(1280, 800)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	ebiten.SetRunnableOnUnfocused(true)
	if err := ebiten.RunGame(g); err != nil {
		log.Fatal(err)
	}
}
