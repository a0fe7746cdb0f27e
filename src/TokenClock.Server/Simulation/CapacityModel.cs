using System.Globalization;
using TokenClock.Core.Settings;

namespace TokenClock.Server.Simulation;

/// <summary>
/// A continuous-batching server with a known limit. The engine runs decode steps back to back while any request
/// is active; each step gives one token to every request in the batch (at most <see cref="MaxBatch"/>; the rest
/// wait in a FIFO queue and join at the next step boundary). A step with b requests takes
/// <c>t(b) = StepMs + (N/T − StepMs)·(b − 1)/(N − 1)</c> ms, growing linearly from <see cref="StepMs"/> for one
/// request to <c>N/T</c> s for a full batch (N = <see cref="MaxBatch"/>, T = <see cref="TokensPerSecond"/>), so
/// a full batch produces exactly T tokens/s. Throughput b/t(b) rises with b, so the most tokens per second the
/// engine can produce is T, and for requests of L output tokens each the largest sustainable request rate is
/// <c>λ* = T / L</c> (<see cref="MaxRequestRate"/>): below it the batch settles under N and nothing queues for
/// long; above it the queue, and with it TTFT, grows without bound.
/// </summary>
public sealed record CapacityModel
{
    /// <summary>Requests decoded together (N).</summary>
    public int MaxBatch { get; init; } = 64;
    /// <summary>Output tokens per second of a full batch (T), the engine's peak token throughput.</summary>
    public double TokensPerSecond { get; init; } = 2000;
    /// <summary>Duration of a step with one request in the batch, ms (the unloaded time per token).</summary>
    public double StepMs { get; init; } = 8;

    /// <summary>Step duration in ms with <paramref name="batch"/> requests (1..N).</summary>
    public double StepTimeMs(int batch)
    {
        var full = FullStepMs;
        if (MaxBatch <= 1 || batch <= 1) return MaxBatch <= 1 ? full : StepMs;
        return StepMs + (full - StepMs) * (Math.Min(batch, MaxBatch) - 1) / (MaxBatch - 1);
    }

    /// <summary>Step duration of a full batch, N/T in ms.</summary>
    public double FullStepMs => MaxBatch * 1000.0 / TokensPerSecond;

    /// <summary>λ* = T / L: the largest request rate sustainable for requests of <paramref name="outputTokens"/> tokens.</summary>
    public double MaxRequestRate(int outputTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputTokens, 1);
        return TokensPerSecond / outputTokens;
    }

    /// <summary>Problems named by setting keys (<c>max_batch</c>, <c>tokens_per_second</c>, <c>step_ms</c>).</summary>
    public IReadOnlyList<SettingProblem> Validate()
    {
        const string batch = "max_batch", rate = "tokens_per_second", step = "step_ms";
        var errors = new List<SettingProblem>();
        if (MaxBatch is < 1 or > 100_000) errors.Add(new(batch, n => $"{n(batch)} '{MaxBatch.ToString(CultureInfo.InvariantCulture)}' must be between 1 and 100000"));
        if (!double.IsFinite(TokensPerSecond) || TokensPerSecond <= 0 || TokensPerSecond > 10_000_000)
            errors.Add(new(rate, n => $"{n(rate)} '{F(TokensPerSecond)}' must be a positive number up to 10000000"));
        if (!double.IsFinite(StepMs) || StepMs <= 0) errors.Add(new(step, n => $"{n(step)} '{F(StepMs)}' must be a positive number of milliseconds"));
        else if (errors.Count == 0 && StepMs > FullStepMs)
            errors.Add(new(step, n => $"{n(step)} '{F(StepMs)}' is longer than a full batch's step ({n(batch)} / {n(rate)} = {F(FullStepMs)} ms); a batch of one cannot be slower than a full one: lower {n(step)} or {n(rate)}"));
        return errors;
    }

    /// <summary>The model in one line, for logs and the server's banner.</summary>
    public override string ToString() =>
        $"batching server: max batch {MaxBatch.ToString(CultureInfo.InvariantCulture)}, {F(TokensPerSecond)} tokens/s at full batch, step {F(StepMs)}..{F(FullStepMs)} ms";

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
