using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;

namespace TokenClock.Local.Probe;

/// <summary>
/// Measures what bounds local inference, in about two seconds:
/// memory read bandwidth (summing a 256 MiB float array with SIMD, 1 thread and all threads, best of 3 passes)
/// and matrix-multiply rate (a 384x384 float GEMM, i-k-j order with <see cref="Vector{T}"/> fused multiply-add over four k at a time,
/// rows split across threads, best of repeated runs; 2n^3 FLOPs per product). Decode speed of a dense model
/// is bounded by the first, prefill by the second.
/// </summary>
public static class MachineProbe
{
    /// <summary>The methods in one line, stored with each result (<see cref="ProbeResult.Method"/>).</summary>
    public const string MethodDescription =
        "memory: SIMD sum over a 256 MiB float array, best of 3 passes; matmul: 384x384 float GEMM, i-k-j Vector<float> FMA (4 k per pass), 2n^3 FLOPs, best run";

    private const int ArrayBytes = 256 << 20;
    private const int MatrixSize = 384;

    /// <summary>Runs the probe with <paramref name="threads"/> threads for the parallel figures (default: all cores).</summary>
    public static ProbeResult Run(int? threads = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var n = Math.Max(1, threads ?? Environment.ProcessorCount);
        var data = GC.AllocateUninitializedArray<float>(ArrayBytes / sizeof(float));
        // Touch every page once so the first timed pass does not measure page faults.
        data.AsSpan().Fill(1f);
        cancellationToken.ThrowIfCancellationRequested();
        var bw1 = ReadBandwidth(data, 1, cancellationToken);
        var bwN = n == 1 ? bw1 : ReadBandwidth(data, n, cancellationToken);
        data = null;
        var mm1 = Matmul(1, cancellationToken);
        var mmN = n == 1 ? mm1 : Matmul(n, cancellationToken);
        return new ProbeResult
        {
            Cores = Environment.ProcessorCount,
            MemoryBytes = TotalMemory(),
            Threads = n,
            MemoryReadGbpsSingleThread = bw1,
            MemoryReadGbps = Math.Max(bw1, bwN),
            MatmulGflopsSingleThread = mm1,
            MatmulGflops = Math.Max(mm1, mmN),
            DurationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            Method = MethodDescription,
        };
    }

    private static double ReadBandwidth(float[] data, int threads, CancellationToken ct)
    {
        var best = double.MaxValue;
        var sink = 0f;
        for (var pass = 0; pass < 3; pass++)
        {
            ct.ThrowIfCancellationRequested();
            var partial = new float[threads];
            var t0 = Stopwatch.GetTimestamp();
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, p =>
            {
                var length = data.Length / threads;
                partial[p] = Sum(data.AsSpan(p * length, length));
            });
            best = Math.Min(best, Stopwatch.GetElapsedTime(t0).TotalSeconds);
            sink += partial.Sum();
        }
        GC.KeepAlive(sink);
        return ArrayBytes / best / 1e9;
    }

    private static float Sum(ReadOnlySpan<float> span)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(span);
        Vector<float> a = default, b = default, c = default, d = default;
        var i = 0;
        for (; i + 3 < vectors.Length; i += 4)
        {
            a += vectors[i];
            b += vectors[i + 1];
            c += vectors[i + 2];
            d += vectors[i + 3];
        }
        for (; i < vectors.Length; i++) a += vectors[i];
        return Vector.Sum(a + b + c + d);
    }

    private static double Matmul(int threads, CancellationToken ct)
    {
        const int n = MatrixSize;
        var a = new float[n * n];
        var b = new float[n * n];
        var c = new float[n * n];
        for (var i = 0; i < a.Length; i++) { a[i] = (i % 7) * 0.01f; b[i] = (i % 5) * 0.01f; }
        var best = double.MaxValue;
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 4 / 10;
        for (var run = 0; run < 20 && (run < 3 || Stopwatch.GetTimestamp() < deadline); run++)
        {
            ct.ThrowIfCancellationRequested();
            Array.Clear(c);
            var t0 = Stopwatch.GetTimestamp();
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, p =>
            {
                var rows = (n + threads - 1) / threads;
                for (var i = p * rows; i < Math.Min(n, (p + 1) * rows); i++) MultiplyRow(a, b, c, i, n);
            });
            best = Math.Min(best, Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }
        return 2.0 * n * n * n / best / 1e9;
    }

    // Four k-steps per pass over the output row: one load and one store of C per four multiply-adds.
    private static void MultiplyRow(float[] a, float[] b, float[] c, int i, int n)
    {
        var row = MemoryMarshal.Cast<float, Vector<float>>(c.AsSpan(i * n, n));
        for (var k = 0; k < n; k += 4)
        {
            var a0 = new Vector<float>(a[i * n + k]);
            var a1 = new Vector<float>(a[i * n + k + 1]);
            var a2 = new Vector<float>(a[i * n + k + 2]);
            var a3 = new Vector<float>(a[i * n + k + 3]);
            var b0 = MemoryMarshal.Cast<float, Vector<float>>(b.AsSpan(k * n, n));
            var b1 = MemoryMarshal.Cast<float, Vector<float>>(b.AsSpan((k + 1) * n, n));
            var b2 = MemoryMarshal.Cast<float, Vector<float>>(b.AsSpan((k + 2) * n, n));
            var b3 = MemoryMarshal.Cast<float, Vector<float>>(b.AsSpan((k + 3) * n, n));
            for (var j = 0; j < row.Length; j++)
                row[j] = Vector.FusedMultiplyAdd(a3, b3[j], Vector.FusedMultiplyAdd(a2, b2[j], Vector.FusedMultiplyAdd(a1, b1[j], Vector.FusedMultiplyAdd(a0, b0[j], row[j]))));
        }
    }

    private static long TotalMemory()
    {
        try
        {
            if (File.Exists("/proc/meminfo"))
            {
                var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
                var parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts is { Length: >= 2 } && long.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var kb)) return kb * 1024;
            }
        }
        catch (IOException)
        {
            // Fall back to what the runtime sees.
        }
        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }
}
