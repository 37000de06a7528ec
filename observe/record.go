// The observed record (docs/ODD.md §11.1): incidents and initiating
// incidents paired with the target's reply, in the codes of DCID 2.0, made
// either by the observation model from a run's acts or by the reader from
// DCID's files.

package observe

import "strconv"

// Objective is an incident's coercive objective, DCID's cyber_objective
// (codebook III).
type Objective uint8

// The objectives. DCID codes 1 to 4; the observation model cannot tell
// short-term from long-term espionage and codes ObjEspionage.
const (
	ObjDisruption     Objective = 1 // take down websites, disrupt online activities
	ObjShortEspionage Objective = 2 // information for an immediate advantage
	ObjLongEspionage  Objective = 3 // information that shapes decisions far into the future
	ObjDegradation    Objective = 4 // physical degradation of the target's capabilities
	ObjEspionage      Objective = 5 // espionage whose term the record does not code
)

// TargetType is the type of an incident's target, DCID's targettype
// (codebook II).
type TargetType uint8

// The target types.
const (
	TargetPrivate    TargetType = 1 // private or non-state: firms critical to the state
	TargetGovernment TargetType = 2 // government, non-military
	TargetMilitary   TargetType = 3 // government, military
)

// Method is an incident's method, DCID's method (codebook I) in tenths:
// 10 vandalism, 20 denial of service, 30 intrusion, 40 infiltration, and
// 41 to 44 the infiltrations DCID delineates with a decimal (4.1 logic
// bombs and wipers, 4.2 viruses, 4.3 worms, 4.4 keystroke logging).
type Method uint8

// The methods.
const (
	MethodVandalism    Method = 10
	MethodDenial       Method = 20
	MethodIntrusion    Method = 30
	MethodInfiltration Method = 40
	MethodLogicBomb    Method = 41
	MethodVirus        Method = 42
	MethodWorm         Method = 43
	MethodKeylogging   Method = 44
)

// String returns the method as DCID writes it: "1", "2", "3", "4", "4.1".
func (m Method) String() string {
	s := strconv.Itoa(int(m) / 10)
	if m%10 != 0 {
		s += "." + strconv.Itoa(int(m)%10)
	}
	return s
}

// Incident is one incident of the record: what a state initiated against
// another state or its firms, with DCID's codes.
type Incident struct {
	Initiator, Target int32 // the states: COW codes for DCID, actor ids for a run
	Start, End        int   // days from the start of the record's period
	Month             int   // month of Start, from 0 (the period's first month)
	Severity          int8  // 1 to 10 (codebook VII)
	Objective         Objective
	TargetType        TargetType
	Method            Method
}

// Pair is an initiating incident and the target state's reply, if any,
// as DCID's update sheet pairs them.
type Pair struct {
	Initiator, Target int32 // the initiating incident's states
	Severity          int8  // the initiating incident's severity
	Replied           bool  // the target answered with a cyber incident
	Lag               int   // days from the initiating incident's start to the reply's
	ReplySeverity     int8  // the reply's severity; 0 without a reply
	Escalated         bool  // the record's coder marks the pair an escalation
}

// Record is an observed record: incidents over a period, and the pairs
// of initiating incidents and replies when the record has them. What a
// record cannot code is said by its flags, and the statistics that need
// it are then undefined.
type Record struct {
	Source    string // "run" or "dcid"
	Incidents []Incident
	Pairs     []Pair
	Years     float64 // length of the period
	Months    int     // months in the period
	FirstYear int     // calendar year the period starts (DCID); 0 for a run

	HasPairs           bool // Pairs were coded (DCID's update sheet was read; always for a run)
	CodesMilitary      bool // government targets are split into military and non-military
	CodesEspionageTerm bool // espionage is split into short- and long-term
}

// dyad returns the unordered pair of states a and b as one key.
func dyad(a, b int32) uint64 {
	if a > b {
		a, b = b, a
	}
	return uint64(uint32(a))<<32 | uint64(uint32(b))
}
