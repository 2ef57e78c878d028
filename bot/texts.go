package bot

// The engine's own sentences. Layouts (how a question or a card looks) are
// each adapter's business; these are the words every adapter shows.
const (
	msgWelcome = "Hi! Tell me what you would like to automate, in a few sentences: what the work is, " +
		"roughly how many items a month and how long each takes. I'll ask a few questions, then recommend " +
		"an approach with its ROI."
	msgRestarted     = "Starting over. Tell me what you would like to automate."
	msgResume        = "Welcome back. We were in the middle of an assessment; here is where we stopped:"
	msgResumeAdvised = "Welcome back. Say \"why?\", \"show roi\" or \"what if the volume is 50k?\" about the last assessment, or \"restart\" for a new one."
	msgFeedback      = "Was this helpful? And when your team decides, tell me what you chose (for example \"we chose rag\")."
	msgThanks        = "Thanks, noted. Say \"restart\" to assess another use case."
	msgAfterAdvice   = "Say \"why?\", \"show roi\", \"what if the volume is 50k?\", \"helpful\", \"not helpful\", " +
		"\"we chose <approach>\", or \"restart\" for a new assessment."
	msgStaleClick   = "That question has already been answered."
	msgAlreadyNoted = "You already told me that for this assessment; I have it noted."
	msgNewCase      = "That sounds like a new use case. Say \"restart\" and describe it, and I'll assess it."
	msgRecGone      = "That assessment is no longer stored (assessments are kept for a limited time). Tell me what you would like to automate and I'll assess it afresh."
	msgROISoFar     = "An estimate from your answers so far; it may change as you answer the rest."
	msgNoRecYet     = "There is no recommendation yet; answer the questions first, or say \"skip\" to move on."
	msgWhyQuestion  = "With what I know so far I lean to %s, but it holds in only %d%% of the situations your answers still allow. " +
		"This question (%s) is the one expected to settle that most. Say \"skip\" if you don't know."
	msgWhyConfirm       = "I read these from your description. If one of them is wrong the advice could change, so please check them once. Say yes if they are right."
	msgWhatIfUsage      = "Ask it like this: \"what if the volume is 50k?\" or \"what if labeled examples were 2000?\""
	msgWhatIfField      = "I don't know which field %q is. Try volume, minutes, rate, examples, budget, timeline, or a field name such as knowledge or accuracy."
	msgInternal         = "Sorry, something went wrong on my side. Please try again in a moment."
	msgConfirm          = "I read: %s. Right? Say yes, or correct any of them (for example \"%s\")."
	msgWhichWrong       = "Which one is wrong? Type the right value, for example \"%s\"."
	msgRightValue       = "What is the right value? Type it, for example \"%s\"."
	msgCorrectionUnread = "I couldn't tell which value that corrects. Name it and give the right value, for example \"%s\", or say yes if they are right."
	msgNoSpace          = "Sorry, I can't store anything right now (the server is short of disk space), so I can't take this on. " +
		"What you told me before is safe. Please try again later; the people who run me have been told."
	msgHelp = "I help you decide how to automate a task: prompt engineering, retrieval (RAG), fine-tuning, " +
		"a hybrid, classic automation, or keeping it manual, with the ROI of each.\n" +
		"Describe the work and answer a few questions (\"skip\" any you can't). Then you can say:\n" +
		"  why?             the reasons behind the recommendation\n" +
		"  what if X is Y?  re-run with one answer changed, e.g. \"what if the volume is 50k?\"\n" +
		"  show roi         the ROI of every approach\n" +
		"  restart          start a new assessment\n" +
		"  help             this message"
)
