package output

import (
	"bufio"
	"fmt"
	"os"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/output/csvfmt"
)

// WriteActors writes actors.csv to path: one row per actor, in id order,
// with the columns of ActorColumns. Fixed attributes are as initialised;
// inclined, licensed, defence, skill, compromised, destroyed, hacked_back
// and damage are their values when WriteActors is called (the end of the
// run, when the command writes it).
func WriteActors(path string, m *model.Model) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, bufSize)
	t := csvfmt.Actors()
	row := t.AppendHeader(make([]byte, 0, 1024))
	row = append(row, '\n')
	w.Write(row)
	for i := range m.Actors() {
		rec := m.ActorRecord(int32(i))
		row = t.AppendRow(row[:0], &rec)
		row = append(row, '\n')
		if _, err := w.Write(row); err != nil {
			break
		}
	}
	err = w.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
