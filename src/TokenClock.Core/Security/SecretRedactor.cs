using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TokenClock.Core.Security;

/// <summary>
/// Removes secrets from text before it is printed, stored or exported. Two rules: every secret value this process
/// has seen (API keys read from environment variables, credential header values, secret query parameters) is
/// replaced by <see cref="Mask"/>; and the value of every secret-looking URL query parameter (<c>?api_key=…</c>,
/// <c>&amp;token=…</c>, <c>sig=</c>, …) is masked even when the value was never registered.
/// A server that echoes our request headers back therefore cannot put the key in a log, a database or a report.
/// </summary>
public static partial class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    /// <summary>Values shorter than this are not registered: masking every "ab" in a report would garble it.</summary>
    public const int MinimumSecretLength = 4;

    private static ImmutableArray<string> s_secrets = [];

    /// <summary>Headers whose values are credentials.</summary>
    public static bool IsCredentialHeader(string name) =>
        name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("api-key", StringComparison.OrdinalIgnoreCase)
        || name.Equals("x-api-key", StringComparison.OrdinalIgnoreCase)
        || name.Equals("x-goog-api-key", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Cookie", StringComparison.OrdinalIgnoreCase);

    /// <summary>Query parameter names whose values are credentials (compared without '-' and '_', ignoring case).</summary>
    public static bool IsSecretParameter(string name)
    {
        var n = name.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        return n is "key" or "apikey" or "token" or "accesstoken" or "authtoken" or "idtoken" or "refreshtoken" or "auth"
            or "authorization" or "secret" or "clientsecret" or "password" or "passwd" or "pwd" or "sig" or "signature"
            or "code" or "session" or "sessionid" or "credential" or "credentials" or "xamzsignature" or "xamzcredential"
            or "xamzsecuritytoken";
    }

    /// <summary>Remembers a secret for the life of the process. "Bearer KEY" registers KEY as well.</summary>
    public static void Register(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret)) return;
        var value = secret.Trim();
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && space < value.Length - 1) Register(value[(space + 1)..]); // "Bearer KEY", "Basic B64"
        if (value.Length < MinimumSecretLength) return;
        ImmutableInterlocked.Update(ref s_secrets, list =>
        {
            if (list.Contains(value, StringComparer.Ordinal)) return list;
            // Longest first, so "Bearer KEY" is masked whole rather than leaving "Bearer ***" half matched.
            return [.. list.Add(value).OrderByDescending(s => s.Length)];
        });
    }

    /// <summary>Registers the values of secret-looking query parameters of <paramref name="url"/>.</summary>
    public static void RegisterQuerySecrets(Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri || string.IsNullOrEmpty(url.Query)) return;
        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) continue;
            if (!IsSecretParameter(Uri.UnescapeDataString(pair[..eq]))) continue;
            Register(pair[(eq + 1)..]);
            Register(Uri.UnescapeDataString(pair[(eq + 1)..]));
        }
    }

    /// <summary>The text with every known secret and every secret-looking query value replaced by <see cref="Mask"/>.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0) return text;
        foreach (var secret in s_secrets)
            if (text.Contains(secret, StringComparison.Ordinal)) text = text.Replace(secret, Mask, StringComparison.Ordinal);
        if (!text.Contains('=', StringComparison.Ordinal)) return text; // every query secret has one: skip the regex
        return QuerySecret().Replace(text, m => IsSecretParameter(m.Groups["name"].Value) ? m.Groups["lead"].Value + Mask : m.Value);
    }

    /// <summary>
    /// Redacts every string value (and property name) inside a JSON document. Works on the parsed values, so a key
    /// whose characters the serializer escaped (<c>+</c> as <c>\u002B</c>) is still found. Text that is not JSON is
    /// redacted as plain text.
    /// </summary>
    public static string RedactJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (s_secrets.IsEmpty && !json.Contains('=', StringComparison.Ordinal)) return json; // nothing could match
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return Redact(json);
        }
        if (root is null) return json;
        var changed = false;
        var result = RedactNode(root, ref changed);
        return changed ? result!.ToJsonString() : json;
    }

    private static JsonNode? RedactNode(JsonNode? node, ref bool changed)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToArray())
                {
                    var redactedName = Redact(name);
                    var value = RedactNode(child, ref changed);
                    if (!ReferenceEquals(value, child) || redactedName != name)
                    {
                        obj.Remove(name);
                        obj[redactedName] = value?.Parent is null ? value : value.DeepClone();
                        changed = true;
                    }
                }
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var child = array[i];
                    var value = RedactNode(child, ref changed);
                    if (!ReferenceEquals(value, child)) array[i] = value?.Parent is null ? value : value.DeepClone();
                }
                return array;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var text = v.GetValue<string>();
                var redacted = Redact(text);
                if (redacted == text) return v;
                changed = true;
                return JsonValue.Create(redacted);
            default:
                return node;
        }
    }

    /// <summary>
    /// How many characters at the end of <paramref name="text"/> could be the start of a registered secret (the
    /// longest such tail, shorter than the secret): a stream must hold them back until more text decides.
    /// </summary>
    public static int PossibleSecretPrefixLength(ReadOnlySpan<char> text)
    {
        var longest = 0;
        foreach (var secret in s_secrets)
        {
            for (var k = Math.Min(secret.Length - 1, text.Length); k > longest; k--)
                if (text[^k..].SequenceEqual(secret.AsSpan(0, k)))
                {
                    longest = k;
                    break;
                }
        }
        return longest;
    }

    /// <summary><see cref="Redact(string)"/> that passes null through.</summary>
    public static string? RedactOrNull(string? text) => text is null ? null : Redact(text);

    /// <summary>True when <paramref name="text"/> still holds a registered secret (for checks and tests).</summary>
    public static bool ContainsKnownSecret(string text) =>
        s_secrets.Any(s => text.Contains(s, StringComparison.Ordinal));

    // name=value after '?', '&', ';' or a JSON-escaped '&' (\u0026); the value stops at a delimiter, quote or escape.
    [GeneratedRegex(@"(?<lead>(?:[?&;]|\\u0026)(?<name>[A-Za-z][A-Za-z0-9_\-]{0,40})=)(?<value>[^&#;\s""'<>\\]+)", RegexOptions.CultureInvariant)]
    private static partial Regex QuerySecret();
}
