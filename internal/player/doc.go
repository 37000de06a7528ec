// Package player is the front end's play state machine, in plain Go:
// playing or paused, the speed in days per second, the fast-forward to an
// address's day, stepping, the selected actor or act, lecturer mode, the
// help overlay and fullscreen. Its inputs are events — a key, a click, a
// call from the page's script, a frame of wall time — and its only output
// is its State and the calls it makes on the Run it drives, so that every
// transition is tested without a window. The wasm command translates
// Ebiten's input into these events and draws what the State says.
package player
