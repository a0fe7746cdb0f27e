using System.Globalization;
using System.Text;

namespace TokenClock.Workloads.Inputs;

/// <summary>
/// Reads a document to summarize with a size limit, so that /dev/zero, a disk image or a pipe that never ends
/// is refused after at most <see cref="MaxBytes"/> read, never buffered until memory runs out. Pipes and
/// devices are read (a script may pass /dev/stdin) but only up to the limit; binary data is refused.
/// </summary>
public static class TextInput
{
    /// <summary>Largest document accepted: 16 MiB, about 4 million tokens, far beyond any context window.</summary>
    public const int MaxBytes = 16 << 20;

    /// <summary>Reads UTF-8 text; throws <see cref="TextInputException"/> with a message that names the problem and a fix.</summary>
    public static string Read(string path, int maxBytes = MaxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
            throw new TextInputException("is a directory; give one UTF-8 .txt or .md file (for a folder of documents use the corpus options)");
        if (!File.Exists(path))
            throw new TextInputException("does not exist; give the path of a UTF-8 .txt or .md file");

        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            if (stream.CanSeek && stream.Length > maxBytes) throw TooLarge(stream.Length, maxBytes);
            bytes = ReadBounded(stream, maxBytes, cancellationToken);
        }
        catch (UnauthorizedAccessException)
        {
            throw new TextInputException("cannot be read: permission denied; check its permissions (ls -l) or copy it somewhere readable");
        }
        catch (IOException ex) when (ex is not FileNotFoundException)
        {
            throw new TextInputException($"cannot be read: {ex.Message}");
        }

        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
            throw new TextInputException(string.Create(CultureInfo.InvariantCulture,
                $"is not a text file: it has a NUL byte at offset {nul}; give a UTF-8 .txt or .md file (convert PDFs or Word files to text first)"));
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new TextInputException("is not valid UTF-8 text; convert it to UTF-8 (e.g. iconv -t UTF-8)");
        }
    }

    private static byte[] ReadBounded(Stream stream, int maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1L - buffer.Length));
            if (n == 0) return buffer.ToArray();
            buffer.Write(chunk, 0, n);
            // Devices and pipes report no length: stop as soon as they pass the limit.
            if (buffer.Length > maxBytes) throw TooLarge(null, maxBytes);
        }
    }

    private static TextInputException TooLarge(long? length, int maxBytes) => new(string.Create(CultureInfo.InvariantCulture,
        $"is {(length is { } l ? $"{l} bytes" : "longer than the limit (it is not a regular file, or still growing)")}; the limit is {maxBytes} bytes ({maxBytes >> 20} MiB). Summarize a smaller file, or split it"));
}
