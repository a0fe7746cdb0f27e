using System.Text;
using TokenClock.Workloads.CorpusLoading;

namespace TokenClock.Workloads.Tests.CorpusLoading;

public sealed class CorpusLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tc-corpus-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Embedded_corpus_loads_documents_and_references_and_names_missing_and_empty_files()
    {
        var result = BundledCorpus.Load(typeof(CorpusLoaderTests).Assembly, "TestCorpus/");

        // manifest.json first, then manifest.part2.json; the duplicate id in the part is skipped by name.
        Assert.Equal(["tide-mill", "kettle-notes", "bus-note"], result.Documents.Select(d => d.Id));
        Assert.Contains(result.Warnings, w => w.Contains("tide-mill", StringComparison.Ordinal) && w.Contains("twice", StringComparison.Ordinal));
        Assert.Equal(3, result.Warnings.Count);
        var mill = result.Documents[0];
        Assert.Equal("history", mill.Genre);
        Assert.StartsWith("A tide mill trapped seawater", mill.Reference, StringComparison.Ordinal);
        Assert.Null(result.Documents[1].Reference);
        Assert.Contains(result.Warnings, w => w.Contains("ghost", StringComparison.Ordinal) && w.Contains("missing", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("blank", StringComparison.Ordinal) && w.Contains("empty", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_manifest_is_a_warning_not_a_crash()
    {
        var result = BundledCorpus.Load(typeof(CorpusLoaderTests).Assembly, "NoSuchCorpus/");
        Assert.Empty(result.Documents);
        Assert.Contains("manifest.json", Assert.Single(result.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_loader_skips_empty_and_non_utf8_files_by_name_and_pairs_references()
    {
        File.WriteAllText(Path.Combine(_dir, "a-report.md"), "# Report\n\nSales rose in May.", Encoding.UTF8);
        File.WriteAllText(Path.Combine(_dir, "a-report.summary.txt"), "Sales rose.");
        File.WriteAllText(Path.Combine(_dir, "empty.txt"), "   \n");
        File.WriteAllBytes(Path.Combine(_dir, "binary.txt"), [0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x41]);
        File.WriteAllText(Path.Combine(_dir, "image.png"), "not a text document");
        Directory.CreateDirectory(Path.Combine(_dir, "sub"));
        File.WriteAllText(Path.Combine(_dir, "sub", "note.txt"), "A nested note.");

        var result = CorpusLoader.Load(_dir);

        Assert.Equal(["a-report", "sub/note"], result.Documents.Select(d => d.Id));
        Assert.Equal("Sales rose.", result.Documents[0].Reference);
        Assert.Equal(2, result.Warnings.Count);
        Assert.Contains(result.Warnings, w => w.StartsWith("binary.txt", StringComparison.Ordinal) && w.Contains("UTF-8", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.StartsWith("empty.txt", StringComparison.Ordinal) && w.Contains("empty", StringComparison.Ordinal));
    }

    [Fact]
    public void Jsonl_loader_reads_document_and_summary_and_names_bad_lines()
    {
        var path = Path.Combine(_dir, "set.jsonl");
        File.WriteAllLines(path,
        [
            """{"id": "x1", "document": "The bridge reopened after repairs.", "summary": "Bridge reopened."}""",
            """{"document": "No summary here, and a numeric-free id."}""",
            """{"document": "broken json" """,
            """{"summary": "no document"}""",
            "",
            """{"id": 7, "document": "   "}""",
            """["not", "an", "object"]""",
        ]);

        var result = CorpusLoader.Load(path);

        Assert.Equal(["x1", "set-2"], result.Documents.Select(d => d.Id));
        Assert.Equal("Bridge reopened.", result.Documents[0].Reference);
        Assert.Null(result.Documents[1].Reference);
        Assert.Equal(4, result.Warnings.Count);
        Assert.Contains(result.Warnings, w => w.StartsWith("set.jsonl:3", StringComparison.Ordinal) && w.Contains("JSON", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.StartsWith("set.jsonl:4", StringComparison.Ordinal) && w.Contains("document", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.StartsWith("set.jsonl:6", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.StartsWith("set.jsonl:7", StringComparison.Ordinal));
    }

    [Fact]
    public void A_path_that_does_not_exist_is_named_with_the_valid_forms()
    {
        var missing = Path.Combine(_dir, "nope");
        var ex = Assert.Throws<FileNotFoundException>(() => CorpusLoader.Load(missing));
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
        Assert.Contains(".jsonl", ex.Message, StringComparison.Ordinal);
    }
}
