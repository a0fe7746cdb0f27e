using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using TokenClock.Core.Experiments;

namespace TokenClock.Cli.Commands.Run;

/// <summary>Renders the live progress line: cell, done/total, errors, rolling TTFT p50, elapsed.</summary>
internal static class ProgressView
{
    public static IRenderable Render(RunProgress? p)
    {
        if (p is null) return new Markup("[grey]starting...[/]");
        var total = p.Total is { } t ? t.ToString(CultureInfo.InvariantCulture) : "?";
        var ttft = p.RollingTtftP50Ms is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + " ms" : "-";
        var errors = p.Errors == 0 ? "[green]0[/]" : $"[red]{p.Errors}[/]";
        // A planned run (rate sweep, capacity search) does not know its cell count in advance.
        var cells = p.CellCount > 0 ? p.CellCount.ToString(CultureInfo.InvariantCulture) : "?";
        return new Markup(string.Create(CultureInfo.InvariantCulture,
            $"[bold]{Markup.Escape(p.Cell)}[/] ({p.CellIndex + 1}/{cells})  done [bold]{p.Done}[/]/{total}  errors {errors}  TTFT p50 (last 64) [bold]{ttft}[/]  {p.Elapsed.TotalSeconds:0.0} s"));
    }

    public static string Plain(RunProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"run {p.RunId}: {p.Done}/{(p.Total is { } t ? t.ToString(CultureInfo.InvariantCulture) : "?")} requests, {p.Errors} errors, TTFT p50 {(p.RollingTtftP50Ms is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + " ms" : "-")}, {p.Elapsed.TotalSeconds:0.0} s");
}
