// Package experiment runs the seven claims of the texts the model is built
// from (docs/references.md states them and cites the texts) as ready
// experiments and states what the data say of each.
//
// An Experiment names the shipped sweep specs it runs (assets/sweeps/
// claimN-*.toml, whose comments give the design and cite the essays) and an
// analysis that reads the sweeps' tables, compares conditions with 95%
// confidence intervals, and says whether the claim holds, does not hold or
// is inconclusive at this size. Every comparison is a Test: an Effect (an
// estimate whose interval can be had at any level, so that its p-value
// comes from the same method), the direction the claim predicts, and a bar
// the effect must pass to matter. The bars are the experiment's thresholds,
// stated in the specs' [verdict] tables before any run; an experiment's
// tests are one family, judged together with Holm's adjustment (JudgeAll),
// and a claim of several parts combines its parts' verdicts (Combine). The
// analysis writes a statement with the numbers, the verdict rule and the
// model rules behind the effect, the assumptions it rests on, a robustness
// table with each threshold changed in turn, and draws the figures. Nothing
// in an analysis assumes the answer: the same code states a claim that
// fails.
//
// Run executes one experiment with the sweep engine (workers, journal,
// resume and byte-identical tables come from package sweep) into
// Out/NAME: the sweeps in Out/NAME/sweep-SPEC, the figures as PNG and SVG,
// and result.md. WriteReport gathers several results into one Markdown
// report (docs/experiments.md is one). Options.Scale multiplies the
// replicates for quick looks and tests.
package experiment
