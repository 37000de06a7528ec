// The observation model (docs/ODD.md §11.1): from a run's acts to what a
// dataset like DCID records. The frame (a state's act against another
// state or one of its firms), public attribution, and the grouping of acts
// into incidents as the run goes; the pairing of incidents with replies
// once it has ended.

package observe

import (
	"fmt"
	"sort"

	"github.com/escalation-model/escalation/model"
)

// Observer is the observation model. It implements model.Observer: it
// keeps the acts a dataset like DCID would record and groups them into
// incidents while the run goes, so that no events file is needed. Its
// memory grows with the incidents only; an act that joins an open
// incident allocates nothing. It is not safe for concurrent use.
type Observer struct {
	cfg       Config
	actors    []model.Actor
	incidents []Incident
	open      map[incidentKey]int32 // the slot of each key's latest incident
	slots     []slot
}

// incidentKey is what acts of one incident share: the directed dyad and
// the objective.
type incidentKey struct {
	initiator, target int32
	objective         Objective
}

// slot is the working state of a key's latest incident.
type slot struct {
	inc      int32 // its index in incidents
	last     int   // tick of its latest act
	actSev   int8  // highest severity of its acts
	victims  [maxWidespread]int32
	nVictims int8
}

var _ model.Observer = (*Observer)(nil)

// NewObserver returns an observer with the given settings. Attach it to
// the model's actors before the first tick.
func NewObserver(cfg Config) *Observer {
	return &Observer{cfg: cfg, open: make(map[incidentKey]int32)}
}

// Reset makes the observer as new, with the given settings, for another
// run, keeping the memory it has grown (a sweep's worker reuses one
// observer for all its runs). Attach the new run's actors after it.
func (o *Observer) Reset(cfg Config) {
	o.cfg = cfg
	o.actors = nil
	o.incidents = o.incidents[:0]
	clear(o.open)
	o.slots = o.slots[:0]
}

// Attach gives the observer the run's actors (model.Model.Actors), whose
// kinds, homes and fixed attributes decide what is recorded. The slice is
// read as the run goes (a firm's destruction is seen when it happens).
func (o *Observer) Attach(actors []model.Actor) { o.actors = actors }

// Config returns the observer's settings.
func (o *Observer) Config() Config { return o.cfg }

// Cascade does nothing: the record is made of acts.
func (o *Observer) Cascade(*model.CascadeRecord) {}

// Act records a if a dataset like DCID would, adding it to its open
// incident or starting a new one.
func (o *Observer) Act(a *model.Act) {
	target, ok := o.frame(a)
	if !ok {
		return
	}
	sev, obj, method := o.code(a)
	key := incidentKey{a.Origin, target, obj}
	si, ok := o.open[key]
	if ok && a.Tick-o.slots[si].last <= o.cfg.Gap {
		o.extend(&o.slots[si], a, sev, method)
		return
	}
	if !ok {
		si = int32(len(o.slots))
		o.slots = append(o.slots, slot{})
		o.open[key] = si
	}
	o.slots[si] = slot{inc: int32(len(o.incidents)), last: a.Tick, actSev: sev}
	o.incidents = append(o.incidents, Incident{
		Initiator: a.Origin, Target: target, Start: a.Tick, End: a.Tick, Month: month(a.Tick),
		Severity: sev, Objective: obj, TargetType: o.targetType(a.Target), Method: method,
	})
	o.addVictim(&o.slots[si], a.Target)
}

// frame reports whether a is recorded, and the target state: a state's
// act against another state or one of its private targets, whose target
// named the initiating state with at least the reporting threshold's
// confidence.
func (o *Observer) frame(a *model.Act) (int32, bool) {
	if o.actors[a.Origin].Kind != model.KindState {
		return 0, false
	}
	tg := &o.actors[a.Target]
	switch tg.Kind {
	case model.KindState:
	case model.KindFirm:
		if o.cfg.PrivateTargets == PrivateCritical && tg.Poor && !tg.IoT {
			return 0, false
		}
	default:
		return 0, false
	}
	if tg.State == a.Origin || !a.Detected || a.Misattributed || a.Confidence < o.cfg.ReportingThreshold {
		return 0, false
	}
	return tg.State, true
}

// targetType codes the target of an act: a state's own networks are a
// government target, a firm a private one.
func (o *Observer) targetType(id int32) TargetType {
	if o.actors[id].Kind == model.KindState {
		return TargetGovernment
	}
	return TargetPrivate
}

