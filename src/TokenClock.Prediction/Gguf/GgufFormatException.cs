namespace TokenClock.Prediction.Gguf;

/// <summary>
/// A GGUF file that cannot be used: the message names the file, the problem and where it was found.
/// <see cref="NativeLog"/> holds llama.cpp's own error line when the engine rejected the file.
/// </summary>
public sealed class GgufFormatException : Exception
{
    public GgufFormatException(string path, string problem, string? nativeLog = null, Exception? inner = null)
        : base(Compose(path, problem, nativeLog), inner)
    {
        Path = path;
        Problem = problem;
        NativeLog = nativeLog;
    }

    public string Path { get; }
    public string Problem { get; }
    public string? NativeLog { get; }

    private static string Compose(string path, string problem, string? nativeLog) =>
        $"'{path}' is not a usable GGUF model: {problem}." +
        (string.IsNullOrWhiteSpace(nativeLog) ? "" : $" llama.cpp said: {nativeLog.Trim()}") +
        " Re-create it with 'tokenclock model synth' or re-download it.";
}
