using System.Globalization;
using TokenClock.Core.Backends;

namespace TokenClock.Local.Engine;

/// <summary>
/// Settings of a local model, read from <see cref="BackendOptions.Settings"/>:
/// <c>threads</c>, <c>context</c>, <c>batch</c>, <c>mmap</c>, <c>isolate</c>.
/// </summary>
public sealed record LocalModelSettings
{
    /// <summary>Setting key of <see cref="Threads"/>.</summary>
    public const string ThreadsKey = "threads";
    /// <summary>Setting key of <see cref="Context"/>.</summary>
    public const string ContextKey = "context";
    /// <summary>Setting key of <see cref="Batch"/>.</summary>
    public const string BatchKey = "batch";
    /// <summary>Setting key of <see cref="Mmap"/>.</summary>
    public const string MmapKey = "mmap";
    /// <summary>Setting key of <see cref="Isolate"/>.</summary>
    public const string IsolateKey = "isolate";

    /// <summary>Every key this type reads.</summary>
    public static IReadOnlyList<string> Keys { get; } = [ThreadsKey, ContextKey, BatchKey, MmapKey, IsolateKey];

    /// <summary>Generation threads; default: all cores.</summary>
    public int Threads { get; init; } = Math.Max(1, Environment.ProcessorCount);
    /// <summary>Context size in tokens; null: the model's trained context, at most 4096.</summary>
    public int? Context { get; init; }
    /// <summary>Prompt tokens per native decode call (llama.cpp n_ubatch).</summary>
    public int Batch { get; init; } = 512;
    /// <summary>Memory-map the file (load in milliseconds, pages come in on first use).</summary>
    public bool Mmap { get; init; } = true;
    /// <summary>Run the model in its own child process (memory returns to the OS when it exits).</summary>
    public bool Isolate { get; init; }

    /// <summary>Reads the keys above (case ignored) from <paramref name="settings"/>; other keys are left to other
    /// backends. Each bad value adds one message to <paramref name="problems"/> and keeps the default.</summary>
    public static LocalModelSettings From(IReadOnlyDictionary<string, string> settings, out IReadOnlyList<string> problems)
    {
        var errors = new List<string>();
        var result = new LocalModelSettings();
        foreach (var (key, value) in settings)
        {
            switch (key.ToLowerInvariant())
            {
                case ThreadsKey: result = result with { Threads = Int(key, value, 1, 1024, errors) ?? result.Threads }; break;
                case ContextKey: result = result with { Context = Int(key, value, 16, 1 << 20, errors) }; break;
                case BatchKey: result = result with { Batch = Int(key, value, 1, 1 << 16, errors) ?? result.Batch }; break;
                case MmapKey: result = result with { Mmap = Bool(key, value, errors) ?? result.Mmap }; break;
                case IsolateKey: result = result with { Isolate = Bool(key, value, errors) ?? result.Isolate }; break;
                case "extra_body":
                    // Silently dropping it would make a run look as if the fields had been sent.
                    errors.Add("setting extra_body adds fields to an HTTP request body; a local model has none; remove it or use an HTTP backend");
                    break;
                default:
                    // Settings are shared with other backends' keys in some specs; unknown ones are reported, not fatal.
                    break;
            }
        }
        problems = errors;
        return result;
    }

    /// <summary>The settings as keys and invariant-culture values that <see cref="From"/> reads back; no context key when it is null.</summary>
    public IReadOnlyDictionary<string, string> ToDictionary()
    {
        var d = new Dictionary<string, string>
        {
            [ThreadsKey] = Threads.ToString(CultureInfo.InvariantCulture),
            [BatchKey] = Batch.ToString(CultureInfo.InvariantCulture),
            [MmapKey] = Mmap ? "true" : "false",
            [IsolateKey] = Isolate ? "true" : "false",
        };
        if (Context is { } c) d[ContextKey] = c.ToString(CultureInfo.InvariantCulture);
        return d;
    }

    private static int? Int(string key, string value, int min, int max, List<string> errors)
    {
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        errors.Add($"setting '{key}={value}' must be an integer from {min} to {max}");
        return null;
    }

    private static bool? Bool(string key, string value, List<string> errors)
    {
        if (bool.TryParse(value, out var b)) return b;
        errors.Add($"setting '{key}={value}' must be true or false");
        return null;
    }
}
