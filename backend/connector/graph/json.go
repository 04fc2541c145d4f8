package graph

import (
	"bytes"
	"encoding/json"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// ID is a Graph object id. Meta sends ids as strings, but some webhook samples carry them as
// numbers: ID accepts both, keeping a number's exact digits.
type ID string

// UnmarshalJSON accepts a string, a number or null.
func (id *ID) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*id = ""
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*id = ID(s)
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			*id = "" // an object or array where an id was expected: no id
			return nil
		}
		*id = ID(n.String())
	}
	return nil
}

// Time is a Graph API time. Meta writes times as ISO 8601 ("2024-05-01T12:00:00+0000"), RFC 3339,
// or Unix times in seconds or milliseconds, as numbers or strings. A value Time cannot read is
// the zero time, not an error, so that one odd field does not lose a whole page.
type Time struct{ time.Time }

// UnmarshalJSON accepts every form Meta uses.
func (t *Time) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	t.Time = time.Time{}
	if len(b) == 0 || string(b) == "null" {
		return nil
	}
	if b[0] == '"' {
		var s string
		if json.Unmarshal(b, &s) == nil {
			t.Time = ParseTime(s)
		}
		return nil
	}
	var n json.Number
	if json.Unmarshal(b, &n) == nil {
		if f, err := n.Float64(); err == nil {
			t.Time = UnixTime(f)
		}
	}
	return nil
}

// Layouts of the times Meta writes as text.
var timeLayouts = []string{
	"2006-01-02T15:04:05-0700",
	time.RFC3339Nano,
	"2006-01-02T15:04:05.000-0700",
	"2006-01-02T15:04:05",
}

// ParseTime reads a time Meta wrote as text: ISO 8601 with a "+0000" or "Z" offset, or a Unix time
// in seconds or milliseconds. It returns the zero time when s is none of these.
func ParseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return UnixTime(f)
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return sane(t.UTC())
		}
	}
	return time.Time{}
}

// UnixTime reads a Unix time given in seconds, milliseconds or microseconds, telling them apart by
// magnitude (1e11 seconds is in the year 5138; 1e11 milliseconds in 1973). It returns the zero
// time for 0, negative or absurd values.
func UnixTime(v float64) time.Time {
	if math.IsNaN(v) || math.IsInf(v, 0) || v <= 0 {
		return time.Time{}
	}
	var t time.Time
	switch {
	case v < 1e11:
		sec, frac := math.Modf(v)
		t = time.Unix(int64(sec), int64(frac*1e9))
	case v < 1e14:
		t = time.UnixMilli(int64(v))
	case v < 1e17:
		t = time.UnixMicro(int64(v))
	default:
		return time.Time{}
	}
	return sane(t.UTC())
}

// sane keeps times between 2004 (Facebook's start) and 2200; anything else is a misread.
func sane(t time.Time) time.Time {
	if t.Year() < 2004 || t.Year() > 2200 {
		return time.Time{}
	}
	return t
}

// Paging is the paging object of a Graph list. Meta's next and previous URLs may carry the
// access token: keep the cursors, never the URLs.
type Paging struct {
	Cursors struct {
		Before string `json:"before"`
		After  string `json:"after"`
	} `json:"cursors"`
	Next     string `json:"next"`
	Previous string `json:"previous"`
}

// NextAfter returns the cursor of the following page, "" on the last page. Meta marks the last
// page by leaving out "next"; its "after" cursor then still points at the last item.
func (p Paging) NextAfter() string {
	if p.Next == "" {
		return ""
	}
	if p.Cursors.After != "" {
		return p.Cursors.After
	}
	if u, err := url.Parse(p.Next); err == nil {
		return u.Query().Get("after")
	}
	return ""
}

// List is one page of a Graph list: {"data": [...], "paging": {...}}.
type List[T any] struct {
	Data   []T    `json:"data"`
	Paging Paging `json:"paging"`
}
