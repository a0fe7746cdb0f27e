using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;
using TokenClock.Core.Tokens;
using TokenClock.Local.Engine;

namespace TokenClock.Local.Tests.Engine;

public sealed class LocalBackendTests(MicroTwin twin) : IClassFixture<MicroTwin>
{
    private LocalBackend NewBackend() =>
        new(new BackendDescriptor("local/micro", "local", "micro", twin.Path), twin.Path, new LocalModelSettings { Threads = 1, Context = 256 });

    [Fact]
    public async Task Generates_exactly_max_tokens_with_one_chunk_per_token_and_engine_timings()
    {
        await using var backend = NewBackend();
        var request = new BackendRequest { Prompt = "Hello twin, count for me.", MaxTokens = 24, IgnoreEos = true };

        var events = new List<BackendEvent>();
        await foreach (var e in backend.StreamAsync(request)) events.Add(e);

        Assert.IsType<RequestSent>(events[0]);
        var chunks = events.OfType<ChunkReceived>().ToList();
        Assert.Equal(24, chunks.Sum(c => c.Tokens ?? 0));
        Assert.All(chunks, c => Assert.True(c.Tokens >= 1));
        // Tokens coalesce only when a byte token ends inside a UTF-8 character.
        Assert.True(chunks.Count >= 6, $"only {chunks.Count} chunks for 24 tokens");
        Assert.True(chunks.Zip(chunks.Skip(1)).All(p => p.First.Timestamp <= p.Second.Timestamp));
        var usage = Assert.Single(events.OfType<UsageReported>()).Usage;
        Assert.Equal(24, usage.OutputTokens);
        Assert.True(usage.InputTokens > 20);
        var timings = Assert.Single(events.OfType<ServerTimingsReported>()).Timings;
        Assert.Equal(usage.InputTokens, timings.PromptTokens);
        Assert.True(timings.PromptMs > 0);
        Assert.True(timings.PredictedMs > 0);
        Assert.True(timings.LoadMs > 0, "first request reports the load time");
        Assert.Equal("length", Assert.IsType<StreamEnded>(events[^1]).FinishReason);
    }

    [Fact]
    public async Task Model_stays_loaded_and_load_time_is_reported_once()
    {
        await using var backend = NewBackend();
        var request = new BackendRequest { Prompt = "abc", MaxTokens = 3, IgnoreEos = true };
        ServerTimings? first = null, second = null;
        await foreach (var e in backend.StreamAsync(request)) if (e is ServerTimingsReported s) first = s.Timings;
        var loadMs = backend.LoadMs;
        await foreach (var e in backend.StreamAsync(request)) if (e is ServerTimingsReported s) second = s.Timings;

        Assert.NotNull(first?.LoadMs);
        Assert.Null(second!.LoadMs);
        Assert.Equal(loadMs, backend.LoadMs);
    }

    [Fact]
    public async Task Recorder_measures_ttft_and_exact_output_tokens_from_the_local_backend()
    {
        await using var backend = NewBackend();
        var clock = new RunClock();
        var recorder = new RequestRecorder(clock, ApproximateTokenCounter.Instance);
        await backend.LoadAsync();

        var record = await recorder.RecordAsync(backend, new BackendRequest { Prompt = "Tell me", MaxTokens = 16, MinTokens = 16 }, 0, RequestPhase.Measured, clock.ElapsedNs(), CancellationToken.None);

        Assert.Equal(ErrorClass.None, record.Error);
        Assert.Equal(16, record.ServerOutputTokens);
        Assert.Equal(16, record.LocalOutputTokens);
        Assert.NotNull(record.TtftMs());
        Assert.True(record.E2eMs() >= record.TtftMs());
    }

    [Fact]
    public async Task Concurrent_requests_queue_for_the_model_and_report_the_wait()
    {
        await using var backend = NewBackend();
        await backend.LoadAsync();
        async Task<ServerTimings> Run()
        {
            ServerTimings? t = null;
            await foreach (var e in backend.StreamAsync(new BackendRequest { Prompt = "q", MaxTokens = 40, IgnoreEos = true }))
                if (e is ServerTimingsReported s) t = s.Timings;
            return t!;
        }

        var both = await Task.WhenAll(Run(), Run());

        Assert.All(both, t => Assert.Equal(40, t.PredictedTokens));
        // The second request waited at least as long as the first one's decode took.
        var waited = both.Max(t => t.QueueMs!.Value);
        Assert.True(waited >= both.Min(t => t.PredictedMs!.Value) * 0.5, $"queue {waited} ms");
    }

    [Fact]
    public async Task Same_seed_gives_the_same_text_and_greedy_is_deterministic()
    {
        await using var backend = NewBackend();
        async Task<string> Run(BackendRequest r)
        {
            var text = "";
            await foreach (var e in backend.StreamAsync(r)) if (e is ChunkReceived c) text += c.Text;
            return text;
        }
        var greedy = new BackendRequest { Prompt = "xyz", MaxTokens = 12, IgnoreEos = true };
        var seeded = greedy with { Temperature = 1.0, Seed = 5 };

        Assert.Equal(await Run(greedy), await Run(greedy));
        Assert.Equal(await Run(seeded), await Run(seeded));
    }

    [Fact]
    public async Task Cancellation_between_tokens_throws_and_the_backend_stays_usable()
    {
        await using var backend = NewBackend();
        using var cts = new CancellationTokenSource();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in backend.StreamAsync(new BackendRequest { Prompt = "go", MaxTokens = 200, IgnoreEos = true }, cts.Token))
                if (e is ChunkReceived && ++seen == 3) cts.Cancel();
        });
        Assert.True(seen < 200);

        var tokens = 0;
        await foreach (var e in backend.StreamAsync(new BackendRequest { Prompt = "again", MaxTokens = 5, IgnoreEos = true }))
            if (e is UsageReported u) tokens = u.Usage.OutputTokens ?? 0;
        Assert.Equal(5, tokens);
    }

    [Fact]
    public async Task Prompt_longer_than_the_context_is_a_classified_error_naming_the_setting()
    {
        await using var backend = NewBackend();
        var ex = await Assert.ThrowsAsync<BackendException>(async () =>
        {
            await foreach (var _ in backend.StreamAsync(new BackendRequest { Prompt = new string('a', 100), MaxTokens = 200 })) { }
        });
        Assert.Contains("context", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_counter_uses_the_models_vocabulary()
    {
        await using var backend = NewBackend();
        var counter = await backend.GetTokenCounterAsync();

        // Byte-level vocabulary without merges: one token per UTF-8 byte.
        Assert.Equal(5, counter.CountTokens("hello"));
        Assert.Equal(2, counter.CountTokens("é"));
        Assert.StartsWith("gguf:", counter.Name, StringComparison.Ordinal);
    }
}
