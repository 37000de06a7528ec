package model

// TickStats are the numbers of one tick, one row of ticks.csv.
type TickStats struct {
	Tick            int
	Attacks         int64 // root acts launched (cascades started)
	Answers         int64 // answers launched
	ByKind          [numActKinds]int64
	Scans           int64 // research scans probing firms (answered or not)
	AttacksOnFirms  int64 // root acts against firms, answered scans excepted (a scan is benign)
	AttacksOnPoor   int64 // ... against firms below the security poverty line
	Detected        int64 // acts whose target detected them
	Misattributed   int64 // detected acts blamed on someone other than their origin
	InnocentsHarmed int64 // harms by answers and pre-emptive strikes to actors who had not launched the act being answered (targets and bystanders)
	Damage          float64
	DamageFirms     float64
	DamagePoor      float64 // damage to firms below the poverty line
	DamageCitizens  float64
	DamageStates    float64
	FirmsDestroyed  int64
	TensionMean     float64
	TensionMax      float64
	OpenCascades    int64 // cascades still open to answers at the end of the tick
	Interstate      int64 // states' answers or pre-emptive strikes at another state's jurisdiction
	ArmedConflict   int64 // acts at the armed-conflict threshold
	Dropped         int64 // acts over an actor's capacity
	Deterred        int64 // attacks not launched because the attacker was deterred
	Prosecutions    int64 // prosecutions of the true attacker
	Wrongful        int64 // prosecutions of someone else
	Hosts           int64 // botnet hosts at the end of the tick
	Recoveries      int64 // hack backs that recovered stolen data
	HotlineCatches  int64 // misattributions caught by a hotline
	Revoked         int64 // hack-back licences revoked by oversight
	Spoiled         int64 // state intelligence operations spoiled by a private strike
}

// DamageBelowPovertyShare returns the share of damage to firms that fell on
// firms below the security poverty line (0 when firms took no damage).
func (s *TickStats) DamageBelowPovertyShare() float64 {
	if s.DamageFirms <= 0 {
		return 0
	}
	return s.DamagePoor / s.DamageFirms
}

// AttacksBelowPovertyShare returns the share of root acts against firms
// (answered scans excepted) that hit firms below the security poverty line
// (0 when there were none).
func (s *TickStats) AttacksBelowPovertyShare() float64 {
	if s.AttacksOnFirms == 0 {
		return 0
	}
	return float64(s.AttacksOnPoor) / float64(s.AttacksOnFirms)
}

// Totals accumulate a whole run; the headline figures derive from them.
type Totals struct {
	Ticks               int
	Acts                int64
	Attacks             int64
	Answers             int64
	ByKind              [numActKinds]int64
	Detected            int64
	Misattributed       int64
	InnocentsHarmed     int64
	Damage              float64
	DamageFirms         float64
	DamagePoor          float64
	AttacksOnFirms      int64
	AttacksOnPoor       int64
	FirmsDestroyed      int64
	HackBackersLost     int64 // firms destroyed after hacking back
	StruckBackDestroyed int64 // ... by a counter-strike or a state's retaliation
	Interstate          int64
	ArmedConflict       int64
	Dropped             int64
	AnswersDecided      int64 // answers decided and not made void: launched, still to come at the end, or dropped over capacity
	Deterred            int64
	Prosecutions        int64
	Wrongful            int64
	Recoveries          int64
	RecoveryAttempts    int64
	HotlineCatches      int64
	Revoked             int64
	Spoiled             int64
	TensionPeak         float64
	Cascades            int64
	CascadesClosed      int64
	MaxSize             int64
	MaxDepth            int
	InterstateCascades  int64
	VigilanteCascades   int64                // cascades with a vigilante strike
	VigilanteWars       int64                // ... that also crossed into state-against-state conflict
	AnsweredCascades    int64                // cascades of more than one act
	Exchanges           int64                // cascades in which two states struck each other
	VigilanteExchanges  int64                // ... among acts descending from a vigilante's strike
	DestroyedBy         [numLossCauses]int64 // firms destroyed, by the cause of their largest outstanding loss
	ChildrenOfClosed    int64                // acts in closed cascades, minus their roots (for the branching ratio)
	ActsOfClosed        int64                // acts in closed cascades
}

func (t *Totals) addTick(s *TickStats) {
	t.Ticks++
	t.Attacks += s.Attacks
	t.Answers += s.Answers
	t.Acts += s.Attacks + s.Answers
	for i := range s.ByKind {
		t.ByKind[i] += s.ByKind[i]
	}
	t.Detected += s.Detected
	t.Misattributed += s.Misattributed
	t.InnocentsHarmed += s.InnocentsHarmed
	t.Damage += s.Damage
	t.DamageFirms += s.DamageFirms
	t.DamagePoor += s.DamagePoor
	t.AttacksOnFirms += s.AttacksOnFirms
	t.AttacksOnPoor += s.AttacksOnPoor
	t.FirmsDestroyed += s.FirmsDestroyed
	t.Interstate += s.Interstate
	t.ArmedConflict += s.ArmedConflict
	t.Dropped += s.Dropped
	t.Deterred += s.Deterred
	t.Prosecutions += s.Prosecutions
	t.Wrongful += s.Wrongful
	t.Recoveries += s.Recoveries
	t.HotlineCatches += s.HotlineCatches
	t.Revoked += s.Revoked
	t.Spoiled += s.Spoiled
	if s.TensionMax > t.TensionPeak {
		t.TensionPeak = s.TensionMax
	}
}

func (t *Totals) addCascade(r *CascadeRecord) {
	if r.Closed {
		t.CascadesClosed++
		t.ActsOfClosed += r.Size
		t.ChildrenOfClosed += r.Size - 1
	}
	if r.Size > t.MaxSize {
		t.MaxSize = r.Size
	}
	if r.Depth > t.MaxDepth {
		t.MaxDepth = r.Depth
	}
	if r.Interstate {
		t.InterstateCascades++
	}
	if r.Size > 1 {
		t.AnsweredCascades++
	}
	if r.Exchange {
		t.Exchanges++
	}
	if r.VigilanteExchange {
		t.VigilanteExchanges++
	}
	if r.Vigilante {
		t.VigilanteCascades++
		if r.Interstate {
			t.VigilanteWars++
		}
	}
}
