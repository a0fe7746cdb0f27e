using TokenClock.Core.Backends;
using TokenClock.Core.Workloads;
using TokenClock.Workloads.Datasets;
using TokenClock.Workloads.Generators;
using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Workloads.Tests.Datasets;

/// <summary>Requests from a dataset: prompt, output budget, system message, turns and tags.</summary>
public sealed class DatasetRequestSourceTests
{
    private static readonly TiktokenTokenCounter Gpt2 = TiktokenTokenCounter.ForEncoding("gpt2");
    private static readonly ConversationDataset Sample = ConversationDataset.Load(ConversationDatasetTests.Sample);

    [Fact]
    public void First_turn_prompt_and_reference_length_budget_cycle_through_the_conversations()
    {
        var source = new DatasetRequestSource(Sample, new WorkloadOptions(), Gpt2);

        for (var i = 0; i < 45; i++)
        {
            var conversation = Sample.Conversations[i % Sample.Conversations.Count];
            var request = source.GetRequest(i);
            Assert.Equal(conversation.Turns[0].User, request.Prompt);
            Assert.Equal(Gpt2.CountTokens(conversation.Turns[0].Reference!), request.MaxTokens);
            Assert.Empty(request.History);
            Assert.Equal(conversation.Id, request.Tags["conversation"]);
            Assert.Equal(("1", "1", "reference"), (request.Tags["turn"], request.Tags["turns"], request.Tags["max_tokens_from"]));
        }
        Assert.Equal(1, source.TurnCount(2));
    }

    [Fact]
    public void Explicit_max_tokens_system_prompt_and_template_fields_are_sent_as_given()
    {
        var source = new DatasetRequestSource(Sample, new WorkloadOptions { MaxTokens = 33, SystemPrompt = "S", Temperature = 0.5, Seed = 4 }, Gpt2);

        var request = source.GetRequest(0);

        Assert.Equal((33, "S", 0.5, 4), (request.MaxTokens, request.SystemPrompt, request.Temperature!.Value, request.Seed!.Value));
        Assert.Equal("max_tokens", request.Tags["max_tokens_from"]);
    }

    [Fact]
    public void A_turn_without_reference_gets_the_default_budget_and_the_conversation_system_message()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("tokenclock-ds-").FullName, "s.jsonl");
        File.WriteAllText(path, """{"messages": [{"role": "system", "content": "sys"}, {"role": "user", "content": "hi"}]}""");
        var source = new DatasetRequestSource(ConversationDataset.Load(path), new WorkloadOptions(), Gpt2);

        var request = source.GetRequest(0);

        Assert.Equal((WorkloadOptions.DefaultMaxTokens, "sys", "default"), (request.MaxTokens, request.SystemPrompt, request.Tags["max_tokens_from"]));
    }

    [Fact]
    public void Multi_turn_sessions_send_later_turns_with_the_given_history_and_cap_the_turn_count()
    {
        var third = Sample.Conversations[2];
        var all = new DatasetRequestSource(Sample, new WorkloadOptions(), Gpt2, maxTurns: 256);
        var two = new DatasetRequestSource(Sample, new WorkloadOptions(), Gpt2, maxTurns: 2);
        ChatTurn[] history = [ChatTurn.User(third.Turns[0].User), ChatTurn.Assistant("what came back")];

        var turn2 = all.GetTurn(2, 1, history);

        Assert.Equal((3, 2, 1), (all.TurnCount(2), two.TurnCount(2), two.TurnCount(0)));
        Assert.Equal(third.Turns[1].User, turn2.Prompt);
        Assert.Equal(history, turn2.History);
        Assert.Equal(Gpt2.CountTokens(third.Turns[1].Reference!), turn2.MaxTokens);
        Assert.Equal(("2", "3", "2"), (turn2.Tags["turn"], turn2.Tags["turns"], turn2.Tags["session"]));
    }

    [Fact]
    public void Shared_prefix_goes_before_the_first_user_turn_only()
    {
        var prefix = new SharedPrefix(Gpt2, 24, 2);
        var source = new DatasetRequestSource(Sample, new WorkloadOptions(), Gpt2, 256, prefix);

        Assert.Equal(prefix.PrefixOf(0) + "\n\n" + Sample.Conversations[2].Turns[0].User, source.GetTurn(2, 0, []).Prompt);
        Assert.Equal(Sample.Conversations[2].Turns[1].User, source.GetTurn(2, 1, []).Prompt);
        Assert.Equal("1", source.GetRequest(3).Tags["prefix_group"]);
    }

    [Theory]
    [InlineData("turns", "0", "workload_options.turns: '0' is not 'all' or a whole number from 1 to 256")]
    [InlineData("corpus", "x", "workload_options.corpus: not an option of the dataset workload (dataset)")]
    [InlineData("prefix_groups", "2", "workload_options.prefix_groups: has no effect without workload_options.shared_prefix_tokens")]
    [InlineData("shared_prefix_tokens", "0", "workload_options.shared_prefix_tokens: '0' is not a whole number from 1 to 200000")]
    public void Bad_options_are_reported_naming_the_key(string key, string value, string expected)
    {
        var problems = new DatasetWorkload().Validate(new WorkloadOptions
        {
            Dataset = ConversationDatasetTests.Sample,
            Options = new Dictionary<string, string> { [key] = value },
        });

        Assert.Contains(problems, p => $"{p}".StartsWith(expected, StringComparison.Ordinal) && p.Setting == "workload_options." + key);
    }

    [Fact]
    public void Validation_reads_the_file_and_refuses_a_prompt_or_a_missing_dataset()
    {
        Assert.Empty(new DatasetWorkload().Validate(new WorkloadOptions { Dataset = ConversationDatasetTests.Sample }));
        Assert.Contains("dataset: the dataset workload needs a conversation file", new DatasetWorkload().Validate(new WorkloadOptions())[0].ToString(), StringComparison.Ordinal);
        Assert.Contains(new DatasetWorkload().Validate(new WorkloadOptions { Dataset = ConversationDatasetTests.Sample, Prompt = "p" }),
            p => $"{p}".StartsWith("prompt: conflicts with dataset", StringComparison.Ordinal));
    }
}
