using System.Globalization;
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
/// A closed loop of N clients whose requests are alike (the model's fixed prompt and output) falls into step: they
/// start together, so their prefills run back to back and all N then decode together until they end together, and
/// the next round starts the same way. TTFT = overhead + N·t_pre, TPOT = t(N), E2E = TTFT + (output − 1)·t(N).
/// Engines whose attention reads every slot stream in the busy range (<see cref="EngineProfile.SlotStreamAttention"/>:
/// llama.cpp's server) pay for the expected spread of the busy slots, <see cref="ExpectedSlotSpan"/>.
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
    private readonly int? _slots;

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
        _slots = slots;
        if (engine.SlotStreamReadEfficiency is { } e && (e <= 0 || e > 1))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Engine profile '{engine.Name}' has slot-stream read efficiency {e}; it must lie in (0, 1]."), nameof(engine));
    }

    /// <summary>
    /// Expected number of slot streams from the lowest to the highest busy slot id with <paramref name="batch"/> busy
    /// slots out of the engine's slots, for engines with <see cref="EngineProfile.SlotStreamAttention"/> (else the
    /// batch). llama.cpp's server hands each new request the least recently used slot, so busy slots form a run of
    /// consecutive ids; the run is <paramref name="batch"/> wide unless it wraps from slot 0 to the last slot, which
    /// spans all of them. With the run's start at a random offset it wraps with probability (batch − 1)/slots.
    /// Without a slot count (the constructor's <c>slots</c>) it is the batch.
    /// </summary>
    public double ExpectedSlotSpan(double batch)
    {
        // Without a slot count there is no slot layout to spread over: the batch alone.
        if (!_engine.SlotStreamAttention || _slots is not { } slots) return batch;
        if (batch >= slots) return slots;
        var wrap = Math.Max(0, batch - 1) / slots;
        return (1 - wrap) * batch + wrap * slots;
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
        ms = _engine.SlotStreamAttention ? SlotStreamStep(batch) : LatencyPredictor.TpotMs(_shape, _format, _hardware, _engine, new OperatingPoint(_prompt, _output, batch), out _);
        _stepMs[batch] = ms;
        return ms;
    }

    /// <summary>
    /// A decode step as the roofline model has it, plus the reads of the other slot streams in the busy range
    /// (<see cref="ExpectedSlotSpan"/> − 1 of them), each to the cache length the engine allocates for a request of
    /// this size (prompt + output, in cells of 256 as llama.cpp pads its KV view), K and V once per query head, at the
    /// profile's slot-stream read efficiency.
    /// </summary>
    private double SlotStreamStep(int batch)
    {
        var step = LatencyPredictor.TpotMs(_shape, _format, _hardware, _engine, new OperatingPoint(_prompt, _output, batch), out _);
        var cells = Math.Ceiling((_prompt + _output) / 256.0) * 256;
        // Per query head: the sweeps' llama-3-8b (8 KV heads of 32) paid as much per slot stream as llama-2-7b (32 of
        // 32), so these reads are counted as if every query head had its own K and V.
        var kvElements = 2.0 * _shape.Layers * _shape.HiddenSize;
        var bytes = (ExpectedSlotSpan(batch) - 1) * cells * kvElements * _engine.KvBytesPerElement;
        var efficiency = _engine.SlotStreamReadEfficiency ?? _engine.ForDeviceClass(_hardware.DeviceClass).BandwidthEfficiency;
        return step + bytes / (_hardware.BandwidthBytesPerSecond * efficiency / 1000.0);
    }

    /// <summary>Open loop: requests arrive at <paramref name="ratePerSecond"/> (Poisson).</summary>
    public ServingPoint AtRate(double ratePerSecond)
    {
        if (ratePerSecond <= 0) throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, "The arrival rate must be positive.");
        var lambda = ratePerSecond / 1000.0; // per ms
        var f = lambda * PrefillMs;
        if (f >= 1) return Saturated(ratePerSecond, null, string.Create(CultureInfo.InvariantCulture, $"prefills alone need {f:P0} of the device"));
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

    /// <summary>
    /// Closed loop: <paramref name="clients"/> each send the next request when the previous one ends. Alike requests
    /// keep the clients in step (see the type's summary): each round is the batch's prefills back to back, then
    /// (output − 1) decode steps at the full batch.
    /// </summary>
    public ServingPoint WithClients(int clients)
    {
        if (clients < 1) throw new ArgumentOutOfRangeException(nameof(clients), clients, "At least one client.");
        var batch = Math.Min(clients, MaxBatch); // more clients than slots wait in the server's queue
        // Every first token after the whole round's prefill, as llama-server batches the round's prompts (measured:
        // eight clients' first tokens 213-216 ms after sending, eight prefills). An engine that finishes prompts one
        // by one would average (N + 1)/2 prefills; TTFT of such engines is not validated here.
        var ttft = _engine.PerRequestOverheadMs + _engine.PerTokenOverheadMs + batch * PrefillMs;
        var tpot = StepMs(batch);
        var e2e = ttft + (_output - 1) * tpot;
        var rate = batch / e2e * 1000.0;
        var point = new ServingPoint
        {
            RatePerSecond = rate, Clients = clients, MeanBatch = batch, MaxBatch = MaxBatch,
            TtftMs = ttft, TpotMs = tpot, E2eMs = e2e, OutputTokensPerSecond = rate * _output,
            PrefillShare = batch * PrefillMs / e2e, Stable = true,
        };
        // Clients beyond the slots queue for a slot: their requests wait whole rounds, so TTFT grows by the queue.
        if (clients <= batch) return point;
        var queueMs = (clients - batch) / (double)batch * e2e;
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

    // Culture-invariant: front ends print the reason as it is.
    private string BatchLimit(double needed) => MaxBatch < KvLimitedBatch
        ? string.Create(CultureInfo.InvariantCulture, $"needs {needed:F1} sequences at once; the engine has {MaxBatch} slots")
        : string.Create(CultureInfo.InvariantCulture, $"needs {needed:F1} sequences at once; the KV cache holds {KvLimitedBatch} of {_prompt + _output} tokens");
}
