// TorchSharp's random generator and live-tensor counters are process-wide: tests that seed, count or time training must
// not interleave, so the suite runs one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
