using TokenClock.Analysis.Slo;
using TokenClock.Analysis.Sweeps;
using TokenClock.Core.Experiments;
using TokenClock.Core.Load;
using TokenClock.Core.Settings;

namespace TokenClock.Analysis.Capacity;

/// <summary>
/// Feeds a <see cref="CapacitySearch"/> to the experiment runner. Without a start rate it first measures a short
/// synchronous point (one request at a time) and starts the search at that throughput, the rate one user alone
/// sustains; its requests count against the budget. Each search point is the template settings under an
/// open-loop rate with the planned request count, judged against the SLOs when it ends.
/// </summary>
public sealed class CapacityPlanner : ILoadPlanner
{
    /// <summary>Requests of the synchronous probe.</summary>
    public const int ProbeRequests = 10;

    private readonly CapacitySearchOptions _options;
    private readonly SloSet _slos;
    private readonly ExperimentSettings _template;
    private readonly Func<TimeSpan> _elapsed;
    private readonly bool _probe;
    private int _seen;

    /// <param name="options">Bounds, budgets and tolerance of the search.</param>
    /// <param name="slos">What a rate must hold to pass.</param>
    /// <param name="template">The experiment every point copies, with its own load.</param>
    /// <param name="elapsed">Wall time since the search began (the caller's clock).</param>
    /// <param name="startRate">First rate; null = measure a synchronous point first and start at its throughput.</param>
    public CapacityPlanner(CapacitySearchOptions options, double? startRate, SloSet slos, ExperimentSettings template, Func<TimeSpan> elapsed)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _slos = slos ?? throw new ArgumentNullException(nameof(slos));
        _template = template ?? throw new ArgumentNullException(nameof(template));
        _elapsed = elapsed ?? throw new ArgumentNullException(nameof(elapsed));
        _probe = startRate is null;
        if (startRate is { } rate) Search = new CapacitySearch(options with { StartRate = rate });
    }

    /// <summary>The search (null until the synchronous probe, if any, has run).</summary>
    public CapacitySearch? Search { get; private set; }

    /// <summary>Throughput of the synchronous probe, req/s (null without one).</summary>
    public double? SynchronousRate { get; private set; }

    /// <summary>Measured requests of the synchronous probe (they count against the budget).</summary>
    public int ProbeRequestsUsed { get; private set; }

    /// <inheritdoc/>
    public ExperimentSettings? Next(IReadOnlyList<PlannedPoint> done)
    {
        ArgumentNullException.ThrowIfNull(done);
        if (Search is null)
        {
            if (done.Count == 0)
            {
                return _template with
                {
                    Label = "synchronous probe",
                    Load = _template.Load with { Pattern = LoadPattern.Sequential, Requests = ProbeRequests, Duration = null },
                };
            }
            var probe = done[0];
            ProbeRequestsUsed = probe.Records.Count(r => r.Phase == Core.Results.RequestPhase.Measured);
            SynchronousRate = RateSweepPlanner.Throughput(probe);
            if (!(SynchronousRate > 0))
                throw new SettingStateException("start_rate", n => $"capacity: the synchronous probe completed no request, so there is no rate to start from; check the backend (the stored run has the errors), or give {n("start_rate")}");
            Search = new CapacitySearch(_options with
            {
                StartRate = Math.Clamp(SynchronousRate.Value, _options.MinRate, _options.MaxRate),
                MaxRequests = Math.Max(_options.MinRequestsPerPoint, _options.MaxRequests - ProbeRequestsUsed),
            });
            _seen = 1;
        }

        if (done.Count > _seen)
        {
            var point = done[^1];
            _seen = done.Count;
            var evaluation = SloEvaluator.Evaluate(_slos, point.Cell.Label, point.Records);
            var seconds = Math.Max(0, point.Load.EndNs - point.Load.StartNs) / 1e9;
            Search.Record(new CapacityProbe(point.Cell.Settings.Load.Pattern.Rate, evaluation.Requests, TimeSpan.FromSeconds(seconds),
                evaluation.Certainty, evaluation));
        }
        if (Search.Next(_elapsed()) is not { } next) return null;
        var pattern = _template.Load.Pattern.Kind == LoadKind.Rate
            ? _template.Load.Pattern with { Rate = next.Rate }
            : LoadPattern.OpenLoop(next.Rate, seed: _template.Load.Pattern.Seed);
        return _template with
        {
            Label = pattern.ToString(),
            Load = _template.Load with { Pattern = pattern, Requests = next.Requests, Duration = null },
        };
    }
}
