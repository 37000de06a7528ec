package main

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
)

// handleKeys is the desktop's keyboard; on the page the same shortcuts are
// handled by the page's script, so that they do not fire while the reader
// types in a field. It runs inside Update, with the lock held, and so
// calls the unlocked forms of the commands.
func (g *Game) handleKeys() {
	pressed := inpututil.IsKeyJustPressed
	shift := ebiten.IsKeyPressed(ebiten.KeyShift)
	do := func(f func()) {
		g.mu.Unlock()
		defer g.mu.Lock()
		f()
	}
	switch {
	case pressed(ebiten.KeyEscape):
		g.help = false
	case pressed(ebiten.KeySlash) && shift, pressed(ebiten.KeyF1), pressed(ebiten.KeyH):
		g.help = !g.help
	case pressed(ebiten.KeySpace):
		do(g.Toggle)
	case pressed(ebiten.KeyArrowRight):
		do(func() { g.Step(1) })
	case pressed(ebiten.KeyR):
		do(g.Reset)
	case pressed(ebiten.KeyEqual), pressed(ebiten.KeyNumpadAdd):
		do(g.Faster)
	case pressed(ebiten.KeyMinus), pressed(ebiten.KeyNumpadSubtract):
		do(g.Slower)
	case pressed(ebiten.KeyF):
		ebiten.SetFullscreen(!ebiten.IsFullscreen())
	case pressed(ebiten.KeyL):
		on := !g.lecture
		do(func() { g.SetLecture(on) })
	}
	for i, k := range []ebiten.Key{ebiten.Key1, ebiten.Key2, ebiten.Key3, ebiten.Key4, ebiten.Key5, ebiten.Key6, ebiten.Key7, ebiten.Key8, ebiten.Key9} {
		if pressed(k) {
			do(func() { g.Preset(i + 1) })
		}
	}
}
