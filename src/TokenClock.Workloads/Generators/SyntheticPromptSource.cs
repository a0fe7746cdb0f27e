using System.Collections.Concurrent;
using System.Globalization;
using TokenClock.Core.Backends;
using TokenClock.Core.Tokens;
using TokenClock.Core.Workloads;

namespace TokenClock.Workloads.Generators;

/// <summary>
/// Prompts of exactly <c>promptTokens</c> tokens (for the given tokenizer; a chat template adds its own tokens
/// on the server), different for every index. Output length: <c>maxTokens</c>, with EOS ignored when asked.
/// </summary>
public sealed class SyntheticPromptSource : IRequestSource
{
    private readonly ITokenCounter _tokens;
    private readonly int _promptTokens;
    private readonly int _maxTokens;
    private readonly LengthControl _lengthControl;
    private readonly ConcurrentDictionary<int, string> _cache = new();

    public SyntheticPromptSource(ITokenCounter tokens, int promptTokens, int maxTokens, LengthControl lengthControl = LengthControl.Instruction)
    {
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        if (maxTokens < 1) throw new ArgumentOutOfRangeException(nameof(maxTokens), maxTokens, "max_tokens must be at least 1.");
        _promptTokens = promptTokens;
        _maxTokens = maxTokens;
        _lengthControl = lengthControl;
        SyntheticPrompt.Build(tokens, promptTokens); // fail at construction, not mid-run
    }

    public string Name => string.Create(CultureInfo.InvariantCulture, $"synthetic:{_promptTokens}");

    public BackendRequest GetRequest(int index)
    {
        // Cached per variant so the expensive exact-length search runs once; 64 variants defeat prefix caches.
        var prompt = _cache.GetOrAdd(index % 64, v => SyntheticPrompt.Build(_tokens, _promptTokens, v));
        return new BackendRequest
        {
            Prompt = prompt,
            MaxTokens = _maxTokens,
            MinTokens = _lengthControl == LengthControl.MinTokens ? _maxTokens : null,
            IgnoreEos = _lengthControl == LengthControl.IgnoreEos,
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
