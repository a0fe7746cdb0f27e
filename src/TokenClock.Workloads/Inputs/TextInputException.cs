namespace TokenClock.Workloads.Inputs;

/// <summary>A document that cannot be summarized; the message completes "FILE 'path' ..." and names a fix.</summary>
public sealed class TextInputException(string message) : Exception(message);
