// Package sensitivity measures how much each input (a parameter, or several
// linked by "+") moves each chosen output of the model, over ranges named
// in a TOML spec (docs/sensitivity.md): Morris elementary effects (μ*, μ, σ
// with bootstrap intervals) or Sobol first-order and total indices
// (Saltelli's design, Saltelli 2010 and Jansen 1999 estimators, bootstrap
// intervals), and says where replicate noise makes an index
// indistinguishable from none.
//
// The designs and estimators are plain functions of the unit cube
// (MorrisDesign, MorrisEffects, Summarise, SaltelliDesign, Mix,
// SobolIndices), testable on analytic functions. Run turns a Spec's design
// into a sweep plan (sweep.NewPlan) and runs it with the sweep engine, so
// an analysis has parallel workers, a journal, resume after interruption
// and tables that do not depend on the number of workers; it then writes
// indices.csv, report.md and a ranked bar plot per output.
package sensitivity
