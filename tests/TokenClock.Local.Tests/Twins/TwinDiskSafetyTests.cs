using System.Diagnostics;
using TokenClock.Local.Twins;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Local.Tests.Twins;

/// <summary>Writing a twin never fills the disk, and never leaves a partial file behind for long.</summary>
public sealed class TwinDiskSafetyTests
{
    private static TwinSpec Micro => new(ShapeCatalog.Get("micro").WithLayers(1), TwinFormat.F16, TwinVocabularyKind.Bytes, Seed: 7);

    [Fact]
    public void A_twin_larger_than_the_free_space_is_refused_before_any_byte_is_written()
    {
        using var dir = new TempDir();
        var spec = new TwinSpec(ShapeCatalog.Get("llama-3-70b"), TwinFormat.F32, TwinVocabularyKind.Gpt2);
        var needed = TwinSynthesizer.RequiredBytes(spec);
        Assert.InRange(needed, 280_000_000_000L, 290_000_000_000L); // 70.6 G weights x 4 bytes, plus metadata
        if (new DriveInfo(dir.Path).AvailableFreeSpace > needed) return; // a disk this large cannot show the refusal

        var watch = Stopwatch.StartNew();
        var ex = Assert.Throws<IOException>(() => TwinSynthesizer.Synthesize(spec, dir.File("big.gguf")));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"refusal took {watch.Elapsed}");

        Assert.Contains("GiB are free", ex.Message);
        Assert.Contains("fewer layers (shape@NL)", ex.Message); // the fix, in the library's own terms
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Cancelling_a_write_removes_its_partial_file()
    {
        using var dir = new TempDir();
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(_ => cts.Cancel()); // cancel at the first progress report, mid-write
        var spec = new TwinSpec(ShapeCatalog.Get("tiny"), TwinFormat.F16, TwinVocabularyKind.Gpt2);

        Assert.ThrowsAny<OperationCanceledException>(() => TwinSynthesizer.Synthesize(spec, dir.File("t.gguf"), progress, cts.Token));

        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_partial_file_left_by_a_killed_writer_is_removed_by_the_next_write()
    {
        using var dir = new TempDir();
        var output = dir.File("m.gguf");
        File.WriteAllBytes(output + PartialFiles.Suffix, new byte[4096]); // what SIGKILL mid-write leaves
        var reports = new List<string>();

        TwinSynthesizer.Synthesize(Micro, output, new SyncProgress(reports.Add));

        Assert.Equal(["m.gguf"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        Assert.Contains(reports, r => r.Contains("removed m.gguf.partial", StringComparison.Ordinal));
    }

    [Fact]
    public void The_model_cache_removes_stale_partial_files_but_not_ones_being_written()
    {
        using var dir = new TempDir();
        var stale = dir.File("old.gguf.partial");
        var live = dir.File("busy.gguf.partial");
        File.WriteAllBytes(stale, [1, 2, 3]);
        using (var writer = new FileStream(live, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            var removed = PartialFiles.RemoveStale(dir.Path);

            Assert.Equal(["old.gguf.partial"], removed);
            Assert.True(File.Exists(live), "a partial file held open by its writer was removed");
        }
        Assert.False(File.Exists(stale));
    }

    private sealed class SyncProgress(Action<string> onReport) : IProgress<string>
    {
        public void Report(string value) => onReport(value);
    }
}
