using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using CsCheck;
using TokenClock.Server.Hosting;
using TokenClock.Server.Protocol;
using TokenClock.Server.Simulation;
using TokenClock.Tests.Properties;

namespace TokenClock.Server.Tests.Protocol;

/// <summary>The server's request reader: fuzz findings as regressions, seeded properties, a write→read round trip.</summary>
public sealed class ChatRequestReaderTests
{
    private const int Limit = 4096;

    // Found by AFL++ (fuzz target 'request'): a 0x9A byte inside a content string.
    private static readonly byte[] InvalidUtf8Content =
        [.. "{\"messages\":[{\"role\":\"developer\",\"content\":\""u8, 0x9A, .. "\"},{\"role\":\"user\",\"content\":null}],\"max_completion_tokens\":4096}"u8];

    private static readonly byte[][] ValidBodies =
    [
        """{"model":"sim","messages":[{"role":"system","content":"be brief"},{"role":"user","content":[{"type":"text","text":"Summarize: a"},"b"]}],"max_tokens":16,"min_tokens":2,"ignore_eos":true,"temperature":0.5,"seed":7,"stream":true,"stream_options":{"include_usage":true}}"""u8.ToArray(),
        """{"model":"claude","system":[{"type":"text","text":"sys"}],"messages":[{"role":"user","content":"hello"}],"max_tokens":64,"temperature":1,"stream":true}"""u8.ToArray(),
    ];

    [Fact]
    public void Invalid_utf8_in_a_content_string_is_a_request_error_naming_the_field()
    {
        var ex = Assert.Throws<RequestException>(() => ChatRequestReader.ParseOpenAI(InvalidUtf8Content, Limit));
        Assert.Equal("messages[].content", ex.Param);
        Assert.Contains("UTF-8", ex.Message, StringComparison.Ordinal);

        byte[] anthropic = [.. "{\"system\":\""u8, 0xC3, .. "\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":4}"u8];
        Assert.Equal("system", Assert.Throws<RequestException>(() => ChatRequestReader.ParseAnthropic(anthropic, Limit)).Param);
    }

    [Fact]
    public async Task The_server_answers_invalid_utf8_with_400_not_500()
    {
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile());
        using var client = new HttpClient();
        using var content = new ByteArrayContent(InvalidUtf8Content);
        content.Headers.ContentType = new("application/json");

        using var response = await client.PostAsync(new Uri(server.BaseAddress, "v1/chat/completions"), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("messages[].content", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Mutated_bodies_are_parsed_within_limits_or_refused_with_a_request_error()
    {
        Seeded.ForAll(Gen.Select(Gen.Bool, Seeded.Mutations(ValidBodies)), 5_000, seed: 10, sample =>
        {
            var (anthropic, body) = sample;
            try
            {
                var r = (anthropic ? ChatRequestReader.ParseAnthropic(body, Limit) : ChatRequestReader.ParseOpenAI(body, Limit)).Request;
                Assert.InRange(r.MaxTokens, 1, Limit);
                if (r.MinTokens is { } min) Assert.InRange(min, 0, r.MaxTokens);
                if (r.Temperature is { } t) Assert.InRange(t, 0, 2);
                Assert.NotNull(r.Prompt);
            }
            catch (RequestException ex)
            {
                Assert.False(string.IsNullOrWhiteSpace(ex.Message));
            }
        }, s => Convert.ToHexString(s.Item2));
    }

    [Fact]
    public void What_a_client_writes_the_reader_reads_back()
    {
        var gen = Gen.Select(Gen.String, Gen.String[1, 40].Array[1, 4], Gen.Int[1, Limit], Gen.Int[0, 200], Gen.Bool);
        Seeded.ForAll(gen, 2_000, seed: 11, sample =>
        {
            var (system, prompts, max, tempHundredths, anthropic) = sample;
            var temperature = tempHundredths / 100.0;
            var body = Write(system, prompts, max, temperature, anthropic);

            var r = (anthropic ? ChatRequestReader.ParseAnthropic(body, Limit) : ChatRequestReader.ParseOpenAI(body, Limit)).Request;

            Assert.Equal(Lossless(string.Join('\n', prompts)), r.Prompt);
            Assert.Equal(Lossless(system), r.SystemPrompt ?? (anthropic ? null : ""));
            Assert.Equal(max, r.MaxTokens);
            Assert.Equal(temperature, r.Temperature);
        }, s => JsonSerializer.Serialize(s.ToString()));
    }

    /// <summary>JSON carries UTF-16 text through UTF-8: lone surrogates become U+FFFD on the way.</summary>
    private static string Lossless(string s) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s));

    private static byte[] Write(string system, string[] prompts, int max, double temperature, bool anthropic)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("model", "m");
            if (anthropic) w.WriteString("system", Lossless(system));
            w.WriteStartArray("messages");
            if (!anthropic)
            {
                w.WriteStartObject();
                w.WriteString("role", "system");
                w.WriteString("content", Lossless(system));
                w.WriteEndObject();
            }
            foreach (var p in prompts)
            {
                w.WriteStartObject();
                w.WriteString("role", "user");
                w.WriteString("content", Lossless(p));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("max_tokens", max);
            w.WriteNumber("temperature", temperature);
            w.WriteEndObject();
        }
        return ms.ToArray();
    }
}
