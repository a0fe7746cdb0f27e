using System.Text;
using TokenClock.Cli.Infrastructure.Composition;

namespace TokenClock.Cli.Tests.Infrastructure;

/// <summary>The stream export writes through to the injected stdout: UTF-8 bytes become the same text however the
/// writes split them.</summary>
public sealed class TextWriterStreamTests
{
    private const string Text = "run_id,note\n1,naïve – 東京 🚀\n";

    [Fact]
    public async Task A_character_split_across_writes_one_byte_at_a_time_arrives_whole()
    {
        var bytes = Encoding.UTF8.GetBytes(Text);
        var writer = new StringWriter();

        await using (var stream = new TextWriterStream(writer))
            foreach (var b in bytes) await stream.WriteAsync(new[] { b });

        Assert.Equal(Text, writer.ToString());
    }

    [Fact]
    public void Synchronous_writes_in_uneven_pieces_give_the_same_text()
    {
        var bytes = Encoding.UTF8.GetBytes(Text);
        var writer = new StringWriter();

        using (var stream = new TextWriterStream(writer))
            for (var i = 0; i < bytes.Length; i += 3) stream.Write(bytes, i, Math.Min(3, bytes.Length - i));

        Assert.Equal(Text, writer.ToString());
    }

    [Fact]
    public void A_stream_cut_inside_a_character_ends_with_a_replacement_character_not_silence()
    {
        var bytes = Encoding.UTF8.GetBytes("ok 東");
        var writer = new StringWriter();

        using (var stream = new TextWriterStream(writer)) stream.Write(bytes, 0, bytes.Length - 1);

        Assert.Equal("ok \uFFFD", writer.ToString());
    }
}
