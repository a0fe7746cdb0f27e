namespace TokenClock.Core.Http.Wire;

/// <summary>An in-stream <c>error</c> object; <paramref name="Code"/> is an integer code given as a number or a numeric string.</summary>
internal sealed record OpenAIStreamError(string? Message, string? Type, int? Code);
