package figure

import "gonum.org/v1/plot/plotter"

// CCDF returns the complementary cumulative distribution P(S ≥ s) of a
// histogram of cascade sizes, as the points to plot on log-log axes: sizes
// ascending and distinct, counts[i] the number of cascades of size
// sizes[i]. It gives one point (s, P(S ≥ s)) per size with a positive
// count, so the first is at probability 1; a histogram without cascades
// gives none.
func CCDF(sizes, counts []int64) plotter.XYs {
	var total int64
	for _, c := range counts {
		total += max(c, 0)
	}
	var pts plotter.XYs
	above := total
	for i, s := range sizes {
		if counts[i] <= 0 {
			continue
		}
		pts = append(pts, plotter.XY{X: float64(s), Y: float64(above) / float64(total)})
		above -= counts[i]
	}
	return pts
}

// CCDFPairs is CCDF for a histogram held as (size, count) pairs, sizes
// ascending.
func CCDFPairs(hist [][2]int64) plotter.XYs {
	sizes, counts := make([]int64, len(hist)), make([]int64, len(hist))
	for i, sc := range hist {
		sizes[i], counts[i] = sc[0], sc[1]
	}
	return CCDF(sizes, counts)
}
