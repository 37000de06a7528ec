package main

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/escalation-model/escalation/internal/scene"
)

// view is the canvas every panel draws on: the theme and the pixel scale,
// the layout of the map and the charts for the current stage, the layer
// that holds what changes at most once a day, and the shared batch and
// scratch buffers.
type view struct {
	faces  faces
	key    viewKey
	theme  scene.Theme
	px     float64 // device pixels per CSS pixel, times the theme's scale
	dsf    float64 // device pixels per CSS pixel
	screen scene.Rect
	stage  scene.Rect
	worldR scene.Rect   // the map, with the day's band at its top
	otherR scene.Rect   // the second world's map, when the layout has two
	cells  []scene.Rect // the charts' cells, then the totals' cell
	world  scene.World

	// totals is the totals panel's cell when the stage has room for it.
	totals    scene.Rect
	hasTotals bool

	// layer holds the map, the tension, the glows, the labels and the
	// charts, redrawn when layerDirty; each frame copies it in one quad.
	layer      *ebiten.Image
	layerDirty bool

	dyn  batch         // the triangles drawn since the last flush
	buf  []scene.Point // scratch paths
	part []scene.Point
}

// viewKey is what the layout depends on.
type viewKey struct {
	stage   scene.Rect
	build   int
	twin    int  // the second world's build
	two     bool // two maps
	lecture bool
	dsf     float64
	states  int
}

// invalidate makes the next frame lay the world out again and redraw the
// layer.
func (v *view) invalidate() {
	v.key = viewKey{}
	v.layerDirty = true
}

// measure takes the frame's screen size, device scale and theme.
func (v *view) measure(screen *ebiten.Image, lecture bool) {
	v.dsf = ebiten.Monitor().DeviceScaleFactor()
	v.theme = scene.ThemeFor(lecture)
	v.px = v.dsf * v.theme.Scale
	v.faces.floor = 0
	if lecture {
		v.faces.floor = scene.LectureTextPx * v.dsf
	}
	b := screen.Bounds()
	v.screen = scene.Rect{W: float64(b.Dx()), H: float64(b.Dy())}
}

// fit lays the map and charts cells out on stage when k differs from the
// current layout, and reports whether it did. The map loses a band at the
// top for the day and the run's state.
func (v *view) fit(k viewKey, stage scene.Rect, charts int, lay func(mapR scene.Rect) scene.World) bool {
	if k == v.key {
		return false
	}
	v.key = k
	v.stage = stage
	if k.two {
		v.worldR, v.otherR, v.cells = scene.SplitTwo(stage.Inset(4*v.dsf), charts+1, v.theme.Scale*v.dsf)
	} else {
		v.worldR, v.cells = scene.Split(stage.Inset(4*v.dsf), charts+1, v.theme.Scale*v.dsf)
		v.otherR = scene.Rect{}
	}
	v.hasTotals = len(v.cells) > charts
	if v.hasTotals {
		v.totals = v.cells[charts]
	}
	mapR := v.worldR
	hud := min(44*v.px, mapR.H/4)
	mapR.Y += hud
	mapR.H -= hud
	v.world = lay(mapR)
	v.layerDirty = true
	return true
}

// area is a part of the canvas in whole device pixels.
type area image.Rectangle

// stageArea is the stage, out to whole pixels and within the screen.
func (v *view) stageArea() area {
	st := v.stage
	r := image.Rect(int(math.Floor(st.X)), int(math.Floor(st.Y)), int(math.Ceil(st.X+st.W)), int(math.Ceil(st.Y+st.H)))
	return area(r.Intersect(image.Rect(0, 0, int(v.screen.W), int(v.screen.H))))
}

// fill fills the area of img with c.
func (a area) fill(img *ebiten.Image, c color.Color) {
	if image.Rectangle(a).Empty() {
		return
	}
	img.SubImage(image.Rectangle(a)).(*ebiten.Image).Fill(c)
}

// copy draws the area of src at the same place on dst.
func (a area) copy(dst, src *ebiten.Image) {
	r := image.Rectangle(a)
	if r.Empty() {
		return
	}
	var op ebiten.DrawImageOptions
	op.GeoM.Translate(float64(r.Min.X), float64(r.Min.Y))
	dst.DrawImage(src.SubImage(r).(*ebiten.Image), &op)
}

// ensureLayer gives the layer the screen's size, and marks it for
// redrawing when it is new.
func (v *view) ensureLayer(w, h int) {
	if v.layer != nil && v.layer.Bounds().Dx() == w && v.layer.Bounds().Dy() == h {
		return
	}
	if v.layer != nil {
		v.layer.Deallocate()
	}
	v.layer = ebiten.NewImage(w, h)
	v.layerDirty = true
}
