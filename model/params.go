// Parameters (docs/ODD.md §6, §12): the Params struct, the registry of
// every parameter's name, default, range and documentation, and parsing and
// validation of values.

package model

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Params holds every assumption of a run. The zero value is not meaningful:
// start from DefaultParams and change fields, or set them by name with Set.
// Field meanings, ranges and units are in the registry returned by Registry.
type Params struct {
	// World and run.
	Mechanics              string
	Ticks                  int
	States                 int
	Firms                  int
	Citizens               int
	Criminals              int
	Hacktivists            int
	Vigilantes             int
	ResearcherShare        float64
	PovertyShare           float64
	IoTShare               float64
	BotnetShare            float64
	Capacity               int
	AnswerWindow           int
	AnswerDelay            int
	StateGradient          float64
	FirmValue              float64
	CitizenValue           float64
	StateValue             float64
	DamageBase             float64
	DamageGrowth           float64
	RepairRate             float64
	CollateralMean         float64
	RootRate               float64
	AnswerProbability      float64
	CrimeRate              float64
	EspionageRate          float64
	EspionageStateShare    float64
	EspionageBreadth       float64
	StateDisruptionShare   float64
	StateDegradationShare  float64
	StateDestructionShare  float64
	StateActivitySpread    float64
	StateCapabilitySpread  float64
	RivalryDensity         float64
	RivalryConcentration   float64
	HacktivismRate         float64
	ScanRate               float64
	ScanAlarm              float64
	AttackIntensity        float64
	CrimeChoice            int
	HackBackFear           float64
	RecruitProbability     float64
	CleanupRate            float64
	ProxyUse               float64
	FalseFlag              float64
	Deception              float64
	FirmDefence            float64
	PoorDefence            float64
	CitizenDefence         float64
	VigilanteDefence       float64
	StateDefence           float64
	FirmSkill              float64
	PoorSkill              float64
	IndividualSkill        float64
	AttributionSkill       float64
	EvidenceStrength       float64
	HoneypotBonus          float64
	InfoSharing            float64
	HygieneSubsidy         float64
	HomeStateBlame         float64
	StateDoctrine          string
	StateAnswerProbability float64
	StateConfidence        float64
	StateProtects          int
	StateAnswerLag         int
	EscalationProbability  float64
	Forgiveness            float64
	Hotline                float64
	DefendForward          float64
	Monitoring             float64
	StateOffence           float64
	HackBack               string
	HackBackShare          float64
	LicenseShare           float64
	Pledge                 float64
	FirmDoctrine           string
	HackBackConfidence     float64
	Oversight              float64
	Liability              float64
	RecoverySuccess        float64
	CounterProbability     float64
	CounterEscalation      int
	CriminalOffence        float64
	HacktivistOffence      float64
	DeterrenceTicks        int
	VigilanteTemper        float64
	AngerPerHit            float64
	InactionAnger          float64
	AngerDecay             float64
	VigilanteBurst         int
	VigilanteIntensity     int
	LEThreshold            float64
	LEDelay                int
	LECapacity             float64
	LEForeign              float64
	ProsecutionTicks       int
	TensionReaction        float64
	TensionRestraint       float64
	TensionGrievance       float64
	TensionPerAct          float64
	TensionDt              float64
	TensionEscalation      float64
}

// Param describes one parameter: its name as written in TOML files and on
// the command line, its type, default, allowed range, unit, meaning, and the
// argument it stands for, citing the text it comes from by the short name
// docs/references.md gives it, or "modelling choice".
type Param struct {
	Name    string
	Type    string // "float", "int" or "choice"
	Default string
	Min     float64 // inclusive; ints and floats only
	Max     float64 // inclusive; ints and floats only
	Choices []string
	Unit    string
	Meaning string
	Essay   string
	Group   string
	// Structural is true for a parameter that fixes the world's structure
	// (its actors and their fixed attributes, the answer window or the rule
	// set): it cannot change during a run, and Model.SetParam refuses it.
	Structural bool

	f func(*Params) *float64
	i func(*Params) *int
	s func(*Params) *string
	// redealsInclinations is true for a parameter that decides who is
	// inclined to hack back or holds a licence: when it changes during a
	// run, Model.SetParam deals the inclinations and licences again, from
	// the seed alone (docs/ODD.md §3.6).
	redealsInclinations bool
}

// Mechanics choices.
const (
	MechanicsCyber     = "cyber"
	MechanicsBranching = "branching"
)

// Doctrine names as written in parameters.
const (
	DoctrineRestraint    = "restraint"
	DoctrineProportional = "proportional"
	DoctrineEscalatory   = "escalatory"
	DoctrinePunitive     = "punitive"
	DoctrineForgiving    = "forgiving"
)

// Hack-back regimes.
const (
	HackBackIllegal  = "illegal"
	HackBackLicensed = "licensed"
	HackBackFree     = "free"
)

var stateDoctrines = []string{DoctrineRestraint, DoctrineProportional, DoctrineEscalatory, DoctrinePunitive, DoctrineForgiving}
var firmDoctrines = []string{DoctrineProportional, DoctrineEscalatory, DoctrinePunitive, DoctrineForgiving}

