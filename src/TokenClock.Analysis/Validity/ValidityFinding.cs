namespace TokenClock.Analysis.Validity;

/// <summary>One verdict about a run's validity. <see cref="Id"/> is stable (e.g. "TC002") for scripts.</summary>
/// <param name="Series">The series it concerns, or null for the whole report.</param>
public sealed record ValidityFinding(string Id, string Analyzer, Severity Severity, string Message, string? Series = null);
