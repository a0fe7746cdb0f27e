// The coordinator's merge cost; results go to docs/benchmarks.md with the command that produced them.
return await TokenClock.Benchmarks.Cluster.MergeCost.RunAsync(args);