// trait is a property a parameter is registered with (see Param).
type trait uint8

const (
	structural trait = iota // Param.Structural
	redeals                 // Param.redealsInclinations
)

// withTraits returns p with the given traits set.
func withTraits(p Param, ts []trait) Param {
	for _, t := range ts {
		switch t {
		case structural:
			p.Structural = true
		case redeals:
			p.redealsInclinations = true
		}
	}
	return p
}

// registry is built once per call to Registry; it holds no mutable state.
func registry() []Param {
	var ps []Param
	group := ""
	fl := func(name string, get func(*Params) *float64, def, lo, hi float64, unit, meaning, essay string, ts ...trait) {
		ps = append(ps, withTraits(Param{Name: name, Type: "float", Default: formatFloat(def), Min: lo, Max: hi, Unit: unit, Meaning: meaning, Essay: essay, Group: group, f: get}, ts))
	}
	in := func(name string, get func(*Params) *int, def, lo, hi int, unit, meaning, essay string, ts ...trait) {
		ps = append(ps, withTraits(Param{Name: name, Type: "int", Default: strconv.Itoa(def), Min: float64(lo), Max: float64(hi), Unit: unit, Meaning: meaning, Essay: essay, Group: group, i: get}, ts))
	}
	ch := func(name string, get func(*Params) *string, def string, choices []string, meaning, essay string, ts ...trait) {
		ps = append(ps, withTraits(Param{Name: name, Type: "choice", Default: def, Choices: choices, Unit: "choice", Meaning: meaning, Essay: essay, Group: group, s: get}, ts))
	}

	group = "world"
	ch("mechanics", func(p *Params) *string { return &p.Mechanics }, MechanicsCyber, []string{MechanicsCyber, MechanicsBranching},
		"rule set: the full cyber model, or the branching-process limit case", "modelling choice: a limit case with a known answer, a branching process", structural)
	in("ticks", func(p *Params) *int { return &p.Ticks }, 365, 1, 100_000_000, "ticks (days)", "length of a run", "modelling choice: a tick is one day")
	in("states", func(p *Params) *int { return &p.States }, 8, 1, 1000, "actors", "number of states", "Road rage essay, Realist essay: states hold jurisdictions and conduct foreign policy", structural)
	in("firms", func(p *Params) *int { return &p.Firms }, 400, 0, 10_000_000, "actors", "number of firms", "Rapid7 hack back paper: firms are the usual victims and would-be hack-backers", structural)
	in("citizens", func(p *Params) *int { return &p.Citizens }, 1000, 0, 10_000_000, "actors", "number of ordinary individuals (bystanders whose machines can be botnet hosts)", "Usman 2022, Rapid7 hack back paper: botnet hosts are victims too", structural)
	in("criminals", func(p *Params) *int { return &p.Criminals }, 40, 0, 1_000_000, "actors", "number of profit-driven criminals", "Rapid7 hack back paper: profit-motivated attackers", structural)
	in("hacktivists", func(p *Params) *int { return &p.Hacktivists }, 10, 0, 1_000_000, "actors", "number of ideological hacktivists", "Usman 2022: ideological hackers are not deterred", structural)
	in("vigilantes", func(p *Params) *int { return &p.Vigilantes }, 2, 0, 1_000_000, "actors", "number of would-be vigilantes (P4x)", "Road rage essay: a lone hacker takes foreign policy into his own hands", structural)
	fl("researcher_share", func(p *Params) *float64 { return &p.ResearcherShare }, 0.02, 0, 1, "share of firms", "share of firms that are security researchers scanning the internet", "Rapid7 hack back paper: benign scans trip alarms", structural)
	fl("poverty_share", func(p *Params) *float64 { return &p.PovertyShare }, 0.4, 0, 1, "share of firms", "share of firms below the security poverty line", "Rapid7 hack back paper: the security poverty line", structural)
	fl("iot_share", func(p *Params) *float64 { return &p.IoTShare }, 0.1, 0, 1, "share of firms", "share of firms running IoT or physical systems (harm can reach people)", "Rapid7 hack back paper: in the age of IoT, harm can be physical", structural)
	fl("botnet_share", func(p *Params) *float64 { return &p.BotnetShare }, 0.05, 0, 1, "share of hosts", "initial share of citizens and poor firms whose machines are botnet hosts", "Usman 2022, Rapid7 hack back paper: botnets hide attackers behind innocent hosts", structural)
	in("capacity", func(p *Params) *int { return &p.Capacity }, 8, 1, 1_000_000, "acts per actor per tick", "most hostile acts one actor can launch in a tick; the excess is dropped and counted", "modelling choice: bounded work")
	in("answer_window", func(p *Params) *int { return &p.AnswerWindow }, 14, 1, 10_000, "ticks", "after this many ticks an act can no longer be answered", "modelling choice: every cascade closes in bounded time", structural)
	in("answer_delay", func(p *Params) *int { return &p.AnswerDelay }, 3, 1, 10_000, "ticks", "an answer is launched 1 to answer_delay ticks (uniform) after the act it answers; at most answer_window", "Road rage essay: impulsive retaliation is fast")
	fl("state_gradient", func(p *Params) *float64 { return &p.StateGradient }, 0, 0, 0.95, "fraction", "capability of the last state relative loss: state i's skill, defence and offence are scaled by 1 - gradient*i/(states-1)", "Road rage essay: a weak state (North Korea) against a strong one", structural)
	fl("firm_value", func(p *Params) *float64 { return &p.FirmValue }, 1, 0.001, 1e6, "value units", "mean value at risk of a firm (uniform between half and one and a half times this)", "Rapid7 hack back paper: value at risk", structural)
	fl("citizen_value", func(p *Params) *float64 { return &p.CitizenValue }, 0.05, 0, 1e6, "value units", "value at risk of an individual", "modelling choice", structural)
	fl("state_value", func(p *Params) *float64 { return &p.StateValue }, 50, 0.001, 1e9, "value units", "value at risk of a state's own networks", "Realist essay: national facilities", structural)
	fl("damage_base", func(p *Params) *float64 { return &p.DamageBase }, 0.01, 0, 1, "fraction of value", "fraction of value at risk an undefended nuisance (intensity 0) destroys", "modelling choice: the intensity ladder")
	fl("damage_growth", func(p *Params) *float64 { return &p.DamageGrowth }, 3, 1, 100, "factor per level", "each step up the intensity ladder multiplies the damage fraction by this (capped at 1)", "modelling choice: the intensity ladder")

	fl("repair_rate", func(p *Params) *float64 { return &p.RepairRate }, 0.01, 0, 1, "fraction per tick", "share of an actor's outstanding damage repaired each tick; a firm is destroyed when its outstanding damage reaches its value", "Usman 2022: Blue Security shut down under a sustained attack, not a single hit")
	group = "branching"
	fl("root_rate", func(p *Params) *float64 { return &p.RootRate }, 1, 0, 1e6, "acts per tick", "branching mechanics: mean (Poisson) number of root acts per tick", "modelling choice: the branching limit case")
	fl("answer_probability", func(p *Params) *float64 { return &p.AnswerProbability }, 0.3, 0, 1, "probability", "branching mechanics: chance that each harm draws one answer at the next tick", "modelling choice: the branching limit case")
	fl("collateral_mean", func(p *Params) *float64 { return &p.CollateralMean }, 0.3, 0, 100, "actors per act", "mean (Poisson) number of bystanders an answer also harms (every act, in branching mechanics)", "Usman 2022, Rapid7 hack back paper: hack back is spraying bullets over the fence")

	group = "attacks"
	fl("crime_rate", func(p *Params) *float64 { return &p.CrimeRate }, 0.3, 0, 100, "attacks per criminal per tick", "mean rate at which each criminal attacks", "Rapid7 hack back paper: profit-motivated attackers")
	fl("espionage_rate", func(p *Params) *float64 { return &p.EspionageRate }, 0.3, 0, 100, "operations per state per tick", "mean rate at which each state launches espionage against foreign targets", "Realist essay: SolarWinds-style state espionage")
	fl("espionage_state_share", func(p *Params) *float64 { return &p.EspionageStateShare }, 0.3, 0, 1, "share of operations", "share of espionage aimed at foreign states' own networks; the rest at random foreign firms and individuals", "Realist essay: SolarWinds reached government agencies")
	fl("espionage_breadth", func(p *Params) *float64 { return &p.EspionageBreadth }, 0, 0, 100, "targets per operation", "mean (Poisson) number of further targets in the same state that an espionage operation also reaches, each a root act of its own (a supply-chain compromise)", "Realist essay: SolarWinds reached many agencies and firms at once; DCID 2.0: a third of espionage incidents are widespread intrusions (severity 4)")
	fl("state_disruption_share", func(p *Params) *float64 { return &p.StateDisruptionShare }, 0, 0, 1, "share of operations", "share of states' operations that are disruption (an outage: denial of service) instead of espionage", "DCID 2.0: a third of state incidents aim at disruption (codebook, coercive objective 1)")
	fl("state_degradation_share", func(p *Params) *float64 { return &p.StateDegradationShare }, 0, 0, 1, "share of operations", "share of states' operations that are degradation (destruction: wiped systems) instead of espionage; with state_disruption_share at most 1", "DCID 2.0: a tenth of state incidents aim at degradation (codebook, coercive objective 4); Realist essay: deterrent cyber weapons")
	fl("state_destruction_share", func(p *Params) *float64 { return &p.StateDestructionShare }, 1, 0, 1, "share of operations", "share of states' degradation operations that reach the destruction intensity (wiped systems); the rest are blunted to the disruption intensity (an outage)", "DCID 2.0: most degradation incidents are coded below severity 5 (destruction)")
	fl("state_activity_spread", func(p *Params) *float64 { return &p.StateActivitySpread }, 0, 0, 3, "log standard deviation", "dispersion of states' cyber power: state s's operation rate is espionage_rate times exp(spread z_s - spread^2/2), z_s standard normal, so a few states launch most operations (0: all alike)", "DCID 2.0: four states initiate three quarters of the incidents; Realist essay: great powers hold the capabilities", structural)
	fl("state_capability_spread", func(p *Params) *float64 { return &p.StateCapabilitySpread }, 0, 0, 3, "log standard deviation", "dispersion of states' capability with the same z_s: a state's skill, defence and offence (and value) are scaled by exp(spread z_s - spread^2/2), within [0, 1] as probabilities (0: all alike)", "Realist essay: great powers hold the capabilities; Road rage essay: a weak state against a strong one", structural)
	fl("rivalry_density", func(p *Params) *float64 { return &p.RivalryDensity }, 1, 0, 1, "share of pairs", "expected share of pairs of states that are rivals; a state's operations go only at its rivals and their people (1: every pair)", "DCID 2.0: incidents happen between rival states, and most pairs of states never meet", structural)
	fl("rivalry_concentration", func(p *Params) *float64 { return &p.RivalryConcentration }, 0, 0, 5, "per unit of z", "how much cyber power draws rivals: pair (i, j) is a rival pair with probability proportional to exp(concentration (z_i + z_j)), scaled to rivalry_density (0: pairs alike)", "DCID 2.0: a few dyads (United States-China, Russia, Iran) hold half the incidents", structural)
	fl("hacktivism_rate", func(p *Params) *float64 { return &p.HacktivismRate }, 0.2, 0, 100, "attacks per hacktivist per tick", "mean rate at which each hacktivist attacks its chosen enemy state", "Usman 2022: ideological hackers")
	fl("scan_rate", func(p *Params) *float64 { return &p.ScanRate }, 2, 0, 1000, "scans per researcher per tick", "mean rate at which each researcher scans random firms", "Rapid7 hack back paper: research scans of the public internet")
	fl("scan_alarm", func(p *Params) *float64 { return &p.ScanAlarm }, 0.2, 0, 1, "probability", "chance that a detected scan is read as an attack", "Rapid7 hack back paper: shoot first and ask questions later")
	fl("attack_intensity", func(p *Params) *float64 { return &p.AttackIntensity }, 0.6, 0, 2, "intensity level", "mean intensity of criminal and hacktivist attacks (Binomial(2, x/2))", "modelling choice: the intensity ladder")
	in("crime_choice", func(p *Params) *int { return &p.CrimeChoice }, 4, 1, 64, "candidates", "number of random targets a criminal compares before choosing the best expected gain against expected cost", "Rapid7 hack back paper: attackers shift below the poverty line (displacement)")
	fl("hack_back_fear", func(p *Params) *float64 { return &p.HackBackFear }, 1, 0, 100, "value units", "loss a criminal expects if a target hacks it back (lost time while deterred, counter-harm), weighed against the gain", "Rapid7 hack back paper: as the resourced hack back, attackers shift below the poverty line")
	fl("recruit_probability", func(p *Params) *float64 { return &p.RecruitProbability }, 0.05, 0, 1, "probability", "chance that a successful attack on a citizen or poor firm turns its machine into a botnet host", "Usman 2022, Rapid7 hack back paper: botnets")
	fl("cleanup_rate", func(p *Params) *float64 { return &p.CleanupRate }, 0.01, 0, 1, "per host per tick", "rate at which botnet hosts are cleaned", "Rapid7 hack back paper: hygiene")
	fl("proxy_use", func(p *Params) *float64 { return &p.ProxyUse }, 0.5, 0, 1, "probability", "chance an attack is routed through a botnet host", "Usman 2022, Rapid7 hack back paper: botnets hide attackers")
	fl("false_flag", func(p *Params) *float64 { return &p.FalseFlag }, 0.05, 0, 1, "probability", "chance an attack carries a false flag framing a third party", "Rapid7 hack back paper: red herrings planted to incriminate another party")
	fl("deception", func(p *Params) *float64 { return &p.Deception }, 0.7, 0, 1, "fraction", "fraction of attribution skill lost against a routed or false-flagged attack", "Rapid7 hack back paper: attribution is near impossible")

	group = "defence and attribution"
	fl("firm_defence", func(p *Params) *float64 { return &p.FirmDefence }, 0.6, 0, 1, "probability", "defence of firms above the poverty line: chance to detect an attack, and share of its damage prevented", "Rapid7 hack back paper: security budget")
	fl("poor_defence", func(p *Params) *float64 { return &p.PoorDefence }, 0.15, 0, 1, "probability", "defence of firms below the poverty line", "Rapid7 hack back paper: the security poverty line")
	fl("citizen_defence", func(p *Params) *float64 { return &p.CitizenDefence }, 0.1, 0, 1, "probability", "defence of individuals", "modelling choice")
	fl("vigilante_defence", func(p *Params) *float64 { return &p.VigilanteDefence }, 0.5, 0, 1, "probability", "defence of vigilantes (skilled hackers)", "Road rage essay: P4x is a capable hacker")
	fl("state_defence", func(p *Params) *float64 { return &p.StateDefence }, 0.7, 0, 1, "probability", "defence of states' own networks (before state_gradient)", "Realist essay: national facilities")
	fl("firm_skill", func(p *Params) *float64 { return &p.FirmSkill }, 0.5, 0, 1, "probability", "attribution skill of firms above the poverty line: chance to name the true attacker of a direct attack", "Rapid7 hack back paper: attribution is hard")
	fl("poor_skill", func(p *Params) *float64 { return &p.PoorSkill }, 0.2, 0, 1, "probability", "attribution skill of firms below the poverty line", "Rapid7 hack back paper: the security poverty line")
	fl("individual_skill", func(p *Params) *float64 { return &p.IndividualSkill }, 0.3, 0, 1, "probability", "attribution skill of individuals", "Road rage essay: a lone hacker's judgement")
	fl("attribution_skill", func(p *Params) *float64 { return &p.AttributionSkill }, 0.7, 0, 1, "probability", "attribution skill of states' intelligence services (before state_gradient)", "Rapid7 hack back paper, Realist essay: governments have intelligence networks")
	fl("evidence_strength", func(p *Params) *float64 { return &p.EvidenceStrength }, 1.5, 0, 10, "standard deviations", "how far the evidence for a correct attribution stands from that for a wrong one; sets how well confidence separates them", "Rapid7 hack back paper: there are no digital fingerprints")
	fl("honeypot_bonus", func(p *Params) *float64 { return &p.HoneypotBonus }, 0.05, 0, 1, "probability", "attribution skill honeypots add for firms above the poverty line", "Usman 2022, Rapid7 hack back paper: deception technology and honeypots")
	fl("info_sharing", func(p *Params) *float64 { return &p.InfoSharing }, 0, 0, 1, "fraction", "fraction of the gap to perfect attribution skill and to perfect defence that information sharing closes for states, firms and individuals (not criminals or hacktivists)", "Usman 2022: exchanging information and best practice")
	fl("hygiene_subsidy", func(p *Params) *float64 { return &p.HygieneSubsidy }, 0, 0, 1, "fraction", "fraction of the gap between poor and other firms' defence that subsidised hygiene closes; also removes that share of poor firms from the botnet pool", "Rapid7 hack back paper: subsidise security hygiene below the poverty line")
	fl("home_state_blame", func(p *Params) *float64 { return &p.HomeStateBlame }, 0.3, 0, 1, "probability", "chance a state blames a foreign firm's or individual's act on that actor's home state", "Road rage essay: a private hack back is read as the home state's act")

	group = "states"
	ch("state_doctrine", func(p *Params) *string { return &p.StateDoctrine }, DoctrineProportional, stateDoctrines,
		"how states answer: restraint (never), proportional, escalatory (no lower than, sometimes higher), punitive (one level higher), forgiving", "Realist essay: retaliate no lower than the attack; Usman 2022: restraint and cooperation")
	fl("state_answer_probability", func(p *Params) *float64 { return &p.StateAnswerProbability }, 0.3, 0, 1, "probability", "chance a state answers an attack it attributes with enough confidence", "Road rage essay: governments often do nothing")
	fl("state_confidence", func(p *Params) *float64 { return &p.StateConfidence }, 0.8, 0, 1, "probability", "confidence a state needs before it answers", "Rapid7 hack back paper: governments act under evidentiary standards")
	in("state_protects", func(p *Params) *int { return &p.StateProtects }, 3, 0, 5, "intensity level", "a state answers attacks on its firms and citizens from this intensity up (5: never)", "Realist essay: protect national facilities and critical infrastructure")
	in("state_answer_lag", func(p *Params) *int { return &p.StateAnswerLag }, 0, 0, 10_000, "ticks", "a state's answer waits a further 0 to state_answer_lag ticks (uniform) after answer_delay's: deliberation before a state acts; answer_delay + state_answer_lag at most answer_window", "DCID 2.0: states reply weeks to months after an incident, not days")
	fl("escalation_probability", func(p *Params) *float64 { return &p.EscalationProbability }, 0.3, 0, 1, "probability", "escalatory doctrine: chance to answer one level above the attack", "Realist essay: no lower than the attack")
	fl("forgiveness", func(p *Params) *float64 { return &p.Forgiveness }, 0.3, 0, 1, "probability", "forgiving doctrine: chance to let a first hit from a suspect go; repeated hits are always answered", "Wu & Axelrod 1995: generous tit for tat under noise")
	fl("hotline", func(p *Params) *float64 { return &p.Hotline }, 0, 0, 1, "probability", "chance a hotline check catches a misattribution when a state is willing to answer (before tension rises or it answers)", "Usman 2022: cyber hotlines")
	fl("defend_forward", func(p *Params) *float64 { return &p.DefendForward }, 0, 0, 1, "probability per state per tick", "chance a state strikes a remembered suspect pre-emptively each tick", "Realist essay: defend forward")
	fl("monitoring", func(p *Params) *float64 { return &p.Monitoring }, 0, 0, 1, "fraction", "fraction of the gap to perfect defence that continuous state monitoring closes for states and IoT firms", "Realist essay: continuous monitoring of national facilities")
	fl("state_offence", func(p *Params) *float64 { return &p.StateOffence }, 0.8, 0, 1, "probability", "states' offensive capability: scales the chance a state's decided answer is launched (before state_gradient)", "Realist essay: deterrent cyber weapons")

	group = "hack back"
	ch("hack_back", func(p *Params) *string { return &p.HackBack }, HackBackIllegal, []string{HackBackIllegal, HackBackLicensed, HackBackFree},
		"legal regime: illegal (victims report), licensed (licensed firms above the poverty line may hack back), free (anyone inclined strikes back)", "Rapid7 hack back paper: letters of marque; Road rage essay: cyber road rage")
	fl("hack_back_share", func(p *Params) *float64 { return &p.HackBackShare }, 0.3, 0, 1, "share of firms and citizens", "share of firms (and, in the free regime, citizens) inclined to hack back when allowed", "Rapid7 hack back paper: many organisations feel powerless", redeals)
	fl("license_share", func(p *Params) *float64 { return &p.LicenseShare }, 0.5, 0, 1, "share of inclined firms", "licensed regime: share of inclined firms above the poverty line that obtain a licence", "Rapid7 hack back paper: only those who can afford it participate", redeals)
	fl("pledge", func(p *Params) *float64 { return &p.Pledge }, 0, 0, 1, "share of firms", "share of firms that take a no-offence pledge and never hack back (matters where hack back is allowed)", "Usman 2022: the Tech Accord's no-offence commitment", redeals)
	ch("firm_doctrine", func(p *Params) *string { return &p.FirmDoctrine }, DoctrineProportional, firmDoctrines,
		"how hack-backers set the intensity of their answer", "modelling choice: tit for tat, punitive, generous; Realist essay: no lower than")
	fl("hack_back_confidence", func(p *Params) *float64 { return &p.HackBackConfidence }, 0.5, 0, 1, "probability", "confidence a firm or citizen needs before hacking back", "Rapid7 hack back paper: shoot first, ask questions later")
	fl("oversight", func(p *Params) *float64 { return &p.Oversight }, 0.5, 0, 1, "probability", "licensed regime: chance oversight catches a hack back that hit an innocent and revokes the licence", "Rapid7 hack back paper: oversight cannot have eyes everywhere")
	fl("liability", func(p *Params) *float64 { return &p.Liability }, 1, 0, 100, "multiple of harm", "cost a hack-backer bears, as a multiple of the damage it did to an innocent", "Rapid7 hack back paper: liability across jurisdictions")
	fl("recovery_success", func(p *Params) *float64 { return &p.RecoverySuccess }, 0.05, 0, 1, "probability", "chance a hack back after a data theft recovers the data (undoes the theft's damage)", "Usman 2022, Rapid7 hack back paper: copies of stolen data exist")
	fl("counter_probability", func(p *Params) *float64 { return &p.CounterProbability }, 0.6, 0, 1, "probability", "chance an attacker hit by an answer strikes back (counter_escalation levels higher), times its offence", "Usman 2022: Blue Security was destroyed by the angry spammer")
	in("counter_escalation", func(p *Params) *int { return &p.CounterEscalation }, 1, 0, 4, "intensity levels", "how many levels above the hit an attacker's counter-strike goes", "Usman 2022: the angry spammer fought back harder")
	fl("criminal_offence", func(p *Params) *float64 { return &p.CriminalOffence }, 0.5, 0, 1, "probability", "criminals' offensive capability: their chance to notice being hit back, which then scales their chance to counter-strike", "Usman 2022: a strong attacker can counter-retaliate")
	fl("hacktivist_offence", func(p *Params) *float64 { return &p.HacktivistOffence }, 0.5, 0, 1, "probability", "hacktivists' offensive capability: their chance to notice being hit back, which then scales their chance to counter-strike", "Usman 2022: ideological hackers fight back")
	in("deterrence_ticks", func(p *Params) *int { return &p.DeterrenceTicks }, 30, 0, 100_000, "ticks", "a profit-driven attacker (or state) hit by an answer stops attacking for this long; ideological attackers never", "Usman 2022: retaliation deters only the cost-sensitive")

	group = "vigilantes"
	fl("vigilante_temper", func(p *Params) *float64 { return &p.VigilanteTemper }, 3, 0.01, 1000, "anger units", "anger at which a vigilante strikes the suspect's country", "Road rage essay: cyber road rage")
	fl("anger_per_hit", func(p *Params) *float64 { return &p.AngerPerHit }, 1, 0, 100, "anger units", "anger a vigilante gains from each detected attack on him", "Road rage essay: P4x was attacked")
	fl("inaction_anger", func(p *Params) *float64 { return &p.InactionAnger }, 1, 0, 100, "anger units", "extra anger when his own state does not answer the attack", "Road rage essay: his government did nothing")
	fl("anger_decay", func(p *Params) *float64 { return &p.AngerDecay }, 0.02, 0, 1, "fraction per tick", "share of anger that fades each tick", "Road rage essay: tempers cool")
	in("vigilante_burst", func(p *Params) *int { return &p.VigilanteBurst }, 5, 1, 10_000, "acts", "acts in a vigilante strike at the suspect's whole country (the state and random actors in it)", "Road rage essay: P4x took down North Korea's internet")
	in("vigilante_intensity", func(p *Params) *int { return &p.VigilanteIntensity }, 1, 0, 4, "intensity level", "intensity of a vigilante's strike", "Road rage essay: routers down for hours")

	group = "law enforcement"
	fl("le_threshold", func(p *Params) *float64 { return &p.LEThreshold }, 0.9, 0, 1, "probability", "confidence law enforcement needs before it acts on a report", "Rapid7 hack back paper: strong evidentiary requirements")
	in("le_delay", func(p *Params) *int { return &p.LEDelay }, 30, 0, 100_000, "ticks", "delay between a report and a prosecution", "Rapid7 hack back paper: law enforcement is slow")
	fl("le_capacity", func(p *Params) *float64 { return &p.LECapacity }, 0.3, 0, 1, "probability", "chance a report above the threshold leads to a prosecution", "Rapid7 hack back paper: law enforcement has limited capacity")
	fl("le_foreign", func(p *Params) *float64 { return &p.LEForeign }, 0.1, 0, 1, "probability", "further chance a prosecution succeeds when the suspect is abroad", "Road rage essay, Rapid7 hack back paper: embassies must involve local law enforcement")
	in("prosecution_ticks", func(p *Params) *int { return &p.ProsecutionTicks }, 180, 0, 1_000_000, "ticks", "a prosecuted attacker stops attacking for this long (an ideological one too)", "Rapid7 hack back paper: prosecutions deter")

	group = "tension"
	fl("tension_reaction", func(p *Params) *float64 { return &p.TensionReaction }, 0.05, 0, 10, "per tick", "Richardson k: growth of a state's tension per unit of the other's tension", "Richardson's arms race; Realist essay: the security dilemma")
	fl("tension_restraint", func(p *Params) *float64 { return &p.TensionRestraint }, 0.1, 0, 10, "per tick", "Richardson alpha: rate at which a state's tension relaxes", "Richardson's arms race; Usman 2022: building trust")
	fl("tension_grievance", func(p *Params) *float64 { return &p.TensionGrievance }, 0, -10, 10, "tension per tick", "Richardson g: standing grievance between every pair of states", "Richardson's arms race")
	fl("tension_per_act", func(p *Params) *float64 { return &p.TensionPerAct }, 0.05, 0, 100, "tension per intensity level", "tension a state gains toward another per act it blames on it, times (intensity + 1)", "Road rage essay: hack back raises political tension")
	fl("tension_dt", func(p *Params) *float64 { return &p.TensionDt }, 1, 0.001, 10, "ticks", "Euler step of the tension equations per tick", "Richardson's arms race (discrete map)")
	fl("tension_escalation", func(p *Params) *float64 { return &p.TensionEscalation }, 5, 0, 1e6, "tension", "above this tension toward the suspect's state, a state answers one level higher", "Realist essay: the security dilemma")
	return ps
}

