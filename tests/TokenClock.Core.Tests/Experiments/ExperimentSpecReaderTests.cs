using TokenClock.Core.Backends;
using TokenClock.Core.Experiments;
using TokenClock.Core.Load;
using TokenClock.Core.Workloads;
using TokenClock.Tests.Support;
using TokenClock.Core.Settings;

namespace TokenClock.Core.Tests.Experiments;

public sealed class ExperimentSpecReaderTests
{
    private static ExperimentSpecReader Reader()
    {
        var registry = new BackendRegistry();
        foreach (var kind in new[] { "openai-compatible", "openai", "azure-openai", "anthropic" })
            registry.Add(new ScriptedBackendFactory(kind));
        return new ExperimentSpecReader(registry, WorkloadRegistry.CreateDefault());
    }

    private const string Yaml = """
        name: compare
        prompt: "Summarize: the quick brown fox"
        max_tokens: 64
        warmup: 2
        requests: 20
        timeout: 30s
        load: { pattern: rate, rate: 5, arrival: gamma, burstiness: 2 }
        backends:
          - kind: openai-compatible
            base_url: http://127.0.0.1:8089/v1
            name: local
            models: [a, b]
          - kind: anthropic
            model: claude
            api_key_env: ANTHROPIC_API_KEY
        settings:
          - label: short
            max_tokens: 16
          - label: long
            load: { rate: 2 }
        """;

    [Fact]
    public void Yaml_spec_expands_backends_models_and_settings_into_cells()
    {
        var spec = Reader().Read(Yaml);
        var cells = spec.Cells();

        Assert.Equal("compare", spec.Name);
        Assert.Equal(6, cells.Count); // (local/a, local/b, anthropic/claude) x (short, long)
        Assert.Equal(["local/a [short]", "local/a [long]", "local/b [short]", "local/b [long]", "anthropic/claude [short]", "anthropic/claude [long]"],
            cells.Select(c => c.Label));
        var shortCell = cells[0].Settings;
        Assert.Equal(16, shortCell.Request.MaxTokens);
        Assert.Equal(LoadKind.Rate, shortCell.Load.Pattern.Kind);
        Assert.Equal(5, shortCell.Load.Pattern.Rate);
        Assert.Equal(ArrivalProcess.Gamma, shortCell.Load.Pattern.Arrival);
        Assert.Equal(2, shortCell.Load.Pattern.Burstiness);
        Assert.Equal(20, shortCell.Load.Requests);
        Assert.Equal(2, shortCell.Load.Warmup);
        Assert.Equal(TimeSpan.FromSeconds(30), shortCell.Load.Timeout);
        var longCell = cells[1].Settings;
        Assert.Equal(64, longCell.Request.MaxTokens);
        Assert.Equal(2, longCell.Load.Pattern.Rate); // the variant's load overrides field by field
        Assert.Equal(ArrivalProcess.Gamma, longCell.Load.Pattern.Arrival);
        Assert.Equal("ANTHROPIC_API_KEY", cells[4].Backend.ApiKeyEnv);
    }

    [Fact]
    public void Json_spec_reads_the_same_as_yaml()
    {
        const string json = """
            { "name": "j", "prompt": "hi", "requests": 3, "load": { "concurrency": 4 },
              "backends": [ { "kind": "openai", "model": "gpt" } ] }
            """;
        var spec = Reader().Read(json);
        var cell = Assert.Single(spec.Cells());
        Assert.Equal("openai/gpt", cell.Label);
        Assert.Equal(LoadKind.Concurrency, cell.Settings.Load.Pattern.Kind);
        Assert.Equal(4, cell.Settings.Load.Pattern.Concurrency);
        Assert.Equal(3, cell.Settings.Load.Requests);
        Assert.Equal("hi", cell.Settings.Request.Prompt);
    }

