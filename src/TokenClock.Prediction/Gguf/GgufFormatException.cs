namespace TokenClock.Prediction.Gguf;

/// <summary>
/// A GGUF file that cannot be used: the message names the file, the problem and where it was found.
/// <see cref="NativeLog"/> holds llama.cpp's own error line when the engine rejected the file.
/// </summary>
public sealed class GgufFormatException : Exception
{
    /// <summary>The file at <paramref name="path"/> cannot be used because of <paramref name="problem"/>.</summary>
    public GgufFormatException(string path, string problem, string? nativeLog = null, Exception? inner = null)
        : base(Compose(path, problem, nativeLog), inner)
    {
        Path = path;
        Problem = problem;
        NativeLog = nativeLog;
    }

    /// <summary>The file.</summary>
    public string Path { get; }
    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }
    /// <summary>llama.cpp's error line, or null when our reader refused the file.</summary>
    public string? NativeLog { get; }

    private static string Compose(string path, string problem, string? nativeLog) =>
        $"'{path}' is not a usable GGUF model: {problem}." +
        (string.IsNullOrWhiteSpace(nativeLog) ? "" : $" llama.cpp said: {nativeLog.Trim()}") +
        " Re-create it with 'tokenclock model synth' or re-download it.";
}
