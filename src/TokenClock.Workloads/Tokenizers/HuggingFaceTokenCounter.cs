using System.Globalization;
using TokenClock.Core.Tokens;
using HfTokenizer = Tokenizers.DotNet.Tokenizer;

namespace TokenClock.Workloads.Tokenizers;

/// <summary>
/// Exact token counts for any model that ships a Hugging Face <c>tokenizer.json</c>, through the Rust
/// tokenizers library (Tokenizers.DotNet binding). Counts are of the text alone: special tokens a post-processor
/// or chat template would add are the server's, not the prompt's. Calls are serialized because the binding
/// documents no thread-safety guarantee for one native handle.
/// </summary>
public sealed class HuggingFaceTokenCounter : ITokenCounter, IDisposable
{
    private readonly HfTokenizer _tokenizer;
    private readonly Lock _gate = new();
    private bool _disposed;

    private HuggingFaceTokenCounter(string name, HfTokenizer tokenizer)
    {
        Name = name;
        _tokenizer = tokenizer;
    }

    /// <summary>"hf:" and the file name, stored with results so a run says which vocabulary counted its tokens.</summary>
    public string Name { get; }

    /// <summary>Loads <paramref name="path"/>; a missing or malformed file is a <see cref="TokenizerLoadException"/> naming it.</summary>
    public static HuggingFaceTokenCounter Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new TokenizerLoadException(path, "the file does not exist; pass the tokenizer.json that ships with the model (Hugging Face format)");
        HfTokenizer tokenizer;
        try
        {
            tokenizer = new HfTokenizer(vocabPath: full);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or TypeInitializationException)
        {
            throw new TokenizerLoadException(path,
                $"the native Hugging Face tokenizers library (libhf_tokenizers) could not be loaded on {System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}: {ex.Message}", ex);
        }
        catch (Exception ex)
        {
            throw new TokenizerLoadException(path, $"not a valid Hugging Face tokenizer.json ({ex.Message})", ex);
        }
        return new HuggingFaceTokenCounter("hf:" + Path.GetFileName(full), tokenizer);
    }

    /// <inheritdoc/>
    public int CountTokens(string text) => string.IsNullOrEmpty(text) ? 0 : Encode(text).Length;

    /// <summary>Token ids of <paramref name="text"/> (no special tokens added).</summary>
    public uint[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _tokenizer.Encode(text);
        }
    }

    /// <summary>The text of token <paramref name="ids"/>.</summary>
    public string Decode(uint[] ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _tokenizer.Decode(ids);
        }
    }

    /// <summary>Frees the native tokenizer; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _tokenizer.Dispose();
        }
    }

    /// <summary>The counter's name.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}");
}
