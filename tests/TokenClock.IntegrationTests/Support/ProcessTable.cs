using System.Globalization;

namespace TokenClock.IntegrationTests.Support;

/// <summary>One live process, as /proc shows it.</summary>
internal sealed record ProcessEntry(int Pid, int ParentPid, string CommandLine, bool ListensOnLoopback)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"pid {Pid} (ppid {ParentPid}{(ListensOnLoopback ? ", listening on loopback" : "")}): {CommandLine}");
}

/// <summary>
/// Finds the processes a test started, however deep and wherever re-parented: every tokenclock child carries
/// the test's own TOKENCLOCK_HOME in its environment, which its children inherit.
/// </summary>
internal static class ProcessTable
{
    public static IReadOnlyList<ProcessEntry> WithHome(string home)
    {
        var marker = "TOKENCLOCK_HOME=" + home;
        var found = new List<ProcessEntry>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                var environ = File.ReadAllText(Path.Combine(dir, "environ")).Split('\0');
                if (!environ.Contains(marker, StringComparer.Ordinal)) continue;
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] is "Z" or "X") continue; // exited, waiting to be reaped: holds nothing
                var ppid = int.Parse(fields[1], CultureInfo.InvariantCulture);
                var cmd = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Trim();
                found.Add(new ProcessEntry(pid, ppid, cmd, ListensOnLoopback(dir)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // the process ended while being read
            }
        }
        return found;
    }

    /// <summary>Waits up to <paramref name="grace"/> for every process of <paramref name="home"/> to end; returns the survivors.</summary>
    public static async Task<IReadOnlyList<ProcessEntry>> SurvivorsAsync(string home, TimeSpan grace)
    {
        var deadline = DateTime.UtcNow + grace;
        while (true)
        {
            var alive = WithHome(home);
            if (alive.Count == 0 || DateTime.UtcNow >= deadline) return alive;
            await Task.Delay(100);
        }
    }

    /// <summary>Ends processes this test started (found by its own marker), one id at a time.</summary>
    public static void Kill(IEnumerable<ProcessEntry> processes)
    {
        foreach (var p in processes)
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(p.Pid);
                process.Kill();
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // already gone
            }
        }
    }

    private static bool ListensOnLoopback(string procDir)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(procDir, "fd")))
        {
            var target = new FileInfo(fd).LinkTarget;
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)) inodes.Add(target[8..^1]);
        }
        if (inodes.Count == 0) return false;
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table)) continue;
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // local_address st ... inode: LISTEN is 0A; 127.0.0.1 is 0100007F, ::1 ends in 01000000.
                var loopback = f[1].StartsWith("0100007F:", StringComparison.Ordinal) || f[1].StartsWith("00000000000000000000000001000000:", StringComparison.Ordinal);
                if (f[3] == "0A" && loopback && inodes.Contains(f[9])) return true;
            }
        }
        return false;
    }
}
