//go:build !(js && wasm)

package main

import (
	"strings"

	"github.com/escalation-model/escalation/internal/scene"
)

// desktop is the host of the native window: the address comes from the
// command line, the keyboard is handled by the game, and there is no page
// to tell anything.
type desktop struct{ query string }

// newHost reads the run from the command line: address parameters such as
// scenario=road-rage seed=7 (or one query string, or a whole page URL).
func newHost(args []string) *desktop {
	return &desktop{query: strings.Join(args, "&")}
}

func (d *desktop) browser() bool             { return false }
func (d *desktop) initialQuery() string      { return d.query }
func (d *desktop) stage() (scene.Rect, bool) { return scene.Rect{}, false }
func (d *desktop) snapshot(g *Game) any      { return nil }
func (d *desktop) publish(any)               {}
func (d *desktop) firstFrame()               {}
func (d *desktop) attach(g *Game)            {}
