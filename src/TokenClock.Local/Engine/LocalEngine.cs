using System.Diagnostics;
using System.Text;
using LLama.Common;
using LLama.Exceptions;
using LLama.Extensions;
using LLama.Native;
using TokenClock.Core.Backends;
using TokenClock.Local.Gguf;
using TokenClock.Prediction.Gguf;
using TokenClock.Local.Native;
using TokenClock.Local.Twins;
using LLamaWeights = LLama.LLamaWeights;

namespace TokenClock.Local.Engine;

/// <summary>
/// One loaded model and one context, used by one request at a time (the caller serializes).
/// Generation is synchronous native work; it reports each token as it is sampled and checks the
/// cancellation token between tokens.
/// </summary>
public sealed class LocalEngine : IDisposable
{
    private readonly LLamaWeights _weights;
    private readonly SafeLLamaContextHandle _context;
    private readonly LLamaBatch _batch = new();
    private readonly int[] _blocked;
    private readonly int[] _eog;

    private LocalEngine(LLamaWeights weights, SafeLLamaContextHandle context, ModelFileInfo info, double loadMs)
    {
        _weights = weights;
        _context = context;
        Info = info;
        LoadMs = loadMs;
        var vocab = weights.NativeHandle.Vocab;
        _eog = new[] { vocab.EOS, vocab.EOT }.Where(t => t is not null).Select(t => (int)t!.Value).Distinct().ToArray();
        // BOS is never a sensible output; masking it keeps twins from emitting empty control text.
        _blocked = vocab.BOS is { } bos && !_eog.Contains((int)bos) ? [(int)bos] : [];
    }

    /// <summary>What the loaded file holds, read from its header.</summary>
    public ModelFileInfo Info { get; }
    /// <summary>Time llama.cpp took to load the weights and create the context, in ms.</summary>
    public double LoadMs { get; }
    /// <summary>Context size in tokens: prompt plus output of one request must fit.</summary>
    public int ContextSize => (int)_context.ContextSize;

    /// <summary>Validates the file with our reader, then loads it with llama.cpp (errors carry its log line).</summary>
    public static LocalEngine Load(string path, LocalModelSettings settings)
    {
        var info = ModelFileInfo.Read(path);
        LlamaNative.EnsureLoaded();
        var started = Stopwatch.GetTimestamp();
        var context = (uint)(settings.Context ?? Math.Min(info.Shape.ContextLength, 4096));
        var p = new ModelParams(path)
        {
            GpuLayerCount = 0,
            ContextSize = context,
            Threads = settings.Threads,
            BatchThreads = settings.Threads,
            BatchSize = context,
            UBatchSize = (uint)Math.Min(settings.Batch, (int)context),
            LoadMode = settings.Mmap ? LLamaLoadMode.MemoryMap : LLamaLoadMode.None,
        };
        var mark = LlamaNative.Mark();
        LLamaWeights weights;
        try
        {
            weights = LLamaWeights.LoadFromFile(p);
        }
        catch (LoadWeightsFailedException ex)
        {
            throw new GgufFormatException(path, "llama.cpp could not load the weights", LlamaNative.ErrorsSince(mark), ex);
        }
        try
        {
            p.ToLlamaContextParams(out var cp);
            cp.no_perf = false; // keep llama.cpp's own prompt/decode timers on: they are reported beside ours
            var handle = SafeLLamaContextHandle.Create(weights.NativeHandle, cp);
            var loadMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return new LocalEngine(weights, handle, info, loadMs);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            weights.Dispose();
            throw new GgufFormatException(path, $"llama.cpp could not create a context of {context} tokens ({ex.Message})", LlamaNative.ErrorsSince(mark), ex);
        }
    }

    /// <summary>Counts tokens with the model's own vocabulary (no BOS).</summary>
    public int CountTokens(string text) =>
        string.IsNullOrEmpty(text) ? 0 : _weights.NativeHandle.Tokenize(text, false, false, Encoding.UTF8).Length;

    /// <summary>Generates the answer to <paramref name="request"/> on the calling thread, calling <paramref name="onToken"/>
    /// as each token is sampled; throws <see cref="BackendException"/> when it asks for no token or does not fit the context.</summary>
    public GenerationResult Generate(BackendRequest request, Action<GeneratedToken> onToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.MaxTokens < 1)
            throw new BackendException(ErrorClass.Other, $"MaxTokens is {request.MaxTokens}; ask for at least 1 token.");
        var prompt = request.SystemPrompt is null ? request.Prompt : request.SystemPrompt + "\n\n" + request.Prompt;
        var tokens = _weights.NativeHandle.Tokenize(prompt, true, false, Encoding.UTF8);
        if (tokens.Length == 0) tokens = [_weights.NativeHandle.Vocab.BOS ?? (LLamaToken)0];
        if (tokens.Length + request.MaxTokens > ContextSize)
            throw new BackendException(ErrorClass.Other,
                $"prompt ({tokens.Length} tokens) + max tokens ({request.MaxTokens}) exceed the context of {ContextSize} tokens; " +
                "raise the 'context' setting or shorten the request.");

