using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using TokenClock.Routing.Hedging;
using TokenClock.Routing.Routing;
using TokenClock.Routing.Telemetry;
using TokenClock.Telemetry;

namespace TokenClock.Benchmarks.Routing;

/// <summary>
/// What the router and its telemetry add over calling the client directly: an in-memory client yields ready-made
/// updates (no I/O, so only our code is timed) while the OpenTelemetry SDK aggregates every instrument (a
/// Prometheus endpoint is live). Per request: p50/p99 of one-chunk calls; per chunk: the mean difference over
/// 1,000-chunk calls divided by 1,000. Prints the figures; targets are 50 µs p99 per request, 1 µs per chunk.
/// </summary>
internal static class RouterOverhead
{
    public static async Task<int> RunAsync(string[] args)
    {
        var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        // --no-sdk: nobody listens to the instruments (what an app without OpenTelemetry pays).
        var sdk = !args.Contains("--no-sdk");
        using var exporters = TelemetryExporters.Start(sdk
            ? new TelemetryExportOptions { PrometheusPort = FreePort(), Sources = [GenAiTelemetry.MeterName] }
            : new TelemetryExportOptions());
        var a = new ReadyClient("a");
        var b = new ReadyClient("b");
        using var routing = new LatencyRoutingChatClient([new("a", a), new("b", b)], new LatencyRoutingOptions { Seed = 3 });
        using var hedged = new LatencyRoutingChatClient([new("a", a), new("b", b)],
            new LatencyRoutingOptions { Seed = 3, Hedging = new HedgingOptions { Delay = TimeSpan.FromSeconds(30) } });

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests per case: {requests}; OpenTelemetry SDK listening: {sdk}; load: {File.ReadAllText("/proc/loadavg").Trim()}"));
        foreach (var (name, client) in new (string, IChatClient)[] { ("routing", routing), ("routing+hedging", hedged) })
        {
            // Interleave bare and routed calls so background load falls on both alike.
            var one = await CompareAsync(a, client, chunks: 1, requests);
            var many = await CompareAsync(a, client, chunks: 1000, Math.Max(200, requests / 50));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-16} per request: bare p50 {one.BareP50:0.0} µs p99 {one.BareP99:0.0} µs; routed p50 {one.RoutedP50:0.0} µs p99 {one.RoutedP99:0.0} µs; added p50 {one.RoutedP50 - one.BareP50:0.0} µs, p99 {one.RoutedP99 - one.BareP99:0.0} µs (target <= 50)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-16} per chunk:   added {(many.RoutedMean - many.BareMean) / 1000.0:0.000} µs (mean over 1,000-chunk calls; target <= 1)"));
        }
        return 0;
    }

    private static async Task<(double BareP50, double BareP99, double RoutedP50, double RoutedP99, double BareMean, double RoutedMean)> CompareAsync(
        ReadyClient bare, IChatClient routed, int chunks, int requests)
    {
        IList<ChatMessage> prompt = [new(ChatRole.User, "Summarize: a short document.")];
        var options = new ChatOptions { MaxOutputTokens = chunks };
        bare.Chunks = chunks;
        for (var i = 0; i < Math.Min(2000, requests); i++)
        {
            await Drain(bare.GetStreamingResponseAsync(prompt, options));
            await Drain(routed.GetStreamingResponseAsync(prompt, options));
        }
        var bareTimes = new double[requests];
        var routedTimes = new double[requests];
        for (var i = 0; i < requests; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            await Drain(bare.GetStreamingResponseAsync(prompt, options));
            var t1 = Stopwatch.GetTimestamp();
            await Drain(routed.GetStreamingResponseAsync(prompt, options));
            var t2 = Stopwatch.GetTimestamp();
            bareTimes[i] = (t1 - t0) * 1e6 / Stopwatch.Frequency;
            routedTimes[i] = (t2 - t1) * 1e6 / Stopwatch.Frequency;
        }
        Array.Sort(bareTimes);
        Array.Sort(routedTimes);
        return (P(bareTimes, 0.5), P(bareTimes, 0.99), P(routedTimes, 0.5), P(routedTimes, 0.99), bareTimes.Average(), routedTimes.Average());
    }

    private static double P(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static async Task Drain(IAsyncEnumerable<ChatResponseUpdate> stream)
    {
        await foreach (var _ in stream)
        {
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>Yields pre-built one-token updates with no I/O: what remains is the caller's own cost.</summary>
    private sealed class ReadyClient(string model) : IChatClient
    {
        private readonly ChatResponseUpdate[] _updates = Enumerable.Range(0, 1000).Select(_ => new ChatResponseUpdate(ChatRole.Assistant, "tok") { ModelId = model }).ToArray();
        private readonly ChatClientMetadata _metadata = new("bench", new Uri("http://127.0.0.1:1/"), model);

        public int Chunks { get; set; } = 1;

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var n = options?.MaxOutputTokens ?? Chunks;
            for (var i = 0; i < n; i++) yield return _updates[i];
            await Task.CompletedTask;
        }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceType == typeof(ChatClientMetadata) ? _metadata : null;

        public void Dispose()
        {
        }
    }
}
