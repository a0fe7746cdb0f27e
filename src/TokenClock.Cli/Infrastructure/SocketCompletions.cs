namespace TokenClock.Cli.Infrastructure;

/// <summary>
/// Socket completions of the measuring commands run inline on the runtime's socket event thread instead of being
/// handed to a thread-pool worker. Each SSE chunk otherwise costs a thread wake-up and a context switch: on one
/// pinned core a 1,000-request run made ~69,000 context switches and used ~15% more CPU (docs/benchmarks.md,
/// "Client CPU per request"). The runtime reads the switch once, from the environment, when the first socket is
/// used, so it is set before anything opens one. The read timestamp is still taken by the first code that sees the
/// bytes (now on the event thread, with no queue in front of it); work after a request (the store's commit) is
/// moved back to the thread pool by the load runner. Servers (serve, route), cluster runs (Orleans networking) and
/// workers keep the default, and so does anyone who set DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS.
/// </summary>
internal static class SocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    private static readonly string[] MeasuringCommands = ["run", "summarize", "capacity"];

    /// <summary>True when <paramref name="args"/> name a plain measuring command and nobody chose the mode.</summary>
    public static bool ShouldInline(IReadOnlyList<string> args, string? current) =>
        current is null && args.Count > 0 && MeasuringCommands.Contains(args[0], StringComparer.Ordinal)
        && !args.Any(a => a == "--cluster" || a.StartsWith("--cluster=", StringComparison.Ordinal));

    /// <summary>Call first in Main, before any socket exists.</summary>
    public static void Configure(IReadOnlyList<string> args)
    {
        if (ShouldInline(args, Environment.GetEnvironmentVariable(Variable))) Environment.SetEnvironmentVariable(Variable, "1");
    }
}
