using Microsoft.Data.Sqlite;
using TokenClock.Core.Security;
using TokenClock.Core.ServerMetrics;

namespace TokenClock.Storage;

/// <summary>Server-side metrics stored with a run (see <see cref="ServerMetricsScraper"/>).</summary>
public sealed partial class SqliteRunStore
{
    /// <summary>Stores what was scraped during run <paramref name="runId"/> in one transaction (replacing an earlier series).</summary>
    public async ValueTask SaveServerMetricsAsync(long runId, ServerMetricsSeries series, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        ThrowIfReadOnly();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var tx = _connection.BeginTransaction();
            using (var source = _connection.CreateCommand())
            {
                source.Transaction = tx;
                source.CommandText = """
                    DELETE FROM server_metrics WHERE run_id = $run;
                    INSERT OR REPLACE INTO server_metric_sources (run_id, url, interval_ms, scrapes, failures, last_error, scrape_ms)
                    VALUES ($run, $url, $interval, $scrapes, $failures, $error, $scrape);
                    """;
                source.Parameters.AddWithValue("$run", runId);
                source.Parameters.AddWithValue("$url", SecretRedactor.Redact(series.Url.ToString()));
                source.Parameters.AddWithValue("$interval", (long)series.Interval.TotalMilliseconds);
                source.Parameters.AddWithValue("$scrapes", series.Scrapes);
                source.Parameters.AddWithValue("$failures", series.Failures);
                source.Parameters.AddWithValue("$error", (object?)SecretRedactor.RedactOrNull(series.LastError) ?? DBNull.Value);
                source.Parameters.AddWithValue("$scrape", series.ScrapeTime.TotalMilliseconds);
                await source.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            using var insert = _connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO server_metrics (run_id, at_ms, name, labels, value) VALUES ($run, $at, $name, $labels, $value);";
            insert.Parameters.AddWithValue("$run", runId);
            var at = insert.Parameters.Add("$at", SqliteType.Integer);
            var name = insert.Parameters.Add("$name", SqliteType.Text);
            var labels = insert.Parameters.Add("$labels", SqliteType.Text);
            var value = insert.Parameters.Add("$value", SqliteType.Real);
            foreach (var p in series.Points)
            {
                at.Value = p.At.ToUnixTimeMilliseconds();
                name.Value = p.Name;
                labels.Value = p.Labels;
                // SQLite has no NaN; a NaN sample ("no value yet") is stored as NULL and read back as NaN.
                value.Value = double.IsNaN(p.Value) ? DBNull.Value : p.Value;
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            tx.Commit();
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Explain(ex, Path, writing: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The series stored with a run, or null when the run scraped no server metrics.</summary>
    public Task<ServerMetricsSeries?> GetServerMetricsAsync(long runId, CancellationToken cancellationToken = default) =>
        ReadAsync(async () =>
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "SELECT url, interval_ms, scrapes, failures, last_error, scrape_ms FROM server_metric_sources WHERE run_id = $run;";
            cmd.Parameters.AddWithValue("$run", runId);
            ServerMetricsSeries series;
            using (var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!await r.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
                series = new ServerMetricsSeries
                {
                    Url = new Uri(r.GetString(0)),
                    Interval = TimeSpan.FromMilliseconds(r.GetInt64(1)),
                    Scrapes = r.GetInt32(2),
                    Failures = r.GetInt32(3),
                    LastError = r.IsDBNull(4) ? null : r.GetString(4),
                    ScrapeTime = TimeSpan.FromMilliseconds(r.GetDouble(5)),
                    Points = [],
                };
            }
            using var points = _connection.CreateCommand();
            points.CommandText = "SELECT at_ms, name, labels, value FROM server_metrics WHERE run_id = $run ORDER BY name, labels, at_ms;";
            points.Parameters.AddWithValue("$run", runId);
            var list = new List<ServerMetricPoint>();
            using (var r = await points.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                    list.Add(new ServerMetricPoint(DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(0)), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? double.NaN : r.GetDouble(3)));
            }
            return (ServerMetricsSeries?)(series with { Points = list });
        }, cancellationToken);
}
