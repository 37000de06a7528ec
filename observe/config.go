// The observation model's settings (docs/ODD.md §11.1): what the observer
// records, and how it codes what it records. They describe the observer,
// not the world, so they are not model parameters.

package observe

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/escalation-model/escalation/internal/spelling"
)

// Config holds the observation model's settings. Start from
// DefaultConfig; set them by name with Set. Their meanings, ranges and
// the reasons for their defaults are in the registry Settings returns.
type Config struct {
	Gap                int
	ReportingThreshold float64
	ReplyWindow        int
	PrivateTargets     string
	WidespreadVictims  int

	SeverityNuisance        int
	SeverityOutage          int
	SeverityTheft           int
	SeverityWidespreadTheft int
	SeverityDestruction     int
	SeverityDestroyed       int
	SeverityCritical        int
	SeverityArmed           int
}

// PrivateTargets choices.
const (
	PrivateCritical = "critical" // firms above the security poverty line, and IoT firms
	PrivateFirms    = "firms"    // every firm
)

// maxWidespread bounds widespread_victims: the observer remembers that
// many distinct victims of an open incident.
const maxWidespread = 8

// Setting describes one observation setting: its name, type ("int",
// "float" or "choice"), default, range or choices, unit, meaning, and the
// reason for its default.
type Setting struct {
	Name     string
	Type     string
	Default  string
	Min, Max float64
	Choices  []string
	Unit     string
	Meaning  string
	Basis    string

	i func(*Config) *int
	f func(*Config) *float64
	s func(*Config) *string
}

// Settings returns the observation settings in documentation order.
func Settings() []Setting {
	in := func(name string, get func(*Config) *int, def, lo, hi int, unit, meaning, basis string) Setting {
		return Setting{Name: name, Type: "int", Default: strconv.Itoa(def), Min: float64(lo), Max: float64(hi), Unit: unit, Meaning: meaning, Basis: basis, i: get}
	}
	sev := func(name string, get func(*Config) *int, def int, meaning, basis string) Setting {
		return in(name, get, def, 1, 10, "DCID severity", meaning, basis)
	}
	return []Setting{
		in("gap", func(c *Config) *int { return &c.Gap }, 30, 1, 3650, "days",
			"an act joins the open incident of its directed dyad and objective if it comes at most this many days after that incident's latest act; otherwise it starts a new incident",
			"DCID dates an incident to the month when no day is known, so acts less than a month apart cannot be told apart by their dates; of the 128 intervals between the starts of consecutive incidents of one initiator, dyad and objective in DCID (2000-2014), 12 are shorter than 30 days"),
		{Name: "reporting_threshold", Type: "float", Default: "0.8", Min: 0, Max: 1, Unit: "probability",
			Meaning: "an act is recorded only if its target named the initiating state with at least this confidence",
			Basis:   "DCID codes an incident only when state responsibility is not in serious doubt (codebook, responsibility); the default is the evidentiary standard the model's states apply before they answer (state_confidence's default)",
			f:       func(c *Config) *float64 { return &c.ReportingThreshold }},
		in("reply_window", func(c *Config) *int { return &c.ReplyWindow }, 365, 1, 3650, "days",
			"the target state's reply to an incident is its first incident against the initiator that starts after it, within this many days",
			"covers 25 of the 32 cyber replies DCID's update sheet dates on or after their incident (2000-2014); the 7 later ones, 1.4 to 6.7 years on, cannot be told from unrelated incidents by their dates"),
		{Name: "private_targets", Type: "choice", Default: PrivateCritical, Choices: []string{PrivateCritical, PrivateFirms}, Unit: "choice",
			Meaning: "which firms count as private targets: critical (firms above the security poverty line, and IoT firms) or every firm",
			Basis:   "DCID's private targets are part of the national security apparatus, important media or critical corporations (codebook, target state); small firms below the poverty line are not",
			s:       func(c *Config) *string { return &c.PrivateTargets }},
		in("widespread_victims", func(c *Config) *int { return &c.WidespreadVictims }, 2, 2, maxWidespread, "victims",
			"an espionage incident that reached this many distinct victims is widespread theft",
			"codebook VII, severity 4: intrusion into multiple networks"),
		sev("severity_nuisance", func(c *Config) *int { return &c.SeverityNuisance }, 2,
			"severity of an act at intensity 0 (nuisance: defacement, spam)",
			"codebook VII, severity 2: harassment, propaganda, vandalism"),
		sev("severity_outage", func(c *Config) *int { return &c.SeverityOutage }, 2,
			"severity of an act at intensity 1 (disruption) that is not espionage: an outage",
			"codebook VII, severity 2: denial and disruption, difficult but recoverable (DDoS in Georgia)"),
		sev("severity_theft", func(c *Config) *int { return &c.SeverityTheft }, 3,
			"severity of an espionage act (a data theft at intensity 1)",
			"codebook VII, severity 3: stealing targeted critical information from one network"),
		sev("severity_widespread_theft", func(c *Config) *int { return &c.SeverityWidespreadTheft }, 4,
			"severity of an espionage incident that reached widespread_victims distinct victims",
			"codebook VII, severity 4: widespread intrusion, multiple networks (the OPM hack)"),
		sev("severity_destruction", func(c *Config) *int { return &c.SeverityDestruction }, 5,
			"severity of an act at intensity 2 (destruction: wiped systems) whose losses are recoverable",
			"codebook VII, severity 5: attempted destruction, the network left functional and its losses recoverable (Flame)"),
		sev("severity_destroyed", func(c *Config) *int { return &c.SeverityDestroyed }, 6,
			"severity of an act at intensity 2 that destroyed its target firm or harmed bystanders too",
			"codebook VII, severity 6: widespread destruction, information unrecoverable (Stuxnet, Shamoon)"),
		sev("severity_critical", func(c *Config) *int { return &c.SeverityCritical }, 7,
			"severity of an act at intensity 3 (critical: harm through physical systems)",
			"codebook VII, severity 7: minimal death as a direct result (a car or a pacemaker hacked)"),
		sev("severity_armed", func(c *Config) *int { return &c.SeverityArmed }, 9,
			"severity of an act at intensity 4 (the armed-conflict threshold)",
			"codebook VII, severity 9: critical national infrastructure destroyed, indirect death: the lowest level whose examples read as an armed attack"),
	}
}

