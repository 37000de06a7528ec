//go:build !(js && wasm)

package main

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"github.com/escalation-model/escalation/internal/player"
)

// digits are the keys that start presets 1 to 9.
var digits = []ebiten.Key{ebiten.Key1, ebiten.Key2, ebiten.Key3, ebiten.Key4, ebiten.Key5, ebiten.Key6, ebiten.Key7, ebiten.Key8, ebiten.Key9}

// pressedKeys translates the desktop's key presses this frame into the
// player's keys: at most one command (the first in the order below), then
// any presets. On the page the page's script handles the same shortcuts,
// so that they do not fire while the reader types in a field.
func pressedKeys() []player.Key {
	pressed := inpututil.IsKeyJustPressed
	shift := ebiten.IsKeyPressed(ebiten.KeyShift)
	var keys []player.Key
	switch {
	case pressed(ebiten.KeyEscape):
		keys = append(keys, player.KeyEscape)
	case pressed(ebiten.KeySlash) && shift, pressed(ebiten.KeyF1), pressed(ebiten.KeyH):
		keys = append(keys, player.KeyHelp)
	case pressed(ebiten.KeySpace):
		keys = append(keys, player.KeyPlayPause)
	case pressed(ebiten.KeyArrowRight):
		keys = append(keys, player.KeyStep)
	case pressed(ebiten.KeyR):
		keys = append(keys, player.KeyReset)
	case pressed(ebiten.KeyEqual), pressed(ebiten.KeyNumpadAdd):
		keys = append(keys, player.KeyFaster)
	case pressed(ebiten.KeyMinus), pressed(ebiten.KeyNumpadSubtract):
		keys = append(keys, player.KeySlower)
	case pressed(ebiten.KeyF):
		keys = append(keys, player.KeyFullscreen)
	case pressed(ebiten.KeyL):
		keys = append(keys, player.KeyLecture)
	}
	for i, k := range digits {
		if pressed(k) {
			keys = append(keys, player.PresetKey(i+1))
		}
	}
	return keys
}
