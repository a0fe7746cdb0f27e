using System.Text;
using System.Text.RegularExpressions;

namespace TokenClock.IntegrationTests.Readme;

/// <summary>
/// The README's tour as data: every line of every ```bash block from "## A short tour" to the end, in order, with
/// continuation lines joined. The conventions it reads are stated in the README itself:
/// a line ending in <c>&amp;</c> starts a server that the later lines use; <c>name=value</c> lines are shell
/// variables for the lines after them; a trailing comment that starts with <c>slow:</c> marks a command too slow for
/// CI (it runs when TOKENCLOCK_TOUR_SLOW=1).
/// </summary>
internal static partial class ReadmeTour
{
    public const string TourHeading = "## A short tour";

    public static IReadOnlyList<TourCommand> Parse(string readme)
    {
        var start = readme.IndexOf("\n" + TourHeading, StringComparison.Ordinal);
        if (start < 0) throw new InvalidOperationException($"README.md has no '{TourHeading}' section");
        var commands = new List<TourCommand>();
        var inBash = false;
        var pending = new StringBuilder();
        var lineNo = readme[..start].Count(c => c == '\n') + 1;
        var firstLine = 0;
        foreach (var raw in readme[(start + 1)..].Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inBash = !inBash && line.Trim() == "```bash";
                continue;
            }
            if (!inBash) continue;
            if (pending.Length == 0)
            {
                if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')) continue;
                firstLine = lineNo - 1;
            }
            if (line.EndsWith('\\'))
            {
                pending.Append(line[..^1].TrimEnd()).Append(' ');
                continue;
            }
            pending.Append(line.Trim());
            commands.Add(Classify(pending.ToString(), firstLine));
            pending.Clear();
        }
        return commands;
    }

    private static TourCommand Classify(string text, int line)
    {
        var (code, comment) = SplitComment(text);
        var kind = Assignment().IsMatch(code) ? TourCommandKind.Variable
            : code.EndsWith('&') ? TourCommandKind.Background
            : TourCommandKind.Command;
        if (kind == TourCommandKind.Background) code = code[..^1].TrimEnd();
        var slow = comment is not null && comment.StartsWith("slow:", StringComparison.Ordinal);
        return new TourCommand(code, kind, slow, comment, line);
    }

    /// <summary>Splits off a trailing "# comment" that is outside quotes (as bash reads it).</summary>
    private static (string Code, string? Comment) SplitComment(string text)
    {
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null) { if (c == quote) quote = null; continue; }
            if (c is '"' or '\'') quote = c;
            else if (c == '#' && i > 0 && char.IsWhiteSpace(text[i - 1])) return (text[..i].TrimEnd(), text[(i + 1)..].Trim());
        }
        return (text.TrimEnd(), null);
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*=")]
    private static partial Regex Assignment();
}

internal enum TourCommandKind { Command, Background, Variable }

/// <summary>One tour line: the shell text (comment and trailing &amp; removed), how the test runs it, its README line.</summary>
internal sealed record TourCommand(string Text, TourCommandKind Kind, bool Slow, string? Comment, int Line)
{
    public override string ToString() => $"README.md:{Line}: {Text}";
}
