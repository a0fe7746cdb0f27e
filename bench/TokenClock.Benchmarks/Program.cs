using BenchmarkDotNet.Running;

// Micro-benchmarks; results go to docs/benchmarks.md with the command that produced them.
if (args is ["summarize-inproc", ..]) return await TokenClock.Benchmarks.Summarization.SummarizationMacro.RunAsync(args[1..]);
if (args is ["client-overhead", ..]) return await TokenClock.Benchmarks.Engine.ClientOverheadBenchmark.RunAsync(args[1..]);
if (args is ["route-overhead", ..]) return await TokenClock.Benchmarks.Routing.RouterOverhead.RunAsync(args[1..]);
if (args is ["tokenizers", ..]) return TokenClock.Benchmarks.Tokenizers.TokenizerThroughput.Run(args[1..]);
if (args is ["chunk-balance", ..]) return TokenClock.Benchmarks.Summarization.ChunkBalance.Run();
if (args is ["parse-rate", ..]) return await TokenClock.Benchmarks.Engine.ParseRate.RunAsync(args[1..]);
if (args is ["simulator", ..]) return await TokenClock.Benchmarks.Engine.SimulatorProcess.RunChildAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
