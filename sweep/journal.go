package sweep

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// JournalFile is the name of a sweep directory's journal: one JSON line
// (a Result) per finished run, in the order runs finished, appended and
// never rewritten.
const JournalFile = "journal.jsonl"

// journalEntry is where one run's line lies in a journal.
type journalEntry struct {
	file   int32 // index of the journal among those read (merge reads several)
	length int32
	offset int64
}

// lineHead is the part of a journal line the scanner checks.
type lineHead struct {
	Index *int    `json:"index"`
	Seed  *uint64 `json:"seed"`
}

// scanJournal reads the journal at path line by line and calls fn with each
// complete line's offset, bytes (without the newline) and decoded head. It
// returns the offset just past the last good line. A last line without a
// newline is torn (the process died while writing it) and is left out; so
// is a last line that does not decode (a crash can leave garbage at the end
// of a file). A line in the middle that does not decode is an error.
// A missing journal is empty.
func scanJournal(path string, fn func(offset int64, line []byte, head lineHead) error) (good int64, torn bool, err error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	var offset int64
	lineNo := 0
	var bad error
	for {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 && line[len(line)-1] != '\n' {
			// No newline: a torn last line.
			return good, true, nil
		}
		if errors.Is(err, io.EOF) {
			if bad != nil {
				return good, true, nil // the bad line was the last one: drop it
			}
			return good, false, nil
		}
		if err != nil {
			return good, false, fmt.Errorf("%s: %w", path, err)
		}
		lineNo++
		if bad != nil {
			return good, false, bad
		}
		body := line[:len(line)-1]
		var head lineHead
		if err := json.Unmarshal(body, &head); err != nil || head.Index == nil || head.Seed == nil {
			bad = fmt.Errorf("%s:%d: not a journal line (%.60q...): the journal is damaged; remove that line to resume", path, lineNo, body)
			offset += int64(len(line))
			continue
		}
		if fn != nil {
			if err := fn(offset, body, head); err != nil {
				return good, false, err
			}
		}
		offset += int64(len(line))
		good = offset
	}
}

// journalWriter appends whole lines to a journal and syncs it to disk at
// most every syncEvery and when closed.
type journalWriter struct {
	f        *os.File
	lastSync time.Time
	dirty    bool
}

const syncEvery = time.Second

// openJournalWriter opens the journal for appending after truncating it to
// good bytes (dropping a torn last line).
func openJournalWriter(path string, good int64) (*journalWriter, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o666)
	if err != nil {
		return nil, err
	}
	if err := f.Truncate(good); err != nil {
		f.Close()
		return nil, err
	}
	if _, err := f.Seek(good, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	return &journalWriter{f: f, lastSync: time.Now()}, nil
}

// append writes one line (ending in a newline) with a single write.
func (j *journalWriter) append(line []byte) error {
	if !bytes.HasSuffix(line, []byte{'\n'}) {
		return errors.New("sweep: journal line without newline")
	}
	if _, err := j.f.Write(line); err != nil {
		return fmt.Errorf("writing %s: %w", j.f.Name(), err)
	}
	j.dirty = true
	if time.Since(j.lastSync) >= syncEvery {
		return j.sync()
	}
	return nil
}

func (j *journalWriter) sync() error {
	j.lastSync = time.Now()
	if !j.dirty {
		return nil
	}
	j.dirty = false
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("syncing %s: %w", j.f.Name(), err)
	}
	return nil
}

func (j *journalWriter) close() error {
	err := j.sync()
	if cerr := j.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// bitset is a set of run indices.
type bitset []uint64

func newBitset(n int) bitset    { return make(bitset, (n+63)/64) }
func (b bitset) has(i int) bool { return b[i/64]&(1<<(i%64)) != 0 }
func (b bitset) add(i int)      { b[i/64] |= 1 << (i % 64) }
