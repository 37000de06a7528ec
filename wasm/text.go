// The Go fonts (golang.org/x/image), rendered through golang.org/x/image/font:
// text/v2's GoXFace, not its GoTextFace, keeps the go-text shaping engine
// out of the WebAssembly (0.9 MB gzip-compressed less; the page needs no
// complex scripts).

package main

import (
	"image/color"
	"log"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
)

var regularFont, boldFont = parse(goregular.TTF), parse(gobold.TTF)

func parse(ttf []byte) *opentype.Font {
	f, err := opentype.Parse(ttf)
	if err != nil {
		log.Fatal(err)
	}
	return f
}

type faces struct {
	regular, bold map[float64]*text.GoXFace
	smallest      float64 // the smallest size handed out since the layer was last redrawn
	floor         float64 // no size below it is handed out (lecture mode's smallest type), in device pixels
}

func (f *faces) get(size float64, bold bool) *text.GoXFace {
	if f.regular == nil {
		f.regular, f.bold = map[float64]*text.GoXFace{}, map[float64]*text.GoXFace{}
	}
	size = max(size, f.floor)
	if f.smallest == 0 || size < f.smallest {
		f.smallest = size
	}
	m, src := f.regular, regularFont
	if bold {
		m, src = f.bold, boldFont
	}
	if face, ok := m[size]; ok {
		return face
	}
	ff, err := opentype.NewFace(src, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		log.Fatal(err)
	}
	face := text.NewGoXFace(ff)
	m[size] = face
	return face
}

type align int

const (
	alignStart align = iota
	alignCenter
	alignEnd
)

func drawText(dst *ebiten.Image, s string, face *text.GoXFace, x, y float64, c color.Color, a align) {
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

func textWidth(s string, face *text.GoXFace) float64 {
	w, _ := text.Measure(s, face, 0)
	return w
}

// fitFace returns the largest face, from size CSS pixels down to 8, in
// which s fits in room device pixels (the smallest when none does), so
// that a title in a narrow cell shrinks rather than runs into the next.
func (v *view) fitFace(s string, size float64, bold bool, room float64) *text.GoXFace {
	face := v.faces.get(size*v.px, bold)
	for sz := size; sz >= 8 && textWidth(s, face) > room; sz-- {
		face = v.faces.get(sz*v.px, bold)
	}
	return face
}

// clipTo shortens text, at a character and with an ellipsis, until it
// fits in room or is down to floor bytes.
func clipTo(s string, face *text.GoXFace, room float64, floor int) string {
	for len(s) > floor && textWidth(s, face) > room {
		r := []rune(strings.TrimSuffix(s, "…"))
		n := min(len(r)*9/10, len(r)-1)
		s = string(r[:n]) + "…"
	}
	return s
}
