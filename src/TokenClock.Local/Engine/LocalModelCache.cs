using System.Globalization;
using TokenClock.Local.Twins;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Local.Engine;

/// <summary>
/// Where local models live: <c>$TOKENCLOCK_HOME/models</c> (default <c>~/.cache/tokenclock/models</c>).
/// A model reference is a file path, or a twin reference <c>shape[@NL][:format]</c> (e.g. "tiny",
/// "llama-2-7b@4L:q4_0") that is synthesized into the cache on first use.
/// </summary>
public static class LocalModelCache
{
    /// <summary>Environment variable that moves TokenClock's home folder.</summary>
    public const string HomeVariable = "TOKENCLOCK_HOME";

    /// <summary>The built-in default model: the tiny shape in F16 with the GPT-2 vocabulary (about 54 MB).</summary>
    public const string DefaultTwin = "tiny";

    /// <summary>TokenClock's home folder: <see cref="HomeVariable"/>, else <c>~/.cache/tokenclock</c>.</summary>
    public static string Home =>
        Environment.GetEnvironmentVariable(HomeVariable) is { Length: > 0 } home
            ? Path.GetFullPath(home)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "tokenclock");

    /// <summary>The model cache: <c>models</c> under <see cref="Home"/>.</summary>
    public static string ModelsDirectory => Path.Combine(Home, "models");

    /// <summary>Parses "shape[@NL][:format]"; false when it names no catalog shape.</summary>
    public static bool TryParseTwin(string reference, out TwinSpec spec)
    {
        spec = null!;
        var text = reference.Trim();
        var format = TwinFormat.F16;
        var colon = text.LastIndexOf(':');
        if (colon > 0)
        {
            if (!TwinFormats.TryParse(text[(colon + 1)..], out format)) return false;
            text = text[..colon];
        }
        int? layers = null;
        var at = text.LastIndexOf('@');
        if (at > 0)
        {
            var l = text[(at + 1)..].TrimEnd('L', 'l');
            if (!int.TryParse(l, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return false;
            layers = n;
            text = text[..at];
        }
        if (!ShapeCatalog.TryGet(text, out var shape)) return false;
        if (layers is { } cut)
        {
            if (cut < 1 || cut > shape.Layers) return false;
            shape = shape.WithLayers(cut);
        }
        spec = new TwinSpec(shape, format, TwinSpec.DefaultVocabulary(shape));
        return true;
    }

    /// <summary>Path of a twin in the cache (it may not exist yet).</summary>
    public static string PathFor(TwinSpec spec) => Path.Combine(ModelsDirectory, spec.FileName);

    /// <summary>
    /// Resolves a model reference to an existing file, synthesizing a twin into the cache if needed.
    /// Throws <see cref="FileNotFoundException"/> naming what was tried.
    /// </summary>
    public static string Resolve(string reference, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        if (File.Exists(reference)) return Path.GetFullPath(reference);
        var inCache = Path.Combine(ModelsDirectory, reference);
        if (File.Exists(inCache)) return inCache;
        if (TryParseTwin(reference, out var spec)) return EnsureTwin(spec, progress, cancellationToken);
        throw new FileNotFoundException(
            $"Local model '{reference}' is neither a file nor in the cache ({ModelsDirectory}) nor a twin reference. " +
            $"Pass a GGUF path, or a twin like 'tiny' or 'llama-2-7b@4L:q4_0' (shapes: {string.Join(", ", ShapeCatalog.Names)}).",
            reference);
    }

    /// <summary>Returns the cached twin's path, synthesizing it first when absent.</summary>
    public static string EnsureTwin(TwinSpec spec, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        // Every use of the cache removes what killed writers left (partial files no live writer holds).
        foreach (var name in PartialFiles.RemoveStale(ModelsDirectory))
            progress?.Report($"removed {name} from {ModelsDirectory}, left by an interrupted earlier write");
        var path = PathFor(spec);
        if (File.Exists(path)) return path;
        progress?.Report($"synthesizing {spec.FileName} into {ModelsDirectory}");
        TwinSynthesizer.Synthesize(spec, path, progress, cancellationToken);
        return path;
    }

    /// <summary>The built-in default twin (synthesized in seconds when absent).</summary>
    public static string EnsureDefaultTwin(IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        TryParseTwin(DefaultTwin, out var spec);
        return EnsureTwin(spec, progress, cancellationToken);
    }
}
