package creator

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"tend/backend"
)

// Limits on links.
const (
	MaxUTMValue    = 100  // characters of a normalised UTM value
	MaxBaseURLSize = 2000 // bytes of a base URL
)

// Default UTM values of a creator's links (see Suggest).
const (
	DefaultMedium = "influencer"
	DefaultSource = "social"
)

// NormalizeUTM returns value as it goes into a link (see the package documentation).
func NormalizeUTM(value string) string {
	folded := Fold(strings.TrimSpace(value))
	out := make([]byte, 0, len(folded))
	hyphen := false // the last byte written is a hyphen
	for i := 0; i < len(folded); i++ {
		c := folded[i]
		if isAlnum(c) || c == '_' || c == '.' {
			out = append(out, c)
			hyphen = false
			continue
		}
		if !hyphen && len(out) > 0 {
			out = append(out, '-')
			hyphen = true
		}
	}
	if len(out) > MaxUTMValue {
		out = out[:MaxUTMValue]
	}
	return strings.Trim(string(out), "-")
}

// NormalizeParams normalises each value and names the ones that changed.
func NormalizeParams(p backend.UTMParams) (backend.UTMParams, []string) {
	out := backend.UTMParams{Source: NormalizeUTM(p.Source), Medium: NormalizeUTM(p.Medium),
		Campaign: NormalizeUTM(p.Campaign), Content: NormalizeUTM(p.Content)}
	changed := []string{}
	for _, f := range []struct{ name, in, out string }{
		{"source", p.Source, out.Source}, {"medium", p.Medium, out.Medium},
		{"campaign", p.Campaign, out.Campaign}, {"content", p.Content, out.Content},
	} {
		if f.in != f.out {
			changed = append(changed, f.name)
		}
	}
	return out, changed
}

// CheckBaseURL returns the URL parsed when raw is an absolute http or https address with a host,
// and EINVALID otherwise. Spaces, control characters and user information ("user@host") are
// refused: a link given to a creator must be unambiguous.
func CheckBaseURL(raw string) (*url.URL, error) {
	invalid := func() error {
		return backend.Errorf(backend.EINVALID, "%q is not a web address: use an absolute http:// or https:// address with a host, such as https://shop.example/.", raw).
			Localized("link_base_url_invalid", "url", raw)
	}
	if raw == "" || len(raw) > MaxBaseURLSize || !utf8.ValidString(raw) ||
		strings.IndexFunc(raw, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return nil, invalid()
	}
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() || u.Opaque != "" || u.User != nil {
		return nil, invalid()
	}
	scheme := strings.ToLower(u.Scheme)
	if (scheme != "http" && scheme != "https") || u.Hostname() == "" || strings.HasPrefix(u.Host, ":") {
		return nil, invalid()
	}
	if port := u.Port(); port != "" && (len(port) > 5 || strings.Trim(port, "0123456789") != "") {
		return nil, invalid()
	}
	u.Scheme = scheme
	return u, nil
}

// utmKeys are the query parameters BuildLink sets, in the order it writes them.
var utmKeys = []string{"utm_source", "utm_medium", "utm_campaign", "utm_content"}

// BuildLink checks base and the parameters and returns the link: base's own query parameters are
// kept in their order, except any UTM parameter Tend sets, which is replaced; then utm_source,
// utm_medium, utm_campaign and utm_content (left out when empty) follow; a fragment stays last.
// EINVALID for a malformed base URL or a source, medium or campaign empty once normalised.
func BuildLink(base string, p backend.UTMParams) (backend.UTMLink, error) {
	base = strings.TrimSpace(base)
	u, err := CheckBaseURL(base)
	if err != nil {
		return backend.UTMLink{}, err
	}
	params, changed := NormalizeParams(p)
	for _, f := range []struct{ name, value string }{{"source", params.Source}, {"medium", params.Medium}, {"campaign", params.Campaign}} {
		if f.value == "" {
			return backend.UTMLink{}, backend.Errorf(backend.EINVALID, "utm_%s needs letters or digits.", f.name).
				Localized("link_utm_required", "param", "utm_"+f.name)
		}
	}
	var query []string
	if u.RawQuery != "" {
		for _, pair := range strings.Split(u.RawQuery, "&") {
			key, _, _ := strings.Cut(pair, "=")
			if unescaped, err := url.QueryUnescape(key); err == nil && isUTMKey(unescaped) {
				continue
			}
			if pair != "" {
				query = append(query, pair)
			}
		}
	}
	for i, v := range []string{params.Source, params.Medium, params.Campaign, params.Content} {
		if v != "" {
			query = append(query, utmKeys[i]+"="+v) // normalised values need no escaping
		}
	}
	u.RawQuery = strings.Join(query, "&")
	u.ForceQuery = false
	return backend.UTMLink{BaseURL: base, Params: params, Original: p, Changed: changed, URL: u.String()}, nil
}

func isUTMKey(key string) bool {
	for _, k := range utmKeys {
		if strings.EqualFold(key, k) {
			return true
		}
	}
	return false
}

// Suggest returns the UTM parameters Tend proposes for a creator's link in a campaign: source the
// platform of the creator's first handle ("social" without one), medium "influencer", campaign
// the campaign's UTM value or its name ("" without a campaign, for the user to fill), content the
// creator's first handle (else their name), all normalised.
func Suggest(c backend.Creator, campaign *backend.Campaign) backend.UTMParams {
	p := backend.UTMParams{Source: DefaultSource, Medium: DefaultMedium, Content: NormalizeUTM(c.Name)}
	if len(c.Handles) > 0 {
		p.Source = c.Handles[0].Platform
		p.Content = NormalizeUTM(c.Handles[0].Handle)
	}
	if campaign != nil {
		p.Campaign = CampaignUTM(*campaign)
	}
	return p
}

// CampaignUTM is the utm_campaign value of a campaign's links: its own, else its name, normalised.
func CampaignUTM(c backend.Campaign) string {
	if v := NormalizeUTM(c.UTMCampaign); v != "" {
		return v
	}
	return NormalizeUTM(c.Name)
}
