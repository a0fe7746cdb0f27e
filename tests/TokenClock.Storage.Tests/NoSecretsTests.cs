using System.Text;
using TokenClock.Core.Backends;
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
}
