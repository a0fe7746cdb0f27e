using TokenClock.Core.Settings;

namespace TokenClock.Core.Tests.Settings;

public sealed class SettingExceptionTests
{
    [Fact]
    public void The_message_names_settings_by_key_and_a_front_end_renders_its_own_names_without_rewriting_text()
    {
        var ex = new SettingException(
        [
            new SettingProblem("prompt_tokens", n => $"{n("prompt_tokens")} is 0; it must be at least 1"),
            new SettingProblem("prompt_tokens", n => $"{n("prompt_tokens")} 9000 + {n("output_tokens")} 10 exceed the context"),
        ]);

        Assert.Equal("prompt_tokens is 0; it must be at least 1; prompt_tokens 9000 + output_tokens 10 exceed the context.", ex.Message);
        Assert.Equal("--prompt is 0; it must be at least 1; --prompt 9000 + --output 10 exceed the context.",
            ex.Describe(key => key switch { "prompt_tokens" => "--prompt", "output_tokens" => "--output", _ => key }));
        Assert.Equal(["prompt_tokens", "prompt_tokens"], ex.Settings);
        Assert.Null(ex.ParamName); // no " (Parameter ...)" suffix for a front end to strip
    }

    [Fact]
    public void A_setting_exception_without_problems_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => new SettingException([]));
    }
}
