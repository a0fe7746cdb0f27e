namespace TokenClock.Workloads.Quality;

/// <summary>Precision, recall and F1 of one ROUGE variant.</summary>
internal readonly record struct RougeScore(double Precision, double Recall, double F1)
{
    public static RougeScore From(double overlap, int candidateCount, int referenceCount)
    {
        var p = candidateCount == 0 ? 0 : overlap / candidateCount;
        var r = referenceCount == 0 ? 0 : overlap / referenceCount;
        return new RougeScore(p, r, p + r > 0 ? 2 * p * r / (p + r) : 0);
    }
}
