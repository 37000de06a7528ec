// Package scene is the web page's picture of a run, in plain Go: where the
// states' regions and the actors' marks go (Layout), how marks look
// (StyleOf, the Okabe–Ito palette), how acts travel as arcs and fade
// (Arc, Timing), the live charts' data and geometry (Charts, Plot, Split),
// and hit-testing for clicks. It draws nothing itself: the wasm command
// turns its points and colours into Ebiten triangles, so that everything
// here is tested without a window.
package scene
