package main

import (
	"bytes"
	"image/color"
	"log"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// The Go fonts: clear at small sizes, shipped with golang.org/x/image.
var regularSource, boldSource = loadFont(goregular.TTF), loadFont(gobold.TTF)

func loadFont(ttf []byte) *text.GoTextFaceSource {
	s, err := text.NewGoTextFaceSource(bytes.NewReader(ttf))
	if err != nil {
		log.Fatal(err)
	}
	return s
}

// faces caches font faces by size.
type faces struct {
	regular, bold map[float64]*text.GoTextFace
}

func (f *faces) get(size float64, bold bool) *text.GoTextFace {
	if f.regular == nil {
		f.regular, f.bold = map[float64]*text.GoTextFace{}, map[float64]*text.GoTextFace{}
	}
	m, src := f.regular, regularSource
	if bold {
		m, src = f.bold, boldSource
	}
	if face, ok := m[size]; ok {
		return face
	}
	face := &text.GoTextFace{Source: src, Size: size}
	m[size] = face
	return face
}

// align is where a text is anchored.
type align int

const (
	alignStart align = iota
	alignCenter
	alignEnd
)

// drawText draws s with its top at y, anchored at x as a says.
func drawText(dst *ebiten.Image, s string, face *text.GoTextFace, x, y float64, c color.Color, a align) {
	op := &text.DrawOptions{}
	op.GeoM.Translate(x, y)
	op.ColorScale.ScaleWithColor(c)
	switch a {
	case alignCenter:
		op.PrimaryAlign = text.AlignCenter
	case alignEnd:
		op.PrimaryAlign = text.AlignEnd
	}
	text.Draw(dst, s, face, op)
}

func textWidth(s string, face *text.GoTextFace) float64 {
	w, _ := text.Measure(s, face, 0)
	return w
}
