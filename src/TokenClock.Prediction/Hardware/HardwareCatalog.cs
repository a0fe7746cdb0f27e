using TokenClock.Core.Results;
using TokenClock.Prediction.Data;
using TokenClock.Core.Settings;

namespace TokenClock.Prediction.Hardware;

/// <summary>
/// The hardware table: the shipped, dated default (Data/hardware.json) with a user's override file laid over it
/// (entries replace by id, new ids are added), plus "this-machine" built from probe results.
/// </summary>
public sealed class HardwareCatalog
{
    private readonly List<HardwareSpec> _entries;

    /// <summary>A catalog of <paramref name="entries"/>; <paramref name="updated"/> is the table's date and
    /// <paramref name="overridePath"/> the user file merged into it, if any.</summary>
    public HardwareCatalog(IEnumerable<HardwareSpec> entries, string? updated, string? overridePath = null)
    {
        _entries = entries.ToList();
        Updated = updated;
        OverridePath = overridePath;
    }

    /// <summary>Every device, overrides included.</summary>
    public IReadOnlyList<HardwareSpec> Entries => _entries;
    /// <summary>The shipped table's date.</summary>
    public string? Updated { get; }
    /// <summary>The override file that was applied, if one existed.</summary>
    public string? OverridePath { get; }

    /// <summary>Every device id, and <see cref="ThisMachine.Id"/>.</summary>
    public IEnumerable<string> Ids => _entries.Select(e => e.Id).Append(ThisMachine.Id);

    /// <summary>The shipped table with the user's override file, if it exists.</summary>
    public static HardwareCatalog LoadDefault() => Load(PredictionHome.HardwareFile);

    /// <summary>The shipped table, overlaid with <paramref name="overridePath"/> when that file exists.</summary>
    public static HardwareCatalog Load(string? overridePath)
    {
        var shipped = PredictionJson.ReadEmbedded<HardwareFile>("hardware.json");
        var entries = shipped.Hardware.ToList();
        string? applied = null;
        if (overridePath is not null && File.Exists(overridePath))
        {
            var user = PredictionJson.ReadFile<HardwareFile>(overridePath);
            foreach (var spec in user.Hardware)
            {
                var at = entries.FindIndex(e => string.Equals(e.Id, spec.Id, StringComparison.OrdinalIgnoreCase));
                if (at >= 0) entries[at] = spec; else entries.Add(spec);
            }
            applied = overridePath;
        }
        return new HardwareCatalog(entries, shipped.Updated, applied);
    }

    /// <summary>Finds an entry by id or alias; "this-machine" needs the probed environment.</summary>
    public HardwareSpec Get(string name, EnvironmentInfo? environment = null)
    {
        if (string.Equals(name, ThisMachine.Id, StringComparison.OrdinalIgnoreCase))
        {
            return ThisMachine.FromEnvironment(environment ?? throw new SettingException(PredictionSettings.Hardware, _ =>
                $"Hardware '{ThisMachine.Id}' needs a probed environment: run 'tokenclock probe' or use a measured run."));
        }
        return _entries.FirstOrDefault(e => e.Matches(name)) ?? throw new SettingException(PredictionSettings.Hardware, _ =>
            $"Unknown hardware '{name}'. Known hardware: {string.Join(", ", Ids)}. " +
            "Run 'tokenclock predict hardware' to list them, or add an entry to " + PredictionHome.HardwareFile + ".");
    }
}
