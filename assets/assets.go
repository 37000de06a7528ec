// Package assets holds the files embedded in the escalate program: the
// scenario presets (presets/*.toml), the shipped sweep specs
// (sweeps/*.toml) and the shipped sensitivity-analysis specs
// (sensitivity/*.toml).
package assets

import "embed"

// Presets holds one TOML file per scenario preset, presets/NAME.toml.
//
//go:embed presets/*.toml
var Presets embed.FS

// Sweeps holds one TOML file per shipped sweep spec, sweeps/NAME.toml.
//
//go:embed sweeps/*.toml
var Sweeps embed.FS

// Sensitivity holds one TOML file per shipped sensitivity-analysis spec,
// sensitivity/NAME.toml.
//
//go:embed sensitivity/*.toml
var Sensitivity embed.FS
