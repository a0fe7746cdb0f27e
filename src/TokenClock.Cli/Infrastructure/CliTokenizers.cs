using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Cli.Infrastructure;

/// <summary>The CLI's one tokenizer resolver: model name to local token counter.</summary>
internal static class CliTokenizers
{
    // GGUF files are counted with the model's own vocabulary once the local area provides it.
    public static TokenizerResolver Resolver { get; } = new();
}
