using BenchmarkDotNet.Running;

// Micro-benchmarks; results go to docs/benchmarks.md with the command that produced them.
if (args is ["summarize-inproc", ..]) return await TokenClock.Benchmarks.Summarization.SummarizationMacro.RunAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
