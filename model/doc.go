// Package model is the escalation simulation: states, firms and individuals
// attack one another, misattribute, hack back and retaliate, and every answer
// to a hostile act is itself a hostile act that can be answered in turn. The
// chains of acts so linked are cascades.
//
// The package is pure computation: no I/O, no drawing, no package-level
// mutable state. A Model owns its random number generator, derived from one
// uint64 seed (see newRNG), and advances one tick (one day) per Step. Hostile
// acts and closed cascades are streamed to an Observer as they happen, so a
// run's memory grows with the number of actors and open cascades, never with
// the number of ticks.
//
// Floating-point arithmetic on every path that feeds a decision or an output
// avoids math.Exp, math.Pow and math.Tanh (whose bits differ between amd64 and
// WebAssembly) and wraps products that are then added in float64(...), which
// stops the compiler fusing them into multiply-adds on arm64. See expNeg.
package model
