namespace TokenClock.Analysis.Validity;

/// <summary>Checks one threat to validity; pure and side-effect free.</summary>
public interface IValidityAnalyser
{
    /// <summary>Stable id, e.g. "TC001".</summary>
    string Id { get; }

    string Name { get; }

    IEnumerable<ValidityFinding> Analyse(ValidityContext context);
}
