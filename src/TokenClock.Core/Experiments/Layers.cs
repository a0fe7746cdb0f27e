namespace TokenClock.Core.Experiments;

/// <summary>
/// A value lookup over a settings variant and the top-level defaults beneath it; remembers which layer
/// answered so that errors name the field where the bad value was written.
/// </summary>
internal sealed class Layers
{
    private readonly (Dictionary<string, object?> Map, string Path)[] _layers;

    public Layers(Dictionary<string, object?> map, string path, Dictionary<string, object?>? below = null)
    {
        _layers = below is null ? [(map, path)] : [(map, path), (below, "")];
    }

    private Layers((Dictionary<string, object?>, string)[] layers) => _layers = layers;

    public bool Has(string key) => _layers.Any(l => l.Map.ContainsKey(key));

    public string PathOf(string key)
    {
        foreach (var (map, path) in _layers)
            if (map.ContainsKey(key)) return SpecBinder.Join(path, key);
        return SpecBinder.Join(_layers[0].Path, key);
    }

    public T? Get<T>(SpecBinder binder, string key, Func<object?, string, T?> read)
    {
        foreach (var (map, path) in _layers)
            if (map.TryGetValue(key, out var node) && node is not null) return read(node, SpecBinder.Join(path, key));
        return default;
    }

    /// <summary>
    /// These layers with <c>load.KEY</c> replaced by one value on top (one point of a list), other load fields
    /// (arrival, seed...) still read from below; the error path stays the field's own.
    /// </summary>
    public Layers WithLoadValue(string key, string value)
    {
        var top = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (map, _) in _layers.Reverse())
            if (map.GetValueOrDefault("load") is Dictionary<string, object?> load)
                foreach (var (k, v) in load) top[k] = v;
        top[key] = value;
        // Rate and concurrency exclude each other; the point decides which one this is.
        top.Remove(key == "rate" ? "concurrency" : "rate");
        top.Remove("sweep_points");
        var path = _layers.FirstOrDefault(x => x.Map.ContainsKey("load")).Path ?? _layers[0].Path;
        return new Layers([(new Dictionary<string, object?>(StringComparer.Ordinal) { ["load"] = top }, path)]);
    }

    /// <summary>The <c>load</c> maps of each layer, as layers of their own (field by field override).</summary>
    public Layers Load(SpecBinder binder)
    {
        var result = new List<(Dictionary<string, object?>, string)>();
        foreach (var (map, path) in _layers)
        {
            var loadPath = SpecBinder.Join(path, "load");
            var load = binder.Map(map.GetValueOrDefault("load"), loadPath);
            if (load is null) continue;
            binder.CheckFields(load, loadPath, ["pattern", "concurrency", "rate", "arrival", "burstiness", "seed", "sweep_points"]);
            result.Add((load, loadPath));
        }
        return result.Count == 0 ? new Layers([(new Dictionary<string, object?>(), SpecBinder.Join(_layers[0].Path, "load"))]) : new Layers(result.ToArray());
    }
}
