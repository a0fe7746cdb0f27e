using BenchmarkDotNet.Running;
using TokenClock.Benchmarks.Engine;

// Micro-benchmarks; results go to docs/benchmarks.md with the command that produced them.
// Macro harnesses: client-overhead (TTFT error vs the simulator), parse-rate, simulator (child process).
return args switch
{
    ["client-overhead", .. var rest] => await ClientOverheadBenchmark.RunAsync(rest),
    ["parse-rate", .. var rest] => await ParseRate.RunAsync(rest),
    ["simulator", .. var rest] => await SimulatorProcess.RunChildAsync(rest),
    _ => RunMicro(args),
};

static int RunMicro(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(ChunkParsingBenchmarks).Assembly).Run(args);
    return 0;
}
