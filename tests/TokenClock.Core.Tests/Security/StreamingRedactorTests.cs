using System.Text;
using TokenClock.Core.Security;

namespace TokenClock.Core.Tests.Security;

public sealed class StreamingRedactorTests
{
    [Fact]
    public void A_secret_split_across_chunks_is_masked_and_plain_text_is_not_held_back()
    {
        var key = "sk-" + Guid.NewGuid().ToString("N");
        SecretRedactor.Register(key);
        var r = new StreamingRedactor();

        Assert.Equal("The summary. ", r.Push("The summary. "));     // nothing that could start a secret: shown at once
        Assert.Equal("Your key is ", r.Push("Your key is " + key[..6])); // the tail that may be the key waits...
        Assert.Equal("*** and more", r.Push(key[6..] + " and more"));  // ...and is masked once it is
        Assert.Equal("", r.Flush());
    }

    [Fact]
    public void Any_chunking_shows_exactly_the_whole_text_redacted()
    {
        var key = "sk-" + Guid.NewGuid().ToString("N");
        SecretRedactor.Register(key);
        string[] pieces = ["the ", "sk-", "s", "k", key, key[..5], key[3..], " ", "summary.", "\n"];
        var random = new Random(20261202);
        for (var i = 0; i < 2_000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => pieces[random.Next(pieces.Length)]));
            var r = new StreamingRedactor();
            var shown = new StringBuilder();
            for (var at = 0; at < text.Length;)
            {
                var n = Math.Min(text.Length - at, random.Next(1, 9));
                shown.Append(r.Push(text.Substring(at, n)));
                at += n;
            }
            shown.Append(r.Flush());

            Assert.Equal(SecretRedactor.Redact(text), shown.ToString());
            Assert.DoesNotContain(key, shown.ToString(), StringComparison.Ordinal);
        }
    }
}
