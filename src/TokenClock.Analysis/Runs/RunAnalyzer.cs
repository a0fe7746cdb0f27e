using System.Globalization;
using TokenClock.Analysis.Crossover;
using TokenClock.Analysis.Fits;
using TokenClock.Analysis.Statistics;
using TokenClock.Analysis.Validity;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;

namespace TokenClock.Analysis.Runs;

/// <summary>
/// Turns runs into an <see cref="AnalysisReport"/>: series per run × backend × model, statistics with CIs,
/// fits, crossovers for every pair of series, and validity findings. Pure and deterministic for a seed.
/// </summary>
public static class RunAnalyzer
{
    /// <summary>Request tags that name a load step, in order of preference.</summary>
    public static readonly IReadOnlyList<string> LoadTagKeys = ["load", "concurrency", "rate"];

    /// <summary>Analyzes <paramref name="runs"/> into one report; <paramref name="analyzers"/> replace the default
    /// validity analyzers when given.</summary>
    public static AnalysisReport Analyze(IReadOnlyList<RunData> runs, AnalysisOptions? options = null,
        IEnumerable<IValidityAnalyzer>? analyzers = null, CancellationToken cancellationToken = default)
    {
        options ??= new AnalysisOptions();
        var groups = runs
            .SelectMany(run => run.Requests.GroupBy(r => (r.Backend, r.Model))
                .Select(g => (Run: run, g.Key.Backend, g.Key.Model, Requests: g.OrderBy(r => r.Index).ToArray())))
            .ToArray();
        var duplicates = groups.GroupBy(g => (g.Backend, g.Model)).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var series = new List<SeriesAnalysis>();
        var seed = options.Seed;
        foreach (var g in groups.OrderBy(g => g.Run.Run.Id).ThenBy(g => g.Backend, StringComparer.Ordinal).ThenBy(g => g.Model, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = $"{g.Backend}/{g.Model}";
            if (duplicates.Contains((g.Backend, g.Model))) name += "#" + g.Run.Run.Id.ToString(CultureInfo.InvariantCulture);
            series.Add(AnalyzeSeries(name, g.Run, g.Backend, g.Model, g.Requests, options, seed));
            seed += 1000;
        }

        var crossovers = new List<CrossoverResult>();
        for (var i = 0; i < series.Count; i++)
        {
            for (var j = i + 1; j < series.Count; j++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (series[i].TokenFit is { } ta && series[j].TokenFit is { } tb)
                    crossovers.Add(CrossoverAnalyzer.Analyze(series[i].Name, ta, series[j].Name, tb));
                if (series[i].CharFit is { } ca && series[j].CharFit is { } cb)
                    crossovers.Add(CrossoverAnalyzer.Analyze(series[i].Name, ca, series[j].Name, cb));
            }
        }
        var findings = ValidityAnalyzers.RunAll(new ValidityContext(runs, series), analyzers);
        return new AnalysisReport { Runs = runs, Series = series, Crossovers = crossovers, Findings = findings, Options = options };
    }

    /// <summary>Analyzes one series: <paramref name="all"/> are its requests of every phase (only the measured phase is analyzed).</summary>
    /// <param name="name">The series' display name.</param>
    /// <param name="run">The run it belongs to.</param>
    /// <param name="backend">The backend's name.</param>
    /// <param name="model">The model's name.</param>
    /// <param name="all">The series' requests.</param>
    /// <param name="options">Resamples, fit method and warm-up trimming.</param>
    /// <param name="seed">Seed of the series' bootstraps.</param>
    public static SeriesAnalysis AnalyzeSeries(string name, RunData run, string backend, string model,
        IReadOnlyList<RequestRecord> all, AnalysisOptions options, ulong seed)
    {
        var measured = all.Where(r => r.Phase == RequestPhase.Measured).ToArray();
        var succeeded = measured.Where(r => r.Succeeded).ToArray();
        var errors = measured.Where(r => !r.Succeeded).GroupBy(r => r.Error).ToDictionary(g => g.Key, g => g.Count());

        var warmSeries = succeeded.Select(r => r.TtftMs() ?? r.E2eMs() ?? 0).ToArray();
        var warmup = WarmupDetector.Detect(warmSeries);
        var trim = options.TrimDetectedWarmup && warmup.Converged ? warmup.TruncateCount : 0;
        var analyzed = trim > 0 ? succeeded[trim..] : succeeded;
        var failed = measured.Length - succeeded.Length;

        var metrics = new List<MetricStatistics>();
        var k = 0UL;
        LogHistogram? itl = null;
        foreach (var metric in MetricCatalog.All)
        {
            if (metric.Samples is null)
            {
                metrics.Add(Summarize(metric, analyzed, failed, options, seed + k));
            }
            else
            {
                var (stats, histogram) = SummarizeSamples(metric, analyzed, failed, options, seed + k);
                metrics.Add(stats);
                if (metric == MetricCatalog.Itl) itl = histogram;
            }
            k++;
        }

        var start = measured.Length > 0 ? measured.Min(r => Math.Min(r.ScheduledNs, r.SentNs)) : 0;
        var end = measured.Length > 0 ? measured.Max(r => r.EndNs ?? r.SentNs) : 0;
        var duration = Math.Max(0, (end - start) / 1e9);
        var tokens = analyzed.Sum(r => (long)r.OutputTokens());

        var tokenPoints = analyzed.Where(r => r.E2eMs() is not null)
            .Select(r => new FitPoint(r.OutputTokens(), r.InputTokens() ?? 0, r.E2eMs()!.Value)).ToArray();
        var charPoints = analyzed.Where(r => r.E2eMs() is not null)
            .Select(r => new FitPoint(r.OutputChars, r.InputTokens() ?? 0, r.E2eMs()!.Value)).ToArray();

        return new SeriesAnalysis
        {
            Name = name,
            RunId = run.Run.Id,
            RunName = run.Run.Info.Name,
            Backend = backend,
            Model = model,
            Total = measured.Length,
            Succeeded = succeeded.Length,
            Failed = failed,
            ErrorsByClass = errors,
            WarmupPhaseRequests = all.Count - measured.Length,
            DetectedWarmup = warmup,
            WarmupTrimmed = trim,
            Metrics = metrics,
            DurationSeconds = duration,
            RequestsPerSecond = duration > 0 ? analyzed.Length / duration : 0,
            OutputTokensPerSecond = duration > 0 ? tokens / duration : 0,
            TokenFit = LatencyModelFitter.Fit(tokenPoints, "output_tokens", options.FitMethod, seed + 101, options.FitResamples),
            CharFit = LatencyModelFitter.Fit(charPoints, "output_chars", options.FitMethod, seed + 202, options.FitResamples),
            Requests = measured,
            Analyzed = analyzed,
            LoadTag = SharedLoadTag(measured),
            ItlHistogram = itl,
            Groups = TagGroups.Of(analyzed, options, seed + 500),
        };
    }

    private static MetricStatistics Summarize(MetricDefinition metric, RequestRecord[] analyzed, int failed, AnalysisOptions options, ulong seed)
    {
        var values = new List<double>(analyzed.Length);
        foreach (var r in analyzed) metric.AddValues(r, values);
        return new MetricStatistics(metric, Descriptive.Summarize(values, seed, options.PercentileResamples), failed, "raw");
    }

    /// <summary>Multi-sample metrics (ITL) stream into a histogram; raw values are kept only up to the limit.</summary>
    private static (MetricStatistics, LogHistogram) SummarizeSamples(MetricDefinition metric, RequestRecord[] analyzed, int failed, AnalysisOptions options, ulong seed)
    {
        var raw = new List<double>();
        var histogram = new LogHistogram();
        long n = 0;
        double mean = 0, m2 = 0;
        var keepRaw = true;
        foreach (var r in analyzed)
        {
            foreach (var v in metric.Samples!(r))
            {
                if (!double.IsFinite(v)) continue;
                n++;
                var delta = v - mean;
                mean += delta / n;
                m2 += delta * (v - mean);
                histogram.Record(v);
                if (keepRaw)
                {
                    raw.Add(v);
                    if (raw.Count > options.MaxRawItlSamples) { keepRaw = false; raw = []; }
                }
            }
        }
        if (n == 0) return (new MetricStatistics(metric, null, failed, "raw"), histogram);
        if (keepRaw) return (new MetricStatistics(metric, Descriptive.Summarize(raw, seed, options.PercentileResamples), failed, "raw"), histogram);
        var percentiles = Descriptive.StandardPercentiles.Select(p =>
        {
            var q = p / 100;
            var half = 1.959964 * Math.Sqrt(q * (1 - q) / n) * 100;
            return new PercentileEstimate(p, histogram.Percentile(p), histogram.Percentile(Math.Max(0, p - half)),
                histogram.Percentile(Math.Min(100, p + half)), (int)Math.Min(n, int.MaxValue), "order-statistic (histogram)");
        }).ToArray();
        var summary = new SampleSummary
        {
            N = (int)Math.Min(n, int.MaxValue),
            Min = histogram.Min,
            Max = histogram.Max,
            Mean = mean,
            StdDev = n > 1 ? Math.Sqrt(m2 / (n - 1)) : 0,
            Percentiles = percentiles,
        };
        return (new MetricStatistics(metric, summary, failed, "histogram ±" + (histogram.RelativePrecision * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%"), histogram);
    }

    private static string? SharedLoadTag(RequestRecord[] requests)
    {
        if (requests.Length == 0) return null;
        foreach (var key in LoadTagKeys)
        {
            if (!requests[0].Tags.TryGetValue(key, out var value)) continue;
            if (requests.All(r => r.Tags.TryGetValue(key, out var v) && v == value)) return $"{key}={value}";
        }
        return null;
    }

    /// <summary>Error classes in a stable order for tables.</summary>
    public static IEnumerable<ErrorClass> ErrorOrder => Enum.GetValues<ErrorClass>().Where(e => e != ErrorClass.None);
}
