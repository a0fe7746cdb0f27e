using System.Globalization;
using TokenClock.Cli.Infrastructure;
using TokenClock.Prediction.Calibration;
using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Hardware;
using static TokenClock.Cli.Commands.Predict.PredictOutput;
using static TokenClock.Cli.Commands.Predict.PredictRunPoints;

namespace TokenClock.Cli.Commands.Predict;

/// <summary>
/// 'tokenclock predict calibrate RUNS|FILE --engine NAME': fits a profile, checks it against physical ceilings
/// and its own error, and stores it only when it passes (or with --force), showing every number's 95% interval.
/// </summary>
internal static class PredictCalibrate
{
    public static async Task<int> ExecuteAsync(TextWriter o, TextWriter err, PredictCalibrateSettings s, CancellationToken ct)
    {
        var name = s.Engine ?? throw new UsageException("'predict calibrate' needs --engine NAME: the profile to fit and store (e.g. --engine local).");
        var store = EngineProfileStore.Default;
        var start = store.All().FirstOrDefault(p => p.Matches(name)) ?? EngineProfiles.LlamaCppCpu;
        IReadOnlyList<MeasuredPoint> points;
        string source;
        if (File.Exists(s.Calibrate))
        {
            points = MeasurementSet.Load(s.Calibrate!, HardwareCatalog.LoadDefault()).Points;
            source = $"calibrated {DateTime.UtcNow:yyyy-MM-dd} from {Path.GetFileName(s.Calibrate)}";
        }
        else
        {
            (points, var ids) = await LoadRunPointsAsync(s, ParseRunIds(s.Calibrate!), err, ct);
            source = $"calibrated {DateTime.UtcNow:yyyy-MM-dd} from run {string.Join(",", ids)} in {Path.GetFileName(s.Db)}";
        }
        var fit = EngineCalibrator.Fit(points, start, name, source);
        var verdict = CalibrationCheck.Check(fit, points, start);
        var save = verdict.Accepted || s.Force;
        var stored = save ? store.Save(fit.Profile with { Source = verdict.Accepted ? source : source + " (stored with --force despite: " + string.Join("; ", verdict.Problems) + ")" }) : null;
        if (s.Json)
        {
            WriteJson(o, new
            {
                Profile = stored ?? fit.Profile, fit.TtftPoints, fit.TpotPoints, fit.Iterations, fit.RmsRelativeError,
                Accepted = verdict.Accepted, Problems = verdict.Problems, Intervals = verdict.Parameters, verdict.Resamples,
                Stored = stored is not null, StoredIn = stored is null ? null : store.Path,
            });
            return stored is null ? ExitCodes.Error : ExitCodes.Ok;
        }
        Out(o, $"fitted '{name}' from {fit.TtftPoints} TTFT and {fit.TpotPoints} TPOT values (rms relative error {fit.RmsRelativeError * 100:F1}%, {fit.Iterations} iterations)");
        Out(o, $"  {Describe(fit.Profile)}");
        Out(o, $"  95% intervals ({verdict.Resamples} bootstrap resamples of the measurements):");
        foreach (var i in verdict.Parameters)
        {
            var ceiling = i.Ceiling is { } c ? string.Create(CultureInfo.InvariantCulture, $"  ceiling {c:F2}{(i.Value > c ? "  EXCEEDED" : "")}") : "";
            Out(o, $"    {i.Name,-32} {i.Value,9:F3}  [{i.Low:F3}, {i.High:F3}]{ceiling}{(i.Note is null ? "" : "  (" + i.Note + ")")}");
        }
        foreach (var p in verdict.Problems) Out(o, $"  REFUSED: {p}");
        if (stored is null)
        {
            Out(o, $"not stored: predictions with --engine {name} keep profile v{start.Version} ({start.Status}). Measure more lengths, check --model/--quant/--hardware, or pass --force to store it anyway.");
            return ExitCodes.Error;
        }
        Out(o, $"stored as '{stored.Name}' v{stored.Version} in {store.Path}; predictions with --engine {name} now use it{(verdict.Accepted ? "" : " (--force)")}");
        return ExitCodes.Ok;
    }
}
