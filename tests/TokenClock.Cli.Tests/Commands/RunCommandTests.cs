using System.Text.Json;
using TokenClock.Cli.Infrastructure;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Storage;
using TokenClock.Tests.Support;

namespace TokenClock.Cli.Tests.Commands;

public sealed class RunCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tokenclock-cli-").FullName;


    private string Db => Path.Combine(_folder, "t.db");

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    [Fact]
    public async Task Run_from_flags_stores_every_request_and_prints_one_json_summary()
    {
        var (code, stdout, stderr) = await CliHarness.RunScriptedAsync(
            ["run", "--backend", "scripted", "--model", "m", "--prompt", "hi", "--requests", "6", "--warmup", "1",
             "--concurrency", "2", "--db", Db, "--json", "--name", "smoke"]);

        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        var runId = root.GetProperty("run_id").GetInt64();
        Assert.Equal("smoke", root.GetProperty("name").GetString());
        Assert.Equal("completed", root.GetProperty("status").GetString());
        var b = Assert.Single(root.GetProperty("series").EnumerateArray().ToArray());
        Assert.Equal("scripted/m", b.GetProperty("backend").GetString());
        Assert.Equal(6, b.GetProperty("requests").GetInt32());
        Assert.Equal(1, b.GetProperty("warmup").GetInt32());
        Assert.Equal(0, b.GetProperty("errors").GetProperty("total").GetInt32());
        Assert.Equal(0, b.GetProperty("errors").GetProperty("rate_limited").GetInt32());
        Assert.Equal(6, b.GetProperty("metrics").GetProperty("ttft_ms").GetProperty("n").GetInt32());
        Assert.InRange(b.GetProperty("metrics").GetProperty("ttft_ms").GetProperty("p50").GetDouble(), 14, 1_000); // scripted TTFT is 20 ms (Task.Delay may end ~4 ms early)
        Assert.True(b.GetProperty("metrics").GetProperty("tpot_ms").GetProperty("p99").GetDouble() > 0);
        Assert.True(b.GetProperty("throughput").GetProperty("requests_per_s").GetDouble() > 0);

        await using var store = await SqliteRunStore.OpenAsync(Db);
        Assert.Equal(7, (await store.GetRequestsAsync(runId)).Count);
        Assert.Equal(RunStatus.Completed, (await store.GetRunAsync(runId))!.Status);
    }

    [Fact]
    public async Task Run_report_and_compare_emit_the_same_summary_fields_and_numbers_for_the_same_run()
    {
        string[] run = ["run", "--backend", "scripted", "--model", "m", "--prompt", "hi", "--requests", "8", "--db", Db, "--json"];
        var first = await CliHarness.RunScriptedAsync(run);
        var second = await CliHarness.RunScriptedAsync(run);
        Assert.True(first.Code == 0 && second.Code == 0, first.Err + second.Err);
        var runJson = JsonDocument.Parse(first.Out).RootElement;
        var id = runJson.GetProperty("run_id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var secondId = JsonDocument.Parse(second.Out).RootElement.GetProperty("run_id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var report = await CliHarness.RunScriptedAsync(["report", id, "--db", Db, "--format", "console", "--json"]);
        var compare = await CliHarness.RunScriptedAsync(["compare", id, secondId, "--db", Db, "--json"]);

        Assert.True(report.Code == 0, report.Err);
        Assert.True(compare.Code == 0, compare.Err);
        var reportJson = JsonDocument.Parse(report.Out).RootElement;
        var compareJson = JsonDocument.Parse(compare.Out).RootElement;
        Assert.Equal("tokenclock.run/1", runJson.GetProperty("schema").GetString());
        Assert.Equal("tokenclock.report/2", reportJson.GetProperty("schema").GetString());
        Assert.Equal("tokenclock.compare/1", compareJson.GetProperty("schema").GetString());
        var fromRun = runJson.GetProperty("series")[0];
        var fromReport = reportJson.GetProperty("series")[0];
        var fromCompare = compareJson.GetProperty("series").EnumerateArray().First(s => s.GetProperty("run_id").GetInt64() == long.Parse(id, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Paths(fromRun), Paths(fromReport));
        Assert.Equal(Paths(fromRun), Paths(fromCompare));
        Assert.Contains("metrics.ttft_ms.p50", Paths(fromRun));
        Assert.Contains("errors.rate_limited", Paths(fromRun));
        // One analyzer: the same numbers, not merely the same names.
        Assert.Equal(fromRun.GetProperty("metrics").GetRawText(), fromReport.GetProperty("metrics").GetRawText());
        Assert.Equal(fromRun.GetProperty("throughput").GetRawText(), fromCompare.GetProperty("throughput").GetRawText());
    }

    /// <summary>Every leaf path of a JSON object, e.g. "metrics.ttft_ms.p50".</summary>
    private static List<string> Paths(JsonElement e, string prefix = "")
    {
        var paths = new List<string>();
        if (e.ValueKind != JsonValueKind.Object) { paths.Add(prefix); return paths; }
        foreach (var p in e.EnumerateObject()) paths.AddRange(Paths(p.Value, prefix.Length == 0 ? p.Name : prefix + "." + p.Name));
        return paths;
    }

    [Fact]
    public async Task Runs_lists_stored_runs_with_status_counts_and_backends()
    {
        Assert.Equal(0, (await CliHarness.RunScriptedAsync(["run", "--backend", "scripted", "--model", "m", "--prompt", "hi", "--requests", "2", "--db", Db, "--json"])).Code);

        var (code, stdout, _) = await CliHarness.RunScriptedAsync(["runs", "--db", Db, "--json"]);
        Assert.Equal(0, code);
        var run = Assert.Single(JsonDocument.Parse(stdout).RootElement.GetProperty("runs").EnumerateArray().ToArray());
        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.Equal(2, run.GetProperty("requests").GetInt32());
        Assert.Equal(0, run.GetProperty("errors").GetInt32());
        Assert.Equal("scripted/m", run.GetProperty("backends")[0].GetString());

        // The list is the result: on stdout, so that `tokenclock runs | less` shows it.
        var human = await CliHarness.RunScriptedAsync(["runs", "--db", Db]);
        Assert.Equal(0, human.Code);
        Assert.Contains("completed", human.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("completed", human.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_prints_its_summary_table_on_stdout_and_progress_on_stderr_without_json()
    {
        var (code, stdout, stderr) = await CliHarness.RunScriptedAsync(["run", "--backend", "scripted", "--model", "m", "--prompt", "hi", "--requests", "3", "--db", Db]);
        Assert.Equal(0, code);
        Assert.Contains("scripte", stdout, StringComparison.Ordinal); // the 80-column test console wraps the label
        Assert.Contains("TTFT", stdout, StringComparison.Ordinal);
        Assert.Contains("run 1 (completed)", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("TTFT", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spec_file_runs_and_flags_override_its_settings()
    {
        var spec = Path.Combine(_folder, "exp.yaml");
        await File.WriteAllTextAsync(spec, """
            prompt: hello
            requests: 50
            backends:
              - { kind: scripted, name: a, model: m, settings: { ttft_ms: 2 } }
              - { kind: scripted, name: b, model: m, settings: { ttft_ms: 2 } }
            """);
        var (code, stdout, stderr) = await CliHarness.RunScriptedAsync(["run", spec, "--requests", "3", "--db", Db, "--json"]);

        Assert.True(code == 0, stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("exp", root.GetProperty("name").GetString());
        Assert.Equal(["a", "b"], root.GetProperty("series").EnumerateArray().Select(b => b.GetProperty("backend").GetString()));
        Assert.All(root.GetProperty("series").EnumerateArray(), b => Assert.Equal(3, b.GetProperty("requests").GetInt32()));
    }

    [Fact]
    public async Task A_run_where_every_request_fails_exits_1_with_the_error_class()
    {
        var spec = Path.Combine(_folder, "fail.yaml");
        await File.WriteAllTextAsync(spec, "prompt: hi\nrequests: 3\nbackends: [{ kind: scripted, model: m, settings: { fail_every: 1 } }]\n");
        var (code, stdout, stderr) = await CliHarness.RunScriptedAsync(["run", spec, "--db", Db, "--json"]);

        Assert.Equal(1, code);
        Assert.Contains("every measured request failed; first error: rate_limited", stderr, StringComparison.Ordinal);
        Assert.Equal(3, JsonDocument.Parse(stdout).RootElement.GetProperty("series")[0].GetProperty("errors").GetProperty("rate_limited").GetInt32());
    }

    [Fact]
    public async Task Ctrl_c_keeps_what_was_measured_marks_the_run_interrupted_and_exits_130()
    {
        var spec = Path.Combine(_folder, "long.yaml");
        await File.WriteAllTextAsync(spec, "prompt: hi\nrequests: 5000\nbackends: [{ kind: scripted, model: m, settings: { ttft_ms: 20 } }]\n");
        using var cts = new CancellationTokenSource();
        var running = CliHarness.RunScriptedAsync(["run", spec, "--db", Db, "--json"], cts.Token);
        // Press "Ctrl+C" once a few requests are committed, as another process reading the file sees them.
        for (var i = 0; i < 400 && CommittedRequests() < 3; i++) await Task.Delay(25);
        await cts.CancelAsync();
        var (code, stdout, _) = await running;

        Assert.Equal(130, code);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("interrupted", root.GetProperty("status").GetString());
        await using var store = await SqliteRunStore.OpenAsync(Db);
        var run = Assert.Single(await store.ListRunsAsync());
        Assert.Equal(RunStatus.Interrupted, run.Status);
        Assert.InRange(run.RequestCount, 3, 4999);
        var backend = root.GetProperty("series")[0];
        var cancelledInFlight = backend.GetProperty("errors").GetProperty("cancelled").GetInt32();
        Assert.InRange(cancelledInFlight, 0, 1);
        Assert.Equal(run.RequestCount - cancelledInFlight, backend.GetProperty("succeeded").GetInt32());
    }

    private long CommittedRequests()
    {
        if (!File.Exists(Db)) return 0;
        try
        {
            using var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db};Mode=ReadOnly;Pooling=False");
            raw.Open();
            using var cmd = raw.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM requests;";
            return (long)cmd.ExecuteScalar()!;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return 0; // schema not created yet
        }
    }

    [Theory]
    [InlineData("--bogus", "'--bogus' is not an option")]
    [InlineData("--backend scripted --model m --prompt hi --bogus 3", "'--bogus' is not an option")]
    [InlineData("--concurrency abc", "abc")]
    [InlineData("--backend opnai --model m --prompt hi", "--backend: 'opnai' is not a backend kind; valid: scripted")]
    [InlineData("--backend scripted --model m --prompt hi --max-tokens 0", "--max-tokens: '0' is out of range; allowed: 1 to 1000000")]
    [InlineData("--backend scripted --model m --prompt hi --rate 5 --arrival bursty", "--arrival: 'bursty' is not an arrival process; valid: constant, gamma, poisson")]
    [InlineData("--backend scripted --model m --prompt hi --rate 5 --concurrency 2", "--rate: rate (open loop) and concurrency (closed loop) exclude each other")]
    [InlineData("--backend scripted --model m --prompt hi --duration soon", "--duration: 'soon' is not a duration")]
    [InlineData("--backend scripted --model m", "--prompt: the prompt workload needs a prompt")]
    [InlineData("--backend scripted --prompt hi", "--model: missing")]
    [InlineData("--backend scripted --model m --prompt hi --workload summarise", "--workload: 'summarise' is not a workload; valid: dataset, prompt, summarize")]
    [InlineData("--backend scripted --model m --prompt hi --workload-option oops", "--workload-option: 'oops' is not KEY=VALUE")]
    [InlineData("missing.yaml", "'missing.yaml': spec file not found")]
    public async Task Bad_flags_exit_2_and_name_the_bad_token(string args, string expected)
    {
        var (code, stdout, stderr) = await CliHarness.RunScriptedAsync(["run", .. args.Split(' '), "--db", Db]);
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Db), "nothing may be stored before the spec is valid");
        _ = stdout;
    }

    [Fact]
    public async Task Backend_flags_with_a_spec_file_are_refused()
    {
        var spec = Path.Combine(_folder, "s.yaml");
        await File.WriteAllTextAsync(spec, "prompt: hi\nbackends: [{ kind: scripted, model: m }]\n");
        var (code, _, stderr) = await CliHarness.RunScriptedAsync(["run", spec, "--base-url", "http://127.0.0.1:1/v1", "--db", Db]);
        Assert.Equal(2, code);
        Assert.Contains("--base-url: backend flags cannot be combined with a spec file", stderr, StringComparison.Ordinal);
    }

    // The default job itself runs end to end in TokenClock.IntegrationTests (DefaultRunTests).
    [Fact]
    public void Only_db_json_and_name_keep_a_run_the_built_in_default_job()
    {
        Assert.True(new TokenClock.Cli.Commands.Run.RunSettings { Db = "x.db", Json = true, Name = "n" }.IsEmpty);
        Assert.False(new TokenClock.Cli.Commands.Run.RunSettings { Requests = 3 }.IsEmpty);
        Assert.False(new TokenClock.Cli.Commands.Run.RunSettings { PromptTokens = 512 }.IsEmpty);
        Assert.False(new TokenClock.Cli.Commands.Run.RunSettings { SpecFile = "e.yaml" }.IsEmpty);
    }

    [Fact]
    public async Task Help_shows_an_example()
    {
        var (code, stdout, _) = await CliHarness.RunScriptedAsync(["run", "--help"]);
        Assert.Equal(0, code);
        Assert.Contains("--concurrency", stdout, StringComparison.Ordinal);
        Assert.Contains("openai-compatible", stdout, StringComparison.Ordinal);
    }
}
