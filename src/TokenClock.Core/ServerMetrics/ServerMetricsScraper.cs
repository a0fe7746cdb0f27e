using System.Diagnostics;
using System.Net.Http.Headers;

namespace TokenClock.Core.ServerMetrics;

/// <summary>
/// Scrapes a Prometheus /metrics endpoint every interval while a run goes on, keeping gauges, counters and the
/// _sum/_count of histograms and summaries (bucket series are dropped: they multiply rows without adding a
/// quantity the report draws). A failed scrape is counted and remembered, never fatal: the run's own
/// measurements matter more than the server's view of them.
/// </summary>
public sealed class ServerMetricsScraper : IAsyncDisposable
{
    /// <summary>The shortest interval accepted; faster scraping would load the server being measured.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Series kept per scrape; a server exposing more is cut (and the failure text says so).</summary>
    public const int MaxSeriesPerScrape = 2000;

    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly List<ServerMetricPoint> _points = [];
    private readonly Lock _gate = new();
    private CancellationTokenSource? _stop;
    private Task? _loop;
    private int _scrapes, _failures;
    private string? _lastError;
    private long _scrapeTicks;

    /// <summary>A scraper of <paramref name="url"/> every <paramref name="interval"/>; nothing is sent before <see cref="Start"/>.</summary>
    /// <param name="http">The client to send the GETs with (not disposed by the scraper).</param>
    /// <param name="url">The Prometheus /metrics URL.</param>
    /// <param name="interval">The time between scrapes; at least <see cref="MinInterval"/>.</param>
    /// <param name="time">Stamps each point and paces the scrapes; null uses <see cref="TimeProvider.System"/>.</param>
    public ServerMetricsScraper(HttpClient http, Uri url, TimeSpan interval, TimeProvider? time = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _url = url ?? throw new ArgumentNullException(nameof(url));
        if (interval < MinInterval)
            throw new ArgumentOutOfRangeException(nameof(interval), interval, $"the scrape interval must be at least {MinInterval.TotalMilliseconds:0} ms");
        _interval = interval;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// One scrape, for checking before a run that the endpoint answers with Prometheus text.
    /// Throws <see cref="HttpRequestException"/> or <see cref="PrometheusFormatException"/> naming the problem.
    /// </summary>
    public async Task<IReadOnlyList<PrometheusSample>> ProbeAsync(CancellationToken cancellationToken = default) =>
        await FetchAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Scrapes once now, then every interval until <see cref="StopAsync"/>.</summary>
    public void Start(CancellationToken cancellationToken = default)
    {
        if (_loop is not null) throw new InvalidOperationException("the scraper is already running");
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _loop = Task.Run(() => LoopAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>Stops scraping (after one final scrape, so the series covers the run's end) and returns the series.</summary>
    public async Task<ServerMetricsSeries> StopAsync()
    {
        if (_stop is not null && _loop is not null)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
            using var final = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await ScrapeOnceAsync(final.Token).ConfigureAwait(false);
        }
        lock (_gate)
        {
            return new ServerMetricsSeries
            {
                Url = _url,
                Interval = _interval,
                Points = _points.ToArray(),
                Scrapes = _scrapes,
                Failures = _failures,
                LastError = _lastError,
                ScrapeTime = TimeSpan.FromTicks(_scrapeTicks),
            };
        }
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        try
        {
            do
            {
                await ScrapeOnceAsync(ct).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task ScrapeOnceAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var samples = await FetchAsync(ct).ConfigureAwait(false);
            var at = _time.GetUtcNow();
            lock (_gate)
            {
                _scrapes++;
                var kept = 0;
                foreach (var s in samples)
                {
                    if (s.Type is "histogram" && s.Name.EndsWith("_bucket", StringComparison.Ordinal)) continue;
                    if (s.Type is "summary" && s.Labels.Contains("quantile=", StringComparison.Ordinal)) continue;
                    if (++kept > MaxSeriesPerScrape)
                    {
                        _lastError = $"the endpoint exposes more than {MaxSeriesPerScrape} series; the rest were not kept";
                        break;
                    }
                    _points.Add(new ServerMetricPoint(at, s.Name, s.Labels, s.Value));
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or PrometheusFormatException or OperationCanceledException or IOException)
        {
            lock (_gate)
            {
                _failures++;
                _lastError = ex.Message;
            }
        }
        finally
        {
            Interlocked.Add(ref _scrapeTicks, Stopwatch.GetElapsedTime(started).Ticks);
        }
    }

    private async Task<IReadOnlyList<PrometheusSample>> FetchAsync(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_interval < TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5) : _interval);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"GET {_url} answered HTTP {(int)response.StatusCode}", null, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        return PrometheusTextParser.Parse(text);
    }

    /// <summary>Stops scraping and waits for a scrape in progress to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop is not null)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            if (_loop is not null) await _loop.ConfigureAwait(false);
            _stop.Dispose();
        }
    }
}
