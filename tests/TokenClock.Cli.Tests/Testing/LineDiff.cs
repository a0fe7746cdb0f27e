using System.Text;

namespace TokenClock.Cli.Tests.Testing;

/// <summary>A readable line diff (longest common subsequence): "- " expected only (its line number in the expected
/// text), "+ " actual only (its line number in the actual text), two lines of context around each change, at most
/// <see cref="MaxLines"/> lines.</summary>
internal static class LineDiff
{
    public const int MaxLines = 80;
    private const int Context = 2;

    public static string Describe(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var ops = Diff(a, b);
        var changed = ops.Select((o, i) => (o, i)).Where(x => x.o.Kind != ' ').Select(x => x.i).ToList();
        var shown = new bool[ops.Count];
        foreach (var i in changed)
            for (var j = Math.Max(0, i - Context); j <= Math.Min(ops.Count - 1, i + Context); j++) shown[j] = true;
        var text = new StringBuilder();
        var lines = 0;
        for (var i = 0; i < ops.Count && lines < MaxLines; i++)
        {
            if (!shown[i]) continue;
            if (i > 0 && !shown[i - 1]) { text.Append("  ...\n"); lines++; }
            var (kind, line, number) = ops[i];
            text.Append(kind).Append(' ').Append(number.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).Append(" | ").Append(line).Append('\n');
            lines++;
        }
        if (lines >= MaxLines) text.Append("  ... (diff cut at ").Append(MaxLines).Append(" lines)\n");
        return text.ToString();
    }

    private static List<(char Kind, string Line, int Number)> Diff(string[] a, string[] b)
    {
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var ops = new List<(char, string, int)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y]) { ops.Add((' ', a[x], x + 1)); x++; y++; }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] > lcs[x + 1, y])) { ops.Add(('+', b[y], y + 1)); y++; }
            else { ops.Add(('-', a[x], x + 1)); x++; }
        }
        return ops;
    }
}
