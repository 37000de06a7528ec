// observed.json (docs/data.md): a record's statistics with the settings
// and period they were computed under and, for data, their bootstrap
// intervals; written with stable keys in a fixed order, and read back.

package observe

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

// Report is the content of observed.json.
type Report struct {
	Source    string   // "run" or "dcid"
	Files     []string // the data files read; none for a run
	Config    Config
	Years     float64
	Months    int
	FirstYear int // 0 when the period is not calendar years (a run)
	Stats     Stats
	Bootstrap *Bootstrap // nil without intervals
	Intervals []Interval // in the order of Statistics; nil without
	// Scales are the statistics' standard deviations (Scales), in the
	// order of Statistics; nil without a bootstrap.
	Scales []float64
}

// NewReport returns the report of record r under cfg, with bootstrap
// intervals when b is not nil.
func NewReport(r *Record, cfg Config, files []string, b *Bootstrap) Report {
	rep := Report{Source: r.Source, Files: files, Config: cfg, Years: r.Years, Months: r.Months, FirstYear: r.FirstYear,
		Stats: Compute(r, cfg.ReplyWindow)}
	if b != nil {
		rep.Bootstrap = b
		rep.Intervals, rep.Scales = bootstrap(r, cfg.ReplyWindow, *b)
	}
	return rep
}

// Marshal returns observed.json's bytes: an object with the keys source,
// files, observation (setting name -> value), period (years, months,
// first_year), statistics (name -> number or null), bootstrap (replicates,
// seed, level; null without), intervals (name -> [low, high]; {} without),
// scales (name -> standard deviation or null; {} without) and meanings (name -> definition), indented by two spaces, ending in a
// newline. The bytes depend only on rep.
func (rep Report) Marshal() []byte {
	var b bytes.Buffer
	sts := Statistics()
	names := make([]string, len(sts))
	for i, st := range sts {
		names[i] = st.Name
	}
	vals := rep.Config.Values()
	settings := make([]string, len(vals))
	for i, v := range vals {
		settings[i] = v[0]
	}
	files, _ := json.Marshal(append([]string{}, rep.Files...))
	period := fmt.Sprintf(`{"years": %s, "months": %d, "first_year": `, number(rep.Years), rep.Months)
	if rep.FirstYear == 0 {
		period += "null}"
	} else {
		period += strconv.Itoa(rep.FirstYear) + "}"
	}
	boot := "null"
	if rep.Bootstrap != nil {
		boot = fmt.Sprintf(`{"replicates": %d, "seed": %d, "level": %s}`, rep.Bootstrap.Replicates, rep.Bootstrap.Seed, number(rep.Bootstrap.Level))
	}
	b.WriteString("{\n")
	field(&b, "source", jsonString(rep.Source), false)
	field(&b, "files", string(files), false)
	field(&b, "observation", object(settings, func(i int) string {
		if s, _ := lookup(vals[i][0]); s.Type == "choice" {
			return jsonString(vals[i][1])
		}
		return vals[i][1]
	}), false)
	field(&b, "period", period, false)
	field(&b, "statistics", object(names, func(i int) string { return number(rep.Stats[i]) }), false)
	field(&b, "bootstrap", boot, false)
	field(&b, "intervals", object(names[:len(rep.Intervals)], func(i int) string {
		return "[" + number(rep.Intervals[i].Lo) + ", " + number(rep.Intervals[i].Hi) + "]"
	}), false)
	field(&b, "scales", object(names[:len(rep.Scales)], func(i int) string { return number(rep.Scales[i]) }), false)
	field(&b, "meanings", object(names, func(i int) string { return jsonString(sts[i].Meaning) }), true)
	b.WriteString("}\n")
	return b.Bytes()
}

// field writes one key of the top-level object and its value.
func field(b *bytes.Buffer, key, value string, last bool) {
	b.WriteString("  " + jsonString(key) + ": " + value)
	if !last {
		b.WriteByte(',')
	}
	b.WriteByte('\n')
}

