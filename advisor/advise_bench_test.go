package advisor

import "testing"

// BenchmarkAdvise is a full recommendation with its question plan for a
// typical partial profile: what an employee has said after a first message.
// Target: at most 50us and 100 allocations.
func BenchmarkAdvise(b *testing.B) {
	adv := New(DefaultAssumptions())
	u, err := DecodeUseCase([]byte(`{"task":"answer","monthly_volume":8000,"minutes_per_task":6,"hourly_cost":45,"knowledge":"private_changing","department":"Support"}`))
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

// BenchmarkAdviseEmpty plans with every field unknown: the most questions to weigh.
func BenchmarkAdviseEmpty(b *testing.B) {
	adv := New(DefaultAssumptions())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := adv.Recommend(UseCase{}); err != nil {
			b.Fatal(err)
		}
	}
}
