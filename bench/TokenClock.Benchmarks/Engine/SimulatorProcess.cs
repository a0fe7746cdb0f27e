using System.Diagnostics;
using TokenClock.Core.Processes;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;

namespace TokenClock.Benchmarks.Engine;

/// <summary>
/// Runs the simulator in a separate process (so client and server do not share a thread pool), and the child
/// side of it: <c>simulator TTFT_MS TPOT_MS</c> prints <c>URL {base}</c> and serves until stdin closes.
/// </summary>
internal sealed class SimulatorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SimulatorProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<SimulatorProcess> StartAsync(double ttftMs, double tpotMs)
    {
        var launch = SelfLaunch.Program(typeof(SimulatorProcess).Assembly,
            "simulator", ttftMs.ToString(System.Globalization.CultureInfo.InvariantCulture), tpotMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // TOKENCLOCK_SIM_CPUS pins the simulator (taskset list, e.g. "0") apart from the client being measured.
        var cpus = Environment.GetEnvironmentVariable("TOKENCLOCK_SIM_CPUS");
        if (!string.IsNullOrEmpty(cpus)) launch = launch.Under("taskset", "-c", cpus);
        // stderr stays on the console (nobody here would drain it); the simulator ends when its stdin closes.
        var info = launch.StartInfo(redirectError: false, watchParent: false);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the simulator process");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            if (line.StartsWith("URL ", StringComparison.Ordinal))
                return new SimulatorProcess(process, new Uri(line[4..]));
        throw new InvalidOperationException("the simulator process exited without printing its URL");
    }

    /// <summary>Child entry point.</summary>
    public static async Task<int> RunChildAsync(string[] args)
    {
        var ttft = double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
        var tpot = double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        await using var server = await TokenClockServer.StartSimulatorAsync(
            new SimulationProfile { Ttft = LatencyDistribution.Fixed(ttft), Tpot = LatencyDistribution.Fixed(tpot) },
            new TokenClockServerOptions { ScheduleCapacity = 200_000 });
        Console.WriteLine("URL " + server.BaseAddress);
        Console.Out.Flush();
        // Serve until the parent closes our stdin (or dies).
        await Console.In.ReadToEndAsync();
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }
        _process.Dispose();
    }
}
