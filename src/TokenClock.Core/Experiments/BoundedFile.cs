using System.Text;

namespace TokenClock.Core.Experiments;

/// <summary>
/// Reads a small text file (a spec, a profile) without trusting its reported length: /dev/zero, a FIFO or a
/// file that keeps growing report 0 or too little, so the read itself stops one byte past the limit.
/// </summary>
internal static class BoundedFile
{
    /// <summary>The file's text, or null when it has more than <paramref name="maxBytes"/> bytes.</summary>
    public static string? ReadText(string path, int maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        if (stream.CanSeek && stream.Length > maxBytes) return null;
        var buffer = new byte[Math.Min(maxBytes + 1, 1 << 16)];
        using var all = new MemoryStream();
        int n;
        while ((n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, maxBytes + 1L - all.Length))) > 0)
        {
            all.Write(buffer, 0, n);
            if (all.Length > maxBytes) return null;
        }
        return new UTF8Encoding(false).GetString(all.GetBuffer(), 0, (int)all.Length).TrimStart('\uFEFF');
    }
}
