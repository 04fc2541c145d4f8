package backend

import (
	"errors"
	"fmt"
)

// Error codes shared by every service and transport. Transports map them to their own statuses in
// one place (backend/http for HTTP, app for the desktop window).
const (
	EINVALID      = "EINVALID"      // the caller sent something malformed or out of range
	ENOTFOUND     = "ENOTFOUND"     // the thing asked for does not exist
	ECONFLICT     = "ECONFLICT"     // the request clashes with the current state (duplicate, stale)
	EUNAUTHORIZED = "EUNAUTHORIZED" // missing or wrong credentials
	EFORBIDDEN    = "EFORBIDDEN"    // authenticated but not allowed
	ERATELIMITED  = "ERATELIMITED"  // try again later
	EUNAVAILABLE  = "EUNAVAILABLE"  // a dependency (disk, keyring, network) is not usable now
	EINTERNAL     = "EINTERNAL"     // a bug or an unexpected failure; details are logged, not shown
)

// Error is an application error with a code and a message meant for the user.
type Error struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	// Key and Params let a frontend show the message in the user's language: Key names an entry of
	// its "errors" catalogue and Params fill its placeholders. Message stays the English text.
	Key    string            `json:"key,omitempty"`
	Params map[string]string `json:"params,omitempty"`
	// Err is the underlying cause, kept for logs and errors.Is; never shown to users.
	Err error `json:"-"`
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an *Error with the given code and message that keeps cause for logs.
func Wrap(code string, cause error, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: cause}
}

// Localized returns e with a translation key and its parameters, given as name, value pairs.
func (e *Error) Localized(key string, params ...string) *Error {
	e.Key = key
	if len(params) > 0 {
		e.Params = make(map[string]string, len(params)/2)
		for i := 0; i+1 < len(params); i += 2 {
			e.Params[params[i]] = params[i+1]
		}
	}
	return e
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for any other error and
// "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	default:
		return EINTERNAL
	}
}

// ErrorMessage returns the user-facing message of err: the message of the first *Error in its
// chain, or "Internal error." for anything else, so unexpected details never reach users.
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e) && e.Code != EINTERNAL:
		return e.Message
	default:
		return "Internal error."
	}
}

// Public returns the form of err that may be shown to users and sent over a transport: its code,
// message and translation key, or a bare "Internal error." for anything unexpected.
func Public(err error) *Error {
	var e *Error
	if errors.As(err, &e) && e.Code != EINTERNAL {
		return &Error{Code: e.Code, Message: e.Message, Key: e.Key, Params: e.Params}
	}
	return &Error{Code: EINTERNAL, Message: ErrorMessage(err)}
}
