using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using TokenClock.Cli.Commands.Report;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Infrastructure.Composition;
using TokenClock.Core.Backends;
using TokenClock.Core.Workloads;
using TokenClock.Core.Experiments;
using TokenClock.Local.Engine;
using TokenClock.Storage;

namespace TokenClock.Cli.Commands.Run;

/// <summary>
/// <c>tokenclock run</c> with no spec and no run flags: the built-in default job, which needs no keys and no
/// downloads. It synthesizes the tiny latency twin into the model cache if absent, then measures the
/// summarization workload on it twice — in process and through a <c>tokenclock serve --model</c> child on
/// loopback — stores the run, prints the summary and writes report.md / report.html into tokenclock-report/run-N/.
/// </summary>
internal static class DefaultRunHook
{
    /// <summary>The default experiment; shown by the docs so users can start from it.</summary>
    internal const string SpecTemplate = """
        name: default
        workload: summarize
        workload_options:
          summary_words: "25,50,100"
          context: "1024"
          length_control: min-tokens
        max_tokens: 160
        requests: 12
        warmup: 2
        backends:
          - kind: local
            name: in-process
            model: tiny
            settings: { threads: "2", context: "2048" }
          - kind: openai-compatible
            name: http-serve
            base_url: {BASE_URL}
            model: tiny
        """;

    public static async Task<int> ExecuteAsync(CliConsoles consoles, RunSettings settings, RunTelemetryFlags telemetry, BackendRegistry backends,
        WorkloadRegistry workloads, CliTokenizers tokenizers, CancellationToken cancellationToken)
    {
        var err = consoles.Error;
        var clock = Stopwatch.StartNew();
        err.MarkupLine("[bold]TokenClock default run[/]: the summarization workload on the tiny local latency twin, in process and over HTTP.");
        err.MarkupLine("[grey]No API keys or downloads needed. Give flags or a spec file to measure your own backends (see --help).[/]");

        var model = LocalModelCache.EnsureDefaultTwin(new Progress<string>(m => err.MarkupLine($"[grey]{Markup.Escape(m)}[/]")), cancellationToken);
        err.MarkupLine($"[grey]model: {Markup.Escape(model)}[/]");

        await using var server = await ServeChild.StartAsync(["--model", LocalModelCache.DefaultTwin], TimeSpan.FromSeconds(60), cancellationToken);
        var baseUrl = new Uri(server.BaseUrl, "v1").ToString();
        err.MarkupLine($"[grey]serve --model child listening on {Markup.Escape(server.BaseUrl.ToString())}[/]");

        ExperimentSpec spec;
        try
        {
            spec = new ExperimentSpecReader(backends, workloads).Read(SpecTemplate.Replace("{BASE_URL}", baseUrl, StringComparison.Ordinal), "default run", "default");
        }
        catch (SpecValidationException ex)
        {
            // The built-in spec is ours: a problem here is a bug, not the user's usage.
            throw new InvalidOperationException("the built-in default spec is invalid: " + ex.Message, ex);
        }

        // The two series alternate request by request, so noise on the machine lands on both alike.
        spec = spec with { Interleave = true };
        var name = settings.Name is null ? spec : spec with { Name = settings.Name };
        var (exit, runId, db) = await RunCommand.ExecuteSpecAsync(consoles, name, backends, workloads, tokenizers, settings.Db, settings.Json, cancellationToken, telemetry, probeIfMissing: true);
        await server.DisposeAsync();
        if (exit != ExitCodes.Ok) return exit;

        await using (var store = await SqliteRunStore.OpenReadOnlyAsync(db, cancellationToken))
        {
            err.MarkupLine(Markup.Escape(DefaultRunTakeaway.Of(await store.GetRequestsAsync(runId, cancellationToken), "in-process", "http-serve")));
            var folder = ReportFiles.DefaultFolder(ReportFiles.FolderName([runId]));
            try
            {
                foreach (var path in await ReportFiles.WriteAsync(store, [runId], folder, cancellationToken))
                    err.MarkupLine($"[grey]wrote[/] {Markup.Escape(path)}");
            }
            catch (Reporting.Exporters.ReportOverwriteException ex)
            {
                // The run is stored; only its report was not written over someone's files.
                err.MarkupLine($"[yellow]warning:[/] no report written: {Markup.Escape(CliSettingNames.Describe(ex))}; or run tokenclock report {runId.ToString(CultureInfo.InvariantCulture)} -o DIR");
            }
        }
        err.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]default run finished in {clock.Elapsed.TotalSeconds:0.0} s[/]"));
        return exit;
    }
}
