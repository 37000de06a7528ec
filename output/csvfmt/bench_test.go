package csvfmt_test

import (
	"testing"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/output/csvfmt"
)

// BenchmarkTickRow formats one ticks.csv row per op.
func BenchmarkTickRow(b *testing.B) {
	s := model.TickStats{Tick: 123, Attacks: 40, Answers: 12, Scans: 300, AttacksOnFirms: 30, AttacksOnPoor: 11,
		Detected: 33, Misattributed: 9, Damage: 1.2345678901234, DamageFirms: 0.75, DamagePoor: 0.3, TensionMean: 0.0123, TensionMax: 0.25}
	row := make([]byte, 0, 1024)
	b.ReportAllocs()
	for b.Loop() {
		row = csvfmt.AppendTickRow(row[:0], &s)
	}
}

// BenchmarkEventRow formats one events.csv row per op.
func BenchmarkEventRow(b *testing.B) {
	a := model.Act{ID: 123456, Parent: 12, Cascade: 3, Tick: 40, Kind: model.ActHackBack, Origin: 1234, Target: 567, Via: -1, Flag: -1,
		Suspect: 567, Detected: true, Misattributed: true, Confidence: 0.6180339887498949, Intensity: 2, Generation: 1, Damage: 0.0123456789}
	row := make([]byte, 0, 1024)
	b.ReportAllocs()
	for b.Loop() {
		row = csvfmt.AppendEventRow(row[:0], &a)
	}
}

// BenchmarkEventTable formats one events.csv row per op through a Table,
// as the Recorder does.
func BenchmarkEventTable(b *testing.B) {
	a := model.Act{ID: 123456, Parent: 12, Cascade: 3, Tick: 40, Kind: model.ActHackBack, Origin: 1234, Target: 567, Via: -1, Flag: -1,
		Suspect: 567, Detected: true, Misattributed: true, Confidence: 0.6180339887498949, Intensity: 2, Generation: 1, Damage: 0.0123456789}
	t := csvfmt.Events()
	row := make([]byte, 0, 1024)
	b.ReportAllocs()
	for b.Loop() {
		row = t.AppendRow(row[:0], &a)
	}
}
