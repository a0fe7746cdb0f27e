using System.Collections.Concurrent;
using System.Globalization;
using TokenClock.Core.Backends;
using TokenClock.Core.Tokens;
using TokenClock.Core.Workloads;
using TokenClock.Workloads.Lengths;

namespace TokenClock.Workloads.Generators;

/// <summary>
/// Prompts of exactly <c>promptTokens</c> tokens (for the given tokenizer; a chat template adds its own tokens
/// on the server), different for every index. The workload owns only the prompt: every field of the request
/// template is sent as given (max_tokens defaults to 128); the length control fills in min_tokens (= max_tokens)
/// or ignore_eos only where the template leaves them unset.
/// </summary>
internal sealed class SyntheticPromptSource : IRequestSource
{
    private readonly ITokenCounter _tokens;
    private readonly int _promptTokens;
    private readonly WorkloadOptions _request;
    private readonly LengthControl _lengthControl;
    private readonly LengthDistribution? _promptLengths;
    private readonly LengthDistribution? _outputLengths;
    private readonly int _minPromptTokens;
    private readonly ConcurrentDictionary<(int Variant, int Tokens), string> _cache = new();

    public SyntheticPromptSource(ITokenCounter tokens, int promptTokens, int maxTokens, LengthControl lengthControl = LengthControl.Instruction)
        : this(tokens, promptTokens, new WorkloadOptions { MaxTokens = maxTokens }, lengthControl)
    {
    }

    public SyntheticPromptSource(ITokenCounter tokens, int promptTokens, WorkloadOptions request, LengthControl lengthControl = LengthControl.Instruction)
        : this(tokens, promptTokens, request, lengthControl, null, null)
    {
    }

    /// <param name="tokens">Counts tokens as the target backend will.</param>
    /// <param name="promptTokens">Prompt length of every request, in tokens.</param>
    /// <param name="request">The request template.</param>
    /// <param name="lengthControl">How the output length is held (instruction, ignore_eos, ...).</param>
    /// <param name="promptLengths">Draws each request's prompt length (instead of <paramref name="promptTokens"/>); a
    /// draw below the shortest possible prompt (the instruction plus one word) is raised to it, and every request's
    /// actual length is in its <c>prompt_tokens</c> tag.</param>
    /// <param name="outputLengths">Draws each request's max_tokens (the request template must leave max_tokens unset).</param>
    public SyntheticPromptSource(ITokenCounter tokens, int promptTokens, WorkloadOptions request, LengthControl lengthControl,
        LengthDistribution? promptLengths, LengthDistribution? outputLengths)
    {
        _promptLengths = promptLengths;
        _outputLengths = outputLengths;
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        ArgumentNullException.ThrowIfNull(request);
        if (request.MaxTokens < 1) throw new ArgumentOutOfRangeException(nameof(request), request.MaxTokens, "max_tokens must be at least 1.");
        _promptTokens = promptTokens;
        _request = request;
        _lengthControl = lengthControl;
        _minPromptTokens = tokens.CountTokens(SyntheticPrompt.Instruction) + 1;
        if (promptLengths is null) SyntheticPrompt.Build(tokens, promptTokens); // fail at construction, not mid-run
    }

    /// <summary>Shared prefixes (prefix-cache effects): each prompt becomes its group's prefix, then a unique request line and the synthetic prompt.</summary>
    public SharedPrefix? Prefix { get; init; }

    /// <summary>
    /// 0: 64 rotating prompt variants, the same in every run. Otherwise 4,096 variants whose words come from this
    /// seed, so sweep points run with different seeds repeat no prompt, within a point or across points (a
    /// server's prefix cache would otherwise answer them and fake a short TTFT).
    /// </summary>
    public int PromptSeed
    {
        get => _promptSeed;
        init => _promptSeed = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "prompt_seed must be 0 or more.");
    }

    private readonly int _promptSeed;

    public string Name => _promptLengths is { } d ? "synthetic:" + d.Spec : string.Create(CultureInfo.InvariantCulture, $"synthetic:{_promptTokens}");

    public BackendRequest GetRequest(int index)
    {
        // Cached per variant so the expensive exact-length search runs once; 64 variants defeat prefix caches.
        var length = _promptLengths is { } d ? Math.Max(_minPromptTokens, d.Sample(index)) : _promptTokens;
        var variants = _promptSeed == 0 ? 64 : 4096;
        var prompt = _cache.GetOrAdd((index % variants, length),
            k => SyntheticPrompt.Build(_tokens, k.Tokens, k.Variant, SyntheticPrompt.Instruction, _promptSeed));
        var request = _request.ToRequest(prompt);
        if (_outputLengths is { } o) request = request with { MaxTokens = o.Sample(index) };
        var tags = new Dictionary<string, string>
        {
            ["workload"] = "synthetic",
            ["prompt_tokens"] = length.ToString(CultureInfo.InvariantCulture),
            ["tokenizer"] = _tokens.Name,
            ["length_control"] = _lengthControl.ToName(),
        };
        if (_promptSeed != 0) tags["prompt_seed"] = _promptSeed.ToString(CultureInfo.InvariantCulture);
        if (_promptLengths is not null) tags["prompt_tokens_dist"] = _promptLengths.Spec;
        if (_outputLengths is not null) tags["output_tokens_dist"] = _outputLengths.Spec;
        if (Prefix is { } shared)
        {
            // The numbered line makes every suffix unique (64 filler variants would repeat); prompt_tokens is then
            // the whole prompt as counted, suffix_tokens the synthetic part's exact length.
            prompt = shared.Apply(index, string.Create(CultureInfo.InvariantCulture, $"Request {index}. ") + prompt);
            request = request with { Prompt = prompt };
            tags["suffix_tokens"] = tags["prompt_tokens"];
            tags["prompt_tokens"] = _tokens.CountTokens(prompt).ToString(CultureInfo.InvariantCulture);
            shared.Tag(index, tags);
        }
        return request with
        {
            MinTokens = request.MinTokens ?? (_lengthControl == LengthControl.MinTokens ? request.MaxTokens : null),
            IgnoreEos = request.IgnoreEos || _lengthControl == LengthControl.IgnoreEos,
            Tags = tags,
        };
    }
}
