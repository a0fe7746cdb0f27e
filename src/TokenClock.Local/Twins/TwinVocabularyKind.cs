namespace TokenClock.Local.Twins;

/// <summary>Where a twin's vocabulary comes from.</summary>
public enum TwinVocabularyKind
{
    /// <summary>GPT-2 byte-level BPE (Microsoft.ML.Tokenizers data), cut or padded to the shape's size.</summary>
    Gpt2,
    /// <summary>256 byte tokens plus BOS/EOS (and padding): tiny files for tests.</summary>
    Bytes,
}
