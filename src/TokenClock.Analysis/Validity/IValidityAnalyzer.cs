namespace TokenClock.Analysis.Validity;

/// <summary>Checks one threat to validity; pure and side-effect free.</summary>
public interface IValidityAnalyzer
{
    /// <summary>Stable id, e.g. "TC001".</summary>
    string Id { get; }

    string Name { get; }

    IEnumerable<ValidityFinding> Analyze(ValidityContext context);
}
