package graph_test

import (
	"net/http"
	"testing"
	"time"

	"tend/backend/connector/graph"
)

func TestUsageWait(t *testing.T) {
	tests := []struct {
		name   string
		header map[string]string
		want   time.Duration
	}{
		{"None", nil, 0},
		{"AppLow", map[string]string{"X-App-Usage": `{"call_count":28,"total_time":25,"total_cputime":25}`}, 0},
		{"AppHigh", map[string]string{"X-App-Usage": `{"call_count":91,"total_time":25,"total_cputime":25}`}, graph.SlowDownWait},
		{"AppThrottled", map[string]string{"X-App-Usage": `{"call_count":100,"total_time":25,"total_cputime":25}`}, graph.ThrottledWait},
		{"AppCPUThrottled", map[string]string{"X-App-Usage": `{"call_count":5,"total_time":25,"total_cputime":104}`}, graph.ThrottledWait},
		{"PageThrottled", map[string]string{"X-Page-Usage": `{"call_count":100,"total_time":1,"total_cputime":1}`}, graph.ThrottledWait},
		{"BusinessMinutes", map[string]string{"X-Business-Use-Case-Usage": `{"1":[{"type":"pages","call_count":100,"total_cputime":1,"total_time":1,"estimated_time_to_regain_access":15}]}`}, 15 * time.Minute},
		{"BusinessLargestOfMany", map[string]string{"X-Business-Use-Case-Usage": `{"1":[{"type":"pages","call_count":10,"estimated_time_to_regain_access":3}],"2":[{"type":"instagram","call_count":100,"estimated_time_to_regain_access":9},{"type":"messenger","call_count":1}]}`}, 9 * time.Minute},
		{"BusinessFullNoEstimate", map[string]string{"X-Business-Use-Case-Usage": `{"1":[{"type":"pages","call_count":100,"total_cputime":1,"total_time":1,"estimated_time_to_regain_access":0}]}`}, graph.ThrottledWait},
		{"BusinessHigh", map[string]string{"X-Business-Use-Case-Usage": `{"1":[{"type":"pages","call_count":95,"total_cputime":1,"total_time":1,"estimated_time_to_regain_access":0}]}`}, graph.SlowDownWait},
		{"EstimateBeatsApp", map[string]string{"X-App-Usage": `{"call_count":100}`, "X-Business-Use-Case-Usage": `{"1":[{"estimated_time_to_regain_access":2}]}`}, 2 * time.Minute},
		{"Malformed", map[string]string{"X-App-Usage": `call_count=100`, "X-Business-Use-Case-Usage": `[1,2`}, 0},
		{"AbsurdEstimate", map[string]string{"X-Business-Use-Case-Usage": `{"1":[{"estimated_time_to_regain_access":99999999}]}`}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			for k, v := range tt.header {
				h.Set(k, v)
			}
			if got := graph.UsageWait(h); got != tt.want {
				t.Errorf("UsageWait = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestUsages(t *testing.T) {
	h := http.Header{}
	h.Set("X-Business-Use-Case-Usage", `{"1010":[{"type":"pages","call_count":12,"total_cputime":3,"total_time":4,"estimated_time_to_regain_access":0}]}`)
	us := graph.Usages(h)
	if len(us) != 1 || us[0].BusinessID != "1010" || us[0].Type != "pages" || us[0].CallCount != 12 || us[0].Max() != 12 {
		t.Errorf("Usages = %+v", us)
	}
}
