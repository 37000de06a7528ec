// Package calibrate estimates a simulation model's parameters from
// observed pattern statistics by approximate Bayesian computation with
// sequential Monte Carlo (ABC-SMC), and draws the figures that show the
// result. It knows nothing of the model: a Simulator turns parameter
// vectors into statistics vectors, and a Target holds the observed
// statistics and their scales.
//
// # Method
//
// Population Monte Carlo ABC (Beaumont, Cornuet, Marin & Robert 2009,
// Biometrika 96:983) with the adaptive tolerance schedule of Del Moral,
// Doucet & Jasra (2012, Statistics and Computing 22:1009) and Drovandi &
// Pettitt (2011, Biometrics 67:225) in its simple form:
//
//   - Generation 0 draws N particles from the prior and accepts all of
//     them (tolerance +Inf), with equal weights.
//   - Generation t uses tolerance epsilon_t, the Config.Quantile weighted
//     quantile of generation t-1's distances (Distance: a scaled
//     Euclidean distance between simulated and observed statistics).
//   - It proposes by picking a particle of generation t-1 by its weight
//     and adding a multivariate normal perturbation of covariance twice
//     the population's weighted covariance (Beaumont et al. 2009; the
//     locally optimal kernels of Filippi et al. 2013 would accept more at
//     small tolerances, at the cost of one covariance per particle). A
//     proposal outside the prior's support is redrawn whole (particle and
//     perturbation), up to a bound; redrawing only the perturbation would
//     truncate each particle's kernel by a different unknown mass and
//     bias the weights near the support's edges.
//   - A proposal is accepted if its distance is at most epsilon_t; its
//     weight is pi(theta) / sum_j w_j K(theta | theta_j), normalised.
//
// The algorithm works in a transformed space where a loguniform
// parameter is log x, so every prior is flat on a box there and the
// weights reduce to 1 / sum_j w_j K. Integer parameters are latent
// continuous values rounded for the simulator (see Prior). A dimension
// whose particles have collapsed keeps a tiny variance relative to its
// prior's width, so the Cholesky factor exists.
//
// # Stopping
//
// A run stops after Config.Generations generations; when a generation's
// acceptance rate falls below Config.MinAcceptance (see there for which
// generation is kept); when the next batch would exceed
// Config.MaxSimulations (the incomplete generation is dropped); or when
// its context is cancelled (Run returns the context's error wrapped, with
// the complete generations). Result.Stopped says which, in words.
//
// # Determinism and resuming
//
// The proposals of batch b of generation t are drawn one after another
// from a ChaCha8 source seeded from (Config.Seed, t, b), in batches of
// Config.Batch; after each batch the proposals are screened in index
// order until N are accepted, and the rest of that batch is discarded.
// The Result is therefore a pure function of the config, the target and
// the statistics the simulator returns, whatever the simulator's
// parallelism, the order it finishes in or the machine it runs on. The
// arithmetic that chooses proposals and weights avoids the platform's
// fused multiply-adds and assembly (explicit float64 conversions, and
// portable exp, log, normal draws and Cholesky factor in place of math's
// and gonum's), so the same simulator outputs give the same bits on
// amd64 and arm64.
//
// Resuming is free: a caller that saves each batch's statistics (keyed
// by generation and batch) and, on a rerun with the same config, returns
// the saved ones instead of simulating again gets the same Result as an
// uninterrupted run, simulating only what was never finished.
//
// # Why ABC-SMC and not the simulated method of moments
//
// The simulated method of moments gives one best point and asymptotic
// standard errors, which are poor with a couple of hundred observed
// incidents and discrete, bounded statistics (shares, counts, medians).
// ABC-SMC gives a sample of the posterior: its intervals say how far the
// data narrow each parameter, its correlations say which combinations
// the data identify and which they cannot tell apart, and a parameter
// whose marginal stays as wide as its prior is one the statistics say
// nothing about. The cost is more simulations, which the sweep engine
// spreads over cores or a cluster.
//
// # Figures
//
// PairPlot draws a generation's particles as a corner plot,
// MarginalsPlot each parameter's marginal over the generations, and
// PredictivePlot the observed statistics against the model's predictive
// intervals (rows from PredictiveRows). They are the package's only I/O.
package calibrate
