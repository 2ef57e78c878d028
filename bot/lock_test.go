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

// TestKeyedMutexSize: the count behind advisorbot_conversations_active
// covers keys held and waited on, and drops to zero once all are released.
func TestKeyedMutexSize(t *testing.T) {
	var k keyedMutex
	ua, ub := k.lock("a"), k.lock("b")
	if n := k.size(); n != 2 {
		t.Errorf("two keys held: size %d", n)
	}
	got := make(chan func())
	go func() { got <- k.lock("a") }() // waits behind the first holder
	ua()
	ua2 := <-got
	if n := k.size(); n != 2 {
		t.Errorf("a handed over, b held: size %d", n)
	}
	ua2()
	ub()
	if n := k.size(); n != 0 {
		t.Errorf("all released: size %d", n)
	}
}
