using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using TokenClock.Core.Backends;
using TokenClock.Core.Http;

namespace TokenClock.Benchmarks.Engine;

/// <summary>Quick single-thread chunks/s figure (the BenchmarkDotNet run gives the rigorous one). Usage: parse-rate [seconds]</summary>
internal static class ParseRate
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var source = new ChunkStream(1000);
        using var client = new HttpClient(source);
        await using var backend = new OpenAIChatBackend(
            new BackendDescriptor("b", "openai-compatible", "sim"),
            new HttpBackendEndpoint(new Uri("http://127.0.0.1:9/v1/chat/completions"), TimeSpan.FromMinutes(1)),
            client: client);
        var request = new BackendRequest { Prompt = "p", MaxTokens = 1000 };
        long chunks = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        for (var i = 0; i < 1_000_000 && sw.Elapsed < deadline; i++)
            await foreach (var e in backend.StreamAsync(request))
                if (e is ChunkReceived) chunks++;
        sw.Stop();
        var cpuUsed = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"parse-rate: {chunks} chunks in {sw.Elapsed.TotalSeconds:0.00} s wall, {cpuUsed:0.00} s CPU: {chunks / sw.Elapsed.TotalSeconds:0} chunks/s wall, {chunks / cpuUsed:0} chunks per CPU-second"));
        return 0;
    }
}
