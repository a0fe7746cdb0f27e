using System.Text;
using System.Text.Json;

namespace TokenClock.Cli.Infrastructure;

/// <summary>Writes a command's one --json document to stdout (<see cref="Console.Out"/>, so hosts and tests that
/// redirect it see the document), indented and newline-terminated.</summary>
internal static class JsonOutput
{
    public static async Task WriteAsync(Action<Utf8JsonWriter> write, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            write(w);
        await Console.Out.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray()).AsMemory(), cancellationToken);
        await Console.Out.FlushAsync(cancellationToken);
    }
}
