//go:build !unix

package main

import "time"

// readThreadCPU is not available here: the bench reports no per-thread CPU.
func readThreadCPU() (cpu time.Duration, ok bool) { return 0, false }

// readUsage is not available here: the bench reports no CPU or peak memory.
func readUsage() usage { return usage{} }
