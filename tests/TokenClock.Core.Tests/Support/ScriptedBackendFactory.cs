using TokenClock.Core.Backends;

namespace TokenClock.Tests.Support;

/// <summary>Registers <see cref="ScriptedBackend"/> under a kind; settings ttft_ms, token_ms, tokens, fail_every.</summary>
public sealed class ScriptedBackendFactory(string kind = "scripted") : IBackendFactory
{
    public string Kind => kind;
    public List<ScriptedBackend> Created { get; } = [];
    /// <summary>Key values read from the environment (as real HTTP backends do), to prove they never reach storage.</summary>
    public List<string> KeysRead { get; } = [];

    public IReadOnlyList<string> Validate(BackendOptions options) =>
        options.Model == "invalid-model" ? ["model: 'invalid-model' is refused by the scripted backend"] : [];

    public IBackend Create(BackendOptions options)
    {
        if (options.ApiKeyEnv is { } env && Environment.GetEnvironmentVariable(env) is { } key) KeysRead.Add(key);
        int Get(string k, int d) => options.Settings.TryGetValue(k, out var v) ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : d;
        var backend = new ScriptedBackend(options.DisplayName, options.Model)
        {
            TtftMs = Get("ttft_ms", 20), TokenMs = Get("token_ms", 2), Tokens = Get("tokens", 5), FailEvery = Get("fail_every", 0),
        };
        lock (Created) Created.Add(backend);
        return backend;
    }
}
