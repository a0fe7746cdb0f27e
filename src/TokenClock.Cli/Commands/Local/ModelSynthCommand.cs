using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure.Composition;
using TokenClock.Cli.Infrastructure;
using TokenClock.Local.Twins;
using TokenClock.Prediction.Shapes;
using TokenClock.Cli.Infrastructure.Settings;

namespace TokenClock.Cli.Commands.Local;

public sealed class ModelSynthCommand(CliConsoles consoles) : AsyncCommand<ModelSynthCommand.Settings>
{
    public sealed class Settings : JsonSettings
    {
        [CommandOption("--shape <NAME>")]
        [Description("Catalog shape (see 'model shapes').")]
        public string Shape { get; init; } = "tiny";

        [CommandOption("--layers <N>")]
        [Description("Cut the depth to N layers (default: the shape's).")]
        public int? Layers { get; init; }

        [CommandOption("--type <TYPE>")]
        [Description("f32, f16, q8_0, q4_0 or q4_k_m (default f16).")]
        public string Type { get; init; } = "f16";

        [CommandOption("--vocab <KIND>")]
        [Description("gpt2 (BPE, cut or padded to the shape) or bytes (tiny fixtures). Default: bytes below 1000 tokens, else gpt2.")]
        public string? Vocab { get; init; }

        [CommandOption("--seed <N>")]
        [Description("Weight seed (default 42).")]
        public ulong Seed { get; init; } = 42;

        [CommandOption("-o|--output <FILE>")]
        [Description("Output GGUF path.")]
        public string? Output { get; init; }
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!ShapeCatalog.TryGet(settings.Shape, out var shape))
            throw new UsageException($"--shape '{settings.Shape}' is unknown. Known shapes: {string.Join(", ", ShapeCatalog.Names)}.");
        if (settings.Layers is { } layers)
        {
            if (layers < 1 || layers > shape.Layers)
                throw new UsageException($"--layers {layers} is out of range for '{shape.Name}': use 1 to {shape.Layers}.");
            shape = shape.WithLayers(layers);
        }
        if (!TwinFormats.TryParse(settings.Type, out var format))
            throw new UsageException($"--type '{settings.Type}' is unknown. Valid types: {string.Join(", ", TwinFormats.Names)}.");
        var vocab = settings.Vocab?.ToLowerInvariant() switch
        {
            null => TwinSpec.DefaultVocabulary(shape),
            "gpt2" => TwinVocabularyKind.Gpt2,
            "bytes" => TwinVocabularyKind.Bytes,
            _ => throw new UsageException($"--vocab '{settings.Vocab}' is unknown. Valid: gpt2, bytes."),
        };
        if (string.IsNullOrWhiteSpace(settings.Output))
            throw new UsageException("-o FILE is required: where to write the GGUF file, e.g. -o l7b-4.gguf.");

        var spec = new TwinSpec(shape, format, vocab, settings.Seed);
        var started = Stopwatch.GetTimestamp();
        var progress = new Progress<string>(m => consoles.ErrorWriter.WriteLine(m));
        var info = TwinSynthesizer.Synthesize(spec, settings.Output, progress, cancellationToken);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (settings.Json) LocalJson.Write(consoles.OutWriter, new { file = ModelInfoCommand.ToJson(info), seconds = Math.Round(seconds, 2) });
        else
        {
            ModelInfoCommand.Print(consoles.Out, info);
            // How long it took is a note for the person waiting, not part of the file's description.
            consoles.ErrorWriter.WriteLine(string.Create(CultureInfo.InvariantCulture, $"written in {seconds:0.0} s"));
        }
        return Task.FromResult(0);
    }
}
