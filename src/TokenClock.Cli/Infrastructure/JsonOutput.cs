using System.Text;
using System.Text.Json;

namespace TokenClock.Cli.Infrastructure;

/// <summary>Writes a command's one --json document to stdout, indented and newline-terminated.</summary>
internal static class JsonOutput
{
    /// <summary>To <paramref name="stdout"/> (a command's injected stdout).</summary>
    public static async Task WriteAsync(TextWriter stdout, Action<Utf8JsonWriter> write, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            write(w);
        await stdout.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray()).AsMemory(), cancellationToken);
        await stdout.FlushAsync(cancellationToken);
    }
}
