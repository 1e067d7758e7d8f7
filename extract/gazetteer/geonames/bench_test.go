package geonames_test

import (
	"runtime"
	"testing"

	"github.com/factgraph/kg/extract/gazetteer/geonames"
)

// BenchmarkLoad loads the embedded gazetteer: decompression, indexing,
// everything Default does on its first call. It reports the heap the
// loaded gazetteer keeps (heap-MiB, live after a collection) beside the
// time per load.
func BenchmarkLoad(b *testing.B) {
	var heap float64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		g, err := geonames.Load()
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&after)
		heap = float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
		runtime.KeepAlive(g)
		b.StartTimer()
	}
	b.ReportMetric(heap, "heap-MiB")
}
