package triage

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"tend/backend"
)

// latinFold maps U+00C0..U+017F to lower-case letters without diacritics: the result of NFD
// decomposition with combining marks dropped, plus the ligatures and stroked letters NFD leaves
// alone (æ, œ, ß, ø, ł). A table keeps folding allocation-free and fast for the Latin text Tend
// sees; combining marks of already decomposed text are dropped separately.
var latinFold = [0x180 - 0xC0]string{
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "×", "o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "÷", "o", "u", "u", "u", "u", "y", "th", "y",
	"a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
	"d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
	"g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
	"i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
	"l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
	"o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
	"s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
	"u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
}

// appendFolded appends r lower-cased and without diacritics. Apostrophe look-alikes become "'"
// so that elisions typed on phones (l’article) split like typed ones.
func appendFolded(dst []byte, r rune) []byte {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(dst, byte(r))
	case r >= 0xC0 && r < 0x180:
		return append(dst, latinFold[r-0xC0]...)
	case r >= 0x300 && r <= 0x36F: // combining diacritical marks
		return dst
	case r == '\u2019' || r == '\u2018' || r == '\u02BC' || r == '\u00B4' || r == '`':
		return append(dst, '\'')
	case r == '\u00A0' || r == '\u202F':
		return append(dst, ' ')
	}
	return utf8.AppendRune(dst, unicode.ToLower(r))
}

// Normalize returns s lower-cased with accents folded away ("Remboursé" → "rembourse").
func Normalize(s string) string {
	buf := make([]byte, 0, len(s))
	for _, r := range s {
		buf = appendFolded(buf, r)
	}
	return string(buf)
}

// Tokenize returns the tokens the classifier sees: folded words, French elisions split off
// ("l'", "qu'"), English "n't" spelt "not", URLs as "<url>", mentions as "@user", each emoji and
// emoticon as its own token, and "!"/"?" as tokens. Words within three tokens after a negation
// (ne/n'…pas/jamais/plus/rien, not/no/never/n't) carry a "NOT_" prefix.
func Tokenize(s string) []string {
	var a analysis
	a.analyze(s)
	out := make([]string, 0, len(a.tokens))
	for _, t := range a.tokens {
		if t.kind == tokBreak {
			continue
		}
		w := a.text(t)
		if t.negated {
			w = "NOT_" + w
		}
		out = append(out, w)
	}
	return out
}

type tokenKind uint8

const (
	tokWord     tokenKind = iota // letters and digits
	tokElision                   // a French elided article or pronoun: l', d', qu', j', n' …
	tokEmoji                     // one pictographic emoji, modifiers dropped
	tokEmoticon                  // :) ;-( <3 …
	tokURL                       // any link, as "<url>"
	tokMention                   // any @handle, as "@user"
	tokPunct                     // "!" or "?", kept as intent and intensity cues
	tokBreak                     // other clause punctuation; ends negation scope, never a feature
)

// token is a span of analysis.buf.
type token struct {
	start, end int32
	kind       tokenKind
	negated    bool
	// accented is set when the original word had a diacritic, a hint of French.
	accented bool
}

// analysis holds one message's folded text and tokens. It is reused through a pool so that
// triage does not allocate per message.
type analysis struct {
	buf    []byte
	tokens []token
	// exclamations counts "!" for sentiment emphasis.
	exclamations int
}

func (a *analysis) text(t token) string {
	return string(a.buf[t.start:t.end])
}

// bytesOf returns the token's bytes without copying; they live until the next analyze.
func (a *analysis) bytesOf(t token) []byte {
	return a.buf[t.start:t.end]
}

// emoticons are matched before punctuation is dropped; longest first so ":-))" beats ":-)".
var emoticons = []string{
	":-)))", ":-))", ":'-(", ":-)", ":-(", ":-d", ":-p", ":-/", ":-*", ":'(", ":))",
	":)", ":(", ":d", ":p", ":/", ":*", ":|", ";-)", ";)", ";(", "<3", "</3", "xd", "\\o/", "=)", "=(",
}

