package store_test

import (
	"testing"

	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/store/storetest"
)

func TestMemConformance(t *testing.T) {
	t.Parallel() // the suite's expiry test waits
	storetest.Run(t, func(t *testing.T) store.Store {
		s := store.NewMem()
		t.Cleanup(func() { _ = s.Close() })
		return s
	})
}
