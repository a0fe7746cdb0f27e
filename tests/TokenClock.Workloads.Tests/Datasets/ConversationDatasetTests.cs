using TokenClock.Workloads.Datasets;

namespace TokenClock.Workloads.Tests.Datasets;

/// <summary>Conversation JSONL: both shapes read alike; every bad line is an error naming file, line and problem; size is bounded.</summary>
public sealed class ConversationDatasetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tokenclock-convs-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    internal static string Sample
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(dir, "TokenClock.slnx"))) dir = Path.GetDirectoryName(dir) ?? throw new DirectoryNotFoundException("repository root");
            return Path.Combine(dir, "datasets", "conversations-sample.jsonl");
        }
    }

    private string Write(params string[] lines)
    {
        var path = Path.Combine(_folder, "d.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void The_bundled_sample_has_41_conversations_some_multi_turn()
    {
        var dataset = ConversationDataset.Load(Sample);

        Assert.Equal(41, dataset.Conversations.Count);
        Assert.Equal(9, dataset.Conversations.Count(c => c.Turns.Count > 1));
        Assert.All(dataset.Conversations, c => Assert.All(c.Turns, t => Assert.False(string.IsNullOrWhiteSpace(t.Reference))));
        Assert.Equal("conversations-sample.jsonl", dataset.Name);
    }

    [Fact]
    public void ShareGPT_and_OpenAI_lines_read_alike()
    {
        var path = Write(
            """{"id": "a", "conversations": [{"from": "system", "value": "be brief"}, {"from": "human", "value": "hi"}, {"from": "gpt", "value": "hello"}, {"from": "human", "value": "bye"}]}""",
            "",
            """{"id": 7, "messages": [{"role": "user", "content": "q1"}, {"role": "assistant", "content": "a1"}, {"role": "user", "content": "q2"}, {"role": "assistant", "content": "a2"}]}""",
            """{"messages": [{"role": "user", "content": "only"}]}""");

        var c = ConversationDataset.Load(path).Conversations;

        Assert.Equal(3, c.Count);
        Assert.Equal(("a", "be brief"), (c[0].Id, c[0].System));
        Assert.Equal([new ConversationTurn("hi", "hello"), new ConversationTurn("bye", null)], c[0].Turns);
        Assert.Equal("7", c[1].Id);
        Assert.Equal([new ConversationTurn("q1", "a1"), new ConversationTurn("q2", "a2")], c[1].Turns);
        Assert.Equal(("line-4", 4), (c[2].Id, c[2].Line));
    }

    [Theory]
    [InlineData("not json", "d.jsonl:2: not valid JSON")]
    [InlineData("[1, 2]", "d.jsonl:2: expected a JSON object")]
    [InlineData("""{"id": "x", "turns": []}""", "d.jsonl:2: has neither \"conversations\"")]
    [InlineData("""{"conversations": []}""", "d.jsonl:2: \"conversations\" must be a non-empty array")]
    [InlineData("""{"conversations": [{"from": "gpt", "value": "hi"}]}""", "d.jsonl:2: conversations[0]: an assistant message with no user message before it")]
    [InlineData("""{"conversations": [{"from": "human", "value": "a"}, {"from": "human", "value": "b"}]}""", "d.jsonl:2: conversations[1]: two user messages in a row")]
    [InlineData("""{"conversations": [{"from": "bard", "value": "a"}]}""", "d.jsonl:2: conversations[0].from 'bard' is not a known role; valid: human, gpt, system")]
    [InlineData("""{"messages": [{"role": "user", "content": [{"type": "text", "text": "a"}]}]}""", "d.jsonl:2: messages[0].content is missing or not a string")]
    [InlineData("""{"messages": [{"role": "user", "content": "  "}]}""", "d.jsonl:2: messages[0]: the user message is empty")]
    [InlineData("""{"messages": [{"role": "system", "content": "s"}]}""", "d.jsonl:2: \"messages\" has no user message")]
    [InlineData("""{"messages": [{"role": "user", "content": "a"}, {"role": "system", "content": "s"}]}""", "d.jsonl:2: messages[1]: a system message is allowed only first")]
    [InlineData("""{"id": "ok", "messages": [{"role": "user", "content": "again"}]}""", "d.jsonl:2: id 'ok' was already used on line 1")]
    public void A_bad_line_is_an_error_naming_file_line_and_problem(string line, string expected)
    {
        var path = Write("""{"id": "ok", "messages": [{"role": "user", "content": "fine"}]}""", line);

        var ex = Assert.Throws<DatasetFormatException>(() => ConversationDataset.Load(path));

        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_missing_and_oversized_files_are_refused()
    {
        Assert.Contains("no conversations", Assert.Throws<DatasetFormatException>(() => ConversationDataset.Load(Write("", "  "))).Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", Assert.Throws<DatasetFormatException>(() => ConversationDataset.Load(Path.Combine(_folder, "none.jsonl"))).Message, StringComparison.Ordinal);
        var path = Write("""{"messages": [{"role": "user", "content": "0123456789"}]}""");
        Assert.Contains("larger than the 40 bytes", Assert.Throws<DatasetFormatException>(() => ConversationDataset.Load(path, 40, CancellationToken.None)).Message, StringComparison.Ordinal);
    }
}
