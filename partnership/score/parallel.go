package score

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// forEach calls f for every index from 0 to n-1, on one goroutine per processor. f writes its
// result to the index's own place, so that the results are in order whatever order they are
// computed in.
func forEach(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		}()
	}
	wg.Wait()
}
