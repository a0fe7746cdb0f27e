namespace TokenClock.Analysis.Comparison;

public enum Verdict
{
    NoSignificantDifference = 0,
    Faster = 1,
    Slower = 2,
    InsufficientData = 3,
}
