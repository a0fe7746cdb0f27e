using System.Runtime.CompilerServices;

namespace TokenClock.Tests.Hosting;

/// <summary>
/// xUnit runs test classes side by side, and some of them block threads (process waits, synchronous fixtures).
/// On a 2-core CI machine the pool starts with two workers and injects more about once per 0.5 s, so one
/// blocked pair delays every timer and socket continuation in the process by up to a second: timing tests then
/// measure the starved pool, not the code. Starting with enough workers removes that injection delay.
/// </summary>
internal static class TestThreadPool
{
#pragma warning disable CA2255 // a test assembly is the application here, not a library
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Widen()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
    }
}
