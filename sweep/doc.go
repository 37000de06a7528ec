// Package sweep runs batch experiments: many runs of the model over a design
// of parameter values and replicates, in parallel, with nothing lost when a
// sweep is interrupted, and turns them into tidy tables and figures.
//
// The layers, each usable on its own:
//
//   - A Spec is a sweep as written in TOML (see docs/sweeps.md): a base
//     scenario, fixed parameters, parameters changed during the runs ([at]),
//     parameters or timed changes' values to vary (lists, ranges, or a
//     Latin hypercube or Sobol sample), replicates, a master seed, ticks and
//     the outputs to keep. Load and Parse validate it the way parameter files
//     are validated: every mistake is a *SpecError naming the file and line.
//   - A Plan is the expanded design: the varied parameters, one Condition per
//     combination of their values, and Replicates runs of each. Run number i
//     is replicate i mod Replicates of condition i / Replicates, and its seed
//     is model.RunSeed(MasterSeed, i), whatever the number of workers or the
//     order in which runs finish; Recipe(i) is its recipe.Recipe, which
//     gives its parameters and replay command, and recipe.Driver runs it.
//     NewPlan builds a plan from any list of
//     conditions (for designs of its own, such as Morris trajectories).
//   - Run executes a plan's runs (or one shard of them) with parallel workers
//     into a directory. Each finished run is appended to an append-only
//     journal (journal.jsonl, one JSON line per run); a sweep that is
//     interrupted or killed resumes from it when run again.
//   - Build turns a complete journal into runs.csv, runs.parquet,
//     conditions.csv, cascade_sizes.csv, series.parquet and the figures,
//     reading the journal in run order, so the bytes do not depend on the
//     workers or on interruptions. Merge combines the journals of shards.
//   - ReadConditions reads conditions.csv back for code that states results.
package sweep
