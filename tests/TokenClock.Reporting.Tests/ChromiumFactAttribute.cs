namespace TokenClock.Reporting.Tests;

/// <summary>A fact that is skipped, with the reason shown, when no chromium binary is on PATH.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Path is null) Skip = "chromium is not installed (apt-get install chromium; .ci/run installs it)";
    }

    public static string? Path { get; } = Find();

    private static string? Find()
    {
        foreach (var name in new[] { "chromium", "chromium-browser" })
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
                if (File.Exists(System.IO.Path.Combine(dir, name))) return System.IO.Path.Combine(dir, name);
        return null;
    }
}
