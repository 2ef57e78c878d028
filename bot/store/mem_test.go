package store_test

import (
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/store/storetest"
)

func TestMemConformance(t *testing.T) {
	t.Parallel() // the suite's expiry test waits
	storetest.Run(t, func(t *testing.T, now func() time.Time) store.Store {
		s := store.NewMemAt(now)
		t.Cleanup(func() { _ = s.Close() })
		return s
	})
}
