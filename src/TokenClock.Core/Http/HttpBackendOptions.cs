using System.Globalization;
using System.Text.Json;
using TokenClock.Core.Security;

namespace TokenClock.Core.Http;

/// <summary>Option checks and key lookup shared by the HTTP backend factories. Messages name the field and a fix.</summary>
internal static class HttpBackendOptions
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Parses an absolute http(s) URL or adds a named error.</summary>
    public static Uri? ParseBaseUrl(string? value, string kind, string example, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"base_url is required for kind '{kind}' (e.g. {example})");
            return null;
        }
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"base_url '{SecretRedactor.Redact(value)}' is not an absolute http or https URL (e.g. {example})");
            return null;
        }
        // A key in the query string must never reach a message, a result file or a report.
        SecretRedactor.RegisterQuerySecrets(uri);
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            // Credentials in URLs end up in logs and result files; keys belong in environment variables.
            errors.Add("base_url must not contain user:password@; put the key in an environment variable and name it with api_key_env");
            return null;
        }
        return uri;
    }

    public static void CheckCommon(Core.Backends.BackendOptions o, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(o.Model)) errors.Add("model is required (the model or deployment name to request)");
        if (o.Timeout is { } t && t <= TimeSpan.Zero)
            errors.Add($"timeout '{t.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s' must be positive");
        if (o.ConnectTimeout is { } c && c <= TimeSpan.Zero)
            errors.Add($"connect_timeout '{c.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s' must be positive");
    }

    /// <summary>
    /// Reads the key from <c>ApiKeyEnv</c> or <paramref name="defaultEnv"/>. A missing key is an error only for
    /// non-loopback hosts when <paramref name="required"/>; loopback servers (the simulator, local engines) need none.
    /// </summary>
    public static string? ResolveKey(Core.Backends.BackendOptions o, string? defaultEnv, Uri? target, bool required, List<string> errors)
    {
        var variable = string.IsNullOrWhiteSpace(o.ApiKeyEnv) ? defaultEnv : o.ApiKeyEnv.Trim();
        if (variable is null) return null;
        var key = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(key))
        {
            SecretRedactor.Register(key.Trim()); // every later message, row and export is scrubbed of it
            return key.Trim();
        }
        var loopback = target?.IsLoopback ?? false;
        if (required && !loopback && target is not null)
            errors.Add($"environment variable {variable} is not set; set it to your API key (or name another variable with api_key_env) — loopback servers need no key");
        return null;
    }

    public static TimeSpan Connect(Core.Backends.BackendOptions o) => o.ConnectTimeout ?? Timing.RequestLimits.DefaultConnect;

    public static string Trimmed(Uri uri) => uri.GetLeftPart(UriPartial.Path).TrimEnd('/');

    public static bool ReadBool(Core.Backends.BackendOptions o, string setting, bool fallback, List<string> errors)
    {
        if (!o.Settings.TryGetValue(setting, out var raw)) return fallback;
        if (bool.TryParse(raw, out var value)) return value;
        errors.Add($"setting {setting} '{raw}' is not a boolean; use true or false");
        return fallback;
    }

    public static bool UseMaxCompletionTokens(Core.Backends.BackendOptions o, bool fallback, List<string> errors)
    {
        if (!o.Settings.TryGetValue("max_tokens_field", out var raw)) return fallback;
        switch (raw)
        {
            case "max_tokens": return false;
            case "max_completion_tokens": return true;
            default:
                errors.Add($"setting max_tokens_field '{raw}' is unknown; use max_tokens or max_completion_tokens");
                return fallback;
        }
    }

    /// <summary>The JSON names of a request type's properties (not its extension data): the fields a protocol sets.</summary>
    public static string[] FieldsOf(System.Text.Json.Serialization.Metadata.JsonTypeInfo info) =>
        info.Properties.Where(p => !p.IsExtensionData).Select(p => p.Name).ToArray();

    /// <summary>The <c>extra_body</c> fields in the form a request type's extension data takes; null when none.</summary>
    public static Dictionary<string, JsonElement>? ExtensionData(IReadOnlyDictionary<string, JsonElement>? fields) =>
        fields is null ? null : new Dictionary<string, JsonElement>(fields, StringComparer.Ordinal);

    /// <summary>The backend setting that adds fields to every request body (a JSON object), as vLLM's <c>--extra-body</c>.</summary>
    public const string ExtraBodySetting = "extra_body";

    /// <summary>
    /// Reads <c>extra_body</c>: a JSON object whose fields are added to every request body. A field the protocol
    /// sets itself (<paramref name="owned"/>) is refused: sending it twice would leave the server to pick one.
    /// </summary>
    public static Dictionary<string, JsonElement>? ReadExtraBody(Core.Backends.BackendOptions o, IReadOnlyCollection<string> owned, List<string> errors)
    {
        if (!o.Settings.TryGetValue(ExtraBodySetting, out var raw)) return null;
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(raw);
            root = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            errors.Add($"setting {ExtraBodySetting} is not valid JSON ({ex.Message}); give a JSON object, e.g. {{\"logit_bias\": {{\"50256\": -100}}}}");
            return null;
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"setting {ExtraBodySetting} is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object; give a JSON object, e.g. {{\"logit_bias\": {{\"50256\": -100}}}}");
            return null;
        }
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var field in root.EnumerateObject())
        {
            if (owned.Contains(field.Name))
                errors.Add($"setting {ExtraBodySetting} field '{field.Name}' is one TokenClock sets itself from the request; set it there (or drop it from {ExtraBodySetting})");
            else if (!fields.TryAdd(field.Name, field.Value))
                errors.Add($"setting {ExtraBodySetting} names field '{field.Name}' twice; keep one");
        }
        return fields.Count == 0 ? null : fields;
    }
}
