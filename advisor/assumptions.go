package advisor

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Assumption is one default of the ROI model: a value with its unit, the
// date its source states and the source itself. Prices move, so every
// figure a recommendation uses is reported with its date.
type Assumption struct {
	Name   string  `json:"name"`
	Value  float64 `json:"value"`
	Unit   string  `json:"unit"`
	AsOf   string  `json:"as_of"`
	Source string  `json:"source"`
	// Outcomes is how many reported outcomes the figure was learnt from
	// (advisorbot calibrate), and 0 for any other figure; its Source then
	// cites it as the company's own (see [CompanySource]).
	Outcomes int `json:"outcomes,omitempty"`
}

// Assumptions is the full set of ROI defaults. Build it with
// [DefaultAssumptions] and change it with [Assumptions.Set] or
// [ParseAssumptions]; the zero value is not usable.
type Assumptions struct {
	list [numAssumptions]Assumption
}

// assumptionID indexes Assumptions.list; an array index keeps lookups on the
// hot path of the planner free of maps and allocations.
type assumptionID int

const (
	aLargeIn assumptionID = iota
	aLargeOut
	aSmallIn
	aSmallOut
	aTinyIn
	aTinyOut
	aTrainSmall
	aTrainTiny
	aFTTokenMultiplier
	aFTHostingPerHour
	aHoursPerMonth
	aFTEpochs
	aSearchMonthly
	aDayRate
	aLabelGeneral
	aLabelExpert
	aExamplesProduction
	aExamplesNewSkill
	aBuildPrompt
	aBuildRAG
	aBuildFT
	aBuildHybrid
	aBuildClassic
	aMaintPrompt
	aMaintRAG
	aMaintFT
	aMaintHybrid
	aMaintClassic
	aClassicRun
	aRetrainsPerYear
	aRetrainDays
	aAutomationShare
	aReviewShare
	aPromptTokens
	aRAGContextTokens
	aFTPromptTokens
	aPriorVolume
	aPriorMinutes
	aPriorHourly
	aGPUHour
	aLoRATrainHours
	aTaskTokens    // per task: input tokens at aTaskTokens+2*t, output at +2*t+1
	numAssumptions = aTaskTokens + 2*numTasks
)

// Where the figures come from. Figures marked "advisorbot estimate" have no
// published source; they are our planning numbers and the first thing a team
// should replace with its own in an assumptions file.
const (
	srcOpenAIPrices  = "OpenAI pricing page as summarised at https://deploybase.ai/articles/openai-pricing (GPT-4.1 family; these models retire on 2027-01-14, so override with your model's prices)"
	srcOpenAIFT      = "https://developers.openai.com/api/docs/pricing (fine-tuning training price; used as the reference for hosted training)"
	srcAzureFTCost   = "https://learn.microsoft.com/azure/ai-foundry/openai/how-to/fine-tuning-cost-management"
	srcAzureSearch   = "Azure AI Search Basic tier in Microsoft's Foundry-Agent-Solution-Templates cost sheet (https://raw.githubusercontent.com/microsoft/Foundry-Agent-Solution-Templates/main/enterprise-knowledge-agent/docs/cost.md)"
	srcSalary        = "AI engineer mid band $140-220K (https://www.aipaycheck.io/blog/prompt-engineer-vs-ai-engineer-compensation) x 1.3 loaded (https://www.martingoetzinger.com/pages/ai-productivity-roi-calculator) / 234 working days"
	srcLabel         = "https://www.pccvdi.com/insights/ai-training-data-cost-benchmarks-2026 (multi-step judgment $0.80-3.00, expert $5-20 per item)"
	srcExamples      = "https://learn.microsoft.com/azure/ai-foundry/concepts/fine-tuning-overview (50-100 to test, 500+ for production)"
	srcExamplesSkill = "https://learn.microsoft.com/azure/ai-services/openai/how-to/fine-tuning-troubleshoot (hundreds to thousands for a new skill)"
	srcTokens        = "worked example in advisorbot's knowledge base (roi-model), after https://aiapiprices.com/blog/how-to-estimate-llm-api-costs"
	srcEstimate      = "advisorbot estimate"
	srcRetire        = "https://developers.openai.com/api/docs/deprecations (GA models get at least 6 months' notice; base-model retirements end fine-tunes)"
	srcBLS           = "advisorbot prior: typical loaded cost of an office hour in the US; replace with your own"
)

