using TokenClock.Analysis.Slo;
using TokenClock.Cluster.Coordinator;
using TokenClock.Cluster.Membership;
using TokenClock.Core.Settings;
using TokenClock.Prediction;
using TokenClock.Reporting.Exporters;
using TokenClock.Storage;

namespace TokenClock.Cli.Infrastructure;

/// <summary>
/// The CLI's names for the setting keys that libraries put in their errors (<see cref="ISettingError"/>): libraries
/// never spell a flag, and the CLI never rewrites their text; it renders the typed problems with these names.
/// </summary>
internal static class CliSettingNames
{
    /// <summary>Key → flag, for keys whose flag is the same in every command that can raise them.</summary>
    internal static readonly IReadOnlyDictionary<string, string> FlagOfKey = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [StorageSettings.Db] = "--db",
        [SloFormatException.Setting] = "--slo",
        [ClusterMembership.Key] = "--cluster",
        ["min_workers"] = "--min-workers",
        [ClockOffsetException.Setting] = "--max-clock-offset-ms",
        ["worker_name"] = "--name",
        ["start_rate"] = "--start-rate",
        ["twin_type"] = "--type",
        [ReportOverwriteException.Output] = "-o/--output",
        [ReportOverwriteException.Force] = "--force",
        ["chunk_tokens"] = "--chunk-tokens",
        ["strategy"] = "--strategy",
        ["context"] = "--context",
        ["max_tokens"] = "--max-tokens",
        ["tokenizer"] = "--tokenizer",
        ["dataset"] = "--dataset",
        ["prompt"] = "--prompt",
        // The prediction library's keys (predict model|serving|calibrate|validate).
        [PredictionSettings.Model] = "--model",
        [PredictionSettings.WeightFormat] = "--quant",
        [PredictionSettings.Hardware] = "--hardware",
        [PredictionSettings.Engine] = "--engine",
        [PredictionSettings.Calibration] = CalibrateCommand,
        [PredictionSettings.Layers] = "--layers",
        [PredictionSettings.PromptTokens] = "--prompt",
        [PredictionSettings.OutputTokens] = "--output",
        [PredictionSettings.Concurrency] = "--concurrency",
    };

    /// <summary>A key that names a step rather than a value: the command that takes it.</summary>
    internal const string CalibrateCommand = "'tokenclock predict calibrate RUNS --engine NAME'";

    /// <summary>The flag of a key; a key without one keeps its neutral name.</summary>
    public static string FlagOf(string key) => FlagOfKey.GetValueOrDefault(key, key);

    /// <summary>An exception's text for the user: typed setting problems named by flag, other errors as they are.</summary>
    public static string Describe(Exception ex, Func<string, string>? nameOf = null)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return ex is ISettingError typed ? typed.Describe(nameOf ?? FlagOf) : ex.Message;
    }
}
