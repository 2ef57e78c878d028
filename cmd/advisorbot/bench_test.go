package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkIdleRSS starts a real `advisorbot chat` on an on-disk store,
// waits until it is idle at the prompt, and reports its resident memory
// (target: under 60 MB).
func BenchmarkIdleRSS(b *testing.B) {
	bin := buildBinary(b)
	for b.Loop() {
		c := startChat(b, bin, b.TempDir())
		c.waitFor(b, "Tell me what you would like to automate")
		time.Sleep(2 * time.Second) // let start-up allocations settle
		b.ReportMetric(processRSSMB(b, c.cmd.Process.Pid), "idle-rss-MB")
		_ = c.cmd.Process.Kill()
		_ = c.cmd.Wait()
	}
}

func processRSSMB(b *testing.B, pid int) float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Skip("no /proc")
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}
