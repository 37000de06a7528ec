// The documentation's tables of the observation settings and the pattern
// statistics (docs/ODD.md §11.1, docs/data.md), generated from their
// registries by go test ./output -run TestDataDoc -update.

package observe

import "strings"

// StatisticsMarkdown returns the Markdown table of the pattern
// statistics, in order: name, unit, definition, bootstrap interval.
func StatisticsMarkdown() string {
	var b strings.Builder
	b.WriteString("| statistic | unit | definition | interval |\n|---|---|---|---|\n")
	for _, st := range Statistics() {
		iv := "bootstrap"
		if st.NoInterval != "" {
			iv = st.NoInterval
		}
		row(&b, "`"+st.Name+"`", st.Unit, st.Meaning, iv)
	}
	return b.String()
}

// SettingsMarkdown returns the Markdown table of the observation
// settings, in order: name, default, allowed values, unit, meaning and
// the reason for the default.
func SettingsMarkdown() string {
	var b strings.Builder
	b.WriteString("| setting | default | allowed | unit | meaning | why this default |\n|---|---|---|---|---|---|\n")
	for _, s := range Settings() {
		row(&b, "`"+s.Name+"`", "`"+s.Default+"`", s.Allowed(), s.Unit, s.Meaning, s.Basis)
	}
	return b.String()
}

func row(b *strings.Builder, cells ...string) {
	b.WriteString("|")
	for _, c := range cells {
		b.WriteString(" " + c + " |")
	}
	b.WriteString("\n")
}
