// Timing tests compare measured and true latencies; running them one at a time keeps CPU contention between
// tests out of the comparison (the machine's own load is covered by generous tolerances).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
