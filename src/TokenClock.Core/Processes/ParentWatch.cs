using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace TokenClock.Core.Processes;

/// <summary>
/// Makes a child process (a <c>serve --model</c> started by <c>run</c>, a <c>local-worker</c>) die with the
/// process that started it, even when that parent is killed with SIGKILL and runs no cleanup. The parent marks
/// the child's environment with its PID; the child then watches two things: its parent PID changing (a dead
/// parent's children are re-parented) and, where the parent holds the child's stdin, that pipe closing.
/// <para>
/// Why not prctl(PR_SET_PDEATHSIG): Linux sends that signal when the parent THREAD that forked the child
/// exits, and .NET starts processes from pool threads that retire when idle, so a healthy child would be killed.
/// </para>
/// </summary>
public static class ParentWatch
{
    /// <summary>Environment variable holding the parent's PID; set only by <see cref="MarkChild"/>.</summary>
    public const string ParentPidVariable = "TOKENCLOCK_PARENT_PID";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static int _started;

    /// <summary>Marks a child about to be started so that it watches this process.</summary>
    public static void MarkChild(ProcessStartInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.Environment[ParentPidVariable] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// In a marked child: starts watching the parent and returns true. <paramref name="parentGone"/> runs once,
    /// with a sentence saying why, when the parent is gone; it should stop the work and let the process exit.
    /// <paramref name="watchStdin"/> also treats end of stdin as the parent's death (only for children whose
    /// stdin is not a protocol stream read elsewhere). Unmarked processes (started by a user) are not watched.
    /// </summary>
    public static bool StartIfChild(Action<string> parentGone, bool watchStdin)
    {
        ArgumentNullException.ThrowIfNull(parentGone);
        var value = Environment.GetEnvironmentVariable(ParentPidVariable);
        if (value is null || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parent)) return false;
        // Grandchildren are marked by this process itself, never by the inherited value.
        Environment.SetEnvironmentVariable(ParentPidVariable, null);
        if (Interlocked.Exchange(ref _started, 1) == 1) return true;

        var fired = 0;
        void Fire(string why)
        {
            if (Interlocked.Exchange(ref fired, 1) == 0) parentGone(why);
        }

        if (!ParentAlive(parent))
        {
            Fire($"parent process {parent} was already gone at start");
            return true;
        }
        var poll = new Thread(() =>
        {
            while (ParentAlive(parent)) Thread.Sleep(PollInterval);
            Fire($"parent process {parent} is gone");
        }) { IsBackground = true, Name = "tokenclock parent watch" };
        poll.Start();

        if (watchStdin)
        {
            var pipe = new Thread(() =>
            {
                try
                {
                    using var input = Console.OpenStandardInput();
                    var buffer = new byte[256];
                    while (input.Read(buffer, 0, buffer.Length) > 0) { /* the parent writes nothing; only EOF matters */ }
                }
                catch (IOException) { }
                Fire($"the pipe from parent process {parent} closed");
            }) { IsBackground = true, Name = "tokenclock parent pipe" };
            pipe.Start();
        }
        return true;
    }

    /// <summary>True while <paramref name="parent"/> is still this process's parent (Unix) or still running.</summary>
    internal static bool ParentAlive(int parent)
    {
        if (!OperatingSystem.IsWindows()) return GetParentProcessId() == parent;
        try
        {
            using var p = Process.GetProcessById(parent);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "getppid")]
    private static extern int GetParentProcessId();
}
