package triage

import (
	"math"

	"tend/backend"
)

// Sentiment is scored the VADER way: each word's valence comes from the lexicon of the message's
// language (falling back to the other language, since French messages borrow English words and
// the other way round), is raised by a preceding intensifier, flipped and damped under
// negation, weighted around "but"/"mais", and the sum is squashed into [-1, 1].
//
// Thresholds: a compound score ≥ 0.3 is positive, ≤ -0.3 negative, neutral in between. VADER's
// own ±0.05 called most polite customer messages positive ("please", "thanks"); ±0.3 was the
// best of ±0.05/0.15/0.3/0.45 on the hand-labelled validation split.
const (
	PositiveThreshold = 0.3
	NegativeThreshold = -0.3
	// vaderAlpha sets how fast the compound score saturates: sum/sqrt(sum²+alpha).
	vaderAlpha = 15
	// negationFactor is VADER's N_SCALAR: "not good" is about -0.74 × "good".
	negationFactor = -0.74
	// boosterIncrement is VADER's B_INCR for intensifiers ("très", "really").
	boosterIncrement = 0.293
	// exclamationIncrement is added per "!" (up to four) in the direction of the sum.
	exclamationIncrement = 0.292
)

// lexiconEntry is a word's valence in VADER units (-4..4) per language; a zero flag means the
// language's lexicons do not know the word.
type lexiconEntry struct {
	en, fr       float32
	hasEN, hasFR bool
}

// boosters are intensifiers (+1) and dampeners (-1) in French and English, folded.
var boosters = map[string]float64{
	"very": 1, "really": 1, "so": 1, "extremely": 1, "totally": 1, "absolutely": 1, "super": 1,
	"incredibly": 1, "completely": 1, "utterly": 1, "too": 1, "most": 1,
	"tres": 1, "vraiment": 1, "trop": 1, "tellement": 1, "hyper": 1, "extremement": 1,
	"absolument": 1, "completement": 1, "totalement": 1, "grave": 1, "franchement": 1, "si": 1,
	"slightly": -1, "somewhat": -1, "barely": -1, "kinda": -1, "little": -1, "bit": -1,
	"peu": -1, "assez": -1, "plutot": -1, "legerement": -1,
}

// contrastWords shift weight to the clause that follows them ("bien mais cher").
var contrastWords = map[string]bool{"but": true, "however": true, "mais": true, "cependant": true, "pourtant": true, "although": true}

// valence looks w up in the lexicon of lang first.
func (lex lexicon) valence(w []byte, lang backend.Language) (float64, bool) {
	e, ok := lex[string(w)]
	if !ok {
		return 0, false
	}
	switch {
	case lang == backend.LanguageFrench && e.hasFR, !e.hasEN:
		return float64(e.fr), true
	case lang == backend.LanguageEnglish, !e.hasFR:
		return float64(e.en), true
	}
	return float64(e.en+e.fr) / 2, true
}

type lexicon map[string]lexiconEntry

// compound returns the VADER-style compound sentiment of a in [-1, 1].
func (lex lexicon) compound(a *analysis, lang backend.Language) float64 {
	var valences [64]float64
	scores := valences[:0]
	contrastAt := -1
	for i, t := range a.tokens {
		if t.kind == tokBreak || t.kind == tokPunct {
			continue
		}
		w := a.bytesOf(t)
		if contrastWords[string(w)] {
			contrastAt = len(scores)
		}
		v, ok := lex.valence(w, lang)
		if t.kind == tokEmoji {
			v, ok = emojiValence(w, v, ok)
		}
		if !ok || v == 0 {
			scores = append(scores, 0)
			continue
		}
		// Intensifiers in the three preceding words, nearer ones counting more.
		for back, decay := 1, 1.0; back <= 3 && i-back >= 0; back, decay = back+1, decay-0.05 {
			if b, ok := boosters[string(a.bytesOf(a.tokens[i-back]))]; ok {
				v += math.Copysign(b*boosterIncrement*decay, v)
			}
		}
		if t.negated {
			v *= negationFactor
		}
		scores = append(scores, v)
	}
	sum := 0.0
	for i, v := range scores {
		switch {
		case contrastAt < 0:
		case i < contrastAt:
			v *= 0.5
		case i > contrastAt:
			v *= 1.5
		}
		sum += v
	}
	if sum != 0 {
		sum += math.Copysign(float64(min(a.exclamations, 4))*exclamationIncrement, sum)
	}
	return sum / math.Sqrt(sum*sum+vaderAlpha)
}

// reactionEmoji are the valences (VADER units) of emoji as people use them under posts, where
// the lexicons read them literally: 🔥 is praise, not a fire; 💀 is laughter, not death.
var reactionEmoji = map[string]float64{
	"🔥": 2.2, "💯": 2, "❤": 2.8, "❤️": 2.8, "😍": 2.8, "🥰": 2.8, "👏": 2, "🙌": 2, "🫶": 2.5, "💖": 2.6,
	"✨": 1.5, "🤩": 2.5, "😂": 1.2, "🤣": 1.2, "💀": 0.8, "🙏": 1, "👍": 1.5, "🥹": 1.5,
	"😡": -2.8, "🤬": -3.2, "🤮": -2.8, "👎": -2, "🖕": -3.2, "💩": -2, "😤": -1.8, "😒": -1.5,
}

// emojiValence prefers the reaction table to the lexicon's reading of an emoji.
func emojiValence(w []byte, lexiconValence float64, known bool) (float64, bool) {
	if v, ok := reactionEmoji[string(w)]; ok {
		return v, true
	}
	return lexiconValence, known
}

// sentimentLabel cuts a compound score at the documented thresholds.
func sentimentLabel(score float64) backend.Sentiment {
	switch {
	case score >= PositiveThreshold:
		return backend.SentimentPositive
	case score <= NegativeThreshold:
		return backend.SentimentNegative
	}
	return backend.SentimentNeutral
}

// sentimentScore blends the lexicon's compound score with the learnt sentiment (probability of
// positive minus probability of negative), weighted by the model's fitted mix.
func (m *Model) sentimentScore(a *analysis, lang backend.Language, learnt *naiveBayes) float64 {
	score := m.lexicon.compound(a, lang)
	if !learnt.trained() || m.sentimentMix == 0 || len(a.tokens) == 0 {
		return score
	}
	var probs [3]float64
	learnt.posterior(a, m.sentimentScale, probs[:])
	neg, _ := sentimentIndex(backend.SentimentNegative)
	pos, _ := sentimentIndex(backend.SentimentPositive)
	return (1-m.sentimentMix)*score + m.sentimentMix*(probs[pos]-probs[neg])
}