// frenchElisions are the words that drop their vowel before another vowel.
var frenchElisions = map[string]bool{
	"l": true, "d": true, "j": true, "qu": true, "n": true, "s": true, "c": true,
	"m": true, "t": true, "jusqu": true, "lorsqu": true, "puisqu": true, "quoiqu": true,
}

func isEmoji(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF, r >= 0x2600 && r <= 0x27BF, r >= 0x2B00 && r <= 0x2BFF,
		r >= 0x2300 && r <= 0x23FF, r == 0x2764, r == 0x2665:
		return !(r >= 0x1F3FB && r <= 0x1F3FF) // skin tones modify the previous emoji
	}
	return false
}

// isJoiner reports runes that only modify an emoji and carry no meaning of their own.
func isJoiner(r rune) bool {
	return r == 0x200D || r == 0xFE0F || r == 0xFE0E || (r >= 0x1F3FB && r <= 0x1F3FF)
}

// analyze folds s into a.buf and splits it into tokens, then marks negation scopes.
func (a *analysis) analyze(s string) {
	a.buf = a.buf[:0]
	a.tokens = a.tokens[:0]
	a.exclamations = 0
	if len(s) > backend.MaxTriageTextBytes {
		s = s[:backend.MaxTriageTextBytes]
	}
	wordStart := -1
	accented := false
	endWord := func() {
		if wordStart >= 0 {
			a.tokens = append(a.tokens, token{start: int32(wordStart), end: int32(len(a.buf)), kind: tokWord, accented: accented})
			wordStart, accented = -1, false
		}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if wordStart < 0 {
			if n := a.special(s[i:]); n > 0 {
				i += n
				continue
			}
		}
		switch {
		case r == utf8.RuneError && size <= 1:
			endWord()
		case isJoiner(r):
			// Part of the previous emoji (variation selectors are marks, not word characters).
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if wordStart < 0 {
				wordStart = len(a.buf)
			}
			accented = accented || (r >= 0xC0 && r < 0x180) || unicode.Is(unicode.Mn, r)
			a.buf = appendFolded(a.buf, r)
		case r == '\'' || r == '\u2019' || r == '\u2018' || r == '\u02BC':
			if skip, split := a.apostrophe(wordStart, s[i+size:]); split {
				wordStart, accented = -1, false
				i += skip
			} else {
				endWord()
			}
		case isEmoji(r):
			endWord()
			start := len(a.buf)
			a.buf = utf8.AppendRune(a.buf, r)
			a.tokens = append(a.tokens, token{start: int32(start), end: int32(len(a.buf)), kind: tokEmoji})
		default:
			endWord()
			a.punctuation(r)
		}
		i += size
	}
	endWord()
	a.markNegation()
}

// special consumes a URL, a mention or an emoticon at the start of rest, returning its length.
func (a *analysis) special(rest string) int {
	if len(rest) == 0 {
		return 0
	}
	c := rest[0]
	switch {
	case (c == 'h' || c == 'H') && (hasPrefixFold(rest, "http://") || hasPrefixFold(rest, "https://")),
		(c == 'w' || c == 'W') && hasPrefixFold(rest, "www."):
		a.appendToken("<url>", tokURL)
		return spanUntilSpace(rest)
	case c == '@' && len(rest) > 1 && rest[1] != ' ':
		a.appendToken("@user", tokMention)
		return spanUntilSpace(rest)
	case c == ':' || c == ';' || c == '<' || c == 'x' || c == 'X' || c == '\\' || c == '=':
		for _, e := range emoticons {
			if hasPrefixFold(rest, e) && (len(rest) == len(e) || !isWordByte(rest[len(e)])) {
				a.appendToken(e, tokEmoticon)
				return len(e)
			}
		}
	}
	return 0
}

func (a *analysis) appendToken(text string, kind tokenKind) {
	start := len(a.buf)
	a.buf = append(a.buf, text...)
	a.tokens = append(a.tokens, token{start: int32(start), end: int32(len(a.buf)), kind: kind})
	// Keep a separator so that tokens never run together in buf.
	a.buf = append(a.buf, ' ')
}

