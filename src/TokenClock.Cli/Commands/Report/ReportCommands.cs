using Spectre.Console.Cli;

namespace TokenClock.Cli.Commands.Report;

/// <summary>Registers report, compare and export (issue 5: explain the numbers).</summary>
public static class ReportCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<ReportCommand>("report")
            .WithDescription("Statistics with CIs, fits, crossovers, validity checks and plots for one or more runs.")
            .WithExample("report")
            .WithExample("report", "12", "13", "--format", "html", "-o", "compare.html");
        config.AddCommand<CompareCommand>("compare")
            .WithDescription("Compare runs metric by metric (first run is the baseline); exit 1 on a significant regression.")
            .WithExample("compare", "12", "13", "--fail-if-slower", "10%");
        config.AddCommand<ExportCommand>("export")
            .WithDescription("Export a run's requests as CSV or JSON (schemas in docs/export-schema.md).")
            .WithExample("export", "--format", "csv", "-o", "requests.csv")
            .WithExample("export", "12", "--format", "json", "-o", "run-12.json");
    }
}
