// Package model is the escalation simulation: states, firms and individuals
// attack one another, misattribute, hack back and retaliate, and every answer
// to a hostile act is itself a hostile act that can be answered in turn. The
// chains of acts so linked are cascades.
//
// The package is pure computation: no I/O, no drawing, no package-level
// mutable state, and no import of the rest of the project. A Model owns its
// random number generator, derived from one uint64 seed, and advances one
// tick (one day) per Step. Hostile acts and closed cascades are streamed to
// an Observer as they happen, so a run's memory grows with the number of
// actors and open cascades, never with the number of ticks.
//
// Floating-point arithmetic on every path that feeds a decision or an output
// avoids math.Exp, math.Pow and math.Tanh (whose bits differ between amd64 and
// WebAssembly) and wraps products that are then added in float64(...), which
// stops the compiler fusing them into multiply-adds on arm64. See expNeg.
//
// # Where things are
//
// The rules are specified in docs/ODD.md; each file opens with the section
// it implements, and §7 of the ODD has the table of submodels and files.
//
//   - model.go: the Model, New, Reset, accessors, SetParam (§3.1, §6)
//   - params.go: Params and the parameter registry, with each parameter's
//     range, meaning and traits, such as Structural (§6, §12)
//   - act.go, actor.go: hostile acts and actors (§2.1, §2.2)
//   - init.go: building the world (§5)
//   - step.go: the tick and its order, the wheel of pending answers, capacity (§3)
//   - rng.go: random draws and exact arithmetic (§7.1)
//   - capabilities.go: defence, attribution skill, offence (§7.2)
//   - damage.go: the damage ladder, losses and firm destruction (§7.3)
//   - attacks.go: root attacks (§7.4)
//   - routing.go: botnet hosts and false flags (§7.5)
//   - resolve.go: launching and resolving an act, collateral harm (§7.6, §7.17)
//   - response.go: responses, doctrines, hack back, counter-strikes, state
//     responses (§7.7, §7.9–§7.11, §7.14)
//   - attribution.go: attribution and confidence (§7.8)
//   - vigilantes.go: vigilantes (§7.13)
//   - intelligence.go: intelligence operations, defend forward (§7.15)
//   - law.go: law enforcement (§7.16)
//   - botnet.go: botnet recruitment and cleanup (§7.18)
//   - tension.go: tension and Richardson's equations (§7.19, §9)
//   - cascade.go: cascade bookkeeping (§7.20)
//   - branching.go: the branching rule set (§7.21)
//   - stats.go: the numbers of a tick and of a run (§11)
//   - columns.go, headlines.go: the column registries of the output tables
//     and of the headline figures, from which every writer, reader and
//     codebook table derives (§11)
package model
