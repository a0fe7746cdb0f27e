using System.ComponentModel;
using System.Globalization;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure.Composition;
using TokenClock.Local.Probe;
using TokenClock.Cli.Infrastructure.Settings;

namespace TokenClock.Cli.Commands.Local;

public sealed class ProbeCommand(CliConsoles consoles) : AsyncCommand<ProbeCommand.Settings>
{
    public sealed class Settings : JsonSettings
    {
        [CommandOption("--threads <N>")]
        [Description("Threads for the parallel measurements (default: all cores).")]
        public int? Threads { get; init; }
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Threads is < 1) throw new Infrastructure.UsageException($"--threads {settings.Threads} must be at least 1.");
        var r = MachineProbe.Run(settings.Threads, cancellationToken);
        // Runs store this machine's probe with their environment; a default-thread probe refreshes that cache.
        if (settings.Threads is null) Infrastructure.CliEnvironment.Save(Core.Results.EnvironmentInfo.Capture(), r.ToProbe());
        if (settings.Json)
        {
            LocalJson.Write(consoles.OutWriter, new { probe = r.ToProbe(), method = r.Method });
            return Task.FromResult(0);
        }
        var o = consoles.OutWriter;
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cores              {r.Cores}"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory             {r.MemoryBytes / 1073741824.0:0.0} GiB"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory read        {r.MemoryReadGbps:0.0} GB/s ({r.Threads} threads), {r.MemoryReadGbpsSingleThread:0.0} GB/s (1 thread)"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"matrix multiply    {r.MatmulGflops:0.0} GFLOP/s ({r.Threads} threads), {r.MatmulGflopsSingleThread:0.0} GFLOP/s (1 thread)"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"took               {r.DurationMs:0} ms"));
        o.WriteLine("method             " + r.Method);
        return Task.FromResult(0);
    }
}
