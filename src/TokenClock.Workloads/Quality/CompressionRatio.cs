namespace TokenClock.Workloads.Quality;

/// <summary>Summary length over document length, in words (0.1 = the summary is a tenth of the document).</summary>
internal static class CompressionRatio
{
    public static double Of(string summary, string document)
    {
        var docWords = RougeTokenizer.CountWords(document);
        return docWords == 0 ? 0 : (double)RougeTokenizer.CountWords(summary) / docWords;
    }
}
