namespace TokenClock.Analysis.Crossover;

/// <summary>What the crossover analysis of two series concludes.</summary>
public enum CrossoverOutcome
{
    /// <summary>The faster backend changes inside the measured range, significantly at both ends.</summary>
    Crossover = 0,
    /// <summary>One backend is significantly faster at both ends of the measured range.</summary>
    NoCrossoverInRange = 1,
    /// <summary>Significant at one end only.</summary>
    SignificantAtOneEnd = 2,
    /// <summary>Neither end shows a difference whose CI excludes zero.</summary>
    NoSignificantDifference = 3,
}
