package main

import (
	"fmt"

	"github.com/escalation-model/escalation/internal/live"
)

// The commands that both the page's API (api_js.go) and the desktop's
// keys use. Each takes the lock.

// do runs a command with the lock held, then tells the story of a new
// selection and has the page told (the desktop has no page to tell).
func (g *Game) do(f func()) {
	g.mu.Lock()
	defer g.mu.Unlock()
	f()
	g.follow()
	g.dirty = true
}

// try is do for a command that can fail.
func (g *Game) try(f func() error) error {
	var err error
	g.do(func() { err = f() })
	return err
}

// SetParam changes a parameter from the next tick on (an override before
// the first tick, which builds the world again).
func (g *Game) SetParam(key, value string) error {
	return g.try(func() error {
		before := g.sess.Build()
		if err := g.sess.Change(key, value); err != nil {
			return err
		}
		if g.sess.Build() != before {
			if g.b != nil {
				if err := g.startTwin(); err != nil {
					g.notices = append(g.notices, live.Notice{Key: "compare", Text: err.Error()})
				}
			}
			g.attach()
			g.p.NewWorld()
			return nil
		}
		if g.sess.Ran() > 0 {
			g.charts.charts.Mark(g.sess.Ran(), key+"="+value)
			g.view.layerDirty = true
		}
		if g.b != nil && g.sess.Ran() > 0 {
			// Both worlds take the reader's change, so that they stay one
			// change apart.
			if err := g.b.sess.Change(key, value); err != nil {
				return fmt.Errorf("world B cannot take it: %v", err)
			}
		}
		g.ensureGhost()
		return nil
	})
}
