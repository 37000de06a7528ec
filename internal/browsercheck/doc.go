// Package browsercheck holds the end-to-end tests of the web page in real
// headless Chromium (driven with chromedp): the page loads and runs; its
// numbers at tick T equal row T of the ticks.csv that its own command line
// writes, with changes made in the address and with the controls; keys and
// clicks work; bad addresses fall back with notices; screenshots of several
// worlds and windows are drawn (saved in build/screenshots); and, with
// ESCALATE_PERF=1, frames per second against a bare Ebiten program.
//
// The tests skip unless ESCALATE_BROWSER=1; `make test-browser` installs
// chromium when it is missing (as root), builds the static site (make web)
// and runs them. The package has no non-test code.
package browsercheck
