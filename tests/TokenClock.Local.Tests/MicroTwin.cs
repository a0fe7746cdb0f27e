using TokenClock.Local.Twins;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Local.Tests;

/// <summary>One micro twin (byte-level vocabulary, a few hundred KB) shared by the tests of a run.</summary>
public sealed class MicroTwin : IDisposable
{
    private readonly TempDir _dir = new();

    public MicroTwin()
    {
        var shape = ShapeCatalog.Get("micro").WithLayers(1);
        Spec = new TwinSpec(shape, TwinFormat.F16, TwinVocabularyKind.Bytes, Seed: 7);
        Path = _dir.File("micro.gguf");
        Info = TwinSynthesizer.Synthesize(Spec, Path);
    }

    public TwinSpec Spec { get; }
    public string Path { get; }
    public ModelFileInfo Info { get; }

    public void Dispose() => _dir.Dispose();
}
