package advisor

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkApproach is the approach alone for BenchmarkAdvise's profile:
// what calibrate pays per stored assessment it re-runs.
func BenchmarkApproach(b *testing.B) {
	adv := New(DefaultAssumptions())
	u, err := DecodeUseCase([]byte(typicalPartial))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := adv.Approach(u); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCalibrate infers the assumptions from 100,000 outcomes, the
// issue's scale.
func BenchmarkCalibrate(b *testing.B) {
	truth := New(company(b))
	r := rand.New(rand.NewPCG(5, 6))
	base := make([]Sample, 1000)
	for i := range base {
		base[i] = actualSample(b, truth, drawProfile(r), approachOrder[r.IntN(numApproaches-1)])
	}
	samples := make([]Sample, 100_000)
	for i := range samples {
		samples[i] = base[i%len(base)]
	}
	b.ReportAllocs()
	for b.Loop() {
		Calibrate(DefaultAssumptions(), samples, 5)
	}
}
