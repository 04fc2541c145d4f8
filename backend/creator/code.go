package creator

import (
	"strconv"
	"strings"

	"tend/backend"
)

// Code lengths.
const (
	MinCodeLength = 4
	MaxCodeLength = 20
)

// NormalizeCode returns a typed code trimmed, folded to ASCII and upper-cased, or EINVALID when the
// result is not 4 to 20 letters A–Z and digits (spaces and punctuation are refused, not dropped:
// a code is typed by customers exactly as shown).
func NormalizeCode(code string) (string, error) {
	folded := strings.ToUpper(Fold(strings.TrimSpace(code)))
	if !ValidCode(folded) {
		return "", backend.Errorf(backend.EINVALID, "Invalid code %q: 4 to 20 letters A–Z and digits, no spaces.", code).
			Localized("code_invalid", "code", code)
	}
	return folded, nil
}

// ValidCode reports whether code is 4 to 20 characters A–Z and 0–9.
func ValidCode(code string) bool {
	if len(code) < MinCodeLength || len(code) > MaxCodeLength {
		return false
	}
	for i := 0; i < len(code); i++ {
		if c := code[i]; (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// codePart returns s folded to ASCII, upper-cased, with only letters and digits.
func codePart(s string) string {
	folded := Fold(s)
	out := make([]byte, 0, len(folded))
	for i := 0; i < len(folded); i++ {
		if c := folded[i]; isAlnum(c) {
			out = append(out, strings.ToUpper(string(c))[0])
		}
	}
	return string(out)
}

// CodeSuffix is what ends a campaign's generated codes: its discount percentage when it has one,
// else the first six letters and digits of its name; "" without a campaign.
func CodeSuffix(c *backend.Campaign) string {
	switch {
	case c == nil:
		return ""
	case c.DiscountPercent > 0:
		return strconv.Itoa(c.DiscountPercent)
	}
	name := codePart(c.Name)
	return name[:min(len(name), 6)]
}

// GenerateCode makes a creator's code for a campaign (nil for none), as the package documentation
// describes. The result is always valid.
func GenerateCode(c backend.Creator, campaign *backend.Campaign) string {
	suffix := CodeSuffix(campaign)
	stem := ""
	if len(c.Handles) > 0 {
		stem = codePart(c.Handles[0].Handle)
	}
	if len(stem)+len(suffix) < MinCodeLength {
		stem += codePart(c.Name)
	}
	if len(stem)+len(suffix) < MinCodeLength {
		stem += "CODE"
	}
	return fit(stem, suffix)
}

// fit shortens stem so that stem+suffix has at most MaxCodeLength characters.
func fit(stem, suffix string) string {
	if len(suffix) > MaxCodeLength-MinCodeLength {
		suffix = suffix[:MaxCodeLength-MinCodeLength]
	}
	if room := MaxCodeLength - len(suffix); len(stem) > room {
		stem = stem[:room]
	}
	return stem + suffix
}

// Variant returns the n-th alternative to a taken code (n ≥ 2): the code ending in n, shortened to
// fit 20 characters. A 20-character code may give itself or an earlier variant back ("…A2" for
// n = 2): callers try the next n.
func Variant(code string, n int) string {
	return fit(code, strconv.Itoa(n))
}
