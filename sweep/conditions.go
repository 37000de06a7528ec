package sweep

import (
	"fmt"
	"slices"
)

// NumConditions returns the number of conditions: a custom design's, or
// the product of the grid factors' levels and the sample's points.
func (p *Plan) NumConditions() int {
	if p.Custom != nil {
		return len(p.Custom)
	}
	n := 1
	for _, f := range p.Factors {
		if f.Design == "grid" {
			n *= len(f.Values)
		}
	}
	if p.Sample != nil {
		n *= p.Sample.Points
	}
	return n
}

// Condition returns condition c's values, one per factor, as text (as
// --set takes it): the grid crossed with the sample's points, the first
// grid factor varying slowest and the sample's point fastest. The values
// are computed from the plan's description, never stored.
func (p *Plan) Condition(c int) []string {
	if p.Custom != nil {
		return p.Custom[c]
	}
	points := 1
	if p.Sample != nil {
		points = p.Sample.Points
	}
	g, u := c/points, c%points
	out := make([]string, len(p.Factors))
	grid := 0
	for _, f := range p.Factors {
		if f.Design == "grid" {
			grid++
		}
	}
	for j := grid - 1; j >= 0; j-- {
		vals := p.Factors[j].Values
		out[j] = vals[g%len(vals)]
		g /= len(vals)
	}
	if p.Sample != nil {
		pt := p.samplePoint(u)
		for k, r := range p.Sample.Ranges {
			out[grid+k] = r.scale(pt[k], p.Factors[grid+k].Type)
		}
	}
	return out
}

// Conditions returns every condition's values (Condition), for designs
// small enough to hold in memory.
func (p *Plan) Conditions() [][]string {
	out := make([][]string, p.NumConditions())
	for c := range out {
		out[c] = p.Condition(c)
	}
	return out
}

// prepare makes what computing conditions needs, once: the points of a
// Latin hypercube (a Sobol point is computed from its index alone). Like
// Params, call it once before using the plan from several goroutines.
func (p *Plan) prepare() {
	if s := p.Sample; s != nil && s.Method == MethodLHS && p.lhs == nil {
		p.lhs = s.points(p.MasterSeed)
	}
}

// samplePoint returns the sample's point u in the unit cube.
func (p *Plan) samplePoint(u int) []float64 {
	if p.Sample.Method == MethodSobol {
		return SobolPoint(u, len(p.Sample.Ranges))
	}
	p.prepare()
	return p.lhs[u]
}

// SobolPoint returns point i of the d-dimensional Sobol sequence of
// SobolPoints, computed from i alone: the exclusive or of the direction
// numbers of the bits set in i's Gray code.
func SobolPoint(i, d int) []float64 {
	if d < 1 || d > SobolMaxDim || i < 0 || uint64(i) >= 1<<32 {
		panic("sweep: SobolPoint dimension or index out of range")
	}
	gray := uint64(i) ^ uint64(i)>>1
	out := make([]float64, d)
	for j := range out {
		dirs := sobolDirections(j)
		var x uint32
		for k := 0; gray>>k != 0; k++ {
			if gray>>k&1 == 1 {
				x ^= dirs[k]
			}
		}
		out[j] = float64(x) / (1 << 32)
	}
	return out
}

// validate checks a plan read from sweep.json: that its description can
// compute its conditions.
func (p *Plan) validate() error {
	if p.Replicates < 1 {
		return fmt.Errorf("replicates = %d", p.Replicates)
	}
	if p.Custom != nil {
		for c, vals := range p.Custom {
			if len(vals) != len(p.Factors) {
				return fmt.Errorf("condition %d has %d values for %d factors", c, len(vals), len(p.Factors))
			}
		}
		return nil
	}
	grid := 0
	for j, f := range p.Factors {
		switch {
		case f.Design == "grid" && j == grid && len(f.Values) > 0:
			grid++
		case f.Design == "grid":
			return fmt.Errorf("grid factor %s has no levels or follows a sampled one", f.Name)
		case p.Sample == nil || f.Design != p.Sample.Method:
			return fmt.Errorf("factor %s has design %q, not the sample's", f.Name, f.Design)
		}
	}
	if s := p.Sample; s != nil {
		if !slices.Contains([]string{MethodSobol, MethodLHS}, s.Method) || s.Points < 1 || s.Points > maxPoints ||
			len(s.Ranges) < 1 || (s.Method == MethodSobol && len(s.Ranges) > SobolMaxDim) || len(s.Ranges) != len(p.Factors)-grid {
			return fmt.Errorf("sample %s of %d points over %d ranges does not match the factors", s.Method, s.Points, len(s.Ranges))
		}
	}
	return nil
}
