// Pattern statistics of an observed record (docs/ODD.md §11.1): the same
// code computes them from a run's record and from DCID's files, each
// defined from DCID's codebook in the registry Statistics returns.

package observe

import (
	"math"
	"slices"
	"strconv"
)

// Statistic describes one pattern statistic: its name (a stable JSON
// key), unit and one-line definition, and why it has no bootstrap
// interval ("" when it has one).
type Statistic struct {
	Name       string
	Unit       string
	Meaning    string
	NoInterval string
	value      func(t *tally) float64
}

// Stats are a record's statistics, in the order of Statistics. An
// undefined statistic (nothing to divide, or not coded by the record) is
// NaN, written null.
type Stats []float64

// Value returns the named statistic, and false if there is none.
func (s Stats) Value(name string) (float64, bool) {
	if i := Index(name); i >= 0 {
		return s[i], true
	}
	return 0, false
}

// Index returns the position of the named statistic in Statistics, -1 if
// there is none.
func Index(name string) int {
	for i, st := range Statistics() {
		if st.Name == name {
			return i
		}
	}
	return -1
}

// Compute returns the statistics of record r. A reply counts in
// reply_share, reply_lag_median_days and reply_more_severe_share when it
// started 0 to replyWindow days after its initiating incident.
func Compute(r *Record, replyWindow int) Stats {
	t := newTally(r, replyWindow)
	sts := Statistics()
	out := make(Stats, len(sts))
	for i, st := range sts {
		out[i] = st.value(t)
	}
	return out
}

// severity bands of the escalation statistics: 1-2 probing and
// harassment, 3-4 theft, 5-6 destruction, 7-10 death and national harm.
var bands = [...][2]int8{{1, 2}, {3, 4}, {5, 6}, {7, 10}}

// tally is what the statistics are computed from, counted once.
type tally struct {
	r                  *Record
	n                  int
	active, dyadMonths int
	bothSides          int
	initiators         int
	top4, top5         int
	severity           [11]int
	objective          [6]int
	target             [4]int
	method             [5]int // by DCID's whole method number, 1 to 4
	pairs              []Pair
	lags               []int // of the replies within the window
	coded, before      int
	escalated, more    int
	band               [len(bands)][2]int // pairs, escalated
}

func newTally(r *Record, window int) *tally {
	t := &tally{r: r, n: len(r.Incidents), pairs: r.Pairs}
	perDyad := map[uint64]int{}
	perInitiator := map[int32]int{}
	sides := map[uint64]map[int32]bool{}
	months := map[[2]uint64]bool{}
	for _, inc := range r.Incidents {
		d := dyad(inc.Initiator, inc.Target)
		perDyad[d]++
		perInitiator[inc.Initiator]++
		if sides[d] == nil {
			sides[d] = map[int32]bool{}
		}
		sides[d][inc.Initiator] = true
		months[[2]uint64{d, uint64(inc.Month)}] = true
		t.severity[inc.Severity]++
		t.objective[inc.Objective]++
		t.target[inc.TargetType]++
		t.method[inc.Method/10]++
	}
	t.active, t.initiators, t.dyadMonths = len(perDyad), len(perInitiator), len(months)
	for _, s := range sides {
		if len(s) == 2 {
			t.bothSides++
		}
	}
	t.top4 = topSum(perInitiator, 4)
	t.top5 = topSum(perDyad, 5)
	for _, p := range r.Pairs {
		t.addPair(p, window)
	}
	return t
}

// addPair counts pair p.
func (t *tally) addPair(p Pair, window int) {
	inWindow := p.Replied && p.Lag >= 0 && p.Lag <= window
	if p.Replied {
		t.coded++
		if p.Lag < 0 {
			t.before++
		}
	}
	if inWindow {
		t.lags = append(t.lags, p.Lag)
		if p.ReplySeverity > p.Severity {
			t.more++
		}
	}
	if p.Escalated {
		t.escalated++
	}
	for i, b := range bands {
		if p.Severity >= b[0] && p.Severity <= b[1] {
			t.band[i][0]++
			if p.Escalated {
				t.band[i][1]++
			}
		}
	}
}

// topSum returns the sum of the k largest counts.
func topSum[K comparable](counts map[K]int, k int) int {
	var v []int
	for _, c := range counts {
		v = append(v, c)
	}
	slices.Sort(v)
	slices.Reverse(v)
	sum := 0
	for _, c := range v[:min(k, len(v))] {
		sum += c
	}
	return sum
}

// ratio returns a/b, NaN when b is 0.
func ratio(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}

// share returns count/n of the incidents.
func (t *tally) share(count int) float64 { return ratio(float64(count), float64(t.n)) }

// ofPairs returns x when the record has pairs, NaN otherwise.
func (t *tally) ofPairs(x float64) float64 {
	if !t.r.HasPairs {
		return math.NaN()
	}
	return x
}

// pairShare returns count over the pairs, NaN without pairs.
func (t *tally) pairShare(count int) float64 {
	return t.ofPairs(ratio(float64(count), float64(len(t.pairs))))
}

// median returns the median of v (the mean of the two middle values of
// an even count), NaN when v is empty.
func median(v []int) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	s := slices.Clone(v)
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return float64(s[m])
	}
	return float64(s[m-1]+s[m]) / 2
}

// coded returns x when the record codes what x needs, NaN otherwise.
func coded(ok bool, x float64) float64 {
	if !ok {
		return math.NaN()
	}
	return x
}

// severityNames name the levels of codebook VII.
var severityNames = [11]string{"no cyber activity", "probing, packet sniffing", "harassment, propaganda, denial and disruption", "targeted theft from one network", "widespread intrusion, multiple networks", "attempted destruction, recoverable", "widespread destruction", "minimal death", "critical national economic disruption", "critical national infrastructure destruction", "massive death"}

// bandName returns "1_2" for band i.
func bandName(i int) string {
	return strconv.Itoa(int(bands[i][0])) + "_" + strconv.Itoa(int(bands[i][1]))
}
