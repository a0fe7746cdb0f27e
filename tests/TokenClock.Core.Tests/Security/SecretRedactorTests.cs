using System.Text.Json;
using TokenClock.Core.Security;

namespace TokenClock.Core.Tests.Security;

public sealed class SecretRedactorTests
{
    [Fact]
    public void A_registered_key_is_masked_alone_and_inside_a_bearer_header()
    {
        var key = "sk-" + Guid.NewGuid().ToString("N");
        SecretRedactor.Register("Bearer " + key);
        // The whole header value is masked (longest match first), and the bare key wherever it appears.
        Assert.Equal("401: you sent Authorization: ***", SecretRedactor.Redact($"401: you sent Authorization: Bearer {key}"));
        Assert.Equal("401: you sent Authorization: bearer ***", SecretRedactor.Redact($"401: you sent Authorization: bearer {key}"));
        Assert.Equal("x-api-key: ***", SecretRedactor.Redact($"x-api-key: {key}"));
        Assert.True(SecretRedactor.ContainsKnownSecret(key));
    }

    [Theory]
    [InlineData("http://h/v1?api_key=abc123&x=1", "http://h/v1?api_key=***&x=1")]
    [InlineData("http://h/v1?x=1&api-key=abc123", "http://h/v1?x=1&api-key=***")]
    [InlineData("http://h/v1?token=abc123#f", "http://h/v1?token=***#f")]
    [InlineData("https://blob/x?sv=2024&sig=Zm9v%2Bbar", "https://blob/x?sv=2024&sig=***")]
    [InlineData("http://h/v1?model=llama&api-version=2024-10-21", "http://h/v1?model=llama&api-version=2024-10-21")]
    public void Secret_looking_query_values_are_masked_and_others_kept(string url, string expected) =>
        Assert.Equal(expected, SecretRedactor.Redact(url));

    [Fact]
    public void Query_secrets_of_a_url_are_registered_so_they_are_masked_wherever_they_appear_later()
    {
        var value = "qk" + Guid.NewGuid().ToString("N");
        SecretRedactor.RegisterQuerySecrets(new Uri($"http://127.0.0.1:1/v1?key={value}&a=b"));
        Assert.Equal("server said: bad key ***", SecretRedactor.Redact($"server said: bad key {value}"));
    }

    [Fact]
    public void Json_string_values_are_redacted_after_unescaping_and_the_result_stays_json()
    {
        var key = "k+/" + Guid.NewGuid().ToString("N");
        SecretRedactor.Register(key);
        var json = JsonSerializer.Serialize(new { a = key, nested = new[] { new { url = "http://h/?api_key=zzz999&b=2" } } });
        Assert.DoesNotContain(key, json, StringComparison.Ordinal); // the writer escaped '+': plain Replace would miss it
        var redacted = SecretRedactor.RedactJson(json);
        using var doc = JsonDocument.Parse(redacted);
        Assert.Equal(SecretRedactor.Mask, doc.RootElement.GetProperty("a").GetString());
        Assert.Equal("http://h/?api_key=***&b=2", doc.RootElement.GetProperty("nested")[0].GetProperty("url").GetString());
    }

    [Fact]
    public void Very_short_values_are_not_registered_so_text_is_not_garbled()
    {
        SecretRedactor.Register("ab");
        Assert.Equal("abc", SecretRedactor.Redact("abc"));
    }
}
