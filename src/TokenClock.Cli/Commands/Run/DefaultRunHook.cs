using TokenClock.Cli.Infrastructure;

namespace TokenClock.Cli.Commands.Run;

/// <summary>
/// What <c>tokenclock run</c> does with no spec and no run flags. The single hook for the built-in local default
/// job: replace the body (the lead wires it); until then it explains how to start a run.
/// </summary>
internal static class DefaultRunHook
{
    public static Task<int> ExecuteAsync(RunSettings settings, CancellationToken cancellationToken)
    {
        _ = settings;
        cancellationToken.ThrowIfCancellationRequested();
        throw new UsageException(
            "nothing to run: give an experiment file (tokenclock run experiments.yaml) or flags, e.g. " +
            "tokenclock run --backend openai-compatible --base-url http://127.0.0.1:8089/v1 --model sim --prompt \"Hello\" --requests 20");
    }
}
