using System.Globalization;

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
            errors.Add($"base_url '{value}' is not an absolute http or https URL (e.g. {example})");
            return null;
        }
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
        if (!string.IsNullOrWhiteSpace(key)) return key.Trim();
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
}
