package graph

import (
	"encoding/json"
	"net/http"
	"time"
)

// Usage headers Meta adds to answers once an app has made enough calls.
const (
	// HeaderAppUsage holds the app's platform rate-limit usage: {"call_count", "total_time",
	// "total_cputime"}, each a percentage of the limit; calls are throttled at 100.
	HeaderAppUsage = "X-App-Usage"
	// HeaderPageUsage has X-App-Usage's shape, for calls counted against a Page.
	HeaderPageUsage = "X-Page-Usage"
	// HeaderBusinessUseCaseUsage holds the business use case usage: {"<business object id>":
	// [{"type", "call_count", "total_cputime", "total_time", "estimated_time_to_regain_access"}]},
	// the percentages as above and the wait in MINUTES.
	HeaderBusinessUseCaseUsage = "X-Business-Use-Case-Usage"
)

// Usage is one usage reading: percentages of a limit, and for business use cases the time Meta
// estimates until throttled calls are accepted again.
type Usage struct {
	BusinessID   string        // "" for X-App-Usage and X-Page-Usage
	Type         string        // the business use case: pages, instagram, messenger, …
	CallCount    int           // percent
	TotalTime    int           // percent
	TotalCPUTime int           // percent
	RegainAccess time.Duration // estimated_time_to_regain_access, given in minutes
}

// Max is the highest of the three percentages.
func (u Usage) Max() int { return max(u.CallCount, u.TotalTime, u.TotalCPUTime) }

type usageJSON struct {
	CallCount    json.RawMessage `json:"call_count"`
	TotalTime    json.RawMessage `json:"total_time"`
	TotalCPUTime json.RawMessage `json:"total_cputime"`
	Type         json.RawMessage `json:"type"`
	Regain       json.RawMessage `json:"estimated_time_to_regain_access"`
}

func (u usageJSON) usage(businessID string) Usage {
	regain := number(u.Regain)
	if regain < 0 || regain > 7*24*60 {
		regain = 0
	}
	return Usage{
		BusinessID: businessID, Type: text(u.Type),
		CallCount: number(u.CallCount), TotalTime: number(u.TotalTime), TotalCPUTime: number(u.TotalCPUTime),
		RegainAccess: time.Duration(regain) * time.Minute,
	}
}

// Usages reads every usage header of an answer: X-App-Usage, X-Page-Usage and each entry of
// X-Business-Use-Case-Usage. Headers that are missing or malformed are skipped.
func Usages(h http.Header) []Usage {
	var out []Usage
	for _, name := range []string{HeaderAppUsage, HeaderPageUsage} {
		var u usageJSON
		if v := h.Get(name); v != "" && json.Unmarshal([]byte(v), &u) == nil {
			out = append(out, u.usage(""))
		}
	}
	var buc map[string][]usageJSON
	if v := h.Get(HeaderBusinessUseCaseUsage); v != "" && json.Unmarshal([]byte(v), &buc) == nil {
		for id, entries := range buc {
			for _, u := range entries {
				out = append(out, u.usage(id))
			}
		}
	}
	return out
}

// UsageWait returns how long to wait before the next call, from an answer's usage headers:
//
//   - the largest estimated_time_to_regain_access of X-Business-Use-Case-Usage (minutes);
//   - else ThrottledWait when a usage percentage has reached 100 (throttled: X-App-Usage gives
//     percentages only, no time);
//   - else SlowDownWait when one has reached SlowDownAt, to slow down before the limit;
//   - else 0.
func UsageWait(h http.Header) time.Duration {
	wait, _ := usage(h)
	return wait
}

// usage is UsageWait, also telling whether calls are throttled now (rather than merely close to
// the limit).
func usage(h http.Header) (time.Duration, bool) {
	var regain time.Duration
	top := 0
	for _, u := range Usages(h) {
		regain = max(regain, u.RegainAccess)
		top = max(top, u.Max())
	}
	switch {
	case regain > 0:
		return regain, true
	case top >= 100:
		return ThrottledWait, true
	case top >= SlowDownAt:
		return SlowDownWait, false
	}
	return 0, false
}

// regainWait is the largest estimated_time_to_regain_access of the business use case header.
func regainWait(h http.Header) time.Duration {
	var regain time.Duration
	for _, u := range Usages(h) {
		regain = max(regain, u.RegainAccess)
	}
	return regain
}
