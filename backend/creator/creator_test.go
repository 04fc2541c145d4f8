package creator_test

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"tend/backend"
	"tend/backend/creator"
)

func TestNormalizeUTM(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"instagram", "instagram"},
		{"  Instagram  ", "instagram"},
		{"Soldes d'Été 2026", "soldes-d-ete-2026"},
		{"Noël   cosy", "noel-cosy"},
		{"Œuvre & Straße", "oeuvre-strasse"},
		{"Łódź—Ørsted", "lodz-orsted"},
		{"summer_sale.v2", "summer_sale.v2"},
		{"--hello--world--", "hello-world"},
		{"🎄 christmas 🎁", "christmas"},
		{"привет", ""},
		{"café\u0301", "cafe"}, // a decomposed accent
		{"a+b=c?d#e/f", "a-b-c-d-e-f"},
		{strings.Repeat("ab ", 60), strings.Trim(strings.Repeat("ab-", 60)[:100], "-")},
	} {
		if got := creator.NormalizeUTM(tc.in); got != tc.want {
			t.Errorf("NormalizeUTM(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

var utmValue = regexp.MustCompile(`^([a-z0-9_.]+(-[a-z0-9_.]+)*)?$`)

// FuzzNormalizeUTM checks the documented properties: only a–z 0–9 - _ . in the result, no hyphen
// at either end nor two in a row, at most 100 characters, and normalising twice changes nothing.
func FuzzNormalizeUTM(f *testing.F) {
	for _, seed := range []string{"Soldes d'Été", "", "  ", "ÆØÅ æøå", "a--b", "\xff\xfe", "x\u0300y", "🎄", "A.B_C-D"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := creator.NormalizeUTM(in)
		if !utmValue.MatchString(out) || len(out) > creator.MaxUTMValue {
			t.Fatalf("NormalizeUTM(%q) = %q", in, out)
		}
		if again := creator.NormalizeUTM(out); again != out {
			t.Fatalf("not idempotent: %q → %q → %q", in, out, again)
		}
	})
}

func TestBuildLink(t *testing.T) {
	p := backend.UTMParams{Source: "Instagram", Medium: "influencer", Campaign: "Soldes d'Été 2026", Content: "léa.cosy"}
	link, err := creator.BuildLink(" https://shop.example/bougies?ref=home#top ", p)
	if err != nil {
		t.Fatal(err)
	}
	want := "https://shop.example/bougies?ref=home&utm_source=instagram&utm_medium=influencer&utm_campaign=soldes-d-ete-2026&utm_content=lea.cosy#top"
	if link.URL != want {
		t.Errorf("URL = %s\nwant  %s", link.URL, want)
	}
	if !slices.Equal(link.Changed, []string{"source", "campaign", "content"}) || link.Original != p {
		t.Errorf("Changed = %v, Original = %+v", link.Changed, link.Original)
	}
	if link.BaseURL != "https://shop.example/bougies?ref=home#top" {
		t.Errorf("BaseURL = %q", link.BaseURL)
	}

	// Existing UTM parameters are replaced, others kept in order; an empty content is left out.
	link, err = creator.BuildLink("HTTP://Shop.example:8080/?utm_source=old&a=1&UTM_CAMPAIGN=x&b=%20", backend.UTMParams{Source: "tiktok", Medium: "creator", Campaign: "noel"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "http://Shop.example:8080/?a=1&b=%20&utm_source=tiktok&utm_medium=creator&utm_campaign=noel"; link.URL != want {
		t.Errorf("URL = %s, want %s", link.URL, want)
	}
	if _, err := url.Parse(link.URL); err != nil {
		t.Error(err)
	}
}

func TestBuildLinkRefusesMalformedInput(t *testing.T) {
	ok := backend.UTMParams{Source: "instagram", Medium: "influencer", Campaign: "noel"}
	for _, base := range []string{"", "shop.example", "/bougies", "ftp://shop.example/", "https://", "https:///path", "javascript:alert(1)",
		"https://user:pw@shop.example/", "https://shop .example/", "https://shop.example/a b", "mailto:a@b.c", "https://:80/", "https://shop.example:abc/",
		"http://[::1", "https://shop.example/\x00"} {
		_, err := creator.BuildLink(base, ok)
		if backend.ErrorCode(err) != backend.EINVALID || keyOf(err) != "link_base_url_invalid" {
			t.Errorf("BuildLink(%q): %v", base, err)
		}
	}
	for _, p := range []backend.UTMParams{{Medium: "x", Campaign: "y"}, {Source: "🎄", Medium: "x", Campaign: "y"}, {Source: "x", Medium: "x", Campaign: "   "}} {
		_, err := creator.BuildLink("https://shop.example/", p)
		if backend.ErrorCode(err) != backend.EINVALID || keyOf(err) != "link_utm_required" {
			t.Errorf("BuildLink(%+v): %v", p, err)
		}
	}
}

// FuzzBuildLink checks that a link is built only from an absolute http(s) URL with a host, and
// that the link it builds parses back to the same UTM values.
func FuzzBuildLink(f *testing.F) {
	for _, seed := range []string{"https://shop.example/", "http://a.b/?x=1#f", "ftp://x", "https://", "//x", "https://a.b/?utm_source=z", "http://[::1]:80/"} {
		f.Add(seed, "Instagram", "Noël 2026")
	}
	f.Fuzz(func(t *testing.T, base, source, campaign string) {
		link, err := creator.BuildLink(base, backend.UTMParams{Source: source, Medium: "influencer", Campaign: campaign})
		if err != nil {
			if backend.ErrorCode(err) != backend.EINVALID {
				t.Fatalf("BuildLink(%q): %v", base, err)
			}
			return
		}
		u, perr := url.Parse(link.URL)
		if perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
			t.Fatalf("BuildLink(%q) = %q", base, link.URL)
		}
		q := u.Query()
		if q.Get("utm_source") != link.Params.Source || q.Get("utm_campaign") != link.Params.Campaign || q.Get("utm_medium") != "influencer" {
			t.Fatalf("BuildLink(%q) = %q: query %v", base, link.URL, q)
		}
		if len(q["utm_source"]) != 1 || len(q["utm_campaign"]) != 1 {
			t.Fatalf("duplicated UTM parameters in %q", link.URL)
		}
	})
}

func TestNormalizeCode(t *testing.T) {
	for _, tc := range []struct{ in, want string }{{"lea10", "LEA10"}, {" Léa10 ", "LEA10"}, {"NOEL2026", "NOEL2026"}, {"ßCODE", "SSCODE"}} {
		got, err := creator.NormalizeCode(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("NormalizeCode(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{"", "ABC", "LEA 10", "LEA-10", "ABCDEFGHIJKLMNOPQRSTU", "🎄🎄🎄🎄", "привет"} {
		if _, err := creator.NormalizeCode(in); backend.ErrorCode(err) != backend.EINVALID || keyOf(err) != "code_invalid" {
			t.Errorf("NormalizeCode(%q): %v", in, err)
		}
	}
}

// FuzzNormalizeCode: an accepted code is valid and stays the same when normalised again.
func FuzzNormalizeCode(f *testing.F) {
	for _, seed := range []string{"lea10", "Léa 10", "", "ÆØ12", "\xff", "abcdefghijklmnopqrstu"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		code, err := creator.NormalizeCode(in)
		if err != nil {
			return
		}
		if !creator.ValidCode(code) {
			t.Fatalf("NormalizeCode(%q) = %q", in, code)
		}
		if again, err := creator.NormalizeCode(code); err != nil || again != code {
			t.Fatalf("not idempotent: %q → %q → %q, %v", in, code, again, err)
		}
	})
}

func TestGenerateCode(t *testing.T) {
	lea := backend.Creator{Name: "Léa Martin", Handles: []backend.CreatorHandle{{Platform: "instagram", Handle: "lea"}}}
	ten := &backend.Campaign{Name: "Noël 2026", DiscountPercent: 10}
	noDiscount := &backend.Campaign{Name: "Noël cosy 2026"}
	long := backend.Creator{Name: "x", Handles: []backend.CreatorHandle{{Platform: "tiktok", Handle: "the.very.long.handle.of_someone"}}}
	short := backend.Creator{Name: "Bo", Handles: []backend.CreatorHandle{{Platform: "tiktok", Handle: "b"}}}
	nobody := backend.Creator{Name: "🎄"}
	for _, tc := range []struct {
		c        backend.Creator
		campaign *backend.Campaign
		want     string
	}{
		{lea, ten, "LEA10"},
		{lea, noDiscount, "LEANOELCO"},
		{lea, nil, "LEALEAMARTIN"},
		{long, ten, "THEVERYLONGHANDLEO10"[:18] + "10"},
		{short, nil, "BBOCODE"},
		{nobody, nil, "CODE"},
	} {
		got := creator.GenerateCode(tc.c, tc.campaign)
		if got != tc.want || !creator.ValidCode(got) {
			t.Errorf("GenerateCode(%v, %v) = %q, want %q", tc.c.Handles, tc.campaign, got, tc.want)
		}
	}
	if got := creator.Variant("LEA10", 2); got != "LEA102" {
		t.Errorf("Variant = %q", got)
	}
	if got := creator.Variant("ABCDEFGHIJKLMNOPQRST", 12); got != "ABCDEFGHIJKLMNOPQR12" {
		t.Errorf("Variant = %q", got)
	}
}

// FuzzGenerateCode: whatever the handle, name and campaign, the generated code is valid.
func FuzzGenerateCode(f *testing.F) {
	f.Add("lea", "Léa", "Noël", 10)
	f.Add("", "", "", 0)
	f.Add("🎄", "\xff", "ÆØ", 90)
	f.Fuzz(func(t *testing.T, handle, name, campaign string, discount int) {
		c := backend.Creator{Name: name, Handles: []backend.CreatorHandle{{Platform: "instagram", Handle: handle}}}
		code := creator.GenerateCode(c, &backend.Campaign{Name: campaign, DiscountPercent: max(0, discount%91)})
		if !creator.ValidCode(code) || !utf8.ValidString(code) {
			t.Fatalf("GenerateCode(%q, %q, %q, %d) = %q", handle, name, campaign, discount, code)
		}
		for n := 2; n < 200; n += 37 {
			if v := creator.Variant(code, n); !creator.ValidCode(v) {
				t.Fatalf("Variant(%q, %d) = %q", code, n, v)
			}
		}
	})
}

func TestSuggest(t *testing.T) {
	c := backend.Creator{Name: "Chloé Vasseur", Handles: []backend.CreatorHandle{{Platform: "tiktok", Handle: "Chloe.Cocooning"}}}
	got := creator.Suggest(c, &backend.Campaign{Name: "Noël cosy 2026"})
	want := backend.UTMParams{Source: "tiktok", Medium: "influencer", Campaign: "noel-cosy-2026", Content: "chloe.cocooning"}
	if got != want {
		t.Errorf("Suggest = %+v, want %+v", got, want)
	}
	got = creator.Suggest(backend.Creator{Name: "Jo Ann"}, &backend.Campaign{Name: "x", UTMCampaign: "Summer Sale"})
	if want := (backend.UTMParams{Source: "social", Medium: "influencer", Campaign: "summer-sale", Content: "jo-ann"}); got != want {
		t.Errorf("Suggest = %+v, want %+v", got, want)
	}
}

func ptr[T any](v T) *T { return &v }

func TestScoreFit(t *testing.T) {
	settings := backend.CreatorSettings{AlertDays: 14, TargetTerritories: []string{"EU"}, Benchmarks: map[string]float64{"home_decor": 2}}
	for _, tc := range []struct {
		name  string
		c     backend.Creator
		score int
		bands []string
	}{
		{"unknown everything", backend.Creator{}, 0 + 0 + 0 + 5, []string{"unknown", "unknown", "unknown", "unknown"}},
		{"micro at benchmark in the EU, clear", backend.Creator{AudienceSize: ptr[int64](48_200), EngagementRate: ptr(2.0), Niche: "home_decor", Territory: "FR", BrandSafety: "clear"},
			25 + 18 + 20 + 20, []string{"micro", "at", "match", "clear"}},
		{"mega, twice the benchmark, abroad, major", backend.Creator{AudienceSize: ptr[int64](2_000_000), EngagementRate: ptr(9.0), Niche: "home_decor", Territory: "US", BrandSafety: "major"},
			8 + 35 + 0 + 0, []string{"mega", "above", "no_match", "major"}},
		{"nano below the default benchmark", backend.Creator{AudienceSize: ptr[int64](5_000), EngagementRate: ptr(0.9), Niche: "beauty", Territory: "GB", BrandSafety: "minor"},
			18 + 9 + 0 + 10, []string{"nano", "below", "no_match", "minor"}},
	} {
		fit := creator.ScoreFit(tc.c, settings)
		var bands []string
		total := 0
		for _, in := range fit.Inputs {
			bands = append(bands, in.Band)
			total += in.Points
		}
		if fit.Score != tc.score || total != fit.Score || !slices.Equal(bands, tc.bands) {
			t.Errorf("%s: score %d, bands %v; want %d, %v", tc.name, fit.Score, bands, tc.score, tc.bands)
		}
	}
	fit := creator.ScoreFit(backend.Creator{EngagementRate: ptr(2.0), Niche: "beauty"}, backend.CreatorSettings{})
	if fit.Inputs[1].Benchmark != 1.8 || fit.Inputs[2].Band != "no_target" || fit.Inputs[2].Points != 10 {
		t.Errorf("defaults: %+v", fit.Inputs)
	}
}

func rights() backend.Rights {
	yes := true
	return backend.Rights{ID: 7, CreatorID: 1, Scopes: []string{"organic", "paid_ads"}, StartDate: "2026-11-01", EndDate: "2026-12-31",
		Territories: []string{"FR", "BE"}, CompensationTerms: "500 € + products", EditConsent: &yes, SignedDate: "2026-10-20"}
}

func kinds(v backend.RightsVerdict) []string {
	out := []string{}
	for _, p := range v.Problems {
		out = append(out, p.Kind)
	}
	return out
}

func TestRightsCheck(t *testing.T) {
	r := rights()
	for _, tc := range []struct {
		name string
		r    backend.Rights
		use  backend.RightsUse
		want []string
	}{
		{"allowed", r, backend.RightsUse{Date: "2026-12-01", Territory: "FR", Scope: "organic"}, []string{}},
		{"the last day is allowed", r, backend.RightsUse{Date: "2026-12-31", Territory: "BE", Scope: "paid_ads"}, []string{}},
		{"the day after is not", r, backend.RightsUse{Date: "2027-01-01", Territory: "FR", Scope: "organic"}, []string{"expired"}},
		{"before the start", r, backend.RightsUse{Date: "2026-10-31", Territory: "FR", Scope: "organic"}, []string{"not_started"}},
		{"scope not granted", r, backend.RightsUse{Date: "2026-12-01", Territory: "FR", Scope: "whitelisting"}, []string{"scope"}},
		{"territory not covered", r, backend.RightsUse{Date: "2026-12-01", Territory: "DE", Scope: "organic"}, []string{"territory"}},
		{"unknown territory", r, backend.RightsUse{Date: "2026-12-01", Scope: "organic"}, []string{"territory"}},
		{"several problems", r, backend.RightsUse{Date: "2027-02-01", Territory: "US", Scope: "offline"}, []string{"scope", "expired", "territory"}},
		{"malformed use", r, backend.RightsUse{Date: "01/12/2026", Territory: "FR", Scope: "organic"}, []string{"invalid_use"}},
		{"unsigned, no end, EU", func() backend.Rights {
			x := rights()
			x.SignedDate, x.EndDate, x.Territories = "", "", []string{"EU"}
			return x
		}(), backend.RightsUse{Date: "2026-12-01", Territory: "DE", Scope: "organic"}, []string{"unsigned", "no_end_date"}},
		{"worldwide covers an unknown territory", func() backend.Rights {
			x := rights()
			x.Territories = []string{"WW"}
			return x
		}(), backend.RightsUse{Date: "2026-12-01", Scope: "organic"}, []string{}},
	} {
		v := creator.RightsCheck(tc.r, tc.use)
		if got := kinds(v); !slices.Equal(got, tc.want) || v.Allowed != (len(tc.want) == 0) {
			t.Errorf("%s: %v (allowed %v), want %v", tc.name, got, v.Allowed, tc.want)
		}
	}
}

func TestCheckUse(t *testing.T) {
	use := backend.RightsUse{Date: "2027-03-01", Territory: "FR", Scope: "organic"}
	if v := creator.CheckUse(nil, use); v.Allowed || !slices.Equal(kinds(v), []string{"no_rights"}) {
		t.Errorf("no rights: %+v", v)
	}
	old := rights()
	renewed := rights()
	renewed.ID, renewed.StartDate, renewed.EndDate = 8, "2027-01-01", "2027-06-30"
	v := creator.CheckUse([]backend.Rights{old, renewed}, use)
	if !v.Allowed || v.RightsID == nil || *v.RightsID != 8 {
		t.Errorf("renewed: %+v", v)
	}
	v = creator.CheckUse([]backend.Rights{old}, use)
	if v.Allowed || *v.RightsID != 7 || v.Problems[0].Params["end"] != "2026-12-31" {
		t.Errorf("expired: %+v", v)
	}
}

func TestCheckPost(t *testing.T) {
	r := rights() // organic and paid ads, FR and BE, 2026-11-01 to 2026-12-31, signed
	worldwide := rights()
	worldwide.ID, worldwide.Territories = 9, []string{"WW"}
	germany := rights()
	germany.ID, germany.Territories, germany.EndDate = 10, []string{"DE"}, "2026-11-30"
	paidOnly := rights()
	paidOnly.Scopes = []string{"paid_ads"}
	for _, tc := range []struct {
		name        string
		rights      []backend.Rights
		date        string
		territories []string
		want        []string
		rightsID    int64 // 0: none
	}{
		{"within the rights", []backend.Rights{r}, "2026-12-01", []string{"FR"}, []string{}, 7},
		{"every target covered", []backend.Rights{r}, "2026-12-01", []string{"FR", "BE"}, []string{}, 7},
		{"no target: the territory is not checked", []backend.Rights{r}, "2026-12-01", nil, []string{}, 7},
		{"no target, no territory in the record", []backend.Rights{func() backend.Rights { x := rights(); x.Territories = nil; return x }()},
			"2026-12-01", []string{}, []string{}, 7},
		{"after the end date", []backend.Rights{r}, "2027-01-01", []string{"FR", "BE"}, []string{"expired"}, 7},
		{"before the start", []backend.Rights{r}, "2026-10-31", nil, []string{"not_started"}, 7},
		{"organic not granted", []backend.Rights{paidOnly}, "2026-12-01", []string{"FR"}, []string{"scope"}, 7},
		{"a target not covered", []backend.Rights{r}, "2026-12-01", []string{"FR", "DE"}, []string{"territory"}, 7},
		{"two targets not covered", []backend.Rights{r}, "2026-12-01", []string{"DE", "FR", "US"}, []string{"territory", "territory"}, 7},
		{"EU target needs EU or worldwide rights", []backend.Rights{r}, "2026-12-01", []string{"EU"}, []string{"territory"}, 7},
		{"worldwide covers EU", []backend.Rights{worldwide}, "2026-12-01", []string{"EU", "US"}, []string{}, 9},
		{"records share the targets", []backend.Rights{r, germany}, "2026-11-15", []string{"FR", "DE"}, []string{}, 7},
		{"one of them expired", []backend.Rights{r, germany}, "2026-12-15", []string{"FR", "DE"}, []string{"territory"}, 7},
		{"no rights", nil, "2026-12-01", []string{"FR", "BE"}, []string{"no_rights"}, 0},
		{"no rights, no target", nil, "2026-12-01", nil, []string{"no_rights"}, 0},
		{"malformed date", []backend.Rights{r}, "2026-12", []string{"FR"}, []string{"invalid_use"}, 0},
	} {
		v := creator.CheckPost(tc.rights, tc.date, tc.territories)
		if got := kinds(v); !slices.Equal(got, tc.want) || v.Allowed != (len(tc.want) == 0) {
			t.Errorf("%s: %v (allowed %v), want %v", tc.name, got, v.Allowed, tc.want)
		}
		switch {
		case tc.rightsID == 0 && v.RightsID != nil:
			t.Errorf("%s: rights id %d, want none", tc.name, *v.RightsID)
		case tc.rightsID != 0 && (v.RightsID == nil || *v.RightsID != tc.rightsID):
			t.Errorf("%s: rights id %v, want %d", tc.name, v.RightsID, tc.rightsID)
		}
	}
	// Problems name what they are about, and each comes once.
	v := creator.CheckPost([]backend.Rights{r}, "2027-01-01", []string{"FR", "DE", "US"})
	var territories []string
	for _, p := range v.Problems {
		if p.Kind == "territory" {
			territories = append(territories, p.Params["territory"])
		}
	}
	if !slices.Equal(kinds(v), []string{"expired", "territory", "territory"}) || !slices.Equal(territories, []string{"DE", "US"}) {
		t.Errorf("problems: %+v", v.Problems)
	}
	if v.Problems[0].Params["end"] != "2026-12-31" || v.Problems[0].Params["date"] != "2027-01-01" {
		t.Errorf("expired params: %+v", v.Problems[0].Params)
	}
	// The untargeted check leaves the records it was given alone.
	if creator.CheckPost([]backend.Rights{r}, "2026-12-01", nil); !slices.Equal(r.Territories, []string{"FR", "BE"}) {
		t.Errorf("territories changed: %v", r.Territories)
	}
}

func TestStatus(t *testing.T) {
	r := rights()
	for _, tc := range []struct {
		today string
		r     func(backend.Rights) backend.Rights
		want  string
		days  int
	}{
		{"2026-11-15", nil, backend.RightsActive, 46},
		{"2026-12-17", nil, backend.RightsExpiring, 14},
		{"2026-12-31", nil, backend.RightsExpiring, 0},
		{"2027-01-01", nil, backend.RightsExpired, -1},
		{"2026-10-25", nil, backend.RightsNotStarted, 67},
		{"2026-11-15", func(r backend.Rights) backend.Rights { r.SignedDate = ""; return r }, backend.RightsUnsigned, 46},
		{"2026-11-15", func(r backend.Rights) backend.Rights { r.EditConsent = nil; return r }, backend.RightsIncomplete, 46},
	} {
		x := r
		if tc.r != nil {
			x = tc.r(r)
		}
		status, days := creator.Status(x, tc.today, 14)
		if status != tc.want || days == nil || *days != tc.days {
			t.Errorf("%s: %s, %v; want %s, %d", tc.today, status, days, tc.want, tc.days)
		}
	}
	if status, days := creator.Status(backend.Rights{}, "2026-11-15", 14); status != backend.RightsIncomplete || days != nil {
		t.Errorf("empty: %s %v", status, days)
	}
	if got := creator.MostPressing([]string{"active", "expiring", "unsigned"}); got != "expiring" {
		t.Errorf("MostPressing = %s", got)
	}
	if got := creator.MostPressing(nil); got != "none" {
		t.Errorf("MostPressing(nil) = %s", got)
	}
	items := creator.Checklist(backend.Rights{Scopes: []string{"organic"}, SignedDate: "2026-01-01"})
	done := map[string]bool{}
	for _, it := range items {
		done[it.Item] = it.Done
	}
	if len(items) != 6 || !done["scope"] || done["duration"] || !done["signed"] || done["edit_consent"] {
		t.Errorf("Checklist = %+v", items)
	}
}

func TestCovers(t *testing.T) {
	for _, tc := range []struct {
		territories []string
		country     string
		want        bool
	}{
		{[]string{"EU"}, "FR", true}, {[]string{"EU"}, "GB", false}, {[]string{"WW"}, "", true}, {[]string{"FR"}, "", false},
		{nil, "FR", false}, {[]string{"GB", "FR"}, "FR", true},
	} {
		if got := creator.Covers(tc.territories, tc.country); got != tc.want {
			t.Errorf("Covers(%v, %q) = %v", tc.territories, tc.country, got)
		}
	}
}

func keyOf(err error) string {
	if e, ok := err.(*backend.Error); ok {
		return e.Key
	}
	return ""
}
