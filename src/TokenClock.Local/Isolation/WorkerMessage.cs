namespace TokenClock.Local.Isolation;

/// <summary>
/// One JSON line between the parent and a local worker. Parent to child: op = init | generate | cancel | exit.
/// Child to parent: ev = ready | token | usage | timings | end | failed | cancelled.
/// </summary>
internal sealed record WorkerMessage
{
    public string? Op { get; init; }
    public string? Ev { get; init; }
    public long Id { get; init; }
    // init
    public string? Model { get; init; }
    public Dictionary<string, string>? Settings { get; init; }
    // generate
    public string? Prompt { get; init; }
    public string? System { get; init; }
    public int MaxTokens { get; init; }
    public int? MinTokens { get; init; }
    public bool IgnoreEos { get; init; }
    public double? Temperature { get; init; }
    public int? Seed { get; init; }
    // events
    public string? Text { get; init; }
    public int? Tokens { get; init; }
    public int? InputTokens { get; init; }
    public int? OutputTokens { get; init; }
    public double? PromptMs { get; init; }
    public double? PredictedMs { get; init; }
    public double? LoadMs { get; init; }
    public string? Finish { get; init; }
    public string? ErrorClass { get; init; }
    public string? Message { get; init; }
}