// table is the registry, built once; it is never modified afterwards.
var table = sync.OnceValues(func() ([]Param, map[string]int) {
	reg := registry()
	index := make(map[string]int, len(reg))
	for i, p := range reg {
		index[p.Name] = i
	}
	return reg, index
})

// Registry returns every parameter's description, in documentation order.
func Registry() []Param {
	reg, _ := table()
	return append([]Param(nil), reg...)
}

// Lookup returns the parameter with the given name.
func Lookup(name string) (Param, bool) {
	reg, index := table()
	i, ok := index[name]
	if !ok {
		return Param{}, false
	}
	return reg[i], true
}

// DefaultParams returns the parameters of the default world before any preset.
func DefaultParams() Params {
	var p Params
	reg, _ := table()
	for _, d := range reg {
		if err := p.Set(d.Name, d.Default); err != nil {
			panic("model: bad default for " + d.Name + ": " + err.Error())
		}
	}
	return p
}

// RangeError reports a value outside a parameter's allowed range or choices.
type RangeError struct {
	Name  string
	Value string
	Param Param
}

func (e *RangeError) Error() string {
	return fmt.Sprintf("%s = %s is out of range: allowed %s", e.Name, e.Value, e.Param.Allowed())
}

// UnknownError reports a parameter name that does not exist. Set leaves
// Nearest empty; callers that talk to people suggest the nearest name of
// Names there (see scenario.UnknownParam), and Error says "did you mean" it.
type UnknownError struct {
	Name    string
	Nearest string
}

