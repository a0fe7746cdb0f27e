using System.Globalization;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;
using TokenClock.Workloads.Summarization;
using TokenClock.Workloads.Tests.TestSupport;
using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Workloads.Tests.Summarization;

public sealed class SummarizerTests
{
    private static readonly string LongDoc = SampleText.Paragraphs(24);

    private static (Summarizer Summarizer, RunClock Clock) Create(IBackend backend, SummarizerOptions options)
    {
        var clock = new RunClock();
        var recorder = new RequestRecorder(clock, TiktokenTokenCounter.ForEncoding("o200k_base"));
        return (new Summarizer(backend, recorder, options), clock);
    }

    // Each reply names its call so tests can trace where it went.
    private static string Reply(BackendRequest r, int call) =>
        string.Create(CultureInfo.InvariantCulture, $"note{call} {r.Tags["stage"]} {r.Tags["step"]} summary text here");

    [Fact]
    public async Task Refine_feeds_each_summary_forward_into_the_next_step()
    {
        var backend = new PacedBackend(Reply) { Ttft = TimeSpan.FromMilliseconds(5), TokenGap = TimeSpan.Zero };
        var (summarizer, clock) = Create(backend, new SummarizerOptions { Strategy = SummaryStrategy.Refine, SummaryWords = 40, ChunkTokens = 200, OverlapTokens = 20 });
        var observer = new RecordingObserver(clock);

        var result = await summarizer.SummarizeAsync("doc", LongDoc, observer);

        Assert.True(result.Succeeded, result.Job.Error);
        var k = result.Chunks.Count;
        Assert.True(k >= 4, $"expected several chunks, got {k}");
        var sent = backend.Requests.ToArray();
        Assert.Equal(k, sent.Length);
        var outputs = result.Requests.OrderBy(r => r.Index).Select(r => r.OutputText!).ToArray();
        Assert.DoesNotContain("<summary>", sent[0].Prompt, StringComparison.Ordinal);
        for (var i = 1; i < k; i++)
        {
            Assert.Contains($"<summary>\n{outputs[i - 1]}\n</summary>", sent[i].Prompt, StringComparison.Ordinal);
            Assert.Contains(result.Chunks[i].Text.Trim(), sent[i].Prompt, StringComparison.Ordinal);
        }
        Assert.Equal(outputs[^1], result.Summary);
        Assert.Equal(Enumerable.Range(1, k).Select(i => i.ToString(CultureInfo.InvariantCulture)), result.Requests.Select(r => r.Tags["step"]));
        Assert.All(result.Requests, r => Assert.Equal(result.Job.JobId, r.Tags["job"]));
        // Drafts stream by default: the user sees every step, and first_visible is step 1's first token.
        Assert.Equal(string.Concat(outputs), observer.Shown);
        Assert.Equal("refine:1", result.Job.Tags["shown_first"]);
    }

    [Fact]
    public async Task Refine_without_drafts_shows_only_the_last_step()
    {
        var backend = new PacedBackend(Reply) { Ttft = TimeSpan.FromMilliseconds(5), TokenGap = TimeSpan.Zero };
        var (summarizer, clock) = Create(backend, new SummarizerOptions { Strategy = SummaryStrategy.Refine, SummaryWords = 40, ChunkTokens = 200, ShowDrafts = false });
        var observer = new RecordingObserver(clock);

        var result = await summarizer.SummarizeAsync("doc", LongDoc, observer);

        Assert.Equal(result.Summary, observer.Shown);
        var last = result.Requests[^1];
        Assert.Equal(last.FirstTokenNs!.Value, result.Job.FirstVisibleNs!.Value, 20_000_000d);
        Assert.True(result.Job.FirstVisibleNs >= last.FirstTokenNs);
    }

