package live

import (
	"fmt"
	"strconv"

	"github.com/escalation-model/escalation/model"
)

// Difference sums two worlds' headline numbers (their ticks.csv rows) day
// by day from the day the second world's change takes effect: innocents
// hit (innocents_harmed), acts their targets blamed on the wrong party (misattributed), harm
// (damage) and acts at the armed-conflict threshold (armed_conflict).
type Difference struct {
	From int // the change's day: 0 for a setting from the start
	Days int // the days summed
	A, B Sums
}

// Sums are a world's headline numbers summed over days.
type Sums struct {
	Innocents, Misattributed, Armed int64
	Damage                          float64
}

// add adds a day's numbers.
func (s *Sums) add(t *model.TickStats) {
	s.Innocents += t.InnocentsHarmed
	s.Misattributed += t.Misattributed
	s.Armed += t.ArmedConflict
	s.Damage += t.Damage
}

// Add counts one day of both worlds, the same day, when it is on or after
// From.
func (d *Difference) Add(a, b *model.TickStats) {
	if a.Tick < d.From {
		return
	}
	d.Days++
	d.A.add(a)
	d.B.add(b)
}

// Sentence says the sums in plain words.
func (d *Difference) Sentence() string {
	if d.Days == 0 {
		if d.From > 0 {
			return fmt.Sprintf("World B changes before day %d; until then the two worlds are the same, day for day.", d.From)
		}
		return "No day has run yet."
	}
	since := fmt.Sprintf("Since day 0 (%s)", days(d.Days))
	if d.From > 0 {
		since = fmt.Sprintf("Since the change before day %d (%s)", d.From, days(d.Days))
	}
	return fmt.Sprintf("%s: innocents hit A %d, B %d; acts blamed on the wrong party A %d, B %d; harm A %s, B %s; acts at the armed-conflict threshold A %d, B %d.",
		since, d.A.Innocents, d.B.Innocents, d.A.Misattributed, d.B.Misattributed,
		harm(d.A.Damage), harm(d.B.Damage), d.A.Armed, d.B.Armed)
}

// days writes "1 day", "31 days".
func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return strconv.Itoa(n) + " days"
}

// harm writes a sum of harm in value units, to a tenth below 100.
func harm(v float64) string {
	if v >= 100 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}
