namespace TokenClock.Analysis.Slo;

/// <summary>An <c>--slo</c> value that cannot be read; the message names the bad token and the valid forms.</summary>
public sealed class SloFormatException(string message) : FormatException(message);
