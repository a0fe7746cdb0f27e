using System.Text.Json;
using TokenClock.Cluster.Contracts;
using TokenClock.Cluster.Membership;
using TokenClock.Core.Backends;
using TokenClock.Core.Experiments;
using TokenClock.Core.Load;
using TokenClock.Core.Load.Sharding;
using TokenClock.Core.Results;
using TokenClock.Core.Settings;

namespace TokenClock.Cluster.Tests;

public sealed class WireTests
{
    [Fact]
    public void A_shard_crosses_the_wire_with_its_arrivals_backend_and_settings_intact()
    {
        var load = new LoadOptions { Pattern = LoadPattern.OpenLoop(300, ArrivalProcess.Gamma, 2, seed: 9), Requests = 50, Warmup = 4, Timeout = TimeSpan.FromSeconds(7) };
        var shard = ShardPlanner.Split(load, 3)[1];
        var cell = new ExperimentCell(0, "sim [a]", new BackendOptions { Kind = "openai-compatible", Model = "sim", BaseUrl = "http://127.0.0.1:1/v1", ApiKeyEnv = "KEY_VAR" },
            new ExperimentSettings { Request = new() { Prompt = "hé", MaxTokens = 9 }, Load = load });

        var back = WireJson.Read<ShardWork>(WireJson.Write(ShardWork.For(cell, shard)));

        Assert.Equal(shard.Load.Arrivals, back.Settings.Load.Arrivals);
        Assert.Equal(shard with { Load = back.Settings.Load }, back.Shard);
        Assert.Equal(cell.Backend.ApiKeyEnv, back.Backend.ApiKeyEnv);
        Assert.Equal("hé", back.Settings.Request.Prompt);
        Assert.Equal(TimeSpan.FromSeconds(7), back.Settings.Load.Timeout);
        Assert.Equal(ArrivalProcess.Gamma, back.Settings.Load.Pattern.Arrival);
    }

    [Fact]
    public void Records_cross_the_wire_exactly()
    {
        RequestRecord[] records =
        [
            new()
            {
                Index = 3, Backend = "b", Model = "m", ScheduledNs = 10, SentNs = 12, HeadersNs = 20, FirstByteNs = 21, FirstTokenNs = 30,
                LastTokenNs = 90, EndNs = 95, Chunks = [new(30, 4, 1), new(90, 8, 2, Reasoning: true)], OutputChars = 12, ServerOutputTokens = 3,
                LocalOutputTokens = 3, TokenAttribution = TokenAttribution.OnePerChunk, ServerTimings = new ServerTimings(1, 2, 3, 4),
                Flags = RequestFlags.BadUsage, Note = "n", Tags = new Dictionary<string, string> { ["k"] = "v" },
                Scores = new Dictionary<string, double> { ["rouge1"] = 0.25 },
            },
            new() { Index = 4, Backend = "b", Model = "m", ScheduledNs = 11, SentNs = 13, Error = ErrorClass.Timeout, ErrorMessage = "slow" },
        ];

        var back = WireJson.ReadRecords(WireJson.WriteRecords(records));

        Assert.Equal(records.Select(r => JsonSerializer.Serialize(r)), back.Select(r => JsonSerializer.Serialize(r)));
    }

    [Fact]
    public void Chunks_cross_the_wire_packed_and_a_batch_in_the_earlier_object_form_still_reads()
    {
        var chunks = Enumerable.Range(0, 200).Select(i => new ChunkSample(5_000_000_000L + i * 20_000_000L, 4, 1, Reasoning: i < 3)).ToArray();
        RequestRecord[] records = [new() { Index = 1, Backend = "b", Model = "m", ScheduledNs = 10, SentNs = 12, Chunks = chunks }];
        var plain = new JsonSerializerOptions { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
        var objects = JsonSerializer.SerializeToUtf8Bytes(records, plain); // how a worker of the earlier build sends them

        var packed = WireJson.WriteRecords(records);

        Assert.Equal(chunks, Assert.Single(WireJson.ReadRecords(packed)).Chunks);
        Assert.Equal(chunks, Assert.Single(WireJson.ReadRecords(objects)).Chunks);
        Assert.True(packed.Length * 5 < objects.Length, $"packed {packed.Length} B vs objects {objects.Length} B");
    }

    [Theory]
    [InlineData("localhost:30000,30001", "localhost:30000,30001")]
    [InlineData("postgres:Host=db;Username=tc;Password=s3cret", "postgres:Host=db;Username=tc;Password=***")]
    public void Membership_parses_and_never_shows_a_password(string value, string shown)
    {
        Assert.Equal(shown, ClusterMembership.Parse(value).ToString());
    }

    [Theory]
    [InlineData("localhost:abc", "'abc' is not a port")]
    [InlineData("zookeeper:1", "is not a membership this tool knows")]
    [InlineData("postgres:nothing", "no connection string")]
    [InlineData("", "cluster is empty")]
    public void Bad_membership_is_refused_naming_the_value_and_the_forms(string value, string message)
    {
        var ex = Assert.Throws<SettingFormatException>(() => ClusterMembership.Parse(value));
        Assert.Contains(message, ex.Message);
        Assert.Equal(ClusterMembership.Key, Assert.Single(ex.Problems).Setting);
        Assert.Contains("localhost:PORT", ex.Message);
    }

    [Fact]
    public void A_coordinator_needs_gateway_ports()
    {
        var ex = Assert.Throws<SettingFormatException>(() => ClusterMembership.Parse("localhost").RequireGateways());
        Assert.Contains("gateway", ex.Message);
    }
}
