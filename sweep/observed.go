package sweep

import (
	"bytes"
	"fmt"
	"math"
	"strconv"

	"github.com/escalation-model/escalation/internal/tomlpos"
	"github.com/escalation-model/escalation/observe"
	"github.com/escalation-model/escalation/recipe"
)

// The observation model in a sweep ([outputs] observed = true): every run
// also runs package observe's observer, with the default settings changed
// by the spec's [observe] table, and keeps the pattern statistics of its
// record (observe.Compute, in the order of observe.Statistics) in its
// journal line; Build writes them to observed.csv and observed.parquet.

func (s *Spec) decodeObserve(doc map[string]any) error {
	m, err := s.table(doc, "observe", "reply_window = 180")
	if err != nil || m == nil {
		return err
	}
	cfg := observe.DefaultConfig()
	for _, k := range s.sortedKeys("observe.", m) {
		key := "observe." + k
		var text string
		switch x := m[k].(type) {
		case string:
			text = x
		case int64:
			text = strconv.FormatInt(x, 10)
		case float64:
			text = formatFloat(x)
		default:
			return s.errorf(key, "= %s has the wrong type (%s): give a number or, for a choice, a string", tomlpos.Text(m[k]), tomlType(m[k]))
		}
		if err := cfg.Set(k, text); err != nil {
			return &SpecError{Source: s.Source, Line: s.line(key), Msg: "[observe] " + err.Error()}
		}
		s.Observe = append(s.Observe, Setting{Name: k, Value: text})
	}
	if !s.Outputs.Observed {
		return s.errorf("observe", "the observation settings are used only with observed = true in [outputs]")
	}
	return nil
}

// ObserveConfig returns the observation settings of the plan's runs: the
// defaults changed by the spec's [observe] table, in its order.
func (p *Plan) ObserveConfig() (observe.Config, error) {
	cfg := observe.DefaultConfig()
	for _, st := range p.Observe {
		if err := cfg.Set(st.Name, st.Value); err != nil {
			return cfg, fmt.Errorf("sweep: observation setting: %w", err)
		}
	}
	return cfg, nil
}

// observation returns what the hash covers of the observation model: every
// setting's value when the runs keep statistics (so that changed defaults
// are noticed), nil when they do not.
func (p *Plan) observation() [][2]string {
	if !p.Outputs.Observed {
		return nil
	}
	cfg, err := p.ObserveConfig()
	if err != nil {
		return [][2]string{{"invalid", err.Error()}}
	}
	return cfg.Values()
}

// observeArgs returns the --observe flags of the replay command: the
// [observe] settings, when the runs keep statistics.
func (p *Plan) observeArgs() string {
	if !p.Outputs.Observed {
		return ""
	}
	out := ""
	for _, st := range p.Observe {
		out += " --observe " + recipe.Quote(st.Name+"="+st.Value)
	}
	return out
}

// StatisticNames returns the names of the observation model's pattern
// statistics, in order: the statistic columns of observed.csv.
func StatisticNames() []string {
	sts := observe.Statistics()
	out := make([]string, len(sts))
	for i, st := range sts {
		out[i] = st.Name
	}
	return out
}

// ObservedStats is a run's pattern statistics as its journal line keeps them: a
// JSON array of numbers, null for an undefined statistic (NaN).
type ObservedStats []float64

// MarshalJSON writes the statistics, NaN (and an infinity, which no
// statistic takes) as null.
func (s ObservedStats) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 16*len(s)+2)
	b = append(b, '[')
	for i, v := range s {
		if i > 0 {
			b = append(b, ',')
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			b = append(b, "null"...)
			continue
		}
		b = strconv.AppendFloat(b, v, 'g', -1, 64)
	}
	return append(b, ']'), nil
}

// UnmarshalJSON reads the statistics, null as NaN.
func (s *ObservedStats) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if bytes.Equal(data, []byte("null")) {
		*s = nil
		return nil
	}
	if len(data) < 2 || data[0] != '[' || data[len(data)-1] != ']' {
		return fmt.Errorf("observed statistics: %.40q is not an array", data)
	}
	out := (*s)[:0]
	body := bytes.TrimSpace(data[1 : len(data)-1])
	if len(body) == 0 {
		*s = out
		return nil
	}
	for _, f := range bytes.Split(body, []byte{','}) {
		f = bytes.TrimSpace(f)
		if bytes.Equal(f, []byte("null")) {
			out = append(out, math.NaN())
			continue
		}
		v, err := strconv.ParseFloat(string(f), 64)
		if err != nil {
			return fmt.Errorf("observed statistics: %q is not a number or null", f)
		}
		out = append(out, v)
	}
	*s = out
	return nil
}
