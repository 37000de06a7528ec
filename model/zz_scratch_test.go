package model

import (
	"math"
	"sort"
	"strconv"
	"testing"
	"time"
)

type scrObs struct {
	closed  []int64
	open    int
	maxOpen int64
}

func (s *scrObs) Act(*Act) {}
func (s *scrObs) Cascade(c *CascadeRecord) {
	if c.Closed {
		s.closed = append(s.closed, c.Size)
	} else {
		s.open++
		if c.Size > s.maxOpen {
			s.maxOpen = c.Size
		}
	}
}

func TestScratchCrit(t *testing.T) {
	for _, cfg := range []struct {
		q, c             float64
		rate             float64
		rootTicks, drain int
	}{
		{0.5, 1, 100, 100, 400},
		{0.5, 1, 100, 100, 2000},
		{0.25, 3, 100, 100, 2000},
	} {
		p := DefaultParams()
		for k, v := range map[string]string{"mechanics": "branching", "states": "1", "firms": "0", "citizens": "100000", "criminals": "0", "hacktivists": "0", "vigilantes": "0", "capacity": "1000000", "answer_window": "1", "answer_delay": "1"} {
			if err := p.Set(k, v); err != nil {
				t.Fatal(err)
			}
		}
		p.RootRate = cfg.rate
		p.AnswerProb = cfg.q
		p.CollateralMean = cfg.c
		o := &scrObs{}
		start := time.Now()
		m, err := New(p, 1, o)
		if err != nil {
			t.Fatal(err)
		}
		for range cfg.rootTicks {
			m.Step()
		}
		m.SetParam("root_rate", "0")
		for i := 0; i < cfg.drain && m.OpenCascades() > 0; i++ {
			m.Step()
		}
		tot := m.Finish()
		el := time.Since(start)
		s := o.closed
		sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
		ccdf := func(n int64) float64 {
			i := sort.Search(len(s), func(i int) bool { return s[i] >= n })
			return float64(len(s)-i) / float64(len(s))
		}
		var xs, ys []float64
		for n := 10.0; n <= 1000; n *= 1.2 {
			xs = append(xs, math.Log(n))
			ys = append(ys, math.Log(ccdf(int64(n))))
		}
		// ls slope
		var mx, my float64
		for i := range xs {
			mx += xs[i]
			my += ys[i]
		}
		mx /= float64(len(xs))
		my /= float64(len(xs))
		var sxy, sxx float64
		for i := range xs {
			sxy += (xs[i] - mx) * (ys[i] - my)
			sxx += (xs[i] - mx) * (xs[i] - mx)
		}
		t.Logf("q=%v c=%v closed=%d open=%d maxOpen=%d acts=%d time=%v slope=%.4f ccdf10=%.4f ccdf1000=%.4f %s", cfg.q, cfg.c, len(s), o.open, o.maxOpen, tot.Acts, el, sxy/sxx, ccdf(10), ccdf(1000), strconv.Itoa(m.Tick()))
	}
}
