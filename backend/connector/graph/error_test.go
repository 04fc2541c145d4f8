package graph_test

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/connector/graph"
)

var now = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

func resp(status int, header map[string]string) *http.Response {
	h := http.Header{}
	for k, v := range header {
		h.Set(k, v)
	}
	return &http.Response{StatusCode: status, Header: h}
}

func errBody(code, sub int, msg, userMsg string) string {
	s := `{"error":{"message":` + quote(msg) + `,"type":"OAuthException","code":` + itoa(code)
	if sub != 0 {
		s += `,"error_subcode":` + itoa(sub)
	}
	if userMsg != "" {
		s += `,"error_user_title":"Title","error_user_msg":` + quote(userMsg)
	}
	return s + `,"fbtrace_id":"AbC123"}}`
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

func itoa(n int) string { return strconv.Itoa(n) }

func TestParseError(t *testing.T) {
	buc := `{"1010":[{"type":"pages","call_count":100,"total_cputime":10,"total_time":12,"estimated_time_to_regain_access":7}]}`
	tests := []struct {
		name    string
		status  int
		header  map[string]string
		body    string
		code    string
		key     string
		params  map[string]string
		wait    time.Duration // a *backend.RetryAfterError with this wait when > 0
		message string        // a part of the English message
	}{
		{name: "Expired", status: 400, body: errBody(190, 463, "Error validating access token: Session has expired", ""),
			code: backend.EUNAUTHORIZED, key: graph.KeyTokenInvalid, params: map[string]string{"reason": "expired"}, message: "expired"},
		{name: "PasswordChanged", status: 400, body: errBody(190, 460, "Error validating access token: The session has been invalidated", ""),
			code: backend.EUNAUTHORIZED, key: graph.KeyTokenInvalid, params: map[string]string{"reason": "password_changed"}, message: "password"},
		{name: "AppRemoved", status: 400, body: errBody(190, 458, "The user has not authorized application", ""),
			code: backend.EUNAUTHORIZED, key: graph.KeyTokenInvalid, params: map[string]string{"reason": "app_removed"}, message: "removed"},
		{name: "InvalidToken", status: 400, body: errBody(190, 467, "Invalid access token", ""),
			code: backend.EUNAUTHORIZED, key: graph.KeyTokenInvalid, params: map[string]string{"reason": "invalid"}},
		{name: "TokenNoSubcode", status: 401, body: errBody(190, 0, "Invalid OAuth access token - Cannot parse access token", ""),
			code: backend.EUNAUTHORIZED, key: graph.KeyTokenInvalid, params: map[string]string{"reason": "invalid"}},
		{name: "TokenMissing", status: 400, body: errBody(104, 0, "An access token is required to request this resource.", ""),
			code: backend.EUNAUTHORIZED, key: graph.KeyTokenInvalid, params: map[string]string{"reason": "missing"}},
		{name: "PermissionNamed", status: 403, body: errBody(200, 0, "(#200) Requires pages_messaging permission to manage the object", ""),
			code: backend.EFORBIDDEN, key: graph.KeyPermission, params: map[string]string{"permission": "pages_messaging"}, message: "pages_messaging"},
		{name: "PermissionQuoted", status: 400, body: errBody(10, 0, "(#10) Application does not have permission for this action: needs the 'instagram_manage_comments' permission", ""),
			code: backend.EFORBIDDEN, key: graph.KeyPermission, params: map[string]string{"permission": "instagram_manage_comments"}},
		{name: "PermissionUnnamed", status: 400, body: errBody(10, 0, "(#10) Application does not have permission for this action", ""),
			code: backend.EFORBIDDEN, key: graph.KeyPermission, params: map[string]string{"permission": ""}},
		{name: "Permission299", status: 400, body: errBody(299, 0, "(#299) Requires extended permission", ""),
			code: backend.EFORBIDDEN, key: graph.KeyPermission},
		{name: "OutsideWindow", status: 400, body: errBody(10, 2018278, "(#10) This message is sent outside of allowed window.", ""),
			code: backend.EINVALID, key: graph.KeyOutsideWindow, message: "24 hours"},
		{name: "OutsideWindowInstagram", status: 400, body: errBody(10, 2534022, "(#10) This message is sent outside of allowed window.", ""),
			code: backend.EINVALID, key: graph.KeyOutsideWindow},
		{name: "NotReceiving", status: 400, body: errBody(10, 2018108, "(#10) This person isn't receiving messages from you right now.", ""),
			code: backend.EINVALID, key: graph.KeyRecipientUnavailable},
		{name: "Unavailable", status: 400, body: errBody(551, 1545041, "(#551) This person isn't available right now.", ""),
			code: backend.EINVALID, key: graph.KeyRecipientUnavailable},
		{name: "AppRateLimit", status: 400, header: map[string]string{"X-App-Usage": `{"call_count":100,"total_time":20,"total_cputime":20}`},
			body: errBody(4, 0, "(#4) Application request limit reached", ""),
			code: backend.ERATELIMITED, key: graph.KeyRateLimited, wait: graph.ThrottledWait, params: map[string]string{"seconds": "60", "minutes": "1"}},
		{name: "AppRateLimitNoHeader", status: 400, body: errBody(4, 0, "(#4) Application request limit reached", ""),
			code: backend.ERATELIMITED, key: graph.KeyRateLimited, wait: graph.DefaultRateLimitWait},
		{name: "UserRateLimit", status: 400, body: errBody(17, 0, "(#17) User request limit reached", ""),
			code: backend.ERATELIMITED, key: graph.KeyRateLimited, wait: graph.DefaultRateLimitWait},
		{name: "PageRateLimitMinutes", status: 400, header: map[string]string{"X-Business-Use-Case-Usage": buc},
			body: errBody(32, 0, "(#32) Page request limit reached", ""),
			code: backend.ERATELIMITED, key: graph.KeyRateLimited, wait: 7 * time.Minute, params: map[string]string{"seconds": "420", "minutes": "7"}, message: "7 minutes"},
		{name: "CustomRateLimit", status: 400, header: map[string]string{"X-Business-Use-Case-Usage": buc},
			body: errBody(613, 0, "(#613) Calls to this api have exceeded the rate limit.", ""),
			code: backend.ERATELIMITED, key: graph.KeyRateLimited, wait: 7 * time.Minute},
		{name: "InstagramBusinessRateLimit", status: 400,
			header: map[string]string{"X-Business-Use-Case-Usage": `{"17841":[{"type":"instagram","call_count":"100","total_cputime":"5","total_time":"5","estimated_time_to_regain_access":"42"}]}`},
			body:   errBody(80002, 0, "(#80002) There have been too many calls to this Instagram account.", ""),
			code:   backend.ERATELIMITED, key: graph.KeyRateLimited, wait: 42 * time.Minute},
		{name: "PageBusinessRateLimit", status: 400, body: errBody(80001, 0, "(#80001) There have been too many calls to this Page account.", ""),
			code: backend.ERATELIMITED, key: graph.KeyRateLimited, wait: graph.DefaultRateLimitWait},
		{name: "MessengerBusinessRateLimit", status: 400, body: errBody(80006, 0, "(#80006) There have been too many messenger api calls.", ""),
			code: backend.ERATELIMITED, key: graph.KeyRateLimited, wait: graph.DefaultRateLimitWait},
		{name: "RetryAfterSeconds", status: 400, header: map[string]string{"Retry-After": "90"}, body: errBody(80008, 0, "(#80008) Too many calls", ""),
			code: backend.ERATELIMITED, key: graph.KeyRateLimited, wait: 90 * time.Second, params: map[string]string{"seconds": "90", "minutes": "2"}},
		{name: "RetryAfterDate", status: 400, header: map[string]string{"Retry-After": now.Add(2 * time.Minute).Format(http.TimeFormat)},
			body: errBody(4, 0, "(#4) Application request limit reached", ""),
			code: backend.ERATELIMITED, key: graph.KeyRateLimited, wait: 2 * time.Minute},
		{name: "BareTooManyRequests", status: 429, body: "Too Many Requests",
			code: backend.ERATELIMITED, key: graph.KeyRateLimited, wait: graph.DefaultRateLimitWait},
		{name: "Transient", status: 500, body: `{"error":{"message":"An unexpected error has occurred. Please retry your request later.","type":"OAuthException","is_transient":true,"code":2,"fbtrace_id":"X"}}`,
			code: backend.EUNAVAILABLE, key: graph.KeyUnreachable, message: "HTTP 500"},
		{name: "UnknownTransient", status: 400, body: errBody(1, 0, "An unknown error occurred", ""),
			code: backend.EUNAVAILABLE, key: graph.KeyUnreachable},
		{name: "ServerErrorHTML", status: 503, body: "<html>Service Unavailable</html>",
			code: backend.EUNAVAILABLE, key: graph.KeyUnreachable, message: "HTTP 503"},
		{name: "NotJSON", status: 400, body: "<html>Bad Request</html>",
			code: backend.EUNAVAILABLE, key: graph.KeyBadResponse, params: map[string]string{"status": "400"}},
		{name: "SuccessNotJSON", status: 200, body: `{"data":[`,
			code: backend.EUNAVAILABLE, key: graph.KeyBadResponse, params: map[string]string{"status": "200"}},
		{name: "RefusedUserMessage", status: 400, body: errBody(100, 2018001, "(#100) No matching user found", "Cette personne est introuvable."),
			code: backend.EINVALID, key: graph.KeyRefused, params: map[string]string{"reason": "Cette personne est introuvable."}},
		{name: "RefusedMessage", status: 400, body: errBody(368, 1390008, "(#368) The action attempted has been deemed abusive or is otherwise disallowed", ""),
			code: backend.EINVALID, key: graph.KeyRefused, params: map[string]string{"reason": "(#368) The action attempted has been deemed abusive or is otherwise disallowed"}},
		{name: "StringCodes", status: 400, body: `{"error":{"message":"expired","code":"190","error_subcode":"463"}}`,
			code: backend.EUNAUTHORIZED, key: graph.KeyTokenInvalid, params: map[string]string{"reason": "expired"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := graph.ParseError(resp(tt.status, tt.header), []byte(tt.body), now)
			var e *backend.Error
			if !errors.As(err, &e) {
				t.Fatalf("ParseError = %v, want a *backend.Error", err)
			}
			if e.Code != tt.code || e.Key != tt.key {
				t.Fatalf("code %s key %s, want %s %s (%v)", e.Code, e.Key, tt.code, tt.key, err)
			}
			for k, v := range tt.params {
				if got, ok := e.Params[k]; !ok || got != v {
					t.Errorf("param %s = %q (present %v), want %q", k, got, ok, v)
				}
			}
			if e.Params["platform"] != graph.DefaultPlatform {
				t.Errorf("platform param %q", e.Params["platform"])
			}
			if !strings.Contains(e.Message, tt.message) {
				t.Errorf("message %q lacks %q", e.Message, tt.message)
			}
			temporary, wait := backend.Temporary(err)
			if tt.wait > 0 {
				var ra *backend.RetryAfterError
				if !errors.As(err, &ra) || ra.After != tt.wait {
					t.Fatalf("want a RetryAfterError of %v, got %v", tt.wait, err)
				}
				if !temporary || wait != tt.wait {
					t.Errorf("Temporary = %v, %v", temporary, wait)
				}
			}
			if tt.code == backend.EINVALID && temporary {
				t.Errorf("an EINVALID error must be permanent")
			}
			var api *graph.APIError
			if strings.HasPrefix(tt.body, `{"error"`) && !errors.As(err, &api) {
				t.Errorf("the cause is not the *graph.APIError")
			}
		})
	}
}

func TestParseErrorSuccess(t *testing.T) {
	for _, body := range []string{`{"data":[]}`, `{"success":true}`, `[]`, `{"error":null,"id":"1"}`} {
		if err := graph.ParseError(resp(200, nil), []byte(body), now); err != nil {
			t.Errorf("ParseError(200, %s) = %v", body, err)
		}
	}
	// An error object inside a 200 answer is still an error.
	if err := graph.ParseError(resp(200, nil), []byte(errBody(190, 463, "expired", "")), now); backend.ErrorCode(err) != backend.EUNAUTHORIZED {
		t.Errorf("error in a 200 answer: %v", err)
	}
	if err := graph.ParseError(nil, []byte("garbage"), now); backend.ErrorCode(err) != backend.EUNAVAILABLE {
		t.Errorf("nil response: %v", err)
	}
}

func TestAPIErrorText(t *testing.T) {
	err := graph.ParseError(resp(400, nil), []byte(errBody(10, 2018278, "(#10) outside window", "")), now)
	var api *graph.APIError
	if !errors.As(err, &api) {
		t.Fatal(err)
	}
	if api.Code != 10 || api.Subcode != 2018278 || api.Status != 400 || api.TraceID != "AbC123" {
		t.Errorf("APIError = %+v", api)
	}
	if s := api.Error(); !strings.Contains(s, "10/2018278") || !strings.Contains(s, "AbC123") {
		t.Errorf("APIError.Error() = %q", s)
	}
}

func TestPublicErrorHasNoCause(t *testing.T) {
	err := graph.ParseError(resp(400, nil), []byte(errBody(190, 463, "expired", "")), now)
	p := backend.Public(err)
	if p.Err != nil || p.Key != graph.KeyTokenInvalid || p.Code != backend.EUNAUTHORIZED {
		t.Errorf("Public = %+v", p)
	}
}

func TestParseErrorForPlatform(t *testing.T) {
	err := graph.ParseErrorFor(resp(400, nil), []byte(errBody(190, 463, "expired", "")), now, "Instagram")
	var e *backend.Error
	if !errors.As(err, &e) || e.Params["platform"] != "Instagram" || !strings.HasPrefix(e.Message, "Instagram no longer accepts") {
		t.Errorf("ParseErrorFor = %+v", e)
	}
}
