using TokenClock.Core.ServerMetrics;

namespace TokenClock.Core.Tests.ServerMetrics;

public sealed class PrometheusTextParserTests
{
    [Fact]
    public void Reads_vllm_style_gauges_with_labels_and_colon_names()
    {
        const string text = "# HELP vllm:num_requests_running Number of requests currently running on GPU.\n" +
                            "# TYPE vllm:num_requests_running gauge\n" +
                            "vllm:num_requests_running{model_name=\"meta-llama/Llama-3.1-8B\"} 3.0\n" +
                            "# TYPE vllm:generation_tokens_total counter\n" +
                            "vllm:generation_tokens_total{model_name=\"meta-llama/Llama-3.1-8B\"} 1.2345e+05\n";

        var samples = PrometheusTextParser.Parse(text);

        Assert.Equal(2, samples.Count);
        Assert.Equal(new PrometheusSample("vllm:num_requests_running", "{model_name=\"meta-llama/Llama-3.1-8B\"}", 3, "gauge"), samples[0]);
        Assert.Equal(123450, samples[1].Value);
        Assert.Equal("counter", samples[1].Type);
    }

    [Fact]
    public void Histogram_series_belong_to_their_family_and_special_values_parse()
    {
        const string text = "# TYPE tgi_request_duration histogram\r\n" +
                            "tgi_request_duration_bucket{le=\"0.5\"} 4\r\n" +
                            "tgi_request_duration_bucket{le=\"+Inf\"} 9\r\n" +
                            "tgi_request_duration_sum 3.25\r\n" +
                            "tgi_request_duration_count 9 1700000000000\r\n" +
                            "llamacpp:kv_cache_usage_ratio NaN\n" +
                            "free_bytes -Inf\n";

        var samples = PrometheusTextParser.Parse(text);

        Assert.Equal(["histogram", "histogram", "histogram", "histogram", "untyped", "untyped"], samples.Select(s => s.Type));
        Assert.Equal("{le=\"+Inf\"}", samples[1].Labels);
        Assert.True(double.IsNaN(samples[4].Value));
        Assert.Equal(double.NegativeInfinity, samples[5].Value);
    }

    [Fact]
    public void Label_values_unescape_and_labels_come_out_in_canonical_order()
    {
        var sample = Assert.Single(PrometheusTextParser.Parse("m{z=\"a\\\"b\",a=\"x\\\\y\\nz\",} 1\n"));

        Assert.Equal("{a=\"x\\\\y\\nz\",z=\"a\\\"b\"}", sample.Labels);
    }

    [Theory]
    [InlineData("9metric 1", "line 1: a sample must start with a metric name")]
    [InlineData("# TYPE m gauge\nm{a=\"1\"} one", "line 2: 'one' is not a number")]
    [InlineData("m{a=1} 1", "line 1: label 'a' needs =\"value\"")]
    [InlineData("m{a=\"1} 1", "line 1: label 'a' has an unterminated value")]
    [InlineData("m{a=\"1\",a=\"2\"} 1", "line 1: label 'a' appears twice")]
    [InlineData("m{a=\"\\t\"} 1", "line 1: unknown escape '\\t'")]
    [InlineData("# TYPE m gauges", "line 1: unknown metric type 'gauges'")]
    [InlineData("# TYPE m gauge\n# TYPE m counter", "line 2: a second # TYPE for 'm'")]
    [InlineData("m 1 2 3", "line 1: expected a value (and optionally a timestamp)")]
    [InlineData("m 1 soon", "line 1: timestamp 'soon' is not an integer")]
    [InlineData("<html>oops</html>", "line 1: a sample must start with a metric name")]
    public void Malformed_text_is_refused_naming_the_line(string text, string expected)
    {
        var ex = Assert.Throws<PrometheusFormatException>(() => PrometheusTextParser.Parse(text));
        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Comments_and_blank_lines_are_skipped()
    {
        var samples = PrometheusTextParser.Parse("# just a comment\n\n   \n# HELP m help text with # and {}\nm 0\n");
        Assert.Equal(0, Assert.Single(samples).Value);
    }
}
