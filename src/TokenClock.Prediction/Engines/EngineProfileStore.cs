using System.Text.Json;
using TokenClock.Prediction.Data;
using TokenClock.Core.Settings;

namespace TokenClock.Prediction.Engines;

/// <summary>Default profiles overlaid with stored ones (a stored profile replaces a default of the same name).</summary>
public sealed class EngineProfileStore(string path)
{
    /// <summary>The stored-profiles file.</summary>
    public string Path { get; } = path;

    /// <summary>The store at <see cref="PredictionHome.EngineProfilesFile"/>.</summary>
    public static EngineProfileStore Default => new(PredictionHome.EngineProfilesFile);

    /// <summary>The stored profiles; none when the file does not exist.</summary>
    public IReadOnlyList<EngineProfile> Stored() =>
        File.Exists(Path) ? PredictionJson.ReadFile<EngineProfileFile>(Path).Profiles : [];

    /// <summary>The defaults, each replaced by a stored profile of its name, then the other stored profiles.</summary>
    public IReadOnlyList<EngineProfile> All()
    {
        var stored = Stored();
        var merged = EngineProfiles.Defaults.Select(d => stored.FirstOrDefault(s => d.Matches(s.Name)) ?? d).ToList();
        merged.AddRange(stored.Where(s => !EngineProfiles.Defaults.Any(d => d.Matches(s.Name))));
        return merged;
    }

    /// <summary>The profile <paramref name="name"/> matches (name or alias); an unknown one throws naming the known ones.</summary>
    public EngineProfile Get(string name) =>
        All().FirstOrDefault(p => p.Matches(name)) ?? throw new SettingException(PredictionSettings.Engine, n =>
            $"Unknown engine profile '{name}'. Known profiles: {string.Join(", ", All().Select(p => p.Name))}. " +
            $"Run 'tokenclock predict engines' to list them, or create one with {n(PredictionSettings.Calibration)}.");

    /// <summary>
    /// Adds or replaces a profile by name and writes the file atomically. The stored profile is one version above
    /// the one it replaces (stored or default), so every prediction can say which calibration it used.
    /// </summary>
    public EngineProfile Save(EngineProfile profile)
    {
        var previous = All().FirstOrDefault(p => p.Matches(profile.Name));
        profile = profile with { Version = (previous?.Version ?? 0) + 1, Calibrated = true };
        var profiles = Stored().Where(p => !string.Equals(p.Name, profile.Name, StringComparison.OrdinalIgnoreCase)).Append(profile).ToList();
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (dir is not null) Directory.CreateDirectory(dir);
        var tmp = Path + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(new EngineProfileFile { Profiles = profiles }, PredictionJson.Options));
        File.Move(tmp, Path, overwrite: true);
        return profile;
    }
}
