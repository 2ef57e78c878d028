package store

import (
	"maps"

	"github.com/advisorbot/advisorbot/advisor"
)

// addRecommendation counts r into its week's stats.
func (w *WeekStats) addRecommendation(r Recommendation) {
	w.init()
	w.Assessments++
	w.ByApproach[r.Result.Approach]++
	dept := department(r.Department)
	w.ByDepartment[dept]++
	if roi, ok := r.Result.ROI[r.Result.Approach]; ok {
		w.NetMonthly += roi.NetMonthly
		w.NetByDept[dept] += roi.NetMonthly
	}
}

// addFeedback counts f, given on a recommendation that advised advised.
func (w *WeekStats) addFeedback(f Feedback, advised advisor.Approach) {
	w.init()
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
	w.ByDepartment = maps.Clone(w.ByDepartment)
	w.NetByDept = maps.Clone(w.NetByDept)
	w.Chosen = maps.Clone(w.Chosen)
	w.ChosenVsAdvised = maps.Clone(w.ChosenVsAdvised)
	return w
}

func (w *WeekStats) init() {
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
