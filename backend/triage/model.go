package triage

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"sort"

	"tend/backend"
)

// Model is the shipped, trained state of the classifier: intent and sentiment naive Bayes
// counts, calibration, language trigram profiles and the sentiment lexicon. It is immutable once
// built; an Engine copies what it changes.
type Model struct {
	bits      uint8
	intent    *naiveBayes
	sentiment *naiveBayes
	// intentScale and sentimentScale calibrate posteriors (see naiveBayes.posterior).
	intentScale, sentimentScale float64
	// sentimentMix is the weight of the learnt sentiment next to the lexicon score.
	sentimentMix float64
	language     *trigramProfile
	lexicon      lexicon
}

// The model file is gzip over: magic, version, then sections in a fixed order. Counts are
// stored sparsely as (bucket gap, count) uvarint pairs, which gzip compresses well.
const (
	modelMagic   = "TENDTRIG"
	modelVersion = 1
	// maxModelBytes bounds decompression so that a hostile file cannot exhaust memory.
	maxModelBytes = 64 << 20
	minBits       = 10
	maxBits       = 22
	// valenceScale stores a valence in tenths as a signed byte.
	valenceScale = 10
)

// MarshalBinary encodes m in the model file format.
func (m *Model) MarshalBinary() ([]byte, error) {
	var payload []byte
	payload = append(payload, modelMagic...)
	payload = binary.AppendUvarint(payload, modelVersion)
	payload = append(payload, m.bits)
	for _, f := range []float64{m.intentScale, m.sentimentScale, m.sentimentMix} {
		payload = binary.LittleEndian.AppendUint32(payload, math.Float32bits(float32(f)))
	}
	for _, nb := range []*naiveBayes{m.intent, m.sentiment} {
		payload = binary.AppendUvarint(payload, uint64(nb.classes))
		for _, d := range nb.docs {
			payload = binary.AppendUvarint(payload, d)
		}
		for c := 0; c < nb.classes; c++ {
			payload = appendSparse(payload, nb.buckets(), func(b int) uint32 { return nb.counts[b*nb.classes+c] })
		}
	}
	for l := range m.language.counts {
		counts := m.language.counts[l]
		payload = appendSparse(payload, len(counts), func(b int) uint32 { return counts[b] })
	}
	words := make([]string, 0, len(m.lexicon))
	for w := range m.lexicon {
		words = append(words, w)
	}
	sort.Strings(words) // deterministic output
	payload = binary.AppendUvarint(payload, uint64(len(words)))
	for _, w := range words {
		e := m.lexicon[w]
		payload = binary.AppendUvarint(payload, uint64(len(w)))
		payload = append(payload, w...)
		var flags byte
		if e.hasEN {
			flags |= 1
		}
		if e.hasFR {
			flags |= 2
		}
		payload = append(payload, flags, byte(int8(math.Round(float64(e.en)*valenceScale))), byte(int8(math.Round(float64(e.fr)*valenceScale))))
	}
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return nil, backend.Wrap(backend.EINTERNAL, err, "cannot compress model")
	}
	if _, err := zw.Write(payload); err != nil {
		return nil, backend.Wrap(backend.EINTERNAL, err, "cannot compress model")
	}
	if err := zw.Close(); err != nil {
		return nil, backend.Wrap(backend.EINTERNAL, err, "cannot compress model")
	}
	return out.Bytes(), nil
}

func appendSparse(dst []byte, n int, count func(int) uint32) []byte {
	nonzero := 0
	for b := 0; b < n; b++ {
		if count(b) != 0 {
			nonzero++
		}
	}
	dst = binary.AppendUvarint(dst, uint64(nonzero))
	last := 0
	for b := 0; b < n; b++ {
		if c := count(b); c != 0 {
			dst = binary.AppendUvarint(dst, uint64(b-last))
			dst = binary.AppendUvarint(dst, uint64(c))
			last = b
		}
	}
	return dst
}

