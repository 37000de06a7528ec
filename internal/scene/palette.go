package scene

import (
	"image/color"

	"github.com/escalation-model/escalation/internal/palette"
	"github.com/escalation-model/escalation/model"
)

// The Okabe–Ito palette (internal/palette), safe for the common forms of
// colour blindness. Colour is never the only cue: kinds also differ by
// shape, intensities by width, answers by arrowheads and dashes.
var (
	Black         = palette.Black
	Orange        = palette.Orange
	SkyBlue       = palette.SkyBlue
	BluishGreen   = palette.BluishGreen
	Yellow        = palette.Yellow
	Blue          = palette.Blue
	Vermillion    = palette.Vermillion
	ReddishPurple = palette.ReddishPurple
	White         = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

// LectureScale is the lecturer's theme's scale: 10-pixel type becomes 24.
const LectureScale = 2.4

// LectureTextPx is the smallest type, in CSS pixels, of lecture mode.
const LectureTextPx = 24

// Theme is how a scene is drawn: colours and a scale for type and lines.
type Theme struct {
	Background color.RGBA
	Region     color.RGBA // a state's region
	RegionEdge color.RGBA
	Text       color.RGBA
	Muted      color.RGBA // secondary text, axes
	Grid       color.RGBA
	Citizen    color.RGBA
	Scale      float64 // multiplies type sizes and line widths
	Lecture    bool
}

// ThemeFor returns the normal theme, or the lecturer's: black, white,
// large type and thick lines for a projector. The lecturer's scale makes
// the smallest type the page draws (10 CSS pixels) 24 pixels, readable
// from the back of a room.
func ThemeFor(lecture bool) Theme {
	if lecture {
		return Theme{
			Background: Black,
			Region:     color.RGBA{0x1a, 0x1a, 0x1a, 0xff},
			RegionEdge: White,
			Text:       White,
			Muted:      color.RGBA{0xd0, 0xd0, 0xd0, 0xff},
			Grid:       color.RGBA{0x55, 0x55, 0x55, 0xff},
			Citizen:    color.RGBA{0xb8, 0xb8, 0xb8, 0xff},
			Scale:      LectureScale,
			Lecture:    true,
		}
	}
	return Theme{
		Background: color.RGBA{0x12, 0x16, 0x1d, 0xff},
		Region:     color.RGBA{0x1f, 0x26, 0x31, 0xff},
		RegionEdge: color.RGBA{0x5b, 0x67, 0x78, 0xff},
		Text:       color.RGBA{0xf2, 0xf4, 0xf7, 0xff},
		Muted:      color.RGBA{0xa8, 0xb3, 0xc2, 0xff},
		Grid:       color.RGBA{0x3a, 0x44, 0x52, 0xff},
		Citizen:    color.RGBA{0x8d, 0x97, 0xa5, 0xff},
		Scale:      1,
	}
}

// Shape is the outline of an actor's mark.
type Shape uint8

// The marks' shapes.
const (
	Circle   Shape = iota // citizens
	Square                // firms
	Triangle              // criminals
	Diamond               // hacktivists
	Star                  // vigilantes
	Hexagon               // states
)

// Style is how an actor's mark looks.
type Style struct {
	Shape  Shape
	Color  color.RGBA
	Hollow bool    // drawn as an outline
	Size   float64 // relative to an ordinary mark
}

// StyleOf returns the mark of an actor: kind by shape and colour; firms
// below the security poverty line hollow and orange.
func StyleOf(a *model.Actor, th *Theme) Style {
	switch a.Kind {
	case model.KindState:
		return Style{Shape: Hexagon, Color: th.Text, Hollow: true, Size: 3}
	case model.KindFirm:
		if a.Poor {
			return Style{Shape: Square, Color: Orange, Hollow: true, Size: 1.25}
		}
		return Style{Shape: Square, Color: SkyBlue, Size: 1.1}
	case model.KindCriminal:
		return Style{Shape: Triangle, Color: Vermillion, Size: 1.6}
	case model.KindHacktivist:
		return Style{Shape: Diamond, Color: ReddishPurple, Size: 1.6}
	case model.KindVigilante:
		return Style{Shape: Star, Color: Yellow, Size: 2.2}
	}
	return Style{Shape: Circle, Color: th.Citizen, Size: 0.75}
}

// HostColor marks botnet hosts: a ring around the mark.
var HostColor = BluishGreen

// IntensityColor returns the colour of an act's intensity, from nuisance
// (sky blue) up the ladder to the armed-conflict threshold (reddish purple).
func IntensityColor(level int8) color.RGBA {
	switch {
	case level <= model.Nuisance:
		return SkyBlue
	case level == model.Disruption:
		return Yellow
	case level == model.Destruction:
		return Orange
	case level == model.Critical:
		return Vermillion
	}
	return ReddishPurple
}

// IntensityWidth returns an arc's width at an intensity, before the theme's scale.
func IntensityWidth(level int8) float64 {
	return [...]float64{1, 1.6, 2.4, 3.4, 6}[min(max(int(level), 0), 4)]
}

// WithAlpha returns c with its opacity scaled by a (premultiplied).
func WithAlpha(c color.RGBA, a float64) color.RGBA {
	a = clamp(a, 0, 1)
	return color.RGBA{uint8(float64(c.R) * a), uint8(float64(c.G) * a), uint8(float64(c.B) * a), uint8(float64(c.A) * a)}
}

// TensionColor returns the colour of a tension between two states relative
// to the threshold above which states escalate.
func TensionColor(t, threshold float64) color.RGBA {
	switch r := t / max(threshold, 1e-9); {
	case r >= 1:
		return Vermillion
	case r >= 0.5:
		return Orange
	}
	return SkyBlue
}
