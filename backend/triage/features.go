package triage

// Feature hashing: every word unigram, word bigram and character 3–5-gram of a message is
// hashed with FNV-1a into a fixed table of 2^bits buckets, so the model needs no vocabulary and
// its size does not grow with the corpus.

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
	// maxCharGramWord bounds the bytes of one word that yield character n-grams, so that a
	// pathological 100 KB "word" costs no more than a long sentence.
	maxCharGramWord = 32
)

type hasher uint32

func newHasher(namespace byte) hasher {
	return hasher((fnvOffset ^ uint32(namespace)) * fnvPrime)
}

// add mixes b in, folding digits to '0' so that every price, phone number or order id shares
// features with the others of its shape.
func (h hasher) add(b byte) hasher {
	if b >= '1' && b <= '9' {
		b = '0'
	}
	return hasher((uint32(h) ^ uint32(b)) * fnvPrime)
}

func (h hasher) addBytes(bs []byte) hasher {
	for _, b := range bs {
		h = h.add(b)
	}
	return h
}

func (h hasher) addString(s string) hasher {
	for i := 0; i < len(s); i++ {
		h = h.add(s[i])
	}
	return h
}

// finish applies a final avalanche so that the low bits used as the bucket depend on every
// input byte.
func (h hasher) finish() uint32 {
	x := uint32(h)
	x ^= x >> 16
	x *= 0x7feb352d
	x ^= x >> 15
	x *= 0x846ca68b
	x ^= x >> 16
	return x
}

// forEachFeature calls fn with the bucket of every feature of a, repeats included, as a
// multinomial model counts them.
func forEachFeature(a *analysis, mask uint32, fn func(bucket uint32)) {
	var prev []byte
	var padded [maxCharGramWord + 2]byte
	for _, t := range a.tokens {
		if t.kind == tokBreak {
			prev = nil
			continue
		}
		w := a.bytesOf(t)
		uni := newHasher('u')
		if t.negated {
			uni = uni.addString("NOT_")
		}
		fn(uni.addBytes(w).finish() & mask)
		if prev != nil {
			fn(newHasher('b').addBytes(prev).add(' ').addBytes(w).finish() & mask)
		}
		prev = w
		if t.kind != tokWord {
			continue
		}
		n := copy(padded[1:maxCharGramWord+1], w)
		padded[0], padded[n+1] = '<', '>'
		gram := padded[:n+2]
		for size := 3; size <= 5; size++ {
			for i := 0; i+size <= len(gram); i++ {
				fn(newHasher(byte('0'+size)).addBytes(gram[i:i+size]).finish() & mask)
			}
		}
	}
}