    [Theory]
    [InlineData("kind: openai, model: m", "min_tokens: 5", "min_tokens: backend 'openai/m' (kind openai) does not send min_tokens")]
    [InlineData("kind: azure-openai, model: m", "ignore_eos: true", "ignore_eos: backend 'azure-openai/m' (kind azure-openai) does not send ignore_eos")]
    [InlineData("kind: anthropic, model: m", "seed: 3", "seed: backend 'anthropic/m' (kind anthropic) does not send seed")]
    [InlineData("kind: openai-compatible, model: m, base_url: 'http://127.0.0.1:1/v1', settings: { engine_extensions: 'false' }", "min_tokens: 5",
        "min_tokens: backend 'openai-compatible/m' (kind openai-compatible) does not send min_tokens")]
    [InlineData("kind: openai, model: m", "settings: [{ label: a }, { label: b, seed: 1, min_tokens: 2 }]", "settings[1].min_tokens: backend 'openai/m'")]
    public void A_request_field_the_backend_kind_does_not_send_is_refused(string backend, string fragment, string expected)
    {
        var ex = Assert.Throws<SpecValidationException>(() => HttpReader().Read($"prompt: hi\nbackends: [{{ {backend}, api_key_env: TC_READER_KEY }}]\n{fragment}"));
        Assert.Contains(ex.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    // The real HTTP backend kinds, which know what their protocols send.
    private static ExperimentSpecReader HttpReader()
    {
        Environment.SetEnvironmentVariable("TC_READER_KEY", "sk-test");
        return new ExperimentSpecReader(TokenClock.Core.Http.HttpBackends.Register(new BackendRegistry()), WorkloadRegistry.CreateDefault());
    }

    [Theory]
    [InlineData("kind: openai-compatible, model: m, base_url: 'http://127.0.0.1:1/v1'", "min_tokens: 5\nignore_eos: true\nseed: 2")]
    [InlineData("kind: openai, model: m, settings: { engine_extensions: 'true' }", "min_tokens: 5")]
    [InlineData("kind: openai, model: m", "seed: 2")]
    public void Request_fields_the_backend_sends_are_accepted(string backend, string fragment) =>
        Assert.Single(HttpReader().Read($"prompt: hi\nbackends: [{{ {backend}, api_key_env: TC_READER_KEY }}]\n{fragment}").Cells());

    [Fact]
    public void Defaults_are_sequential_ten_requests_and_the_prompt_workload()
    {
        var cell = Assert.Single(Reader().Read("prompt: x\nbackends: [{kind: openai, model: m}]").Cells());
        Assert.Equal(LoadKind.Sequential, cell.Settings.Load.Pattern.Kind);
        Assert.Equal(10, cell.Settings.Load.Requests);
        Assert.Equal("prompt", cell.Settings.Workload);
        Assert.Null(cell.Settings.Request.MaxTokens); // the workload's default (128 for prompt) applies
        Assert.Equal(128, cell.Settings.Request.ToRequest("x").MaxTokens);
    }

    [Theory]
    [InlineData("backends: [{kind: openai, model: m}, {kind: opnai, model: m}]",
        "backends[1].kind: 'opnai' is not a backend kind; valid: anthropic, azure-openai, openai, openai-compatible (did you mean 'openai'?)")]
    [InlineData("max_token: 5", "max_token: unknown field 'max_token'; did you mean 'max_tokens'?")]
    [InlineData("backends: [{kind: openai, model: m, baseurl: http://x}]", "backends[0].baseurl: unknown field 'baseurl'; did you mean 'base_url'?")]
    [InlineData("max_tokens: -5", "max_tokens: '-5' is out of range; allowed: 1 to 1000000")]
    [InlineData("max_tokens: lots", "max_tokens: 'lots' is not a whole number")]
    [InlineData("temperature: 3", "temperature: '3' is out of range; allowed: from 0 to 2")]
    [InlineData("load: {rate: 5, arrival: bursty}", "load.arrival: 'bursty' is not an arrival process; valid: constant, gamma, poisson")]
    [InlineData("load: {pattern: ramp}", "load.pattern: 'ramp' is not a load pattern; valid: concurrency, rate, sequential")]
    [InlineData("load: {rate: 5, burstiness: 2}", "load.burstiness: applies only to arrival gamma")]
    [InlineData("load: {rate: 5, concurrency: 2}", "load.rate: rate (open loop) and concurrency (closed loop) exclude each other")]
    [InlineData("load: {pattern: rate}", "load.rate: missing; pattern rate needs rate: REQUESTS_PER_SECOND")]
    [InlineData("load: {rate: 0}", "load.rate: '0' is out of range; allowed: greater than 0 and at most 100000")]
    [InlineData("duration: forever", "duration: 'forever' is not a duration")]
    [InlineData("workload: summarise", "workload: 'summarise' is not a workload; valid: prompt")]
    [InlineData("requests: 5\nrepetitions: 5", "repetitions: is another name for requests")]
    [InlineData("min_tokens: 500", "min_tokens: '500' is more than max_tokens (128)")]
    [InlineData("settings: [{max_tokens: 0}]", "settings[0].max_tokens: '0' is out of range")]
    [InlineData("settings: [{name: x}]", "settings[0].name: unknown field 'name'")]
    [InlineData("idle_timeout: 0s", "idle_timeout: '0s' is not a duration")]
    [InlineData("timeout: 30s\nfirst_byte_timeout: 2m", "first_byte_timeout: '120s' is longer than timeout (30s)")]
    [InlineData("connect_timeout: soon", "connect_timeout: 'soon' is not a duration")]
    public void Invalid_field_is_named_with_its_bad_value_and_the_allowed_values(string fragment, string expected)
    {
        var yaml = fragment.Contains("backends", StringComparison.Ordinal)
            ? "prompt: hi\n" + fragment
            : "prompt: hi\nbackends: [{kind: openai, model: m}]\n" + fragment;
        var ex = Assert.Throws<SpecValidationException>(() => Reader().Read(yaml));
        Assert.Contains(ex.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_are_keyed_by_field_path_and_a_front_end_names_fields_without_rewriting_text()
    {
        var ex = Assert.Throws<SpecValidationException>(() => Reader().Read("prompt: hi\nbackends: [{kind: openai, model: m}]\nmin_tokens: 500"));

        var problem = Assert.Single(ex.Problems, p => p.Setting == "min_tokens");
        Assert.Equal("min_tokens: '500' is more than max_tokens (128); allowed: 0 to max_tokens", problem.ToString());
        // Every field the problem names goes through the front end's naming, the other field too.
        Assert.Equal("<min_tokens>: '500' is more than <max_tokens> (128); allowed: 0 to max_tokens", problem.Describe(key => $"<{key}>"));
        Assert.Contains("<min_tokens>: '500'", ex.Describe(key => $"<{key}>"), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_backends_model_and_prompt_are_all_reported_at_once()
    {
        var ex = Assert.Throws<SpecValidationException>(() => Reader().Read("backends: [{kind: openai}]"));
        Assert.Contains(ex.Errors, e => e.StartsWith("backends[0].model: missing", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("prompt: the prompt workload needs a prompt", StringComparison.Ordinal));

        var none = Assert.Throws<SpecValidationException>(() => Reader().Read("prompt: hi"));
        Assert.Contains(none.Errors, e => e.StartsWith("backends: at least one backend is required", StringComparison.Ordinal));
    }

    [Fact]
    public void A_key_pasted_into_api_key_env_is_refused_without_echoing_it()
    {
        const string key = "sk-proj-abc123-secret";
        var ex = Assert.Throws<SpecValidationException>(() => Reader().Read($"prompt: hi\nbackends: [{{kind: openai, model: m, api_key_env: {key}}}]"));
        Assert.StartsWith("backends[0].api_key_env: expected the NAME of an environment variable", ex.Errors.Single(), StringComparison.Ordinal);
        Assert.DoesNotContain(key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Base_url_must_be_absolute_http()
    {
        var ex = Assert.Throws<SpecValidationException>(() => Reader().Read("prompt: hi\nbackends: [{kind: openai, model: m, base_url: 'localhost:8000'}]"));
        Assert.StartsWith("backends[0].base_url: 'localhost:8000' is not an absolute http(s) URL", ex.Errors.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_backends_with_one_name_are_refused()
    {
        var ex = Assert.Throws<SpecValidationException>(() => Reader().Read("prompt: hi\nbackends: [{kind: openai, model: m}, {kind: openai, model: m}]"));
        Assert.StartsWith("backends[1].name: 'openai/m' names two backends", ex.Errors.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Backend_factory_problems_are_reported_under_the_backend_path()
    {
        var ex = Assert.Throws<SpecValidationException>(() => Reader().Read("prompt: hi\nbackends: [{kind: openai, model: invalid-model}]"));
        Assert.Equal("backends[0]: model: 'invalid-model' is refused by the scripted backend", ex.Errors.Single());
    }

    [Fact]
    public void Yaml_syntax_errors_name_the_line()
    {
        var ex = Assert.Throws<SpecValidationException>(() => Reader().Read("prompt: hi\nbackends: [\n  {kind: openai", "exp.yaml"));
        Assert.StartsWith("exp.yaml:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("YAML syntax error", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_registry_says_no_kinds_are_registered()
    {
        var reader = new ExperimentSpecReader(new BackendRegistry(), WorkloadRegistry.CreateDefault());
        var ex = Assert.Throws<SpecValidationException>(() => reader.Read("prompt: hi\nbackends: [{kind: openai, model: m}]"));
        Assert.Equal("backends[0].kind: 'openai' is not a backend kind; valid: (no backend kinds are registered in this build)", ex.Errors.Single());
    }

    [Fact]
    public void Stored_spec_json_keeps_the_key_variable_name_only()
    {
        var json = ExperimentSpecJson.Serialize(Reader().Read(Yaml));
        Assert.Contains("\"api_key_env\":\"ANTHROPIC_API_KEY\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"rate\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Wait_limits_come_from_the_spec_and_defaults_are_capped_at_the_total_timeout()
    {
        var set = Assert.Single(Reader().Read("prompt: hi\nbackends: [{kind: openai, model: m}]\nconnect_timeout: 2s\nfirst_byte_timeout: 20s\nidle_timeout: 5s").Cells()).Settings.Limits;
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(5)), (set.Connect, set.FirstByte, set.Idle));

        var capped = Assert.Single(Reader().Read("prompt: hi\nbackends: [{kind: openai, model: m}]\ntimeout: 30s").Cells()).Settings.Limits;
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)), (capped.Connect, capped.FirstByte, capped.Idle));
    }
}