var defaultAssumptions = withTaskTokens(fromDefs([numAssumptions]assumptionDef{
	aLargeIn:            {"price_large_input", 2.00, "USD per 1M tokens", "2026-03-01", srcOpenAIPrices + "; gpt-4.1 input"},
	aLargeOut:           {"price_large_output", 8.00, "USD per 1M tokens", "2026-03-01", srcOpenAIPrices + "; gpt-4.1 output"},
	aSmallIn:            {"price_small_input", 0.40, "USD per 1M tokens", "2026-03-01", srcOpenAIPrices + "; gpt-4.1-mini input"},
	aSmallOut:           {"price_small_output", 1.60, "USD per 1M tokens", "2026-03-01", srcOpenAIPrices + "; gpt-4.1-mini output"},
	aTinyIn:             {"price_tiny_input", 0.10, "USD per 1M tokens", "2026-03-01", srcOpenAIPrices + "; gpt-4.1-nano input, a price class: the model itself shut down on 2026-10-23"},
	aTinyOut:            {"price_tiny_output", 0.40, "USD per 1M tokens", "2026-03-01", srcOpenAIPrices + "; gpt-4.1-nano output, a price class: the model itself shut down on 2026-10-23"},
	aTrainSmall:         {"training_price_small", 5.00, "USD per 1M training tokens", "2026-11-01", srcOpenAIFT + "; gpt-4.1-mini"},
	aTrainTiny:          {"training_price_tiny", 1.50, "USD per 1M training tokens", "2026-11-01", srcOpenAIFT + "; gpt-4.1-nano"},
	aFTTokenMultiplier:  {"finetuned_token_multiplier", 1.0, "x base token price", "2026-02-11", srcAzureFTCost + " (Azure bills a fine-tuned deployment at the base model's token rate plus hosting; OpenAI charged 1.5-2x)"},
	aFTHostingPerHour:   {"finetuned_hosting_per_hour", 1.70, "USD per hour", "2026-02-11", srcAzureFTCost + " (Standard deployment; $0 on Vertex AI and Fireworks serverless)"},
	aHoursPerMonth:      {"hours_per_month", 730, "hours", "2026-02-11", srcAzureFTCost},
	aFTEpochs:           {"training_epochs", 3, "epochs", "2026-11-01", srcTokens},
	aSearchMonthly:      {"search_service_monthly", 73, "USD per month", "2026-11-01", srcAzureSearch},
	aDayRate:            {"engineer_day_rate", 1000, "USD per day", "2026-04-04", srcSalary},
	aLabelGeneral:       {"labeling_per_example", 3, "USD per example", "2026-11-01", srcLabel},
	aLabelExpert:        {"labeling_per_example_expert", 12.5, "USD per example", "2026-11-01", srcLabel},
	aExamplesProduction: {"examples_for_production", 500, "examples", "2025-07-14", srcExamples},
	aExamplesNewSkill:   {"examples_for_new_skill", 1000, "examples", "2026-11-01", srcExamplesSkill},
	aBuildPrompt:        {"build_days_prompt_engineering", 10, "engineer days", "2026-11-27", srcEstimate + " (prompt, eval set of 50-100 cases, integration)"},
	aBuildRAG:           {"build_days_rag", 25, "engineer days", "2026-11-27", srcEstimate + " (ingestion, chunking, index, retrieval evals, integration)"},
	aBuildFT:            {"build_days_fine_tuning", 30, "engineer days", "2026-11-27", srcEstimate + " (prompt baseline and evals first, data pipeline, training runs, comparison)"},
	aBuildHybrid:        {"build_days_hybrid", 45, "engineer days", "2026-11-27", srcEstimate + " (both of the above, sharing the eval set)"},
	aBuildClassic:       {"build_days_classic_automation", 20, "engineer days", "2026-11-27", srcEstimate + " (a moderate rule set, RPA flow or classic model, with tests; scaled by the complexity the profile implies, 0.3x for routing on form fields)"},
	aMaintPrompt:        {"upkeep_days_prompt_engineering", 0.5, "engineer days per month", "2026-11-27", srcEstimate},
	aMaintRAG:           {"upkeep_days_rag", 2, "engineer days per month", "2026-11-27", srcEstimate + " (keeping the index and sources current)"},
	aMaintFT:            {"upkeep_days_fine_tuning", 1.5, "engineer days per month", "2026-11-27", srcEstimate + " (monitoring drift, refreshing data)"},
	aMaintHybrid:        {"upkeep_days_hybrid", 3, "engineer days per month", "2026-11-27", srcEstimate},
	aMaintClassic:       {"upkeep_days_classic_automation", 1, "engineer days per month", "2026-11-27", srcEstimate + " (rule changes, broken selectors)"},
	aClassicRun:         {"classic_run_monthly", 200, "USD per month", "2026-11-27", srcEstimate + " (servers or RPA runtime)"},
	aRetrainsPerYear:    {"retrains_per_year", 1, "retrains per year", "2026-10-01", srcRetire},
	aRetrainDays:        {"retrain_days", 5, "engineer days per retrain", "2026-11-27", srcEstimate},
	aAutomationShare:    {"automation_share", 0.7, "share of items handled without a person", "2026-11-27", srcEstimate + " (a well-fitted approach; lowered when the approach cannot reach the facts the task needs)"},
	aReviewShare:        {"review_share", 0.3, "share of the manual time a review takes", "2026-11-27", srcEstimate},
	aPromptTokens:       {"prompt_tokens", 1500, "tokens per request", "2026-11-01", srcTokens + " (instructions and few-shot examples)"},
	aRAGContextTokens:   {"retrieved_context_tokens", 4000, "tokens per request", "2026-11-01", srcTokens + " (retrieved context is often 2-10K tokens)"},
	aFTPromptTokens:     {"finetuned_prompt_tokens", 300, "tokens per request", "2026-11-01", srcTokens + " (a fine-tuned model needs a short prompt)"},
	aPriorVolume:        {"prior_monthly_volume", 1000, "items per month", "2026-11-27", srcEstimate + " (used until monthly_volume is answered)"},
	aPriorMinutes:       {"prior_minutes_per_task", 5, "minutes per item", "2026-11-27", srcEstimate + " (used until minutes_per_task is answered)"},
	aPriorHourly:        {"prior_hourly_cost", 45, "USD per hour", "2026-11-27", srcBLS + " (used until hourly_cost is answered)"},
	aGPUHour:            {"gpu_hour", 1.49, "USD per GPU hour", "2026-05-01", "A100 80GB rental at one specialty cloud, https://jarvislabs.ai/blog/h100-vs-a100 (market range $0.80-3.00)"},
	aLoRATrainHours:     {"lora_training_gpu_hours", 12, "GPU hours per training run", "2026-11-01", "LoRA on a 7-8B model with a few thousand examples trains overnight on one GPU, https://gigagpu.com/fine-tune-llama-3-8b-lora-gpu-guide/"},
}))

