// Reading DCID 2.0's rows (docs/ODD.md §11.1): an incident of the
// incident sheet, and a pair of rows of the update sheet.

package observe

import (
	"time"
)

// dcidIncident is an incident row before the record's period is known.
type dcidIncident struct {
	inc        Incident
	start, end time.Time
}

// incidents reads the incident sheet into r, with r's period.
func (t *table) incidents(r *Record) error {
	rows := make([]dcidIncident, len(t.rows))
	first, last := 0, 0
	for i := range t.rows {
		d, err := t.incident(i)
		if err != nil {
			return err
		}
		rows[i] = d
		y := d.start.Year()
		if i == 0 || y < first {
			first = y
		}
		if i == 0 || y > last {
			last = y
		}
	}
	r.FirstYear, r.Years, r.Months = first, float64(last-first+1), 12*(last-first+1)
	origin := time.Date(first, time.January, 1, 0, 0, 0, 0, time.UTC)
	for _, d := range rows {
		d.inc.Start, d.inc.End = days(origin, d.start), days(origin, d.end)
		d.inc.Month = 12*(d.start.Year()-first) + int(d.start.Month()) - 1
		r.Incidents = append(r.Incidents, d.inc)
	}
	return nil
}

// days returns the whole days from a to b.
func days(a, b time.Time) int { return int(b.Sub(a).Hours()) / 24 }

// incident reads row i of the incident sheet.
func (t *table) incident(i int) (dcidIncident, error) {
	var d dcidIncident
	var err error
	if d.inc.Initiator, d.inc.Target, err = t.states(i); err != nil {
		return d, err
	}
	if d.start, err = t.date(i, "interactionstartdate"); err != nil {
		return d, err
	}
	if d.end, err = t.date(i, "interactionenddate"); err != nil {
		return d, err
	}
	if d.end.Before(d.start) {
		_, fail := t.cell(i, "interactionenddate")
		return d, fail("is before the incident's start date")
	}
	if d.inc.Method, err = t.method(i, false); err != nil {
		return d, err
	}
	tt, err := t.code(i, "targettype", 1, 3, "a target type (codebook II: 1 private, 2 government non-military, 3 government military)")
	if err != nil {
		return d, err
	}
	obj, err := t.code(i, "cyber_objective", 1, 4, "an objective (codebook III: 1 disruption, 2 short-term espionage, 3 long-term espionage, 4 degradation)")
	if err != nil {
		return d, err
	}
	sev, err := t.code(i, "severity", 1, 10, "an incident's severity (codebook VII; 0, no cyber activity, is no incident)")
	if err != nil {
		return d, err
	}
	d.inc.TargetType, d.inc.Objective, d.inc.Severity = TargetType(tt), Objective(obj), int8(sev)
	return d, nil
}

// pairs reads the update sheet: pairs of consecutive rows with the same
// Cyberincidentnum and Dyadpair, an initiating incident and the target
// state's next act, a cyber reply or "No Cyber" (method and severity 0).
func (t *table) pairs() ([]Pair, error) {
	if len(t.rows)%2 == 1 {
		_, fail := t.cell(len(t.rows)-1, "Cyberincidentnum")
		return nil, fail("is a pair's first row without its second: the update sheet holds pairs of rows, an initiating incident and the target's next act")
	}
	var out []Pair
	for i := 0; i < len(t.rows); i += 2 {
		p, err := t.pair(i)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// pair reads the pair of rows i and i+1.
func (t *table) pair(i int) (Pair, error) {
	var p Pair
	for _, c := range []string{"Cyberincidentnum", "Dyadpair"} {
		a, _ := t.cell(i, c)
		if b, fail := t.cell(i+1, c); a != b {
			return p, fail("differs from the row before (%q): a pair's two rows share their %s", a, c)
		}
	}
	var err error
	if p.Initiator, p.Target, err = t.states(i); err != nil {
		return p, err
	}
	if _, err := t.method(i, false); err != nil {
		return p, err
	}
	sev, err := t.code(i, "severity", 1, 10, "an initiating incident's severity (codebook VII)")
	if err != nil {
		return p, err
	}
	p.Severity = int8(sev)
	if p.Replied, p.ReplySeverity, err = t.reply(i+1, p); err != nil {
		return p, err
	}
	start, err := t.date(i, "interactionstartdate")
	if err != nil {
		return p, err
	}
	next, err := t.date(i+1, "interactionstartdate")
	if err != nil {
		return p, err
	}
	p.Lag = days(start, next)
	for _, j := range []int{i, i + 1} {
		flag, err := t.code(j, "Cyber_escalation", 0, 1, "an escalation flag")
		if err != nil {
			return p, err
		}
		p.Escalated = p.Escalated || flag == 1
	}
	return p, nil
}

// reply reads row j, the target's next act after the incident of pair p:
// a cyber reply by p's target (its severity), or no cyber act (method and
// severity 0; a "No Cyber" row's initiator is not checked, as one of
// DCID's names the initiating state instead of its target).
func (t *table) reply(j int, p Pair) (bool, int8, error) {
	m, err := t.method(j, true)
	if err != nil {
		return false, 0, err
	}
	if m == 0 {
		_, err := t.code(j, "severity", 0, 0, "the severity of no cyber act (method 0)")
		return false, 0, err
	}
	sev, err := t.code(j, "severity", 1, 10, "a reply's severity (codebook VII)")
	if err != nil {
		return false, 0, err
	}
	ini, _, err := t.states(j)
	if err != nil {
		return false, 0, err
	}
	if ini != p.Target {
		_, fail := t.cell(j, "initiator")
		return false, 0, fail("is not the target of the incident it replies to (%d)", p.Target)
	}
	return true, int8(sev), nil
}
