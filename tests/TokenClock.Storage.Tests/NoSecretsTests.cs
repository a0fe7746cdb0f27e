using System.Text;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Core.Security;
using TokenClock.Core.Experiments;
using TokenClock.Core.Workloads;
using TokenClock.Tests.Support;

namespace TokenClock.Storage.Tests;

public sealed class NoSecretsTests : IDisposable
{
    private const string Variable = "TOKENCLOCK_TEST_SECRET_KEY";
    private readonly TempDb _db = new();

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(Variable, null);
        _db.Dispose();
    }

    [Fact]
    public async Task The_api_key_value_never_reaches_the_database_file_only_its_variable_name()
    {
        var key = "sk-test-" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(Variable, key);
        var factory = new ScriptedBackendFactory();
        var backends = new BackendRegistry().Add(factory);
        var workloads = WorkloadRegistry.CreateDefault();
        var spec = new ExperimentSpecReader(backends, workloads).Read($$"""
            name: secret-check
            prompt: hi
            requests: 5
            backends: [{ kind: scripted, model: m, api_key_env: {{Variable}}, settings: { ttft_ms: 1, fail_every: 2 } }]
            """);

        await using (var store = await SqliteRunStore.OpenAsync(_db.Path))
            await new ExperimentRunner(backends, workloads, store).RunAsync(spec);

        Assert.Equal([key], factory.KeysRead); // the backend did read the key, as a real one would
        var bytes = Directory.GetFiles(_db.Folder).SelectMany(File.ReadAllBytes).ToArray();
        Assert.True(bytes.Length > 0);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains(Variable, text, StringComparison.Ordinal);
        Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        Assert.DoesNotContain(key["sk-test-".Length..], Encoding.Unicode.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registered_key_echoed_by_a_server_is_masked_in_every_stored_string()
    {
        var key = "sk-echo+" + Guid.NewGuid().ToString("N"); // '+' is escaped by JSON writers: found anyway
        var queryKey = "q" + Guid.NewGuid().ToString("N");
        SecretRedactor.Register(key);
        var info = SqliteRunStoreTests.Info($"run {key}") with
        {
            SpecJson = $$"""{"backends":[{"base_url":"http://127.0.0.1:9/v1?api_key={{queryKey}}&x=1","note":"{{key}}"}]}""",
        };
        var echoed = SqliteRunStoreTests.Failed(1) with
        {
            ErrorMessage = $"HTTP 401 Unauthorized: you sent Authorization: Bearer {key}",
            OutputText = $"echo {key}",
            ResponseModel = key,
            Tags = new Dictionary<string, string> { ["header"] = key },
        };

        long id;
        await using (var store = await SqliteRunStore.OpenAsync(_db.Path))
        {
            id = await store.StartRunAsync(info);
            await store.AppendAsync(id, echoed);
            await store.AppendJobAsync(id, new JobRecord { JobId = "j", Kind = "k", Backend = "b", StartNs = 1, Error = "failed: " + key });
            await store.FinishRunAsync(id, RunStatus.Failed);
        }

        var bytes = Directory.GetFiles(_db.Folder).SelectMany(File.ReadAllBytes).ToArray();
        var text = Encoding.UTF8.GetString(bytes);
        var keyBody = key["sk-echo+".Length..];
        Assert.DoesNotContain(keyBody, text, StringComparison.Ordinal);
        Assert.DoesNotContain(queryKey, text, StringComparison.Ordinal);
        await using var reader = await SqliteRunStore.OpenReadOnlyAsync(_db.Path);
        var stored = Assert.Single(await reader.GetRequestsAsync(id));
        Assert.Equal("HTTP 401 Unauthorized: you sent Authorization: Bearer ***", stored.ErrorMessage);
        Assert.Contains("api_key=***", (await reader.GetRunAsync(id))!.Info.SpecJson, StringComparison.Ordinal);
    }
}
