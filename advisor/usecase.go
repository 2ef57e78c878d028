package advisor

// UseCase is the profile of one proposed automation. Every field is optional:
// the zero value of an enum ("") and a nil pointer mean "unknown", and the
// rules then fall back to the stated priors in [Priors]. Pointers are used
// for numbers and booleans because 0 and false are real answers.
type UseCase struct {
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
	Department  string `json:"department,omitempty"`

	Task              Task           `json:"task,omitempty"`
	MonthlyVolume     *int           `json:"monthly_volume,omitempty"`
	MinutesPerTask    *float64       `json:"minutes_per_task,omitempty"`
	HourlyCost        *float64       `json:"hourly_cost,omitempty"`
	Accuracy          Accuracy       `json:"accuracy,omitempty"`
	HumanReview       *bool          `json:"human_review,omitempty"`
	Domain            Domain         `json:"domain,omitempty"`
	OutputConsistency Consistency    `json:"output_consistency,omitempty"`
	Knowledge         Knowledge      `json:"knowledge,omitempty"`
	CitationsRequired *bool          `json:"citations_required,omitempty"`
	LabeledExamples   *int           `json:"labeled_examples,omitempty"`
	PromptBaseline    PromptBaseline `json:"prompt_baseline,omitempty"`
	Latency           Latency        `json:"latency,omitempty"`
	DataSensitivity   Sensitivity    `json:"data_sensitivity,omitempty"`
	Regulated         *bool          `json:"regulated,omitempty"`
	MLSkill           Skill          `json:"ml_skill,omitempty"`
	Budget            *float64       `json:"budget,omitempty"`
	TimelineWeeks     *float64       `json:"timeline_weeks,omitempty"`
	RulesExpressible  *bool          `json:"rules_expressible,omitempty"`
	SelfHostingOK     *bool          `json:"self_hosting_ok,omitempty"`
}

// Limits on free text and numbers. They keep a profile small enough to store,
// render and send to a model, and catch typos such as an extra three zeros.
const (
	MaxTitleLen       = 200
	MaxDescriptionLen = 4000
	MaxDepartmentLen  = 100
	MaxMonthlyVolume  = 1_000_000_000 // a billion items a month
	MaxMinutesPerTask = 60 * 24 * 30  // a month of one person's time per item
	MaxHourlyCost     = 10_000
	MaxLabeledExample = 100_000_000
	MaxBudget         = 1e12
	MaxTimelineWeeks  = 520 // ten years
)

// Task is what the automation does.
type Task string

// Tasks.
const (
	TaskClassify  Task = "classify"
	TaskExtract   Task = "extract"
	TaskSummarize Task = "summarize"
	TaskDraft     Task = "draft"
	TaskAnswer    Task = "answer"
	TaskConverse  Task = "converse"
	TaskCode      Task = "code"
	TaskTranslate Task = "translate"
	TaskDecide    Task = "decide"
	TaskOther     Task = "other"
)

// Accuracy is the cost of a wrong output.
type Accuracy string

// Accuracy levels.
const (
	AccuracyLow      Accuracy = "low"
	AccuracyMedium   Accuracy = "medium"
	AccuracyHigh     Accuracy = "high"
	AccuracyCritical Accuracy = "critical"
)

// Domain is how far the task's language, jargon and formats are from general text.
type Domain string

// Domains.
const (
	DomainGeneral     Domain = "general"
	DomainSpecialized Domain = "specialized"
	DomainNiche       Domain = "niche"
)

// Consistency is the need for a fixed format, schema, tone or style.
type Consistency string

// Consistency levels.
const (
	ConsistencyFlexible   Consistency = "flexible"
	ConsistencyConsistent Consistency = "consistent"
	ConsistencyStrict     Consistency = "strict"
)

// Knowledge is the facts the task needs beyond its own input.
type Knowledge string

// Knowledge kinds.
const (
	KnowledgeNone            Knowledge = "none"
	KnowledgePublic          Knowledge = "public"
	KnowledgePrivateStatic   Knowledge = "private_static"
	KnowledgePrivateChanging Knowledge = "private_changing"
)

// PromptBaseline is whether prompting was measured on an eval set, and where it ended.
type PromptBaseline string

// Prompt baselines.
const (
	BaselineUntried    PromptBaseline = "untried"
	BaselineGoodEnough PromptBaseline = "good_enough"
	BaselinePlateaued  PromptBaseline = "plateaued"
)

// Latency is how fast an answer must come.
type Latency string

// Latencies.
const (
	LatencyBatch       Latency = "batch"
	LatencyInteractive Latency = "interactive"
	LatencyRealtime    Latency = "realtime"
)

// Sensitivity is the classification of the data the task touches.
type Sensitivity string

// Sensitivities.
const (
	SensitivityPublic       Sensitivity = "public"
	SensitivityInternal     Sensitivity = "internal"
	SensitivityConfidential Sensitivity = "confidential"
	SensitivityRestricted   Sensitivity = "restricted"
)

// Skill is the team's ability to run training, evals and MLOps.
type Skill string

// Skills.
const (
	SkillNone   Skill = "none"
	SkillSome   Skill = "some"
	SkillStrong Skill = "strong"
)

// numTasks is len(taskOptions), as a constant for array sizes.
const numTasks = 10

// Options for each enumerated field, in the order they are offered to people.
var (
	taskOptions        = []string{"classify", "extract", "summarize", "draft", "answer", "converse", "code", "translate", "decide", "other"}
	accuracyOptions    = []string{"low", "medium", "high", "critical"}
	domainOptions      = []string{"general", "specialized", "niche"}
	consistencyOptions = []string{"flexible", "consistent", "strict"}
	knowledgeOptions   = []string{"none", "public", "private_static", "private_changing"}
	baselineOptions    = []string{"untried", "good_enough", "plateaued"}
	latencyOptions     = []string{"batch", "interactive", "realtime"}
	sensitivityOptions = []string{"public", "internal", "confidential", "restricted"}
	skillOptions       = []string{"none", "some", "strong"}
	boolOptions        = []string{"yes", "no"}
)