// object returns a nested object of the given keys, one a line, the i-th
// value given by value; {} without keys.
func object(keys []string, value func(i int) string) string {
	if len(keys) == 0 {
		return "{}"
	}
	var b strings.Builder
	b.WriteString("{\n")
	for i, k := range keys {
		b.WriteString("    " + jsonString(k) + ": " + value(i))
		if i < len(keys)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("  }")
	return b.String()
}

// jsonString returns s as a JSON string (HTML characters not escaped).
func jsonString(s string) string {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	e.Encode(s) // cannot fail for a string
	return strings.TrimSuffix(b.String(), "\n")
}

// number formats x as a JSON number, null when it is not finite.
func number(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "null"
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// WriteFile writes the report to path.
func (rep Report) WriteFile(path string) error { return os.WriteFile(path, rep.Marshal(), 0o666) }

// ReadReport reads an observed.json written by Marshal. A statistic or
// setting it lacks, or one it has that this version does not know, is an
// error naming the file.
func ReadReport(path string) (Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Report{}, err
	}
	return ParseReport(data, path)
}

// ParseReport reads the bytes of an observed.json, as ReadReport does;
// path names them in errors.
func ParseReport(data []byte, path string) (Report, error) {
	var raw struct {
		Source      string                     `json:"source"`
		Files       []string                   `json:"files"`
		Observation map[string]json.RawMessage `json:"observation"`
		Period      struct {
			Years     float64 `json:"years"`
			Months    int     `json:"months"`
			FirstYear *int    `json:"first_year"`
		} `json:"period"`
		Statistics map[string]*float64    `json:"statistics"`
		Bootstrap  *Bootstrap             `json:"bootstrap"`
		Intervals  map[string][2]*float64 `json:"intervals"`
		Scales     map[string]*float64    `json:"scales"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return Report{}, fmt.Errorf("%s: %w", path, err)
	}
	rep := Report{Source: raw.Source, Files: raw.Files, Config: DefaultConfig(), Years: raw.Period.Years, Months: raw.Period.Months, Bootstrap: raw.Bootstrap}
	if raw.Period.FirstYear != nil {
		rep.FirstYear = *raw.Period.FirstYear
	}
	if err := rep.readConfig(raw.Observation); err != nil {
		return Report{}, fmt.Errorf("%s: observation: %w", path, err)
	}
	sts := Statistics()
	if len(raw.Statistics) != len(sts) || len(raw.Intervals) != 0 && len(raw.Intervals) != len(sts) || len(raw.Scales) != 0 && len(raw.Scales) != len(sts) {
		return Report{}, fmt.Errorf("%s: has %d statistics and %d intervals, this version of escalate %d: rewrite it with this version", path, len(raw.Statistics), len(raw.Intervals), len(sts))
	}
	value := func(p *float64) float64 {
		if p == nil {
			return math.NaN()
		}
		return *p
	}
	for _, st := range sts {
		v, ok := raw.Statistics[st.Name]
		if !ok {
			return Report{}, fmt.Errorf("%s: statistics: no %s: rewrite it with this version of escalate", path, st.Name)
		}
		rep.Stats = append(rep.Stats, value(v))
		if iv, ok := raw.Intervals[st.Name]; ok {
			rep.Intervals = append(rep.Intervals, Interval{value(iv[0]), value(iv[1])})
		}
		if sc, ok := raw.Scales[st.Name]; ok {
			rep.Scales = append(rep.Scales, value(sc))
		}
	}
	return rep, nil
}

// readConfig sets the report's settings from observed.json's observation.
func (rep *Report) readConfig(obs map[string]json.RawMessage) error {
	for _, name := range slices.Sorted(maps.Keys(obs)) {
		v := obs[name]
		text := string(v)
		var s string
		if json.Unmarshal(v, &s) == nil {
			text = s
		}
		if err := rep.Config.Set(name, text); err != nil {
			return err
		}
	}
	return nil
}
