using System.Security.Cryptography;
using System.Text;

namespace TokenClock.Reporting.Exporters;

/// <summary>
/// Never overwrites a file TokenClock did not write. Each folder TokenClock writes report files into gets a small
/// manifest (<see cref="ManifestName"/>) with the SHA-256 of every file it wrote there. An existing target may be
/// replaced only when the manifest lists it with its current content — a file written by someone else, or one
/// edited since, stops the whole write before anything is touched (unless the caller forces it).
/// </summary>
public static class ReportOutputGuard
{
    /// <summary>File name of the manifest kept in each output folder.</summary>
    public const string ManifestName = ".tokenclock-files";

    /// <summary>The targets that exist and are not TokenClock's unchanged output.</summary>
    public static IReadOnlyList<string> Blocked(IEnumerable<string> targets)
    {
        var blocked = new List<string>();
        foreach (var group in targets.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).GroupBy(p => Path.GetDirectoryName(p) ?? "."))
        {
            var manifest = Read(group.Key);
            foreach (var path in group)
            {
                if (Directory.Exists(path)) { blocked.Add(path); continue; }
                if (!File.Exists(path)) continue;
                if (!manifest.TryGetValue(Path.GetFileName(path), out var hash) || hash != Hash(path)) blocked.Add(path);
            }
        }
        return blocked;
    }

    /// <summary>Records <paramref name="written"/> as TokenClock's output in their folders' manifests.</summary>
    public static void Record(IEnumerable<string> written)
    {
        foreach (var group in written.Select(Path.GetFullPath).GroupBy(p => Path.GetDirectoryName(p) ?? "."))
        {
            var manifest = Read(group.Key);
            foreach (var path in group) manifest[Path.GetFileName(path)] = Hash(path);
            var text = new StringBuilder("# Files written by TokenClock (SHA-256); it replaces only these, unchanged.\n");
            foreach (var (name, hash) in manifest.OrderBy(e => e.Key, StringComparer.Ordinal)) text.Append(hash).Append("  ").Append(name).Append('\n');
            File.WriteAllText(Path.Combine(group.Key, ManifestName), text.ToString(), new UTF8Encoding(false));
        }
    }

    private static Dictionary<string, string> Read(string folder)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var file = Path.Combine(folder, ManifestName);
        if (!File.Exists(file)) return map;
        foreach (var line in File.ReadLines(file))
        {
            if (line.StartsWith('#')) continue;
            var split = line.IndexOf("  ", StringComparison.Ordinal);
            if (split == 64) map[line[(split + 2)..]] = line[..split];
        }
        return map;
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
