package main

// kg bench: what the kernel says of the process and the machine (CPU
// time, resident memory, the load of other processes).

import (
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// usage is what the kernel says the process has used so far.
type usage struct {
	cpu    time.Duration // user + system
	sys    time.Duration // system alone
	maxRSS uint64        // bytes
}

// readMachineBusy gives the CPU seconds all processes have used so far
// (the busy columns of the first line of /proc/stat), or -1 where that
// cannot be read.
func readMachineBusy() float64 {
	raw, err := os.ReadFile("/proc/stat")
	if err != nil {
		return -1
	}
	line, _, _ := strings.Cut(string(raw), "\n")
	fields := strings.Fields(line)
	if len(fields) < 9 || fields[0] != "cpu" {
		return -1
	}
	var ticks float64
	// user nice system idle iowait irq softirq steal: all but idle and
	// iowait are busy.
	for i, f := range fields[1:9] {
		if i == 3 || i == 4 {
			continue
		}
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return -1
		}
		ticks += v
	}
	return ticks / linuxClockTicks
}

// linuxClockTicks is USER_HZ, the unit of /proc/stat: 100 on every Linux
// architecture Go supports.
const linuxClockTicks = 100

// otherLoad is the share of the machine's CPUs (in percent) that other
// processes used while this one used ownCPU over wall, from the machine's
// busy CPU seconds at the start and the end. ok is false where the
// machine's figure is unknown.
func otherLoad(busyStart, busyEnd float64, ownCPU, wall time.Duration) (pct float64, ok bool) {
	if busyStart < 0 || busyEnd < 0 || wall <= 0 {
		return 0, false
	}
	other := busyEnd - busyStart - ownCPU.Seconds()
	return max(0, other) / (wall.Seconds() * float64(runtime.NumCPU())) * 100, true
}

// resetPeakRSS restarts Linux's count of the peak resident set (VmHWM),
// and reports whether it could.
func resetPeakRSS() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// procStatusBytes reads a memory field ("VmHWM:", "RssAnon:") of
// /proc/self/status.
func procStatusBytes(field string) (uint64, bool) {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for line := range strings.Lines(string(raw)) {
		if rest, ok := strings.CutPrefix(line, field); ok {
			fields := strings.Fields(rest)
			if len(fields) != 2 || fields[1] != "kB" {
				return 0, false
			}
			kb, err := strconv.ParseUint(fields[0], 10, 64)
			return kb * 1024, err == nil
		}
	}
	return 0, false
}

// memSampler follows the Go heap in use (bytes in spans holding objects,
// as runtime.MemStats.HeapInuse, read from runtime/metrics without
// stopping the world) and, on Linux, the anonymous resident memory
// (RssAnon: the heap, stacks and Badger's allocations, without the pages
// of mapped files), keeping their peaks over the whole run and since the
// last resetPeaks.
type memSampler struct {
	heap, heapSinceReset atomic.Uint64
	anon, anonSinceReset atomic.Uint64
	anonKnown            atomic.Bool
	done                 chan struct{}
	stopped              sync.WaitGroup
	stopOnce             sync.Once
}

func startMemSampler(every time.Duration) *memSampler {
	m := &memSampler{done: make(chan struct{})}
	samples := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
	}
	measure := func() {
		metrics.Read(samples)
		var inUse uint64
		for _, s := range samples {
			if s.Value.Kind() == metrics.KindUint64 {
				inUse += s.Value.Uint64()
			}
		}
		raise(&m.heap, inUse)
		raise(&m.heapSinceReset, inUse)
		if anon, ok := procStatusBytes("RssAnon:"); ok {
			m.anonKnown.Store(true)
			raise(&m.anon, anon)
			raise(&m.anonSinceReset, anon)
		}
	}
	measure()
	m.stopped.Add(1)
	go func() {
		defer m.stopped.Done()
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-m.done:
				return
			case <-tick.C:
				measure()
			}
		}
	}()
	return m
}

func raise(peak *atomic.Uint64, v uint64) {
	for {
		old := peak.Load()
		if v <= old || peak.CompareAndSwap(old, v) {
			return
		}
	}
}

func (m *memSampler) resetPeaks() {
	m.heapSinceReset.Store(0)
	m.anonSinceReset.Store(0)
}

func (m *memSampler) stop() {
	m.stopOnce.Do(func() { close(m.done) })
	m.stopped.Wait()
}
