package advisor

// Approach is one way to automate a use case.
type Approach string

// The six approaches, with their JSON names.
const (
	PromptEngineering Approach = "prompt_engineering"
	RAG               Approach = "rag"
	FineTuning        Approach = "fine_tuning"
	Hybrid            Approach = "hybrid" // fine-tuning plus retrieval
	ClassicAutomation Approach = "classic_automation"
	KeepManual        Approach = "keep_manual"
)

// numApproaches sizes the fixed arrays that keep scoring allocation-free.
const numApproaches = 6

// approachOrder is the stable order of approaches in rankings and tables;
// ties in score go to the earlier (simpler, cheaper to start) approach.
var approachOrder = [numApproaches]Approach{PromptEngineering, RAG, FineTuning, Hybrid, ClassicAutomation, KeepManual}

// Approaches returns the six approaches in their stable order.
func Approaches() []Approach {
	out := make([]Approach, numApproaches)
	copy(out, approachOrder[:])
	return out
}

// index returns the position of a in approachOrder, or -1.
func (a Approach) index() int {
	for i, b := range approachOrder {
		if a == b {
			return i
		}
	}
	return -1
}

// Valid reports whether a is one of the six approaches.
func (a Approach) Valid() bool { return a.index() >= 0 }

// Label is the approach's name for people.
func (a Approach) Label() string {
	switch a {
	case PromptEngineering:
		return "Prompt engineering"
	case RAG:
		return "Retrieval-augmented generation (RAG)"
	case FineTuning:
		return "Fine-tuning"
	case Hybrid:
		return "Fine-tuning plus retrieval (hybrid)"
	case ClassicAutomation:
		return "Classic automation (rules, RPA or classic ML)"
	case KeepManual:
		return "Keep it manual"
	}
	return string(a)
}

// Short is the approach's name for people where space is tight, such as a
// table's first column.
func (a Approach) Short() string {
	switch a {
	case PromptEngineering:
		return "Prompting"
	case RAG:
		return "Retrieval (RAG)"
	case FineTuning:
		return "Fine-tuning"
	case Hybrid:
		return "Fine-tuning + retrieval"
	case ClassicAutomation:
		return "Classic automation"
	case KeepManual:
		return "Keep it manual"
	}
	return string(a)
}

const (
	iPrompt = iota
	iRAG
	iFT
	iHybrid
	iClassic
	iManual
)
