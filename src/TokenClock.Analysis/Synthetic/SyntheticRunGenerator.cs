using TokenClock.Analysis.Runs;
using TokenClock.Analysis.Statistics;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;

namespace TokenClock.Analysis.Synthetic;

/// <summary>Builds in-memory runs with known parameters (seeded; identical output for identical input).</summary>
public static class SyntheticRunGenerator
{
    /// <summary>The fixed environment every generated run carries.</summary>
    public static EnvironmentInfo Environment { get; } = new()
    {
        Os = "Synthetic OS",
        CpuModel = "Synthetic CPU",
        Cores = 4,
        MemoryBytes = 8L << 30,
        Runtime = ".NET",
        ToolVersion = "0.1.0",
        MachineName = "synthetic",
    };

    /// <summary>A run <paramref name="runId"/> with <paramref name="requestsPerBackend"/> requests of each series, drawn with
    /// <paramref name="seed"/>; <paramref name="probe"/> goes into the environment, and <paramref name="keepChunks"/>
    /// false leaves out the per-chunk timestamps (smaller records, no ITL samples).</summary>
    public static RunData Generate(long runId, string name, IReadOnlyList<SyntheticSeries> backends, int requestsPerBackend,
        ulong seed, IReadOnlyDictionary<string, double>? probe = null, bool keepChunks = true)
    {
        var rng = new DeterministicRandom(seed);
        var records = new List<RequestRecord>(backends.Count * requestsPerBackend);
        var index = 0;
        foreach (var b in backends)
        {
            long clock = 1_000_000;
            for (var i = 0; i < requestsPerBackend; i++)
            {
                records.Add(Make(b, index++, i, requestsPerBackend, ref clock, rng, keepChunks));
            }
        }
        var info = new RunInfo
        {
            Name = name,
            StartedUtc = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero),
            SpecJson = "{\"synthetic\":true}",
            Environment = probe is null ? Environment : Environment with { Probe = probe },
        };
        var run = new StoredRun
        {
            Id = runId,
            Info = info,
            Status = RunStatus.Completed,
            EndedUtc = info.StartedUtc.AddMinutes(10),
            RequestCount = records.Count,
            ErrorCount = records.Count(r => !r.Succeeded),
        };
        return new RunData(run, records, []);
    }

    private static RequestRecord Make(SyntheticSeries b, int index, int i, int count, ref long clock, DeterministicRandom rng, bool keepChunks)
    {
        const long Ms = 1_000_000;
        var tokens = b.MinTokens + rng.Next(b.MaxTokens - b.MinTokens + 1);
        var input = b.InputMin + (b.InputMax > b.InputMin ? rng.Next(b.InputMax - b.InputMin + 1) : 0);
        var queueDelay = b.QueueDelayStartMs + (b.QueueDelayEndMs - b.QueueDelayStartMs) * i / Math.Max(1, count - 1);
        var warm = b.WarmupRequests > 0 && i < b.WarmupRequests ? b.WarmupExtraMs * (1 - (double)i / b.WarmupRequests) : 0;
        var ttft = Math.Max(1, b.TtftMs + b.PerInputTokenMs * input + warm + b.TrendMsPerRequest * i + b.NoiseMs * rng.NextGaussian());
        var scheduled = clock;
        var sent = scheduled + (long)(queueDelay * Ms);
        clock = sent + 5 * Ms;
        var roll = rng.NextDouble();
        var error = roll < b.RateLimitShare ? ErrorClass.RateLimited
            : roll < b.RateLimitShare + b.ErrorShare ? ErrorClass.HttpStatus : ErrorClass.None;
        if (error != ErrorClass.None)
        {
            return new RequestRecord
            {
                Index = index, Backend = b.Backend, Model = b.Model, ScheduledNs = scheduled, SentNs = sent,
                EndNs = sent + 50 * Ms, Error = error, HttpStatus = error == ErrorClass.RateLimited ? 429 : 500,
                ErrorMessage = "synthetic failure", Tags = b.Tags,
            };
        }
        var firstToken = sent + (long)(ttft * Ms);
        var firstByte = b.RoleOnlyGapMs > 0 ? firstToken - (long)(Math.Min(b.RoleOnlyGapMs, ttft * 0.9) * Ms) : firstToken;
        var chunkCount = (tokens + b.TokensPerChunk - 1) / b.TokensPerChunk;
        var chunks = keepChunks ? new ChunkSample[chunkCount] : [];
        var t = firstToken;
        var left = tokens;
        var charsPerChunk = (int)Math.Max(1, Math.Round(b.CharsPerToken * b.TokensPerChunk));
        for (var c = 0; c < chunkCount; c++)
        {
            var k = Math.Min(b.TokensPerChunk, left);
            if (c > 0) t += (long)(b.PerTokenMs * k * Ms * (0.8 + 0.4 * rng.NextDouble()));
            if (keepChunks) chunks[c] = new ChunkSample(t, charsPerChunk, k);
            left -= k;
        }
        var end = t + 1 * Ms;
        var serverTokens = b.ServerReportsUsage ? (int?)Math.Max(1, (int)Math.Round(tokens * b.ServerTokenFactor)) : null;
        // Chunk tokens attributed from the usage exactly as the recorder does (metrics.md, token attribution).
        var attribution = keepChunks
            ? ChunkTokens.Attribute(chunks, serverTokens is null ? null : new TokenUsage(input, serverTokens), backendCounted: false)
            : serverTokens is null ? TokenAttribution.Local : TokenAttribution.Scaled;
        return new RequestRecord
        {
            Index = index,
            Backend = b.Backend,
            Model = b.Model,
            ScheduledNs = scheduled,
            SentNs = sent,
            HeadersNs = firstByte - Ms / 2,
            FirstByteNs = firstByte,
            FirstTokenNs = firstToken,
            LastTokenNs = t,
            EndNs = end,
            Chunks = chunks,
            TokenAttribution = attribution,
            OutputChars = charsPerChunk * chunkCount,
            LocalOutputTokens = tokens,
            ServerOutputTokens = serverTokens,
            LocalInputTokens = input,
            ServerInputTokens = b.ServerReportsUsage ? input : null,
            LocalTokenizer = "approximate",
            FinishReason = "length",
            HttpStatus = 200,
            Tags = b.Tags,
            Scores = b.WithScores ? new Dictionary<string, double> { ["rouge1"] = Math.Clamp(0.3 + 0.4 * tokens / b.MaxTokens + 0.05 * rng.NextGaussian(), 0, 1) } : new Dictionary<string, double>(),
        };
    }
}
