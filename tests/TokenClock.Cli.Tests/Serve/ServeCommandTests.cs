using System.Net.Http;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Testing;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Tests.Testing;

namespace TokenClock.Cli.Tests.Serve;

/// <summary><c>tokenclock serve</c> through Spectre's CommandAppTester (consoles and backends injected): bad flags exit 2
/// naming the token; a served simulator answers; cancelling exits 0; notes on stderr, --json one document on stdout.</summary>
public sealed class ServeCommandTests
{
    [Theory]
    [InlineData("serve --simulate --host 10.1.2.3", "--host '10.1.2.3'")]
    [InlineData("serve --simulate --fault bogus=0.1", "--fault 'bogus=0.1'")]
    [InlineData("serve --simulate --fault 429=3", "probability '3'")]
    [InlineData("serve --simulate --distribution weird", "--distribution 'weird'")]
    [InlineData("serve --simulate --model x.gguf", "choose one mode")]
    [InlineData("serve", "choose one mode")]
    public async Task Bad_flags_exit_2_and_name_the_token(string args, string expected)
    {
        var (code, _, err) = await CliApp.RunAsync(args.Split(' '));

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains(expected, err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_mode_without_a_local_backend_kind_is_a_clear_error()
    {
        // A build without the local-models edge project: only the HTTP kinds are registered.
        var registry = new TokenClock.Core.Backends.BackendRegistry();
        TokenClock.Core.Http.HttpBackends.Register(registry);

        var (code, _, err) = await CliApp.RunAsync(["serve", "--model", "tiny.gguf", "--port", "0"], services: s => s.AddSingleton(registry));

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("kind 'local'", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulator_serves_until_cancelled_then_exits_0_with_the_addresses_as_one_json_document()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        TestConsole? stdout = null, stderr = null;
        var run = CliApp.RunAsync(["serve", "--simulate", "--ttft-ms", "20", "--tpot-ms", "1", "--port", "0", "--json"],
            cancellationToken: cts.Token, watch: (o, e) => (stdout, stderr) = (o, e));
        string? json = null;
        for (var i = 0; i < 300 && json is null; i++)
        {
            await Task.Delay(50);
            json = Lines(stdout).FirstOrDefault(l => l.StartsWith('{'));
        }
        Assert.NotNull(json);
        var baseUrl = JsonDocument.Parse(json!).RootElement.GetProperty("openai_base_url").GetString();
        using var http = new HttpClient();
        var response = await http.PostAsync(new Uri(baseUrl + "/chat/completions"),
            new StringContent("""{"model":"sim","messages":[{"role":"user","content":"hi"}],"max_tokens":3,"stream":true}""", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("data: [DONE]", body, StringComparison.Ordinal);

        cts.Cancel();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExitCodes.Ok, result.Code);
        using (JsonDocument.Parse(result.Out)) { } // the addresses and nothing else on stdout
        Assert.Contains($"listening on {baseUrl![..^"/v1".Length]}", result.Err, StringComparison.Ordinal);
        Assert.Contains("Stopped.", result.Err, StringComparison.Ordinal);
    }

    // The server writes from its own thread; a read that races a write is retried on the next poll.
    private static string[] Lines(TestConsole? console)
    {
        try
        {
            return console?.Output.Split('\n') ?? [];
        }
        catch (ArgumentException)
        {
            return [];
        }
    }
}
