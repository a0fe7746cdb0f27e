using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Infrastructure.Composition;
using TokenClock.Storage;

namespace TokenClock.Cli.Commands.Run;

/// <summary><c>tokenclock runs</c>: lists stored runs (id, name, start, status, requests, errors, backends).</summary>
public sealed class RunsCommand(CliConsoles consoles) : AsyncCommand<RunsSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RunsSettings settings, CancellationToken cancellationToken)
    {
        RunCommand.RejectUnknown(context);
        var path = settings.Db;
        var err = consoles.Error;
        var rows = new List<(Core.Results.StoredRun Run, IReadOnlyList<string> Backends)>();
        if (File.Exists(path) || Directory.Exists(path)) // a folder gets its own clear error from the store
        {
            // Read-only: listing needs no write access. A run whose writer's lock is free is shown interrupted.
            await using var store = await SqliteRunStore.OpenReadOnlyAsync(path, cancellationToken);
            foreach (var run in await store.ListRunsAsync(cancellationToken))
                rows.Add((run, await store.GetBackendsAsync(run.Id, cancellationToken)));
        }
        else if (!settings.Json)
        {
            err.MarkupLine($"[grey]No results database at {Markup.Escape(Path.GetFullPath(path))}; `tokenclock run` creates one (or pass --db FILE).[/]");
            return ExitCodes.Ok;
        }

        if (settings.Json)
        {
            consoles.OutWriter.WriteLine(ToJson(rows));
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded);
        foreach (var c in new[] { "id", "name", "started (UTC)", "status", "requests", "errors", "backends" }) table.AddColumn(c);
        foreach (var (run, backends) in rows)
        {
            table.AddRow(
                run.Id.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(run.Info.Name),
                run.Info.StartedUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                StatusName(run.Status),
                run.RequestCount.ToString(CultureInfo.InvariantCulture),
                run.ErrorCount.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(", ", backends)));
        }
        consoles.Out.Write(table); // the result: `runs | less` shows it
        return ExitCodes.Ok;
    }

    private static string StatusName(Core.Results.RunStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    private static string ToJson(IEnumerable<(Core.Results.StoredRun Run, IReadOnlyList<string> Backends)> rows)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("runs");
            foreach (var (run, backends) in rows)
            {
                w.WriteStartObject();
                w.WriteNumber("run_id", run.Id);
                w.WriteString("name", run.Info.Name);
                w.WriteString("started_utc", run.Info.StartedUtc.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                if (run.EndedUtc is { } end) w.WriteString("ended_utc", end.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                else w.WriteNull("ended_utc");
                w.WriteString("status", StatusName(run.Status));
                w.WriteNumber("requests", run.RequestCount);
                w.WriteNumber("errors", run.ErrorCount);
                w.WriteStartArray("backends");
                foreach (var b in backends) w.WriteStringValue(b);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
