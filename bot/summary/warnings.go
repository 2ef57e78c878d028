package summary

import (
	"fmt"
	"math"
	"time"

	"github.com/advisorbot/advisorbot/bot/store"
)

// datedEvent is a dated fact a recommendation can depend on.
type datedEvent struct {
	will, did string // the event before and after its date
	when      time.Time
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// fineTuneEvents are the 2026-27 dates that end hosted fine-tunes
// (knowledge base: vendor-ft-winddown-2026, model-retirement-retraining;
// OpenAI's deprecations page, some dates as reported by secondary sources).
var fineTuneEvents = []datedEvent{
	{"OpenAI shuts down gpt-4.1-nano and gpt-4o-2024-05-13, with fine-tunes built on them,",
		"gpt-4.1-nano and gpt-4o-2024-05-13, with fine-tunes built on them, were shut down", day(2026, 10, 23)},
	{"OpenAI stops new fine-tuning jobs for existing customers",
		"OpenAI stopped new fine-tuning jobs for existing customers", day(2027, 1, 6)},
	{"OpenAI shuts down gpt-4o, gpt-4o-mini, gpt-4.1 and gpt-4.1-mini and their fine-tunes (reported)",
		"OpenAI shut down gpt-4o, gpt-4o-mini, gpt-4.1 and gpt-4.1-mini and their fine-tunes (reported)", day(2027, 1, 14)},
	{"Azure OpenAI retires most of the same model versions (reported)",
		"Azure OpenAI retired most of the same model versions (reported)", day(2027, 4, 14)},
}

// warnHorizon is how far ahead a dated event is worth a warning.
const warnHorizon = 90 * 24 * time.Hour

// warnings lists what this week's recommendations depend on that is dated:
// hosted fine-tuning whose platform or base model had gone, or was to go
// within 90 days, at now (the week's end).
func warnings(w store.WeekStats, now time.Time) []string {
	if w.HostedFineTunes == 0 {
		return nil
	}
	var out []string
	for _, e := range fineTuneEvents {
		switch d := e.when.Sub(now); {
		case d <= 0:
			out = append(out, fmt.Sprintf("%d fine-tuning recommendation(s) rely on hosted fine-tuning: %s on %s. Check the platform before building (Azure AI Foundry, Vertex AI, Bedrock or open weights).",
				w.HostedFineTunes, e.did, e.when.Format("2006-01-02")))
		case d <= warnHorizon:
			out = append(out, fmt.Sprintf("%d fine-tuning recommendation(s) rely on hosted fine-tuning: %s on %s, in %s.",
				w.HostedFineTunes, e.will, e.when.Format("2006-01-02"), days(d)))
		}
	}
	return out
}

// days rounds a positive duration up to whole days, as people count them
// ("in 1 day" for anything up to 24 hours).
func days(d time.Duration) string {
	n := int(math.Ceil(d.Hours() / 24))
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}
