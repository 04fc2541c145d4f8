package triage

import (
	"encoding/json"
	"strings"

	"tend/backend"
)

// Keyword and KeywordKind are the domain's escalation keywords; this package matches them.
type (
	Keyword     = backend.Keyword
	KeywordKind = backend.KeywordKind
)

// maxPhraseWords bounds a keyword's length in words.
const maxPhraseWords = 8

// ValidateKeyword reports whether k can be matched: the domain's checks, then its words.
func ValidateKeyword(k Keyword) error {
	if err := k.Validate(); err != nil {
		return err
	}
	stems := keywordStems(k.Term)
	if len(stems) == 0 {
		return backend.Errorf(backend.EINVALID, "keyword %q has no words", k.Term)
	}
	if len(stems) > maxPhraseWords {
		return backend.Errorf(backend.EINVALID, "keyword %q is longer than %d words", k.Term, maxPhraseWords)
	}
	return nil
}

// ParseKeywords decodes a JSON array of keywords and validates each.
func ParseKeywords(data []byte) ([]Keyword, error) {
	var keywords []Keyword
	if err := json.Unmarshal(data, &keywords); err != nil {
		return nil, backend.Wrap(backend.EINVALID, err, "escalation keywords are not a JSON array of {term, lang, kind}")
	}
	for _, k := range keywords {
		if err := ValidateKeyword(k); err != nil {
			return nil, err
		}
	}
	return keywords, nil
}

// phrase is a compiled keyword: the stems of its words.
type phrase struct {
	keyword Keyword
	stems   []string
	// key is the stems joined: two entries that stem alike ("remboursement", "rembourser")
	// are one match.
	key string
}

// keywordIndex finds phrases by the stem of their first word.
type keywordIndex map[string][]phrase

func newKeywordIndex(keywords []Keyword) keywordIndex {
	idx := keywordIndex{}
	for _, k := range keywords {
		stems := keywordStems(k.Term)
		idx[stems[0]] = append(idx[stems[0]], phrase{keyword: k, stems: stems, key: strings.Join(stems, " ")})
	}
	return idx
}

// keywordStems analyses a term like a message and stems its words.
func keywordStems(term string) []string {
	var a analysis
	a.analyze(term)
	var stems []string
	for _, t := range a.tokens {
		if t.kind == tokWord {
			stems = append(stems, string(stem(a.bytesOf(t))))
		}
	}
	return stems
}

// match returns the phrases found in a, each once, in order of appearance.
func (idx keywordIndex) match(a *analysis, stems [][]byte, found []phrase) []phrase {
	stems = stems[:0]
	for _, t := range a.tokens {
		switch t.kind {
		case tokWord:
			stems = append(stems, stem(a.bytesOf(t)))
		case tokBreak, tokPunct:
			stems = append(stems, nil) // clause boundary
		}
	}
	for i, s := range stems {
		if s == nil {
			continue
		}
		for _, p := range idx[string(s)] {
			if matchesAt(stems, i, p.stems) && !containsPhrase(found, p.key) {
				found = append(found, p)
			}
		}
	}
	return found
}

// matchesAt reports whether want's words follow stems[i] within one clause, allowing one extra
// word before each.
func matchesAt(stems [][]byte, i int, want []string) bool {
	pos := i
	for _, w := range want[1:] {
		switch {
		case pos+1 < len(stems) && stems[pos+1] != nil && string(stems[pos+1]) == w:
			pos++
		case pos+2 < len(stems) && stems[pos+1] != nil && stems[pos+2] != nil && string(stems[pos+2]) == w:
			pos += 2
		default:
			return false
		}
	}
	return true
}

func containsPhrase(list []phrase, key string) bool {
	for _, x := range list {
		if x.key == key {
			return true
		}
	}
	return false
}

// stemSuffixes are French and English inflections, longest first. Stripping is light on
// purpose: it only needs to make word forms of escalation keywords meet, not to be linguistics.
var stemSuffixes = []string{
	"issements", "issement", "ements", "ement", "ations", "ation", "euses", "euse", "eurs", "eur",
	"ings", "ing", "ies", "ees", "ers", "er", "ez", "ed", "es", "ee", "e", "s", "y",
}

// minStem keeps short words ("pas", "sue") whole.
const minStem = 3

// stem strips up to two suffixes and undoubles a final consonant left by -ed/-ing
// ("scammed" → "scam"), so "mauvaise"/"mauvais" and "refunded"/"refund" meet. It returns a
// sub-slice of w.
func stem(w []byte) []byte {
	for pass := 0; pass < 2; pass++ {
		stripped := false
		for _, suffix := range stemSuffixes {
			if len(w)-len(suffix) >= minStem && strings.HasSuffix(string(w), suffix) {
				w = w[:len(w)-len(suffix)]
				stripped = true
				break
			}
		}
		if !stripped {
			break
		}
	}
	if n := len(w); n > minStem && w[n-1] == w[n-2] && !isVowel(w[n-1]) {
		w = w[:n-1]
	}
	return w
}

func isVowel(c byte) bool {
	return strings.IndexByte("aeiouy", c) >= 0
}
