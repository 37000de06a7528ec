// Package assets holds the files embedded in the escalate program: the
// scenario presets (presets/*.toml).
package assets

import "embed"

// Presets holds one TOML file per scenario preset, presets/NAME.toml.
//
//go:embed presets/*.toml
var Presets embed.FS