    [Fact]
    public async Task Map_reduce_calls_overlap_in_time_within_the_parallel_limit_and_the_reduce_sees_every_part()
    {
        var backend = new PacedBackend(Reply) { Ttft = TimeSpan.FromMilliseconds(150), TokenGap = TimeSpan.FromMilliseconds(10) };
        var (summarizer, clock) = Create(backend, new SummarizerOptions { Strategy = SummaryStrategy.MapReduce, SummaryWords = 40, ChunkTokens = 150, Parallelism = 3 });
        var observer = new RecordingObserver(clock);

        var result = await summarizer.SummarizeAsync("doc", LongDoc, observer);

        Assert.True(result.Succeeded, result.Job.Error);
        var maps = result.Requests.Where(r => r.Tags["stage"] == "map").ToArray();
        var reduce = Assert.Single(result.Requests, r => r.Tags["stage"] == "reduce");
        Assert.True(maps.Length >= 4, $"expected at least 4 chunks, got {maps.Length}");
        Assert.Equal(3, backend.MaxInFlight); // the limit is reached and never exceeded
        // Real overlap: some map call was sent before another one ended.
        Assert.Contains(maps, a => maps.Any(b => !ReferenceEquals(a, b) && b.SentNs < a.EndNs && a.SentNs < b.EndNs));
        // Wall time of the map stage is well below the sum of the calls (generous: CI has 2 busy cores).
        var mapWall = maps.Max(m => m.EndNs!.Value) - maps.Min(m => m.SentNs);
        Assert.True(mapWall < 0.85 * maps.Sum(m => m.EndNs!.Value - m.SentNs), "map calls did not run concurrently");
        Assert.True(reduce.SentNs >= maps.Max(m => m.EndNs!.Value));
        var reducePrompt = backend.Requests.Last().Prompt;
        foreach (var m in maps) Assert.Contains(m.OutputText!, reducePrompt, StringComparison.Ordinal);
        // Only the reduce output is shown; first_visible comes after every map finished.
        Assert.Equal(result.Summary, observer.Shown);
        Assert.All(observer.Texts, t => Assert.Equal("reduce", t.Stage.Kind));
        Assert.True(result.Job.FirstVisibleNs > maps.Max(m => m.EndNs!.Value));
        Assert.Equal(maps.Length + 1, observer.Completed.Count);
    }

    [Fact]
    public async Task First_visible_is_the_backends_first_token_plus_pipeline_time()
    {
        var backend = new PacedBackend(Reply) { Ttft = TimeSpan.FromMilliseconds(120), TokenGap = TimeSpan.FromMilliseconds(5) };
        var (summarizer, clock) = Create(backend, new SummarizerOptions { Strategy = SummaryStrategy.Stuff, SummaryWords = 40 });
        var observer = new RecordingObserver(clock);
        var requestedAt = clock.ElapsedNs();

        var result = await summarizer.SummarizeAsync("doc", "A short memo about the budget. It was approved.", observer, requestedAt);

        var call = Assert.Single(result.Requests);
        var job = result.Job;
        var m = job.Metrics;
        Assert.Equal(requestedAt, job.StartNs);
        // first_visible = (send − request) + backend TTFT + display delay, exactly.
        Assert.Equal(job.FirstVisibleMs!.Value, m["wait_before_shown_ms"] + m["shown_ttft_ms"] + m["display_delay_ms"], 6);
        Assert.Equal(call.TtftMs()!.Value, m["shown_ttft_ms"], 6);
        Assert.True(call.TtftMs() >= 110, "the backend's TTFT is part of first_visible");
        Assert.True(job.FirstVisibleNs >= call.FirstTokenNs);
        Assert.True(observer.Texts[0].AtNs <= job.FirstVisibleNs, "first_visible is taken after the text was handed over");
        // Pipeline overhead: small and not negative (generous bound for busy CI machines).
        Assert.InRange(m["pipeline_overhead_ms"], 0, 250);
        Assert.Equal(m["pipeline_overhead_ms"], m["wait_before_shown_ms"] + m["display_delay_ms"], 6);
        Assert.Equal(0, m["within_100ms"]);
        Assert.Equal(job.FirstVisibleMs <= 1000 ? 1 : 0, m["within_1000ms"]);
    }

    [Fact]
    public async Task In_map_reduce_the_pipeline_overhead_excludes_time_spent_waiting_on_map_calls()
    {
        var backend = new PacedBackend(Reply) { Ttft = TimeSpan.FromMilliseconds(80), TokenGap = TimeSpan.FromMilliseconds(2) };
        var (summarizer, _) = Create(backend, new SummarizerOptions { Strategy = SummaryStrategy.MapReduce, SummaryWords = 30, ChunkTokens = 300, Parallelism = 8 });

        var result = await summarizer.SummarizeAsync("doc", LongDoc);

        var m = result.Job.Metrics;
        Assert.True(m["backend_busy_before_shown_ms"] >= 70); // 80 ms delays on the coarse tick clock can end a few ms early
        Assert.Equal(result.Job.FirstVisibleMs!.Value, m["pipeline_overhead_ms"] + m["shown_ttft_ms"] + m["backend_busy_before_shown_ms"], 6);
        Assert.InRange(m["pipeline_overhead_ms"], 0, 300);
        Assert.True(m.ContainsKey("map_stage_ms"));
        Assert.True(m.ContainsKey("map_1_ms"));
        Assert.True(m.ContainsKey("reduce_ms"));
    }