// assumptionDef is a default as the table above writes it: no default
// is learnt from outcomes.
type assumptionDef struct {
	Name       string
	Value      float64
	Unit, AsOf string
	Source     string
}

func fromDefs(defs [numAssumptions]assumptionDef) Assumptions {
	var a Assumptions
	for i, d := range defs {
		a.list[i] = Assumption{Name: d.Name, Value: d.Value, Unit: d.Unit, AsOf: d.AsOf, Source: d.Source}
	}
	return a
}

// taskTokens are the typical tokens of one item's input and of its output,
// per task, in taskOptions order: a ticket to classify is short and its label
// shorter, a document to summarize is long.
var taskTokens = [numTasks][2]float64{
	{300, 20},   // classify
	{1000, 300}, // extract
	{3000, 400}, // summarize
	{500, 600},  // draft
	{200, 400},  // answer
	{1500, 300}, // converse (history included)
	{1500, 600}, // code
	{800, 900},  // translate
	{800, 100},  // decide
	{800, 400},  // other
}

func withTaskTokens(a Assumptions) Assumptions {
	for t, name := range taskOptions {
		a.list[int(aTaskTokens)+2*t] = Assumption{Name: "input_tokens_" + name, Value: taskTokens[t][0], Unit: "tokens per item", AsOf: "2026-11-27", Source: srcEstimate + " (the item itself, before any prompt)"}
		a.list[int(aTaskTokens)+2*t+1] = Assumption{Name: "output_tokens_" + name, Value: taskTokens[t][1], Unit: "tokens per item", AsOf: "2026-11-27", Source: srcEstimate}
	}
	return a
}

// taskIndex returns the position of t in taskOptions, or that of "other".
func taskIndex(t Task) int {
	for i, o := range taskOptions {
		if string(t) == o {
			return i
		}
	}
	return len(taskOptions) - 1
}

func (a *Assumptions) itemTokens(t Task) (in, out float64) {
	i := aTaskTokens + 2*assumptionID(taskIndex(t))
	return a.list[i].Value, a.list[i+1].Value
}

// DefaultAssumptions returns the built-in ROI defaults.
func DefaultAssumptions() Assumptions { return defaultAssumptions }

func (a *Assumptions) v(id assumptionID) float64 { return a.list[id].Value }

// List returns every assumption in a stable order.
func (a *Assumptions) List() []Assumption {
	out := make([]Assumption, numAssumptions)
	copy(out, a.list[:])
	return out
}

// Names lists the names an assumptions file may set.
func (a *Assumptions) Names() []string {
	out := make([]string, numAssumptions)
	for i := range a.list {
		out[i] = a.list[i].Name
	}
	return out
}

// maxAssumption caps every assumption. No real price, rate or count comes
// near it, and with it every ROI figure stays finite for every valid profile.
const maxAssumption = 1e9

