using System.Text;

namespace TokenClock.Core.Security;

/// <summary>
/// Redacts text that arrives in pieces (a streamed answer shown live), so a registered secret split across two
/// chunks is masked too: each push returns what is safe to show now and holds back only a tail that could still
/// become a secret (usually nothing). <see cref="Flush"/> returns the rest at the end of the stream.
/// Secret-looking query parameters are masked within what is released; registered secrets across any split.
/// </summary>
public sealed class StreamingRedactor
{
    private readonly StringBuilder _pending = new();

    /// <summary>Adds the next piece of the stream; returns the redacted text that is safe to show now (a tail that could still become a secret is held back).</summary>
    public string Push(string chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        // Usually nothing is held back: the chunk itself is the text, with no buffer round trip per chunk.
        var text = _pending.Length == 0 ? chunk : _pending.Append(chunk).ToString();
        _pending.Clear();
        var hold = SecretRedactor.PossibleSecretPrefixLength(text);
        if (hold == 0) return SecretRedactor.Redact(text);
        _pending.Append(text, text.Length - hold, hold);
        return SecretRedactor.Redact(text[..^hold]);
    }

    /// <summary>Returns the redacted text still held back, at the end of the stream, and empties the buffer.</summary>
    public string Flush()
    {
        var rest = _pending.ToString();
        _pending.Clear();
        return SecretRedactor.Redact(rest);
    }
}
