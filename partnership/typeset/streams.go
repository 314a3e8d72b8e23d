package typeset

import (
	"bytes"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/klauspost/compress/zlib"
)

// Compressing the streams is the largest part of a PDF's work once the pages are laid out, and
// layout leaves the other processors idle. Every stream is compressed on its own, so the
// streams of a document are shared out between the typesetter and a helper: the fonts' as soon
// as the text is complete (while fpdf writes its output), the pages' once fpdf's output is read.
// Each stream's bytes depend on its content only, and finish puts them in the file in a fixed
// order, so the file is the same bytes whoever compressed what.

// streamJob is one stream to compress, and where its compressed bytes went.
type streamJob struct {
	// put writes the stream's content and returns what its dictionary adds to the length.
	put func(z io.Writer) (dict string, err error)
	// worker is the compressor that did it: its buffer holds the bytes from start to end.
	worker     *streamWorker
	start, end int
	dict       string
	err        error
	// panicked is what put panicked with, if it did: finish panics with it again in the
	// typesetter's goroutine, where the caller can recover, as for the Markdown parsed ahead.
	panicked any
}

// data is the compressed stream.
func (j *streamJob) data() []byte { return j.worker.buf.Bytes()[j.start:j.end] }

// streamWorker compresses streams one after another into one buffer.
type streamWorker struct {
	z   *zlib.Writer
	buf bytes.Buffer
}

// workers are compressors, and the buffers they compress into, kept between documents: building
// a compressor allocates more than a page of text costs to typeset. A few are kept, whatever the
// garbage collector does (a sync.Pool would drop them at every collection).
var workers = make(chan *streamWorker, 4)

// workerBuffer is the room a worker's buffer starts with, a share of a long document's streams;
// a buffer grown past maxWorkerBuffer is not kept.
const (
	workerBuffer    = 96 << 10
	maxWorkerBuffer = 1 << 20
)

// prepareWorkers makes, once per process, the workers of the typesetter and its helper: each
// is about a megabyte of memory that a document would otherwise touch for the first time as it
// ends.
var prepareWorkers = sync.OnceFunc(func() {
	for range 2 {
		k := newWorker()
		k.z.Write(nil) // the compressor is made with the stream's header
		releaseWorker(k)
	}
})

// firstOutput is room for the file of a process's first PDF, made and touched by Prepare in the
// background: it is the largest buffer a document fills, as it ends, and the first touch of
// fresh memory costs more than what is written into it.
var firstOutput = make(chan []byte, 1)

// preparedOutput is the size of firstOutput, that of a long document's file.
const preparedOutput = 512 << 10

var prepareOutput = sync.OnceFunc(func() {
	b := make([]byte, preparedOutput)
	for i := 0; i < len(b); i += 4 << 10 {
		b[i] = 0xFF
	}
	firstOutput <- b[:0]
})

// outputBuffer returns a buffer with room for size bytes.
func outputBuffer(size int) *bytes.Buffer {
	select {
	case b := <-firstOutput:
		if cap(b) >= size {
			return bytes.NewBuffer(b)
		}
	default:
	}
	return bytes.NewBuffer(make([]byte, 0, size))
}

func newWorker() *streamWorker {
	k := &streamWorker{}
	k.buf.Grow(workerBuffer)
	k.z, _ = zlib.NewWriterLevel(io.Discard, zlib.BestSpeed)
	return k
}

func acquireWorker() *streamWorker {
	select {
	case k := <-workers:
		return k
	default:
		return newWorker()
	}
}

// releaseWorker keeps k for another document, once the bytes it holds are no longer needed.
func releaseWorker(k *streamWorker) {
	if k == nil || k.buf.Cap() > maxWorkerBuffer {
		return
	}
	k.buf.Reset()
	k.z.Reset(io.Discard)
	select {
	case workers <- k:
	default:
	}
}

// run compresses job j into the worker's buffer.
func (k *streamWorker) run(j *streamJob) {
	k.z.Reset(&k.buf)
	j.worker, j.start = k, k.buf.Len()
	func() {
		defer func() { j.panicked = recover() }()
		j.dict, j.err = j.put(k.z)
	}()
	k.z.Close()
	j.end = k.buf.Len()
}

// streamSet shares out the streams of a document. Its first jobs are known when it starts (the
// fonts'), the others (the pages') when finish has found them in fpdf's output.
type streamSet struct {
	first []*streamJob
	// later is set, then ready closed, once; the helper reads it only after ready is closed.
	later  []*streamJob
	ready  chan struct{}
	closed bool
	next   atomic.Int32
	helper sync.WaitGroup
	// The workers of the typesetter and of the helper, taken when they first have a job.
	own, other *streamWorker
}

// helpers bounds the helpers at work at once to the processors beyond the first: documents
// typeset side by side (a batch) already keep every processor busy, and each helper holds a
// compressor.
var helpers = make(chan struct{}, max(1, runtime.GOMAXPROCS(0)-1))

// startStreams starts compressing first in the background, unless every helper is at work: the
// typesetter then compresses every stream itself.
func startStreams(first []*streamJob) *streamSet {
	s := &streamSet{first: first, ready: make(chan struct{})}
	select {
	case helpers <- struct{}{}:
	default:
		return s
	}
	s.helper.Add(1)
	go func() {
		defer func() {
			<-helpers
			s.helper.Done()
		}()
		s.work(&s.other)
	}()
	return s
}

// work takes the jobs in order until none is left.
func (s *streamSet) work(k **streamWorker) {
	for {
		i := int(s.next.Add(1)) - 1
		var j *streamJob
		if i < len(s.first) {
			j = s.first[i]
		} else {
			<-s.ready
			if i -= len(s.first); i >= len(s.later) {
				return
			}
			j = s.later[i]
		}
		if *k == nil {
			*k = acquireWorker()
		}
		(*k).run(j)
	}
}

// finish adds the later jobs, does its share of all the jobs and waits for the helper's. The
// jobs' bytes are then valid until release.
func (s *streamSet) finish(later []*streamJob) {
	s.later = later
	s.close()
	s.work(&s.own)
	s.helper.Wait()
	for _, jobs := range [][]*streamJob{s.first, s.later} {
		for _, j := range jobs {
			if j.panicked != nil {
				panic(j.panicked)
			}
		}
	}
}

// release keeps the workers for other documents.
func (s *streamSet) release() {
	releaseWorker(s.own)
	releaseWorker(s.other)
	s.own, s.other = nil, nil
}

// jobs lists every job, once finish has returned.
func (s *streamSet) jobs() []*streamJob {
	return append(s.first[:len(s.first):len(s.first)], s.later...)
}

// close lets the helper finish without later jobs; it is safe to call again.
func (s *streamSet) close() {
	if s != nil && !s.closed {
		s.closed = true
		close(s.ready)
	}
}

// wait waits for the helper, when the document ends before finish.
func (s *streamSet) wait() {
	if s != nil {
		s.close()
		s.helper.Wait()
	}
}
