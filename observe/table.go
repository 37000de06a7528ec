// The table escalate observe prints (docs/ODD.md §11.1): one line per
// statistic, with its interval when the report has them.

package observe

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/escalation-model/escalation/internal/narrate"
)

// WriteTable writes the report as a table: a line saying what was
// observed over what period and under which settings, then one line per
// statistic (name, value, interval when there are intervals, unit).
func (rep Report) WriteTable(w io.Writer) error {
	what := "a run"
	if rep.Source != "run" {
		what = "DCID 2.0: " + strings.Join(rep.Files, ", ")
	}
	period := fmt.Sprintf("%s years", cell(rep.Years))
	if rep.FirstYear != 0 {
		period = fmt.Sprintf("%d-%d", rep.FirstYear, rep.FirstYear+int(rep.Years)-1)
	}
	fmt.Fprintf(w, "observed: %s, %s (%s)\n", what, period, narrate.Count(int64(rep.Months), "month", "months"))
	var settings []string
	for _, v := range rep.Config.Values() {
		settings = append(settings, v[0]+"="+v[1])
	}
	fmt.Fprintf(w, "observation: %s\n", strings.Join(settings, " "))
	if rep.Bootstrap != nil {
		fmt.Fprintf(w, "intervals: %s%% bootstrap percentile intervals, %s resampling incidents and pairs within dyads, seed %d\n",
			cell(100*rep.Bootstrap.Level), narrate.Count(int64(rep.Bootstrap.Replicates), "replicate", "replicates"), rep.Bootstrap.Seed)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprint(tw, "\nstatistic\tvalue")
	if rep.Intervals != nil {
		fmt.Fprint(tw, "\tinterval")
	}
	fmt.Fprintln(tw, "\tunit")
	for i, st := range Statistics() {
		fmt.Fprintf(tw, "%s\t%s", st.Name, cell(rep.Stats[i]))
		switch iv := rep.Intervals; {
		case iv == nil:
		case math.IsNaN(iv[i].Lo) || math.IsNaN(iv[i].Hi):
			fmt.Fprint(tw, "\tnone")
		default:
			fmt.Fprintf(tw, "\t%s to %s", cell(iv[i].Lo), cell(iv[i].Hi))
		}
		fmt.Fprintf(tw, "\t%s\n", st.Unit)
	}
	return tw.Flush()
}

// cell formats a value for the table: whole numbers in full, others to
// three significant digits, "undefined" for NaN.
func cell(x float64) string {
	switch {
	case math.IsNaN(x):
		return "undefined"
	case x == math.Trunc(x) && math.Abs(x) < 1e15:
		return strconv.FormatFloat(x, 'f', 0, 64)
	}
	return strconv.FormatFloat(x, 'g', 3, 64)
}
