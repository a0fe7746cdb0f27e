using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;
using TokenClock.Core.Backends;
using TokenClock.Core.Experiments;
using TokenClock.Core.Http;
using TokenClock.Core.Load;
using TokenClock.Core.Workloads;
using TokenClock.Tests.Properties;

namespace TokenClock.Core.Tests.Experiments;

/// <summary>Seeded properties of the spec reader: YAML and JSON written from values read back as those values; bent specs are refused or runnable.</summary>
public sealed class SpecPropertyTests
{
    private static readonly ExperimentSpecReader Reader = new(HttpBackends.Register(new BackendRegistry()), WorkloadRegistry.CreateDefault());
    private static readonly JsonSerializerOptions Quote = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private sealed record Values(string Name, string Prompt, int MaxTokens, int Requests, int Warmup, int Concurrency, int TemperatureTenths, int Port, string Model);

    private static readonly Gen<string> Words = Gen.Char["abcxyz XYZ019:#'\"{}[]-,&*!|>%@`é✓\\/"].Array[0, 24].Select(c => new string(c));
    private static readonly Gen<Values> Specs = Gen.Select(
        Words, Words, Words, Gen.Int[1, 4096], Gen.Int[1, 5000], Gen.Int[0, 50], Gen.Int[1, 64], Gen.Select(Gen.Int[0, 20], Gen.Int[1, 65535]),
        (name, prompt, model, max, requests, warmup, concurrency, tp) =>
            new Values("n" + name, "p" + prompt, max, requests, warmup, concurrency, tp.Item1, tp.Item2, "m" + model));

    [Fact]
    public void A_spec_written_as_yaml_or_json_reads_back_as_the_same_values()
    {
        Seeded.ForAll(Specs, 400, seed: 30, v =>
        {
            foreach (var text in new[] { Yaml(v), JsonText(v) })
            {
                var spec = Reader.Read(text);
                var cell = Assert.Single(spec.Cells());
                Assert.Equal(v.Name, spec.Name);
                Assert.Equal(v.Prompt, cell.Settings.Request.Prompt);
                Assert.Equal(v.MaxTokens, cell.Settings.Request.MaxTokens);
                Assert.Equal(v.TemperatureTenths / 10.0, cell.Settings.Request.Temperature);
                Assert.Equal(v.Requests, cell.Settings.Load.Requests);
                Assert.Equal(v.Warmup, cell.Settings.Load.Warmup);
                Assert.Equal(LoadKind.Concurrency, cell.Settings.Load.Pattern.Kind);
                Assert.Equal(v.Concurrency, cell.Settings.Load.Pattern.Concurrency);
                Assert.Equal(v.Model, cell.Backend.Model);
                Assert.Equal($"http://127.0.0.1:{v.Port}/v1", cell.Backend.BaseUrl);
            }
        });
    }

