package triage

import (
	"encoding/binary"
	"slices"

	"tend/backend"
)

// CorrectionWeight is how many training examples one user correction counts for: enough to
// move similar messages at once, while the exact text is fixed by the override below.
const CorrectionWeight = 10

// maxCorrections bounds a workspace's delta; past it the oldest corrections are forgotten.
const maxCorrections = 20000

type task byte

const (
	taskIntent task = iota
	taskSentiment
)

// correction is one user correction, kept with its text so that it can be undone exactly and
// replayed on a newer shipped model.
type correction struct {
	task  task
	class int
	text  string
}

// delta is a workspace's corrections on top of the shipped model. Besides the naive Bayes
// counts they add, the latest correction of a text overrides the prediction for that very text:
// a user who fixes a label expects to see the fix on that message.
type delta struct {
	corrections       []correction
	intentOverride    map[uint64]int
	sentimentOverride map[uint64]int
}

// Learn records that text has the given intent; it takes effect at once.
func (e *Engine) Learn(text string, intent backend.Intent) error {
	c, err := intentIndex(intent)
	if err != nil {
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.apply(correction{task: taskIntent, class: c, text: text})
	return nil
}

// LearnSentiment records that text has the given sentiment; it takes effect at once.
func (e *Engine) LearnSentiment(text string, sentiment backend.Sentiment) error {
	c, err := sentimentIndex(sentiment)
	if err != nil {
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.apply(correction{task: taskSentiment, class: c, text: text})
	return nil
}

// Unlearn undoes the latest Learn(text, intent); ENOTFOUND if there is none.
func (e *Engine) Unlearn(text string, intent backend.Intent) error {
	c, err := intentIndex(intent)
	if err != nil {
		return err
	}
	return e.undo(correction{task: taskIntent, class: c, text: text})
}

// UnlearnSentiment undoes the latest LearnSentiment(text, sentiment); ENOTFOUND if there is none.
func (e *Engine) UnlearnSentiment(text string, sentiment backend.Sentiment) error {
	c, err := sentimentIndex(sentiment)
	if err != nil {
		return err
	}
	return e.undo(correction{task: taskSentiment, class: c, text: text})
}

// Reset drops every correction and returns to the shipped model.
func (e *Engine) Reset() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.reset()
}

// reset is Reset for a caller that holds the write lock.
func (e *Engine) reset() {
	e.intent = e.model.intent.clone()
	e.sentiment = e.model.sentiment.clone()
	e.delta = delta{intentOverride: map[uint64]int{}, sentimentOverride: map[uint64]int{}}
}

// Corrections returns how many corrections the delta holds.
func (e *Engine) Corrections() int {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return len(e.delta.corrections)
}

func (e *Engine) modelFor(t task) *naiveBayes {
	if t == taskIntent {
		return e.intent
	}
	return e.sentiment
}

// apply adds c; the caller holds the write lock.
func (e *Engine) apply(c correction) {
	if len(e.delta.corrections) >= maxCorrections {
		e.remove(0)
	}
	var a analysis
	a.analyze(c.text)
	e.modelFor(c.task).add(&a, c.class, CorrectionWeight)
	e.delta.corrections = append(e.delta.corrections, c)
	e.overrides(c.task)[textKey(&a)] = c.class
}

func (e *Engine) undo(c correction) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	var a analysis
	a.analyze(c.text)
	key := textKey(&a)
	for i := len(e.delta.corrections) - 1; i >= 0; i-- {
		old := e.delta.corrections[i]
		if old.task != c.task || old.class != c.class {
			continue
		}
		var b analysis
		b.analyze(old.text)
		if textKey(&b) == key {
			e.remove(i)
			return nil
		}
	}
	return backend.Errorf(backend.ENOTFOUND, "no such correction to undo")
}

// remove takes correction i out of the counts and recomputes the overrides, so that an earlier
// correction of the same text applies again.
func (e *Engine) remove(i int) {
	old := e.delta.corrections[i]
	var a analysis
	a.analyze(old.text)
	e.modelFor(old.task).add(&a, old.class, -CorrectionWeight)
	e.delta.corrections = slices.Delete(e.delta.corrections, i, i+1)
	overrides := e.overrides(old.task)
	clear(overrides)
	for _, c := range e.delta.corrections {
		if c.task == old.task {
			a.analyze(c.text)
			overrides[textKey(&a)] = c.class
		}
	}
}

