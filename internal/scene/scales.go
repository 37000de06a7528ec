package scene

import (
	_ "embed"
	"strconv"
	"strings"
)

// scalesCSV holds, for every preset and chart, the top of the chart's
// value axis: the NiceTop of the largest daily value the preset reached
// over seeds 1 to ScaleSeeds at its own length (TestScalesAreCurrent
// writes it with -update).
//
//go:embed scales.csv
var scalesCSV string

// ScaleSeeds is how many seeds of each preset the scales table covers.
const ScaleSeeds = 10

// scales is scalesCSV read: preset, then chart key, to the axis's top.
var scales = readScales(scalesCSV)

func readScales(text string) map[string]map[string]float64 {
	out := map[string]map[string]float64{}
	for _, line := range strings.Split(strings.TrimSpace(text), "\n")[1:] {
		f := strings.Split(line, ",")
		if len(f) != 3 {
			continue
		}
		top, err := strconv.ParseFloat(f[2], 64)
		if err != nil || top <= 0 {
			continue
		}
		if out[f[0]] == nil {
			out[f[0]] = map[string]float64{}
		}
		out[f[0]][f[1]] = top
	}
	return out
}

// Scale returns the top of chart key's value axis for preset: the table's
// (1 for a preset or chart it does not hold).
func Scale(preset, key string) float64 {
	if top := scales[preset][key]; top > 0 {
		return top
	}
	return 1
}
