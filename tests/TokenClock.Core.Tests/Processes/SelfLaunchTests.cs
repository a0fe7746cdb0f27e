using System.Diagnostics;
using System.Globalization;
using TokenClock.Core.Processes;

namespace TokenClock.Core.Tests.Processes;

public sealed class SelfLaunchTests
{
    [Fact]
    public void An_assembly_runs_through_dotnet_exec_with_its_arguments_after_it()
    {
        var launch = SelfLaunch.Assembly("/opt/tc/tokenclock.dll", "serve", "--port", "0");

        Assert.Equal("dotnet", Path.GetFileNameWithoutExtension(launch.FileName));
        Assert.Equal(["exec", "/opt/tc/tokenclock.dll", "serve", "--port", "0"], launch.Arguments);
    }

    [Fact]
    public void A_wrapper_goes_in_front_and_arguments_appended_go_last()
    {
        var launch = SelfLaunch.Assembly("/opt/tc/tokenclock.dll", "run").With("--json").Under("taskset", "-c", "0");

        Assert.Equal("taskset", launch.FileName);
        Assert.Equal(["-c", "0", launch.Arguments[2], "exec", "/opt/tc/tokenclock.dll", "run", "--json"], launch.Arguments);
        Assert.Equal("dotnet", Path.GetFileNameWithoutExtension(launch.Arguments[2]));
    }

    [Fact]
    public void The_program_of_a_dotnet_hosted_process_is_exec_ed_by_that_host()
    {
        // The test runner is a dll hosted by dotnet, as `dotnet tokenclock.dll` is.
        var launch = SelfLaunch.Program(typeof(SelfLaunchTests).Assembly, "x");

        Assert.Equal(Environment.ProcessPath, launch.FileName);
        Assert.Equal(["exec", typeof(SelfLaunchTests).Assembly.Location, "x"], launch.Arguments);
    }

    [Fact]
    public void Start_info_redirects_as_asked_and_marks_the_child_for_the_parent_watch_unless_told_not_to()
    {
        var launch = SelfLaunch.Assembly("a.dll", "b");

        var marked = launch.StartInfo();
        var plain = launch.StartInfo(redirectInput: false, redirectError: false, watchParent: false);

        Assert.Equal((true, true, true, false), (marked.RedirectStandardInput, marked.RedirectStandardOutput, marked.RedirectStandardError, marked.UseShellExecute));
        Assert.Equal(["exec", "a.dll", "b"], marked.ArgumentList);
        Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), marked.Environment[ParentWatch.ParentPidVariable]);
        Assert.Equal((false, true, false), (plain.RedirectStandardInput, plain.RedirectStandardOutput, plain.RedirectStandardError));
        Assert.False(plain.Environment.ContainsKey(ParentWatch.ParentPidVariable));
    }

    [Fact]
    public async Task A_launched_child_really_runs_with_the_arguments_given()
    {
        // A real child: `dotnet exec` of a dll that does not exist fails naming it, which proves FileName and the
        // argument order reach the OS as built.
        var missing = Path.Combine(Path.GetTempPath(), "tc-no-such-" + Guid.NewGuid().ToString("N") + ".dll");
        using var p = Process.Start(SelfLaunch.Assembly(missing).StartInfo(redirectInput: false, watchParent: false))!;
        var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();

        Assert.NotEqual(0, p.ExitCode);
        Assert.Contains(Path.GetFileName(missing), output, StringComparison.Ordinal);
    }
}
