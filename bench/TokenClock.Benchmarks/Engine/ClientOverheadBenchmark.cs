using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Json;
using TokenClock.Core.Backends;
using TokenClock.Core.Http;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;
using TokenClock.Core.Tokens;
using TokenClock.Server.Hosting;

namespace TokenClock.Benchmarks.Engine;

/// <summary>
/// Client-added TTFT error: measured TTFT (client, through the real OpenAI backend and RequestRecorder) minus the
/// simulator's true TTFT (its schedule: first content chunk write − request arrival), at N concurrent streams.
/// The simulator runs in a separate process. Also reports one-way first-token delivery (client read − server
/// write) and the request path (server handler start − client "sent"), both on the machine's shared monotonic clock.
/// Usage: client-overhead [--streams 1,100,1000] [--samples 100] [--ttft-ms 100] [--tpot-ms 10] [--tokens 20]
/// (closed loop: each of N workers sends max(3, samples / N) measured requests after one warm-up request).
/// </summary>
internal static class ClientOverheadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var streams = Arg(args, "--streams", "1,100,1000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var samples = int.Parse(Arg(args, "--samples", "100"), CultureInfo.InvariantCulture);
        var ttft = double.Parse(Arg(args, "--ttft-ms", "100"), CultureInfo.InvariantCulture);
        var tpot = double.Parse(Arg(args, "--tpot-ms", "10"), CultureInfo.InvariantCulture);
        var tokens = int.Parse(Arg(args, "--tokens", "20"), CultureInfo.InvariantCulture);

        Console.WriteLine($"client-overhead: simulator ttft {ttft} ms, tpot {tpot} ms, {tokens} tokens; >= {samples} samples per level; {Environment.ProcessorCount} cores; {DateTime.UtcNow:u}");
        await using var sim = await SimulatorProcess.StartAsync(ttft, tpot);
        using var http = HttpBackendClient.Create();
        using var scheduleClient = new HttpClient { BaseAddress = sim.BaseAddress };
        await using var backend = new OpenAIChatBackend(
            new BackendDescriptor("sim", "openai-compatible", "sim"),
            new HttpBackendEndpoint(new Uri(sim.BaseAddress, "v1/chat/completions"), TimeSpan.FromMinutes(2)),
            client: http);
        var clock = new RunClock();
        var recorder = new RequestRecorder(clock, ApproximateTokenCounter.Instance) { RetainText = false };
        var seed = 0;

        // TTFT error = request path (client "sent" -> server handler start) + delivery (server write -> client read),
        // both measured on the machine's shared monotonic clock.
        Console.WriteLine("streams | n | TTFT error p50 | p90 | p99 | max (ms) | delivery p50 | p99 (ms) | request path p50 | p99 (ms) | failed");
        foreach (var n in streams)
        {
            var errors = new List<double>();
            var delivery = new List<double>();
            var requestPath = new List<double>();
            var failed = 0;
            var rounds = Math.Max(3, (samples + n - 1) / n);
            // Closed loop: n workers, each sending back-to-back requests. Workers start at random offsets within one
            // request's duration so that first tokens are not all due in the same millisecond (a synchronized
            // burst would measure queueing of the burst, not per-event client overhead). Round 0 is warm-up.
            var period = ttft + tokens * tpot;
            var workers = Enumerable.Range(0, n).Select(w => Task.Run(async () =>
            {
                var rng = new Random(w);
                await Task.Delay(TimeSpan.FromMilliseconds(rng.NextDouble() * period));
                var mine = new List<(RequestRecord, int)>(rounds);
                for (var r = 0; r <= rounds; r++)
                {
                    var s = Interlocked.Increment(ref seed);
                    var request = new BackendRequest { Prompt = "Summarize: benchmark", MaxTokens = tokens, IgnoreEos = true, Seed = s };
                    var record = await recorder.RecordAsync(backend, request, s, RequestPhase.Measured, clock.ElapsedNs(), CancellationToken.None);
                    if (r > 0) mine.Add((record, s));
                }
                return mine;
            })).ToArray();
            var batch = (await Task.WhenAll(workers)).SelectMany(x => x).ToArray();
            foreach (var (record, s) in batch)
            {
                if (!record.Succeeded || record.TtftMs() is not { } measured) { failed++; continue; }
                var truth = await ScheduleAsync(scheduleClient, s);
                if (truth?.FirstTokenMs is not { } trueTtft) { failed++; continue; }
                errors.Add(measured - trueTtft);
                var serverWrite = truth.ArrivalTimestamp + (long)(trueTtft / 1000.0 * truth.TimestampFrequency);
                var clientRead = clock.FromRunNs(record.FirstTokenNs!.Value);
                delivery.Add((clientRead - serverWrite) * 1000.0 / Stopwatch.Frequency);
                requestPath.Add((truth.ArrivalTimestamp - clock.FromRunNs(record.SentNs)) * 1000.0 / Stopwatch.Frequency);
            }
            errors.Sort();
            delivery.Sort();
            requestPath.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{n,7} | {errors.Count,5} | {P(errors, 50),8:0.000} | {P(errors, 90),7:0.000} | {P(errors, 99),7:0.000} | {errors.LastOrDefault(),8:0.000} | {P(delivery, 50),7:0.000} | {P(delivery, 99),7:0.000} | {P(requestPath, 50),7:0.000} | {P(requestPath, 99),7:0.000} | {failed}"));
        }
        return 0;
    }

    /// <summary>The server stores a schedule as its handler returns, a moment after the client read [DONE]: retry briefly.</summary>
    private static async Task<ResponseSchedule?> ScheduleAsync(HttpClient client, int seed)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var response = await client.GetAsync(new Uri($"tokenclock/schedule/seed/{seed}", UriKind.Relative));
            if (response.IsSuccessStatusCode)
                return await response.Content.ReadFromJsonAsync(ServerJsonContext.Default.ResponseSchedule);
            await Task.Delay(20);
        }
        return null;
    }

    private static double P(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Arg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
