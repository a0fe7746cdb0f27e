using System.Net;
using System.Net.Sockets;
using TokenClock.IntegrationTests.Support;

namespace TokenClock.IntegrationTests.Cluster;

/// <summary>Real `tokenclock worker` processes on loopback, killed when disposed.</summary>
internal sealed class LocalWorkers : IDisposable
{
    private readonly List<ChildTokenClock> _children = [];

    public IReadOnlyList<int> GatewayPorts { get; private set; } = [];

    public ChildTokenClock this[int i] => _children[i];

    /// <summary>Starts <paramref name="count"/> workers named w0..; <paramref name="membership"/> null = localhost with w0 as primary.</summary>
    public static async Task<LocalWorkers> StartAsync(TempDir dir, int count, string? membership = null, string? clusterId = null)
    {
        var workers = new LocalWorkers();
        try
        {
            var ports = FreePorts(2 * count);
            workers.GatewayPorts = ports.Skip(count).ToArray();
            for (var i = 0; i < count; i++)
            {
                var args = new List<string> { "worker", "--cluster", membership ?? "localhost", "--name", $"w{i}",
                    "--silo-port", ports[i].ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "--gateway-port", ports[count + i].ToString(System.Globalization.CultureInfo.InvariantCulture) };
                if (clusterId is not null) args.AddRange(["--cluster-id", clusterId]);
                if (membership is null && i > 0) args.AddRange(["--primary-port", ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                workers._children.Add(ChildTokenClock.Start(dir.Path, dir.Path, [.. args]));
                // The primary must be up before others join it.
                if (i == 0 && membership is null) await WaitReadyAsync(workers._children[0]);
            }
            foreach (var w in workers._children) await WaitReadyAsync(w);
            return workers;
        }
        catch
        {
            workers.Dispose();
            throw;
        }
    }

    private static async Task WaitReadyAsync(ChildTokenClock worker)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!worker.Stdout.Contains(" ready: ", StringComparison.Ordinal))
        {
            if (worker.HasExited) throw new InvalidOperationException($"worker exited before it was ready:\n{worker.Stderr}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"worker not ready in 120 s:\n{worker.Stderr}");
            await Task.Delay(100);
        }
    }

    private static int[] FreePorts(int n)
    {
        var listeners = Enumerable.Range(0, n).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        foreach (var l in listeners) l.Start();
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        foreach (var l in listeners) l.Stop();
        return ports;
    }

    public void Dispose()
    {
        foreach (var c in _children) c.Dispose();
    }
}
