namespace TokenClock.Cli.Infrastructure;

/// <summary>Bad flags or values: exit code 2, message names the bad token and the fix.</summary>
public sealed class UsageException(string message) : Exception(message);
