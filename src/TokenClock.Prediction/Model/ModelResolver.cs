using TokenClock.Prediction.Shapes;
using TokenClock.Core.Settings;

namespace TokenClock.Prediction.Model;

/// <summary>Turns --model into a shape: a catalog name, a .gguf file, or a config.json (file or folder holding one).</summary>
public static class ModelResolver
{
    /// <summary>The shape <paramref name="model"/> names; throws naming the forms it accepts when it names none.</summary>
    public static ResolvedModel Resolve(string model)
    {
        if (ShapeCatalog.TryGet(model, out var shape)) return new ResolvedModel(shape, null, $"shape catalog ({shape.Source})");
        if (model.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) && File.Exists(model)) return GgufShapeReader.Read(model);
        if (Directory.Exists(model) && File.Exists(Path.Combine(model, "config.json"))) return HfConfigReader.Read(Path.Combine(model, "config.json"));
        if (model.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && File.Exists(model)) return HfConfigReader.Read(model);
        throw new SettingException(PredictionSettings.Model, _ =>
            $"Unknown model '{model}'. Known shapes: {string.Join(", ", ShapeCatalog.Names)}; " +
            "or pass the path of a .gguf file or a Hugging Face config.json.");
    }
}
