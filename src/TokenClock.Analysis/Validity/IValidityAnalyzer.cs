namespace TokenClock.Analysis.Validity;

/// <summary>Checks one threat to validity; pure and side-effect free.</summary>
public interface IValidityAnalyzer
{
    /// <summary>Stable id, e.g. "TC001".</summary>
    string Id { get; }

    /// <summary>Short human name of the check.</summary>
    string Name { get; }

    /// <summary>Findings about <paramref name="context"/>; none when the threat is absent.</summary>
    IEnumerable<ValidityFinding> Analyze(ValidityContext context);
}
