package advisor

// nextSteps are the first concrete steps for each approach, in approachOrder.
// Each begins with measurement, because every vendor's guidance does.
var nextSteps = [numApproaches][]string{
	iPrompt: {
		"Write down what a correct output looks like and collect 50-100 real examples as an eval set.",
		"Draft a prompt with clear instructions and a few worked examples; measure it on the eval set.",
		"Pin the model version and rerun the eval set whenever the model or prompt changes.",
		"Pilot with a small group, track cost per successful outcome, then widen.",
	},
	iRAG: {
		"List the sources the answers must come from, who owns each, and how often they change.",
		"Build an eval set of real questions with the passages that answer them.",
		"Index the sources, measure retrieval hit rate and answer accuracy, then tune chunking and prompts.",
		"Show the sources with every answer and set a process to keep the index current.",
	},
	iFT: {
		"Measure the best prompt you can write on an eval set first; fine-tune only if it falls short.",
		"Collect and clean at least 500 input-to-output examples; test with 50-100 before scaling.",
		"Choose where to train and host: Azure AI Foundry, Vertex AI, Bedrock, or an open-weight LoRA you own (OpenAI's self-serve fine-tuning is closing).",
		"Compare the tuned model with the prompted baseline on a held-out set, and plan retraining when the base model changes.",
	},
	iHybrid: {
		"Build the retrieval part first and measure it; add fine-tuning only where retrieval plus prompting still fails.",
		"Collect at least 500 examples of the format or behaviour retrieval cannot fix.",
		"Choose a platform that will still host the tuned model in 2027 (Azure AI Foundry, Vertex AI, Bedrock or open weights).",
		"Evaluate each half separately and together on one held-out set.",
	},
	iClassic: {
		"Write the rules or decision table down with the people who do the work today.",
		"Build it as rules, an RPA flow or a classic model on the structured fields, with tests for each rule.",
		"Send every case the rules cannot handle to a person, and count how often that happens.",
		"Review the exception rate monthly and update the rules.",
	},
	iManual: {
		"Keep the manual process and write down how long it takes, so a future case has real figures.",
		"Look for smaller wins: templates, checklists or a shared prompt people can use by hand.",
		"Ask again if the volume grows, the time per item rises or the stakes change.",
	},
}

// stepsFor returns the next steps for the chosen approach, adjusted to what
// the profile already says: no "measure prompting first" for a team that
// has, open weights first for a team that may self-host, and data approval
// first where restricted data would meet a language model. The result is
// the caller's to keep: it never shares the package's tables.
func stepsFor(f *facts, chosen int) []string {
	out := make([]string, 0, len(nextSteps[chosen])+1)
	if llmApproach(chosen) && f.sensitivity == SensitivityRestricted {
		if f.selfHost {
			out = append(out, "Choose an open-weight model to run in-house, so restricted data never leaves the company.")
		} else {
			out = append(out, "Get data-protection approval before any restricted data goes to a hosted model.")
		}
	}
	out = append(out, nextSteps[chosen]...)
	n := len(out) - len(nextSteps[chosen]) // where the approach's own steps start
	if chosen == iFT && f.baseline == BaselinePlateaued {
		out[n] = "Keep the eval set from your prompting work as the yardstick the tuned model must beat."
	}
	if (chosen == iFT || chosen == iHybrid) && f.selfHost {
		out[n+2] = "Tune an open-weight model with LoRA and host it yourself or on a serverless LoRA host: the adapter is yours and no vendor can retire it."
	}
	return out
}

// llmApproach reports whether approach i runs on a language model.
func llmApproach(i int) bool { return i == iPrompt || i == iRAG || i == iFT || i == iHybrid }

// baseRisks are the standing risks of each approach, in approachOrder.
var baseRisks = [numApproaches]string{
	iPrompt:  "Model updates can change behaviour: pin the version and rerun the eval set on every change.",
	iRAG:     "Retrieval reduces but does not remove wrong answers, and stale documents give stale answers: measure accuracy and keep sources owned.",
	iFT:      "Fine-tuning on poor data makes the model worse, and hosted fine-tunes stop when their base model retires (OpenAI's deprecations page lists gpt-4o, gpt-4o-mini, gpt-4.1 and gpt-4.1-mini for shutdown on 2027-01-14).",
	iHybrid:  "Two systems to maintain: the index must stay current and the tuned model must be retrained when its base model retires.",
	iClassic: "Rules break quietly when inputs change (new formats, changed screens for RPA): monitor the share of cases sent to people.",
	iManual:  "The manual cost stays, and grows with volume.",
}

// risks lists the chosen approach's standing risk and the risks the profile
// itself raises.
func risks(f *facts, chosen int) []string {
	out := make([]string, 0, 6)
	out = append(out, baseRisks[chosen])
	automated := chosen != iManual
	if automated && f.accuracy == AccuracyCritical && !f.review {
		out = append(out, "Errors are very costly and outputs would go live unchecked: add human review or a confidence threshold that routes doubtful cases to a person.")
	}
	if llmApproach(chosen) && f.sensitivity == SensitivityRestricted {
		if f.selfHost {
			out = append(out, "Restricted data: run an open-weight model in-house so the data never leaves, and evaluate it as carefully as a hosted one.")
		} else {
			out = append(out, "Restricted data would leave the company for a hosted model: get data-protection approval first, or run an open-weight model in-house.")
		}
	}
	if automated && f.regulated {
		out = append(out, "Regulated use: keep an audit trail of inputs, outputs and sources, and document how the system was tested.")
	}
	if (chosen == iFT || chosen == iHybrid) && !f.selfHost {
		out = append(out, "Vendor availability: OpenAI's self-serve fine-tuning is closed to new customers since 2026-05-07 and to all from 2027-01-06; choose a platform that still offers it.")
	}
	if !f.isKnown(FieldMonthlyVolume) || !f.isKnown(FieldMinutesPerTask) || !f.isKnown(FieldHourlyCost) {
		out = append(out, "The ROI uses default volume, time per item or hourly cost; answer those for figures you can rely on.")
	}
	return out
}
