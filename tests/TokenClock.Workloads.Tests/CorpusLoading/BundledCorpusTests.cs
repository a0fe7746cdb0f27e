using TokenClock.Workloads.CorpusLoading;

namespace TokenClock.Workloads.Tests.CorpusLoading;

public sealed class BundledCorpusTests
{
    [Fact]
    public void Bundled_corpus_loads_every_entry_or_says_that_no_manifest_is_embedded()
    {
        var result = BundledCorpus.Load();

        if (result.Documents.Count == 0)
        {
            // Branches built before the corpus files arrive: the loader must say so, not crash.
            Assert.Contains("manifest", Assert.Single(result.Warnings), StringComparison.Ordinal);
            return;
        }
        Assert.Empty(result.Warnings);
        Assert.True(result.Documents.Count >= 12, $"only {result.Documents.Count} bundled documents");
        Assert.Equal(result.Documents.Count, result.Documents.Select(d => d.Id).Distinct().Count());
        Assert.Contains(result.Documents, d => d.Reference is not null);
        Assert.True(result.Documents.Select(d => d.Genre).Distinct().Count() >= 3, "the corpus should span several genres");
    }
}
