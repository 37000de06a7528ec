package sweep

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"strconv"

	"github.com/escalation-model/escalation/internal/spelling"
	"github.com/escalation-model/escalation/internal/tomlpos"
	"github.com/escalation-model/escalation/model"
)

// SobolMaxDim is the largest number of parameters a Sobol sample covers.
const SobolMaxDim = 32

// joeKuo holds the primitive polynomials and initial direction numbers of
// dimensions 2 to 32 from Joe and Kuo's file new-joe-kuo-6.21201
// (https://web.maths.unsw.edu.au/~fkuo/sobol/; S. Joe and F. Y. Kuo,
// "Constructing Sobol sequences with better two-dimensional projections",
// SIAM J. Sci. Comput. 30, 2635-2654, 2008): the degree s of the
// polynomial, its inner coefficients a (as bits), and m_1..m_s.
var joeKuo = [SobolMaxDim - 1]struct {
	s, a uint32
	m    []uint32
}{
	{1, 0, []uint32{1}},
	{2, 1, []uint32{1, 3}},
	{3, 1, []uint32{1, 3, 1}},
	{3, 2, []uint32{1, 1, 1}},
	{4, 1, []uint32{1, 1, 3, 3}},
	{4, 4, []uint32{1, 3, 5, 13}},
	{5, 2, []uint32{1, 1, 5, 5, 17}},
	{5, 4, []uint32{1, 1, 5, 5, 5}},
	{5, 7, []uint32{1, 1, 7, 11, 19}},
	{5, 11, []uint32{1, 1, 5, 1, 1}},
	{5, 13, []uint32{1, 1, 1, 3, 11}},
	{5, 14, []uint32{1, 3, 5, 5, 31}},
	{6, 1, []uint32{1, 3, 3, 9, 7, 49}},
	{6, 13, []uint32{1, 1, 1, 15, 21, 21}},
	{6, 16, []uint32{1, 3, 1, 13, 27, 49}},
	{6, 19, []uint32{1, 1, 1, 15, 7, 5}},
	{6, 22, []uint32{1, 3, 1, 15, 13, 25}},
	{6, 25, []uint32{1, 1, 5, 5, 19, 61}},
	{7, 1, []uint32{1, 3, 7, 11, 23, 15, 103}},
	{7, 4, []uint32{1, 3, 7, 13, 13, 15, 69}},
	{7, 7, []uint32{1, 1, 3, 13, 7, 35, 63}},
	{7, 8, []uint32{1, 3, 5, 9, 1, 25, 53}},
	{7, 14, []uint32{1, 3, 1, 13, 9, 35, 107}},
	{7, 19, []uint32{1, 3, 1, 5, 27, 61, 31}},
	{7, 21, []uint32{1, 1, 5, 11, 19, 41, 61}},
	{7, 28, []uint32{1, 3, 5, 3, 3, 13, 69}},
	{7, 31, []uint32{1, 1, 7, 13, 1, 19, 1}},
	{7, 32, []uint32{1, 3, 7, 5, 13, 19, 59}},
	{7, 37, []uint32{1, 1, 3, 9, 25, 29, 41}},
	{7, 41, []uint32{1, 3, 5, 13, 23, 1, 55}},
	{7, 42, []uint32{1, 3, 7, 3, 13, 59, 17}},
}

// sobolDirections returns the 32 direction numbers V_1..V_32 of dimension
// dim (0-based), left-aligned in 32 bits.
func sobolDirections(dim int) [32]uint32 {
	var v [32]uint32
	if dim == 0 {
		for k := range v {
			v[k] = 1 << (31 - k)
		}
		return v
	}
	jk := joeKuo[dim-1]
	s := int(jk.s)
	for k := 0; k < 32; k++ {
		if k < s {
			v[k] = jk.m[k] << (31 - k)
			continue
		}
		x := v[k-s] ^ (v[k-s] >> s)
		for l := 1; l < s; l++ {
			if (jk.a>>(s-1-l))&1 == 1 {
				x ^= v[k-l]
			}
		}
		v[k] = x
	}
	return v
}

// SobolPoints returns the first n points of the d-dimensional Sobol
// sequence with Joe and Kuo's direction numbers, unscrambled, starting with
// the origin: point i has coordinates in [0, 1) that are multiples of 2^-32.
// The first 2^m points of every coordinate are the multiples of 2^-m, so a
// power of two is the natural n. It panics if d is outside [1, SobolMaxDim]
// or n is above 2^32.
func SobolPoints(n, d int) [][]float64 {
	if d < 1 || d > SobolMaxDim || n < 0 || uint64(n) > 1<<32 {
		panic("sweep: SobolPoints dimension or count out of range")
	}
	dirs := make([][32]uint32, d)
	for j := range dirs {
		dirs[j] = sobolDirections(j)
	}
	x := make([]uint32, d)
	out := make([][]float64, n)
	for i := range n {
		if i > 0 {
			// Gray-code order: flip the direction number of the lowest zero
			// bit of i-1.
			c := 0
			for v := i - 1; v&1 == 1; v >>= 1 {
				c++
			}
			for j := range x {
				x[j] ^= dirs[j][c]
			}
		}
		p := make([]float64, d)
		for j := range p {
			p[j] = float64(x[j]) / (1 << 32)
		}
		out[i] = p
	}
	return out
}