        _context.MemoryClear(true);
        _context.ResetTimings();
        var prefillStart = Stopwatch.GetTimestamp();
        var position = 0;
        var batchSize = (int)_context.BatchSize;
        for (var start = 0; start < tokens.Length; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _batch.Clear();
            var end = Math.Min(tokens.Length, start + batchSize);
            for (var i = start; i < end; i++) _batch.Add(tokens[i], position++, (LLamaSeqId)0, i == tokens.Length - 1);
            Decode();
        }
        var ourPromptMs = Stopwatch.GetElapsedTime(prefillStart).TotalMilliseconds;

        var random = request.Temperature is > 0 ? new Random(request.Seed ?? Environment.TickCount) : null;
        var decoder = new UTF8Encoding(false, false).GetDecoder();
        var bytes = new byte[256];
        var chars = new char[512];
        var minTokens = Math.Min(request.MinTokens ?? 0, request.MaxTokens);
        var produced = 0;
        var pending = 0;
        var finish = "length";
        var decodeStart = Stopwatch.GetTimestamp();
        var decodeSteps = 0;
        while (produced < request.MaxTokens)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var logits = _context.GetLogitsIth(_batch.TokenCount - 1);
            var mayStop = !request.IgnoreEos && produced >= minTokens;
            var token = Sample(logits, mayStop, request.Temperature ?? 0, random);
            if (mayStop && _eog.Contains(token))
            {
                finish = "stop";
                break;
            }
            var stamp = Stopwatch.GetTimestamp();
            produced++;
            pending++;
            var n = _weights.NativeHandle.TokenToSpan((LLamaToken)token, bytes, 0, false);
            var count = decoder.GetChars(bytes, 0, (int)Math.Min(n, (uint)bytes.Length), chars, 0, flush: false);
            if (count > 0)
            {
                onToken(new GeneratedToken(stamp, new string(chars, 0, count), pending));
                pending = 0;
            }
            if (produced == request.MaxTokens) break;
            _batch.Clear();
            _batch.Add((LLamaToken)token, position++, (LLamaSeqId)0, true);
            Decode();
            decodeSteps++;
        }
        var tail = decoder.GetChars([], 0, 0, chars, 0, flush: true);
        if (pending > 0)
            onToken(new GeneratedToken(Stopwatch.GetTimestamp(), new string(chars, 0, tail), pending));
        var ourDecodeMs = Stopwatch.GetElapsedTime(decodeStart).TotalMilliseconds;

        var perf = _context.GetTimings();
        var enginePrompt = perf.PromptEval.TotalMilliseconds;
        var engineDecode = perf.Eval.TotalMilliseconds;
        return new GenerationResult(
            tokens.Length,
            produced,
            finish,
            enginePrompt > 0 ? enginePrompt : ourPromptMs,
            engineDecode > 0 || decodeSteps == 0 ? engineDecode : ourDecodeMs,
            decodeSteps);
    }

    private void Decode()
    {
        var result = _context.Decode(_batch);
        if (result != DecodeResult.Ok)
            throw new BackendException(ErrorClass.ProviderError, $"llama.cpp decode failed ({result}).");
    }

    private int Sample(Span<float> logits, bool mayStop, double temperature, Random? random)
    {
        foreach (var b in _blocked) logits[b] = float.NegativeInfinity;
        if (!mayStop)
            foreach (var e in _eog) logits[e] = float.NegativeInfinity;
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
            if (logits[i] > logits[best]) best = i;
        if (random is null) return best;

        // Seeded softmax sampling at the given temperature.
        var max = logits[best];
        double sum = 0;
        for (var i = 0; i < logits.Length; i++) sum += Math.Exp((logits[i] - max) / temperature);
        var target = random.NextDouble() * sum;
        for (var i = 0; i < logits.Length; i++)
        {
            target -= Math.Exp((logits[i] - max) / temperature);
            if (target <= 0) return i;
        }
        return best;
    }

    /// <summary>Frees the context and the weights.</summary>
    public void Dispose()
    {
        _context.Dispose();
        _weights.Dispose();
    }
}
