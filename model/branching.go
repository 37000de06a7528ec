// The branching rule set (docs/ODD.md §7.21, §8): the limit case in which
// every act is answered with a fixed probability, a Galton-Watson process.

package model

// stepBranching runs one tick of the branching-process limit case:
//
//  1. answers scheduled for this tick are launched, in the order they were
//     decided; then Poisson(root_rate) root acts, each by a uniformly random
//     actor against a uniformly random actor;
//  2. each act harms its target plus Poisson(collateral_mean) actors drawn
//     uniformly with replacement (a bystander of an answer is an innocent
//     harm unless it is the author of the act answered; a root's
//     bystanders are not innocent harms, as a root's target is not);
//  3. each harm independently, with probability answer_probability, draws
//     one answer at the next tick by the harmed actor against a uniformly
//     random actor (attribution is random; the target's suspect is the
//     target of its answer, or a uniform draw when it does not answer).
//
// Nothing is remembered, deterred or damaged; tension is untouched by acts.
// Cascade sizes are then a Galton-Watson process with offspring
// Bernoulli(q) + Poisson(q c), mean q (1 + c).
func (m *Model) stepBranching() {
	t := m.tick
	n := len(m.actors)
	bucket := m.pending.at(t)
	due := *bucket
	for i := range due {
		m.resolveBranching(&due[i])
	}
	*bucket = due[:0]
	roots := m.draws.roots.draw(m.rng, m.p.RootRate)
	for range roots {
		pa := pendingAct{kind: ActAttack, origin: int32(m.rng.IntN(n)), target: int32(m.rng.IntN(n)), parent: None, parentOrigin: None}
		m.resolveBranching(&pa)
	}
}

func (m *Model) resolveBranching(pa *pendingAct) {
	if !m.useCapacity(pa.origin) {
		m.stats.Dropped++
		return
	}
	n := len(m.actors)
	slot := m.begin(pa)
	a := &m.act
	a.Detected = true
	a.Innocent = pa.parent != None && a.Target != pa.parentOrigin
	m.stats.Detected++
	// The target's harm.
	suspect := int32(m.rng.IntN(n))
	a.Suspect = suspect
	a.Misattributed = suspect != a.Origin
	if a.Misattributed {
		m.stats.Misattributed++
	}
	if bernoulli(m.rng, m.p.AnswerProbability) {
		m.answer(a, slot, ActAnswer, a.Target, suspect, 0, 1)
	}
	// Bystanders.
	c := m.draws.collateral.draw(m.rng, m.p.CollateralMean)
	a.Collateral = int32(c)
	for range c {
		v := int32(m.rng.IntN(n))
		m.bystander(slot, v, pa.parent != None && v != pa.parentOrigin)
		if bernoulli(m.rng, m.p.AnswerProbability) {
			m.answer(a, slot, ActAnswer, v, int32(m.rng.IntN(n)), 0, 1)
		}
	}
	m.finishAct(slot, pa.parent != None) // an answerer was harmed by the act it answers
}
