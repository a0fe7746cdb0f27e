using System.Diagnostics;
using TokenClock.Core.Backends;
using TokenClock.Local.Engine;
using TokenClock.Local.Isolation;

namespace TokenClock.Local.Tests.Isolation;

/// <summary>Runs the micro twin in a real child process: this test assembly started with "local-worker".</summary>
public sealed class IsolatedBackendTests(MicroTwin twin) : IClassFixture<MicroTwin>
{
    private static readonly WorkerLauncher Launcher = WorkerLauncher.ForAssembly(typeof(WorkerHostProgram).Assembly.Location);

    private IsolatedBackend NewBackend(string? model = null) =>
        new(new BackendDescriptor("iso/micro", "local", "micro", twin.Path), model ?? twin.Path, new LocalModelSettings { Threads = 1, Context = 256 }, Launcher);

    private static async Task<List<BackendEvent>> Collect(IBackend backend, BackendRequest request, CancellationToken ct = default)
    {
        var list = new List<BackendEvent>();
        await foreach (var e in backend.StreamAsync(request, ct)) list.Add(e);
        return list;
    }

    [Fact]
    public async Task Child_process_streams_exact_tokens_and_exits_on_dispose()
    {
        var backend = NewBackend();
        var events = await Collect(backend, new BackendRequest { Prompt = "hello child", MaxTokens = 10, IgnoreEos = true });
        var pid = backend.ChildProcessId;

        Assert.Equal(10, events.OfType<ChunkReceived>().Sum(c => c.Tokens));
        Assert.Equal(10, events.OfType<UsageReported>().Single().Usage.OutputTokens);
        var timings = events.OfType<ServerTimingsReported>().Single().Timings;
        Assert.NotNull(timings.LoadMs);
        Assert.True(timings.PromptMs > 0);
        Assert.IsType<StreamEnded>(events[^1]);
        Assert.NotNull(pid);
        Assert.NotEqual(Environment.ProcessId, pid);

        await backend.DisposeAsync();
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid!.Value));
    }

    [Fact]
    public async Task Killed_child_becomes_a_classified_error_and_the_next_request_gets_a_new_child()
    {
        await using var backend = NewBackend();
        await backend.LoadAsync();
        var first = backend.ChildProcessId!.Value;

        // The micro twin writes a whole answer in milliseconds, so a kill at the first chunk can race the child's
        // last line; killing it as soon as the request is on its way leaves it no time to answer.
        var killed = false;
        var ex = await Assert.ThrowsAsync<BackendException>(async () =>
        {
            await foreach (var e in backend.StreamAsync(new BackendRequest { Prompt = "x", MaxTokens = 240, IgnoreEos = true }))
            {
                if (killed) continue;
                killed = true;
                using var child = Process.GetProcessById(first);
                child.Kill();
            }
        });
        Assert.Equal(ErrorClass.Disconnect, ex.Class);
        Assert.Contains("exited", ex.Message, StringComparison.Ordinal);

        var events = await Collect(backend, new BackendRequest { Prompt = "again", MaxTokens = 4, IgnoreEos = true });
        Assert.Equal(4, events.OfType<UsageReported>().Single().Usage.OutputTokens);
        Assert.NotEqual(first, backend.ChildProcessId);
    }

    [Fact]
    public async Task Cancelling_stops_the_childs_request_without_retrying_and_keeps_the_child()
    {
        await using var backend = NewBackend();
        using var cts = new CancellationTokenSource();
        var chunks = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in backend.StreamAsync(new BackendRequest { Prompt = "go", MaxTokens = 250, IgnoreEos = true }, cts.Token))
                if (e is ChunkReceived && ++chunks == 2) cts.Cancel();
        });
        var pid = backend.ChildProcessId;

        var events = await Collect(backend, new BackendRequest { Prompt = "next", MaxTokens = 3, IgnoreEos = true });
        Assert.Equal(3, events.OfType<UsageReported>().Single().Usage.OutputTokens);
        Assert.Equal(pid, backend.ChildProcessId);
    }

    [Fact]
    public async Task Unloadable_model_in_the_child_is_a_named_error()
    {
        await using var backend = NewBackend("/nonexistent/model.gguf");

        var ex = await Assert.ThrowsAsync<BackendException>(() => Collect(backend, new BackendRequest { Prompt = "x", MaxTokens = 2 }));
        Assert.Contains("/nonexistent/model.gguf", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Factory_creates_an_isolated_backend_when_isolate_is_set()
    {
        var registry = LocalBackends.Register(new BackendRegistry(), Launcher);
        var options = new BackendOptions { Kind = "local", Model = twin.Path, Settings = new Dictionary<string, string> { ["isolate"] = "true", ["threads"] = "1" } };

        Assert.Empty(registry.Validate(options));
        var backend = registry.Create(options);
        Assert.IsType<IsolatedBackend>(backend);
        Assert.IsType<LocalBackend>(registry.Create(options with { Settings = new Dictionary<string, string>() }));
        Assert.NotEmpty(registry.Validate(options with { Settings = new Dictionary<string, string> { ["threads"] = "many" } }));
        Assert.NotEmpty(registry.Validate(options with { Model = "no-such-model" }));
    }
}
