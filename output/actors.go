package output

import (
	"bufio"
	"fmt"
	"os"
	"strconv"

	"github.com/escalation-model/escalation/model"
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
	row := appendHeader(make([]byte, 0, 1024), actorColumns[:])
	row = append(row, '\n')
	w.Write(row)
	actors := m.Actors()
	for i := range actors {
		a := &actors[i]
		row = strconv.AppendInt(row[:0], int64(a.ID), 10)
		row = appendStr(row, a.Kind.String())
		row = appendInt(row, int64(a.State))
		row = appendInt(row, int64(a.Enemy))
		row = appendBool(row, a.Poor)
		row = appendBool(row, a.IoT)
		row = appendBool(row, a.Researcher)
		row = appendBool(row, a.Inclined)
		row = appendBool(row, a.Licensed)
		row = appendFloat(row, a.Value)
		row = appendFloat(row, m.Defence(a.ID))
		row = appendFloat(row, m.Skill(a.ID))
		row = appendBool(row, a.Compromised)
		row = appendBool(row, a.Destroyed)
		row = appendBool(row, a.HackedBack)
		row = appendFloat(row, m.OutstandingDamage(a.ID))
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
