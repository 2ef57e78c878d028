package store

import (
	"maps"
	"slices"

	"github.com/advisorbot/advisorbot/advisor"
)

// AddAssessment counts r into its week's stats. Every Store
// implementation keeps its aggregates with these methods, so they count
// alike.
func (w *WeekStats) AddAssessment(r Assessment) {
	w.Init()
	w.Assessments++
	w.ByApproach[r.Result.Approach]++
	dept := department(r.Department)
	w.ByDepartment[dept]++
	if roi, ok := r.Result.ROI[r.Result.Approach]; ok {
		w.NetMonthly += roi.NetMonthly
		w.NetByDept[dept] += roi.NetMonthly
		if roi.ROI12.Valid {
			w.addTop(TopRec{ID: r.ID, ROI12: roi.ROI12.Value})
		}
	}
	if (r.Result.Approach == advisor.FineTuning || r.Result.Approach == advisor.Hybrid) &&
		(r.Profile.SelfHostingOK == nil || !*r.Profile.SelfHostingOK) {
		w.HostedFineTunes++
	}
}

// topKeep is how many of a week's best assessments are kept: the summary
// shows five, and some may have been forgotten since.
const topKeep = 10

// addTop keeps the best topKeep entries, best first.
func (w *WeekStats) addTop(t TopRec) {
	w.Top = slices.DeleteFunc(w.Top, func(x TopRec) bool { return x.ID == t.ID })
	i, _ := slices.BinarySearchFunc(w.Top, t, func(x, y TopRec) int {
		switch {
		case x.ROI12 > y.ROI12:
			return -1
		case x.ROI12 < y.ROI12:
			return 1
		}
		return 0
	})
	w.Top = slices.Insert(w.Top, i, t)
	if len(w.Top) > topKeep {
		w.Top = w.Top[:topKeep]
	}
}

// AddFeedback counts f, given on a recommendation that advised advised.
func (w *WeekStats) AddFeedback(f Feedback, advised advisor.Approach) {
	w.Init()
	if f.Helpful != nil {
		if *f.Helpful {
			w.Helpful++
		} else {
			w.NotHelpful++
		}
	}
	if f.Chosen != "" {
		w.Chosen[f.Chosen]++
		w.ChosenVsAdvised[string(advised)+"->"+string(f.Chosen)]++
	}
}

// clone copies w's maps, so the copy can be read while w is updated.
func (w WeekStats) clone() WeekStats {
	w.ByApproach = maps.Clone(w.ByApproach)
	w.Top = slices.Clone(w.Top)
	w.ByDepartment = maps.Clone(w.ByDepartment)
	w.NetByDept = maps.Clone(w.NetByDept)
	w.Chosen = maps.Clone(w.Chosen)
	w.ChosenVsAdvised = maps.Clone(w.ChosenVsAdvised)
	return w
}

// Init makes w's maps non-nil, so a week without records reads as zero
// counts rather than nil maps.
func (w *WeekStats) Init() {
	if w.ByApproach == nil {
		w.ByApproach = map[advisor.Approach]int{}
	}
	if w.ByDepartment == nil {
		w.ByDepartment = map[string]int{}
	}
	if w.NetByDept == nil {
		w.NetByDept = map[string]float64{}
	}
	if w.Chosen == nil {
		w.Chosen = map[advisor.Approach]int{}
	}
	if w.ChosenVsAdvised == nil {
		w.ChosenVsAdvised = map[string]int{}
	}
}

// department names the department of an assessment, "unknown" when none
// was given, so the counts add up.
func department(d string) string {
	if d == "" {
		return "unknown"
	}
	return d
}

// Merge adds o's counts into w, for bulk imports.
func (w *WeekStats) Merge(o *WeekStats) {
	w.Init()
	w.Assessments += o.Assessments
	w.NetMonthly += o.NetMonthly
	w.HostedFineTunes += o.HostedFineTunes
	for k, v := range o.ByApproach {
		w.ByApproach[k] += v
	}
	for k, v := range o.ByDepartment {
		w.ByDepartment[k] += v
	}
	for k, v := range o.NetByDept {
		w.NetByDept[k] += v
	}
	// addTop puts a new entry before its equals (newest first); adding o's
	// entries last to first keeps their order.
	for i := len(o.Top) - 1; i >= 0; i-- {
		w.addTop(o.Top[i])
	}
}