func (e *Engine) overrides(t task) map[uint64]int {
	if t == taskIntent {
		return e.delta.intentOverride
	}
	return e.delta.sentimentOverride
}

// The delta format: magic, version, count, then per correction its task, class and text.
const (
	deltaMagic   = "TENDDLTA"
	deltaVersion = 1
)

// Delta returns the corrections in a stable binary form for the store to persist.
func (e *Engine) Delta() []byte {
	e.mu.RLock()
	defer e.mu.RUnlock()
	out := append([]byte(deltaMagic), deltaVersion)
	out = binary.AppendUvarint(out, uint64(len(e.delta.corrections)))
	for _, c := range e.delta.corrections {
		out = append(out, byte(c.task), byte(c.class))
		out = binary.AppendUvarint(out, uint64(len(c.text)))
		out = append(out, c.text...)
	}
	return out
}

// LoadDelta replaces the engine's corrections with those in data, as written by Delta. On error
// the engine is left unchanged.
func (e *Engine) LoadDelta(data []byte) error {
	corrections, err := parseDelta(data)
	if err != nil {
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.reset()
	for _, c := range corrections {
		e.apply(c)
	}
	return nil
}

func parseDelta(data []byte) ([]correction, error) {
	if len(data) < len(deltaMagic)+1 || string(data[:len(deltaMagic)]) != deltaMagic {
		return nil, backend.Errorf(backend.EINVALID, "triage corrections have a bad magic number")
	}
	if v := data[len(deltaMagic)]; v != deltaVersion {
		return nil, backend.Errorf(backend.EINVALID, "triage corrections version %d is not supported (want %d)", v, deltaVersion)
	}
	r := &modelReader{buf: data, off: len(deltaMagic) + 1, section: "corrections"}
	n := r.uvarint()
	if n > maxCorrections {
		return nil, backend.Errorf(backend.EINVALID, "triage corrections hold %d entries, more than %d", n, maxCorrections)
	}
	corrections := make([]correction, 0, n)
	for i := uint64(0); i < n && r.err == nil; i++ {
		c := correction{task: task(r.byte()), class: int(r.byte())}
		c.text = string(r.bytes(r.uvarint()))
		switch {
		case r.err != nil:
		case c.task == taskIntent && c.class < len(backend.Intents),
			c.task == taskSentiment && c.class < len(backend.Sentiments):
			corrections = append(corrections, c)
		default:
			return nil, backend.Errorf(backend.EINVALID, "triage correction %d has an unknown label", i+1)
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	if r.off != len(data) {
		return nil, backend.Errorf(backend.EINVALID, "triage corrections have %d trailing bytes", len(data)-r.off)
	}
	return corrections, nil
}

// Keywords returns a copy of the escalation keywords.
func (e *Engine) Keywords() []Keyword {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return slices.Clone(e.keywords)
}

// SetKeywords replaces the escalation keywords after validating each.
func (e *Engine) SetKeywords(keywords []Keyword) error {
	for _, k := range keywords {
		if err := ValidateKeyword(k); err != nil {
			return err
		}
	}
	keywords = slices.Clone(keywords)
	index := newKeywordIndex(keywords)
	e.mu.Lock()
	defer e.mu.Unlock()
	e.keywords, e.index = keywords, index
	return nil
}

// AddKeyword adds an escalation keyword; ECONFLICT if the same term and language exist.
func (e *Engine) AddKeyword(k Keyword) error {
	if err := ValidateKeyword(k); err != nil {
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, old := range e.keywords {
		if Normalize(old.Term) == Normalize(k.Term) && old.Lang == k.Lang {
			return backend.Errorf(backend.ECONFLICT, "keyword %q (%s) already exists", k.Term, k.Lang)
		}
	}
	e.keywords = append(slices.Clip(e.keywords), k)
	e.index = newKeywordIndex(e.keywords)
	return nil
}

// RemoveKeyword removes an escalation keyword; ENOTFOUND if there is none.
func (e *Engine) RemoveKeyword(term string, lang backend.Language) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	for i, old := range e.keywords {
		if Normalize(old.Term) == Normalize(term) && old.Lang == lang {
			e.keywords = slices.Delete(slices.Clone(e.keywords), i, i+1)
			e.index = newKeywordIndex(e.keywords)
			return nil
		}
	}
	return backend.Errorf(backend.ENOTFOUND, "keyword %q (%s) not found", term, lang)
}
