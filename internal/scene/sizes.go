package scene

import "math"

// Sizes counts the sizes of closed cascades, for a chart of their
// complementary cumulative distribution on log-log axes.
type Sizes struct {
	count map[int64]int64 // closed cascades by size
	sizes []int64         // the distinct sizes, ascending
	N     int64           // closed cascades
	Max   int64           // the largest size
}

// Add counts a closed cascade of the given size (at least 1).
func (s *Sizes) Add(size int64) {
	if size < 1 {
		return
	}
	if s.count == nil {
		s.count = map[int64]int64{}
	}
	if s.count[size] == 0 {
		i := 0
		for i < len(s.sizes) && s.sizes[i] < size {
			i++
		}
		s.sizes = append(s.sizes, 0)
		copy(s.sizes[i+1:], s.sizes[i:])
		s.sizes[i] = size
	}
	s.count[size]++
	s.N++
	s.Max = max(s.Max, size)
}

// CCDF returns, for each distinct size n seen, the share of closed
// cascades of size n or more, sizes ascending.
func (s *Sizes) CCDF() (sizes []int64, share []float64) {
	if s.N == 0 {
		return nil, nil
	}
	above := s.N
	for _, n := range s.sizes {
		sizes = append(sizes, n)
		share = append(share, float64(above)/float64(s.N))
		above -= s.count[n]
	}
	return sizes, share
}

// LogLog maps a size n and a probability p to a point of plot r whose
// axes are log10 sizes from 1 to xmax and log10 probabilities from ymin
// to 1; false for a point off the axes.
func LogLog(r Rect, n, p, xmax, ymin float64) (Point, bool) {
	if n < 1 || p <= 0 || n > xmax*(1+1e-9) || p < ymin*(1-1e-9) {
		return Point{}, false
	}
	x := math.Log10(n) / math.Log10(xmax)
	y := math.Log10(p) / math.Log10(ymin)
	return Point{r.X + r.W*x, r.Y + r.H*y}, true
}

// DecadeAbove returns the power of ten at or above v (at least 10).
func DecadeAbove(v float64) float64 {
	d := 10.0
	for d < v {
		d *= 10
	}
	return d
}
