using TokenClock.Core.Http;

namespace TokenClock.Core.Tests.Http;

/// <summary>
/// The fields <c>extra_body</c> may not name are read from each request type, so a field added to a request later
/// is protected without a second list to keep in step.
/// </summary>
public sealed class ExtraBodyOwnedFieldsTests
{
    [Fact]
    public void Owned_fields_are_the_request_types_json_names_without_the_extension_data()
    {
        Assert.Equal(
            ["model", "messages", "max_tokens", "max_completion_tokens", "temperature", "seed", "stream", "stream_options", "min_tokens", "ignore_eos"],
            OpenAIChatProtocol.OwnedFields);
        Assert.Equal(
            ["model", "prompt", "max_tokens", "temperature", "seed", "stream", "stream_options", "min_tokens", "ignore_eos"],
            OpenAICompletionsProtocol.OwnedFields);
        Assert.Equal(["model", "max_tokens", "system", "messages", "temperature", "stream"], AnthropicProtocol.OwnedFields);
    }
}
