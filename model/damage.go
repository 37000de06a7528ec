// Damage ladder, losses and firm destruction (docs/ODD.md §7.3): the share
// of its value an act of each intensity destroys, the repairs made since an
// actor's last loss, the destruction of a firm whose outstanding damage
// reaches its value, and the cause the destruction is put down to.

package model

// damageFraction returns min(1, damage_base * damage_growth^level).
func (m *Model) damageFraction(level int) float64 {
	f := m.p.DamageBase
	for range level {
		f = float64(f * m.p.DamageGrowth)
	}
	return min(f, 1)
}

// Causes of a firm's losses, to which its destruction is put down
// (docs/ODD.md §7.3).
const (
	// LossAnswers is damage from answers that hit the firm as the true
	// author of the act they answer: counter-strikes, retaliations and hack
	// backs at it for its own hack backs.
	LossAnswers = iota
	// LossLiability is liability bills for hack backs that hit innocents.
	LossLiability
	// LossAttacks is every other damage: attacks, answers that hit it by
	// mistake, and harm to it as a bystander.
	LossAttacks
	numLossCauses
)

// lossSplit is a firm's outstanding losses by cause, as of its last loss.
type lossSplit [numLossCauses]float64

// harm applies an act's damage to an actor, counts it, and returns it. The
// act is m.act; the actor is its target or a bystander.
func (m *Model) harm(v int32, level int) float64 {
	a := &m.actors[v]
	d := float64(float64(a.Value*m.damageFraction(level)) * (1 - m.defence(a)))
	m.stats.Damage += d
	cause := LossAttacks
	switch a.Kind {
	case KindFirm:
		m.stats.DamageFirms += d
		if a.Poor {
			m.stats.DamagePoor += d
		}
		if v == m.act.Target && m.act.Parent != None && !m.act.Innocent {
			cause = LossAnswers
		}
	case KindState:
		m.stats.DamageStates += d
	default:
		m.stats.DamageCitizens += d
	}
	m.charge(a, d, cause)
	return d
}

// charge adds a loss (damage, or a liability bill) to an actor's
// outstanding damage, after the repairs made since its last loss, and
// destroys a firm whose outstanding damage reaches its value. A firm's
// losses are also kept by cause; repairs shrink every cause alike.
func (m *Model) charge(a *Actor, d float64, cause int) {
	firm := a.Kind == KindFirm
	if dt := m.tick - a.damageTick; dt > 0 && a.Damage > 0 {
		f := powInt(1-m.p.RepairRate, dt)
		a.Damage = float64(a.Damage * f)
		if firm {
			for i := range m.losses[a.ID] {
				m.losses[a.ID][i] = float64(m.losses[a.ID][i] * f)
			}
		}
	}
	a.damageTick = m.tick
	a.Damage += d
	if !firm {
		return
	}
	m.losses[a.ID][cause] += d
	if !a.Destroyed && a.Damage >= a.Value {
		a.Destroyed = true
		m.stats.FirmsDestroyed++
		m.totals.DestroyedBy[m.losses[a.ID].main()]++
		if a.HackedBack {
			m.totals.HackBackersLost++
			if k := m.act.Kind; k == ActCounterstrike || k == ActRetaliation {
				m.totals.StruckBackDestroyed++
			}
		}
	}
}

// main returns the cause of the largest outstanding loss (the first, in
// the order of the causes, on a tie).
func (l *lossSplit) main() int {
	best := 0
	for i := 1; i < numLossCauses; i++ {
		if l[i] > l[best] {
			best = i
		}
	}
	return best
}

// recover takes recovered stolen data off a firm's outstanding losses:
// off its attacks' share first (the theft was an attack), then off the
// others' in the order of the causes.
func (l *lossSplit) recover(x float64) {
	for _, c := range [...]int{LossAttacks, LossAnswers, LossLiability} {
		take := min(x, l[c])
		l[c] -= take
		x -= take
	}
}

// powInt returns x^n for n >= 0 by repeated squaring, with every product
// rounded (no fused multiply-add), so it gives the same bits everywhere.
func powInt(x float64, n int) float64 {
	r := 1.0
	for n > 0 {
		if n&1 == 1 {
			r = float64(r * x)
		}
		x = float64(x * x)
		n >>= 1
	}
	return r
}

// OutstandingDamage returns actor id's outstanding damage now, with the
// repairs made since its last loss.
func (m *Model) OutstandingDamage(id int32) float64 {
	a := &m.actors[id]
	if dt := m.tick - a.damageTick; dt > 0 && a.Damage > 0 {
		return float64(a.Damage * powInt(1-m.p.RepairRate, dt))
	}
	return a.Damage
}
