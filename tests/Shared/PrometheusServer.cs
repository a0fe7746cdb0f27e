using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace TokenClock.Tests.Prometheus;

/// <summary>
/// A real Prometheus server (Debian's package) on loopback, scraping one target every second, queried through its
/// HTTP API. Disposing kills it and removes its data folder.
/// </summary>
public sealed class PrometheusServer : IDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _dir;
    private readonly StringBuilder _log = new();
    private readonly HttpClient _http;

    private PrometheusServer(Process process, DirectoryInfo dir, int port)
    {
        _process = process;
        _dir = dir;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
        process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    public static PrometheusServer Start(int targetPort)
    {
        var path = PrometheusFactAttribute.Path ?? throw new InvalidOperationException("prometheus is not on PATH: .ci/run must install Debian's prometheus package");
        var dir = Directory.CreateTempSubdirectory("tokenclock-prom-");
        var port = FreePort();
        File.WriteAllText(Path.Combine(dir.FullName, "prometheus.yml"), string.Create(CultureInfo.InvariantCulture, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: tokenclock
                static_configs:
                  - targets: ['127.0.0.1:{targetPort}']
            """));
        var process = Process.Start(new ProcessStartInfo(path)
        {
            ArgumentList =
            {
                "--config.file=" + Path.Combine(dir.FullName, "prometheus.yml"),
                "--storage.tsdb.path=" + Path.Combine(dir.FullName, "data"),
                "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
            },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        return new PrometheusServer(process, dir, port);
    }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>Polls an instant query until it returns <paramref name="expected"/> or the time runs out; returns the last value.</summary>
    public async Task<double?> WaitForAsync(string query, double expected, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        double? value = null;
        while (deadline.Elapsed < within)
        {
            value = await QueryAsync(query);
            if (value == expected) break;
            await Task.Delay(500);
        }
        return value;
    }

    /// <summary>The first series' value of an instant query, or null when absent or the server is not up yet.</summary>
    public async Task<double?> QueryAsync(string query)
    {
        try
        {
            using var response = await _http.GetAsync("api/v1/query?query=" + Uri.EscapeDataString(query));
            if (!response.IsSuccessStatusCode) return null;
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var result = doc.RootElement.GetProperty("data").GetProperty("result");
            if (result.GetArrayLength() == 0) return null;
            return double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
        _http.Dispose();
        try { _dir.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
