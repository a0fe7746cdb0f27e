using BenchmarkDotNet.Running;

// Micro-benchmarks; results go to docs/benchmarks.md with the command that produced them.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
