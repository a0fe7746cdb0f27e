using TokenClock.Core.Backends;
using TokenClock.Core.Workloads;
using TokenClock.Workloads.Tokenizers;
using TokenClock.Core.Settings;

namespace TokenClock.Workloads.Generators;

/// <summary>
/// The <c>summarize</c> and <c>synthetic</c> workloads as the run engine's workload contract: they receive the
/// spec's typed request template and send each field as given, except the fields they own (see
/// <see cref="SummarizationPromptSource"/>, <see cref="SyntheticPromptSource"/>), where a conflicting explicit
/// value is refused by <see cref="Validate"/> naming both fields.
/// </summary>
public sealed class GeneratorWorkload : IWorkloadFactory
{
    private readonly TokenizerResolver _tokenizers;
    private readonly Action<string>? _warn;

    private GeneratorWorkload(string name, TokenizerResolver? tokenizers, Action<string>? warn)
    {
        Name = name;
        _tokenizers = tokenizers ?? TokenizerResolver.Default;
        _warn = warn;
    }

    /// <summary>The <c>summarize</c> workload: prompts made from the corpus documents.</summary>
    /// <param name="tokenizers">Picks the token counter for the backend's model; null: the default resolver.</param>
    /// <param name="warn">Receives corpus warnings (skipped files); the engine itself never writes to the console.</param>
    public static GeneratorWorkload Summarize(TokenizerResolver? tokenizers = null, Action<string>? warn = null) =>
        new(WorkloadFactory.Summarize, tokenizers, warn);

    /// <summary>The <c>synthetic</c> workload: prompts of an exact token count; <paramref name="tokenizers"/> as for <see cref="Summarize"/>.</summary>
    public static GeneratorWorkload Synthetic(TokenizerResolver? tokenizers = null) =>
        new(WorkloadFactory.Synthetic, tokenizers, null);

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public IReadOnlyList<SettingProblem> Validate(WorkloadOptions options) => WorkloadOptionParser.Validate(Name, options);

    /// <inheritdoc/>
    public IRequestSource Create(WorkloadOptions options, BackendOptions backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var creation = WorkloadFactory.Create(WorkloadOptionParser.Parse(Name, options, backend, _tokenizers));
        foreach (var warning in creation.Warnings) _warn?.Invoke(warning);
        return creation.Source;
    }
}
