namespace TokenClock.Analysis.Validity;

/// <summary>One verdict about a run's validity. <see cref="Id"/> is stable (e.g. "TC002") for scripts.</summary>
/// <param name="Id">The analyzer's stable id.</param>
/// <param name="Analyzer">The analyzer's name.</param>
/// <param name="Severity">How much it matters.</param>
/// <param name="Message">What was found and what to do.</param>
/// <param name="Series">The series it concerns, or null for the whole report.</param>
public sealed record ValidityFinding(string Id, string Analyzer, Severity Severity, string Message, string? Series = null);
