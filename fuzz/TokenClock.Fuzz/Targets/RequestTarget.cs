using TokenClock.Server.Protocol;

namespace TokenClock.Fuzz.Targets;

/// <summary>
/// The server's request reader: the first byte picks OpenAI (even) or Anthropic (odd), the rest is the body.
/// Bad bodies must be refused with <see cref="RequestException"/> (a 400 naming the field); an accepted request
/// must respect the server's output-token limit.
/// </summary>
internal sealed class RequestTarget : IFuzzTarget
{
    private const int MaxOutputTokens = 4096;

    public string Name => "request";

    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty) return;
        var body = input[1..];
        ParsedChatRequest parsed;
        try
        {
            parsed = (input[0] & 1) == 0
                ? ChatRequestReader.ParseOpenAI(body, MaxOutputTokens)
                : ChatRequestReader.ParseAnthropic(body, MaxOutputTokens);
        }
        catch (RequestException ex)
        {
            if (string.IsNullOrWhiteSpace(ex.Message)) throw new FuzzInvariantException("a request was refused without a message");
            return;
        }
        var r = parsed.Request;
        if (r.MaxTokens is < 1 or > MaxOutputTokens)
            throw new FuzzInvariantException($"accepted max tokens {r.MaxTokens} outside 1..{MaxOutputTokens}");
        if (r.MinTokens is { } min && (min < 0 || min > r.MaxTokens))
            throw new FuzzInvariantException($"accepted min tokens {min} with max {r.MaxTokens}");
        if (r.Temperature is { } t && !(t is >= 0 and <= 2))
            throw new FuzzInvariantException($"accepted temperature {t}");
        if (r.Prompt is null) throw new FuzzInvariantException("accepted a request without a prompt");
    }
}
