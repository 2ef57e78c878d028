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
	msgSlowDown     = "You're sending messages faster than I can answer them well, so I'm setting the latest aside. Wait a minute, then carry on."
	msgDayFull      = "You've sent me more text today than I keep for one person, so I'm setting new messages aside until tomorrow (UTC). Your assessments so far are safe."
	msgCut          = "Your message was long, so I read only its first %d bytes (about a page); the rest was not kept."
	msgOldCard      = "That button belongs to an earlier assessment, which stays as it was."
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
		"  restart          start a new assessment (\"new <description>\" starts one with its description)\n" +
		"  history          your recent assessments (privately)\n" +
		"  forget me        delete everything kept about you, outcomes included (privately)\n" +
		"  help             this message"

	msgNotForYou      = "Sorry, advisorbot is not available to you here. Ask your administrator to add you."
	msgNotHere        = "Sorry, advisorbot does not answer here. Ask your administrator to allow this channel, or message me directly."
	msgNotYours       = "This assessment belongs to the person who started it, so only they can answer it. Message me directly or mention me in a new thread to start your own."
	msgPrivateOnly    = "For your privacy I answer that only where you alone can read it: message me directly and say it there."
	msgHistoryFailed  = "Sorry, I could not read your history just now."
	msgUnknownCommand = "I don't know the command %q. I know help, history, forget me, new <description>, roi <volume, minutes, hourly cost> and, for admins, summary."
	msgAdminsOnly     = "The summary preview is for the bot's admins, whom the operator lists (ADMIN_USERS in Slack, TEAMS_ADMIN_USERS in Teams)."
	msgSummaryPreview = "Preview of the weekly summary, %s so far"
	msgSummaryFailed  = "Sorry, I could not build the summary just now."
	msgNoHistory      = "You have no assessments yet. Describe a use case to me to start one."
	msgForgetQuestion = "This deletes every conversation, assessment, piece of feedback and reported outcome of yours. It cannot be undone."
	msgForgotten      = "Done: every conversation, assessment, piece of feedback and reported outcome of yours is deleted."
	msgForgetFailed   = "Sorry, I could not delete your data just now; please try again."

	msgQuickROI       = "%s looks best (confidence %.0f%%). For a full assessment, describe the use case to me in a direct message."
	msgQuickROIUnread = "I could not read: %s. Try: 20k a month, 6 min each, $45/h (or volume=20000 minutes=6 rate=45 task=classify)."

	// MsgInterrupted stands in for an explanation cut off by shutdown.
	MsgInterrupted = "I was interrupted before I could explain this; say \"why?\" for the reasons."
)
