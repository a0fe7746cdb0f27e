using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Infrastructure.Composition;
using TokenClock.Reporting.Exporters;
using TokenClock.Storage;

namespace TokenClock.Cli.Commands.Report;

/// <summary><c>tokenclock export [RUN] --format csv|json -o FILE</c> (schemas: docs/export-schema.md). Without -o the
/// document goes to the injected stdout; "wrote FILE" goes to stderr.</summary>
public sealed class ExportCommand(CliConsoles consoles) : AsyncCommand<ExportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ExportSettings settings, CancellationToken cancellationToken)
    {
        RunLoader.EnsureDatabaseExists(settings.Db);
        await using var store = await SqliteRunStore.OpenReadOnlyAsync(settings.Db, cancellationToken);
        // Like report: with no run named, the latest one.
        var run = (await RunLoader.LoadAsync(store, settings.Run is null ? [] : [settings.Run], cancellationToken))[0];
        var toStdout = settings.Output is null or "-";
        // Never replace a file TokenClock did not write (or one edited since), unless --force.
        if (!toStdout && !settings.Force && ReportOutputGuard.Blocked([settings.Output!]) is { Count: > 0 } blocked)
            throw new UsageException(CliSettingNames.Describe(new ReportOverwriteException(blocked)));
        await using (Stream output = toStdout ? new TextWriterStream(consoles.OutWriter) : File.Create(settings.Output!))
        {
            await RunExporters.Get(settings.Format!).ExportAsync(run, output, cancellationToken);
        }
        if (toStdout) return ExitCodes.Ok;
        ReportOutputGuard.Record([settings.Output!]);
        await consoles.ErrorWriter.WriteLineAsync($"wrote {settings.Output}");
        return ExitCodes.Ok;
    }
}
