package triage

import (
	"math"

	"tend/backend"
)

// Language detection combines function words, which decide most messages, with character
// trigram statistics learnt from French and English text, which decide messages without
// function words ("Livraison rapide 👍", "Refund asap").
//
// Rule for mixed text: the language with more function-word hits wins ("Hello, je voudrais
// commander" is French: je; hello counts for English but is outnumbered); a tie, or no hits at
// all, is broken by the trigram score. The result is "other" when the text has no letters, when
// function words of another language (es, de, it, pt, nl) outnumber French and English ones, or
// when nothing but weak trigram evidence is found.

const (
	langTrigramBits = 12
	langTrigramMask = 1<<langTrigramBits - 1
	// langTrigramWeight converts the mean trigram log-ratio into stop-word units.
	langTrigramWeight = 1.5
	// langMinTrigramEvidence is the mean log-ratio below which trigrams alone are no evidence.
	langMinTrigramEvidence = 0.25
)

var frenchWords = toSet("le la les l' un une des du de d' et est à au aux ce c' cette ces je j' tu il elle nous vous ils elles ne n' pas que qu' qui quoi dans pour par sur avec mon ma mes ton ta tes son sa ses votre vos notre nos leur leurs suis es sont ai avez avons ont fait faire y en oui non merci bonjour bonsoir salut svp stp s'il plait tres trop bien mais ou donc car comment combien quand pourquoi toujours encore deja rien jamais aussi moi toi lui eux m' t' s' avoir etre etait cela ca ici vraiment")

var englishWords = toSet("the an and is are was were be been i you he she it we they my your his her its our their me him us them this that these those to of in at for with from by not no yes do does did have has had will would can could should what when where why how which who there here please thanks thank hi hello hey ok okay just but or if so than then get got very really about any some all am")

var otherWords = toSet("el los las y es un una que de del por para con no se su muy gracias hola pero como esta der die das und ist nicht ich sie mit ein eine zu auf für danke hallo il lo gli della che non sono per con grazie ciao è o os um uma não obrigado olá het een en niet ik je dank hoi van")

func toSet(words string) map[string]bool {
	set := map[string]bool{}
	start := 0
	for i := 0; i <= len(words); i++ {
		if i == len(words) || words[i] == ' ' {
			if i > start {
				set[Normalize(words[start:i])] = true
			}
			start = i + 1
		}
	}
	return set
}

// trigramProfile holds log P(trigram | language) for French and English over hashed trigrams.
type trigramProfile struct {
	counts [2][]uint32
	logFR  []float32 // log P(bucket | fr) - log P(bucket | en)
}

func newTrigramProfile() *trigramProfile {
	p := &trigramProfile{}
	for l := range p.counts {
		p.counts[l] = make([]uint32, 1<<langTrigramBits)
	}
	p.refresh()
	return p
}

func (p *trigramProfile) refresh() {
	var totals [2]float64
	for l := range p.counts {
		for _, c := range p.counts[l] {
			totals[l] += float64(c)
		}
	}
	p.logFR = make([]float32, 1<<langTrigramBits)
	n := float64(len(p.logFR))
	for b := range p.logFR {
		fr := math.Log((float64(p.counts[0][b]) + 1) / (totals[0] + n))
		en := math.Log((float64(p.counts[1][b]) + 1) / (totals[1] + n))
		p.logFR[b] = float32(fr - en)
	}
}

// forEachTrigram calls fn with the bucket of every letter trigram of a's words.
func forEachTrigram(a *analysis, fn func(bucket uint32)) {
	var padded [maxCharGramWord + 2]byte
	for _, t := range a.tokens {
		if t.kind != tokWord {
			continue
		}
		n := copy(padded[1:maxCharGramWord+1], a.bytesOf(t))
		padded[0], padded[n+1] = ' ', ' '
		for i := 0; i+3 <= n+2; i++ {
			fn(newHasher('t').addBytes(padded[i:i+3]).finish() & langTrigramMask)
		}
	}
}

// learn adds a's trigrams to language l (0 = French, 1 = English).
func (p *trigramProfile) learn(a *analysis, l int) {
	forEachTrigram(a, func(bucket uint32) { p.counts[l][bucket]++ })
}

// detectLanguage applies the rule documented at the top of this file.
func (p *trigramProfile) detectLanguage(a *analysis) backend.Language {
	var fr, en, other, accented float64
	letters := false
	for _, t := range a.tokens {
		if t.kind != tokWord && t.kind != tokElision {
			continue
		}
		w := a.bytesOf(t)
		letters = letters || hasLetter(w)
		if frenchWords[string(w)] {
			fr++
		}
		if englishWords[string(w)] {
			en++
		}
		if otherWords[string(w)] && !frenchWords[string(w)] && !englishWords[string(w)] {
			other++
		}
		if t.accented {
			accented++
		}
	}
	if !letters {
		return backend.LanguageOther
	}
	if other >= 2 && other > fr+en {
		return backend.LanguageOther
	}
	sum, n := 0.0, 0
	forEachTrigram(a, func(bucket uint32) {
		sum += float64(p.logFR[bucket])
		n++
	})
	mean := 0.0
	if n > 0 {
		mean = sum / float64(n)
	}
	// Accented words are a French hint, but Spanish and Portuguese have them too, hence half a
	// vote each, at most one vote.
	score := fr - en + math.Min(accented*0.5, 1)
	if math.Abs(mean) >= langMinTrigramEvidence || fr+en > 0 {
		score += langTrigramWeight * math.Max(-1, math.Min(1, mean))
	}
	switch {
	case score > 0:
		return backend.LanguageFrench
	case score < 0:
		return backend.LanguageEnglish
	}
	return backend.LanguageOther
}

func hasLetter(w []byte) bool {
	for _, c := range w {
		if c >= 'a' && c <= 'z' || c >= 0x80 {
			return true
		}
	}
	return false
}
