using System.Net.Http;
using BenchmarkDotNet.Attributes;
using TokenClock.Core.Backends;
using TokenClock.Core.Http;

namespace TokenClock.Benchmarks.Engine;

/// <summary>
/// Client parsing cost per chunk: one streamed response of 1,000 one-token chunks read from memory through the
/// real OpenAI backend (SseParser, read timestamps, JSON, events). chunks/s per core = 1,000 / mean time.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class ChunkParsingBenchmarks
{
    private HttpClient _client = null!;
    private OpenAIChatBackend _backend = null!;
    private readonly BackendRequest _request = new() { Prompt = "p", MaxTokens = 1000 };

    [GlobalSetup]
    public void Setup()
    {
        _client = new HttpClient(new ChunkStream(1000));
        _backend = new OpenAIChatBackend(
            new BackendDescriptor("b", "openai-compatible", "sim"),
            new HttpBackendEndpoint(new Uri("http://127.0.0.1:9/v1/chat/completions"), TimeSpan.FromMinutes(1)),
            client: _client);
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    [Benchmark(OperationsPerInvoke = 1000, Description = "per chunk: OpenAI SSE read+timestamp+parse")]
    public async Task<int> ParseOpenAIStream()
    {
        var n = 0;
        await foreach (var e in _backend.StreamAsync(_request))
            if (e is ChunkReceived) n++;
        return n;
    }
}
