using System.Diagnostics;
using System.Text;
using TokenClock.IntegrationTests.Support;
using Xunit.Abstractions;

namespace TokenClock.IntegrationTests.Readme;

/// <summary>Ports the tour fixes (8089, 30000, 9464) are only free when nothing else runs beside it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReadmeTourCollection
{
    public const string Name = "readme-tour";
}

/// <summary>
/// The README's tour, run as printed: each command in order through bash (so quoting, variables and comments mean
/// what they mean to a reader), with `tokenclock` the built CLI, on a fresh TOKENCLOCK_HOME in a folder that holds
/// what a fresh clone has (README.md, docs/), against the simulator the tour starts. No keys, no network.
/// </summary>
[Collection(ReadmeTourCollection.Name)]
public sealed class ReadmeTourTests(ITestOutputHelper output)
{
    // Generous: a loaded 2-core machine took 114 s for a twin synthesis that takes 19 s when quiet.
    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(240);
    private static readonly TimeSpan SlowCommandLimit = TimeSpan.FromMinutes(10);

    [Fact]
    public void The_tour_is_literal_shell_with_few_slow_commands()
    {
        var tour = ReadmeTour.Parse(File.ReadAllText(Path.Combine(RepoRoot, "README.md")));
        Assert.True(tour.Count >= 20, $"only {tour.Count} tour commands found; is the '{ReadmeTour.TourHeading}' section intact?");
        Assert.All(tour.Where(c => c.Kind != TourCommandKind.Variable), c =>
        {
            Assert.StartsWith("tokenclock ", c.Text + " ", StringComparison.Ordinal);
            Assert.DoesNotContain("...", c.Text.Replace("\"Summarize: ...\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
        });
        // Slow commands are the exception: each says why, and few may hide from CI.
        var slow = tour.Where(c => c.Slow).ToArray();
        Assert.True(slow.Length <= 4, "too many tour commands marked slow:\n" + string.Join("\n", slow.Select(c => c.ToString())));
        Assert.All(slow, c => Assert.True(c.Comment!.Length > "slow:".Length + 5, $"{c}: say why it is slow"));
    }

    [Fact]
    public async Task Every_tour_command_runs_as_printed_on_a_fresh_home()
    {
        if (!OperatingSystem.IsLinux()) return;
        var tour = ReadmeTour.Parse(await File.ReadAllTextAsync(Path.Combine(RepoRoot, "README.md")));
        var runSlow = Environment.GetEnvironmentVariable("TOKENCLOCK_TOUR_SLOW") == "1";
        using var dir = new TempDir("tc-tour");
        var work = Path.Combine(dir.Path, "clone");
        CopyFreshClone(work);
        var home = Path.Combine(dir.Path, "home");
        var variables = new StringBuilder();
        var background = new List<(TourCommand Command, TourProcess Process)>();
        var clock = Stopwatch.StartNew();
        try
        {
            foreach (var command in tour)
            {
                if (command.Kind == TourCommandKind.Variable)
                {
                    variables.AppendLine(command.Text);
                    continue;
                }
                if (command.Slow && !runSlow)
                {
                    output.WriteLine($"not run (marked slow; TOKENCLOCK_TOUR_SLOW=1 runs it): {command}");
                    continue;
                }
                var script = $"tokenclock() {{ dotnet \"$TOKENCLOCK_DLL\" \"$@\"; }}\n{variables}{command.Text}\n";
                var process = TourProcess.Start(script, work, home);
                if (command.Kind == TourCommandKind.Background)
                {
                    background.Add((command, process));
                    if (!await process.WaitReadyAsync(TimeSpan.FromSeconds(60)))
                        Assert.Fail($"{command}\nnever said it was listening/ready (exit {process.ExitCodeOrNull}); stderr:\n{Tail(process.Stderr)}\nstdout:\n{Tail(process.Stdout)}");
                    output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  started {command}");
                    continue;
                }
                var started = clock.Elapsed;
                var exit = await process.WaitAsync(command.Slow ? SlowCommandLimit : CommandLimit);
                output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  exit {exit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "timeout"} after {(clock.Elapsed - started).TotalSeconds:0.0} s  {command}");
                if (exit != 0)
                {
                    Assert.Fail($"{command}\n{(exit is null ? "did not finish within its limit" : $"exit {exit}")}; stderr:\n{Tail(process.Stderr)}\nstdout:\n{Tail(process.Stdout)}"
                        + string.Concat(background.Select(b => $"\n-- background {b.Command} stderr:\n{Tail(b.Process.Stderr)}")));
                }
                process.Dispose();
            }
        }
        finally
        {
            foreach (var (_, process) in background) process.Dispose();
        }
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text[^4000..];

    /// <summary>What a fresh clone offers the tour's commands: the README and docs/ (examples, texts to summarize).</summary>
    private static void CopyFreshClone(string target)
    {
        Directory.CreateDirectory(target);
        File.Copy(Path.Combine(RepoRoot, "README.md"), Path.Combine(target, "README.md"));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoRoot, "docs"), "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(RepoRoot, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
    }

    private static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TokenClock.slnx"))) return dir.FullName;
        throw new InvalidOperationException("TokenClock.slnx not found above " + AppContext.BaseDirectory);
    }
}
