// Package desktopcheck holds the end-to-end test of the front end as a
// native desktop window (go run ./wasm): built for this machine, run in a
// virtual X display (xvfb-run), fast-forwarded to a tick given in its
// address and saved with ESCALATE_CAPTURE; the window must be drawn (map,
// charts, narration) and show the numbers of row T of the ticks.csv that
// escalate run writes for the same scenario and seed. One case presses the
// lecturer's keys B and ] (keys= on the window's command line) once day T
// has run, then steps ten days: the window's command must record them as
// --at changes, and its row must equal that of escalate run given the
// same --at changes by hand.
//
// The test skips unless ESCALATE_DESKTOP=1; `make test-desktop` installs
// Xvfb and the X11 and OpenGL libraries Ebiten loads (as root) and runs it.
// The package has no non-test code.
package desktopcheck
