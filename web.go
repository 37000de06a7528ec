// Package escalation holds the web page's files for the escalate command
// to serve: index.html and assets/web (the page's script, style and icon).
// They live at the repository's root because go:embed cannot reach a parent
// folder; the page's WebAssembly is never committed: escalate serve builds
// it from the source (internal/webserve) and make web writes a static site.
package escalation

import "embed"

// Site holds index.html and assets/web/*.
//
//go:embed index.html assets/web
var Site embed.FS