    [Fact]
    public async Task A_failed_call_stops_the_job_and_the_job_says_which_call()
    {
        var backend = new PacedBackend(Reply) { Ttft = TimeSpan.FromMilliseconds(1), TokenGap = TimeSpan.Zero, FailOnCall = 1 };
        var (summarizer, clock) = Create(backend, new SummarizerOptions { Strategy = SummaryStrategy.Refine, SummaryWords = 30, ChunkTokens = 200 });
        var observer = new RecordingObserver(clock);

        var result = await summarizer.SummarizeAsync("doc", LongDoc, observer);

        Assert.False(result.Succeeded);
        Assert.Contains("refine call 2/", result.Job.Error, StringComparison.Ordinal);
        Assert.Contains("HttpStatus", result.Job.Error, StringComparison.Ordinal);
        Assert.Equal(2, result.Requests.Count);
        Assert.Equal(ErrorClass.HttpStatus, result.Requests[1].Error);
        Assert.Equal(2, observer.Completed.Count); // the failed call was still handed over for storage
    }

    [Fact]
    public async Task Cancellation_throws_with_the_partial_job_marked_cancelled()
    {
        var backend = new PacedBackend(Reply) { Ttft = TimeSpan.FromSeconds(30) };
        var (summarizer, _) = Create(backend, new SummarizerOptions { Strategy = SummaryStrategy.Stuff });
        using var cts = new CancellationTokenSource();

        // Cancel once the call is in flight (a fixed delay could fire before it was sent on a loaded machine).
        var job = summarizer.SummarizeAsync("doc", "Some text to summarize.", cancellationToken: cts.Token);
        for (var waited = 0; backend.Requests.IsEmpty && waited < 30_000; waited += 10) await Task.Delay(10);
        Assert.False(backend.Requests.IsEmpty, "the summarizer never called the backend");
        await cts.CancelAsync();
        var ex = await Assert.ThrowsAsync<SummaryCancelledException>(() => job);

        Assert.Equal("cancelled", ex.Partial.Job.Error);
        Assert.Equal(ErrorClass.Cancelled, Assert.Single(ex.Partial.Requests).Error);
    }

    [Fact]
    public async Task Stuff_refuses_a_document_that_does_not_fit_and_suggests_the_other_strategies()
    {
        var backend = new PacedBackend(Reply);
        var (summarizer, _) = Create(backend, new SummarizerOptions { Strategy = SummaryStrategy.Stuff, ContextTokens = 1024, SummaryWords = 50 });

        var ex = await Assert.ThrowsAsync<Core.Settings.SettingException>(() => summarizer.SummarizeAsync("doc", LongDoc));

        Assert.Contains("refine or map-reduce", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["strategy"], ex.Settings); // named by key; the CLI shows --strategy and --context
        Assert.Contains("use <strategy> refine or map-reduce, or a larger <context>", ex.Describe(key => $"<{key}>"), StringComparison.Ordinal);
        Assert.Empty(backend.Requests);
    }

    [Fact]
    public async Task Chunks_respect_the_context_window_including_prompt_and_output()
    {
        var tokens = TiktokenTokenCounter.ForEncoding("o200k_base");
        var backend = new PacedBackend(Reply) { Ttft = TimeSpan.Zero, TokenGap = TimeSpan.Zero };
        var options = new SummarizerOptions { Strategy = SummaryStrategy.Refine, ContextTokens = 1024, SummaryWords = 60 };
        var (summarizer, _) = Create(backend, options);

        var result = await summarizer.SummarizeAsync("doc", LongDoc);

        Assert.True(result.Chunks.Count > 2);
        foreach (var request in backend.Requests)
            Assert.True(tokens.CountTokens(request.SystemPrompt + "\n" + request.Prompt) + request.MaxTokens <= options.ContextTokens,
                "prompt + max_tokens exceeds the context window");
    }

    [Fact]
    public async Task Map_reduce_combines_part_summaries_in_groups_when_they_do_not_fit_one_reduce_prompt()
    {
        var tokens = TiktokenTokenCounter.ForEncoding("o200k_base");
        var longReply = string.Join(' ', Enumerable.Repeat("partial summary words", 20));
        var backend = new PacedBackend((r, call) => $"n{call} {longReply}") { Ttft = TimeSpan.Zero, TokenGap = TimeSpan.Zero };
        var options = new SummarizerOptions { Strategy = SummaryStrategy.MapReduce, ContextTokens = 700, SummaryWords = 20, ChunkTokens = 100, Parallelism = 4 };
        var (summarizer, _) = Create(backend, options);

        var result = await summarizer.SummarizeAsync("doc", LongDoc);

        Assert.True(result.Succeeded, result.Job.Error);
        var collapses = result.Requests.Where(r => r.Tags["stage"] == "collapse").ToArray();
        Assert.True(collapses.Length >= 2, $"expected grouped combining calls, got {collapses.Length}");
        var reducePrompt = backend.Requests.Last().Prompt;
        foreach (var c in collapses) Assert.Contains(c.OutputText!, reducePrompt, StringComparison.Ordinal);
        foreach (var request in backend.Requests)
            Assert.True(tokens.CountTokens(request.SystemPrompt + "\n" + request.Prompt) + request.MaxTokens <= options.ContextTokens,
                "a call exceeds the context window");
    }
}
