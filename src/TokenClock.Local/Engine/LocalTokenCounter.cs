using TokenClock.Core.Tokens;

namespace TokenClock.Local.Engine;

/// <summary>Counts tokens with a loaded model's own vocabulary.</summary>
public sealed class LocalTokenCounter(LocalEngine engine) : ITokenCounter
{
    /// <summary>"gguf:" and the model file's name.</summary>
    public string Name { get; } = "gguf:" + Path.GetFileName(engine.Info.Path);

    /// <summary>Tokens of <paramref name="text"/> in the model's vocabulary, without BOS.</summary>
    public int CountTokens(string text) => engine.CountTokens(text);
}
