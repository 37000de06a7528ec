package gwlaw

import (
	"math"
	"strings"
	"testing"
)

// A chain (c = 0) has the geometric law; a subcritical tree's law sums to
// 1 with mean 1/(1-m); the CCDF falls from 1 by the pmf.
func TestSizeLaw(t *testing.T) {
	for _, q := range []float64{0.2, 0.5, 0.8} {
		pmf := SizePMF(q, 0, 60)
		for n := 1; n <= 60; n++ {
			want := math.Pow(q, float64(n-1)) * (1 - q)
			if math.Abs(pmf[n]-want) > 1e-12*want {
				t.Errorf("q=%v c=0: P(S=%d) = %g, geometric law %g", q, n, pmf[n], want)
			}
		}
	}
	for _, tc := range []struct{ q, c float64 }{{0.3, 0.3}, {0.2, 2}, {0.6, 0.25}} {
		pmf := SizePMF(tc.q, tc.c, 400)
		sum, mean := 0.0, 0.0
		for n, p := range pmf {
			sum += p
			mean += float64(n) * p
		}
		m := Mean(tc.q, tc.c)
		if math.Abs(sum-1) > 1e-9 || math.Abs(mean-1/(1-m)) > 1e-9 {
			t.Errorf("q=%v c=%v: sum %v (want 1), mean %v (want %v)", tc.q, tc.c, sum, mean, 1/(1-m))
		}
		cc := CCDF(pmf)
		if math.Abs(cc[1]-1) > 1e-12 || math.Abs(cc[2]-(1-pmf[1])) > 1e-12 {
			t.Errorf("q=%v c=%v: CCDF starts %v %v, want 1 and %v", tc.q, tc.c, cc[1], cc[2], 1-pmf[1])
		}
		for n := 2; n < len(cc); n++ {
			if cc[n] > cc[n-1] {
				t.Fatalf("q=%v c=%v: the CCDF rises at %d", tc.q, tc.c, n)
			}
		}
	}
	// At m = 1 the tail falls as a power, n^(-1/2): far slower than any
	// subcritical law's.
	crit := CCDF(SizePMF(0.5, 1, 400))
	sub := CCDF(SizePMF(0.3, 0.3, 400))
	if r := crit[400] / crit[100]; math.Abs(r-0.5) > 0.05 {
		t.Errorf("critical: P(S>=400)/P(S>=100) = %v, want about 1/2", r)
	}
	if sub[100] > 1e-10 {
		t.Errorf("subcritical m=0.39: P(S>=100) = %v", sub[100])
	}
}

func TestCaption(t *testing.T) {
	got := Caption(0.3, 0.3)
	for _, want := range []string{"answered with probability 0.3", "on average 0.3 bystanders", "m = 0.39 on average", "at m = 1 cascades of every size happen"} {
		if !strings.Contains(got, want) {
			t.Errorf("caption %q lacks %q", got, want)
		}
	}
}
