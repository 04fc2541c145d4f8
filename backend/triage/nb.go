package triage

import (
	"math"
)

// smoothing is the Lidstone pseudo-count of every (bucket, class) cell.
const smoothing = 0.1

// naiveBayes is a multinomial naive Bayes classifier over hashed features. Counts are whole
// numbers (examples are weighted by integers), so adding and then removing an example restores
// the exact same state: that is what makes corrections undoable.
type naiveBayes struct {
	classes int
	mask    uint32
	// counts[bucket*classes+class] is how often the bucket's features occurred in the class.
	counts []uint32
	totals []uint64 // feature occurrences per class
	docs   []uint64 // weighted examples per class
	// logCounts caches log(counts+smoothing) so that scoring is one table read per feature.
	logCounts []float32
}

func newNaiveBayes(classes int, bits uint8) *naiveBayes {
	buckets := 1 << bits
	m := &naiveBayes{
		classes:   classes,
		mask:      uint32(buckets - 1),
		counts:    make([]uint32, buckets*classes),
		totals:    make([]uint64, classes),
		docs:      make([]uint64, classes),
		logCounts: make([]float32, buckets*classes),
	}
	empty := float32(math.Log(smoothing))
	for i := range m.logCounts {
		m.logCounts[i] = empty
	}
	return m
}

func (m *naiveBayes) clone() *naiveBayes {
	c := *m
	c.counts = append([]uint32(nil), m.counts...)
	c.totals = append([]uint64(nil), m.totals...)
	c.docs = append([]uint64(nil), m.docs...)
	c.logCounts = append([]float32(nil), m.logCounts...)
	return &c
}

func (m *naiveBayes) buckets() int { return len(m.counts) / m.classes }

// add counts a's features weight times for class; a negative weight removes an example that was
// added before.
func (m *naiveBayes) add(a *analysis, class int, weight int) {
	w := uint32(abs(weight))
	forEachFeature(a, m.mask, func(bucket uint32) {
		i := int(bucket)*m.classes + class
		if weight > 0 {
			m.counts[i] += w
			m.totals[class] += uint64(w)
		} else {
			m.counts[i] -= min(w, m.counts[i])
			m.totals[class] -= min(uint64(w), m.totals[class])
		}
		m.logCounts[i] = float32(math.Log(float64(m.counts[i]) + smoothing))
	})
	if weight > 0 {
		m.docs[class] += uint64(w)
	} else {
		m.docs[class] -= min(uint64(w), m.docs[class])
	}
}

// trained reports whether the model has seen any example.
func (m *naiveBayes) trained() bool {
	for _, d := range m.docs {
		if d > 0 {
			return true
		}
	}
	return false
}

// posterior writes class probabilities into probs. Naive Bayes log-likelihoods grow with the
// number of features and make raw posteriors near 0 or 1; dividing the log-odds by the square
// root of the feature count and multiplying by scale (fitted on held-out data) makes them
// usable as confidences without changing the winning class.
func (m *naiveBayes) posterior(a *analysis, scale float64, probs []float64) {
	var scores [8]float64
	s := scores[:m.classes]
	n := 0
	forEachFeature(a, m.mask, func(bucket uint32) {
		row := m.logCounts[int(bucket)*m.classes : int(bucket)*m.classes+m.classes]
		for c := range s {
			s[c] += float64(row[c])
		}
		n++
	})
	var allDocs uint64
	for _, d := range m.docs {
		allDocs += d
	}
	buckets := float64(m.buckets())
	for c := range s {
		prior := math.Log((float64(m.docs[c]) + 1) / (float64(allDocs) + float64(m.classes)))
		s[c] += prior - float64(n)*math.Log(float64(m.totals[c])+smoothing*buckets)
	}
	softmax(s, scale/math.Sqrt(float64(max(n, 1))), probs)
}

// softmax writes the normalised exp(scale*scores) into probs.
func softmax(scores []float64, scale float64, probs []float64) {
	top := math.Inf(-1)
	for _, v := range scores {
		top = math.Max(top, v)
	}
	sum := 0.0
	for c, v := range scores {
		probs[c] = math.Exp((v - top) * scale)
		sum += probs[c]
	}
	for c := range probs {
		probs[c] /= sum
	}
}

func argmax(v []float64) int {
	best := 0
	for i := range v {
		if v[i] > v[best] {
			best = i
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
