using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using TokenClock.Prediction.Shapes;
using TokenClock.Cli.Infrastructure.Composition;
using TokenClock.Cli.Infrastructure.Settings;

namespace TokenClock.Cli.Commands.Local;

public sealed class ModelShapesCommand(CliConsoles consoles) : AsyncCommand<ModelShapesCommand.Settings>
{
    public sealed class Settings : JsonSettings
    {
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Json)
        {
            LocalJson.Write(consoles.OutWriter, new
            {
                shapes = ShapeCatalog.Shapes.Select(s => new
                {
                    name = s.Name,
                    layers = s.Layers,
                    hidden_size = s.HiddenSize,
                    heads = s.Heads,
                    kv_heads = s.KvHeads,
                    head_dim = s.HeadDim,
                    feed_forward_size = s.FeedForwardSize,
                    vocab_size = s.VocabSize,
                    context_length = s.ContextLength,
                    rope_theta = s.RopeTheta,
                    parameters = s.Parameters,
                    parameters_per_layer = s.ParametersPerLayer,
                    published_parameters = s.PublishedParameters,
                    source = s.Source,
                }),
            });
            return Task.FromResult(0);
        }
        var table = new Table().AddColumns("shape", "layers", "hidden", "heads", "kv", "ffn", "vocab", "context", "params", "published");
        foreach (var s in ShapeCatalog.Shapes)
            table.AddRow(s.Name, I(s.Layers), I(s.HiddenSize), I(s.Heads), I(s.KvHeads), I(s.FeedForwardSize), I(s.VocabSize), I(s.ContextLength),
                Billions(s.Parameters), s.PublishedParameters is { } p ? Billions(p) : "-");
        consoles.Out.Write(table);
        return Task.FromResult(0);
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    internal static string Billions(long n) => n >= 1_000_000_000
        ? (n / 1e9).ToString("0.000", CultureInfo.InvariantCulture) + " B"
        : (n / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " M";
}
