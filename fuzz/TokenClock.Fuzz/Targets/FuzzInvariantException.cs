namespace TokenClock.Fuzz.Targets;

/// <summary>A parser returned a result that breaks one of its own promises: a finding, like a crash.</summary>
internal sealed class FuzzInvariantException(string message) : Exception(message);
