package calendar

import (
	"math"
	"slices"

	"tend/backend"
)

// MixTolerance is how many points a tier's share may stray from its target before the mix report
// flags it.
const MixTolerance = 5

// Counts reports whether p counts towards cadence and mix: it is dated and neither an idea, nor
// failed, nor missed (those did not or will not go out at their time).
func Counts(p backend.CalendarPost) bool {
	if p.ScheduledAt == nil {
		return false
	}
	switch p.Status {
	case backend.PostIdea, backend.PostFailed, backend.PostMissed:
		return false
	}
	return true
}

// Cadence measures posts (those of one week) against each target.
func Cadence(posts []backend.CalendarPost, targets []backend.CadenceTarget) []backend.CadenceProgress {
	out := make([]backend.CadenceProgress, 0, len(targets))
	for _, t := range targets {
		item := backend.CadenceProgress{Format: t.Format, Channel: t.Channel, Target: t.PerWeek}
		for _, p := range posts {
			if !Counts(p) || p.Format != t.Format || (t.Channel != "" && !slices.Contains(p.Channels, t.Channel)) {
				continue
			}
			item.Planned++
			if p.Status == backend.PostPublished {
				item.Published++
			}
		}
		item.Gap = max(0, t.PerWeek-item.Planned)
		item.Met = item.Gap == 0
		out = append(out, item)
	}
	return out
}

// Mix measures posts (those of one month) against target.
func Mix(posts []backend.CalendarPost, target backend.MixTarget) (backend.MixCounts, int, backend.MixTarget, []backend.MixTier) {
	var counts backend.MixCounts
	for _, p := range posts {
		if !Counts(p) {
			continue
		}
		switch p.Tier {
		case backend.TierCore:
			counts.Core++
		case backend.TierExperiment:
			counts.Experiment++
		case backend.TierHighRisk:
			counts.HighRisk++
		}
	}
	total := counts.Core + counts.Experiment + counts.HighRisk
	var shares backend.MixTarget
	off := []backend.MixTier{}
	if total == 0 {
		return counts, 0, shares, off
	}
	share := func(n int) int { return int(math.Round(100 * float64(n) / float64(total))) }
	shares = backend.MixTarget{Core: share(counts.Core), Experiment: share(counts.Experiment), HighRisk: share(counts.HighRisk)}
	for _, c := range []struct {
		tier        backend.MixTier
		got, wanted int
	}{{backend.TierCore, shares.Core, target.Core}, {backend.TierExperiment, shares.Experiment, target.Experiment},
		{backend.TierHighRisk, shares.HighRisk, target.HighRisk}} {
		if c.got-c.wanted > MixTolerance || c.wanted-c.got > MixTolerance {
			off = append(off, c.tier)
		}
	}
	return counts, total, shares, off
}
