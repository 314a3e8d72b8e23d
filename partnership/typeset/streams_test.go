package typeset

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestPDFIsTheSameInParallel typesets documents at the same time, each compressing its streams
// with a helper and sharing the kept compressors, and checks that each gives the bytes it gives
// alone.
func TestPDFIsTheSameInParallel(t *testing.T) {
	files, err := filepath.Glob("../../examples/*.fr.md")
	if err != nil || len(files) < 3 {
		t.Fatalf("examples: %v, %d files", err, len(files))
	}
	docs := [][]byte{[]byte(testFront + "## Article 1er – Objet {#objet}\n\nTexte.\n"), largeConvention()}
	for _, f := range files[:3] {
		md, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, md)
	}
	want := make([][]byte, len(docs))
	for i, md := range docs {
		want[i] = typeset(t, string(md)).Data
	}
	got := make([][][]byte, 3)
	var wg sync.WaitGroup
	for r := range got {
		got[r] = make([][]byte, len(docs))
		for i, md := range docs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				doc, err := PDF(md, PDFOptions{Creator: "test"})
				if err != nil {
					t.Errorf("document %d typeset in parallel (round %d): %v", i, r, err)
					return
				}
				got[r][i] = doc.Data
			}()
		}
	}
	wg.Wait()
	for r := range got {
		for i := range docs {
			if !bytes.Equal(got[r][i], want[i]) {
				t.Errorf("document %d typeset in parallel (round %d): %d bytes, alone: %d bytes", i, r, len(got[r][i]), len(want[i]))
			}
		}
	}
}

// TestStreamPanicReachesTheTypesetter checks that a stream whose writing panics, on the helper's
// goroutine or the typesetter's, makes finish panic in the typesetter's goroutine, where a
// caller can recover, after the helper has ended.
func TestStreamPanicReachesTheTypesetter(t *testing.T) {
	for round := range 20 {
		var jobs []*streamJob
		for i := range 8 {
			jobs = append(jobs, &streamJob{put: func(z io.Writer) (string, error) {
				if i%3 == 2 {
					panic("broken font")
				}
				_, err := z.Write([]byte("BT /F1 12 Tf ET"))
				return "", err
			}})
		}
		s := startStreams(jobs[:4])
		got := func() (r any) {
			defer func() { r = recover() }()
			s.finish(jobs[4:])
			return nil
		}()
		if got != "broken font" {
			t.Fatalf("round %d: finish recovered %v, want the stream's panic", round, got)
		}
		s.release()
		if n := len(helpers); n != 0 {
			t.Fatalf("round %d: %d helpers still counted at work after finish", round, n)
		}
	}
}
