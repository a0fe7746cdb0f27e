using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Hardware;
using TokenClock.Prediction.Model;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Prediction.Serving;

/// <summary>
/// A steady-state model of continuous batching (vLLM, llama-server with parallel slots). Every step decodes one
/// token for each running sequence, so a step at batch B takes the decode pass time t(B) (weights read once, each
/// sequence's KV cache read, from the roofline model). Prefills (in the engine's chunks) take the device for
/// t_pre each; at arrival rate λ they hold it for the share f = λ·t_pre, which stretches every decode step:
/// TPOT = t(B)/(1 − f). Little's law closes the loop: B = λ·(output − 1)·TPOT. Batch formation is limited by the
/// KV cache (how many sequences of this length fit beside the weights) and by the engine's slots; a load that
/// needs more, or f ≥ 1, saturates the server. TTFT = request overhead + t_pre + the wait for the step in flight
/// (t(B)/2) + the M/D/1 wait behind other prefills, f·t_pre / (2(1 − f)).
/// A closed loop of N clients (each sends its next request when the last ends) is the same with λ = N / E2E, where
/// only the other N − 1 clients' prefills interrupt a request's decode.
/// </summary>
public sealed class ServingModel
{
    private readonly ModelShape _shape;
    private readonly WeightFormat _format;
    private readonly HardwareSpec _hardware;
    private readonly EngineProfile _engine;
    private readonly int _prompt;
    private readonly int _output;
    private readonly Dictionary<int, double> _stepMs = [];

    /// <summary>The serving model of one deployment for requests of <paramref name="promptTokens"/> in and
    /// <paramref name="outputTokens"/> out (at least 2); <paramref name="slots"/> caps the batch like an engine's
    /// max sequences. Throws when not one sequence fits in memory.</summary>
    public ServingModel(ModelShape shape, WeightFormat format, HardwareSpec hardware, EngineProfile engine, int promptTokens, int outputTokens, int? slots = null)
    {
        if (outputTokens < 2) throw new ArgumentOutOfRangeException(nameof(outputTokens), outputTokens, "The serving model needs at least 2 output tokens (TPOT is defined between tokens).");
        (_shape, _format, _hardware, _engine, _prompt, _output) = (shape, format, hardware, engine, promptTokens, outputTokens);
        var memory = MemoryEstimator.Estimate(shape, format, hardware, engine, new OperatingPoint(promptTokens, outputTokens));
        KvLimitedBatch = memory.MaxBatch;
        MaxBatch = Math.Min(memory.MaxBatch, slots ?? int.MaxValue);
        if (MaxBatch < 1)
            throw new ArgumentException($"Not one sequence of {promptTokens}+{outputTokens} tokens fits beside the weights of {shape.Name} {format.Name} on {hardware.Id}.", nameof(hardware));
        PrefillMs = ForwardPassModel.PrefillTime(shape, format, hardware, engine, 1, promptTokens).TotalMs;
    }

    /// <summary>Sequences whose KV cache fits beside the weights (before any slot limit).</summary>
    public int KvLimitedBatch { get; }
    /// <summary>Most sequences decoded at once: <see cref="KvLimitedBatch"/>, capped by the slots.</summary>
    public int MaxBatch { get; }
    /// <summary>Device time of one request's prefill, ms.</summary>
    public double PrefillMs { get; }

    /// <summary>Decode step time at batch <paramref name="batch"/> (fractional batches interpolate), ms.</summary>
    public double StepMs(double batch)
    {
        var lo = Math.Max(1, (int)Math.Floor(batch));
        var hi = Math.Max(1, (int)Math.Ceiling(batch));
        var a = Step(lo);
        return hi == lo ? a : a + (Step(hi) - a) * (batch - lo);
    }

    private double Step(int batch)
    {
        if (_stepMs.TryGetValue(batch, out var ms)) return ms;
        ms = LatencyPredictor.TpotMs(_shape, _format, _hardware, _engine, new OperatingPoint(_prompt, _output, batch), out _);
        _stepMs[batch] = ms;
        return ms;
    }

