using System.Net.Http;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using TokenClock.Cli.Infrastructure;

namespace TokenClock.Cli.Tests.Serve;

/// <summary><c>tokenclock serve</c> in-process: bad flags exit 2 naming the token; a served simulator answers; Ctrl+C exits 0.</summary>
[Collection("console")]
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
        var (code, _, err) = await RunAsync(args.Split(' '), CancellationToken.None);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains(expected, err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_mode_without_a_local_backend_kind_is_a_clear_error()
    {
        // A build without the local-models edge project: only the HTTP kinds are registered.
        CliBackends.OverrideForTests = () =>
        {
            var registry = new TokenClock.Core.Backends.BackendRegistry();
            TokenClock.Core.Http.HttpBackends.Register(registry);
            return registry;
        };
        int code;
        string err;
        try
        {
            (code, _, err) = await RunAsync(["serve", "--model", "tiny.gguf", "--port", "0"], CancellationToken.None);
        }
        finally
        {
            CliBackends.OverrideForTests = null;
        }

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("kind 'local'", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulator_serves_until_cancelled_then_exits_0()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = new StringWriter();
        var originalOut = Console.Out;
        var originalErr = Console.Error;
        Console.SetOut(TextWriter.Synchronized(output));
        Console.SetError(TextWriter.Synchronized(new StringWriter()));
        Task<int> run;
        try
        {
            run = TokenClockApp.RunAsync(["serve", "--simulate", "--ttft-ms", "20", "--tpot-ms", "1", "--port", "0", "--json"], Quiet(new StringWriter()), cts.Token);
            string? json = null;
            for (var i = 0; i < 300 && json is null; i++)
            {
                await Task.Delay(50);
                json = output.ToString().Split('\n').FirstOrDefault(l => l.StartsWith('{'));
            }
            Assert.NotNull(json);
            var baseUrl = JsonDocument.Parse(json!).RootElement.GetProperty("openai_base_url").GetString();
            using var http = new HttpClient();
            var response = await http.PostAsync(new Uri(baseUrl + "/chat/completions"),
                new StringContent("""{"model":"sim","messages":[{"role":"user","content":"hi"}],"max_tokens":3,"stream":true}""", Encoding.UTF8, "application/json"));
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("data: [DONE]", body, StringComparison.Ordinal);

            cts.Cancel();
            Assert.Equal(ExitCodes.Ok, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalErr);
        }
    }

    private static IAnsiConsole Quiet(TextWriter writer) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });

    private static async Task<(int Code, string Out, string Err)> RunAsync(string[] args, CancellationToken ct)
    {
        var originalOut = Console.Out;
        var originalErr = Console.Error;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var consoleText = new StringWriter();
            var code = await TokenClockApp.RunAsync(args, Quiet(consoleText), ct);
            return (code, stdout.ToString(), stderr.ToString() + consoleText);
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalErr);
        }
    }
}
