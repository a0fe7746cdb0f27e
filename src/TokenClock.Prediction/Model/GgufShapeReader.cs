using System.Text;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Prediction.Model;

/// <summary>
/// Reads a model shape from a GGUF file's key-value header only (no tensors): enough for prediction.
/// Minimal on purpose; the full reader lives in TokenClock.Local. Bounded: sizes are checked before use.
/// </summary>
public static class GgufShapeReader
{
    private const uint Magic = 0x46554747; // "GGUF" little-endian
    private const ulong MaxKeys = 1_000_000;
    private const ulong MaxStringBytes = 16 * 1024 * 1024;

    public static ResolvedModel Read(string path)
    {
        using var stream = File.OpenRead(path);
        var meta = ReadMetadata(stream, path, out var tensorCount);
        var hasOutput = HasTensor(stream, path, tensorCount, "output.weight");
        return ToModel(meta, path, hasOutput);
    }

    /// <summary>The header's key-value pairs; arrays become their element count (as long), except nothing else is kept.</summary>
    public static IReadOnlyDictionary<string, object> ReadMetadata(Stream stream, string origin) => ReadMetadata(stream, origin, out _);

    private static IReadOnlyDictionary<string, object> ReadMetadata(Stream stream, string origin, out ulong tensorCount)
    {
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (r.ReadUInt32() != Magic) throw Bad(origin, "it does not start with 'GGUF'");
            var version = r.ReadUInt32();
            if (version is < 2 or > 3) throw Bad(origin, $"version {version} is not supported (2 or 3 are)");
            tensorCount = r.ReadUInt64();
            var kvCount = r.ReadUInt64();
            if (kvCount > MaxKeys) throw Bad(origin, $"it claims {kvCount} metadata keys");
            var meta = new Dictionary<string, object>(StringComparer.Ordinal);
            for (ulong i = 0; i < kvCount; i++)
            {
                var key = ReadString(r, origin);
                var type = r.ReadUInt32();
                meta[key] = ReadValue(r, type, origin);
            }
            return meta;
        }
        catch (EndOfStreamException)
        {
            throw Bad(origin, "the header ends early (truncated file?)");
        }
    }

    /// <summary>
    /// Whether the tensor table (right after the key-value pairs) names <paramref name="name"/>; null when the file
    /// lists no tensors (a header-only file says nothing about tying). Only names and dimensions are read.
    /// </summary>
    private static bool? HasTensor(Stream stream, string origin, ulong count, string name)
    {
        if (count == 0) return null;
        if (count > MaxKeys) throw Bad(origin, $"it claims {count} tensors");
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            for (ulong i = 0; i < count; i++)
            {
                var tensor = ReadString(r, origin);
                if (tensor == name) return true;
                var dims = r.ReadUInt32();
                if (dims > 8) throw Bad(origin, $"tensor '{tensor}' claims {dims} dimensions");
                r.BaseStream.Seek(8L * dims + 4 + 8, SeekOrigin.Current); // dims, type, offset
            }
            return false;
        }
        catch (EndOfStreamException)
        {
            throw Bad(origin, "the tensor table ends early (truncated file?)");
        }
    }

    private static object ReadValue(BinaryReader r, uint type, string origin) => type switch
    {
        0 => r.ReadByte(),
        1 => r.ReadSByte(),
        2 => r.ReadUInt16(),
        3 => r.ReadInt16(),
        4 => r.ReadUInt32(),
        5 => r.ReadInt32(),
        6 => r.ReadSingle(),
        7 => r.ReadByte() != 0,
        8 => ReadString(r, origin),
        9 => SkipArray(r, origin),
        10 => r.ReadUInt64(),
        11 => r.ReadInt64(),
        12 => r.ReadDouble(),
        _ => throw Bad(origin, $"metadata value type {type} is unknown"),
    };

    // Arrays (token lists, merges) are skipped; their length is what a shape needs (vocabulary size).
    private static long SkipArray(BinaryReader r, string origin)
    {
        var itemType = r.ReadUInt32();
        var count = r.ReadUInt64();
        if (count > int.MaxValue) throw Bad(origin, $"an array claims {count} items");
        for (ulong i = 0; i < count; i++)
        {
            var size = itemType switch { 0 or 1 or 7 => 1, 2 or 3 => 2, 4 or 5 or 6 => 4, 10 or 11 or 12 => 8, _ => -1 };
            if (size > 0) { r.BaseStream.Seek(size * (long)(count - i), SeekOrigin.Current); break; }
            if (itemType == 8) { var len = r.ReadUInt64(); if (len > MaxStringBytes) throw Bad(origin, "a string is too long"); r.BaseStream.Seek((long)len, SeekOrigin.Current); }
            else throw Bad(origin, $"nested array of type {itemType} is not supported");
        }
        return (long)count;
    }

    private static string ReadString(BinaryReader r, string origin)
    {
        var len = r.ReadUInt64();
        if (len > MaxStringBytes) throw Bad(origin, $"a string claims {len} bytes");
        var bytes = r.ReadBytes((int)len);
        if (bytes.Length != (int)len) throw new EndOfStreamException();
        return Encoding.UTF8.GetString(bytes);
    }

    // llama.cpp ties the output matrix to the token embedding when a file has no output.weight tensor.
    private static ResolvedModel ToModel(IReadOnlyDictionary<string, object> meta, string origin, bool? hasOutput)
    {
        var arch = meta.TryGetValue("general.architecture", out var a) ? a as string : null;
        if (arch is null) throw Bad(origin, "it has no general.architecture");
        long Num(string key, long? fallback = null)
        {
            if (meta.TryGetValue($"{arch}.{key}", out var v)) return Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture);
            return fallback ?? throw Bad(origin, $"it has no '{arch}.{key}'");
        }
        double Real(string key, double fallback) =>
            meta.TryGetValue($"{arch}.{key}", out var v) ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;

        var heads = (int)Num("attention.head_count");
        var vocab = meta.TryGetValue("tokenizer.ggml.tokens", out var t) ? (long)t : Num("vocab_size");
        var name = meta.TryGetValue("general.name", out var n) && n is string s && s.Length > 0 ? s : Path.GetFileNameWithoutExtension(origin);
        var shape = new ModelShape
        {
            Name = name,
            Layers = (int)Num("block_count"),
            HiddenSize = (int)Num("embedding_length"),
            Heads = heads,
            KvHeads = (int)Num("attention.head_count_kv", heads),
            FeedForwardSize = (int)Num("feed_forward_length"),
            VocabSize = (int)vocab,
            ContextLength = (int)Num("context_length", 4096),
            RopeTheta = Real("rope.freq_base", 10_000),
            RmsNormEpsilon = Real("attention.layer_norm_rms_epsilon", 1e-5),
            TiedEmbeddings = hasOutput == false,
            QkvBias = arch == "qwen2",
            Source = origin,
        };
        var problems = shape.Validate();
        if (problems.Count > 0) throw Bad(origin, string.Join("; ", problems));
        WeightFormat? format = meta.TryGetValue("general.file_type", out var ft)
            ? WeightFormats.FromGgufFileType(Convert.ToUInt32(ft, System.Globalization.CultureInfo.InvariantCulture))
            : null;
        return new ResolvedModel(shape, format, origin);
    }

    private static InvalidDataException Bad(string origin, string why) =>
        new($"GGUF file '{origin}' cannot be read: {why}.");
}
