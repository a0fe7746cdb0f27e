using LLama;
using LLama.Native;

namespace TokenClock.Local.Native;

/// <summary>
/// Loads llama.cpp once, with a log callback installed first: the engine's own error lines are the only
/// place a load failure is explained, so they are kept (last lines only) and attached to our errors.
/// Native chatter is not printed.
/// </summary>
internal static class LlamaNative
{
    private const int KeptLines = 64;
    private static readonly Lock Gate = new();
    private static readonly Queue<(long Seq, LLamaLogLevel Level, string Text)> Lines = new();
    private static long _sequence;
    private static bool _loaded;
    private static LLamaLogLevel _lastLevel = LLamaLogLevel.Info;

    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_loaded) return;
            NativeLibraryConfig.All.WithLogCallback(OnLog);
            // The quantizer fails with DllNotFoundException when it is the first native call; this loads the library.
            NativeApi.llama_empty_call();
            _loaded = true;
        }
    }

    /// <summary>A marker to pass to <see cref="ErrorsSince"/>.</summary>
    public static long Mark()
    {
        lock (Gate) return _sequence;
    }

    /// <summary>Warning and error lines logged after <paramref name="mark"/>, joined; null when none.</summary>
    public static string? ErrorsSince(long mark)
    {
        lock (Gate)
        {
            var lines = Lines.Where(l => l.Seq > mark && l.Level is LLamaLogLevel.Error or LLamaLogLevel.Warning)
                .Select(l => l.Text.Trim()).Where(t => t.Length > 0).ToArray();
            return lines.Length == 0 ? null : string.Join(" | ", lines.TakeLast(4));
        }
    }

    private static void OnLog(LLamaLogLevel level, string message)
    {
        lock (Gate)
        {
            // "Continue" lines belong to the previous message's level.
            if (level == LLamaLogLevel.Continue) level = _lastLevel;
            _lastLevel = level;
            ++_sequence;
            // Only what ErrorsSince reports is kept: another model loading at the same time logs hundreds of info
            // lines, which would otherwise push a failing load's error out of the last KeptLines.
            if (level is not (LLamaLogLevel.Error or LLamaLogLevel.Warning)) return;
            Lines.Enqueue((_sequence, level, message));
            while (Lines.Count > KeptLines) Lines.Dequeue();
        }
    }

    /// <summary>Runs llama.cpp's quantizer; returns the native error text on failure.</summary>
    public static string? Quantize(string source, string destination, LLamaFtype type, int threads)
    {
        EnsureLoaded();
        var mark = Mark();
        var ok = LLamaQuantizer.Quantize(source, destination, type, threads, allowRequantize: true, quantizeOutputTensor: true);
        return ok ? null : ErrorsSince(mark) ?? "the quantizer returned an error without a log line";
    }
}
