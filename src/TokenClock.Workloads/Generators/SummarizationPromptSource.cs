using System.Collections.Concurrent;
using System.Globalization;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Core.Tokens;
using TokenClock.Core.Workloads;
using TokenClock.Workloads.Chunking;
using TokenClock.Workloads.CorpusLoading;
using TokenClock.Workloads.Prompts;
using TokenClock.Workloads.Quality;

namespace TokenClock.Workloads.Generators;

/// <summary>
/// One-call summarization prompts over a corpus, sweeping target summary lengths (the study's x-axis).
/// Index i asks for document (i / targets) mod documents at target i mod targets, so a run of
/// <see cref="Count"/> requests covers every pair once. Documents longer than the input budget are cut to
/// their first chunk (tag <c>truncated</c>). The workload owns prompt, max_tokens (derived from the target
/// length; an explicit max_tokens is a cap), min_tokens and ignore_eos (by length control); every other field of
/// the request template is sent as given, and a given system prompt replaces the built-in one. Score() gives ROUGE-1/2/L F1 against the reference (when present),
/// compression ratio and the actual summary length in words.
/// </summary>
internal sealed class SummarizationPromptSource : IRequestSource
{
    private readonly IReadOnlyList<CorpusDocument> _docs;
    private readonly IReadOnlyList<int> _targets;
    private readonly ITokenCounter _tokens;
    private readonly LengthControl _lengthControl;
    private readonly int? _maxInputTokens;
    private readonly WorkloadOptions _request;
    private readonly ConcurrentDictionary<string, (string Text, bool Truncated)> _inputs = new(StringComparer.Ordinal);

    public SummarizationPromptSource(
        IReadOnlyList<CorpusDocument> documents,
        IReadOnlyList<int> summaryWords,
        ITokenCounter tokens,
        LengthControl lengthControl,
        int? maxInputTokens = null,
        WorkloadOptions? request = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(summaryWords);
        if (documents.Count == 0) throw new ArgumentException("The corpus has no usable documents.", nameof(documents));
        if (summaryWords.Count == 0 || summaryWords.Any(w => w < 1))
            throw new ArgumentException("Give at least one target summary length of 1 word or more.", nameof(summaryWords));
        _docs = documents;
        _targets = summaryWords;
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        _lengthControl = lengthControl;
        _maxInputTokens = maxInputTokens;
        _request = request ?? new WorkloadOptions();
    }

    public string Name => "summarize:corpus";

    /// <summary>Requests needed to cover every document at every target once.</summary>
    public int Count => _docs.Count * _targets.Count;

    public BackendRequest GetRequest(int index)
    {
        var (doc, words) = Pick(index);
        var (text, truncated) = Input(doc);
        var targetTokens = SummaryPrompts.TargetTokens(words);
        var budget = _lengthControl == LengthControl.IgnoreEos ? targetTokens : SummaryPrompts.MaxTokensFor(words);
        var request = _request.ToRequest(SummaryPrompts.Stuff(text, words)) with
        {
            SystemPrompt = _request.SystemPrompt ?? SummaryPrompts.System,
            MaxTokens = Math.Min(budget, _request.MaxTokens ?? int.MaxValue),
            MinTokens = _lengthControl == LengthControl.MinTokens ? (int)(targetTokens * 0.9) : null,
            IgnoreEos = _lengthControl == LengthControl.IgnoreEos,
            Tags = new Dictionary<string, string>
            {
                ["workload"] = "summarize",
                ["doc"] = doc.Id,
                ["genre"] = doc.Genre,
                ["doc_words"] = doc.Words.ToString(CultureInfo.InvariantCulture),
                ["target_words"] = words.ToString(CultureInfo.InvariantCulture),
                ["length_control"] = _lengthControl.ToName(),
                ["truncated"] = truncated ? "true" : "false",
            },
        };
        return request;
    }

    public IReadOnlyDictionary<string, double>? Score(BackendRequest request, RequestRecord record)
    {
        if (!record.Succeeded || record.OutputText is null) return null;
        if (!request.Tags.TryGetValue("doc", out var id) || _docs.FirstOrDefault(d => d.Id == id) is not { } doc) return null;
        var summary = record.OutputText;
        var scores = new Dictionary<string, double>
        {
            ["summary_words"] = RougeTokenizer.CountWords(summary),
            ["compression"] = CompressionRatio.Of(summary, doc.Text),
        };
        if (request.Tags.TryGetValue("target_words", out var t) && int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var target))
            scores["length_ratio"] = scores["summary_words"] / target;
        if (doc.Reference is { } reference)
        {
            var rouge = Rouge.Score(summary, reference);
            scores["rouge1"] = rouge.Rouge1.F1;
            scores["rouge2"] = rouge.Rouge2.F1;
            scores["rougeL"] = rouge.RougeL.F1;
        }
        return scores;
    }

    private (CorpusDocument Doc, int Words) Pick(int index)
    {
        var i = (int)((uint)index % (uint)Count);
        return (_docs[i / _targets.Count], _targets[i % _targets.Count]);
    }

    private (string Text, bool Truncated) Input(CorpusDocument doc) => _inputs.GetOrAdd(doc.Id, _ =>
    {
        if (_maxInputTokens is not { } max || _tokens.CountTokens(doc.Text) <= max) return (doc.Text, false);
        var first = new TokenChunker(_tokens, new ChunkingOptions(max) { Balance = false }).Split(doc.Text)[0];
        return (first.Text, true);
    });
}