// LatinHypercube returns n points in [0, 1)^d such that, in every
// dimension, each of the n intervals [k/n, (k+1)/n) holds exactly one
// point, at a uniformly random place. For each dimension in turn it draws a
// random permutation of the intervals and then n uniforms, from r.
func LatinHypercube(r *rand.Rand, n, d int) [][]float64 {
	out := make([][]float64, n)
	for i := range out {
		out[i] = make([]float64, d)
	}
	for j := range d {
		perm := r.Perm(n)
		for i := range n {
			out[i][j] = (float64(perm[i]) + r.Float64()) / float64(n)
		}
	}
	return out
}

// streamRNG returns a ChaCha8 generator keyed by the master seed and a
// purpose tag of at most 16 bytes, and a number (a condition, say): every
// random stream of the sweep's own (the Latin hypercube, the bootstrap) is
// a function of the master seed alone, never of the workers.
func streamRNG(master uint64, tag string, n uint64) *rand.Rand {
	var key [32]byte
	binary.LittleEndian.PutUint64(key[:8], master)
	copy(key[8:24], tag)
	binary.LittleEndian.PutUint64(key[24:], n)
	return rand.New(rand.NewChaCha8(key))
}

// samplePoints returns the sample's points in the unit cube.
func (s *Sample) points(master uint64) [][]float64 {
	if s.Method == MethodSobol {
		return SobolPoints(s.Points, len(s.Ranges))
	}
	return LatinHypercube(streamRNG(master, "sweep/lhs/v1", 0), s.Points, len(s.Ranges))
}

// scale maps u in [0, 1) onto the range of parameter typ: a float goes to
// From + u (To - From), rounded to 6 significant digits so that the tables
// read well (the value written is the value run); an integer to one of
// From..To, each with an equal share of [0, 1).
func (r Range) scale(u float64, typ string) string {
	if typ == "int" {
		v := r.From + math.Floor(u*(r.To-r.From+1))
		return strconv.FormatInt(int64(min(v, r.To)), 10)
	}
	v := r.From + u*(r.To-r.From)
	v, _ = strconv.ParseFloat(strconv.FormatFloat(v, 'g', 6, 64), 64)
	return formatFloat(min(max(v, r.From), r.To))
}

func (s *Spec) decodeSample(doc map[string]any) error {
	m, err := s.table(doc, "sample", `method = "sobol"`)
	if err != nil || m == nil {
		return err
	}
	if m, err = s.flattenAt("sample", m); err != nil {
		return err
	}
	smp := &Sample{}
	for _, k := range s.sortedKeys("sample.", m) {
		if _, ok := model.Lookup(k); !ok && k != "method" && k != "points" && (spelling.Distance(k, "method") <= 2 || spelling.Distance(k, "points") <= 2) {
			return s.unknown("sample."+k, k, []string{"method", "points"}, "[sample] (besides the sampled parameters)")
		}
	}
	if v, ok := m["method"]; !ok {
		return s.errorf("sample", "lacks method: write method = %q or %q", MethodSobol, MethodLHS)
	} else if x, _ := v.(string); x != MethodSobol && x != MethodLHS {
		return s.errorf("sample.method", "= %s: allowed %q (a Sobol sequence) or %q (a Latin hypercube)", tomlpos.Text(v), MethodSobol, MethodLHS)
	} else {
		smp.Method = x
	}
	n, ok, err := s.intKeyIn(m, "points", "sample.points", 1, maxPoints)
	if err != nil {
		return err
	}
	if !ok {
		return s.errorf("sample", "lacks points: write points = 64 (the number of sampled conditions)")
	}
	smp.Points = n
	for _, k := range s.sortedKeys("sample.", m) {
		if k == "method" || k == "points" {
			continue
		}
		key := "sample." + k
		p, err := s.param(key, k)
		if err != nil {
			return err
		}
		if p.Type == "choice" {
			return s.errorf(key, "is a choice and cannot be sampled over a range: vary it in [vary] with a list of values")
		}
		r, ok := m[k].(map[string]any)
		if !ok {
			return s.errorf(key, "= %s: give a range, e.g. {from = 0, to = 1}", tomlpos.Text(m[k]))
		}
		from, to, err := s.bounds(key, p, r)
		if err != nil {
			return err
		}
		smp.Ranges = append(smp.Ranges, Range{Name: k, From: from, To: to})
	}
	if len(smp.Ranges) == 0 {
		return s.errorf("sample", "samples no parameter: add lines such as attribution_skill = {from = 0, to = 1}")
	}
	if smp.Method == MethodSobol && len(smp.Ranges) > SobolMaxDim {
		return s.errorf("sample", "samples %d parameters: a Sobol sample supports at most %d", len(smp.Ranges), SobolMaxDim)
	}
	s.Sample = smp
	return nil
}
