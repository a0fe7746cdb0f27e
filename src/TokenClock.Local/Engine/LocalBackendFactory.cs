using TokenClock.Core.Backends;
using TokenClock.Local.Isolation;

namespace TokenClock.Local.Engine;

/// <summary>
/// Kind <c>local</c>: <see cref="BackendOptions.Model"/> is a GGUF path or a twin reference ("tiny",
/// "llama-2-7b@4L:q4_0"); settings: threads, context, batch, mmap, isolate. With <c>isolate=true</c> the
/// model runs in a child process started by <see cref="Launcher"/>.
/// </summary>
internal sealed class LocalBackendFactory(WorkerLauncher? launcher = null) : IBackendFactory
{
    public const string KindName = "local";

    public string Kind => KindName;

    /// <summary>How isolated workers are started; default: this program's <c>local-worker</c> command.</summary>
    public WorkerLauncher? Launcher { get; } = launcher;

    public IReadOnlyList<string> Validate(BackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        LocalModelSettings.From(options.Settings, out var problems);
        var list = problems.ToList();
        if (string.IsNullOrWhiteSpace(options.Model))
            list.Add("a local backend needs a model: a GGUF file path or a twin like 'tiny' or 'llama-2-7b@4L:q4_0'");
        else if (!File.Exists(options.Model) && !File.Exists(Path.Combine(LocalModelCache.ModelsDirectory, options.Model)) && !LocalModelCache.TryParseTwin(options.Model, out _))
            list.Add($"local model '{options.Model}' is neither an existing file nor a twin reference (e.g. 'tiny', 'llama-2-7b@4L:q4_0')");
        return list;
    }

    public IBackend Create(BackendOptions options)
    {
        var problems = Validate(options);
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(options));
        var settings = LocalModelSettings.From(options.Settings, out _);
        var endpoint = File.Exists(options.Model) ? Path.GetFullPath(options.Model) : options.Model;
        var descriptor = new BackendDescriptor(options.DisplayName, KindName, options.Model, endpoint);
        return settings.Isolate
            ? new IsolatedBackend(descriptor, options.Model, settings, Launcher ?? WorkerLauncher.ForCurrentProcess())
            : new LocalBackend(descriptor, options.Model, settings);
    }
}
