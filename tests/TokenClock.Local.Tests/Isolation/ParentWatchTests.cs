using System.Diagnostics;
using System.Globalization;
using TokenClock.Core.Processes;
using TokenClock.Local.Isolation;

namespace TokenClock.Local.Tests.Isolation;

/// <summary>
/// Real processes: a shell parent starts this test assembly as a watching child, then the parent is killed
/// with SIGKILL (no cleanup runs in it); the child must notice and exit on its own.
/// </summary>
public sealed class ParentWatchTests
{
    private static readonly string Host = typeof(WorkerHostProgram).Assembly.Location;

    [Fact]
    public async Task A_marked_child_exits_soon_after_its_parent_is_killed_with_sigkill()
    {
        if (OperatingSystem.IsWindows()) return; // the shell parent below is POSIX
        var pidFile = Path.Combine(Path.GetTempPath(), $"tc-watch-{Guid.NewGuid():N}.pid");
        // The shell marks its child with its own PID, as MarkChild does, records the child's PID and waits.
        var script = $"{ParentWatch.ParentPidVariable}=$$ dotnet exec '{Host}' watch-parent 2>'{pidFile}.err' & echo $! > '{pidFile}'; wait";
        using var parent = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", script }, UseShellExecute = false })!;
        try
        {
            var childPid = await WaitForPid(pidFile);
            await WaitForText(pidFile + ".err", "watching");
            using var child = Process.GetProcessById(childPid);

            Kill9(parent.Id);

            var exited = child.WaitForExit(TimeSpan.FromSeconds(10));
            Assert.True(exited, "the child outlived its SIGKILLed parent by 10 s");
            Assert.Contains($"parent process {parent.Id} is gone", await File.ReadAllTextAsync(pidFile + ".err"));
        }
        finally
        {
            if (!parent.HasExited) parent.Kill(entireProcessTree: true);
            foreach (var f in new[] { pidFile, pidFile + ".err" }) File.Delete(f);
        }
    }

    [Fact]
    public async Task An_unmarked_process_is_not_watched()
    {
        var info = new ProcessStartInfo("dotnet") { ArgumentList = { "exec", Host, "watch-parent" }, UseShellExecute = false, RedirectStandardError = true };
        info.Environment.Remove(ParentWatch.ParentPidVariable);
        using var p = Process.Start(info)!;
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(4, p.ExitCode);
    }

    [Fact]
    public void MarkChild_puts_this_process_id_in_the_child_environment()
    {
        var info = new ProcessStartInfo("x");
        ParentWatch.MarkChild(info);
        Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), info.Environment[ParentWatch.ParentPidVariable]);
    }

    private static void Kill9(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-9", pid.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        kill.WaitForExit();
    }

    private static async Task<int> WaitForPid(string file)
    {
        for (var i = 0; i < 300; i++)
        {
            if (File.Exists(file) && int.TryParse((await File.ReadAllTextAsync(file)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return pid;
            await Task.Delay(100);
        }
        throw new TimeoutException("the shell parent did not start its child");
    }

    private static async Task WaitForText(string file, string text)
    {
        for (var i = 0; i < 600; i++)
        {
            if (File.Exists(file) && (await File.ReadAllTextAsync(file)).Contains(text, StringComparison.Ordinal)) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"the child never wrote '{text}'");
    }
}
