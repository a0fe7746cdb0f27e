namespace TokenClock.Tests.Prometheus;

/// <summary>
/// A fact that needs Debian's <c>prometheus</c> server. Skipped with the reason shown on a developer machine
/// without it; under CI (CI=true, where .ci/run installs it) a missing server fails instead of skipping.
/// </summary>
public sealed class PrometheusFactAttribute : FactAttribute
{
    public PrometheusFactAttribute()
    {
        if (Path is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Skip = "prometheus is not installed (apt-get install prometheus; .ci/run installs it)";
    }

    public static string? Path =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, "prometheus"))
            .FirstOrDefault(File.Exists);
}
