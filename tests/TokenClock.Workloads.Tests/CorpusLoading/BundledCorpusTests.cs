using TokenClock.Workloads.CorpusLoading;

namespace TokenClock.Workloads.Tests.CorpusLoading;

public sealed class BundledCorpusTests
{
    [Fact]
    public void Bundled_corpus_loads_every_entry_without_warnings()
    {
        var result = BundledCorpus.Load();

        Assert.Empty(result.Warnings);
        Assert.True(result.Documents.Count >= 12, $"only {result.Documents.Count} bundled documents");
        Assert.Equal(result.Documents.Count, result.Documents.Select(d => d.Id).Distinct().Count());
        Assert.Contains(result.Documents, d => d.Reference is not null);
        Assert.True(result.Documents.Select(d => d.Genre).Distinct().Count() >= 3, "the corpus should span several genres");
    }
}
