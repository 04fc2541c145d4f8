package creator

import (
	"math"
	"slices"

	"tend/backend"
)

// Maximum points of each fit factor.
const (
	MaxAudiencePoints    = 25
	MaxEngagementPoints  = 35
	MaxTerritoryPoints   = 20
	MaxBrandSafetyPoints = 20
)

// EU lists the member states of the European Union (Greece as GR, its ISO code).
var EU = []string{"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
	"IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}

// Covers reports whether territories (country codes, "EU", "WW") include the country. An empty
// country is covered only by "WW".
func Covers(territories []string, country string) bool {
	for _, t := range territories {
		switch {
		case t == backend.TerritoryWorldwide:
			return true
		case country == "":
		case t == country:
			return true
		case t == backend.TerritoryEU && slices.Contains(EU, country):
			return true
		}
	}
	return false
}

// audienceBand returns the band and points of an audience size.
func audienceBand(size *int64) (string, int) {
	switch {
	case size == nil:
		return "unknown", 0
	case *size < 1_000:
		return "starter", 5
	case *size < 10_000:
		return "nano", 18
	case *size < 100_000:
		return "micro", 25
	case *size < 500_000:
		return "mid", 18
	case *size < 1_000_000:
		return "macro", 12
	}
	return "mega", 8
}

// ScoreFit returns a creator's fit score with its inputs (see the package documentation).
func ScoreFit(c backend.Creator, s backend.CreatorSettings) backend.Fit {
	band, points := audienceBand(c.AudienceSize)
	audience := backend.FitInput{Factor: backend.FitAudience, Points: points, Max: MaxAudiencePoints, Band: band}
	if c.AudienceSize != nil {
		audience.Value = float64(*c.AudienceSize)
	}

	engagement := backend.FitInput{Factor: backend.FitEngagement, Max: MaxEngagementPoints, Band: "unknown", Benchmark: benchmark(c.Niche, s)}
	if c.EngagementRate != nil && engagement.Benchmark > 0 {
		ratio := *c.EngagementRate / engagement.Benchmark
		engagement.Value = *c.EngagementRate
		engagement.Points = int(math.Round(MaxEngagementPoints * math.Min(ratio, 2) / 2))
		switch {
		case ratio < 0.8:
			engagement.Band = "below"
		case ratio > 1.2:
			engagement.Band = "above"
		default:
			engagement.Band = "at"
		}
	}

	territory := backend.FitInput{Factor: backend.FitTerritory, Max: MaxTerritoryPoints}
	switch {
	case len(s.TargetTerritories) == 0:
		territory.Band, territory.Points = "no_target", MaxTerritoryPoints/2
	case c.Territory == "":
		territory.Band = "unknown"
	case Covers(s.TargetTerritories, c.Territory):
		territory.Band, territory.Points = "match", MaxTerritoryPoints
	default:
		territory.Band = "no_match"
	}

	safety := backend.FitInput{Factor: backend.FitBrandSafety, Max: MaxBrandSafetyPoints, Band: c.BrandSafety}
	switch c.BrandSafety {
	case backend.BrandSafetyClear:
		safety.Points = 20
	case backend.BrandSafetyMinor:
		safety.Points = 10
	case backend.BrandSafetyMajor:
		safety.Points = 0
	default:
		safety.Band, safety.Points = "unknown", 5
	}

	inputs := []backend.FitInput{audience, engagement, territory, safety}
	score := 0
	for _, in := range inputs {
		score += in.Points
	}
	return backend.Fit{Score: score, Inputs: inputs}
}

// benchmark returns the engagement benchmark of a niche: the workspace's, else Tend's default,
// else the default of "other".
func benchmark(niche string, s backend.CreatorSettings) float64 {
	if niche == "" {
		niche = "other"
	}
	if b, ok := s.Benchmarks[niche]; ok && b > 0 {
		return b
	}
	defaults := backend.DefaultNicheBenchmarks()
	if b, ok := defaults[niche]; ok {
		return b
	}
	return defaults["other"]
}
