using TokenClock.Core.Backends;

namespace TokenClock.Server.Protocol;

/// <summary>What the final events of a response carry.</summary>
internal sealed record StreamSummary(string? FinishReason, TokenUsage Usage, ServerTimings? Timings);
