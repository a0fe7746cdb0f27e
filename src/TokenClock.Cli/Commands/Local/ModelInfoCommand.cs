using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure.Composition;
using TokenClock.Cli.Infrastructure;
using TokenClock.Local.Twins;
using TokenClock.Cli.Infrastructure.Settings;

namespace TokenClock.Cli.Commands.Local;

/// <summary><c>model info FILE</c>: a GGUF file's shape, format and size (a grid or --json on stdout).</summary>
public sealed class ModelInfoCommand(CliConsoles consoles) : AsyncCommand<ModelInfoCommand.Settings>
{
    public sealed class Settings : JsonSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("A GGUF model file.")]
        public string File { get; init; } = "";
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // A bad file is a GgufFormatException whose message names the problem; the app prints it and exits 1.
        if (Directory.Exists(settings.File))
        {
            var inside = Directory.EnumerateFiles(settings.File, "*.gguf").Select(Path.GetFileName).Order(StringComparer.Ordinal).Take(5).ToList();
            throw new UsageException($"FILE '{settings.File}' is a directory; give a .gguf file" +
                (inside.Count > 0 ? $", e.g. {Path.Combine(settings.File, inside[0]!)} (it holds {string.Join(", ", inside)})" : " (it holds no .gguf files)"));
        }
        if (!System.IO.File.Exists(settings.File))
            throw new UsageException($"FILE '{settings.File}' does not exist; give the path of a .gguf model file (or synthesize one: tokenclock model synth -o FILE)");
        var info = ModelFileInfo.Read(settings.File);
        if (settings.Json) LocalJson.Write(consoles.OutWriter, ToJson(info));
        else Print(consoles.Out, info);
        return Task.FromResult(0);
    }

    internal static object ToJson(ModelFileInfo i) => new
    {
        path = i.Path,
        bytes = i.Bytes,
        architecture = i.Architecture,
        file_type = i.FileType,
        tensor_types = i.TensorTypes,
        tensors = i.TensorCount,
        parameters = i.Parameters,
        bytes_per_layer = i.BytesPerLayer,
        vocab_size = i.VocabSize,
        gguf_version = i.GgufVersion,
        twin_shape = i.TwinShape,
        shape = new
        {
            layers = i.Shape.Layers,
            hidden_size = i.Shape.HiddenSize,
            heads = i.Shape.Heads,
            kv_heads = i.Shape.KvHeads,
            feed_forward_size = i.Shape.FeedForwardSize,
            context_length = i.Shape.ContextLength,
            rope_theta = i.Shape.RopeTheta,
        },
    };

    internal static void Print(IAnsiConsole stdout, ModelFileInfo i)
    {
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string k, string v) => grid.AddRow(new Text(k), new Text(v));
        Row("file", i.Path);
        Row("bytes", string.Create(CultureInfo.InvariantCulture, $"{i.Bytes:N0} ({i.Bytes / 1048576.0:0.0} MiB)"));
        Row("architecture", i.Architecture + (i.TwinShape is null ? "" : $" (twin of {i.TwinShape})"));
        Row("quantization", i.FileType + "  [" + string.Join(", ", i.TensorTypes.Select(kv => $"{kv.Key}: {kv.Value}")) + "]");
        Row("parameters", i.Parameters.ToString("N0", CultureInfo.InvariantCulture) + " (" + ModelShapesCommand.Billions(i.Parameters) + ")");
        Row("shape", string.Create(CultureInfo.InvariantCulture, $"{i.Shape.Layers} layers, hidden {i.Shape.HiddenSize}, heads {i.Shape.Heads}/{i.Shape.KvHeads} kv, ffn {i.Shape.FeedForwardSize}, context {i.Shape.ContextLength}"));
        Row("vocabulary", i.VocabSize.ToString(CultureInfo.InvariantCulture) + " tokens");
        Row("bytes per layer", i.BytesPerLayer.ToString("N0", CultureInfo.InvariantCulture));
        stdout.Write(grid);
    }
}
