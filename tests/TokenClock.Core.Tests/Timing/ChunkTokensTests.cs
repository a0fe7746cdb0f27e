using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;

namespace TokenClock.Core.Tests.Timing;

public sealed class ChunkTokensTests
{
    [Fact]
    public void Attribution_always_sums_to_the_reported_usage()
    {
        var rng = new Random(20261201);
        for (var trial = 0; trial < 20_000; trial++)
        {
            var n = rng.Next(0, 60);
            var counts = Enumerable.Range(0, n).Select(_ => rng.Next(0, 12)).ToArray();
            var total = n == 0 ? rng.Next(0, 5) : rng.Next(0, 4 * n + 20);
            var before = counts.ToArray();

            var source = ChunkTokens.Attribute(counts, total, backendCounted: rng.Next(2) == 0);

            if (n > 0) Assert.True(total == counts.Sum(), $"trial {trial}: [{string.Join(',', before)}] total {total} gave [{string.Join(',', counts)}]");
            Assert.All(counts, c => Assert.True(c >= 0));
            Assert.NotEqual(TokenAttribution.Local, source);
        }
    }

    [Fact]
    public void One_token_per_chunk_when_chunks_equal_usage_whatever_the_estimate_said()
    {
        int[] counts = [3, 2, 3, 1, 4];

        var source = ChunkTokens.Attribute(counts, 5, backendCounted: false);

        Assert.Equal(TokenAttribution.OnePerChunk, source);
        Assert.Equal([1, 1, 1, 1, 1], counts);
    }

    [Fact]
    public void Otherwise_usage_is_split_in_proportion_to_the_local_count()
    {
        int[] counts = [1, 3, 1, 3];

        var source = ChunkTokens.Attribute(counts, 16, backendCounted: false);

        Assert.Equal(TokenAttribution.Scaled, source);
        Assert.Equal([2, 6, 2, 6], counts);
    }

    [Fact]
    public void Without_usage_the_local_count_stays_and_is_marked_approximate()
    {
        int[] counts = [2, 3];

        Assert.Equal(TokenAttribution.Local, ChunkTokens.Attribute(counts, null, backendCounted: false));
        Assert.Equal(TokenAttribution.Backend, ChunkTokens.Attribute(counts, null, backendCounted: true));
        Assert.Equal([2, 3], counts);
    }

    [Fact]
    public void Reasoning_and_answer_chunks_each_get_their_own_part_of_the_usage()
    {
        ChunkSample[] chunks = [new(1, 8, 2, Reasoning: true), new(2, 8, 2, Reasoning: true), new(3, 4, 1), new(4, 4, 1), new(5, 4, 1)];

        var source = ChunkTokens.Attribute(chunks, new TokenUsage(5, 13, 10), backendCounted: false);

        Assert.Equal(TokenAttribution.OnePerChunk, source);
        Assert.Equal([5, 5, 1, 1, 1], chunks.Select(c => c.Tokens));
    }

    [Fact]
    public void Stored_records_from_before_attribution_are_reattributed_from_their_usage()
    {
        var record = new RequestRecord
        {
            Index = 0, Backend = "b", Model = "m", ScheduledNs = 0, SentNs = 0, OutputChars = 30, ServerOutputTokens = 3,
            Chunks = [new(10, 10, 3), new(20, 10, 3), new(30, 10, 3)],
        };

        var fixedUp = ChunkTokens.Reattribute(record);

        Assert.Equal(TokenAttribution.OnePerChunk, fixedUp.TokenAttribution);
        Assert.Equal([1, 1, 1], fixedUp.Chunks.Select(c => c.Tokens));
    }
}
