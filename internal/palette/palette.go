// Package palette holds the one definition of the Okabe–Ito colours
// (Okabe & Ito 2008, "Color Universal Design"), safe for the common forms
// of colour blindness. The page and the desktop window (internal/scene)
// and every figure (internal/figure) draw with them.
package palette

import "image/color"

// The eight Okabe–Ito colours, opaque.
var (
	Black         = color.RGBA{0x00, 0x00, 0x00, 0xff}
	Orange        = color.RGBA{0xE6, 0x9F, 0x00, 0xff}
	SkyBlue       = color.RGBA{0x56, 0xB4, 0xE9, 0xff}
	BluishGreen   = color.RGBA{0x00, 0x9E, 0x73, 0xff}
	Yellow        = color.RGBA{0xF0, 0xE4, 0x42, 0xff}
	Blue          = color.RGBA{0x00, 0x72, 0xB2, 0xff}
	Vermillion    = color.RGBA{0xD5, 0x5E, 0x00, 0xff}
	ReddishPurple = color.RGBA{0xCC, 0x79, 0xA7, 0xff}
)

// OkabeIto returns the eight colours in the order Okabe and Ito give
// them: black, orange, sky blue, bluish green, yellow, blue, vermillion,
// reddish purple.
func OkabeIto() []color.RGBA {
	return []color.RGBA{Black, Orange, SkyBlue, BluishGreen, Yellow, Blue, Vermillion, ReddishPurple}
}
