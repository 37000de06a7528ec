//go:build !(js && wasm)

package main

import (
	"fmt"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"github.com/escalation-model/escalation/internal/player"
)

// digits are the keys that start presets 1 to 9.
var digits = []ebiten.Key{ebiten.Key1, ebiten.Key2, ebiten.Key3, ebiten.Key4, ebiten.Key5, ebiten.Key6, ebiten.Key7, ebiten.Key8, ebiten.Key9}

// lectureKeys are the desktop's keys for the lecturer's keys, in the order
// they are pressed when several come in one frame.
var lectureKeys = []struct {
	key ebiten.Key
	k   lectureKey
}{
	{ebiten.KeyB, keyHackBack},
	{ebiten.KeyBracketLeft, keySkillDown},
	{ebiten.KeyBracketRight, keySkillUp},
	{ebiten.KeyT, keyTellAlarm},
	{ebiten.KeyA, keyArcs},
}

// pressedKeys reads the desktop's key presses this frame (see translate).
// On the page the page's script handles the same shortcuts, so that they
// do not fire while the reader types in a field.
func pressedKeys() ([]player.Key, []lectureKey) {
	return translate(inpututil.IsKeyJustPressed, ebiten.IsKeyPressed(ebiten.KeyShift))
}

// translate turns the keys pressed this frame (pressed reports whether a
// key was just pressed; shift whether Shift is held) into the player's
// keys, at most one command (the first in command's order) then any
// presets, and the lecturer's keys, each pressed in lectureKeys' order.
func translate(pressed func(ebiten.Key) bool, shift bool) ([]player.Key, []lectureKey) {
	var keys []player.Key
	if k, ok := command(pressed, shift); ok {
		keys = append(keys, k)
	}
	for i, k := range digits {
		if pressed(k) {
			keys = append(keys, player.PresetKey(i+1))
		}
	}
	var lk []lectureKey
	for _, l := range lectureKeys {
		if pressed(l.key) {
			lk = append(lk, l.k)
		}
	}
	return keys, lk
}

// command is the player's command pressed this frame, the first of
// several.
func command(pressed func(ebiten.Key) bool, shift bool) (player.Key, bool) {
	switch {
	case pressed(ebiten.KeyEscape):
		return player.KeyEscape, true
	case pressed(ebiten.KeySlash) && shift, pressed(ebiten.KeyF1), pressed(ebiten.KeyH):
		return player.KeyHelp, true
	case pressed(ebiten.KeySpace):
		return player.KeyPlayPause, true
	case pressed(ebiten.KeyArrowRight):
		return player.KeyStep, true
	case pressed(ebiten.KeyR):
		return player.KeyReset, true
	case pressed(ebiten.KeyEqual), pressed(ebiten.KeyNumpadAdd):
		return player.KeyFaster, true
	case pressed(ebiten.KeyMinus), pressed(ebiten.KeyNumpadSubtract):
		return player.KeySlower, true
	case pressed(ebiten.KeyF):
		return player.KeyFullscreen, true
	case pressed(ebiten.KeyL):
		return player.KeyLecture, true
	}
	return 0, false
}

// scriptKeys are the characters of a key script (keys= on the command
// line) and the keys they press: the keys as typed, > for →.
var scriptKeys = []struct {
	char rune
	key  ebiten.Key
}{
	{' ', ebiten.KeySpace}, {'>', ebiten.KeyArrowRight}, {'r', ebiten.KeyR},
	{'+', ebiten.KeyEqual}, {'-', ebiten.KeyMinus}, {'f', ebiten.KeyF},
	{'l', ebiten.KeyL}, {'?', ebiten.KeyH}, {'b', ebiten.KeyB},
	{'[', ebiten.KeyBracketLeft}, {']', ebiten.KeyBracketRight}, {'t', ebiten.KeyT},
	{'a', ebiten.KeyA},
	{'1', ebiten.Key1}, {'2', ebiten.Key2}, {'3', ebiten.Key3}, {'4', ebiten.Key4},
	{'5', ebiten.Key5}, {'6', ebiten.Key6}, {'7', ebiten.Key7}, {'8', ebiten.Key8}, {'9', ebiten.Key9},
}

// parseScript reads a key script: one key a character, letters in either
// case. An unknown character is an error naming it and the allowed ones.
func parseScript(s string) ([]ebiten.Key, error) {
	var keys []ebiten.Key
	for _, c := range strings.ToLower(s) {
		k, ok := scriptKey(c)
		if !ok {
			return nil, fmt.Errorf("keys=%s: %q is not a key of the window: allowed %s", s, c, scriptChars())
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// scriptKey is the key character c presses.
func scriptKey(c rune) (ebiten.Key, bool) {
	for _, sk := range scriptKeys {
		if sk.char == c {
			return sk.key, true
		}
	}
	return 0, false
}

// scriptChars lists the characters a key script may use.
func scriptChars() string {
	var b strings.Builder
	for i, sk := range scriptKeys {
		if i > 0 {
			b.WriteString(" ")
		}
		if sk.char == ' ' {
			b.WriteString("space")
			continue
		}
		b.WriteRune(sk.char)
	}
	return b.String() + " (> is →, ? the help)"
}

// scripted is what pressing key k alone gives, as translate reads it.
func scripted(k ebiten.Key) ([]player.Key, []lectureKey) {
	return translate(func(x ebiten.Key) bool { return x == k }, false)
}
