// Package assets holds the files embedded in the escalate program: the
// scenario presets (presets/*.toml), the shipped sweep specs
// (sweeps/*.toml) and the shipped sensitivity-analysis specs
// (sensitivity/*.toml), the calibration (calibration/) and the page's
// guided tour (tour/tour.toml).
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

// Calibration holds the shipped calibration specs (calibration/NAME.toml),
// the observed statistics they are calibrated against
// (calibration/*.json, generated from the data) and the posterior draws of
// the shipped calibration (calibration/*.csv), which escalate validate
// simulates.
//
//go:embed calibration
var Calibration embed.FS

// Tour holds the page's guided tour, tour/tour.toml: its chapters, their
// runs, questions, beats and answers (package internal/tour).
//
//go:embed tour/tour.toml
var Tour []byte
