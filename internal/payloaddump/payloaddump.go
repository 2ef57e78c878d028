// Package payloaddump writes what the fake platforms (slacktest,
// teamstest) receive to a directory, when ADVISORBOT_PAYLOAD_DIR is set,
// so .ci/platformcheck can check every payload a test run sent with the
// platforms' own published types, validators and schemas: a check
// independent of the fakes' own.
package payloaddump

import (
	"encoding/json"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// DirEnv names the directory payloads are written to; unset, nothing is.
const DirEnv = "ADVISORBOT_PAYLOAD_DIR"

var (
	seq  atomic.Int64
	warn sync.Once
)

// Dir is the directory payloads go to, or "". It is read on every call,
// so a test can set it with t.Setenv.
func Dir() string { return os.Getenv(DirEnv) }

// Binary is the running test binary's name, which tells the checker the
// package whose test sent a payload.
func Binary() string { return filepath.Base(os.Args[0]) }

// Write writes v as JSON to <prefix>-<pid>-<n>.json in Dir, whole under a
// temporary name first, so a reader never sees half a file. It never
// fails a test: an error is logged once and otherwise ignored.
func Write(prefix string, v any) {
	dir := Dir()
	if dir == "" {
		return
	}
	if err := write(dir, prefix, v); err != nil {
		warn.Do(func() { log.Printf("%s payload dump: %v", prefix, err) })
	}
}

func write(dir, prefix string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	name := fmt.Sprintf("%s-%d-%06d.json", prefix, os.Getpid(), seq.Add(1))
	tmp := filepath.Join(dir, "."+name)
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}
