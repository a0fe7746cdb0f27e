using TokenClock.Core.Tokens;
using TokenClock.Local.Gguf;
using TokenClock.Prediction.Gguf;
using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Cli.Infrastructure;

/// <summary>
/// <c>--tokenizer model.gguf</c>: reads the vocabulary stored in a GGUF header (Local's reader; tensor data is not
/// touched) and rebuilds it as a <see cref="GgufVocabularyTokenCounter"/> (Workloads), without loading the model.
/// </summary>
internal static class GgufTokenizerFile
{
    public static ITokenCounter Load(string path)
    {
        GgufFile file;
        try
        {
            file = GgufReader.Read(path);
        }
        catch (GgufFormatException ex)
        {
            throw new TokenizerLoadException(path, ex.Message, ex);
        }
        var model = file.Find(LlamaGguf.Keys.TokenizerModel)?.Value as string
            ?? throw new TokenizerLoadException(path, $"it has no {LlamaGguf.Keys.TokenizerModel}; it carries no vocabulary. Pass the model's tokenizer.json instead");
        var pre = file.Find(LlamaGguf.Keys.TokenizerPre)?.Value as string;
        var tokens = file.Find(LlamaGguf.Keys.Tokens)?.Value as string[]
            ?? throw new TokenizerLoadException(path, $"it has no {LlamaGguf.Keys.Tokens} string array");
        var merges = file.Find(LlamaGguf.Keys.Merges)?.Value as string[] ?? [];
        return GgufVocabularyTokenCounter.Create(path, model, pre, tokens, merges);
    }
}