// Set replaces the named assumption's value. asOf and source describe the
// new figure; empty means "set by the user" with no date. Shares must lie in
// [0, 1]; every other value must be finite and not negative.
func (a *Assumptions) Set(name string, value float64, asOf, source string) error {
	for i := range a.list {
		if a.list[i].Name != name {
			continue
		}
		if math.IsNaN(value) || math.IsInf(value, 0) || value < 0 {
			return Problem{name, fmt.Sprintf("must be a finite number of 0 or more (%s), not %v", a.list[i].Unit, value)}.asError()
		}
		if value > maxAssumption {
			return Problem{name, fmt.Sprintf("must be at most %s (%s), not %v; check the unit", formatNumber(maxAssumption), a.list[i].Unit, value)}.asError()
		}
		if strings.HasSuffix(name, "_share") && value > 1 {
			return Problem{name, fmt.Sprintf("is a share and must be between 0 and 1, not %v", value)}.asError()
		}
		if source == "" {
			source = "assumptions file"
		}
		a.list[i].Value, a.list[i].AsOf, a.list[i].Source, a.list[i].Outcomes = value, asOf, source, 0
		return nil
	}
	return Problem{name, "is not a known assumption; known names are " + strings.Join(a.Names(), ", ")}.asError()
}

// SetFromOutcomes is [Assumptions.Set] for a figure learnt from n reported
// outcomes (n >= 1): its source becomes [CompanySource](n, note).
func (a *Assumptions) SetFromOutcomes(name string, value float64, asOf string, n int, note string) error {
	if n < 1 {
		return Problem{name, fmt.Sprintf("outcomes must be a whole number of 1 or more, not %d", n)}.asError()
	}
	if err := a.Set(name, value, asOf, CompanySource(n, note)); err != nil {
		return err
	}
	for i := range a.list {
		if a.list[i].Name == name {
			a.list[i].Outcomes = n
		}
	}
	return nil
}

// CompanySource is how a figure learnt from n of the company's own
// outcomes is cited, in place of "advisorbot estimate": "your company's
// figure from 12 outcomes", then note in brackets when there is one. A
// note that is itself such a citation (a file written by calibrate, or
// one whose count was edited) gives its bracketed note, so the count
// cited is always n.
func CompanySource(n int, note string) string {
	s := companyPrefix + strconv.Itoa(n) + " outcomes"
	if n == 1 {
		s = companyPrefix + "1 outcome"
	}
	if rest, ok := strings.CutPrefix(note, companyPrefix); ok {
		rest = strings.TrimLeft(rest, "0123456789")
		rest = strings.TrimPrefix(strings.TrimPrefix(rest, " outcomes"), " outcome")
		if inner, ok := strings.CutPrefix(rest, " ("); ok && strings.HasSuffix(inner, ")") {
			note = strings.TrimSuffix(inner, ")")
		} else if rest == "" {
			note = ""
		}
	}
	if note == "" {
		return s
	}
	return s + " (" + note + ")"
}

const companyPrefix = "your company's figure from "

func (p Problem) asError() error { return Problems{p} }

// ParseAssumptions applies the overrides in a JSON object to the defaults.
// Each key is an assumption name; its value is either a number or an object
// {"value": n, "as_of": "YYYY-MM-DD", "source": "...", "outcomes": n}, where
// outcomes, when present, says the figure was learnt from that many of the
// company's outcomes and makes it cited so (see [Assumptions.SetFromOutcomes]).
// Every problem is reported, one per key.
func ParseAssumptions(data []byte) (Assumptions, error) {
	a := DefaultAssumptions()
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return a, Problems{{Message: "the assumptions file is not a JSON object of name: value pairs: " + jsonErrorText(err)}}
	}
	var ps Problems
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		var d struct {
			Value    *float64 `json:"value"`
			AsOf     string   `json:"as_of"`
			Source   string   `json:"source"`
			Outcomes *int     `json:"outcomes"`
		}
		msg := bytes.TrimSpace(raw[k])
		if len(msg) > 0 && msg[0] == '{' {
			dec := json.NewDecoder(bytes.NewReader(msg))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&d); err != nil || d.Value == nil {
				ps = append(ps, Problem{k, `must be a number or {"value": n, "as_of": "YYYY-MM-DD", "source": "...", "outcomes": n}`})
				continue
			}
		} else {
			var x float64
			if err := json.Unmarshal(msg, &x); err != nil {
				ps = append(ps, Problem{k, "must be a number, for example 0.4"})
				continue
			}
			d.Value = &x
		}
		var err error
		if d.Outcomes != nil {
			err = a.SetFromOutcomes(k, *d.Value, d.AsOf, *d.Outcomes, d.Source)
		} else {
			err = a.Set(k, *d.Value, d.AsOf, d.Source)
		}
		if err != nil {
			ps = append(ps, ProblemsOf(err)...)
		}
	}
	if len(ps) > 0 {
		return a, ps
	}
	return a, nil
}
