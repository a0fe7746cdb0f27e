using System.Globalization;
using Spectre.Console;
using TokenClock.Core.Results;
using TokenClock.Workloads.Summarization;

namespace TokenClock.Cli.Commands.Summarize;

/// <summary>
/// Streams shown text raw to <paramref name="text"/> as it arrives (flushed per chunk so the user sees it at
/// once) and prints progress of hidden calls to <paramref name="status"/>. (The session commits each record to the
/// store before telling this observer.)
/// </summary>
internal sealed class ConsoleSummaryObserver(TextWriter text, IAnsiConsole status) : ISummaryObserver
{
    private readonly Core.Security.StreamingRedactor _redactor = new();

    public void StageStarted(SummaryStage stage)
    {
        FlushShown();
        if (stage.Shown && stage.Total > 1)
        {
            // Refine drafts: a header per draft so the user knows a better version follows.
            text.Write(stage.Step == 1 ? "" : "\n\n");
            status.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]── draft {stage.Step}/{stage.Total}{(stage.IsFinal ? " (final)" : "")} ──[/]"));
        }
    }

    public void TextReceived(SummaryStage stage, string chunk)
    {
        // Known secrets are masked even when split across chunks: only a tail that could still become one waits.
        text.Write(_redactor.Push(chunk));
        text.Flush();
    }

    private void FlushShown()
    {
        var rest = _redactor.Flush();
        if (rest.Length == 0) return;
        text.Write(rest);
        text.Flush();
    }

    public ValueTask RequestCompletedAsync(SummaryStage stage, RequestRecord record, CancellationToken cancellationToken)
    {
        if (stage.Shown) FlushShown();
        if (!stage.Shown)
        {
            var outcome = record.Succeeded
                ? string.Create(CultureInfo.InvariantCulture, $"{record.E2eMs():0} ms, {record.OutputTokens()} tokens")
                : $"failed: {record.Error}";
            status.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]{stage.Kind} {stage.Step}/{stage.Total} done ({Markup.Escape(outcome)})[/]"));
        }
        return ValueTask.CompletedTask;
    }
}