func (e *UnknownError) Error() string {
	if e.Nearest != "" {
		return fmt.Sprintf("unknown parameter %q (did you mean %q?)", e.Name, e.Nearest)
	}
	return fmt.Sprintf("unknown parameter %q", e.Name)
}

// Allowed describes the allowed values of p in words.
func (p Param) Allowed() string {
	switch p.Type {
	case "choice":
		return "one of " + strings.Join(p.Choices, ", ")
	case "int":
		return fmt.Sprintf("an integer from %d to %d", int64(p.Min), int64(p.Max))
	default:
		return fmt.Sprintf("a number from %s to %s", formatFloat(p.Min), formatFloat(p.Max))
	}
}

// Set parses value as the named parameter's type and checks its range.
func (ps *Params) Set(name, value string) error {
	d, ok := Lookup(name)
	if !ok {
		return &UnknownError{Name: name}
	}
	value = strings.TrimSpace(value)
	bad := &RangeError{Name: name, Value: value, Param: d}
	switch d.Type {
	case "choice":
		for _, c := range d.Choices {
			if c == value {
				*d.s(ps) = value
				return nil
			}
		}
		return bad
	case "int":
		v, err := strconv.ParseInt(value, 10, 64)
		if err != nil {
			return fmt.Errorf("%s = %s is not an integer: allowed %s", name, value, d.Allowed())
		}
		if float64(v) < d.Min || float64(v) > d.Max {
			return bad
		}
		*d.i(ps) = int(v)
		return nil
	default:
		v, err := strconv.ParseFloat(value, 64)
		switch {
		case err != nil && !errors.Is(err, strconv.ErrRange):
			return fmt.Errorf("%s = %s is not a number: allowed %s", name, value, d.Allowed())
		case err == nil && NotFinite(v) != "":
			return fmt.Errorf("%s = %s: %s: allowed %s", name, value, NotFinite(v), d.Allowed())
		}
		if err != nil || v < d.Min || v > d.Max {
			return bad
		}
		*d.f(ps) = v
		return nil
	}
}

