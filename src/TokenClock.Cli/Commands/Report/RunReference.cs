using System.Globalization;
using System.Text.RegularExpressions;
using TokenClock.Cli.Infrastructure;
using TokenClock.Core.Results;

namespace TokenClock.Cli.Commands.Report;

/// <summary>
/// How commands name a stored run: its id (<c>12</c>), <c>latest</c>, or <c>latest~N</c> (the Nth run before the
/// latest, as git's <c>HEAD~N</c>), so that a printed command works on any database, including a fresh one.
/// </summary>
internal static partial class RunReference
{
    public const string Help = "a run id, 'latest' or 'latest~N' (N runs before the latest)";

    /// <summary>Checks the spelling only (settings validation); resolving needs the database.</summary>
    public static void Check(string token) => _ = Parse(token);

    public static async Task<long[]> ResolveAsync(IResultSource source, IEnumerable<string> tokens, CancellationToken ct)
    {
        var parsed = tokens.Select(t => (Token: t, Ref: Parse(t))).ToArray();
        if (parsed.All(p => p.Ref.Id is not null)) return [.. parsed.Select(p => p.Ref.Id!.Value)];
        var ids = (await source.ListRunsAsync(ct)).Select(r => r.Id).OrderDescending().ToArray();
        return [.. parsed.Select(p => p.Ref.Id ?? Relative(p.Token, p.Ref.Back, ids))];
    }

    private static long Relative(string token, int back, long[] newestFirst)
    {
        if (newestFirst.Length == 0) throw new UsageException($"'{token}': the database holds no runs yet; record one with tokenclock run");
        if (back >= newestFirst.Length)
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"'{token}' goes back {back} run(s) but the database holds {newestFirst.Length}; use latest~0 to latest~{newestFirst.Length - 1} or a run id from tokenclock runs"));
        return newestFirst[back];
    }

    private static (long? Id, int Back) Parse(string token)
    {
        if (long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) return (id, 0);
        var m = LatestPattern().Match(token);
        if (m.Success)
        {
            if (!m.Groups[1].Success) return (null, 0);
            if (int.TryParse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var back)) return (null, back);
        }
        throw new UsageException($"'{token}' is not a run; write {Help}, as listed by tokenclock runs");
    }

    [GeneratedRegex(@"^latest(?:~(\d{1,9}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex LatestPattern();
}
