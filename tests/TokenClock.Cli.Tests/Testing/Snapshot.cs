using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace TokenClock.Cli.Tests.Testing;

/// <summary>
/// Output snapshots kept next to the tests (Snapshots/NAME.txt beside the test file). A mismatch fails with a line
/// diff. Set TOKENCLOCK_UPDATE_SNAPSHOTS=1 to write the current output instead (then review the diff in git).
/// </summary>
internal static class Snapshot
{
    public const string UpdateVariable = "TOKENCLOCK_UPDATE_SNAPSHOTS";

    public static void Match(string actual, string name, [CallerFilePath] string testFile = "")
    {
        var file = Path.Combine(Path.GetDirectoryName(testFile)!, "Snapshots", name + ".txt");
        actual = Normalize(actual);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, actual);
            return;
        }
        if (!File.Exists(file))
            throw new XunitException($"No snapshot {file}. Run the test with {UpdateVariable}=1 to write it, then review it.");
        var expected = Normalize(File.ReadAllText(file));
        if (expected != actual)
            throw new XunitException($"Output differs from the snapshot {file} ({UpdateVariable}=1 rewrites it):\n{LineDiff.Describe(expected, actual)}");
    }

    /// <summary>Fails with a line diff when two outputs that must be identical are not.</summary>
    public static void Same(string expected, string actual, string what)
    {
        if (Normalize(expected) != Normalize(actual))
            throw new XunitException($"{what}:\n{LineDiff.Describe(Normalize(expected), Normalize(actual))}");
    }

    // Trailing spaces and line endings are not output anyone reads; a table's padding is.
    private static string Normalize(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).TrimEnd('\n') + "\n";
}