// DefaultConfig returns the observation model's default settings.
func DefaultConfig() Config {
	var c Config
	for _, s := range Settings() {
		if err := c.Set(s.Name, s.Default); err != nil {
			panic("observe: bad default for " + s.Name + ": " + err.Error())
		}
	}
	return c
}

// lookup returns the setting with the given name.
func lookup(name string) (Setting, bool) {
	ss := Settings()
	i := slices.IndexFunc(ss, func(s Setting) bool { return s.Name == name })
	if i < 0 {
		return Setting{}, false
	}
	return ss[i], true
}

// Names returns the settings' names in documentation order.
func Names() []string {
	var out []string
	for _, s := range Settings() {
		out = append(out, s.Name)
	}
	return out
}

// Allowed describes the setting's allowed values in words.
func (s Setting) Allowed() string {
	switch s.Type {
	case "choice":
		return "one of " + strings.Join(s.Choices, ", ")
	case "int":
		return fmt.Sprintf("an integer from %d to %d", int(s.Min), int(s.Max))
	}
	return fmt.Sprintf("a number from %s to %s", formatFloat(s.Min), formatFloat(s.Max))
}

// Set parses value as the named setting and checks it against its range.
// An unknown name is refused with the nearest name.
func (c *Config) Set(name, value string) error {
	s, ok := lookup(name)
	if !ok {
		return fmt.Errorf("unknown observation setting %q%s: allowed %s", name, spelling.Suggest(name, Names()), strings.Join(Names(), ", "))
	}
	value = strings.TrimSpace(value)
	bad := func(why string) error { return fmt.Errorf("%s = %s %s: allowed %s", name, value, why, s.Allowed()) }
	switch s.Type {
	case "choice":
		if !slices.Contains(s.Choices, value) {
			return bad("is not a choice")
		}
		*s.s(c) = value
	case "int":
		v, err := strconv.Atoi(value)
		if err != nil {
			return bad("is not an integer")
		}
		if float64(v) < s.Min || float64(v) > s.Max {
			return bad("is out of range")
		}
		*s.i(c) = v
	default:
		v, err := strconv.ParseFloat(value, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) || math.IsNaN(v) {
			return bad("is not a number")
		}
		if !(v >= s.Min && v <= s.Max) {
			return bad("is out of range")
		}
		*s.f(c) = v
	}
	return nil
}

// Values returns every setting's name and value as text, in
// documentation order.
func (c Config) Values() [][2]string {
	var out [][2]string
	for _, s := range Settings() {
		var v string
		switch s.Type {
		case "choice":
			v = *s.s(&c)
		case "int":
			v = strconv.Itoa(*s.i(&c))
		default:
			v = formatFloat(*s.f(&c))
		}
		out = append(out, [2]string{s.Name, v})
	}
	return out
}

func formatFloat(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