// NotFinite says why x is not allowed as a number when it is infinite or
// NaN, or returns "" when x is finite.
func NotFinite(x float64) string {
	switch {
	case math.IsNaN(x):
		return "NaN (not a number) is not allowed"
	case math.IsInf(x, 0):
		return "infinite values are not allowed"
	}
	return ""
}

// Get returns the named parameter's value as text, as Set would accept it.
func (ps *Params) Get(name string) (string, bool) {
	d, ok := Lookup(name)
	if !ok {
		return "", false
	}
	switch d.Type {
	case "choice":
		return *d.s(ps), true
	case "int":
		return strconv.Itoa(*d.i(ps)), true
	default:
		return formatFloat(*d.f(ps)), true
	}
}

// Values returns every parameter's name and value as text, in registry order.
func (ps *Params) Values() [][2]string {
	reg, _ := table()
	out := make([][2]string, len(reg))
	for i, d := range reg {
		v, _ := ps.Get(d.Name)
		out[i] = [2]string{d.Name, v}
	}
	return out
}

// Validate checks every range and the rules that tie parameters together.
// A valid value is checked without allocating; an invalid one gets the
// error Set would give for its text.
func (ps *Params) Validate() error {
	reg, _ := table()
	for i := range reg {
		d := &reg[i]
		if d.accepts(ps) {
			continue
		}
		v, _ := ps.Get(d.Name)
		if err := (&Params{}).Set(d.Name, v); err != nil {
			return err
		}
	}
	if ps.AnswerDelay > ps.AnswerWindow {
		return fmt.Errorf("answer_delay = %d is larger than answer_window = %d: an answer must come within the window", ps.AnswerDelay, ps.AnswerWindow)
	}
	if ps.AnswerDelay+ps.StateAnswerLag > ps.AnswerWindow {
		return fmt.Errorf("state_answer_lag = %d with answer_delay = %d is larger than answer_window = %d: a state's answer must come within the window", ps.StateAnswerLag, ps.AnswerDelay, ps.AnswerWindow)
	}
	if ps.StateDisruptionShare+ps.StateDegradationShare > 1 {
		return fmt.Errorf("state_disruption_share = %s with state_degradation_share = %s is more than 1: they are shares of the same operations", formatFloat(ps.StateDisruptionShare), formatFloat(ps.StateDegradationShare))
	}
	n := ps.Actors()
	if n < 2 {
		return fmt.Errorf("the world has %d actors (states + firms + citizens + criminals + hacktivists + vigilantes): at least 2 are needed", n)
	}
	if n > 20_000_000 {
		return fmt.Errorf("the world has %d actors: at most 20000000 are supported", n)
	}
	if ps.Mechanics == MechanicsCyber && ps.Hacktivists > 0 && ps.States < 2 {
		return fmt.Errorf("hacktivists = %d needs states >= 2: a hacktivist attacks a foreign state", ps.Hacktivists)
	}
	return nil
}