// apostrophe handles an apostrophe after the word that starts at wordStart (or -1) and before
// rest: French elisions become their own token ("l'") and English "n't" becomes "not". It
// reports whether it emitted the word and how many bytes of rest it consumed; other
// contractions are left to end the word as usual.
func (a *analysis) apostrophe(wordStart int, rest string) (skip int, split bool) {
	if wordStart < 0 {
		return 0, false
	}
	word := string(a.buf[wordStart:])
	nextIsLetter := false
	if r, _ := utf8.DecodeRuneInString(rest); unicode.IsLetter(r) {
		nextIsLetter = true
	}
	switch {
	case nextIsLetter && frenchElisions[word]:
		a.buf = append(a.buf, '\'')
		a.tokens = append(a.tokens, token{start: int32(wordStart), end: int32(len(a.buf)), kind: tokElision})
		return 0, true
	case strings.HasSuffix(word, "n") && len(word) > 1 && (rest == "t" || (len(rest) > 1 && (rest[0] == 't' || rest[0] == 'T') && !isWordByte(rest[1]))):
		stem := word[:len(word)-1]
		switch word {
		case "can":
			stem = "can"
		case "won":
			stem = "will"
		}
		a.buf = a.buf[:wordStart]
		a.buf = append(a.buf, stem...)
		a.tokens = append(a.tokens, token{start: int32(wordStart), end: int32(len(a.buf)), kind: tokWord})
		a.buf = append(a.buf, ' ')
		a.appendToken("not", tokWord)
		return 1, true
	}
	return 0, false
}

func (a *analysis) punctuation(r rune) {
	switch r {
	case '!', '?':
		if r == '!' {
			a.exclamations++
		}
		if n := len(a.tokens); n > 0 && a.tokens[n-1].kind == tokPunct && a.buf[a.tokens[n-1].start] == byte(r) {
			return // "!!!" is one feature
		}
		start := len(a.buf)
		a.buf = append(a.buf, byte(r))
		a.tokens = append(a.tokens, token{start: int32(start), end: int32(len(a.buf)), kind: tokPunct})
		a.buf = append(a.buf, ' ')
	case '.', ',', ';', ':', '\n', '(', ')', '"', '«', '»', '…', '–', '—':
		if n := len(a.tokens); n > 0 && a.tokens[n-1].kind != tokBreak {
			a.tokens = append(a.tokens, token{start: int32(len(a.buf)), end: int32(len(a.buf)), kind: tokBreak})
		}
		a.buf = append(a.buf, ' ')
	default:
		a.buf = append(a.buf, ' ')
	}
}

// negationScope is how many following tokens a negation word reaches, as in VADER.
const negationScope = 3

// markNegation flags the words that follow a negation cue. French "plus" only negates after
// ne/n' ("je n'en veux plus"), since alone it means "more".
func (a *analysis) markNegation() {
	remaining := 0
	sawNe := false
	for i := range a.tokens {
		t := &a.tokens[i]
		if t.kind == tokBreak || t.kind == tokPunct {
			remaining, sawNe = 0, false
			continue
		}
		w := a.bytesOf(*t)
		if isNegation(w, sawNe) {
			if string(w) == "ne" || string(w) == "n'" {
				sawNe = true
			}
			remaining = negationScope
			continue
		}
		if remaining > 0 && (t.kind == tokWord || t.kind == tokElision) {
			t.negated = true
			remaining--
		}
	}
}

func isNegation(w []byte, afterNe bool) bool {
	switch string(w) {
	case "ne", "n'", "pas", "jamais", "rien", "aucun", "aucune", "not", "no", "never", "nothing",
		"nobody", "none", "neither", "nor", "cannot", "without", "sans":
		return true
	case "plus", "personne":
		return afterNe
	}
	return false
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func spanUntilSpace(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' || s[i] == '\n' || s[i] == '\t' {
			return i
		}
	}
	return len(s)
}
