using TokenClock.Core.Backends;

namespace TokenClock.Cli.Infrastructure;

/// <summary>
/// With several local models in one run, each runs in its own child process (as the original study did to free
/// memory between models): the child exits when its backend's last cell ends, returning its memory to the OS.
/// An explicit <c>isolate</c> setting always wins.
/// </summary>
internal static class LocalIsolation
{
    private const string LocalKind = "local";
    private const string IsolateSetting = "isolate";

    public static BackendOptions Prepare(BackendOptions backend, IReadOnlyList<BackendOptions> all)
    {
        if (!IsLocal(backend) || backend.Settings.ContainsKey(IsolateSetting)) return backend;
        var localModels = all.Where(IsLocal).Select(b => b.Model).Distinct(StringComparer.Ordinal).Count();
        if (localModels < 2) return backend;
        var settings = new Dictionary<string, string>(backend.Settings, StringComparer.Ordinal) { [IsolateSetting] = "true" };
        return backend with { Settings = settings };
    }

    private static bool IsLocal(BackendOptions b) => string.Equals(b.Kind, LocalKind, StringComparison.OrdinalIgnoreCase);
}
