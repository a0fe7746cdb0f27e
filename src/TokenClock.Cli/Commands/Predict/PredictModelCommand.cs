using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure.Composition;

namespace TokenClock.Cli.Commands.Predict;

/// <summary><c>predict model</c>: one prediction with memory, cost and the profile it used. The old spelling
/// <c>predict --model X ...</c> is rewritten to it (Infrastructure/LegacySpellings).</summary>
public sealed class PredictModelCommand(CliConsoles consoles) : Command<PredictModelSettings>
{
    public override int Execute(CommandContext context, PredictModelSettings settings, CancellationToken cancellationToken)
    {
        Run.RunCommand.RejectUnknown(context);
        return PredictErrors.Map(() => PredictRun.Execute(consoles.OutWriter, consoles.ErrorWriter, settings));
    }
}
