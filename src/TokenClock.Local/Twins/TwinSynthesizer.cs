using System.Globalization;
using System.Runtime.InteropServices;
using LLama.Native;
using TokenClock.Local.Gguf;
using TokenClock.Prediction.Gguf;
using TokenClock.Local.Native;
using TokenClock.Core.Settings;

namespace TokenClock.Local.Twins;

/// <summary>
/// Writes a latency twin: a llama-architecture GGUF with a published model's shapes and seeded random
/// weights. Matrices are streamed in 4 MiB pieces (a 7B-shaped layer is hundreds of MB); quantized formats
/// are written as F16 first and converted by llama.cpp's own quantizer. The file appears atomically.
/// </summary>
public static class TwinSynthesizer
{
    // Uniform weights with standard deviation 0.02 keep activations finite through the blocks; latency
    // does not depend on the values.
    private const float WeightStd = 0.02f;
    private const int ChunkElements = 1 << 20;

    /// <summary>Writes the twin <paramref name="spec"/> describes to <paramref name="outputPath"/> and returns what the
    /// written file holds; throws <see cref="ArgumentException"/> for a shape that cannot be built.</summary>
    public static ModelFileInfo Synthesize(TwinSpec spec, string outputPath, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = spec.Shape.Validate();
        if (problems.Count > 0) throw new ArgumentException($"shape '{spec.Shape.Name}' is not buildable: {string.Join("; ", problems)}", nameof(spec));
        var full = Path.GetFullPath(outputPath);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var partial = full + PartialFiles.Suffix;
        var f16 = full + ".f16" + PartialFiles.Suffix;
        foreach (var stale in new[] { partial, f16 })
            if (PartialFiles.RemoveIfStale(stale)) progress?.Report($"removed {Path.GetFileName(stale)}, left by an interrupted earlier write");
        CheckFreeSpace(spec, directory);
        try
        {
            if (spec.Format is TwinFormat.F32 or TwinFormat.F16)
            {
                WriteFloatModel(spec, partial, progress, cancellationToken);
            }
            else
            {
                try
                {
                    WriteFloatModel(spec with { Format = TwinFormat.F16 }, f16, progress, cancellationToken);
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report($"quantizing to {TwinFormats.Name(spec.Format)} with llama.cpp");
                    string? error;
                    // llama.cpp takes no lock; hold ours on both files so a concurrent cleanup sees them as live.
                    using (HoldLock(f16, FileMode.Open))
                    using (HoldLock(partial, FileMode.Create))
                        error = LlamaNative.Quantize(f16, partial, ToFtype(spec.Format), Math.Max(1, Environment.ProcessorCount));
                    if (error is not null)
                        throw new SettingStateException("twin_type", n => $"llama.cpp could not quantize to {TwinFormats.Name(spec.Format)}: {error}. Try {n("twin_type")} q8_0 or q4_0.");
                }
                finally
                {
                    File.Delete(f16);
                }
            }
            File.Move(partial, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
        return ModelFileInfo.Read(full);
    }

    /// <summary>
    /// Disk space the write needs at its peak (for quantized formats the F16 intermediate and the result exist
    /// together), an upper bound: every matrix of a quantized result is counted at Q8_0's 8.5 bits per weight.
    /// </summary>
    public static long RequiredBytes(TwinSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        const long MetadataAllowance = 64L << 20; // vocabulary, merges, header, alignment
        long Data(GgmlType matrix) => LlamaGguf.TensorLayout(spec.Shape, spec.Shape.VocabSize)
            .Sum(t => GgmlTypeInfo.ByteSize(t.IsNorm ? GgmlType.F32 : matrix, t.Dims) ?? t.Dims.Aggregate(4L, (a, d) => a * d));
        return spec.Format switch
        {
            TwinFormat.F32 => Data(GgmlType.F32) + MetadataAllowance,
            TwinFormat.F16 => Data(GgmlType.F16) + MetadataAllowance,
            _ => Data(GgmlType.F16) + Data(GgmlType.Q8_0) + 2 * MetadataAllowance,
        };
    }

    private static void CheckFreeSpace(TwinSpec spec, string directory)
    {
        long free;
        try { free = new DriveInfo(directory).AvailableFreeSpace; }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException) { return; }
        var needed = RequiredBytes(spec);
        if (needed > free)
            throw new IOException(string.Create(CultureInfo.InvariantCulture,
                $"writing the {spec.Shape.Name} twin as {TwinFormats.Name(spec.Format)} needs about {Gib(needed)} GiB in {directory}, but only {Gib(free)} GiB are free. " +
                $"Free some space, write elsewhere (another output path, or TOKENCLOCK_HOME for the cache), or make it smaller: fewer layers (shape@NL) or a smaller type (q4_0)."));
    }

    // Unix locks are advisory (llama.cpp still reads and writes the files); Windows sharing would block it.
    private static FileStream? HoldLock(string path, FileMode mode) =>
        OperatingSystem.IsWindows() ? null : new FileStream(path, mode, FileAccess.ReadWrite, FileShare.None);

    private static string Gib(long bytes) => (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture);

    private static LLamaFtype ToFtype(TwinFormat format) => format switch
    {
        TwinFormat.Q8_0 => LLamaFtype.MOSTLY_Q8_0,
        TwinFormat.Q4_0 => LLamaFtype.MOSTLY_Q4_0,
        TwinFormat.Q4_K_M => LLamaFtype.MOSTLY_Q4_K_M,
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static void WriteFloatModel(TwinSpec spec, string path, IProgress<string>? progress, CancellationToken ct)
    {
        var shape = spec.Shape;
        var vocab = TwinVocabulary.Create(spec.Vocabulary, shape.VocabSize);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var w = new GgufWriter(stream);
        w.AddMetadata(LlamaGguf.Keys.Architecture, GgufValue.Of(LlamaGguf.Architecture));
        w.AddMetadata(LlamaGguf.Keys.Name, GgufValue.Of($"tokenclock twin {shape.Name}"));
        w.AddMetadata(LlamaGguf.Keys.FileType, GgufValue.Of(TwinFormats.FileType(spec.Format)));
        w.AddMetadata(LlamaGguf.Keys.ContextLength, GgufValue.Of((uint)shape.ContextLength));
        w.AddMetadata(LlamaGguf.Keys.EmbeddingLength, GgufValue.Of((uint)shape.HiddenSize));
        w.AddMetadata(LlamaGguf.Keys.BlockCount, GgufValue.Of((uint)shape.Layers));
        w.AddMetadata(LlamaGguf.Keys.FeedForwardLength, GgufValue.Of((uint)shape.FeedForwardSize));
        w.AddMetadata(LlamaGguf.Keys.HeadCount, GgufValue.Of((uint)shape.Heads));
        w.AddMetadata(LlamaGguf.Keys.HeadCountKv, GgufValue.Of((uint)shape.KvHeads));
        w.AddMetadata(LlamaGguf.Keys.RopeDimensionCount, GgufValue.Of((uint)shape.HeadDim));
        w.AddMetadata(LlamaGguf.Keys.RopeFreqBase, GgufValue.Of((float)shape.RopeTheta));
        w.AddMetadata(LlamaGguf.Keys.RmsEpsilon, GgufValue.Of((float)shape.RmsNormEpsilon));
        w.AddMetadata(LlamaGguf.Keys.VocabSize, GgufValue.Of((uint)shape.VocabSize));
        w.AddMetadata(LlamaGguf.Keys.TokenizerModel, GgufValue.Of("gpt2"));
        w.AddMetadata(LlamaGguf.Keys.TokenizerPre, GgufValue.Of("gpt-2"));
        w.AddMetadata(LlamaGguf.Keys.Tokens, GgufValue.Strings(vocab.Tokens));
        w.AddMetadata(LlamaGguf.Keys.TokenTypes, GgufValue.Int32s(vocab.TokenTypes));
        w.AddMetadata(LlamaGguf.Keys.Merges, GgufValue.Strings(vocab.Merges));
        w.AddMetadata(LlamaGguf.Keys.BosId, GgufValue.Of((uint)vocab.BosId));
        w.AddMetadata(LlamaGguf.Keys.EosId, GgufValue.Of((uint)vocab.EosId));
        w.AddMetadata(LlamaGguf.Keys.AddBos, GgufValue.Of(true));
        w.AddMetadata(LlamaGguf.Keys.TwinShape, GgufValue.Of(shape.Name));
        w.AddMetadata(LlamaGguf.Keys.TwinSeed, GgufValue.Of(spec.Seed));

        var matrixType = TwinFormats.MatrixType(spec.Format);
        var layout = LlamaGguf.TensorLayout(shape, shape.VocabSize);
        foreach (var (name, dims, isNorm) in layout)
            w.AddTensor(name, isNorm ? GgmlType.F32 : matrixType, dims);
        w.WriteHeader();

        var rng = new XorShiftRandom(spec.Seed);
        var floats = new float[ChunkElements];
        var bytes = new byte[ChunkElements * 4];
        var done = 0;
        foreach (var (name, dims, isNorm) in layout)
        {
            ct.ThrowIfCancellationRequested();
            var remaining = dims.Aggregate(1L, (a, d) => a * d);
            while (remaining > 0)
            {
                // One embedding matrix of a large shape is gigabytes: stop within a chunk of Ctrl+C.
                ct.ThrowIfCancellationRequested();
                var n = (int)Math.Min(remaining, ChunkElements);
                var span = floats.AsSpan(0, n);
                if (isNorm) span.Fill(1f);
                else rng.FillUniform(span, WeightStd);
                if (isNorm || matrixType == GgmlType.F32)
                {
                    var src = MemoryMarshal.AsBytes(span);
                    w.WriteTensorData(src);
                }
                else
                {
                    var halves = MemoryMarshal.Cast<byte, Half>(bytes.AsSpan(0, n * 2));
                    for (var i = 0; i < n; i++) halves[i] = (Half)span[i];
                    w.WriteTensorData(bytes.AsSpan(0, n * 2));
                }
                remaining -= n;
            }
            if (++done % 9 == 0) progress?.Report(string.Create(CultureInfo.InvariantCulture, $"wrote {done}/{layout.Count} tensors"));
        }
        w.Finish();
    }
}
