using System.Globalization;
using TokenClock.Core.Backends;
using TokenClock.Core.Tokens;
using TokenClock.Core.Workloads;
using TokenClock.Workloads.Generators;

namespace TokenClock.Workloads.Datasets;

/// <summary>
/// Requests from a conversation dataset. Request (or session) i uses conversation i mod count. A turn's prompt is
/// its user message; its max_tokens is the reference reply's length in tokens (as vLLM's ShareGPT loader does),
/// unless the template gives max_tokens, and the template's default when the turn has no reference reply.
/// With <c>maxTurns</c> above 1 each conversation is a session of up to that many turns (see <see cref="ISessionSource"/>).
/// </summary>
internal sealed class DatasetRequestSource : ISessionSource
{
    private readonly ConversationDataset _dataset;
    private readonly WorkloadOptions _request;
    private readonly ITokenCounter _tokens;
    private readonly int _maxTurns;
    private readonly SharedPrefix? _prefix;

    /// <param name="dataset">The conversations.</param>
    /// <param name="request">The request template (max_tokens, sampling fields, ...).</param>
    /// <param name="tokens">Counts the reference replies' tokens.</param>
    /// <param name="prefix">A shared prefix put before each prompt, or null.</param>
    /// <param name="maxTurns">Turns sent per conversation: 1 sends only the first user turn.</param>
    public DatasetRequestSource(ConversationDataset dataset, WorkloadOptions request, ITokenCounter tokens, int maxTurns = 1, SharedPrefix? prefix = null)
    {
        _dataset = dataset ?? throw new ArgumentNullException(nameof(dataset));
        _request = request ?? throw new ArgumentNullException(nameof(request));
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTurns, 1);
        _maxTurns = maxTurns;
        _prefix = prefix;
    }

    public string Name => "dataset:" + _dataset.Name;

    public BackendRequest GetRequest(int index) => GetTurn(index, 0, []);

    public int TurnCount(int index) => Math.Min(_maxTurns, ConversationOf(index).Turns.Count);

    public BackendRequest GetTurn(int index, int turn, IReadOnlyList<ChatTurn> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var conversation = ConversationOf(index);
        var current = conversation.Turns[turn];
        // The prefix goes on the first user message only; later turns carry it in their history as sent.
        var prompt = _prefix is { } p && turn == 0 ? p.Apply(index, current.User) : current.User;
        var request = _request.ToRequest(prompt);
        string budget;
        if (_request.MaxTokens is not null) budget = "max_tokens";
        else if (current.Reference is { } reference)
        {
            request = request with { MaxTokens = Math.Max(1, _tokens.CountTokens(reference)) };
            budget = "reference";
        }
        else budget = "default";

        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["workload"] = "dataset",
            ["dataset"] = _dataset.Name,
            ["conversation"] = conversation.Id,
            ["turn"] = (turn + 1).ToString(CultureInfo.InvariantCulture),
            ["turns"] = TurnCount(index).ToString(CultureInfo.InvariantCulture),
            ["session"] = index.ToString(CultureInfo.InvariantCulture),
            ["max_tokens_from"] = budget,
            ["tokenizer"] = _tokens.Name,
        };
        _prefix?.Tag(index, tags);
        return request with
        {
            SystemPrompt = _request.SystemPrompt ?? conversation.System,
            History = history,
            Tags = tags,
        };
    }

    private Conversation ConversationOf(int index) =>
        _dataset.Conversations[(int)((uint)index % (uint)_dataset.Conversations.Count)];
}
