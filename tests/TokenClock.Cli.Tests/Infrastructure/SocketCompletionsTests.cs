using TokenClock.Cli.Infrastructure;

namespace TokenClock.Cli.Tests.Infrastructure;

/// <summary>Which commands run socket completions inline (docs/benchmarks.md, "Client CPU per request").</summary>
public sealed class SocketCompletionsTests
{
    [Theory]
    [InlineData("run --base-url http://127.0.0.1:1/v1 --model m")]
    [InlineData("summarize doc.txt")]
    [InlineData("capacity --slo ttft_p99<=500")]
    public void Measuring_commands_run_socket_completions_inline(string command) =>
        Assert.True(SocketCompletions.ShouldInline(command.Split(' '), current: null));

    [Theory]
    [InlineData("serve --simulate")]
    [InlineData("route --port 1")]
    [InlineData("local-worker")]
    [InlineData("report")]
    [InlineData("run --cluster members.txt")]
    [InlineData("run --cluster=members.txt")]
    [InlineData("")]
    public void Servers_workers_and_cluster_runs_keep_the_thread_pool(string command) =>
        Assert.False(SocketCompletions.ShouldInline(command.Length == 0 ? [] : command.Split(' '), current: null));

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("")]
    public void A_mode_set_by_the_user_is_left_alone(string value) =>
        Assert.False(SocketCompletions.ShouldInline(["run"], value));
}
