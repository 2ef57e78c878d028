package advisor

import (
	"slices"
	"testing"
	"time"
)

// typicalPartial is what an employee has said after a first message.
const typicalPartial = `{"task":"answer","monthly_volume":8000,"minutes_per_task":6,"hourly_cost":45,"knowledge":"private_changing","department":"Support"}`

// BenchmarkAdvise is a recommendation without planning (the rules, the ROI
// of every approach, reasons, risks and steps) for a typical partial
// profile. Target: at most 50us.
func BenchmarkAdvise(b *testing.B) {
	adv := New(DefaultAssumptions())
	u, err := DecodeUseCase([]byte(typicalPartial))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := adv.Recommend(u); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlan is a recommendation with its question plan, for profiles
// from nearly empty to nearly full (the planner's work grows with what is
// unknown), reporting the 99th percentile of one plan's time. Target: p99
// under 5ms.
func BenchmarkPlan(b *testing.B) {
	adv := New(DefaultAssumptions())
	profiles := []string{
		`{}`,
		`{"task":"classify","monthly_volume":200000,"minutes_per_task":2}`,
		typicalPartial,
		`{"task":"draft","monthly_volume":3000,"minutes_per_task":20,"hourly_cost":60,"knowledge":"private_static","accuracy":"high","human_review":true,"prompt_baseline":"plateaued"}`,
	}
	var us []UseCase
	for _, p := range profiles {
		u, err := DecodeUseCase([]byte(p))
		if err != nil {
			b.Fatal(err)
		}
		us = append(us, u)
	}
	inferred := []string{FieldTask, FieldMonthlyVolume}
	var times []time.Duration
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		u := us[n%len(us)]
		n++
		start := time.Now()
		if _, err := adv.RecommendInferred(u, inferred); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
}
