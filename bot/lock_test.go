package bot

import (
	"sync"
	"testing"
)

// TestKeyedMutexFIFO: waiters on one key get the lock in arrival order.
func TestKeyedMutexFIFO(t *testing.T) {
	var k keyedMutex
	unlock := k.lock("c")
	var mu sync.Mutex
	var order []int
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u := k.lock("c")
			mu.Lock()
			order = append(order, i)
			mu.Unlock()
			u()
		}()
		// Wait until goroutine i queues before starting i+1.
		for {
			k.mu.Lock()
			n := len(k.locks["c"].waiters)
			k.mu.Unlock()
			if n == i+1 {
				break
			}
		}
	}
	unlock()
	wg.Wait()
	for i, v := range order {
		if v != i {
			t.Fatalf("acquired in order %v", order)
		}
	}
	if len(k.locks) != 0 {
		t.Errorf("%d keys left behind", len(k.locks))
	}
}
