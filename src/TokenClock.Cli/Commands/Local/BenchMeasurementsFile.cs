using System.Text.Json;
using System.Text.Json.Nodes;
using TokenClock.Local.Bench;
using TokenClock.Local.Probe;

namespace TokenClock.Cli.Commands.Local;

/// <summary>
/// Writes measured twins as a <c>tokenclock.measurements/1</c> file (hardware "this-machine" with its probe), the
/// input of <c>tokenclock predict validate --measurements</c>. Appends, so several bench runs build one set.
/// </summary>
internal static class BenchMeasurementsFile
{
    public static void Append(string path, string shape, IReadOnlyList<LocalBenchRow> rows, ProbeResult probe)
    {
        var root = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))!.AsObject() : new JsonObject
        {
            ["schema"] = "tokenclock.measurements/1",
            ["hardware"] = "this-machine",
            ["cores"] = probe.Cores,
            ["memory_gb"] = probe.MemoryBytes / 1e9,
            ["points"] = new JsonArray(),
        };
        // The latest probe describes the machine the newest points were measured on.
        var probeNode = new JsonObject();
        foreach (var (key, value) in probe.ToProbe()) probeNode[key] = value;
        root["probe"] = probeNode;
        var points = root["points"]!.AsArray();
        foreach (var r in rows)
        {
            points.Add(new JsonObject
            {
                ["model"] = shape,
                ["layers"] = r.Layers,
                ["format"] = r.Format,
                ["prompt"] = r.PromptTokens,
                ["output"] = r.OutputTokens,
                ["ttft_ms"] = r.TtftMs,
                ["tpot_ms"] = r.DecodeMsPerToken,
            });
        }
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
