using TokenClock.Core.Workloads;
using TokenClock.Workloads.Generators;
using TokenClock.Workloads.Lengths;
using TokenClock.Workloads.Tokenizers;
using TokenClock.Core.Settings;

namespace TokenClock.Workloads.Tests.Lengths;

public sealed class LengthDistributionTests
{
    private static double[] Draw(LengthDistribution d, int n = 20_000) => Enumerable.Range(0, n).Select(i => (double)d.Sample(i)).ToArray();

    private static (double Mean, double Std) Moments(double[] xs)
    {
        var mean = xs.Average();
        return (mean, Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / (xs.Length - 1)));
    }

    [Theory]
    [InlineData("normal:512,128", 512, 128, 0.02, 0.05)]
    [InlineData("lognormal:400,300", 400, 300, 0.04, 0.10)]
    [InlineData("uniform:100,200", 150, 29.01, 0.02, 0.05)] // sd of a discrete uniform on 101 values
    [InlineData("fixed:64", 64, 0, 0, 0)]
    public void Draws_have_the_asked_mean_and_spread(string spec, double mean, double std, double meanTol, double stdTol)
    {
        var (m, s) = Moments(Draw(LengthDistribution.Parse(spec, "x", seed: 3)));
        Assert.InRange(m, mean * (1 - meanTol), mean * (1 + meanTol));
        Assert.InRange(s, std * (1 - stdTol) - 1e-9, std * (1 + stdTol) + 1e-9);
    }

    [Fact]
    public void Draws_are_reproducible_per_seed_and_index_in_any_order()
    {
        var a = LengthDistribution.Parse("lognormal:400,300", "x", seed: 7);
        var b = LengthDistribution.Parse("lognormal:400,300", "x", seed: 7);
        var forward = Enumerable.Range(0, 200).Select(a.Sample).ToArray();
        var backward = Enumerable.Range(0, 200).Reverse().Select(b.Sample).Reverse().ToArray();
        Assert.Equal(forward, backward);
        var other = Enumerable.Range(0, 200).Select(LengthDistribution.Parse("lognormal:400,300", "x", seed: 8).Sample).ToArray();
        Assert.NotEqual(forward, other);
        Assert.All(Draw(LengthDistribution.Parse("normal:3,50", "x")), v => Assert.InRange(v, 1, LengthDistribution.MaxLength)); // clamped
    }

    [Fact]
    public void File_lengths_are_drawn_only_from_the_file_each_about_equally_often()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["100", "", "250", "900"]);
            var draws = Draw(LengthDistribution.Parse("file:" + path, "x"), 9000);
            var counts = draws.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal([100.0, 250.0, 900.0], counts.Keys.Order());
            Assert.All(counts.Values, c => Assert.InRange(c, 2700, 3300));

            File.WriteAllLines(path, ["100", "twelve"]);
            var ex = Assert.Throws<SettingException>(() => LengthDistribution.Parse("file:" + path, "workload_options.prompt_tokens_dist"));
            Assert.StartsWith($"workload_options.prompt_tokens_dist: 'file:{path}' has 'twelve' on line 2", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("normal:512", "needs MEAN,STD for normal")]
    [InlineData("gauss:5,1", "is not a distribution (fixed, uniform, normal, lognormal, file)")]
    [InlineData("uniform:10,5", "needs whole MIN <= MAX")]
    [InlineData("fixed:0", "needs a whole length from 1")]
    [InlineData("lognormal:400,0", "needs MEAN from 1 to 1000000 and STD > 0")]
    [InlineData("normal:abc,1", "has 'abc', which is not a number")]
    [InlineData("file:/no/such/lengths.txt", "names a file that does not exist")]
    public void Bad_specs_are_refused_naming_the_field_the_value_and_an_example(string spec, string why)
    {
        var ex = Assert.Throws<SettingException>(() => LengthDistribution.Parse(spec, "workload_options.prompt_tokens_dist"));
        Assert.Equal(["workload_options.prompt_tokens_dist"], ex.Settings);
        Assert.StartsWith($"workload_options.prompt_tokens_dist: '{spec}' {why}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("write e.g. fixed:512", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Synthetic_requests_follow_both_distributions_with_exact_prompt_lengths()
    {
        var gpt2 = TiktokenTokenCounter.ForEncoding("gpt2");
        var request = new WorkloadOptions
        {
            Options = new Dictionary<string, string> { ["prompt_tokens_dist"] = "uniform:40,120", ["output_tokens_dist"] = "normal:64,16", ["length_seed"] = "5" },
        };
        var source = GeneratorWorkload.Synthetic(new TokenizerResolver()).Create(request with { Options = new Dictionary<string, string>(request.Options) { ["tokenizer"] = "gpt2" } },
            new Core.Backends.BackendOptions { Kind = "openai-compatible", Model = "m" });
        var sent = Enumerable.Range(0, 40).Select(source.GetRequest).ToArray();

        Assert.All(sent, r => Assert.Equal(int.Parse(r.Tags["prompt_tokens"], System.Globalization.CultureInfo.InvariantCulture), gpt2.CountTokens(r.Prompt)));
        Assert.All(sent, r => Assert.InRange(gpt2.CountTokens(r.Prompt), 40, 120));
        Assert.True(sent.Select(r => r.Prompt.Length).Distinct().Count() > 20, "prompt lengths do not vary");
        Assert.True(sent.Select(r => r.MaxTokens).Distinct().Count() > 10, "max_tokens does not vary");
        // The same options give the same requests again.
        var again = GeneratorWorkload.Synthetic(new TokenizerResolver()).Create(request with { Options = new Dictionary<string, string>(request.Options) { ["tokenizer"] = "gpt2" } },
            new Core.Backends.BackendOptions { Kind = "openai-compatible", Model = "m" });
        Assert.Equal(sent.Select(r => (r.Prompt, r.MaxTokens)), Enumerable.Range(0, 40).Select(i => again.GetRequest(i)).Select(r => (r.Prompt, r.MaxTokens)));
    }

    [Fact]
    public void Conflicting_settings_are_refused_naming_both()
    {
        var both = new WorkloadOptions { Options = new Dictionary<string, string> { ["prompt_tokens"] = "100", ["prompt_tokens_dist"] = "fixed:100" } };
        Assert.Contains(WorkloadOptionParser.Validate("synthetic", both), p => $"{p}".StartsWith("workload_options.prompt_tokens_dist: conflicts with workload_options.prompt_tokens", StringComparison.Ordinal));

        var capped = new WorkloadOptions { MaxTokens = 50, Options = new Dictionary<string, string> { ["output_tokens_dist"] = "uniform:10,20" } };
        Assert.Contains(WorkloadOptionParser.Validate("synthetic", capped), p => $"{p}".StartsWith("max_tokens: conflicts with workload_options.output_tokens_dist", StringComparison.Ordinal));
    }
}
