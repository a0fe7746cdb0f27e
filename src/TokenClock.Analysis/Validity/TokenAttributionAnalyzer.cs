using TokenClock.Core.Results;

namespace TokenClock.Analysis.Validity;

/// <summary>
/// Says where ITL's per-chunk token counts came from (metrics.md, token attribution) when any of them are not
/// exact, and which requests had their server usage rejected as impossible (bad_usage).
/// </summary>
internal sealed class TokenAttributionAnalyzer : IValidityAnalyzer
{
    public string Id => "TC009";
    public string Name => "token-attribution";

    public IEnumerable<ValidityFinding> Analyze(ValidityContext context)
    {
        foreach (var s in context.Series)
        {
            var ok = s.Requests.Where(r => r.Succeeded && r.Chunks.Count > 0).ToArray();
            if (ok.Length == 0) continue;
            var bad = ok.Count(r => r.Flags.HasFlag(RequestFlags.BadUsage));
            if (bad > 0)
            {
                var note = ok.First(r => r.Flags.HasFlag(RequestFlags.BadUsage)).Note;
                yield return new(Id, Name, Severity.Warning, $"The server's usage was impossible in {bad} of {ok.Length} requests (bad_usage) and was replaced by the local count; first: {note}.", s.Name);
            }
            var local = ok.Count(r => r.TokenAttribution == TokenAttribution.Local);
            if (local > 0)
            {
                var tokenizer = ok.Select(r => r.LocalTokenizer).FirstOrDefault(t => t is not null) ?? "the local tokenizer";
                yield return new(Id, Name, Severity.Hint, $"ITL and TPOT use an approximate token count ({tokenizer}) in {Fmt.Pct((double)local / ok.Length)} of requests: the server reported no usable usage. Enable usage in the stream (stream_options.include_usage) for exact per-token figures.", s.Name);
            }
        }
    }
}
