using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure.Composition;
using TokenClock.Cli.Infrastructure.Settings;
using TokenClock.Local.Engine;

namespace TokenClock.Cli.Commands.Local;

/// <summary><c>model cache list</c>: the cached models, their sizes and the folder (table on stdout, folder and total on stderr, or --json on stdout).</summary>
public sealed class ModelCacheListCommand(CliConsoles consoles) : AsyncCommand<ModelCacheListCommand.Settings>
{
    public sealed class Settings : JsonSettings;

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var entries = ModelCacheContents.List();
        if (settings.Json)
        {
            LocalJson.Write(consoles.OutWriter, new
            {
                folder = LocalModelCache.ModelsDirectory,
                total_bytes = entries.Sum(e => e.Bytes),
                models = entries.Select(ModelCacheJson.Entry),
            });
            return Task.FromResult(0);
        }
        var err = consoles.Error;
        err.MarkupLine($"[grey]{Markup.Escape(LocalModelCache.ModelsDirectory)}[/]");
        var table = new Table().AddColumns("model", "size", "modified (UTC)", "note");
        foreach (var e in entries)
            table.AddRow(Markup.Escape(e.Name), ModelCacheJson.Size(e.Bytes), e.ModifiedUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                e.IsDefault ? "default twin (kept by prune)" : "");
        consoles.Out.Write(table);
        err.MarkupLine($"{entries.Count} model(s), {ModelCacheJson.Size(entries.Sum(e => e.Bytes))}; free it with [bold]tokenclock model cache prune[/] (twins are re-made on use).");
        return Task.FromResult(0);
    }
}

/// <summary><c>model cache prune</c>: removes cached twins (they are re-made on use); the default twin stays unless --all.</summary>
public sealed class ModelCachePruneCommand(CliConsoles consoles) : AsyncCommand<ModelCachePruneCommand.Settings>
{
    public sealed class Settings : JsonSettings
    {
        [CommandOption("--all")]
        [Description("Remove the default twin too (the next plain `tokenclock run` re-makes it in seconds).")]
        public bool All { get; init; }

        [CommandOption("--dry-run")]
        [Description("Only list what would be removed.")]
        public bool DryRun { get; init; }
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var result = ModelCacheContents.Prune(settings.All, settings.DryRun);
        if (settings.Json)
        {
            LocalJson.Write(consoles.OutWriter, new
            {
                folder = LocalModelCache.ModelsDirectory,
                dry_run = result.DryRun,
                freed_bytes = result.FreedBytes,
                removed = result.Removed.Select(ModelCacheJson.Entry),
                kept = result.Kept.Select(ModelCacheJson.Entry),
                partial_files_removed = result.Partials,
            });
            return Task.FromResult(0);
        }
        var verb = result.DryRun ? "would remove" : "removed";
        foreach (var e in result.Removed) consoles.ErrorWriter.WriteLine($"{verb} {e.Name} ({ModelCacheJson.Size(e.Bytes)})");
        foreach (var p in result.Partials) consoles.ErrorWriter.WriteLine($"removed {p} (left by an interrupted write)");
        consoles.ErrorWriter.WriteLine($"{verb} {result.Removed.Count} model(s), {ModelCacheJson.Size(result.FreedBytes)}; kept {result.Kept.Count} in {LocalModelCache.ModelsDirectory}");
        return Task.FromResult(0);
    }
}

internal static class ModelCacheJson
{
    public static object Entry(ModelCacheEntry e) => new
    {
        name = e.Name,
        bytes = e.Bytes,
        modified_utc = e.ModifiedUtc.ToString("O", CultureInfo.InvariantCulture),
        is_default = e.IsDefault,
    };

    public static string Size(long bytes) => bytes >= 1L << 30
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.00} GiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MiB");
}
