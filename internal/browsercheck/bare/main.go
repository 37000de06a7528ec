// Command bare is the yardstick of the page's frame rate: a bare Ebiten
// program that draws n moving circles and nothing else, the way a first
// Ebiten program would (vector.FillCircle per circle). The performance
// test (internal/browsercheck, ESCALATE_PERF=1) runs it in the same
// headless Chromium as the page and reports the page's frames per second
// as a ratio of this program's.
//
// In the browser it reads n from the address (?n=2000, and aa=1 for
// anti-aliased circles) and exposes window.bare = {ready, fps, frames};
// natively it takes n (and "aa") as its arguments.
package main

import (
	"image/color"
	"log"
	"math"

	"github.com/escalation-model/escalation/internal/palette"
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

type circle struct{ x, y, vx, vy float32 }

type game struct {
	circles []circle
	w, h    float32
	aa      bool
	frames  int
}

func (g *game) Update() error {
	for i := range g.circles {
		c := &g.circles[i]
		c.x += c.vx
		c.y += c.vy
		if c.x < 0 || c.x > g.w {
			c.vx = -c.vx
		}
		if c.y < 0 || c.y > g.h {
			c.vy = -c.vy
		}
	}
	report(ebiten.ActualFPS(), g.frames)
	return nil
}

var colours = []color.RGBA{palette.SkyBlue, palette.Orange, {0x8d, 0x97, 0xa5, 0xff}, palette.Vermillion}

func (g *game) Draw(screen *ebiten.Image) {
	screen.Fill(color.RGBA{0x12, 0x16, 0x1d, 0xff})
	for i, c := range g.circles {
		vector.FillCircle(screen, c.x, c.y, 3, colours[i%len(colours)], g.aa)
	}
	g.frames++
}

func (g *game) Layout(w, h int) (int, int) {
	g.w, g.h = float32(w), float32(h)
	return w, h
}

func main() {
	n, aa := options()
	g := &game{w: 1280, h: 800, aa: aa}
	// A fixed, seedless pattern: the same circles every run.
	for i := range n {
		t := float64(i)
		g.circles = append(g.circles, circle{
			x: float32(640 + 600*math.Sin(t*0.37)), y: float32(400 + 380*math.Cos(t*0.91)),
			vx: float32(math.Sin(t*1.3)) * 2, vy: float32(math.Cos(t*2.1)) * 2,
		})
	}
	ebiten.SetWindowSize(1280, 800)
	ebiten.SetWindowTitle("bare: circles")
	if err := ebiten.RunGame(g); err != nil {
		log.Fatal(err)
	}
}
