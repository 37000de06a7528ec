// Damage ladder, losses and firm destruction (docs/ODD.md §7.3): the share
// of its value an act of each intensity destroys, the repairs made since an
// actor's last loss, and the destruction of a firm whose outstanding damage
// reaches its value.

package model

// damageFraction returns min(1, damage_base * damage_growth^level).
func (m *Model) damageFraction(level int) float64 {
	f := m.p.DamageBase
	for range level {
		f = float64(f * m.p.DamageGrowth)
	}
	return min(f, 1)
}

// harm applies an act's damage to an actor, counts it, and returns it.
func (m *Model) harm(v int32, level int) float64 {
	a := &m.actors[v]
	d := float64(float64(a.Value*m.damageFraction(level)) * (1 - m.defence(a)))
	m.stats.Damage += d
	switch a.Kind {
	case KindFirm:
		m.stats.DamageFirms += d
		if a.Poor {
			m.stats.DamagePoor += d
		}
	case KindState:
		m.stats.DamageStates += d
	default:
		m.stats.DamageCitizens += d
	}
	m.charge(a, d)
	return d
}

// charge adds a loss (damage, or a liability bill) to an actor's
// outstanding damage, after the repairs made since its last loss, and
// destroys a firm whose outstanding damage reaches its value.
func (m *Model) charge(a *Actor, d float64) {
	if dt := m.tick - a.damageTick; dt > 0 && a.Damage > 0 {
		a.Damage = float64(a.Damage * powInt(1-m.p.RepairRate, dt))
	}
	a.damageTick = m.tick
	a.Damage += d
	if a.Kind == KindFirm && !a.Destroyed && a.Damage >= a.Value {
		a.Destroyed = true
		m.stats.FirmsDestroyed++
		if a.HackedBack {
			m.totals.HackBackersLost++
			if k := m.act.Kind; k == ActCounterstrike || k == ActRetaliation {
				m.totals.StruckBackDestroyed++
			}
		}
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
