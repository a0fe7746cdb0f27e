namespace TokenClock.Analysis.Fits;

/// <summary>One successful request as the fit sees it: output length x, input tokens, e2e in ms.</summary>
internal readonly record struct FitPoint(double X, double Input, double E2eMs);
