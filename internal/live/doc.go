// Package live runs the model for the web page (and its desktop twin): a
// Session steps one run, applies the reader's parameter changes between
// ticks exactly as escalate run --set and --at do, remembers the recent acts
// so that any cascade can be told from its root, and narrates the notable
// moments in plain words. A State is what the page's address holds; it
// parses with notices instead of errors (a bad value falls back to its
// default), and gives the equivalent command line. Export replays a run into
// the very tables the command writes.
//
// The package knows nothing of drawing or of the browser: package scene
// lays the world out and animates it, and the wasm command adapts both to
// Ebiten and the page.
package live