// extend adds act a, of severity sev, to the open incident of slot s.
func (o *Observer) extend(s *slot, a *model.Act, sev int8, method Method) {
	inc := &o.incidents[s.inc]
	s.last = a.Tick
	inc.End = a.Tick
	if sev > s.actSev {
		s.actSev = sev
		inc.Method = method
	}
	if o.targetType(a.Target) == TargetGovernment {
		inc.TargetType = TargetGovernment
	}
	o.addVictim(s, a.Target)
	inc.Severity = s.actSev
	if inc.Objective == ObjEspionage && int(s.nVictims) >= o.cfg.WidespreadVictims {
		inc.Severity = max(inc.Severity, int8(o.cfg.SeverityWidespreadTheft))
	}
}

// addVictim remembers a distinct victim of slot s's incident, up to
// widespread_victims of them (all that the severity needs).
func (o *Observer) addVictim(s *slot, v int32) {
	n := int(s.nVictims)
	if n >= o.cfg.WidespreadVictims {
		return
	}
	for _, w := range s.victims[:n] {
		if w == v {
			return
		}
	}
	s.victims[n] = v
	s.nVictims++
}

// month returns the month of a tick, 12 months of 365/12 days a year.
func month(tick int) int { return tick * 12 / 365 }

// Finish returns the record of a run of the given length: its incidents,
// and each incident whose reply window ended within the run paired with
// the target state's reply (its first incident against the initiator
// that started after it, within reply_window days), escalated when the
// reply is more severe.
func (o *Observer) Finish(ticks int) Record {
	r := Record{
		Source: "run", Incidents: append([]Incident(nil), o.incidents...),
		Years: float64(ticks) / 365, Months: (ticks*12 + 364) / 365, HasPairs: true,
	}
	byDyad := map[incidentKey][]int32{} // directed dyad -> its incidents, in order
	for i, inc := range r.Incidents {
		k := incidentKey{inc.Initiator, inc.Target, 0}
		byDyad[k] = append(byDyad[k], int32(i))
	}
	for i, inc := range r.Incidents {
		if inc.Start+o.cfg.ReplyWindow > ticks-1 {
			continue // its reply window is cut short by the end of the run
		}
		p := Pair{Initiator: inc.Initiator, Target: inc.Target, Severity: inc.Severity}
		back := byDyad[incidentKey{inc.Target, inc.Initiator, 0}]
		j := sort.Search(len(back), func(k int) bool { return back[k] > int32(i) })
		if j < len(back) {
			if reply := r.Incidents[back[j]]; reply.Start-inc.Start <= o.cfg.ReplyWindow {
				p.Replied, p.Lag, p.ReplySeverity = true, reply.Start-inc.Start, reply.Severity
				p.Escalated = reply.Severity > inc.Severity
			}
		}
		r.Pairs = append(r.Pairs, p)
	}
	return r
}

// code returns the severity, objective and method of act a. A state's
// operation is coded by its objective (its kind) and its effects; any
// other act by its intensity.
func (o *Observer) code(a *model.Act) (int8, Objective, Method) {
	c := &o.cfg
	switch {
	case a.Kind == model.ActSabotage && a.Intensity == model.Disruption:
		return int8(c.SeverityOutage), ObjDegradation, MethodDenial
	case a.Kind == model.ActDenial && a.Intensity == model.Disruption:
		return int8(c.SeverityOutage), ObjDisruption, MethodDenial
	case a.Intensity >= model.ArmedAttack:
		return int8(c.SeverityArmed), ObjDegradation, MethodLogicBomb
	case a.Intensity == model.Critical:
		return int8(c.SeverityCritical), ObjDegradation, MethodLogicBomb
	case a.Intensity == model.Destruction:
		if a.Collateral > 0 || o.actors[a.Target].Destroyed {
			return int8(c.SeverityDestroyed), ObjDegradation, MethodLogicBomb
		}
		return int8(c.SeverityDestruction), ObjDegradation, MethodLogicBomb
	case a.Intensity == model.Disruption && a.Kind == model.ActEspionage:
		return int8(c.SeverityTheft), ObjEspionage, MethodIntrusion
	case a.Intensity == model.Disruption:
		return int8(c.SeverityOutage), ObjDisruption, MethodDenial
	case a.Intensity == model.Nuisance:
		return int8(c.SeverityNuisance), ObjDisruption, MethodVandalism
	}
	panic(fmt.Sprintf("observe: act %d has intensity %d", a.ID, a.Intensity))
}