// LoadModel decodes a model file. Errors are EINVALID and say what is wrong: not gzip, bad
// magic, unsupported version, or which section is truncated or out of range.
func LoadModel(data []byte) (*Model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, backend.Wrap(backend.EINVALID, err, "model is not a gzip stream")
	}
	payload, err := io.ReadAll(io.LimitReader(zr, maxModelBytes+1))
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, backend.Wrap(backend.EINVALID, err, "model is truncated (gzip stream ends early)")
		}
		return nil, backend.Wrap(backend.EINVALID, err, "model gzip stream is corrupt")
	}
	if len(payload) > maxModelBytes {
		return nil, backend.Errorf(backend.EINVALID, "model is larger than %d bytes uncompressed", maxModelBytes)
	}
	r := &modelReader{buf: payload}
	if len(payload) < len(modelMagic) || string(payload[:len(modelMagic)]) != modelMagic {
		return nil, backend.Errorf(backend.EINVALID, "model has a bad magic number: not a Tend triage model")
	}
	r.off = len(modelMagic)
	r.section = "header"
	if v := r.uvarint(); r.err == nil && v != modelVersion {
		return nil, backend.Errorf(backend.EINVALID, "model version %d is not supported (want %d)", v, modelVersion)
	}
	m := &Model{bits: r.byte()}
	if r.err == nil && (m.bits < minBits || m.bits > maxBits) {
		return nil, backend.Errorf(backend.EINVALID, "model hash table size 2^%d is out of range", m.bits)
	}
	m.intentScale, m.sentimentScale, m.sentimentMix = r.float(), r.float(), r.float()
	for i, section := range []string{"intent counts", "sentiment counts"} {
		r.section = section
		want := len(backend.Intents)
		if i == 1 {
			want = len(backend.Sentiments)
		}
		if classes := r.uvarint(); r.err == nil && classes != uint64(want) {
			return nil, backend.Errorf(backend.EINVALID, "model %s have %d classes, want %d", section, classes, want)
		}
		if r.err != nil {
			break
		}
		nb := newNaiveBayes(want, m.bits)
		for c := range nb.docs {
			nb.docs[c] = r.uvarint()
		}
		for c := 0; c < nb.classes; c++ {
			r.sparse(nb.buckets(), func(b int, count uint32) {
				nb.counts[b*nb.classes+c] = count
				nb.totals[c] += uint64(count)
				nb.logCounts[b*nb.classes+c] = float32(math.Log(float64(count) + smoothing))
			})
		}
		if i == 0 {
			m.intent = nb
		} else {
			m.sentiment = nb
		}
	}
	r.section = "language profiles"
	m.language = newTrigramProfile()
	for l := range m.language.counts {
		counts := m.language.counts[l]
		r.sparse(len(counts), func(b int, count uint32) { counts[b] = count })
	}
	m.language.refresh()
	r.section = "lexicon"
	n := r.uvarint()
	if r.err == nil && n > uint64(len(payload)) {
		r.fail()
	}
	m.lexicon = make(lexicon, n)
	for i := uint64(0); i < n && r.err == nil; i++ {
		word := string(r.bytes(r.uvarint()))
		flags, en, fr := r.byte(), int8(r.byte()), int8(r.byte())
		m.lexicon[word] = lexiconEntry{
			en: float32(en) / valenceScale, fr: float32(fr) / valenceScale,
			hasEN: flags&1 != 0, hasFR: flags&2 != 0,
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	if r.off != len(payload) {
		return nil, backend.Errorf(backend.EINVALID, "model has %d unexpected bytes after the lexicon", len(payload)-r.off)
	}
	return m, nil
}

// modelReader reads the payload and remembers the first error, naming the section it was in.
type modelReader struct {
	buf     []byte
	off     int
	section string
	err     error
}

func (r *modelReader) fail() {
	if r.err == nil {
		r.err = backend.Errorf(backend.EINVALID, "model is truncated or corrupt in its %s", r.section)
	}
}

func (r *modelReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.buf[r.off:])
	if n <= 0 {
		r.fail()
		return 0
	}
	r.off += n
	return v
}

func (r *modelReader) byte() byte {
	b := r.bytes(1)
	if len(b) == 0 {
		return 0
	}
	return b[0]
}

func (r *modelReader) bytes(n uint64) []byte {
	if r.err != nil {
		return nil
	}
	if n > uint64(len(r.buf)-r.off) {
		r.fail()
		return nil
	}
	b := r.buf[r.off : r.off+int(n)]
	r.off += int(n)
	return b
}

func (r *modelReader) float() float64 {
	b := r.bytes(4)
	if len(b) < 4 {
		return 0
	}
	f := float64(math.Float32frombits(binary.LittleEndian.Uint32(b)))
	if math.IsNaN(f) || math.IsInf(f, 0) {
		r.err = backend.Errorf(backend.EINVALID, "model %s holds a non-finite number", r.section)
	}
	return f
}

// sparse reads (gap, count) pairs written by appendSparse over n buckets.
func (r *modelReader) sparse(n int, set func(bucket int, count uint32)) {
	nonzero := r.uvarint()
	if r.err == nil && nonzero > uint64(n) {
		r.fail()
		return
	}
	bucket := uint64(0)
	for i := uint64(0); i < nonzero && r.err == nil; i++ {
		bucket += r.uvarint()
		count := r.uvarint()
		if bucket >= uint64(n) || count > math.MaxUint32 {
			r.fail()
			return
		}
		set(int(bucket), uint32(count))
	}
}
