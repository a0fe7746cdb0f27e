using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure.Composition;
using TokenClock.Cli.Infrastructure;
using TokenClock.Local.Bench;
using TokenClock.Local.Probe;
using TokenClock.Local.Twins;
using TokenClock.Prediction.Shapes;
using TokenClock.Cli.Infrastructure.Settings;

namespace TokenClock.Cli.Commands.Local;

public sealed class ModelBenchCommand(CliConsoles consoles) : AsyncCommand<ModelBenchCommand.Settings>
{
    public sealed class Settings : JsonSettings
    {
        [CommandOption("--shape <NAME>")]
        public string Shape { get; init; } = "llama-2-7b";

        [CommandOption("--layers <LIST>")]
        [Description("Depths to measure, comma-separated (default 2,4).")]
        public string Layers { get; init; } = "2,4";

        [CommandOption("--types <LIST>")]
        [Description("Formats, comma-separated (default f16,q8_0,q4_0).")]
        public string Types { get; init; } = "f16,q8_0,q4_0";

        [CommandOption("--prompt-tokens <N>")]
        public int PromptTokens { get; init; } = 512;

        [CommandOption("--max-tokens <N>")]
        public int MaxTokens { get; init; } = 32;

        [CommandOption("--requests <N>")]
        public int Requests { get; init; } = 2;

        [CommandOption("--threads <N>")]
        public int? Threads { get; init; }

[CommandOption("--keep-twins")]
        [Description("Keep the twins this bench synthesizes in the model cache (by default it removes them; see `model cache list`).")]
        public bool KeepTwins { get; init; }

        [CommandOption("--measurements-out <FILE>")]
        [Description("Append the points to a tokenclock.measurements/1 file for 'tokenclock predict validate'.")]
        public string? MeasurementsOut { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!ShapeCatalog.TryGet(settings.Shape, out _))
            throw new UsageException($"--shape '{settings.Shape}' is unknown. Known shapes: {string.Join(", ", ShapeCatalog.Names)}.");
        var layers = settings.Layers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new UsageException($"--layers '{s}' is not a positive integer.")).ToArray();
        var formats = settings.Types.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => TwinFormats.TryParse(s, out var f) ? f : throw new UsageException($"--types '{s}' is unknown. Valid: {string.Join(", ", TwinFormats.Names)}.")).ToArray();
        if (settings.PromptTokens < 2 || settings.MaxTokens < 2 || settings.Requests < 1)
            throw new UsageException("--prompt-tokens and --max-tokens must be at least 2, --requests at least 1.");

        await using var beat = ProgressHeartbeat.Start(consoles.ErrorWriter, string.Create(CultureInfo.InvariantCulture,
            $"model bench: {settings.Shape} twins, {layers.Length * formats.Length} (layers × types) to synthesize, load and measure ({settings.Requests} request(s) each); first the machine probe"));
        var progress = beat.AsProgress();
        var probe = MachineProbe.Run(settings.Threads, cancellationToken);
        var options = new LocalBench.Options
        {
            Shape = settings.Shape,
            Layers = layers,
            Formats = formats,
            PromptTokens = settings.PromptTokens,
            OutputTokens = settings.MaxTokens,
            Requests = settings.Requests,
            Threads = settings.Threads ?? Math.Max(1, Environment.ProcessorCount),
            KeepTwins = settings.KeepTwins,
        };
        var rows = await LocalBench.RunAsync(options, progress, cancellationToken).ConfigureAwait(false);
        await beat.DisposeAsync().ConfigureAwait(false);
        var costs = LocalBench.LayerCosts(rows, probe.MemoryReadGbps);
        if (settings.MeasurementsOut is { } file) BenchMeasurementsFile.Append(file, settings.Shape, rows, probe);

        if (settings.Json)
        {
            LocalJson.Write(consoles.OutWriter, new { probe = probe.ToProbe(), threads = options.Threads, rows = rows.Select(r => new { r.Model, r.Layers, r.Format, r.FileBytes, r.BytesPerLayer, r.LoadMs, r.PromptTokens, r.TtftMs, r.OutputTokens, r.DecodeMsPerToken, r.EngineDecodeMsPerToken, r.EnginePromptMs, r.OverheadPercent }), layer_costs = costs.Select(c => new { c.Format, c.PerLayerMs, c.FloorMs, c.RatioToFloor }) });
            return 0;
        }
        var t = new Table().AddColumns("model", "format", "MiB", "load ms", "prompt tok", "TTFT ms", "decode ms/tok", "engine ms/tok", "overhead %");
        foreach (var r in rows)
            t.AddRow(r.Model, r.Format, F(r.FileBytes / 1048576.0, "0"), F(r.LoadMs, "0"), r.PromptTokens.ToString(CultureInfo.InvariantCulture), F(r.TtftMs, "0"), F(r.DecodeMsPerToken, "0.0"), F(r.EngineDecodeMsPerToken, "0.0"), F(r.OverheadPercent, "0.0"));
        consoles.Out.Write(t);
        var c2 = new Table().AddColumns("format", "per-layer decode ms", "bandwidth floor ms", "ratio");
        foreach (var c in costs) c2.AddRow(c.Format, F(c.PerLayerMs, "0.00"), F(c.FloorMs, "0.00"), F(c.RatioToFloor, "0.00"));
        consoles.Out.Write(c2);
        consoles.OutWriter.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory read {probe.MemoryReadGbps:0.0} GB/s, matmul {probe.MatmulGflops:0.0} GFLOP/s, {options.Threads} threads"));
        return 0;
    }

    private static string F(double v, string format) => double.IsNaN(v) ? "-" : v.ToString(format, CultureInfo.InvariantCulture);
}