    /// <summary>Open loop: requests arrive at <paramref name="ratePerSecond"/> (Poisson).</summary>
    public ServingPoint AtRate(double ratePerSecond)
    {
        if (ratePerSecond <= 0) throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, "The arrival rate must be positive.");
        var lambda = ratePerSecond / 1000.0; // per ms
        var f = lambda * PrefillMs;
        if (f >= 1) return Saturated(ratePerSecond, null, $"prefills alone need {f:P0} of the device");
        double batch = 1;
        for (var i = 0; i < 200; i++)
        {
            var next = Math.Max(lambda * (_output - 1) * StepMs(Math.Min(batch, MaxBatch)) / (1 - f), 1e-9);
            if (next > MaxBatch) return Saturated(ratePerSecond, null, BatchLimit(next));
            if (Math.Abs(next - batch) < 1e-9 * Math.Max(1, batch)) { batch = next; break; }
            batch = next;
        }
        return Point(ratePerSecond, null, batch, f);
    }

    /// <summary>Closed loop: <paramref name="clients"/> each send the next request when the previous one ends.</summary>
    public ServingPoint WithClients(int clients)
    {
        if (clients < 1) throw new ArgumentOutOfRangeException(nameof(clients), clients, "At least one client.");
        var batch = Math.Min(clients, MaxBatch); // more clients than slots wait in the server's queue
        // E2E solves E2E = TTFT(f) + (output − 1)·t(B)/(1 − f) with f = B·t_pre/E2E. The right side falls as E2E
        // grows (less prefill share), so the root is unique above B·t_pre: bisect (a plain fixed-point iteration
        // oscillates once prefills take most of the device).
        // A request's own prefill comes before its decode, so only the other clients' prefills stretch its steps.
        var others = (batch - 1) / (double)batch;
        double Gap(double e2e)
        {
            var f = batch * PrefillMs / e2e * others;
            return Ttft(batch, f) + (_output - 1) * StepMs(batch) / (1 - f) - e2e;
        }
        var lo = batch * PrefillMs * (1 + 1e-12);
        var hi = Math.Max(2 * lo, PrefillMs + _output * StepMs(batch));
        while (Gap(hi) > 0) hi *= 2;
        for (var i = 0; i < 200 && hi - lo > 1e-9 * hi; i++)
        {
            var mid = (lo + hi) / 2;
            if (Gap(mid) > 0) lo = mid; else hi = mid;
        }
        var e2e = hi;
        var rate = batch / e2e * 1000.0;
        var point = Point(rate, clients, batch, batch / e2e * PrefillMs * others) with { PrefillShare = batch / e2e * PrefillMs };
        // Clients beyond the slots queue for a slot: their requests wait whole E2Es, so TTFT grows by the queue.
        if (clients <= batch) return point;
        var queueMs = (clients - batch) / (double)batch * point.E2eMs!.Value;
        return point with { TtftMs = point.TtftMs + queueMs, E2eMs = point.E2eMs + queueMs, Limit = BatchLimit(clients) };
    }

    /// <summary>The largest arrival rate whose TTFT and TPOT meet the targets (0 when even a trickle misses them).</summary>
    public (double RatePerSecond, ServingPoint? Point) MaxRateMeeting(double ttftSloMs, double tpotSloMs)
    {
        bool Meets(ServingPoint p) => p.Stable && p.TtftMs <= ttftSloMs && p.TpotMs <= tpotSloMs;
        var lo = 1e-6;
        if (!Meets(AtRate(lo))) return (0, null);
        var hi = 1.0;
        while (Meets(AtRate(hi)) && hi < 1e7) { lo = hi; hi *= 2; }
        for (var i = 0; i < 60; i++)
        {
            var mid = (lo + hi) / 2;
            if (Meets(AtRate(mid))) lo = mid; else hi = mid;
        }
        return (lo, AtRate(lo));
    }

    private double Ttft(double batch, double f) =>
        _engine.PerRequestOverheadMs + _engine.PerTokenOverheadMs + PrefillMs + StepMs(batch) / 2 + f * PrefillMs / (2 * (1 - f));

    private ServingPoint Point(double ratePerSecond, int? clients, double batch, double f)
    {
        var tpot = StepMs(batch) / (1 - f);
        var ttft = Ttft(batch, f);
        return new ServingPoint
        {
            RatePerSecond = ratePerSecond, Clients = clients, MeanBatch = batch, MaxBatch = MaxBatch,
            TtftMs = ttft, TpotMs = tpot, E2eMs = ttft + (_output - 1) * tpot,
            OutputTokensPerSecond = ratePerSecond * _output, PrefillShare = f, Stable = true,
        };
    }

    private ServingPoint Saturated(double ratePerSecond, int? clients, string why) => new()
    {
        RatePerSecond = ratePerSecond, Clients = clients, MeanBatch = MaxBatch, MaxBatch = MaxBatch,
        TtftMs = null, TpotMs = null, E2eMs = null, OutputTokensPerSecond = null,
        PrefillShare = Math.Min(ratePerSecond / 1000.0 * PrefillMs, 1), Stable = false, Limit = why,
    };

    private string BatchLimit(double needed) => MaxBatch < KvLimitedBatch
        ? $"needs {needed:F1} sequences at once; the engine has {MaxBatch} slots"
        : $"needs {needed:F1} sequences at once; the KV cache holds {KvLimitedBatch} of {_prompt + _output} tokens";
}
