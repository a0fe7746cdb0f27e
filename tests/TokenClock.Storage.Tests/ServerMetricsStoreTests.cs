using TokenClock.Core.Results;
using TokenClock.Core.ServerMetrics;

namespace TokenClock.Storage.Tests;

/// <summary>Server-side metric series saved with a run in a real SQLite file and read back after reopening it.</summary>
public sealed class ServerMetricsStoreTests : IDisposable
{
    private readonly TempDb _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task A_series_survives_reopening_the_file_including_nan_and_failures()
    {
        var t0 = new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.Zero);
        var series = new ServerMetricsSeries
        {
            Url = new Uri("http://127.0.0.1:8000/metrics"),
            Interval = TimeSpan.FromMilliseconds(250),
            Scrapes = 2,
            Failures = 1,
            LastError = "GET http://127.0.0.1:8000/metrics answered HTTP 503",
            ScrapeTime = TimeSpan.FromMilliseconds(3.5),
            Points =
            [
                new(t0, "vllm:num_requests_running", "{model_name=\"m\"}", 2),
                new(t0.AddMilliseconds(250), "vllm:num_requests_running", "{model_name=\"m\"}", 5),
                new(t0, "vllm:kv_cache_usage_perc", "", double.NaN),
            ],
        };
        long id;
        await using (var store = await SqliteRunStore.OpenAsync(_db.Path))
        {
            id = await store.StartRunAsync(SqliteRunStoreTests.Info());
            await store.SaveServerMetricsAsync(id, series);
            await store.FinishRunAsync(id, RunStatus.Completed);
        }

        await using var reader = await SqliteRunStore.OpenReadOnlyAsync(_db.Path);
        var back = await reader.GetServerMetricsAsync(id);

        Assert.NotNull(back);
        Assert.Equal(series.Url, back.Url);
        Assert.Equal(series.Interval, back.Interval);
        Assert.Equal((2, 1), (back.Scrapes, back.Failures));
        Assert.Equal(series.LastError, back.LastError);
        Assert.Equal(3.5, back.ScrapeTime.TotalMilliseconds, 6);
        Assert.Equal(3, back.Points.Count);
        var kv = Assert.Single(back.Points, p => p.Name == "vllm:kv_cache_usage_perc");
        Assert.True(double.IsNaN(kv.Value));
        Assert.Equal([2.0, 5.0], back.Points.Where(p => p.Name == "vllm:num_requests_running").OrderBy(p => p.At).Select(p => p.Value));
        Assert.Equal(t0.AddMilliseconds(250), back.Points.Max(p => p.At));
    }

    [Fact]
    public async Task A_run_without_scraping_has_no_series()
    {
        await using var store = await SqliteRunStore.OpenAsync(_db.Path);
        var id = await store.StartRunAsync(SqliteRunStoreTests.Info());
        Assert.Null(await store.GetServerMetricsAsync(id));
    }
}