    [Fact]
    public void Yaml_the_scanner_chokes_on_is_a_syntax_error_not_a_crash()
    {
        // Found by the seeded mutation property below: YamlDotNet threw InvalidOperationException here.
        const string Text = "base: &b { \uFFFDind openai-compatible, base_url: \"http://127.0.0.1:1/v1\", model: m }\nbackends: [*bx\nload: { pattern: concurrency, concurrency: 4 }\ndu5ation: 5s\nmaxin_light& 8\n";

        var ex = Assert.Throws<SpecValidationException>(() => Reader.Read(Text, "bent.yaml"));

        Assert.Contains("bent.yaml: YAML syntax error", Assert.Single(ex.Errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ICEhUVtaUA==")] // " !!Q[ZP": "Global tags must be valid URIs"
    [InlineData("AAAAIDogY29tcGFyZQpwcm9tcHQ6ICJTdW1tYXJpemU6IHRoZSBxdWljayBicm93biBmb3giCm1heF90b2tlbnM6IDY0Cndhcm11cDogb3V0OiAzMHMKbG9hZDoge79wYXR0ZXJuOiByYXRlLCByYXRlOiA1LCBhcnJpdmFsOiBnYW1tYSwgHDIKcmVpbmVzczogMiB9CmJhY2tlbmRzAAAAgC0ga2luZDogb3BlbmFpLWNvbXBhdGlibGUKICAgIGJhc2VfdXJsOiBodHRwOi8vMTI3LjAuMC4xOjgwODkvdjEKOSAgIG5hbWU6IGxvY2FsCiAgIGRtb2RlbHM6IFthLCBiXQogIC0ga2luZDogYW50aHJvcGljCiAgICBtb2RlbDogY2xhdWRlCiAgICBhcGlfa2V5X2VudjogbGF1ZGUKIEFOVEhST1BJQ19BUElfS0VZCnNlICBtYXhfdG9rZW5zOiAxNgogIC0gbGFiZWw6IGxwbmcKICBlCiAgICBiYXNlX3VzbDogaCAgbG9hZDogeyByOiBBTlRhdGU6IDIgfQo=")] // "The current event is of an unsupported type"
    public void Yaml_the_node_loader_rejects_is_a_syntax_error_not_a_crash(string base64)
    {
        // Found by AFL++ (fuzz target 'spec'): YamlDotNet's node loader threw ArgumentException on these. The
        // event-based reader either calls them a syntax error naming the file or reads them and names what is
        // missing; either way a refusal with messages, never a crash.
        var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));

        var ex = Assert.Throws<SpecValidationException>(() => Reader.Read(text, "fuzzed.yaml"));

        Assert.NotEmpty(ex.Errors);
        Assert.All(ex.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e)));
    }

    [Fact]
    public void A_bent_spec_is_refused_with_messages_or_passes_the_engines_own_checks()
    {
        var seeds = new[] { "compare.yaml", "anchors.yaml", "run.json" }.Select(f => File.ReadAllBytes(Corpus(f))).ToArray();
        Seeded.ForAll(Seeded.Mutations(seeds), 2_000, seed: 31, bytes =>
        {
            try
            {
                foreach (var cell in Reader.Read(Encoding.UTF8.GetString(bytes)).Cells()) cell.Settings.Load.Validate();
            }
            catch (SpecValidationException ex)
            {
                Assert.NotEmpty(ex.Errors);
                Assert.All(ex.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e)));
            }
        }, b => Encoding.UTF8.GetString(b));
    }

    private static string Q(string s) => JsonSerializer.Serialize(s, Quote);

    private static string Num(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    private static string Yaml(Values v) => $"""
        name: {Q(v.Name)}
        prompt: {Q(v.Prompt)}
        max_tokens: {v.MaxTokens}
        temperature: {Num(v.TemperatureTenths / 10.0)}
        requests: {v.Requests}
        warmup: {v.Warmup}
        load:
          pattern: concurrency
          concurrency: {v.Concurrency}
        backends:
          - kind: openai-compatible
            base_url: {Q($"http://127.0.0.1:{v.Port}/v1")}
            model: {Q(v.Model)}
        """;

    private static string JsonText(Values v) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["name"] = v.Name, ["prompt"] = v.Prompt, ["max_tokens"] = v.MaxTokens, ["temperature"] = v.TemperatureTenths / 10.0,
        ["requests"] = v.Requests, ["warmup"] = v.Warmup,
        ["load"] = new Dictionary<string, object> { ["pattern"] = "concurrency", ["concurrency"] = v.Concurrency },
        ["backends"] = new[] { new Dictionary<string, object> { ["kind"] = "openai-compatible", ["base_url"] = $"http://127.0.0.1:{v.Port}/v1", ["model"] = v.Model } },
    });

    private static string Corpus(string name)
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "TokenClock.slnx"))) dir = Path.GetDirectoryName(dir) ?? throw new DirectoryNotFoundException("repository root");
        return Path.Combine(dir, "fuzz", "corpus", "spec", name);
    }
}
