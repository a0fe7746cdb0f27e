using TokenClock.Core.Tokens;

namespace TokenClock.Local.Engine;

/// <summary>Counts tokens with a loaded model's own vocabulary.</summary>
public sealed class LocalTokenCounter(LocalEngine engine) : ITokenCounter
{
    public string Name { get; } = "gguf:" + Path.GetFileName(engine.Info.Path);

    public int CountTokens(string text) => engine.CountTokens(text);
}
