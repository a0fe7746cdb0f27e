using System.Globalization;
using System.Text.RegularExpressions;
using TokenClock.Cli.Infrastructure;
using TokenClock.Core.Experiments;
using TokenClock.Core.ServerMetrics;
using TokenClock.Storage;

namespace TokenClock.Cli.Commands.Run;

/// <summary>
/// <c>--scrape-metrics URL|auto</c> and <c>--scrape-interval</c>: checks before the run that the endpoint answers
/// with Prometheus text (else the flag is refused: it could not take effect), scrapes while the run goes on, and
/// stores the series with the run, also when the run fails or is cancelled.
/// </summary>
internal static partial class ServerMetricsFlags
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The URL and interval to scrape, or null when not asked; bad values are a <see cref="UsageException"/> naming
    /// the flag or spec field. Flags override the spec's <c>scrape</c> section field by field (as every setting flag
    /// overrides a spec file's top-level value), and each override is said on stderr.
    /// </summary>
    public static (Uri Url, TimeSpan Interval, string Field)? Resolve(RunSettings settings, ExperimentSpec spec, TextWriter? notes = null)
    {
        var file = spec.Scrape;
        if (file is not null && settings.ScrapeMetrics is not null && !settings.ScrapeMetrics.Equals(file.Url, StringComparison.Ordinal))
            notes?.WriteLine($"note: --scrape-metrics '{settings.ScrapeMetrics}' overrides the spec's scrape.url '{file.Url}'");
        if (file?.Interval is { } fileInterval && settings.ScrapeInterval is not null)
            notes?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"note: --scrape-interval '{settings.ScrapeInterval}' overrides the spec's scrape.interval ({fileInterval.TotalMilliseconds:0} ms)"));
        var url = settings.ScrapeMetrics ?? file?.Url;
        if (url is null)
        {
            if (settings.ScrapeInterval is not null)
                throw new UsageException($"--scrape-interval: '{settings.ScrapeInterval}' has no effect without --scrape-metrics URL (or --scrape-metrics auto, or the spec's scrape.url)");
            return null;
        }
        var interval = settings.ScrapeInterval is not null ? ParseInterval(settings.ScrapeInterval) : file?.Interval ?? DefaultInterval;
        var field = settings.ScrapeMetrics is not null ? "--scrape-metrics" : "scrape.url";
        return (ResolveUrl(url, spec, field), interval, field);
    }

    private static Uri ResolveUrl(string value, ExperimentSpec spec, string field)
    {
        if (!value.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            if (Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https") return url;
            throw new UsageException($"{field}: '{value}' is not an http(s) URL; e.g. {field} http://127.0.0.1:8000/metrics, or 'auto' to derive it from --base-url");
        }
        var bases = spec.Backends.Select(b => b.BaseUrl).Distinct(StringComparer.Ordinal).ToList();
        if (bases is not [{ } only])
            throw new UsageException(bases.Count > 1
                ? $"{field}: 'auto' is ambiguous with {bases.Count} base URLs in the run; give the /metrics URL of the server to scrape"
                : $"{field}: 'auto' needs a --base-url to derive /metrics from; give the /metrics URL instead");
        // vLLM, TGI, llama-server and ours serve /metrics at the root, beside /v1.
        var root = only.TrimEnd('/');
        if (root.EndsWith("/v1", StringComparison.OrdinalIgnoreCase)) root = root[..^3];
        return Uri.TryCreate(root + "/metrics", UriKind.Absolute, out var derived)
            ? derived
            : throw new UsageException($"{field}: cannot derive a /metrics URL from base URL '{only}'; give it explicitly");
    }

    private static TimeSpan ParseInterval(string value)
    {
        var m = IntervalPattern().Match(value.Trim());
        if (m.Success && double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            var interval = m.Groups[2].Value == "ms" ? TimeSpan.FromMilliseconds(v) : TimeSpan.FromSeconds(v);
            if (interval >= ServerMetricsScraper.MinInterval && interval <= TimeSpan.FromMinutes(10)) return interval;
        }
        throw new UsageException(string.Create(CultureInfo.InvariantCulture,
            $"--scrape-interval: '{value}' is not an interval from {ServerMetricsScraper.MinInterval.TotalMilliseconds:0}ms to 10m; write e.g. 500ms, 1s, 5s"));
    }

    /// <summary>Runs <paramref name="run"/> while scraping, then stores the series under the run's id (a note on <paramref name="stderr"/>).</summary>
    public static async Task<(int ExitCode, long RunId, string DbPath)> RunWithScrapingAsync(
        (Uri Url, TimeSpan Interval, string Field) target, Func<Task<(int ExitCode, long RunId, string DbPath)>> run, TextWriter stderr, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        await using var scraper = new ServerMetricsScraper(http, target.Url, target.Interval);
        try
        {
            await scraper.ProbeAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or PrometheusFormatException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new UsageException($"{target.Field}: '{target.Url}' cannot be scraped ({ex.Message}); it must answer GET with Prometheus text, as vLLM, TGI, llama-server --metrics and tokenclock serve do on /metrics");
        }

        scraper.Start(cancellationToken);
        (int ExitCode, long RunId, string DbPath)? result = null;
        try
        {
            result = await run();
            return result.Value;
        }
        finally
        {
            var series = await scraper.StopAsync();
            // Stored after a failed or cancelled run too (what was measured is kept); a run that threw before it
            // was stored has no id to attach the series to.
            if (result is { } r)
            {
                await using var store = await SqliteRunStore.OpenAsync(r.DbPath, CancellationToken.None);
                await store.SaveServerMetricsAsync(r.RunId, series, CancellationToken.None);
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"server metrics: {series.Scrapes} scrapes of {series.Url} ({series.Failures} failed{(series.LastError is null ? "" : ": " + series.LastError)}), {series.Points.Count} points stored with run {r.RunId}; scraping took {series.ScrapeTime.TotalMilliseconds:0.#} ms in all"));
            }
        }
    }

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)(ms|s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IntervalPattern();
}
