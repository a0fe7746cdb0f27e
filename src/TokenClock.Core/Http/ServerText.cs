using System.Globalization;
using System.Text;

namespace TokenClock.Core.Http;

/// <summary>
/// Text a server sent (error bodies, error events) made safe to print and store: one line, at most a few hundred
/// characters, control characters (terminal escapes included), bidi overrides and undecodable bytes shown as
/// escapes or '?', so a hostile or broken server cannot garble the terminal or hide text.
/// </summary>
internal static class ServerText
{
    public const int DefaultMaxChars = 300;

    public static string Clean(string? text, int maxChars = DefaultMaxChars)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(Math.Min(text.Length, maxChars) + 8);
        var lastSpace = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (sb.Length >= maxChars)
            {
                sb.Append('…');
                break;
            }
            var c = rune.Value;
            if (c is '\n' or '\r' or '\t' or ' ')
            {
                if (!lastSpace && sb.Length > 0) sb.Append(' ');
                lastSpace = true;
                continue;
            }
            lastSpace = false;
            if (c == 0xFFFD) sb.Append('?');
            else if (c < 0x20 || c is >= 0x7F and <= 0x9F) sb.Append(CultureInfo.InvariantCulture, $"\\x{c:X2}");
            else if (c is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069 or 0x200E or 0x200F) sb.Append(CultureInfo.InvariantCulture, $"\\u{c:X4}");
            else sb.Append(rune.ToString());
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>Decodes bytes as UTF-8 (invalid bytes become '?') and cleans them.</summary>
    public static string Clean(ReadOnlySpan<byte> bytes, int maxChars = DefaultMaxChars) =>
        Clean(Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, maxChars * 4)]), maxChars);

    /// <summary>True when the bytes look like binary data rather than text (NULs or many control bytes).</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, 512)];
        if (sample.IsEmpty) return false;
        var control = 0;
        foreach (var b in sample)
        {
            if (b == 0) return true;
            if (b < 0x20 && b is not (byte)'\n' and not (byte)'\r' and not (byte)'\t') control++;
        }
        return control * 10 > sample.Length;
    }
}