// accepts reports whether Set would accept ps's value of d written as text
// (Get): the text of an int or a float reads back as the same number.
func (d *Param) accepts(ps *Params) bool {
	switch d.Type {
	case "choice":
		v := strings.TrimSpace(*d.s(ps))
		for _, c := range d.Choices {
			if c == v {
				return true
			}
		}
		return false
	case "int":
		v := float64(*d.i(ps))
		return v >= d.Min && v <= d.Max
	default:
		v := *d.f(ps)
		return !math.IsNaN(v) && !math.IsInf(v, 0) && v >= d.Min && v <= d.Max
	}
}

// Count returns the number of actors of kind k the parameters describe.
func (ps *Params) Count(k Kind) int {
	switch k {
	case KindState:
		return ps.States
	case KindFirm:
		return ps.Firms
	case KindCitizen:
		return ps.Citizens
	case KindCriminal:
		return ps.Criminals
	case KindHacktivist:
		return ps.Hacktivists
	case KindVigilante:
		return ps.Vigilantes
	}
	return 0
}

// Actors returns the total number of actors the parameters describe.
func (ps *Params) Actors() int {
	return ps.States + ps.Firms + ps.Citizens + ps.Criminals + ps.Hacktivists + ps.Vigilantes
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// Names returns every parameter name, sorted.
func Names() []string {
	reg, _ := table()
	out := make([]string, len(reg))
	for i, p := range reg {
		out[i] = p.Name
	}
	sort.Strings(out)
	return out
}
