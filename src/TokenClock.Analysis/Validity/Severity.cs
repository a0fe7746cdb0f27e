namespace TokenClock.Analysis.Validity;

/// <summary>How much a validity finding matters.</summary>
public enum Severity
{
    /// <summary>Worth knowing; results stand.</summary>
    Hint = 0,
    /// <summary>Results need care when read.</summary>
    Warning = 1,
    /// <summary>Results are likely invalid.</summary>
    Error = 2,
}
