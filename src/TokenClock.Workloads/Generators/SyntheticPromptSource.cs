using System.Collections.Concurrent;
using System.Globalization;
using TokenClock.Core.Backends;
using TokenClock.Core.Tokens;
using TokenClock.Core.Workloads;

namespace TokenClock.Workloads.Generators;

/// <summary>
/// Prompts of exactly <c>promptTokens</c> tokens (for the given tokenizer; a chat template adds its own tokens
/// on the server), different for every index. The workload owns only the prompt: every field of the request
/// template is sent as given (max_tokens defaults to 128); the length control fills in min_tokens (= max_tokens)
/// or ignore_eos only where the template leaves them unset.
/// </summary>
public sealed class SyntheticPromptSource : IRequestSource
{
    private readonly ITokenCounter _tokens;
    private readonly int _promptTokens;
    private readonly WorkloadOptions _request;
    private readonly LengthControl _lengthControl;
    private readonly ConcurrentDictionary<int, string> _cache = new();

    public SyntheticPromptSource(ITokenCounter tokens, int promptTokens, int maxTokens, LengthControl lengthControl = LengthControl.Instruction)
        : this(tokens, promptTokens, new WorkloadOptions { MaxTokens = maxTokens }, lengthControl)
    {
    }

    public SyntheticPromptSource(ITokenCounter tokens, int promptTokens, WorkloadOptions request, LengthControl lengthControl = LengthControl.Instruction)
    {
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        ArgumentNullException.ThrowIfNull(request);
        if (request.MaxTokens < 1) throw new ArgumentOutOfRangeException(nameof(request), request.MaxTokens, "max_tokens must be at least 1.");
        _promptTokens = promptTokens;
        _request = request;
        _lengthControl = lengthControl;
        SyntheticPrompt.Build(tokens, promptTokens); // fail at construction, not mid-run
    }

    public string Name => string.Create(CultureInfo.InvariantCulture, $"synthetic:{_promptTokens}");

    public BackendRequest GetRequest(int index)
    {
        // Cached per variant so the expensive exact-length search runs once; 64 variants defeat prefix caches.
        var prompt = _cache.GetOrAdd(index % 64, v => SyntheticPrompt.Build(_tokens, _promptTokens, v));
        var request = _request.ToRequest(prompt);
        return request with
        {
            MinTokens = request.MinTokens ?? (_lengthControl == LengthControl.MinTokens ? request.MaxTokens : null),
            IgnoreEos = request.IgnoreEos || _lengthControl == LengthControl.IgnoreEos,
            Tags = new Dictionary<string, string>
            {
                ["workload"] = "synthetic",
                ["prompt_tokens"] = _promptTokens.ToString(CultureInfo.InvariantCulture),
                ["tokenizer"] = _tokens.Name,
                ["length_control"] = _lengthControl.ToName(),
            },
        };
    }
}
