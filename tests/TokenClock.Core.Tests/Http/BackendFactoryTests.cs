using TokenClock.Core.Backends;
using TokenClock.Core.Http;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;
using TokenClock.Core.Tokens;

namespace TokenClock.Core.Tests.Http;

/// <summary>Registry kinds, option validation with named errors, and keys that never leak.</summary>
public sealed class BackendFactoryTests
{
    private static readonly BackendRegistry Registry = HttpBackends.Register(new BackendRegistry());

    [Fact]
    public void All_http_kinds_are_registered()
    {
        Assert.Equal(["anthropic", "azure-openai", "openai", "openai-compatible", "openai-completions"], Registry.Kinds);
    }

    [Fact]
    public void Bad_base_url_is_named_with_an_example()
    {
        var errors = Registry.Validate(new BackendOptions { Kind = "openai-compatible", Model = "m", BaseUrl = "localhost:8089" });

        var error = Assert.Single(errors);
        Assert.Contains("base_url 'localhost:8089'", error, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:8089/v1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_base_url_and_model_are_both_reported()
    {
        var errors = Registry.Validate(new BackendOptions { Kind = "azure-openai", Model = "", ApiKeyEnv = "X" });

        Assert.Contains(errors, e => e.StartsWith("model is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("base_url is required for kind 'azure-openai'", StringComparison.Ordinal));
    }

    [Fact]
    public void Completions_refuses_a_max_tokens_field_it_cannot_send()
    {
        var errors = Registry.Validate(new BackendOptions
        {
            Kind = "openai-completions", Model = "m", BaseUrl = "http://127.0.0.1:1/v1",
            Settings = new Dictionary<string, string> { ["max_tokens_field"] = "max_completion_tokens" },
        });

        Assert.Contains(errors, e => e.Contains("max_tokens_field", StringComparison.Ordinal) && e.Contains("only max_tokens", StringComparison.Ordinal));
        Assert.Empty(Registry.Validate(new BackendOptions { Kind = "openai-completions", Model = "m", BaseUrl = "http://127.0.0.1:1/v1" }));
    }

    [Fact]
    public void Completions_prompt_text_keeps_system_prompt_and_history_in_order()
    {
        var request = new BackendRequest
        {
            Prompt = "third", SystemPrompt = "sys",
            History = [new ChatTurn(ChatTurnRole.User, "first"), new ChatTurn(ChatTurnRole.Assistant, "second")],
        };
        Assert.Equal("sys\n\nUser: first\n\nAssistant: second\n\nUser: third\n\nAssistant:", OpenAICompletionsProtocol.PromptText(request));
        Assert.Equal("only", OpenAICompletionsProtocol.PromptText(new BackendRequest { Prompt = "only" }));
    }

    [Theory]
    [InlineData("openai", "https://api.openai.com/v1")]
    [InlineData("anthropic", "https://api.anthropic.com")]
    [InlineData("azure-openai", "https://r.openai.azure.com")]
    public void Missing_key_for_a_remote_host_names_the_variable(string kind, string url)
    {
        var errors = Registry.Validate(new BackendOptions { Kind = kind, Model = "m", BaseUrl = url, ApiKeyEnv = "TOKENCLOCK_TEST_NEVER_SET_KEY" });

        Assert.Contains(errors, e => e.Contains("TOKENCLOCK_TEST_NEVER_SET_KEY", StringComparison.Ordinal));
        var ex = Assert.Throws<ArgumentException>(() => Registry.Create(new BackendOptions { Kind = kind, Model = "m", BaseUrl = url, ApiKeyEnv = "TOKENCLOCK_TEST_NEVER_SET_KEY" }));
        Assert.Contains("TOKENCLOCK_TEST_NEVER_SET_KEY", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    [InlineData("azure-openai")]
    public void Loopback_servers_need_no_key(string kind)
    {
        var errors = Registry.Validate(new BackendOptions { Kind = kind, Model = "m", BaseUrl = "http://127.0.0.1:8089", ApiKeyEnv = "TOKENCLOCK_TEST_NEVER_SET_KEY" });

        Assert.Empty(errors);
    }

    [Fact]
    public void Credentials_in_the_url_are_refused()
    {
        var errors = Registry.Validate(new BackendOptions { Kind = "openai-compatible", Model = "m", BaseUrl = "https://user:pw@host/v1" });

        Assert.Contains(errors, e => e.Contains("user:password@", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_max_tokens_field_setting_names_valid_values()
    {
        var errors = Registry.Validate(new BackendOptions
        {
            Kind = "openai-compatible", Model = "m", BaseUrl = "http://127.0.0.1:1/v1",
            Settings = new Dictionary<string, string> { ["max_tokens_field"] = "n_predict" },
        });

        Assert.Contains(errors, e => e.Contains("'n_predict'", StringComparison.Ordinal) && e.Contains("max_completion_tokens", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("openai", "https://api.openai.com/v1")]
    [InlineData("anthropic", "http://127.0.0.1:1")]
    [InlineData("azure-openai", "http://127.0.0.1:1")]
    [InlineData("openai-compatible", "http://127.0.0.1:1/v1")]
    public async Task The_key_never_appears_in_descriptor_tostring_or_failure_text(string kind, string url)
    {
        const string variable = "TOKENCLOCK_TEST_SECRET_KEY";
        const string secret = "sk-SECRET-a1b2c3d4e5";
        Environment.SetEnvironmentVariable(variable, secret);
        await using var backend = Registry.Create(new BackendOptions { Kind = kind, Model = "m", BaseUrl = url, ApiKeyEnv = variable, Timeout = TimeSpan.FromSeconds(2) });

        Assert.DoesNotContain(secret, backend.Descriptor.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, backend.ToString(), StringComparison.Ordinal);
        if (!url.StartsWith("https://", StringComparison.Ordinal))
        {
            // Loopback port 1 refuses the connection: the failure text must not carry the key either.
            var record = await new RequestRecorder(new RunClock(), ApproximateTokenCounter.Instance)
                .RecordAsync(backend, new BackendRequest { Prompt = "p" }, 0, RequestPhase.Measured, 0, CancellationToken.None);
            Assert.Equal(ErrorClass.Disconnect, record.Error);
            Assert.DoesNotContain(secret, record.ErrorMessage ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain(secret, record.ToString(), StringComparison.Ordinal);
        }
    }
}
