package main

import (
	"github.com/hajimehoshi/ebiten/v2"

	"github.com/escalation-model/escalation/internal/player"
	"github.com/escalation-model/escalation/internal/scene"
)

// host is where the game runs: the web page (bridge_js.go) or a desktop
// window (bridge_other.go). The game calls every method but attach,
// publish, firstFrame, drawn and quit with its lock held.
type host interface {
	initialQuery() string
	// attach is called once, when the game exists.
	attach(g *Game)
	// stage is the part of the screen the map and charts may use, in
	// device pixels.
	stage(v *view) scene.Rect
	// input hands the host's own input (the desktop's keyboard) to the
	// player, at the start of every Update, and returns the lecturer's
	// keys pressed, for the game to press once its lock is released.
	input(p *player.Player) []lectureKey
	// overlay draws what the host shows over the picture (the desktop's
	// narration and help), at the end of every frame.
	overlay(dst *ebiten.Image, g *Game)
	// snapshot, called at the end of Update, returns what the page should
	// be told, or nil.
	snapshot(g *Game) any
	// publish tells the page, after the lock is released.
	publish(snap any)
	// firstFrame is called once, after the first frame is drawn.
	firstFrame()
	// drawn is called after every frame with the finished screen (the
	// desktop's capture for tests); quit, from Update, ends the program.
	drawn(g *Game, screen *ebiten.Image)
	quit() bool
}
